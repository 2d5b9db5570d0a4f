"""A canvas drawn as HTML: its own page (a board the theme's canvas.js pans and zooms) and a
small, still view where a note embeds it.

The board is complete without a script: nodes are absolutely positioned boxes, edges an inline
SVG, all computed here. Nodes are written in reading order (top to bottom, left to right, a
group's nodes inside the group), so search, screen readers and readers without JavaScript
(the board then scrolls at full size) read the canvas in order; the file's z-order is kept
with `z-index`. Text nodes and notes in file nodes go through the same conversion as a note
(`md_in_html` renders their Markdown inside the boxes). Every string from the file is escaped.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from urllib.parse import urlsplit

from ..context import PageContext, Site
from ..excalidraw import is_drawing
from ..index import link_path
from ..labels import labels
from ..syntax.canvas import Canvas, CanvasNode, parse_canvas
from ..syntax.wikilinks import WikiLink
from ..vault import Note, is_canvas
from . import blocks, links
from . import page as note_page  # a module: render.page imports this one through blocks
from .canvas_layout import Layout, layout
from .escape import html_text, markdown_text
from .rawhtml import VOID

UNRESOLVED = " ofm-canvas__node--unresolved"
EMBED_WIDTH, EMBED_HEIGHT = 720, 420  # a note's embed, until canvas.js fits it to the column
FILE_TITLE_HEIGHT = 32  # the title bar of a file node
INERT = ' inert=""'  # a still view: its links and text are out of reach of keyboard and pointer
BACKGROUNDS = {"cover": "cover", "ratio": "contain", "repeat": "auto"}


def render_canvas(note: Note, site: Site) -> tuple[note_page.Page, str]:
    """The canvas's page, and the text a reader reads first on it (for its description)."""
    path = site.page_paths[note.path]
    ctx = PageContext(site, note, path, 0)
    canvas = _canvas(note, ctx)
    placed = layout(canvas)
    words = labels(site.options.language)
    board = _board(canvas, placed, ctx)
    lines = [
        f"# {markdown_text(note.title)}",
        "",
        '<div class="ofm-canvas ofm-canvas--page" data-ofm-canvas="page" markdown="1">',
        _toolbar(words),
        f'<div class="ofm-canvas__viewport" tabindex="0" role="region" aria-label="'
        f'{html_text(words["canvas"])}: {html_text(note.title)}" '
        f'style="--ofm-canvas-height:{placed.height}px" '  # a small board needs no tall view
        'aria-describedby="ofm-canvas-help" markdown="1">',
        *board,
        "</div>",
        # how to move the board, shown once canvas.js makes it movable; an attribute drawn by
        # CSS, so the search index does not hold it for every canvas
        f'<p class="ofm-canvas__help" id="ofm-canvas-help" hidden="" '
        f'data-help="{html_text(words["canvas_help"])}"></p>',
        "</div>",
    ]
    tags = list(dict.fromkeys(use.tag for use in ctx.tags))
    front = note_page.front_matter({"title": note.title, "tags": tags, "hide": ["toc"]})
    page = note_page.Page(
        note,
        path,
        front + "\n".join(lines) + "\n",
        tuple(tags),
        tuple(ctx.tags),
        tuple(ctx.links),
        tuple(ctx.attachments),
        uses=ctx.uses,
    )
    texts = [n for n in _in_reading_order(placed, None) if n.type == "text"]
    return page, texts[0].text if texts else ""


def canvas_embed(note: Note, ctx: PageContext, title: str) -> list[str]:
    """`![[Board.canvas]]` in a note: the board scaled to the column, still (not focusable,
    no pointer), and a link to its page. `title` is the Markdown link to that page."""
    child = ctx.child(note, 0)
    canvas = _canvas(note, child)
    placed = layout(canvas)
    scale = min(EMBED_WIDTH / placed.width, EMBED_HEIGHT / placed.height, 1.0)
    words = labels(ctx.site.options.language)
    return [
        '<div class="ofm-canvas ofm-canvas--embed" data-ofm-canvas="embed" markdown="1">',
        *_still(canvas, placed, child, scale),
        f'<div class="ofm-canvas__open" markdown="span">{html_text(words["canvas_open"])}: '
        f"{title}</div>",
        "</div>",
    ]


def _canvas(note: Note, ctx: PageContext) -> Canvas:
    """The note's canvas (it parsed when the vault was read), its problems reported."""
    canvas = parse_canvas(note.body)
    for problem in canvas.problems:
        ctx.warn(None, problem)
    return canvas


def _toolbar(words: dict[str, str]) -> str:
    """Zoom buttons, hidden until canvas.js runs (they do nothing without it)."""
    buttons = (("in", "+", "zoom_in"), ("out", "−", "zoom_out"), ("fit", "⤢", "zoom_fit"))
    inner = "".join(
        f'<button type="button" data-zoom="{action}" '
        f'title="{html_text(words[key])}" aria-label="{html_text(words[key])}">{symbol}</button>'
        for action, symbol, key in buttons
    )
    return f'<div class="ofm-canvas__tools" hidden="">{inner}</div>'


def _still(canvas: Canvas, placed: Layout, ctx: PageContext, scale: float) -> list[str]:
    """A board scaled by `scale` in a frame of its scaled size, out of reach of pointer and
    keyboard (`inert`)."""
    width, height = round(placed.width * scale), round(placed.height * scale)
    board = _board(canvas, placed, ctx, f"transform:scale({scale:.4f})", inert=True)
    return [
        f'<div class="ofm-canvas__frame" style="width:{width}px;height:{height}px" markdown="1">',
        *board,
        "</div>",
    ]


def _board(
    canvas: Canvas, placed: Layout, ctx: PageContext, style: str = "", *, inert: bool = False
) -> list[str]:
    size = f"width:{placed.width}px;height:{placed.height}px"
    attrs = f' data-width="{placed.width}" data-height="{placed.height}"'
    lines = [
        f'<div class="ofm-canvas__board" style="{size};{style}"{attrs}'
        f'{INERT if inert else ""} markdown="1">',
        *_edges(placed),
    ]
    lines += _nodes(placed, None, ctx, (0, 0))
    top = len(canvas.nodes) + 2
    for edge, shape in placed.edges:
        if edge.label:
            css, color = _color(edge.color)
            x, y = shape.label_at
            lines.append(
                f'<div class="ofm-canvas__edge-label{css}" style="left:{x:.0f}px;top:{y:.0f}px;'
                f'z-index:{top}{color}">{html_text(edge.label)}</div>'
            )
    lines.append("</div>")
    return lines


def _edges(placed: Layout) -> list[str]:
    """One SVG under the nodes and above the groups; arrowheads are polygons of the edge's
    colour (SVG markers cannot take the colour of the line they end)."""
    if not placed.edges:
        return []
    out = [
        f'<div class="ofm-canvas__edges" aria-hidden="true"><svg width="{placed.width}" '
        f'height="{placed.height}" viewBox="0 0 {placed.width} {placed.height}">'
    ]
    for edge, shape in placed.edges:
        css, color = _color(edge.color)
        style = f' style="{color[1:]}"' if color else ""
        out.append(f'<g class="ofm-canvas__edge{css}" data-edge="{html_text(edge.id)}"{style}>')
        out.append(f'<path d="{shape.path}"></path>')
        out += [f'<polygon points="{points}"></polygon>' for points in shape.arrows]
        out.append("</g>")
    out.append("</svg></div>")
    return out


def _in_reading_order(placed: Layout, group: str | None) -> list[CanvasNode]:
    out = []
    for node in placed.children.get(group, []):
        out.append(node)
        if node.type == "group":
            out += _in_reading_order(placed, node.id)
    return out


def _nodes(
    placed: Layout, group: str | None, ctx: PageContext, origin: tuple[int, int]
) -> list[str]:
    """The nodes a group (None: the board) holds, in reading order, placed relative to it."""
    out: list[str] = []
    for node in placed.children.get(group, []):
        if group is None:
            left, top = node.x + placed.shift[0], node.y + placed.shift[1]
        else:
            left, top = node.x - origin[0], node.y - origin[1]
        css, color = _color(node.color)
        box = f"left:{left}px;top:{top}px;width:{node.width}px;height:{node.height}px"
        if node.type != "group":  # groups stay in the board's stacking order, under the edges
            box += f";z-index:{node.index + 2}"
        inner, state = _NODE_BODIES[node.type](node, ctx)
        tag = "section" if node.type == "group" else "div"
        out.append(
            f'<{tag} class="ofm-canvas__node ofm-canvas__node--{node.type}{state}{css}" '
            f'data-node="{html_text(node.id)}" style="{box}{color}" markdown="1">'
        )
        out += inner
        if node.type == "group":
            out += _nodes(placed, node.id, ctx, (node.x, node.y))
        out.append(f"</{tag}>")
    return out


def _color(color: str | None) -> tuple[str, str]:
    """(class, style) for a colour parse_color accepted: a preset's class, or a hex value."""
    if color is None:
        return "", ""
    if color.startswith("#"):
        return " ofm-canvas--custom", f";--ofm-canvas-color:{color}"
    return f" ofm-canvas--c{color}", ""


def _markdown(lines: list[str], css: str, ctx: PageContext) -> list[str]:
    """A node's Markdown in its box. In a still view (rendered in an embed's context) its
    headings become styled paragraphs: they are no part of the host page's table of contents."""
    if ctx.embed_stack:
        lines = _headings_as_text(lines)
    return [f'<div class="{css}" markdown="1">', "", *_contained(lines), "", "</div>"]


def _headings_as_text(lines: list[str]) -> list[str]:
    tokens, _ = blocks.parse_document("\n".join(lines))
    out = list(lines)
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and token.map:
            first, end = token.map
            css = f"ofm-canvas__heading ofm-canvas__{token.tag}"
            out[first] = f'<p class="{css}" markdown="span">{tokens[i + 1].content}</p>'
            out[first + 1 : end] = [""] * (end - first - 1)  # a setext heading's underline
    return out


class _TagBalance(HTMLParser):
    """The elements raw HTML leaves open, and the end tags it has no start for."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.stray: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        pass  # <br/>, <svg/>: nothing stays open

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            self.stray.append(tag)
            return
        while self.open.pop() != tag:
            pass  # an end tag closes what is still open inside it, as a browser does


def _contained(lines: list[str]) -> list[str]:
    """A node's Markdown whose raw HTML cannot end the node's box or leave one open (a note's
    `<div>` never closed, a stray `</div>`): the missing start and end tags are added around
    it, so every other node stays where it is."""
    tokens, _ = blocks.parse_document("\n".join(lines))
    balance = _TagBalance()
    for token in tokens:
        if token.type == "html_block":
            balance.feed(token.content)
        for child in token.children or ():
            if child.type == "html_inline":
                balance.feed(child.content)
    balance.close()
    if not balance.open and not balance.stray:
        return lines
    starts = [f"<{tag}>" for tag in reversed(balance.stray)]
    ends = [f"</{tag}>" for tag in reversed(balance.open)]
    return [*starts, *([""] if starts else []), *lines, "", *ends]


Body = tuple[list[str], str]  # a node's inner lines, and a class for its state ("" or " …")


def _text(node: CanvasNode, ctx: PageContext) -> Body:
    return _markdown(blocks.render_document(node.text, ctx), "ofm-canvas__content", ctx), ""


def _link(node: CanvasNode, ctx: PageContext) -> Body:
    """A card for a web page (never loaded: no request to another host); http(s) only."""
    parts = urlsplit(node.url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        ctx.warn(None, f"link node '{node.id}' is not an http(s) address; shown as text")
        return [f'<div class="ofm-canvas__content">{html_text(node.url)}</div>'], UNRESOLVED
    url = html_text(node.url)
    card = (  # in a block of its own: raw HTML, which no Markdown extension rewrites
        f'<div class="ofm-canvas__card"><a class="ofm-canvas__link" href="{url}" rel="noopener">'
        f'<span class="ofm-canvas__host">{html_text(parts.hostname or parts.netloc)}</span>'
        f'<span class="ofm-canvas__url">{url}</span></a></div>'
    )
    return [card], ""


def _group(node: CanvasNode, ctx: PageContext) -> Body:
    out = []
    if node.background:
        found = ctx.site.index.resolve_file(node.background, ctx.note.path)
        if found.path is not None and links.extension(found.path) in links.IMAGE_EXTENSIONS:
            ctx.use_attachment(found.path)
            size = BACKGROUNDS[node.background_style]
            repeat = "repeat" if node.background_style == "repeat" else "no-repeat"
            out.append(
                f'<div class="ofm-canvas__background" style="background-image:url('
                f"'{ctx.html_url_to(found.path)}');background-size:{size};"
                f'background-repeat:{repeat}"></div>'
            )
        else:
            ctx.warn(None, f"group background '{node.background}' not found")
    if node.label:
        out.append(f'<div class="ofm-canvas__label">{html_text(node.label)}</div>')
    return out, ""


def _file(node: CanvasNode, ctx: PageContext) -> Body:
    """A note (or its `#heading` / `#^block`), a drawing, a canvas, or an attachment. A note
    that is missing or not published is an unresolved card showing its name only."""
    anchors = tuple(a.strip() for a in node.subpath.split("#") if a.strip())
    ctx.inline_source = ""  # a file node has no sentence around it (backlinks)
    if links.extension(node.file) not in links.NOTE_EXTENSIONS:
        media = links.embed_inline(WikiLink(node.file, anchors, None, True), ctx, 0)
        return _markdown([media], "ofm-canvas__content ofm-canvas__media", ctx), ""
    name = posixpath.basename(link_path(node.file))
    shown = " > ".join((name, *(a.lstrip("^") for a in anchors)))
    title = links.wikilink(WikiLink(node.file, anchors, shown, True), ctx, 0)
    header = f'<div class="ofm-canvas__file-title" markdown="span">{title}</div>'
    found = ctx.site.index.resolve_note(node.file, ctx.note.path).path
    if found is None or not ctx.site.published(found):
        return [header], UNRESOLVED
    if blocks.embed_stops(found, node.file, ctx, 0):
        return [header], ""
    target = ctx.site.index.notes[found]
    if is_drawing(target):  # an Excalidraw note shows its drawing, as embedded in a note
        media = links.embed_inline(WikiLink(node.file, (), None, True), ctx, 0)
        return [header, *_markdown([media], "ofm-canvas__content ofm-canvas__media", ctx)], ""
    if is_canvas(found):
        child = ctx.child(target, 0)
        canvas = _canvas(target, child)
        placed = layout(canvas)
        room = (node.width, max(node.height - FILE_TITLE_HEIGHT, 1))
        scale = min(room[0] / placed.width, room[1] / placed.height, 1.0)
        return [header, *_still(canvas, placed, child, scale)], ""
    body = blocks.embedded_body(target, anchors, ctx, 0)
    if body is None:  # the page has embedded all it may (warned)
        return [header], ""
    return [header, *_markdown(body, "ofm-canvas__content", ctx)], ""


_NODE_BODIES = {"text": _text, "file": _file, "link": _link, "group": _group}
