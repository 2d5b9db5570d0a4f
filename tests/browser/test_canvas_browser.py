"""A canvas page in a real browser (#22): the boxes stand where the JSON puts them, the board
pans (drag, arrow keys), zooms (wheel, keys, pinch) and fits, its links are followed, and it
comes back alive after Material's instant navigation."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import deep_link_search
from tests.conftest import mkdocs_build, write_vault

pytestmark = pytest.mark.browser

NODES = [
    {"id": "g", "type": "group", "x": -40, "y": -60, "width": 900, "height": 420, "label": "G"},
    {
        "id": "a",
        "type": "text",
        "x": 0,
        "y": 0,
        "width": 260,
        "height": 160,
        "text": "Start at [[Target]]",
        "color": "2",
    },
    {"id": "b", "type": "text", "x": 520, "y": 120, "width": 300, "height": 200, "text": "Second"},
    {
        "id": "c",
        "type": "link",
        "x": 100,
        "y": 520,
        "width": 400,
        "height": 120,
        "url": "https://example.org/",
    },
    {
        "id": "d",
        "type": "text",
        "x": 1500,
        "y": 900,
        "width": 200,
        "height": 100,
        "text": "Faraway Zanzibarquokka",
    },
]
EDGES = [{"id": "e", "fromNode": "a", "fromSide": "right", "toNode": "b", "toSide": "left"}]
VAULT = {
    "Board.canvas": json.dumps({"nodes": NODES, "edges": EDGES}),
    "Target.md": "# Target\n\nBack to [[Board.canvas]].\n",
}
SPEC = {n["id"]: n for n in NODES}


@pytest.fixture(scope="module")
def board_url(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("canvas-browser")
    vault = write_vault(root / "vault", VAULT)
    # Material navigates instantly only with a site_url (any: it maps its sitemap onto the host)
    site, _ = mkdocs_build(vault, root / "out", site_url="https://site.invalid/")
    return serve(site).page_url("Board.canvas/")


def _boxes(page) -> dict[str, dict]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
            '.ofm-canvas--page [data-node]')].map(e => {
              const r = e.getBoundingClientRect()
              return [e.dataset.node, {x: r.x, y: r.y, width: r.width, height: r.height}]
            }))"""
    )


def _scale(page) -> float:
    return float(page.get_attribute(".ofm-canvas--page", "data-scale"))


def _assert_matches_json(boxes: dict, scale: float) -> None:
    """Every box's size, and its offset from box `a`, are the JSON's times the scale."""
    origin = boxes["a"]
    for node_id, box in boxes.items():
        spec = SPEC[node_id]
        assert box["width"] == pytest.approx(spec["width"] * scale, abs=1), node_id
        assert box["height"] == pytest.approx(spec["height"] * scale, abs=1), node_id
        dx, dy = spec["x"] - SPEC["a"]["x"], spec["y"] - SPEC["a"]["y"]
        assert box["x"] - origin["x"] == pytest.approx(dx * scale, abs=1), node_id
        assert box["y"] - origin["y"] == pytest.approx(dy * scale, abs=1), node_id


def test_canvas_page_fits_pans_zooms_and_follows_links(page, board_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(board_url)
    page.wait_for_selector(".ofm-canvas--live")
    viewport = page.locator(".ofm-canvas__viewport")
    frame = viewport.bounding_box()
    assert frame is not None

    # fitted on load: smaller than 1, every box inside the viewport, positions as in the JSON
    scale = _scale(page)
    assert 0 < scale < 1
    boxes = _boxes(page)
    _assert_matches_json(boxes, scale)
    for box in boxes.values():
        assert (
            frame["x"] - 1 <= box["x"]
            and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
        )
        assert (
            frame["y"] - 1 <= box["y"]
            and box["y"] + box["height"] <= frame["y"] + frame["height"] + 1
        )
    assert page.is_visible(".ofm-canvas__tools button[data-zoom='in']")
    assert page.is_visible(".ofm-canvas__help")

    # pan by dragging an empty spot of the board
    start = (frame["x"] + frame["width"] - 20, frame["y"] + frame["height"] - 20)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] - 60, start[1] - 40, steps=5)
    page.mouse.up()
    moved = _boxes(page)
    assert moved["a"]["x"] == pytest.approx(boxes["a"]["x"] - 60, abs=1)
    assert moved["a"]["y"] == pytest.approx(boxes["a"]["y"] - 40, abs=1)
    assert _scale(page) == scale

    # wheel: zoom in around the pointer, which keeps the point under it in place
    at = (moved["b"]["x"] + 10, moved["b"]["y"] + 10)
    page.mouse.move(*at)
    page.mouse.wheel(0, -300)
    page.wait_for_function(
        "s => Number(document.querySelector('.ofm-canvas--page').dataset.scale) > s", arg=scale
    )
    zoomed = _scale(page)
    after = _boxes(page)
    _assert_matches_json(after, zoomed)
    ratio = zoomed / scale
    assert after["b"]["x"] == pytest.approx(at[0] - 10 * ratio, abs=2)
    assert after["b"]["y"] == pytest.approx(at[1] - 10 * ratio, abs=2)

    # keyboard: 0 fits again, + zooms, an arrow key pans
    viewport.focus()
    page.keyboard.press("0")
    assert _scale(page) == pytest.approx(scale, rel=1e-3)
    page.keyboard.press("+")
    assert _scale(page) == pytest.approx(scale * 1.25, rel=1e-3)
    before = _boxes(page)["a"]["x"]
    page.keyboard.press("ArrowLeft")
    assert _boxes(page)["a"]["x"] == pytest.approx(before + 60, abs=1)
    page.keyboard.press("0")

    # touch: two pointers moving apart zoom in (pinch)
    page.evaluate(
        """() => {
          const v = document.querySelector('.ofm-canvas__viewport')
          const r = v.getBoundingClientRect(), cx = r.x + r.width / 2, cy = r.y + r.height / 2
          const fire = (type, id, x) => v.dispatchEvent(new PointerEvent(type, {
            pointerId: id, pointerType: 'touch', clientX: x, clientY: cy, bubbles: true,
            isPrimary: id === 1}))
          fire('pointerdown', 1, cx - 50); fire('pointerdown', 2, cx + 50)
          fire('pointermove', 1, cx - 100); fire('pointermove', 2, cx + 100)
          fire('pointerup', 1, cx - 100); fire('pointerup', 2, cx + 100)
        }"""
    )
    assert _scale(page) > scale * 1.5
    page.keyboard.press("0")

    # a link in a text node is followed (Material's instant navigation), and coming back
    # through the page's own link brings a live, fitted board again
    page.locator("[data-node='a'] a", has_text="Target").click()
    page.wait_for_url("**/Target/")
    assert page.locator("article h1").first.inner_text().strip().rstrip("¶") == "Target"
    page.locator("article a", has_text="Board.canvas").click()
    page.wait_for_url("**/Board.canvas/")
    page.wait_for_selector(".ofm-canvas--live")
    _assert_matches_json(_boxes(page), _scale(page))


def test_without_javascript_the_board_shows_and_scrolls(browser, board_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(board_url)
        assert tab.locator(".ofm-canvas--live").count() == 0
        assert not tab.is_visible(".ofm-canvas__tools")
        assert not tab.is_visible(".ofm-canvas__help")  # it tells how to move: not without JS
        boxes = _boxes(tab)
        _assert_matches_json(boxes, 1.0)  # full size
        assert tab.locator("[data-node='a']").is_visible()
        text = tab.locator(".ofm-canvas--page").inner_text()
        assert text.index("Start at") < text.index("Second") < text.index("example.org")
        overflow = tab.eval_on_selector(
            ".ofm-canvas__viewport", "e => getComputedStyle(e).overflow"
        )
        assert overflow == "auto"
    finally:
        context.close()


def test_search_finds_the_text_of_a_canvas(page, board_url):
    base = board_url.removesuffix("Board.canvas/")
    assert deep_link_search(page, base, "Zanzibarquokka") == ["Board.canvas/"]
