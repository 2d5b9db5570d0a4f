"""How pages look next to Obsidian's reading view, in a real browser (#18): callout text at
body size and Obsidian's colour per callout type in light and dark, `==highlight==` yellow in
both, and right-to-left notes laid out right to left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import write_vault

from .conftest import build_site

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))
# Obsidian's default callout colours (its --color-*-rgb), light then dark.
ORANGE = ("rgb(236, 117, 0)", "rgb(233, 151, 63)")
PURPLE = ("rgb(120, 82, 238)", "rgb(168, 130, 255)")
GREEN = ("rgb(8, 185, 78)", "rgb(68, 207, 110)")
RED = ("rgb(233, 49, 71)", "rgb(251, 70, 76)")
YELLOW = "rgba(255, 208, 0, 0.4)"

VAULT = {
    "Callouts.md": (
        "Body text with a ==highlight== in it.\n\n"
        "> [!question] Is this orange?\n> Callout text, as big as the body.\n\n"
        "> [!example]- Folded example\n> Purple.\n\n"
        "> [!success] Done\n> Green.\n\n"
        "> [!bug] Bug\n> Red.\n\n"
        "> [!note] Note\n> Blue, with ==highlighted== words.\n"
    ),
    "RTL.md": (
        "## כותרת בעברית\n\nזו פסקה בעברית עם מילה English באמצע.\n\n"
        "This paragraph is English.\n\n- عنصر قائمة بالعربية\n- An English item\n"
    ),
}


@pytest.fixture(scope="module")
def looks_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("looks")
    return build_site(write_vault(out / "vault", VAULT), out)


def _open(browser, serve, site, rel: str, scheme: str):
    context = browser.new_context(color_scheme=scheme, service_workers="block")
    tab = context.new_page()
    tab.goto(serve(site).page_url(rel))
    return context, tab


def _style(tab, selector: str, prop: str) -> str:
    return tab.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_callouts_have_obsidian_colours_and_body_size(browser, serve, looks_site, scheme):
    context, tab = _open(browser, serve, looks_site, "Callouts/", scheme)
    try:
        dark = scheme == "dark"
        assert tab.evaluate("document.body.dataset.mdColorScheme") == (
            "slate" if dark else "default"
        )
        body = _style(tab, "article > p", "fontSize")
        assert _style(tab, ".admonition.question p:not(.admonition-title)", "fontSize") == body
        for selector, colour in (
            (".admonition.question", ORANGE),
            ("details.example", PURPLE),
            (".admonition.success", GREEN),
            (".admonition.bug", RED),
        ):
            assert _style(tab, selector, "borderLeftColor") == colour[dark], selector
        title = ".admonition.question > .admonition-title"
        assert _style(tab, title, "color") == ORANGE[dark]
        assert _style(tab, "article > p mark", "backgroundColor") == YELLOW
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.locator("article").screenshot(path=str(SHOTS / f"realvaults-callouts-{scheme}.png"))
    finally:
        context.close()


def test_right_to_left_blocks_read_right_to_left(browser, serve, looks_site):
    context, tab = _open(browser, serve, looks_site, "RTL/", "light")
    try:
        tab.wait_for_selector("article p[dir=auto]")
        directions = tab.eval_on_selector_all(
            "article h2, article > p, article li",
            "els => els.map(e => [e.textContent.slice(0, 5), getComputedStyle(e).direction])",
        )
        assert [d for _, d in directions] == ["rtl", "rtl", "ltr", "rtl", "ltr"], directions
        edges = tab.eval_on_selector_all(
            "article > p",
            """els => els.map(e => {
                const range = document.createRange(); range.selectNodeContents(e)
                const text = range.getBoundingClientRect(), box = e.getBoundingClientRect()
                return [Math.round(box.right - text.right), Math.round(text.left - box.left)]
            })""",
        )
        hebrew, english = edges
        assert hebrew[0] <= 2 < hebrew[1]  # flush right
        assert english[1] <= 2 < english[0]  # flush left
        item = tab.locator("article li").first.bounding_box()
        article = tab.locator("article").bounding_box()
        marker_room = article["x"] + article["width"] - (item["x"] + item["width"])
        assert marker_room >= 15  # its bullet, on the right, stays inside the page
        tab.locator("article").screenshot(path=str(SHOTS / "realvaults-rtl.png"))
    finally:
        context.close()
