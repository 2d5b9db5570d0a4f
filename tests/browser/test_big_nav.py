"""The navigation of a 3,176-note site (knowledge-garden) in headless Chromium (issue #11).

Each page carries only the folders on its path and a window of siblings (theme/partials/
nav*.html); these tests check that a reader still finds their way: the current folder is open
with the current page highlighted, a note in another folder is two clicks away, the "⋯ N" link
leads to the rest of a big folder, and the mobile drawer navigates. Screenshots of a deep
page's navigation go to /tmp/big-nav-desktop.png and /tmp/big-nav-mobile.png.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DEEP = "Sources/Courses/人文社科通识/经济学/常见经济学概念/比较优势/"  # five folders deep
FOLDER = "常见经济学概念"
OTHER_FOLDER = "🧰 本库指南"  # a top-level folder holding notes, far from DEEP
BIG = "Cards/永久笔记/"  # 960 notes in one folder
PRIMARY = "nav.md-nav--primary"
SCREENSHOTS = Path("/tmp")


@pytest.fixture(scope="module")
def site_dir(knowledge_garden_site) -> Path:
    site = knowledge_garden_site
    site = site if isinstance(site, Path) else site[0]  # (site, report) in tests/conftest.py
    assert (site / DEEP / "index.html").is_file()
    return site


@pytest.fixture(scope="module")
def garden(site_dir, serve):
    return serve(site_dir)


def _path(page) -> str:
    return unquote(urlsplit(page.url).path)


def _open(page, server, rel: str) -> None:
    page.goto(server.page_url(rel))
    page.wait_for_selector(f"{PRIMARY} a.md-nav__link--active", state="attached")


def _click_and_wait(page, link, expected_path: str) -> None:
    link.click()  # navigation.instant: Material fetches the page and swaps it in
    page.wait_for_function(
        "p => decodeURIComponent(location.pathname) === p && document.querySelector('h1') !== null",
        arg=expected_path,
    )
    page.wait_for_load_state()


def test_deep_page_shows_its_folder_with_the_page_highlighted(garden, browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        _open(page, garden, DEEP)
        nav = page.locator(PRIMARY)
        current = nav.locator("a.md-nav__link--active")
        assert current.is_visible() and "比较优势" in current.inner_text()
        folder = nav.locator(".md-nav__item--active.md-nav__item--nested", has_text=FOLDER).last
        assert folder.locator(":scope > input.md-nav__toggle").is_checked()  # expanded
        # the folder's other notes are listed around the current page
        siblings = folder.locator(":scope > nav > ul > li > a.md-nav__link")
        assert siblings.count() >= 3
        # every ancestor folder is open, and the top-level folders are all there
        for name in ("Sources", "Courses", "人文社科通识", "经济学", FOLDER):
            assert nav.locator(".md-nav__item--active", has_text=name).count() >= 1
        for top in ("Atlas", "Calendar", "Cards", "Spaces", OTHER_FOLDER):
            assert nav.get_by_role("link", name=top, exact=True).first.is_visible()
        # O(depth): the whole navigation of this page is a few dozen links, not 3,000
        assert nav.locator("a").count() < 120
        page.screenshot(path=SCREENSHOTS / "big-nav-desktop.png")
    finally:
        context.close()


def test_a_note_in_another_folder_is_two_clicks_away(garden, browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        _open(page, garden, DEEP)
        nav = page.locator(PRIMARY)
        # click 1: the other folder in the navigation -> its index page (sections.py)
        _click_and_wait(
            page, nav.get_by_role("link", name=OTHER_FOLDER, exact=True).first, f"/{OTHER_FOLDER}/"
        )
        listing = page.locator("article.md-content__inner li > a")
        assert listing.count() >= 5  # the folder's notes and sub-folders, by title
        target = page.locator(f"{PRIMARY} .md-nav__item--active ul a.md-nav__link").first
        expected = unquote(urlsplit(target.evaluate("a => a.href")).path)
        # click 2: a note of that folder, from the navigation that is now open on it
        _click_and_wait(page, target, expected)
        assert expected.startswith(f"/{OTHER_FOLDER}/") and expected != f"/{OTHER_FOLDER}/"
        assert page.locator(f"{PRIMARY} a.md-nav__link--active").is_visible()
    finally:
        context.close()


def test_a_big_folder_shows_a_window_and_links_the_rest(garden, site_dir, browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        notes = sorted(
            p.parent.name
            for p in (site_dir / BIG).glob("*/index.html")
            if not any(p.parent.glob("*/index.html"))
        )
        middle = notes[len(notes) // 2]
        _open(page, garden, f"{BIG}{middle}/")
        more = page.locator(f"{PRIMARY} .md-nav__item--more a").first
        hidden = int(more.inner_text().split()[-1])
        assert hidden > 900  # ~960 notes, of which a window of 15 is shown
        _click_and_wait(page, more, f"/{BIG}")
        listed = page.locator("article.md-content__inner li > a")
        assert listed.count() >= len(notes)  # every note of the folder, on its index page
        last = listed.nth(listed.count() - 1)  # 2nd click: the far end of the folder
        expected = unquote(urlsplit(last.evaluate("a => a.href")).path)
        _click_and_wait(page, last, expected)
        assert page.locator(f"{PRIMARY} a.md-nav__link--active").is_visible()
    finally:
        context.close()


def test_the_mobile_drawer_still_navigates(garden, browser):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        _open(page, garden, DEEP)
        drawer = page.locator(".md-sidebar--primary")
        box = drawer.bounding_box()
        assert box["x"] + box["width"] <= 0  # the drawer waits off-screen, on the left
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_function("() => document.getElementById('__drawer').checked")
        page.wait_for_function(  # the drawer's slide-in transition (0.25 s)
            "() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().x >= 0"
        )
        # Material opens the drawer on the current page's folder: its notes are tappable
        here = drawer.locator(f"{PRIMARY} li.md-nav__item--active:not(.md-nav__item--nested)")
        sibling = here.locator(  # another note of the same folder, beside the current page
            "xpath=../li[not(contains(@class, 'md-nav__item--active'))"
            " and not(contains(@class, 'md-nav__item--more'))]/a"
        ).last
        sibling.wait_for(state="visible")
        page.screenshot(path=SCREENSHOTS / "big-nav-mobile.png")
        expected = unquote(urlsplit(sibling.evaluate("a => a.href")).path)
        _click_and_wait(page, sibling, expected)
        assert expected.startswith(f"/{DEEP.rsplit('/', 2)[0]}/")
        assert not page.evaluate("() => document.getElementById('__drawer').checked")
    finally:
        context.close()
