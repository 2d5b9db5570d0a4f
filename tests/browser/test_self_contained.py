"""No page asks any host but the site's own for anything (issue #8, self-contained site).

Real builds, served on 127.0.0.1, loaded in headless Chromium; every request is recorded,
including the search worker's and the index's (the search dialog is opened on each page).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import mkdocs_build, write_vault

from .conftest import deep_link_search

pytestmark = pytest.mark.browser

DIAGRAM_AND_MATH = """# 图与公式

```mermaid
graph LR
  A[笔记] --> B[网站]
```

行内公式 $e^{i\\pi} + 1 = 0$，以及一个公式块：

$$
\\int_0^1 x^2 \\, dx = \\frac{1}{3}
$$
"""


@pytest.fixture(scope="module")
def diagram_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("diagram")
    vault = write_vault(root / "vault", {"图与公式.md": DIAGRAM_AND_MATH})
    site, _ = mkdocs_build(vault, root / "out")
    return site


def _load_recording(page, url: str) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return requests


def _foreign(requests: list[str]) -> list[str]:
    return [url for url in requests if urlsplit(url).hostname not in ("127.0.0.1", None)]


@pytest.mark.parametrize("rel", ["", "OpenAI DevDay 2023/"])
def test_sample_pages_request_only_the_site(page, serve, sample_site, rel):
    server = serve(sample_site)
    requests = _load_recording(page, server.page_url(rel))
    deep_link_search(page, server.page_url(rel), "价格")  # search worker, lunr, index
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/search/search_index.json") for url in requests)
    assert any("/workers/obsidian-search.js" in url for url in requests)
    assert not _foreign(requests), _foreign(requests)
    fonts = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Roboto" not in fonts.split(",")[0]  # theme.font: false, a CJK system stack first


def test_mermaid_and_math_render_from_vendored_copies(page, serve, diagram_site):
    server = serve(diagram_site)
    requests = _load_recording(page, server.page_url("图与公式/"))
    page.wait_for_selector("div.mermaid", timeout=30_000)  # Material replaced the code block
    page.wait_for_selector(".arithmatex .katex", timeout=30_000)
    assert page.locator(".arithmatex .katex-display").count() == 1
    assert page.locator("pre.mermaid, code.mermaid").count() == 0
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/assets/vendor/mermaid/mermaid.min.js") for url in requests)
    assert any(url.endswith("/assets/vendor/katex/katex.min.js") for url in requests)
    assert any(url.endswith(".woff2") and "/assets/vendor/katex/fonts/" in url for url in requests)
    assert not _foreign(requests), _foreign(requests)
