"""The link graph as JSON (`assets/ofm/graph.json`), drawn in the browser by the theme's
graph script: the site-wide graph page and a local graph beside every note."""

from __future__ import annotations

import json
from pathlib import Path

from .render.page import Page, front_matter
from .shared import GRAPH_JSON, GRAPH_PAGE
from .urls import page_url

__all__ = ["GRAPH_JSON", "GRAPH_PAGE", "graph_json", "graph_page", "graph_page_url"]


def graph_json(pages: list[Page], directory_urls: bool, graph_page: str = GRAPH_PAGE) -> str:
    """The nodes and links, and the URL of the graph page (`graph_page`, its docs path)."""
    ids = {page.note.path: i for i, page in enumerate(pages)}
    nodes = [
        {
            "id": i,
            "title": page.note.title,
            "url": page_url(page.path, directory_urls),
            "group": page.note.path.split("/")[0] if "/" in page.note.path else "",
            "tags": list(page.tags),
        }
        for i, page in enumerate(pages)
    ]
    edges = sorted(
        {
            (ids[page.note.path], ids[record.target])
            for page in pages
            for record in page.links
            if record.target in ids and record.target != page.note.path
        }
    )
    data = {
        "nodes": nodes,
        "links": [{"source": s, "target": t} for s, t in edges],
        "page": page_url(graph_page, directory_urls),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def graph_page(title: str) -> str:
    return (
        front_matter({"title": title, "hide": ["toc"]})
        + '<div class="ofm-graph ofm-graph--site" data-graph="site"></div>\n'
    )


def graph_page_url(docs: Path, directory_urls: bool) -> str:
    """The graph page's URL, as the conversion wrote it into graph.json (`graph/`, or
    elsewhere when a note took that name)."""
    try:
        page = json.loads((docs / GRAPH_JSON).read_text(encoding="utf-8")).get("page")
    except (OSError, ValueError, AttributeError):
        page = None
    return page if isinstance(page, str) else page_url(GRAPH_PAGE, directory_urls)
