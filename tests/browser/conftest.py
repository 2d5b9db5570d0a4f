"""Browser fixtures: headless Debian Chromium through Playwright, and built sites served locally.

Sites are served by `http.server` on 127.0.0.1 (a free port), as a reader's browser would load
them; nothing is mocked. The knowledge-garden vault is built at most once per test session.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from tests.conftest import mkdocs_build

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature http.server calls
        pass


class NotFoundHandler(_QuietHandler):
    """Serves the site, and its 404.html for a missing address, as a static host does."""

    def send_error(self, code, message=None, explain=None):
        page = self.directory and f"{self.directory}/404.html"
        if code != 404 or not page:
            return super().send_error(code, message, explain)
        with open(page, "rb") as handle:
            body = handle.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class SiteServer:
    """A built site served on 127.0.0.1 until the session ends."""

    def __init__(self, site: Path):
        handler = functools.partial(_QuietHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def page_url(self, rel: str) -> str:
        return self.url + quote(rel)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def serve():
    """serve(site) -> SiteServer; every server stops at the end of the session."""
    servers: dict[Path, SiteServer] = {}

    def start(site: Path) -> SiteServer:
        if site not in servers:
            servers[site] = SiteServer(site)
        return servers[site]

    yield start
    for server in servers.values():
        server.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", service_workers="block")
    tab = context.new_page()
    yield tab
    context.close()


def build_site(vault: Path, out: Path) -> Path:
    """`mkdocs_build`, returning the site folder."""
    site, _ = mkdocs_build(vault, out)
    return site


@pytest.fixture(scope="session")
def knowledge_garden_site(knowledge_garden_site):
    """The one knowledge-garden build of the run (tests/conftest.py), as its site folder."""
    site, _ = knowledge_garden_site
    return site


# --- Material's search box, driven as a reader drives it ----------------------------------------

RESULT_LINKS = "li.md-search-result__item > a.md-search-result__link"


RESULTS_SHOWN = r"""t => {
    const meta = document.querySelector('.md-search-result__meta')
    const text = meta ? meta.textContent.trim() : ''
    const other = new RegExp('^' + t['search.result.other'].replace('#', '[\\d.]+k?') + '$')
    return text === t['search.result.none'] || text === t['search.result.one'] || other.test(text)
}"""


def _translations(page) -> dict[str, str]:
    return page.evaluate(
        "() => JSON.parse(document.getElementById('__config').textContent).translations"
    )


def result_pages(page, base_url: str) -> list[str]:
    """The pages of the result list, best first, as site-relative paths ('Folder/Note/')."""
    found: list[str] = []
    for href in page.locator(RESULT_LINKS).evaluate_all("els => els.map(e => e.href)"):
        path = unquote(urlsplit(href).path)
        rel = path[len(urlsplit(base_url).path) :]
        if rel not in found:
            found.append(rel)
    return found


class SearchBox:
    """Material's search on one open page: type a query with key events, read the results."""

    def __init__(self, page, base_url: str, start: str = "", timeout: float = 120_000):
        self.page, self.base_url, self.timeout = page, base_url, timeout
        page.goto(base_url + quote(start))
        self.translations = _translations(page)
        self.input = page.locator("input.md-search__input")
        self.input.click()  # focus opens Material's search dialog

    def search(self, query: str) -> list[str]:
        self.input.fill("")
        self.input.press("End")  # keyup: Material reads the (empty) value
        self.page.wait_for_function(
            "p => document.querySelector('.md-search-result__meta').textContent.trim() === p",
            arg=self.translations["search.result.placeholder"],
            timeout=self.timeout,
        )
        # The whole query arrives at once, as an input method commits it (typing it character
        # by character would search every prefix, and a prefix's results could be read as the
        # query's); then a real key press fires the keyup on which Material searches.
        self.input.fill(query)
        self.input.press("End")
        self.page.wait_for_function(RESULTS_SHOWN, arg=self.translations, timeout=self.timeout)
        return result_pages(self.page, self.base_url)


def deep_link_search(page, base_url: str, query: str, timeout: float = 120_000) -> list[str]:
    """Open `?q=query` on a fresh page: the query is there before the index is loaded."""
    page.goto(f"{base_url}?q={quote(query)}")
    page.wait_for_function(RESULTS_SHOWN, arg=_translations(page), timeout=timeout)
    return result_pages(page, base_url)
