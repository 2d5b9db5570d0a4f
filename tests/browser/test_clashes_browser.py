"""A note named like a generated page keeps its URL, and the theme follows the page that moved
(issue #17): with a note `graph.md`, a note's local graph links the full graph at `graph-2/`,
which draws it, while `graph/` shows the note. Real build, real Chromium."""

from __future__ import annotations

from tests.conftest import write_vault

from .conftest import build_site


def test_the_local_graph_opens_the_moved_graph_page(page, serve, tmp_path):
    vault = write_vault(
        tmp_path / "vault",
        {"graph.md": "GRAPHNOTE body\n", "A.md": "see [[B]]\n", "B.md": "back to [[A]]\n"},
    )
    server = serve(build_site(vault, tmp_path / "out"))
    page.goto(server.page_url("A/"), wait_until="networkidle")
    local = page.locator(".md-sidebar--secondary .ofm-graph--local")
    local.wait_for(state="visible", timeout=10_000)
    link = local.locator("a.ofm-graph__open")
    assert link.evaluate("a => a.href") == server.page_url("graph-2/")
    link.click()
    page.wait_for_url(server.page_url("graph-2/"), timeout=10_000)
    page.locator(".ofm-graph--site canvas").wait_for(timeout=10_000)
    page.goto(server.page_url("graph/"), wait_until="networkidle")
    assert "GRAPHNOTE body" in page.locator("article").inner_text()
