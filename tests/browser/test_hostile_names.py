"""A vault whose names and values are HTML and script, opened in real Chromium (issue #17).

File and folder names, `title:`, tags, aliases, descriptions and `updated:` carry payloads that
would call `alert(n)` if any sink wrote them as markup. The site is built with MkDocs and every
kind of page is opened with a dialog handler: no dialog may open, no element may carry an event
handler or a `javascript:` link, and the payloads are shown as the text they are.
"""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import quote

import pytest

from tests.browser.conftest import NotFoundHandler
from tests.conftest import mkdocs_build, write_vault

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
TITLE = '"><script>alert(3)</script>'
ATTR_TAG = 'x"onmouseover=alert(4);a="'
SCRIPT_FOLDER = "javascript:alert(2)"
MARKUP_FOLDER = "<svg onload=alert(15)>"
CLOSING_TITLE = "</title><script>alert(20)</script>"
# A note's own raw HTML, each line of which would run script were it written out as it is.
BODY_VECTORS = """<img src=x onerror=alert(21)>

<script>alert(22)</script>

<svg onload=alert(23)><circle r="5"/></svg>

<p>Inline <a href="javascript:alert(24)">script link</a>,
<a href="jav&#x09;ascript:alert(25)">tab</a> and <b onmouseover=alert(26)>bold</b>.</p>

<iframe src="javascript:alert(27)"></iframe>
<iframe srcdoc="<script>parent.alert(28)</script>"></iframe>

<object data="javascript:alert(29)"></object><embed src="javascript:alert(30)">

<meta http-equiv="refresh" content="0;url=javascript:alert(31)">
<base href="javascript:alert(32)//">

<form action="javascript:alert(33)"><button formaction="javascript:alert(34)">go</button></form>

<div style="background:url('javascript:alert(35)')">styled</div>

<details open><summary>Kept summary</summary>
<div class="kept"><span style="color: red">red</span> <mark>marked</mark> <kbd>Ctrl</kbd></div>

Between the blocks.

</details>

<noscript><p title="</noscript><img src=x onerror=alert(36)>">quiet</p></noscript>
"""
NOTES = {
    f"{IMG}.md": "A note whose file name is markup. Links to [[Hostile]].\n",
    f"{SCRIPT_FOLDER}/Inside.md": "In a folder named like a script URL. See [[Hostile]].\n",
    f"{MARKUP_FOLDER}/Deep.md": "In a folder named like markup. See [[Hostile]].\n",
    "Hostile.md": (
        "---\n"
        f"title: '{TITLE}'\n"
        f"tags: ['{ATTR_TAG}', '</script>', 'ok']\n"
        "aliases: ['<img src=x onerror=alert(6)>', '\"><b onmouseover=alert(7)>']\n"
        "description: '\"><img src=x onerror=alert(8)>'\n"
        "updated: '<img src=x onerror=alert(9)>'\n"
        "subtitle: '<img src=x onerror=alert(10)>'\n"
        "---\n"
        f"Body links to [[{IMG}]], [[Inside]], [[Deep]], [[Vectors]] and [[Quiet]]. #tagline\n"
    ),
    "Vectors.md": (
        f"---\ntitle: '{CLOSING_TITLE}'\n---\nFirst paragraph of vectors.\n\n{BODY_VECTORS}"
    ),
    "Quiet.md": (
        "---\nupdated: '\"><img src=x onerror=alert(11)>'\n---\n"
        '`"><img src=x onerror=alert(12)>` and &quot;&gt;&lt;img src=x onerror=alert(13)&gt; '
        "first paragraph.\n\n"
        "<noscript><img src=x onerror=alert(14)></noscript>\n\nBack to [[Hostile]].\n"
    ),
}

# Everything on the page that would run or navigate to script, had a payload become markup.
LIVE_MARKUP = """() => {
    const found = []
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes)
            if (/^on/i.test(attr.name)) found.push(el.tagName + ' ' + attr.name)
        if (el.tagName === 'SCRIPT' && /alert\\(/.test(el.textContent)) found.push('script')
        const href = el.href && (el.href.baseVal !== undefined ? el.href.baseVal : el.href)
        if (typeof href === 'string' && /^\\s*javascript:/i.test(new URL(href, location).href))
            found.push(el.tagName + ' javascript: ' + href)
    }
    return found
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    vault = write_vault(tmp / "vault", NOTES)
    site, report = mkdocs_build(vault, tmp / "out")
    handler = functools.partial(NotFoundHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def watched(page):
    """The page, with every dialog it opens recorded (and dismissed)."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    return page


def _inert(page) -> None:
    page.wait_for_timeout(300)  # an image's error event, a timer
    assert page.evaluate(LIVE_MARKUP) == []
    assert page.dialogs == []


def _open(page, base: str, rel: str) -> None:
    page.goto(base + quote(rel), wait_until="networkidle")
    _inert(page)


def test_note_page_shows_every_name_as_text(watched, hostile_site):
    site, base = hostile_site
    _open(watched, base, "Hostile/")
    assert watched.locator("article h1").inner_text() == TITLE
    assert watched.title().startswith(TITLE)
    description = watched.locator("meta[name=description]").get_attribute("content")
    assert description == '"><img src=x onerror=alert(8)>'
    chips = watched.locator("nav.md-tags a.md-tag")
    assert ATTR_TAG in chips.all_inner_texts()
    chip = chips.filter(has_text="onmouseover")
    chip.hover()
    _inert(watched)
    assert chip.evaluate("a => new URL(a.href).pathname").endswith(
        "/tags/" + quote(ATTR_TAG, safe="=;()") + "/"
    )
    body = watched.locator("article").inner_text()
    assert IMG in body  # the link to the note named like an image tag
    nav = watched.locator("nav.md-nav--primary").inner_text()
    assert IMG in nav and MARKUP_FOLDER in nav


def test_description_from_a_code_span_stays_in_its_attribute(watched, hostile_site):
    site, base = hostile_site
    _open(watched, base, "Quiet/")
    description = watched.locator("meta[name=description]").get_attribute("content")
    assert description.startswith('"><img src=x onerror=alert(12)> and "><img src=x')
    # the page's own <noscript> is text while scripting runs, as it was written
    assert watched.locator("article noscript").count() == 1


@pytest.mark.parametrize(
    "rel",
    [
        "",
        "tags/",
        "tags/tagline/",
        f"tags/{ATTR_TAG}/",
        f"{IMG}/",
        f"{SCRIPT_FOLDER}/Inside/",
        f"{MARKUP_FOLDER}/",  # the folder's generated section page
        "<img src=x onerror=alert(6)>/",  # an alias's redirect page, on to Hostile/
    ],
)
def test_generated_and_named_pages_run_nothing(watched, hostile_site, rel):
    site, base = hostile_site
    _open(watched, base, rel)
    assert watched.locator("article").count() == 1
    if rel.startswith("<img src=x onerror=alert(6)>"):
        assert watched.url == base + "Hostile/"


def test_home_page_lists_titles_and_dates_as_text(watched, hostile_site):
    site, base = hostile_site
    _open(watched, base, "")
    recent = watched.locator("article li").all_inner_texts()
    assert any(line.startswith(TITLE) and "<img src=x" in line for line in recent), recent


def test_graph_page_and_local_graph_draw_names_as_text(watched, hostile_site):
    site, base = hostile_site
    _open(watched, base, "graph/")
    watched.wait_for_selector(".ofm-graph--site[data-state=done]", timeout=30_000)
    _inert(watched)
    _open(watched, base, "Hostile/")
    local = watched.locator(".ofm-graph--local")
    local.first.wait_for(state="visible", timeout=10_000)
    titles = local.first.locator("a.ofm-graph__node title").evaluate_all(
        "els => els.map(t => t.textContent)"
    )
    assert TITLE in titles and IMG in titles
    _inert(watched)


def test_404_suggestions_are_links_inside_the_site(watched, hostile_site):
    site, base = hostile_site
    # the missing address names the note in the `javascript:` folder, so it is suggested
    watched.goto(base + quote(f"{SCRIPT_FOLDER}/Insidex/"), wait_until="networkidle")
    watched.locator(".ofm-suggestions:not([hidden])").wait_for(timeout=10_000)
    hrefs = watched.locator(".ofm-suggestions a").evaluate_all("els => els.map(a => a.href)")
    assert hrefs and all(href.startswith(base) for href in hrefs), hrefs
    assert "Inside" in watched.locator(".ofm-suggestions").inner_text()
    _inert(watched)


def test_search_results_show_payloads_as_text(watched, hostile_site):
    site, base = hostile_site
    _open(watched, base, "")
    box = watched.locator("input.md-search__input")
    box.click()
    box.fill("onerror")
    box.press("End")
    results = watched.locator("li.md-search-result__item")
    results.first.wait_for(timeout=60_000)
    _inert(watched)
    assert any(IMG in text for text in results.all_inner_texts())


def _preview(page, link: str) -> str:
    """The text of the hover preview of `link`, checked inert, then closed."""
    page.locator(link).first.hover()
    card = page.locator(".ofm-preview")
    card.wait_for(state="visible", timeout=10_000)
    text = card.inner_text()
    _inert(page)
    page.mouse.move(0, 0)
    card.wait_for(state="detached", timeout=5_000)
    return text


def test_hover_preview_of_a_page_with_noscript_runs_nothing(watched, hostile_site):
    site, base = hostile_site
    _open(watched, base, "Hostile/")
    assert "first paragraph" in _preview(watched, "article a[href$='Quiet/']")
    assert "file name is markup" in _preview(watched, f"article a:text-is('{IMG}')")


def test_raw_html_of_a_note_keeps_its_markup_and_runs_nothing(watched, hostile_site):
    site, base = hostile_site
    _open(watched, base, "Vectors/")
    assert watched.title().startswith(CLOSING_TITLE)  # the title stays inside `<title>`
    assert watched.locator("article h1").inner_text() == CLOSING_TITLE
    article = watched.locator("article")
    for gone in ("script", "object", "embed", "form", "iframe[srcdoc]", "meta", "base"):
        assert article.locator(gone).count() == 0, gone
    assert watched.locator("head base").count() == 0
    assert article.locator("details[open] > summary").inner_text() == "Kept summary"
    assert article.locator("details div.kept span[style]").inner_text() == "red"
    assert article.locator("details mark").inner_text() == "marked"
    assert "Between the blocks." in article.locator("details").inner_text()
    assert article.locator("a:text-is('script link')").get_attribute("href") is None
    article.locator("b:text-is('bold')").hover()
    _inert(watched)


def test_hover_preview_of_raw_html_runs_nothing(watched, hostile_site):
    site, base = hostile_site
    _open(watched, base, "Hostile/")
    assert "First paragraph of vectors" in _preview(watched, "article a[href$='Vectors/']")
