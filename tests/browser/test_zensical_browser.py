"""The site Zensical builds behaves as the MkDocs one in a real browser (#24).

The same converted sample vault is built by Zensical as `build --engine zensical` does, served
on 127.0.0.1 and driven in headless Chromium by the very checks the MkDocs builds pass (hover
previews, the graph page, local graphs, 404 suggestions, hostile names), called here on the
Zensical site; plus what differs: Zensical's own search dialog, and no request leaving the site.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from urllib.parse import urlsplit

import pytest

from tests.browser import test_big_nav as big_nav
from tests.browser import test_graph_preview as previews_and_graph
from tests.browser import test_hostile_names as hostile
from tests.browser import test_publishing_browser as publishing
from tests.browser import test_self_contained as self_contained
from tests.browser.conftest import NotFoundHandler
from tests.conftest import build_with_zensical, converted, write_vault

pytestmark = pytest.mark.browser


QUOTED_TITLE = """Don't "panic" & <go>"""
QUOTES = f"---\ntitle: {json.dumps(QUOTED_TITLE)}\n---\nA quoted title.\n"  # JSON is YAML


def _serve_with_404(site) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(NotFoundHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def _zensical_site(tmp_path_factory, name: str, notes: dict):
    root = tmp_path_factory.mktemp(name)
    options, _ = converted(write_vault(root / "vault", notes), root)
    return build_with_zensical(options, root / "site")


# --- the checks of the MkDocs builds, on the Zensical build ------------------------------------


@pytest.mark.parametrize(
    "rel, link",
    [
        (previews_and_graph.TAGS_NOTE, "article > p a[href*='%E5%8F%91%E5%B8%83']"),
        (previews_and_graph.CALLOUTS_NOTE, ".admonition a[href]:not(.headerlink)"),
        (previews_and_graph.TAGS_NOTE, ".ofm-backlinks a"),
    ],
)
def test_hover_previews(page, serve, zensical_sample_site, rel, link):
    previews_and_graph.test_hovering_an_internal_link_previews_its_target(
        page, serve, zensical_sample_site, rel, link, link
    )


def test_no_preview_for_same_page_or_external_links(page, serve, zensical_sample_site):
    previews_and_graph.test_no_preview_for_same_page_or_external_links(
        page, serve, zensical_sample_site
    )


def test_graph_page_draws_every_note_with_the_sites_words(page, serve, zensical_sample_site):
    previews_and_graph.test_graph_page_draws_every_note(page, serve, zensical_sample_site)
    count = page.locator(".ofm-graph--site").inner_text()
    assert "篇笔记" in count and "条链接" in count  # theme.language: zh, from extra.ofm


def test_clicking_a_graph_node_opens_its_page(page, serve, zensical_sample_site):
    previews_and_graph.test_clicking_a_node_opens_its_page(page, serve, zensical_sample_site)


def test_local_graph_lists_the_neighbours(page, serve, zensical_sample_site):
    previews_and_graph.test_note_shows_its_local_graph_with_its_neighbours(
        page, serve, zensical_sample_site
    )


@pytest.fixture(scope="module")
def publishing_url(tmp_path_factory):
    httpd, url = _serve_with_404(_zensical_site(tmp_path_factory, "z-404", publishing.VAULT))
    yield url
    httpd.shutdown()
    httpd.server_close()


def test_404_page_suggests_the_closest_notes(page, publishing_url):
    publishing.test_404_page_suggests_the_closest_notes(page, publishing_url)


def test_404_page_without_a_close_note_shows_no_list(page, publishing_url):
    publishing.test_404_page_without_a_close_note_shows_no_list(page, publishing_url)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = _zensical_site(tmp_path_factory, "z-hostile", {**hostile.NOTES, "Quotes.md": QUOTES})
    httpd, url = _serve_with_404(site)
    yield site, url
    httpd.shutdown()
    httpd.server_close()


watched = hostile.watched  # the page, with every dialog it opens recorded


@pytest.mark.parametrize(
    "rel",
    ["", "tags/", "tags/tagline/", f"{hostile.IMG}/", f"{hostile.MARKUP_FOLDER}/", "Vectors/"],
)
def test_hostile_names_run_nothing(watched, hostile_site, rel):
    """Zensical writes navigation titles as markup: the folder `<svg onload=…>` is a section
    title escaped in the generated `nav:`, as the plugin escapes it under MkDocs."""
    site, base = hostile_site
    hostile._open(watched, base, rel)
    nav = watched.locator("nav.md-nav--primary").inner_text()
    assert hostile.IMG in nav and hostile.MARKUP_FOLDER in nav


def test_hostile_titles_tags_and_raw_html_show_as_text(watched, hostile_site):
    hostile.test_note_page_shows_every_name_as_text(watched, hostile_site)
    hostile.test_raw_html_of_a_note_keeps_its_markup_and_runs_nothing(watched, hostile_site)


def test_hostile_graph_previews_and_404(watched, hostile_site):
    hostile.test_graph_page_and_local_graph_draw_names_as_text(watched, hostile_site)
    hostile.test_hover_preview_of_a_page_with_noscript_runs_nothing(watched, hostile_site)
    hostile.test_404_suggestions_are_links_inside_the_site(watched, hostile_site)


# --- Zensical's own search dialog, and nothing but the site asked for --------------------------


def zensical_search(page, query: str) -> list[str]:
    """Zensical's search dialog (its own, in a shadow root): the result pages, best first."""
    page.locator(".md-search__button").click()
    box = page.get_by_role("combobox")
    box.fill(query)
    page.locator("[role=listbox] a[href]").first.wait_for(timeout=30_000)
    links = page.locator("[role=listbox] a[href]").evaluate_all("els => els.map(a => a.href)")
    return [link.split("?")[0].split("#")[0] for link in links]  # minus ?h=query, #heading


@pytest.mark.parametrize("rel", ["", "OpenAI DevDay 2023/", "graph/"])
def test_pages_and_search_request_only_the_site(page, serve, zensical_sample_site, rel):
    server = serve(zensical_sample_site)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.page_url(rel), wait_until="networkidle")
    found = zensical_search(page, "价格")
    page.wait_for_load_state("networkidle")
    assert server.page_url("OpenAI DevDay 2023/") in found
    assert any(urlsplit(url).path == "/search.json" for url in requests)
    foreign = [url for url in requests if urlsplit(url).hostname not in ("127.0.0.1", None)]
    assert not foreign, foreign
    fonts = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Inter" not in fonts.split(",")[0]  # theme.font: false, no Google Fonts


def test_mermaid_and_math_render_from_vendored_copies(page, serve, tmp_path_factory):
    notes = {"图与公式.md": self_contained.DIAGRAM_AND_MATH}
    site = _zensical_site(tmp_path_factory, "z-diagram", notes)
    self_contained.test_mermaid_and_math_render_from_vendored_copies(page, serve, site)


def test_tag_chips_link_to_the_tag_pages(page, hostile_site):
    """The chips of front-matter tags above the content (our partial, under Zensical too)
    lead to the converter's tag pages, which list the note."""
    site, base = hostile_site
    page.goto(base + "Hostile/", wait_until="networkidle")
    page.locator("nav.md-tags a.md-tag", has_text="ok").click()
    page.wait_for_url(base + "tags/ok/", timeout=10_000)
    assert hostile.TITLE in page.locator("article").inner_text()


def test_search_shows_titles_as_written(page, hostile_site):
    """Zensical's dialog shows a title's `&amp;` and `&lt;` as `&` and `<`, but `&quot;` and
    `&#x27;` as written: titles keep their quotes in the front matter (render/page.py)."""
    site, base = hostile_site
    page.goto(base, wait_until="networkidle")
    zensical_search(page, "quoted title")
    first = page.locator("[role=listbox] [role=option]").first.inner_text()
    assert first.splitlines()[0] == QUOTED_TITLE


# --- knowledge-garden, the same converted docs/ as the MkDocs build -----------------------------


@pytest.fixture(scope="session")
def zensical_garden(corpus_site):
    return corpus_site("knowledge-garden", "zensical")[0]


@pytest.mark.slow
def test_knowledge_garden_graph_page_renders_without_freezing(page, serve, zensical_garden):
    previews_and_graph.test_knowledge_garden_graph_page_renders_without_freezing(
        page, serve, zensical_garden
    )


@pytest.mark.slow
def test_knowledge_garden_note_has_local_graph_and_preview(page, serve, zensical_garden):
    previews_and_graph.test_knowledge_garden_note_has_local_graph_and_preview(
        page, serve, zensical_garden
    )
    page.screenshot(path="/tmp/knowledge-garden-note-zensical.png")


@pytest.mark.slow
@pytest.mark.parametrize(
    "check",
    [
        big_nav.test_deep_page_shows_its_folder_with_the_page_highlighted,
        big_nav.test_a_note_in_another_folder_is_two_clicks_away,
        big_nav.test_the_mobile_drawer_still_navigates,
    ],
    ids=lambda check: check.__name__.removeprefix("test_"),
)
def test_knowledge_garden_navigation(browser, serve, zensical_garden, check):
    """The big navigation's window of siblings (theme/partials/nav*.html), under Zensical."""
    check(serve(zensical_garden), browser)


@pytest.mark.slow
def test_knowledge_garden_big_folder_window(browser, serve, zensical_garden):
    big_nav.test_a_big_folder_shows_a_window_and_links_the_rest(
        serve(zensical_garden), zensical_garden, browser
    )
