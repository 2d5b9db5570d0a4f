"""Where a canvas's parts go on the drawn board, computed at build time so the board needs no
script to show: which group holds each node, the order a reader reads them in, the curve,
arrowheads and label spot of each edge, and the board's extent."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..syntax.canvas import Canvas, CanvasEdge, CanvasNode

PADDING = 40  # board margin around the outermost node, edge or label
LABEL_SPACE = 36  # a group's label sits above its box, as Obsidian draws it
ARROW_LENGTH = 12
ARROW_HALF_WIDTH = 6
NORMALS = {"top": (0, -1), "right": (1, 0), "bottom": (0, 1), "left": (-1, 0)}

Point = tuple[float, float]


@dataclass(frozen=True)
class EdgeShape:
    """An edge drawn as a cubic Bézier between two sides, with its arrowheads."""

    path: str  # SVG path data
    arrows: tuple[str, ...]  # SVG polygon points, one per arrow end
    label_at: Point  # the curve's middle
    hull: tuple[Point, ...]  # the curve lies inside these points' bounding box


@dataclass(frozen=True)
class Layout:
    """The canvas placed on a board of width x height pixels."""

    width: int
    height: int
    shift: tuple[int, int]  # add to canvas coordinates to get board coordinates
    parents: dict[str, str | None]  # node id -> id of the innermost group holding it
    children: dict[str | None, list[CanvasNode]]  # group id (None: the board) -> reading order
    edges: tuple[tuple[CanvasEdge, EdgeShape], ...]


def layout(canvas: Canvas) -> Layout:
    nodes = {node.id: node for node in canvas.nodes}
    parents = _parents(canvas.nodes)
    children: dict[str | None, list[CanvasNode]] = {}
    for node in canvas.nodes:
        children.setdefault(parents[node.id], []).append(node)
    children = {group: reading_order(items) for group, items in children.items()}
    ends = [(edge, nodes[edge.from_node], nodes[edge.to_node]) for edge in canvas.edges]
    edges = tuple((edge, edge_shape(edge, a, b)) for edge, a, b in ends)
    points: list[Point] = []
    for node in canvas.nodes:
        top = node.y - (LABEL_SPACE if node.type == "group" and node.label else 0)
        points += [(node.x, top), (node.right, node.bottom)]
    for edge, shape in edges:
        points += shape.hull
        if edge.label:
            half = min(len(edge.label) * 8, 240) / 2
            x, y = shape.label_at
            points += [(x - half, y - 16), (x + half, y + 16)]
    if not points:
        return Layout(2 * PADDING, 2 * PADDING, (PADDING, PADDING), parents, children, edges)
    left, top = min(p[0] for p in points), min(p[1] for p in points)
    right, bottom = max(p[0] for p in points), max(p[1] for p in points)
    shift = (PADDING - math.floor(left), PADDING - math.floor(top))
    width = math.ceil(right) - math.floor(left) + 2 * PADDING
    height = math.ceil(bottom) - math.floor(top) + 2 * PADDING
    edges = tuple((edge, edge_shape(edge, a, b, shift)) for edge, a, b in ends)
    return Layout(width, height, shift, parents, children, edges)


def _holds(group: CanvasNode, node: CanvasNode) -> bool:
    """The group's box holds the node's, and the group is the larger of the two (same boxes:
    the one earlier in the file holds the later), so no two nodes hold each other."""
    inside = (
        group.x <= node.x
        and group.y <= node.y
        and node.right <= group.right
        and node.bottom <= group.bottom
    )
    larger = group.area > node.area or (group.area == node.area and group.index < node.index)
    return group is not node and inside and larger


def _parents(nodes: tuple[CanvasNode, ...]) -> dict[str, str | None]:
    """The innermost (smallest, then topmost) group holding each node, as Obsidian moves a
    node with the groups it lies in."""
    groups = [node for node in nodes if node.type == "group"]
    parents: dict[str, str | None] = {}
    for node in nodes:
        holders = [group for group in groups if _holds(group, node)]
        best = min(holders, key=lambda g: (g.area, -g.index), default=None)
        parents[node.id] = best.id if best is not None else None
    return parents


def reading_order(nodes: list[CanvasNode]) -> list[CanvasNode]:
    """Rows from top to bottom, each left to right: a node whose top is above the middle of
    the row's first node belongs to that row."""
    rows: list[list[CanvasNode]] = []
    for node in sorted(nodes, key=lambda n: (n.y, n.x, n.index)):
        if rows and node.y < rows[-1][0].y + rows[-1][0].height / 2:
            rows[-1].append(node)
        else:
            rows.append([node])
    return [node for row in rows for node in sorted(row, key=lambda n: (n.x, n.y, n.index))]


def _anchor(node: CanvasNode, side: str, shift: tuple[int, int]) -> Point:
    x, y = node.x + shift[0], node.y + shift[1]
    return {
        "top": (x + node.width / 2, y),
        "right": (x + node.width, y + node.height / 2),
        "bottom": (x + node.width / 2, y + node.height),
        "left": (x, y + node.height / 2),
    }[side]


def _facing_side(node: CanvasNode, other: CanvasNode) -> str:
    """The side of `node` that faces `other`, for an edge that names no side."""
    dx = (other.x + other.width / 2) - (node.x + node.width / 2)
    dy = (other.y + other.height / 2) - (node.y + node.height / 2)
    if abs(dx) >= abs(dy):
        return "right" if dx >= 0 else "left"
    return "bottom" if dy >= 0 else "top"


def _arrow(tip: Point, normal: tuple[int, int]) -> str:
    """An arrowhead with its tip on the node's side, pointing into the node."""
    base = (tip[0] + normal[0] * ARROW_LENGTH, tip[1] + normal[1] * ARROW_LENGTH)
    across = (-normal[1] * ARROW_HALF_WIDTH, normal[0] * ARROW_HALF_WIDTH)
    left, right = (
        (base[0] + across[0], base[1] + across[1]),
        (base[0] - across[0], base[1] - across[1]),
    )
    points = (tip, left, right)
    return " ".join(f"{_num(x)},{_num(y)}" for x, y in points)


def edge_shape(
    edge: CanvasEdge, source: CanvasNode, target: CanvasNode, shift: tuple[int, int] = (0, 0)
) -> EdgeShape:
    """The curve leaves and enters perpendicular to the sides, as Obsidian draws it; in
    canvas coordinates moved by `shift`."""
    from_side = edge.from_side or _facing_side(source, target)
    to_side = edge.to_side or _facing_side(target, source)
    n0, n1 = NORMALS[from_side], NORMALS[to_side]
    tip0, tip1 = _anchor(source, from_side, shift), _anchor(target, to_side, shift)
    arrows = []
    start, end = tip0, tip1
    if edge.from_end == "arrow":
        arrows.append(_arrow(tip0, n0))
        start = (tip0[0] + n0[0] * ARROW_LENGTH, tip0[1] + n0[1] * ARROW_LENGTH)
    if edge.to_end == "arrow":
        arrows.append(_arrow(tip1, n1))
        end = (tip1[0] + n1[0] * ARROW_LENGTH, tip1[1] + n1[1] * ARROW_LENGTH)
    reach = min(max(math.dist(start, end) / 2, 40), 150)
    c0 = (start[0] + n0[0] * reach, start[1] + n0[1] * reach)
    c1 = (end[0] + n1[0] * reach, end[1] + n1[1] * reach)
    path = "M{} C{} {} {}".format(*(f"{_num(x)},{_num(y)}" for x, y in (start, c0, c1, end)))
    middle = tuple(
        (a + 3 * b + 3 * c + d) / 8 for a, b, c, d in zip(start, c0, c1, end, strict=True)
    )
    return EdgeShape(path, tuple(arrows), (middle[0], middle[1]), (tip0, tip1, c0, c1))


def _num(value: float) -> str:
    """Coordinates to a tenth of a pixel, without a trailing `.0`."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
