"""`render/excalidraw.py`: an Excalidraw scene drawn as SVG, element by element. The expected
SVG is worked out by hand from Excalidraw's scene format (x, y, width, height, points relative
to x/y, angle in radians about the box's centre, strokeWidth, strokeStyle, opacity in %,
roundness, arrowheads 25° either side), with numbers written to one decimal (OFM-SPEC §5)."""

from __future__ import annotations

import base64
import math
import re

from obsidian_to_mkdocs.render.excalidraw import scene_svg
from tests.fixtures.reader import render

DEFAULT = 'stroke="#1e1e1e" stroke-width="1" fill="none"'
ROUND = 'stroke-linecap="round" stroke-linejoin="round"'


def test_s5_drawing_every_element_kind():
    rectangle = {
        "type": "rectangle",
        "x": 10,
        "y": 20,
        "width": 100,
        "height": 50,
        "strokeColor": "#000000",
        "backgroundColor": "#a5d8ff",
        "strokeWidth": 2,
        "roundness": {"type": 3},
        "strokeStyle": "dashed",
        "opacity": 50,
    }
    ellipse = {"type": "ellipse", "x": 0, "y": 0, "width": 40, "height": 20, "angle": math.pi / 2}
    diamond = {"type": "diamond", "x": 0, "y": 100, "width": 20, "height": 10}
    diamond["strokeStyle"] = "dotted"
    arrow = {"type": "arrow", "x": 0, "y": 200, "points": [[0, 0], [30, 0]]}
    arrow |= {"endArrowhead": "arrow", "startArrowhead": None}
    closed_line = {"type": "line", "x": 100, "y": 100, "backgroundColor": "#ffc9c9"}
    closed_line["points"] = [[0, 0], [10, 0], [10, 10], [0, 0.5]]
    freehand = {"type": "freedraw", "x": 0, "y": 300, "points": [[0, 0], [5, 5]]}
    freehand |= {"strokeWidth": 2, "strokeStyle": "dashed"}
    text = {"type": "text", "x": 0, "y": 400, "width": 50, "text": "a<b\nc", "fontSize": 10}
    text |= {"lineHeight": 1.2, "textAlign": "center", "fontFamily": 2}
    image = {"type": "image", "x": 200, "y": 0, "width": 10, "height": 10, "fileId": "f1"}
    deleted = {"type": "rectangle", "x": -1000, "y": -1000, "isDeleted": True}
    frame = {"type": "frame", "x": 0, "y": 0, "width": 1, "height": 1}
    scene = {
        "elements": [rectangle, ellipse, diamond, arrow, closed_line, freehand, text, image]
        + [deleted, frame, "not an element"],
        "appState": {"viewBackgroundColor": "#fff8e7"},
    }
    # bounds x 0..210, y 0..400; margin 10 + the widest stroke (2)
    assert scene_svg(scene, {"f1": "data:image/png;base64,AAA"}) == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="234" height="424" '
        'viewBox="-12 -12 234 424"><rect x="-12" y="-12" width="234" height="424" '
        'fill="#fff8e7"/>'
        '<rect x="10" y="20" width="100" height="50" rx="12.5" stroke="#000000" '
        'stroke-width="2" fill="#a5d8ff" stroke-dasharray="8 6" opacity="0.5"/>'
        f'<ellipse cx="20" cy="10" rx="20" ry="10" {DEFAULT} transform="rotate(90 20 10)"/>'
        f'<path d="M10 100L20 105L10 110L0 105Z" {DEFAULT} stroke-dasharray="1.5 6"/>'
        # arrowhead: 17 (15 + 2 x stroke) back from the tip, 25° either side
        f'<path d="M0 200L30 200M14.6 192.8L30 200L14.6 207.2" {DEFAULT} {ROUND}/>'
        # a line ending within 1 of its start is closed, so it takes its fill
        '<path d="M100 100L110 100L110 110L100 100.5" stroke="#1e1e1e" stroke-width="1" '
        f'fill="#ffc9c9" {ROUND}/>'
        # freehand: 1.5 x the stroke, never dashed
        f'<path d="M0 300L5 305" stroke="#1e1e1e" stroke-width="3" fill="none" {ROUND}/>'
        '<text fill="#1e1e1e" font-size="10" font-family="Nunito, Helvetica, Arial, sans-serif" '
        'text-anchor="middle" dominant-baseline="central">'
        '<tspan x="25" y="406">a&lt;b</tspan><tspan x="25" y="418">c</tspan></text>'
        '<image x="200" y="0" width="10" height="10" preserveAspectRatio="none" '
        'href="data:image/png;base64,AAA"/></svg>'
    )


def test_s5_drawing_odd_values_take_excalidraws_defaults():
    flipped = {"type": "rectangle", "x": 10, "y": 10, "width": -4, "height": 8}
    flipped |= {"strokeColor": " ", "strokeWidth": 0.1, "opacity": -5, "roundness": None}
    bad_numbers = {"type": "ellipse", "x": True, "y": float("nan"), "width": "4", "height": 2}
    dot = {"type": "arrow", "x": 1, "y": 2, "points": [[0, 0], ["x"], [1]]}
    dot |= {"startArrowhead": "bar"}
    right = {"type": "text", "x": 0, "y": 0, "width": 8, "text": "r", "textAlign": "right"}
    right |= {"opacity": 40, "angle": math.pi, "strokeColor": "red"}
    blank = {"type": "text", "x": 0, "y": 0, "text": "  "}
    missing_image = {"type": "image", "x": 0, "y": 0, "fileId": "nope"}
    svg = scene_svg({"elements": [flipped, bad_numbers, dot, right, blank, missing_image]}, {})
    shapes = re.findall(r"<(?:rect|ellipse|path|text)[^>]*>(?:<tspan[^<]*</tspan></text>)?", svg)
    assert shapes[1:] == [
        # a negative size is drawn as its length; a stroke is at least 0.5 wide
        '<rect x="10" y="10" width="4" height="8" rx="0" stroke="#1e1e1e" stroke-width="0.5" '
        'fill="none" opacity="0"/>',
        f'<ellipse cx="0" cy="1" rx="0" ry="1" {DEFAULT}/>',
        # one point is a dot; the start arrowhead is at most as long as the first segment
        f'<path d="M1 2L1.5 2M1.5 2.2L1 2L1.5 1.8" {DEFAULT} {ROUND}/>',
        '<text fill="red" font-size="20" font-family="Virgil, Excalifont, &#x27;Segoe Print&#x27;'
        ', &#x27;Comic Sans MS&#x27;, &#x27;Bradley Hand&#x27;, sans-serif" '
        'text-anchor="end" dominant-baseline="central" opacity="0.4" '
        'transform="rotate(180 4 0)"><tspan x="8" y="12.5">r</tspan></text>',
    ]
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="40" ')
    assert shapes[0] == '<rect x="-11" y="-11" width="32" height="40" fill="#ffffff"/>'


def test_s5_drawing_of_an_empty_scene_is_a_small_blank_image():
    assert scene_svg({"elements": "no list", "appState": []}, {}) == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="23" height="23" viewBox="-11 -11 23 23">'
        '<rect x="-11" y="-11" width="23" height="23" fill="#ffffff"/></svg>'
    )


def test_s5_drawing_places_the_images_its_scene_holds_as_data_urls():
    scene = (
        '{"elements": [{"type": "image", "x": 0, "y": 0, "width": 4, "height": 4, "fileId": "a"},'
        ' {"type": "image", "x": 0, "y": 0, "width": 4, "height": 4, "fileId": "b"}],'
        ' "files": {"a": {"dataURL": "data:image/png;base64,QUFB"},'
        ' "b": {"dataURL": "javascript:alert(1)"}}}'
    )
    note = f"---\nexcalidraw-plugin: parsed\n---\n```json\n{scene}\n```\n"
    text, _ = render("![[Pic.excalidraw]]\n", notes={"Pic.excalidraw.md": note})
    data = re.search(r"data:image/svg\+xml;base64,([^)]*)\)", text).group(1)
    svg = base64.b64decode(data).decode()
    assert svg.count("<image ") == 1 and 'href="data:image/png;base64,QUFB"' in svg
    assert "javascript" not in svg
