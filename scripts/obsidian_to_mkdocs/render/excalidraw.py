"""An Excalidraw drawing on the page: its exported `x.excalidraw.svg`/`.png` when the vault has
one, else its scene drawn here as SVG, at build time, with no script.

The SVG is written as a `data:` image, so no Markdown or HTML processing reaches its text, no
script in it can run, and it sits inline or as a block alike. Images the drawing places are
inlined into it too (an SVG shown as an image loads nothing else).
"""

from __future__ import annotations

import base64
import math
import posixpath
from collections.abc import Iterator

from ..context import PageContext
from ..excalidraw import embedded_files, read_scene
from ..shared import MISSING_EMBED_ATTRS
from ..vault import Note
from .escape import html_text, markdown_text

EXPORTS = (".svg", ".png")
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif"}
IMAGE_TYPES |= {"webp": "image/webp", "svg": "image/svg+xml"}
DATA_URLS = tuple(f"data:{kind};base64," for kind in IMAGE_TYPES.values())
MAX_INLINED_IMAGES = 8_000_000  # bytes of placed images inlined into one drawing
SANS = "Nunito, Helvetica, Arial, sans-serif"
MONO = "Cascadia, 'Comic Shanns', Consolas, 'Courier New', monospace"
FONTS = {2: SANS, 3: MONO, 6: SANS, 8: MONO, 9: SANS}  # Excalidraw's fontFamily numbers
# Virgil and Excalifont (1, 5) are handwriting; the page has no such font: a system one or sans.
HAND_FONT = "Virgil, Excalifont, 'Segoe Print', 'Comic Sans MS', 'Bradley Hand', sans-serif"
DASHES = {"dashed": "8 6", "dotted": "1.5 6"}
XML_INVALID = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


def drawing_image(note: Note, ctx: PageContext, line: int, size: str = "") -> str:
    """The drawing as a Markdown image (class `ofm-excalidraw`, `size` attributes such as
    `width="300"`), or its name, visibly unresolved."""
    alt, attrs = markdown_text(note.title), " ".join(filter(None, ("{ .ofm-excalidraw", size, "}")))
    for extension in EXPORTS:
        exported = ctx.site.index.resolve_file(note.path[:-3] + extension, note.path)
        if exported.path is not None:
            ctx.use_attachment(exported.path)
            return f"![{alt}]({ctx.url_to(exported.path)}){attrs}"
    scene = read_scene(note)
    if scene is None:
        ctx.warn(line, f"drawing {note.path} has no scene that can be read")
        return f"<span {MISSING_EMBED_ATTRS}>{html_text(note.title)}</span>"
    svg = scene_svg(scene, _placed_images(note, scene, ctx))
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f"![{alt}](data:image/svg+xml;base64,{data}){attrs}"


def _placed_images(note: Note, scene: dict, ctx: PageContext) -> dict[str, str]:
    """File id -> `data:` URL of each image the drawing places: from the scene itself, or read
    from the vault file its `## Embedded Files` names (within MAX_INLINED_IMAGES)."""
    urls: dict[str, str] = {}
    files = scene.get("files")
    for file_id, entry in (files if isinstance(files, dict) else {}).items():
        url = entry.get("dataURL") if isinstance(entry, dict) else None
        if isinstance(url, str) and url.startswith(
            tuple(f"data:{t};" for t in IMAGE_TYPES.values())
        ):
            urls[str(file_id)] = url
    budget = MAX_INLINED_IMAGES
    for file_id, target in embedded_files(note).items():
        kind = IMAGE_TYPES.get(posixpath.splitext(target)[1][1:].lower())
        found = ctx.site.index.resolve_file(target, note.path).path
        if file_id in urls or kind is None or found is None:
            continue
        try:
            data = ctx.read_file(found)
        except OSError:
            continue
        if len(data) <= budget:
            budget -= len(data)
            urls[file_id] = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
    return urls


def _number(element: dict, key: str, default: float = 0.0) -> float:
    value = element.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return default
    return float(value)


def _points(element: dict) -> list[tuple[float, float]]:
    """Absolute points of a line, arrow or freehand stroke."""
    x, y = _number(element, "x"), _number(element, "y")
    points = []
    for point in element.get("points") or []:
        if isinstance(point, list | tuple) and len(point) >= 2:
            px, py = _number({"v": point[0]}, "v"), _number({"v": point[1]}, "v")
            points.append((x + px, y + py))
    return points


def _box(element: dict) -> tuple[float, float, float, float]:
    return (
        _number(element, "x"),
        _number(element, "y"),
        _number(element, "width"),
        _number(element, "height"),
    )


def _bounds(elements: list[dict]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for element in elements:
        points = _points(element)
        if points:
            xs += [p[0] for p in points]
            ys += [p[1] for p in points]
        else:
            x, y, w, h = _box(element)
            xs += [x, x + w]
            ys += [y, y + h]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 1.0, 1.0)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _colour(element: dict, key: str, default: str) -> str:
    value = element.get(key)
    return html_text(value) if isinstance(value, str) and value.strip() else default


def _style(element: dict, fill: bool = True) -> str:
    """The attributes every shape shares: stroke, fill, dashes, opacity and rotation."""
    stroke = _colour(element, "strokeColor", "#1e1e1e")
    background = _colour(element, "backgroundColor", "transparent")
    attrs = [
        f'stroke="{stroke}"',
        f'stroke-width="{_f(max(_number(element, "strokeWidth", 1), 0.5))}"',
        f'fill="{background if fill and background != "transparent" else "none"}"',
    ]
    dash = DASHES.get(str(element.get("strokeStyle")))
    if dash and element.get("type") != "freedraw":  # Excalidraw draws freehand solid
        attrs.append(f'stroke-dasharray="{dash}"')
    opacity = _number(element, "opacity", 100)
    if opacity < 100:
        attrs.append(f'opacity="{_f(max(opacity, 0) / 100)}"')
    return " ".join(attrs) + _rotation(element)


def _rotation(element: dict) -> str:
    """Excalidraw turns an element by `angle` radians about the centre of its box."""
    angle = _number(element, "angle")
    if not angle:
        return ""
    x, y, w, h = _box(element)
    return f' transform="rotate({_f(math.degrees(angle))} {_f(x + w / 2)} {_f(y + h / 2)})"'


def _path(points: list[tuple[float, float]]) -> str:
    head, *rest = points
    return f"M{_f(head[0])} {_f(head[1])}" + "".join(f"L{_f(x)} {_f(y)}" for x, y in rest)


def _arrowhead(tip: tuple[float, float], tail: tuple[float, float], size: float) -> str:
    """Two strokes back from `tip`, 25° either side of the segment from `tail`."""
    angle = math.atan2(tip[1] - tail[1], tip[0] - tail[0])
    length = min(size, math.dist(tip, tail) or size)
    ends = [
        (tip[0] - length * math.cos(angle + turn), tip[1] - length * math.sin(angle + turn))
        for turn in (math.radians(25), -math.radians(25))
    ]
    return _path([ends[0], tip, ends[1]])


def _shape(element: dict, images: dict[str, str]) -> str:
    kind = element.get("type")
    x, y, w, h = _box(element)
    if kind == "rectangle":
        radius = min(32.0, 0.25 * min(abs(w), abs(h))) if element.get("roundness") else 0
        return (
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(abs(w))}" height="{_f(abs(h))}" '
            f'rx="{_f(radius)}" {_style(element)}/>'
        )
    if kind == "ellipse":
        return (
            f'<ellipse cx="{_f(x + w / 2)}" cy="{_f(y + h / 2)}" rx="{_f(abs(w) / 2)}" '
            f'ry="{_f(abs(h) / 2)}" {_style(element)}/>'
        )
    if kind == "diamond":
        corners = [(x + w / 2, y), (x + w, y + h / 2), (x + w / 2, y + h), (x, y + h / 2)]
        return f'<path d="{_path(corners)}Z" {_style(element)}/>'
    if kind in ("line", "arrow", "freedraw"):
        return _stroke(element, kind)
    if kind == "text":
        return _text(element)
    if kind == "image" and str(element.get("fileId")) in images:
        href = html_text(images[str(element.get("fileId"))])
        return (
            f'<image x="{_f(x)}" y="{_f(y)}" width="{_f(abs(w))}" height="{_f(abs(h))}" '
            f'preserveAspectRatio="none" href="{href}"/>'
        )
    return ""  # frames, embedded web pages, images whose file is missing


def _stroke(element: dict, kind: str) -> str:
    points = _points(element)
    if not points:
        return ""
    if len(points) == 1:
        points = [points[0], (points[0][0] + 0.5, points[0][1])]  # a dot
    width = max(_number(element, "strokeWidth", 1), 0.5)
    closed = kind == "line" and len(points) > 2 and math.dist(points[0], points[-1]) < 1
    parts = [_path(points)]
    if kind == "arrow":
        size = 15 + 2 * width
        if element.get("endArrowhead"):
            parts.append(_arrowhead(points[-1], points[-2], size))
        if element.get("startArrowhead"):
            parts.append(_arrowhead(points[0], points[1], size))
    style = _style(element, fill=closed)
    if kind == "freedraw":
        style = style.replace(f'stroke-width="{_f(width)}"', f'stroke-width="{_f(width * 1.5)}"')
    return f'<path d="{"".join(parts)}" {style} stroke-linecap="round" stroke-linejoin="round"/>'


def _text(element: dict) -> str:
    text = element.get("text")
    if not isinstance(text, str) or not text.strip():
        return ""
    x, y, w, _ = _box(element)
    size = max(_number(element, "fontSize", 20), 1)
    line_height = size * _number(element, "lineHeight", 1.25)
    align = element.get("textAlign")
    anchor, left = {"center": ("middle", x + w / 2), "right": ("end", x + w)}.get(
        str(align), ("start", x)
    )
    font = FONTS.get(int(_number(element, "fontFamily", 1)), HAND_FONT)
    lines = "".join(
        f'<tspan x="{_f(left)}" y="{_f(y + (i + 0.5) * line_height)}">'
        f"{html_text(line.translate(XML_INVALID))}</tspan>"
        for i, line in enumerate(text.split("\n"))
    )
    colour = _colour(element, "strokeColor", "#1e1e1e")
    opacity = _number(element, "opacity", 100)
    extra = f' opacity="{_f(max(opacity, 0) / 100)}"' if opacity < 100 else ""
    extra += _rotation(element)
    return (
        f'<text fill="{colour}" font-size="{_f(size)}" font-family="{html_text(font)}" '
        f'text-anchor="{anchor}" dominant-baseline="central"{extra}>{lines}</text>'
    )


def _elements(scene: dict) -> Iterator[dict]:
    elements = scene.get("elements")
    for element in elements if isinstance(elements, list) else []:
        if isinstance(element, dict) and not element.get("isDeleted"):
            yield element


def scene_svg(scene: dict, images: dict[str, str]) -> str:
    """The scene as a standalone SVG document, sized to its drawing plus a margin."""
    elements = list(_elements(scene))
    left, top, right, bottom = _bounds(elements)
    margin = 10 + max((_number(e, "strokeWidth", 1) for e in elements), default=1)
    left, top = left - margin, top - margin
    width, height = right - left + margin, bottom - top + margin
    app = scene.get("appState")
    background = _colour(app if isinstance(app, dict) else {}, "viewBackgroundColor", "#ffffff")
    shapes = "".join(_shape(element, images) for element in elements)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(width)}" height="{_f(height)}" '
        f'viewBox="{_f(left)} {_f(top)} {_f(width)} {_f(height)}">'
        f'<rect x="{_f(left)}" y="{_f(top)}" width="{_f(width)}" height="{_f(height)}" '
        f'fill="{background}"/>{shapes}</svg>'
    )
