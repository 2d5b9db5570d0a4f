"""JSON Canvas 1.0 (`.canvas` files): parsed and validated into plain, trusted-shape data.

A canvas is untrusted input. Only what the spec allows survives: integers for geometry,
known node types, sides and ends, and colours that are a preset (`"1"`..`"6"`) or a hex
colour. A node or edge that breaks the spec is dropped with a problem message; a file that is
no JSON object at all raises CanvasError (the canvas is then not published).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

NODE_TYPES = ("text", "file", "link", "group")
SIDES = ("top", "right", "bottom", "left")
ENDS = ("none", "arrow")
PRESET_COLORS = ("1", "2", "3", "4", "5", "6")  # red, orange, yellow, green, cyan, purple
HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
BACKGROUND_STYLES = ("cover", "ratio", "repeat")
MAX_COORDINATE = 10_000_000  # beyond this a board is no drawing: the node is dropped


class CanvasError(ValueError):
    """The file is not a JSON Canvas at all (not JSON, or not an object)."""


@dataclass(frozen=True)
class CanvasNode:
    id: str
    type: str  # one of NODE_TYPES
    x: int
    y: int
    width: int
    height: int
    index: int  # place in the file's node list: the spec's z-order (first is lowest)
    color: str | None = None  # a preset "1".."6" or "#rrggbb" (lower case)
    text: str = ""  # text nodes
    file: str = ""  # file nodes
    subpath: str = ""  # file nodes: "#Heading" or "#^block"
    url: str = ""  # link nodes
    label: str = ""  # groups
    background: str = ""  # groups: path of a background image
    background_style: str = "cover"

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def area(self) -> int:
        return self.width * self.height


@dataclass(frozen=True)
class CanvasEdge:
    id: str
    from_node: str
    to_node: str
    from_side: str | None = None
    to_side: str | None = None
    from_end: str = "none"
    to_end: str = "arrow"
    color: str | None = None
    label: str = ""


@dataclass(frozen=True)
class Canvas:
    nodes: tuple[CanvasNode, ...]
    edges: tuple[CanvasEdge, ...]
    problems: tuple[str, ...] = ()  # what was dropped, and why (for the build report)


def parse_color(value: Any) -> str | None:
    """A preset number or a validated hex colour (`#abc` becomes `#aabbcc`); None otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value in PRESET_COLORS:
        return value
    if HEX_COLOR.fullmatch(value):
        digits = value[1:].lower()
        return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)
    return None


def parse_canvas(text: str) -> Canvas:
    """The canvas in `text`; raises CanvasError when it is not a JSON object."""
    try:
        data = json.loads(text) if text.strip() else {}
    except (ValueError, RecursionError) as exc:
        raise CanvasError(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise CanvasError("not a JSON Canvas (the top level is not an object)")
    problems: list[str] = []
    nodes: list[CanvasNode] = []
    seen: set[str] = set()
    for index, raw in enumerate(_list(data, "nodes", problems)):
        node = _node(raw, index, problems)
        if node is not None and node.id in seen:
            problems.append(f"node id '{node.id}' is used twice; the second is dropped")
        elif node is not None:
            seen.add(node.id)
            nodes.append(node)
    edges = []
    for raw in _list(data, "edges", problems):
        edge = _edge(raw, problems)
        if edge is not None and {edge.from_node, edge.to_node} <= seen:
            edges.append(edge)
        elif edge is not None:
            problems.append(f"edge '{edge.id}' joins a node that does not exist; dropped")
    return Canvas(tuple(nodes), tuple(edges), tuple(problems))


def _list(data: dict, key: str, problems: list[str]) -> list:
    value = data.get(key, [])
    if isinstance(value, list):
        return value
    problems.append(f"'{key}' is not a list; ignored")
    return []


def _int(raw: dict, key: str) -> int | None:
    value = raw.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # some writers emit 120.0; the spec says integer
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_COORDINATE:
        return value
    return None


def _str(raw: dict, key: str) -> str:
    value = raw.get(key)
    return value if isinstance(value, str) else ""


def _node(raw: Any, index: int, problems: list[str]) -> CanvasNode | None:
    if not isinstance(raw, dict):
        problems.append(f"node {index + 1} is not an object; dropped")
        return None
    node_id, kind = raw.get("id"), raw.get("type")
    name = f"node '{node_id}'" if isinstance(node_id, str) else f"node {index + 1}"
    geometry = [_int(raw, k) for k in ("x", "y", "width", "height")]
    if not isinstance(node_id, str) or kind not in NODE_TYPES or None in geometry:
        problems.append(f"{name} lacks an id, a known type or integer x, y, width, height; dropped")
        return None
    x, y, width, height = (int(v) for v in geometry)  # type: ignore[arg-type]
    if width <= 0 or height <= 0:
        problems.append(f"{name} has no size; dropped")
        return None
    required = {"file": "file", "link": "url"}.get(str(kind))
    if required and not _str(raw, required).strip():
        problems.append(f"{name} has no {required}; dropped")
        return None
    subpath = _str(raw, "subpath")
    style = _str(raw, "backgroundStyle")
    return CanvasNode(
        id=node_id,
        type=str(kind),
        x=x,
        y=y,
        width=width,
        height=height,
        index=index,
        color=parse_color(raw.get("color")),
        text=_str(raw, "text"),
        file=_str(raw, "file"),
        subpath=subpath if subpath.startswith("#") else "",
        url=_str(raw, "url").strip(),
        label=_str(raw, "label"),
        background=_str(raw, "background"),
        background_style=style if style in BACKGROUND_STYLES else "cover",
    )


def _edge(raw: Any, problems: list[str]) -> CanvasEdge | None:
    if not isinstance(raw, dict):
        problems.append("an edge is not an object; dropped")
        return None
    edge_id, source, target = raw.get("id"), raw.get("fromNode"), raw.get("toNode")
    if not all(isinstance(v, str) for v in (edge_id, source, target)):
        problems.append("an edge lacks an id, fromNode or toNode; dropped")
        return None
    return CanvasEdge(
        id=str(edge_id),
        from_node=str(source),
        to_node=str(target),
        from_side=_choice(raw.get("fromSide"), SIDES),
        to_side=_choice(raw.get("toSide"), SIDES),
        from_end=_choice(raw.get("fromEnd"), ENDS) or "none",
        to_end=_choice(raw.get("toEnd"), ENDS) or "arrow",
        color=parse_color(raw.get("color")),
        label=_str(raw, "label"),
    )


def _choice(value: Any, allowed: tuple[str, ...]) -> str | None:
    return value if isinstance(value, str) and value in allowed else None
