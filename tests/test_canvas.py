"""Canvas pages (#22): `.canvas` files (JSON Canvas 1.0) written here, converted and built with
the real MkDocs + Material; the assertions read the built HTML.

The board is drawn at build time: nodes are boxes at their canvas positions (shifted by one
offset for the whole board, relative to their group inside one), edges an SVG. These tests
compute what the JSON says and compare it with what the page holds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from obsidian_to_mkdocs.syntax.canvas import CanvasError, parse_canvas, parse_color

from .conftest import mkdocs_build, page, write_vault

CANARY = "CANARYCANVAS5521"
EXCLUDED_CANARY = "CANARYEXCLUDEDBOARD5522"


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))


BOARD = {
    "nodes": [
        {
            "id": "outer",
            "type": "group",
            "x": -100,
            "y": -100,
            "width": 1000,
            "height": 700,
            "label": "Outer <script>alert(1)</script>",
            "color": "4",
        },
        {
            "id": "inner",
            "type": "group",
            "x": -50,
            "y": 300,
            "width": 600,
            "height": 250,
            "label": "Inner & co",
            "color": "#12AB9f",
            "background": "media/pic.png",
            "backgroundStyle": "repeat",
        },
        {
            "id": "intro",
            "type": "text",
            "x": 0,
            "y": 0,
            "width": 300,
            "height": 200,
            "text": (
                "# Big idea\n\nSee [[Notes/Note]] and #planning\n\n"
                "> [!tip] Remember\n> callout body"
            ),
            "color": "1",
        },
        {
            "id": "section",
            "type": "file",
            "x": 400,
            "y": 0,
            "width": 300,
            "height": 200,
            "file": "Notes/Note.md",
            "subpath": "#Second part",
        },
        {
            "id": "block",
            "type": "file",
            "x": 0,
            "y": 350,
            "width": 200,
            "height": 150,
            "file": "Notes/Note.md",
            "subpath": "#^blk1",
        },
        {
            "id": "image",
            "type": "file",
            "x": 250,
            "y": 350,
            "width": 250,
            "height": 150,
            "file": "media/pic.png",
        },
        {
            "id": "drawing",
            "type": "file",
            "x": 400,
            "y": 1100,
            "width": 300,
            "height": 300,
            "file": "media/Sketch.excalidraw.md",
        },
        {
            "id": "pdf",
            "type": "file",
            "x": 0,
            "y": 1100,
            "width": 300,
            "height": 300,
            "file": "media/paper.pdf",
        },
        {
            "id": "private",
            "type": "file",
            "x": 1000,
            "y": 0,
            "width": 300,
            "height": 200,
            "file": "Private.md",
        },
        {
            "id": "self",
            "type": "file",
            "x": 1000,
            "y": 300,
            "width": 300,
            "height": 200,
            "file": "Boards/Board.canvas",
        },
        {
            "id": "other",
            "type": "file",
            "x": 1000,
            "y": 600,
            "width": 400,
            "height": 300,
            "file": "Boards/Other.canvas",
        },
        {
            "id": "web",
            "type": "link",
            "x": 0,
            "y": 800,
            "width": 300,
            "height": 100,
            "url": "https://example.org/page?q=1&x=2",
            "color": "red;background:url(x)",
        },
        {
            "id": "unclosed",
            "type": "text",
            "x": 0,
            "y": 2000,
            "width": 200,
            "height": 100,
            "text": "<div class='note'>never closed\n\n**bold**",
        },
        {
            "id": "stray",
            "type": "text",
            "x": 400,
            "y": 2000,
            "width": 200,
            "height": 100,
            "text": "</div></section>\n\nstray end tags\n\n```\n</div>\n```",
        },
        {
            "id": "evil",
            "type": "link",
            "x": 400,
            "y": 800,
            "width": 300,
            "height": 100,
            "url": "javascript:alert(2)",
        },
    ],
    "edges": [
        {
            "id": "e-sides",
            "fromNode": "intro",
            "fromSide": "right",
            "toNode": "section",
            "toSide": "left",
            "label": "leads <b>to</b>",
            "color": "5",
        },
        {
            "id": "e-both",
            "fromNode": "block",
            "fromSide": "bottom",
            "toNode": "web",
            "toSide": "top",
            "fromEnd": "arrow",
            "toEnd": "arrow",
            "color": "#ff0000",
        },
        {"id": "e-none", "fromNode": "image", "toNode": "evil", "toEnd": "none"},
        {"id": "e-missing", "fromNode": "intro", "toNode": "nowhere"},
    ],
}

OTHER = {
    "nodes": [
        {
            "id": "o1",
            "type": "text",
            "x": 0,
            "y": 0,
            "width": 200,
            "height": 100,
            "text": "Other board text",
        },
        {
            "id": "back",
            "type": "file",
            "x": 300,
            "y": 0,
            "width": 200,
            "height": 100,
            "file": "Boards/Board.canvas",
        },
    ],
    "edges": [{"id": "o-e", "fromNode": "o1", "toNode": "back"}],
}

VAULT = {
    "Boards/Board.canvas": json.dumps(BOARD),
    "Boards/Other.canvas": json.dumps(OTHER),
    "Boards/Broken.canvas": '{"nodes": [ {"id": "x", ',
    "Notes/Note.md": (
        "# Note\n\nFirst part text.\n\n## Second part\n\nSecond part text.\n\n"
        "A block paragraph. ^blk1\n\n## Third part\n\nThird part text.\n\n"
        "Open [[Boards/Board.canvas|the board]]; [[Board]] names no canvas; "
        "[a Markdown link](../Boards/Board.canvas).\n\n"
        "![[Board.canvas]]\n"
    ),
    "Private.md": f"---\npublish: false\n---\n{CANARY} private words\n",
    "Hidden/Secret.canvas": json.dumps(
        {
            "nodes": [
                {
                    "id": "s",
                    "type": "text",
                    "x": 0,
                    "y": 0,
                    "width": 10,
                    "height": 10,
                    "text": EXCLUDED_CANARY,
                }
            ]
        }
    ),
    "Linker.md": "Link to [[Secret.canvas]].\n\n![[Secret.canvas]]\n",
    "media/pic.png": _png(),
    "media/paper.pdf": b"%PDF-1.4\n%%EOF\n",
    "media/Sketch.excalidraw.md": (
        "---\nexcalidraw-plugin: parsed\n---\n==⚠  Switch to EXCALIDRAW VIEW ⚠==\n\n"
        "%%\n# Drawing\n```json\n"
        '{"type": "excalidraw", "elements": [{"type": "rectangle", "x": 0, "y": 0, '
        '"width": 80, "height": 40, "strokeColor": "#000000"}]}\n```\n%%\n'
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("canvas")
    vault = write_vault(root / "vault", VAULT)
    site, report = mkdocs_build(vault, root / "out", options={"exclude": ("Hidden/**",)})
    return site, report


def _board(site: Path):
    return page(site, "Boards/Board.canvas").cssselect(".ofm-canvas--page")[0]


def _node(board, node_id: str):
    found = board.cssselect(f'[data-node="{node_id}"]')
    assert len(found) == 1, node_id
    return found[0]


def _box(element) -> dict[str, int]:
    style = dict(part.split(":", 1) for part in element.get("style").split(";") if ":" in part)
    return {k: int(style[k].removesuffix("px")) for k in ("left", "top", "width", "height")}


def _spec(node_id: str) -> dict:
    return next(n for n in BOARD["nodes"] if n["id"] == node_id)


def test_every_node_stands_where_the_json_puts_it(built):
    site, _ = built
    board = _board(site)
    top_level = ["outer", "private", "self", "other", "web", "evil"]
    first = _box(_node(board, "outer"))
    shift = (first["left"] - _spec("outer")["x"], first["top"] - _spec("outer")["y"])
    for node_id in top_level:
        box, spec = _box(_node(board, node_id)), _spec(node_id)
        assert (box["left"], box["top"]) == (spec["x"] + shift[0], spec["y"] + shift[1])
        assert (box["width"], box["height"]) == (spec["width"], spec["height"])
    # nested: inside its group, placed relative to the group
    for node_id, group in [
        ("intro", "outer"),
        ("section", "outer"),
        ("inner", "outer"),
        ("block", "inner"),
        ("image", "inner"),
    ]:
        element = _node(board, node_id)
        assert element.getparent().get("data-node") == group
        box, spec, holder = _box(element), _spec(node_id), _spec(group)
        assert (box["left"], box["top"]) == (spec["x"] - holder["x"], spec["y"] - holder["y"])
    # the board holds everything, with room around it
    size = board.cssselect(".ofm-canvas__board")[0]
    assert int(size.get("data-width")) >= 1400 + 100 and int(size.get("data-height")) >= 1000


def test_nodes_are_in_reading_order_and_keep_the_file_z_order(built):
    site, _ = built
    board = _board(site)
    order = [e.get("data-node") for e in board.cssselect("[data-node]")]
    # rows top to bottom, left to right; a group's nodes right after its label
    assert order[:7] == ["outer", "intro", "section", "inner", "block", "image", "private"]
    assert order.index("web") < order.index("evil")
    z = {n: _node(board, n).get("style") for n in ("intro", "section", "web")}
    indexes = {n["id"]: i for i, n in enumerate(BOARD["nodes"])}
    for node_id, style in z.items():
        assert f"z-index:{indexes[node_id] + 2}" in style
    assert "z-index" not in _node(board, "outer").get("style")  # groups stay under edges


def test_raw_html_in_a_node_stays_in_its_box(built):
    site, _ = built
    board = _board(site)
    for node_id in ("unclosed", "stray", "web", "evil"):  # after them in reading order
        assert "ofm-canvas__board" in _node(board, node_id).getparent().get("class"), node_id
    assert "never closed" in _node(board, "unclosed").text_content()
    stray = _node(board, "stray")
    assert "stray end tags" in stray.text_content()
    assert stray.cssselect("code")[0].text_content().strip() == "</div>"  # code stays code


def test_text_nodes_are_converted_like_notes(built):
    site, _ = built
    intro = _node(_board(site), "intro")
    links = {a.text_content(): a.get("href") for a in intro.cssselect("a")}
    assert links["Notes/Note"] == "../../Notes/Note/"
    assert links["#planning"] == "../../tags/planning/"
    callout = intro.cssselect("div.admonition.tip")[0]
    assert "callout body" in callout.text_content()
    assert "Remember" in callout.cssselect(".admonition-title")[0].text_content()
    assert "ofm-canvas--c1" in intro.get("class")


def test_file_nodes_show_the_heading_or_block_or_image(built):
    site, _ = built
    board = _board(site)
    section = _node(board, "section").text_content()
    assert "Second part text." in section and "A block paragraph." in section
    assert "First part text." not in section and "Third part text." not in section
    block = _node(board, "block").text_content()
    assert "A block paragraph." in block and "Second part text." not in block
    title = _node(board, "section").cssselect(".ofm-canvas__file-title a")[0]
    assert title.get("href") == "../../Notes/Note/#second-part"
    img = _node(board, "image").cssselect("img")[0]
    assert (site / "Boards/Board.canvas" / img.get("src")).resolve().read_bytes() == _png()
    drawing = _node(board, "drawing")  # as an embed shows it: the drawing, not its text
    assert (
        drawing.cssselect(".ofm-canvas__media img") and "EXCALIDRAW" not in drawing.text_content()
    )
    pdf = _node(board, "pdf").cssselect("iframe")[0]
    assert (site / "Boards/Board.canvas" / pdf.get("src")).resolve().name == "paper.pdf"
    background = _node(board, "inner").cssselect(".ofm-canvas__background")[0].get("style")
    assert "background-image:url('../../media/pic.png')" in background
    assert "background-repeat:repeat" in background


def test_a_private_note_is_an_unresolved_card_without_its_content(built):
    site, report = built
    card = _node(_board(site), "private")
    assert "ofm-canvas__node--unresolved" in card.get("class")
    assert not card.cssselect("a")
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert CANARY.encode() not in data, path
            assert EXCLUDED_CANARY.encode() not in data, path
    assert not (site / "Hidden").exists()
    note = page(site, "Linker")
    assert len(note.cssselect("article .ofm-unresolved")) == 2
    assert not note.cssselect('a[href*="Secret"]') and not note.cssselect(".ofm-canvas")


def test_a_cycle_of_file_nodes_stops(built):
    site, report = built
    board = _board(site)
    # the canvas in itself: its title only
    self_card = _node(board, "self")
    assert not self_card.cssselect(".ofm-canvas__board")
    assert self_card.cssselect("a")[0].get("href") == "./"
    # Board -> Other -> Board: Other is drawn still, and its Board card is a link only
    other = _node(board, "other")
    still = other.cssselect(".ofm-canvas__board")
    assert len(still) == 1 and still[0].get("inert") is not None
    assert "Other board text" in other.text_content()
    back = other.cssselect('[data-node="back"]')[0]
    assert not back.cssselect(".ofm-canvas__board")
    assert any("stops here" in d.message for d in report.diagnostics)


def test_link_nodes_and_every_canvas_string_are_safe(built):
    site, _ = built
    html = (site / "Boards/Board.canvas/index.html").read_text(encoding="utf-8")
    board = _board(site)
    web = _node(board, "web").cssselect("a.ofm-canvas__link")[0]
    assert web.get("href") == "https://example.org/page?q=1&x=2"
    assert web.cssselect(".ofm-canvas__host")[0].text == "example.org"
    assert web.cssselect(".ofm-canvas__url")[0].text == "https://example.org/page?q=1&x=2"
    evil = _node(board, "evil")
    assert not evil.cssselect("a") and "javascript:alert(2)" in evil.text_content()
    assert 'href="javascript' not in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>to</b>" not in html and "leads &lt;b&gt;to&lt;/b&gt;" in html
    assert "background:url(x)" not in html
    assert "--ofm-canvas-color:#12ab9f" in _node(board, "inner").get("style")
    assert "Inner &amp; co" in html


def test_edges_leave_and_enter_their_sides_with_their_arrows(built):
    site, _ = built
    board = _board(site)
    shift_x = _box(_node(board, "outer"))["left"] - _spec("outer")["x"]
    shift_y = _box(_node(board, "outer"))["top"] - _spec("outer")["y"]
    own = ".ofm-canvas__viewport > .ofm-canvas__board > .ofm-canvas__edges g[data-edge]"
    edges = {g.get("data-edge"): g for g in board.cssselect(own)}
    assert set(edges) == {"e-sides", "e-both", "e-none"}  # e-missing joins no node
    counts = {k: len(g.cssselect("polygon")) for k, g in edges.items()}
    assert counts == {"e-sides": 1, "e-both": 2, "e-none": 0}
    intro, section = _spec("intro"), _spec("section")
    start = re.match(r"M([\d.]+),([\d.]+)", edges["e-sides"].cssselect("path")[0].get("d"))
    assert start is not None
    assert float(start.group(1)) == intro["x"] + intro["width"] + shift_x  # right side
    assert float(start.group(2)) == intro["y"] + intro["height"] / 2 + shift_y
    tip = edges["e-sides"].cssselect("polygon")[0].get("points").split()[0]
    assert tip == f"{section['x'] + shift_x},{section['y'] + section['height'] // 2 + shift_y}"
    assert "ofm-canvas--c5" in edges["e-sides"].get("class")
    assert "--ofm-canvas-color:#ff0000" in edges["e-both"].get("style")
    labels = [
        e.text_content()
        for e in board.cssselect(
            ".ofm-canvas__viewport > .ofm-canvas__board > .ofm-canvas__edge-label"
        )
    ]
    assert labels == ["leads <b>to</b>"]


def test_links_embeds_backlinks_graph_and_navigation(built):
    site, report = built
    note = page(site, "Notes/Note")
    hrefs = {a.text_content(): a.get("href") for a in note.cssselect("article a")}
    assert hrefs["the board"] == hrefs["a Markdown link"] == "../../Boards/Board.canvas/"
    unresolved = [s.text_content() for s in note.cssselect("article .ofm-unresolved")]
    assert "Board" in unresolved  # as in Obsidian, [[Board]] opens no canvas
    embed = note.cssselect(".ofm-canvas--embed")[0]
    assert embed.cssselect(".ofm-canvas__board")[0].get("inert") is not None
    assert embed.cssselect(".ofm-canvas__open a")[0].get("href") == "../../Boards/Board.canvas/"
    assert not embed.cssselect(".ofm-canvas__tools")
    # its headings are shown, but are no part of the note's table of contents
    big = embed.cssselect('[data-node="intro"] .ofm-canvas__heading.ofm-canvas__h1')
    assert [p.text_content() for p in big] == ["Big idea"]
    toc = [a.text_content().strip() for a in note.cssselect("nav.md-nav--secondary a")]
    assert "Second part" in toc and "Big idea" not in toc
    # the board's links count as backlinks of their targets
    backlinks = note.cssselect(".ofm-backlinks a")
    assert "../../Boards/Board.canvas/" in [a.get("href") for a in backlinks]
    graph = json.loads((site / "assets/ofm/graph.json").read_text(encoding="utf-8"))
    ids = {n["title"]: n["id"] for n in graph["nodes"]}
    assert {"source": ids["Board"], "target": ids["Note"]} in graph["links"]
    assert "Secret" not in ids
    nav = page(site, "Boards/Board.canvas").cssselect("nav.md-nav--primary .md-nav__link--active")
    assert [a.text_content().strip() for a in nav] == ["Board"]  # in the navigation, open


def test_a_malformed_canvas_is_reported_and_the_rest_builds(built):
    site, report = built
    errors = [d for d in report.diagnostics if d.path == "Boards/Broken.canvas"]
    assert errors and errors[0].level == "error" and "not valid JSON" in errors[0].message
    assert not (site / "Boards/Broken.canvas").exists()
    assert (site / "Boards/Board.canvas/index.html").exists()
    assert any("e-missing" in d.message for d in report.diagnostics)


def test_colours_are_presets_or_hex_and_nothing_else():
    assert [parse_color(c) for c in ("1", 6, "#ABC", "#12ab9F", " 3 ")] == [
        "1",
        "6",
        "#aabbcc",
        "#12ab9f",
        "3",
    ]
    for bad in ("7", "0", "red", "#12345", "#1234567", "#abc;x:y", "url(x)", True, None, []):
        assert parse_color(bad) is None, bad


def test_the_parser_keeps_what_the_spec_allows_and_says_what_it_dropped():
    canvas = parse_canvas(
        json.dumps(
            {
                "nodes": [
                    {
                        "id": "a",
                        "type": "text",
                        "x": 0,
                        "y": 0,
                        "width": 10,
                        "height": 10,
                        "text": "A",
                    },
                    {"id": "a", "type": "text", "x": 0, "y": 0, "width": 10, "height": 10},
                    {"id": "b", "type": "shape", "x": 0, "y": 0, "width": 10, "height": 10},
                    {"id": "c", "type": "text", "x": "0", "y": 0, "width": 10, "height": 10},
                    {
                        "id": "d",
                        "type": "file",
                        "x": 1.0,
                        "y": 2,
                        "width": 3,
                        "height": 4,
                        "file": "x.md",
                        "subpath": "no-hash",
                    },
                    {
                        "id": "g",
                        "type": "file",
                        "x": 0,
                        "y": 0,
                        "width": 3,
                        "height": 4,
                        "file": " ",
                    },
                    {"id": "h", "type": "link", "x": 0, "y": 0, "width": 3, "height": 4},
                    "junk",
                ],
                "edges": [
                    {
                        "id": "e",
                        "fromNode": "a",
                        "toNode": "d",
                        "fromSide": "middle",
                        "toEnd": "dot",
                    },
                    {"id": "f", "fromNode": "a"},
                ],
            }
        )
    )
    assert [n.id for n in canvas.nodes] == ["a", "d"]
    assert canvas.nodes[1].subpath == "" and canvas.nodes[1].x == 1
    edge = canvas.edges[0]
    assert (edge.from_side, edge.to_end, edge.from_end) == (None, "arrow", "none")
    assert len(canvas.edges) == 1 and len(canvas.problems) == 7
    for bad in ("[1, 2]", "{", "nul"):
        with pytest.raises(CanvasError):
            parse_canvas(bad)
    assert parse_canvas("").nodes == ()


def test_an_edit_reaches_the_canvas_and_the_notes_that_embed_it(tmp_path):
    """A canvas page depends on the notes its file nodes show, and a note embedding the
    canvas on the canvas: an incremental run equals a clean one."""
    from obsidian_to_mkdocs import Options, convert

    board = {
        "nodes": [
            {
                "id": "f",
                "type": "file",
                "x": 0,
                "y": 0,
                "width": 200,
                "height": 100,
                "file": "Shown.md",
            },
        ]
    }
    vault = write_vault(
        tmp_path / "vault",
        {"B.canvas": json.dumps(board), "Shown.md": "first words\n", "Host.md": "![[B.canvas]]\n"},
    )

    def run(docs: Path):
        return convert(Options(vault=vault, docs_dir=docs, show_progress=False))

    docs = tmp_path / "docs"
    assert run(docs).notes_rendered == 3
    (vault / "Shown.md").write_text("second words\n", encoding="utf-8")
    report = run(docs)
    assert report.notes_rendered == 3  # Shown, the canvas showing it, the note embedding that
    for page_path in ("B.canvas.md", "Host.md"):
        text = (docs / page_path).read_text(encoding="utf-8")
        assert "second words" in text and "first words" not in text
    board["nodes"][0]["x"] = 50
    (vault / "B.canvas").write_text(json.dumps(board), encoding="utf-8")
    assert run(docs).notes_rendered == 2  # the canvas and its host
    run(tmp_path / "clean")
    for page_path in ("B.canvas.md", "Host.md", "Shown.md"):
        assert (docs / page_path).read_bytes() == (tmp_path / "clean" / page_path).read_bytes()


def test_canvas_embedded_in_a_list_item_or_quote_is_a_link_to_its_page(tmp_path):
    """Python-Markdown reads no `markdown="1"` HTML inside a list item or quote: the board would
    break into paragraphs there, so it is a link to the canvas page; at top level it is a board."""
    from obsidian_to_mkdocs import Options, convert

    board = (
        '{"nodes":[{"id":"a","type":"text","text":"Hello","x":0,"y":0,"width":200,"height":80}]}'
    )
    vault = write_vault(
        tmp_path / "v",
        {
            "Board.canvas": board,
            "Top.md": "![[Board.canvas]]\n",
            "List.md": "- item\n- ![[Board.canvas]]\n",
            "Quote.md": "> ![[Board.canvas]]\n",
        },
    )
    docs = tmp_path / "docs"
    convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert "ofm-canvas--embed" in (docs / "Top.md").read_text(encoding="utf-8")
    for name in ("List.md", "Quote.md"):
        text = (docs / name).read_text(encoding="utf-8")
        assert "ofm-canvas--embed" not in text, name
        assert "](Board.canvas.md)" in text, text
