"""`render/canvas_layout.py`: which group holds each node, the reading order, and each edge's
curve and arrowheads, worked out by hand from the JSON Canvas geometry (an edge leaves and
enters perpendicular to its sides, control points at half the distance between its ends,
kept within 40..150 px; arrowheads 12 px long, 12 px wide) (OFM-SPEC §5 canvas)."""

from __future__ import annotations

from obsidian_to_mkdocs.render.canvas_layout import (
    EdgeShape,
    Layout,
    edge_shape,
    layout,
    reading_order,
)
from obsidian_to_mkdocs.syntax.canvas import Canvas, CanvasEdge, CanvasNode


def _node(node_id: str, x: int, y: int, w: int, h: int, index: int, **kw) -> CanvasNode:
    return CanvasNode(node_id, kw.pop("type", "text"), x, y, w, h, index, **kw)


def test_s5_canvas_innermost_group_holds_a_node():
    nodes = (
        _node("G", 0, 0, 400, 300, 0, type="group", label="G"),
        _node("H", 10, 10, 100, 100, 1, type="group"),
        _node("a", 20, 20, 10, 10, 2),
        _node("b", 200, 15, 50, 50, 3),
        _node("c", 500, 0, 10, 10, 4),
        _node("S1", 600, 0, 10, 10, 5, type="group"),
        _node("S2", 600, 0, 10, 10, 6, type="group"),  # same box: the earlier one holds it
        _node("d", 0, 0, 400, 300, 7),  # the group's own box, later in the file
        _node("e", 395, 0, 10, 10, 8),  # sticks out of G
    )
    board = layout(Canvas(nodes, ()))
    assert board.parents == {
        "G": None,
        "H": "G",
        "a": "H",
        "b": "G",
        "c": None,
        "S1": None,
        "S2": "S1",
        "d": "G",
        "e": None,
    }
    ids = {group: [n.id for n in items] for group, items in board.children.items()}
    assert ids == {None: ["G", "e", "c", "S1"], "G": ["d", "H", "b"], "H": ["a"], "S1": ["S2"]}


def test_s5_canvas_reading_order_is_rows_then_left_to_right():
    p, q = _node("p", 100, 0, 50, 40, 0), _node("q", 0, 15, 50, 40, 1)
    t, r = _node("t", 60, 20, 50, 40, 2), _node("r", 0, 30, 50, 40, 3)
    # q's top (15) is above the middle of p (20): one row; t's (20) is not: a new row
    assert [n.id for n in reading_order([p, q, t, r])] == ["q", "p", "r", "t"]
    same = [_node("y", 0, 0, 10, 10, 1), _node("x", 0, 0, 10, 10, 0)]
    assert [n.id for n in reading_order(same)] == ["x", "y"]


A = _node("A", 0, 0, 100, 50, 0)


def test_s5_canvas_edge_between_facing_sides_with_its_arrow():
    edge = CanvasEdge("e", "A", "B")  # no sides: the facing ones; an arrow at the end
    shape = edge_shape(edge, A, _node("B", 300, 0, 100, 50, 1))
    assert shape == EdgeShape(
        path="M100,25 C194,25 194,25 288,25",
        arrows=("300,25 288,19 288,31",),
        label_at=(194.0, 25.0),
        hull=((100, 25.0), (300, 25.0), (194, 25.0), (194, 25.0)),
    )


def test_s5_canvas_edge_with_its_sides_and_a_start_arrow_moved_by_the_shift():
    edge = CanvasEdge("e", "A", "C", "bottom", "top", "arrow", "none")
    shape = edge_shape(edge, A, _node("C", 0, 400, 100, 50, 1), (10, 20))
    # reach: half of 338 is more than 150
    assert shape.path == "M60,82 C60,232 60,270 60,420"
    assert shape.arrows == ("60,70 54,82 66,82",)
    assert shape.label_at == (60.0, 251.0)
    assert shape.hull == ((60.0, 70), (60.0, 420), (60.0, 232), (60.0, 270))


def test_s5_canvas_edge_facing_sides_up_down_and_the_shortest_reach():
    below = _node("E", 0, 200, 100, 50, 1)
    down = edge_shape(CanvasEdge("e", "A", "E", to_end="none"), A, below)
    assert (down.path, down.arrows) == ("M50,50 C50,125 50,125 50,200", ())
    up = edge_shape(CanvasEdge("e", "E", "A", to_end="none"), below, A)
    assert up.path == "M50,200 C50,125 50,125 50,50"
    near = _node("D", 110, 0, 10, 10, 1)  # 22 px apart: the reach is at least 40
    shape = edge_shape(CanvasEdge("e", "A", "D", to_end="none"), A, near)
    assert shape.path == "M100,25 C140,25 70,5 110,5" and shape.label_at == (105.0, 15.0)
    left = edge_shape(CanvasEdge("e", "D", "A", to_end="none"), near, A)
    assert left.path == "M110,5 C70,5 140,25 100,25"


def test_s5_canvas_board_holds_every_node_label_and_edge_with_a_margin():
    group = _node("G", 0, 0, 100, 100, 0, type="group", label="G")
    note = _node("n", 200, 50, 50, 50, 1)
    edge = CanvasEdge("e", "G", "n", label="x" * 40)  # a label at most 240 px wide
    board = layout(Canvas((group, note), (edge,)))
    # extent: x 0..264 (the label, centred at 144), y -36 (the group's label)..100
    assert (board.width, board.height, board.shift) == (344, 216, (40, 76))
    ((_, shape),) = board.edges
    assert shape.path == "M140,126 C185.7,126 182.3,151 228,151"
    assert shape.arrows == ("240,151 228,145 228,157",)
    assert layout(Canvas((), ())) == Layout(80, 80, (40, 40), {}, {}, ())


def test_s5_canvas_board_reaches_left_to_an_edge_label():
    top, below = _node("a", 0, 0, 10, 10, 0), _node("b", 0, 100, 10, 10, 1)
    board = layout(Canvas((top, below), (CanvasEdge("e", "a", "b", label="x" * 40),)))
    # the label is centred on the curve's middle (x 5): x -115..125; y 0..110
    assert (board.width, board.height, board.shift) == (320, 190, (155, 40))
