"""`syntax/canvas.py`: a `.canvas` file read as JSON Canvas 1.0 (jsoncanvas.org/spec/1.0):
what survives is what the spec allows, each node or edge that breaks it is dropped with a
message for the report, and a file that is no JSON object is refused (OFM-SPEC §5 canvas)."""

from __future__ import annotations

import json

import pytest

from obsidian_to_mkdocs.syntax.canvas import (
    Canvas,
    CanvasEdge,
    CanvasError,
    CanvasNode,
    parse_canvas,
    parse_color,
)

GOOD_NODES = [
    {"id": "t", "type": "text", "x": 0, "y": -10, "width": 100, "height": 50, "text": "hi"}
    | {"color": "1"},
    {"id": "f", "type": "file", "x": 1.0, "y": 2, "width": 3, "height": 4, "file": "a.md"}
    | {"subpath": "#H", "color": "#ABC"},
    {"id": "f2", "type": "file", "x": 0, "y": 0, "width": 1, "height": 1, "file": "b.png"}
    | {"subpath": "H"},
    {"id": "l", "type": "link", "x": 0, "y": 0, "width": 1, "height": 1}
    | {"url": " https://e.org ", "color": 4},
    {"id": "g", "type": "group", "x": -10_000_000, "y": 10_000_000, "width": 10, "height": 10}
    | {"label": "G", "background": "bg.png", "backgroundStyle": "repeat", "color": "#12345G"},
    {"id": "g2", "type": "group", "x": 0, "y": 0, "width": 1, "height": 1}
    | {"backgroundStyle": "tile", "label": 5, "text": None},
]
SIZE = {"x": 0, "y": 0, "width": 1, "height": 1}
BAD_NODES = [
    "not an object",
    {"id": "b", "type": "text", "x": True, "y": 0, "width": 1, "height": 1},
    {"type": "text"} | SIZE,
    {"id": "u", "type": "video"} | SIZE,
    {"id": "big", "type": "text"} | SIZE | {"x": 10_000_001},
    {"id": "half", "type": "text"} | SIZE | {"y": 1.5},
    {"id": "z", "type": "text"} | SIZE | {"width": 0},
    {"id": "h", "type": "text"} | SIZE | {"height": -1},
    {"id": "nf", "type": "file", "file": "  "} | SIZE,
    {"id": "nl", "type": "link"} | SIZE,
    {"id": "t", "type": "text"} | SIZE,
]
EDGES = [
    {"id": "e1", "fromNode": "t", "toNode": "f", "fromSide": "right", "toSide": "diagonal"}
    | {"fromEnd": "arrow", "toEnd": "none", "color": "6", "label": "L"},
    {"id": "e2", "fromNode": "t", "toNode": "g"},
    {"id": "e3", "fromNode": "t", "toNode": "missing"},
    5,
    {"id": "e4", "fromNode": 1, "toNode": "t"},
    {"id": "e5", "fromNode": "missing", "toNode": "t"},
    {"id": "e6", "fromNode": "f", "toNode": "f", "fromEnd": "x", "toEnd": "x", "fromSide": 3}
    | {"color": "#fff", "toSide": "left"},
]


def test_s5_canvas_keeps_what_the_spec_allows_and_says_what_it_drops():
    canvas = parse_canvas(json.dumps({"nodes": GOOD_NODES + BAD_NODES, "edges": EDGES}))
    assert canvas.nodes == (
        CanvasNode("t", "text", 0, -10, 100, 50, 0, color="1", text="hi"),
        CanvasNode("f", "file", 1, 2, 3, 4, 1, color="#aabbcc", file="a.md", subpath="#H"),
        CanvasNode("f2", "file", 0, 0, 1, 1, 2, file="b.png"),
        CanvasNode("l", "link", 0, 0, 1, 1, 3, color="4", url="https://e.org"),
        CanvasNode(
            "g",
            "group",
            -10_000_000,
            10_000_000,
            10,
            10,
            4,
            label="G",
            background="bg.png",
            background_style="repeat",
        ),
        CanvasNode("g2", "group", 0, 0, 1, 1, 5),
    )
    assert canvas.edges == (
        CanvasEdge("e1", "t", "f", "right", None, "arrow", "none", "6", "L"),
        CanvasEdge("e2", "t", "g"),
        CanvasEdge("e6", "f", "f", None, "left", "none", "arrow", "#ffffff"),
    )
    lacks = "lacks an id, a known type or integer x, y, width, height; dropped"
    assert canvas.problems == (
        "node 7 is not an object; dropped",
        f"node 'b' {lacks}",
        f"node 9 {lacks}",
        f"node 'u' {lacks}",
        f"node 'big' {lacks}",
        f"node 'half' {lacks}",
        "node 'z' has no size; dropped",
        "node 'h' has no size; dropped",
        "node 'nf' has no file; dropped",
        "node 'nl' has no url; dropped",
        "node id 't' is used twice; the second is dropped",
        "edge 'e3' joins a node that does not exist; dropped",
        "an edge is not an object; dropped",
        "an edge lacks an id, fromNode or toNode; dropped",
        "edge 'e5' joins a node that does not exist; dropped",
    )


def test_s5_canvas_node_edges_and_area():
    node = CanvasNode("n", "text", 10, 20, 30, 40, 0)
    assert (node.right, node.bottom, node.area) == (40, 60, 1200)


def test_s5_canvas_empty_file_or_lists_that_are_not_lists():
    assert parse_canvas("") == parse_canvas("  \n") == Canvas((), ())
    canvas = parse_canvas('{"nodes": {}, "edges": "x"}')
    assert canvas == Canvas(
        (), (), ("'nodes' is not a list; ignored", "'edges' is not a list; ignored")
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("[1]", "not a JSON Canvas (the top level is not an object)"),
        ("null", "not a JSON Canvas (the top level is not an object)"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_s5_canvas_that_is_no_json_object_is_refused(text, message):
    with pytest.raises(CanvasError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_canvas(text)


@pytest.mark.parametrize(
    ("value", "color"),
    [
        ("1", "1"),
        (6, "6"),
        (" 3 ", "3"),
        (7, None),
        ("0", None),
        (True, None),
        (None, None),
        ("#abc", "#aabbcc"),
        (" #AbCdEf ", "#abcdef"),
        ("#abcd", None),
        ("abcdef", None),
        ("red", None),
        (1.0, None),
    ],
)
def test_s5_canvas_colors_are_presets_or_hex(value, color):
    assert parse_color(value) == color


def test_s5_canvas_edge_between_the_only_two_nodes_is_kept():
    nodes = [{"id": i, "type": "text"} | {"x": 0, "y": 0, "width": 1, "height": 1} for i in "ab"]
    edge = {"id": "e", "fromNode": "a", "toNode": "b"}
    assert parse_canvas(json.dumps({"nodes": nodes, "edges": [edge]})).edges == (
        CanvasEdge("e", "a", "b"),
    )
