"""The 404 page suggests notes, and images zoom on click, in a real browser (#10).

A small vault is built with MkDocs and served on 127.0.0.1 by a server that answers a missing
path with the site's 404.html, as GitHub Pages and `mkdocs serve` do.
"""

from __future__ import annotations

import functools
import http.server
import struct
import threading
import zlib
from urllib.parse import quote, unquote, urlsplit

import pytest

from tests.browser.conftest import NotFoundHandler
from tests.conftest import mkdocs_build, write_vault

pytestmark = pytest.mark.browser


def _png(size: int = 64) -> bytes:
    """A real size x size grey PNG, big enough to click."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


VAULT = {
    "Gardening basics.md": (
        "Soil and water.\n\n![[plant.png]]\n\n[![linked](plant.png)](Other.md)\n"
    ),
    "Other.md": "Go to [[Gardening basics]].\n\n![[plant.png]]\n",
    "功能/链接与嵌入.md": "链接。\n",
    "Private.md": "---\npublish: false\n---\nGardening secrets\n",
    "plant.png": _png(),
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("publishing-browser")
    vault = write_vault(root / "vault", VAULT)
    # Material navigates instantly only with a site_url (any: it maps its sitemap onto the host)
    site, _ = mkdocs_build(vault, root / "out", site_url="https://site.invalid/")
    handler = functools.partial(NotFoundHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def _suggestions(page, url: str) -> list[tuple[str, str]]:
    response = page.goto(url)
    assert response.status == 404
    page.wait_for_selector(".ofm-suggestions li a", timeout=15_000)
    links = page.locator(".ofm-suggestions li a")
    return [
        (links.nth(i).inner_text(), unquote(urlsplit(links.nth(i).get_attribute("href")).path))
        for i in range(links.count())
    ]


def test_404_page_suggests_the_closest_notes(page, site_url):
    found = _suggestions(page, site_url + "old/gardening-basic/")
    assert found[0] == ("Gardening basics", "/Gardening basics/")
    assert all(title != "Private" for title, _ in found)
    found = _suggestions(page, site_url + quote("somewhere/链接与嵌") + ".html")
    assert found[0] == ("链接与嵌入", "/功能/链接与嵌入/")
    page.click(".ofm-suggestions li a >> nth=0")
    page.wait_for_url("**/%E5%8A%9F%E8%83%BD/**")
    assert page.locator("article h1").inner_text() == "链接与嵌入"


def test_404_page_without_a_close_note_shows_no_list(page, site_url):
    response = page.goto(site_url + "zzzzqqqq/")
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator(".ofm-suggestions").is_hidden()
    assert "404" in page.locator("article h1").inner_text()


def _zoom_after_click(page, selector: str) -> bool:
    page.locator(selector).first.click()
    page.wait_for_timeout(600)
    return page.locator(".medium-zoom-overlay").count() > 0


def test_images_zoom_on_click_but_linked_images_keep_their_link(page, site_url):
    page.goto(site_url + quote("Gardening basics/"), wait_until="networkidle")
    assert _zoom_after_click(page, "article p > img")
    assert page.locator("img.medium-zoom-image--opened").count() == 1
    page.keyboard.press("Escape")
    page.wait_for_timeout(600)
    assert page.locator(".medium-zoom-overlay").count() == 0
    linked = page.locator("article a > img")
    assert linked.count() == 1 and "medium-zoom-image" not in (linked.get_attribute("class") or "")
    # Material's instant navigation (its own `location$`, which a click on a link feeds) swaps
    # the next page's article in without a reload: its images must zoom too
    page.evaluate("window.__same_document = true")
    page.evaluate("location$.next(new URL('../Other/', location.href))")
    page.wait_for_function("document.querySelector('article h1').textContent.trim() === 'Other'")
    assert page.evaluate("window.__same_document === true")
    assert page.locator("article img.medium-zoom-image").count() == 1
    assert _zoom_after_click(page, "article p > img")
