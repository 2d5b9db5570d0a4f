"""Zensical's search box, driven as a reader drives it.

Zensical 0.0.73 draws its search dialog inside a *closed* shadow root, which no test can read;
an init script makes every shadow root open (nothing else changes), so Playwright's CSS
selectors reach the dialog. The dialog says "Loading search…" until its index is ready, then
"N results" or "No results"; every result link carries the query it answers as `?h=`.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, unquote, urlsplit

OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow
Element.prototype.attachShadow = function (init) {
  return attach.call(this, Object.assign({}, init, { mode: "open" }))
}
"""
INPUT = "dialog input[role=combobox]"
RESULTS_FOR = r"""q => {
    const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot &&
        e.shadowRoot.querySelector('dialog [role=status]'))
    if (!host) return false
    const root = host.shadowRoot
    const status = root.querySelector('dialog [role=status]').textContent.trim()
    if (status === 'No results') return true
    if (!/^[\d,]+ results?$/.test(status)) return false
    const first = root.querySelector('ol[role=listbox] a[role=option]')
    return !!first && new URL(first.href).searchParams.get('h') === q
}"""
RESULT_LINKS = "dialog ol[role=listbox] a[role=option]"


def open_shadow_roots(context) -> None:
    """Every page of `context` gets open shadow roots (call before opening pages)."""
    context.add_init_script(OPEN_SHADOW_ROOTS)


def result_pages(page, base_url: str) -> list[str]:
    """The pages of the result list, best first, as site-relative paths ('Folder/Note/')."""
    found: list[str] = []
    base = urlsplit(base_url).path
    for href in page.locator(RESULT_LINKS).evaluate_all("els => els.map(e => e.href)"):
        parts = urlsplit(href)
        assert "h" in parse_qs(parts.query)
        rel = unquote(parts.path)[len(base) :]
        if rel not in found:
            found.append(rel)
    return found


class ZensicalSearchBox:
    """Zensical's search dialog on one open page: type a query, read the results."""

    def __init__(self, page, base_url: str, start: str = "", timeout: float = 120_000):
        self.page, self.base_url, self.timeout = page, base_url, timeout
        page.goto(base_url + quote(start))
        page.locator(".md-search__button").click()  # opens the dialog
        self.input = page.locator(INPUT)

    def search(self, query: str) -> list[str]:
        self.input.fill(query)
        self.page.wait_for_function(RESULTS_FOR, arg=query.strip(), timeout=self.timeout)
        return result_pages(self.page, self.base_url)
