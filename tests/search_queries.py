"""The query set of tests/search_queries.yml, and how a result list is scored against it.

Shared by the Chromium test (tests/browser/test_search_queries.py) and the benchmark
(benchmarks/bench_search.py), so both count a hit the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    pages: tuple[str, ...]  # site-relative URLs ('Folder/Note/'), any of which is a hit


def queries(vault: str) -> list[Query]:
    """The queries written for `vault` (a folder name of ../shared/corpora)."""
    data = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
    return [
        Query(item["query"], item["kind"], tuple(page + "/" for page in item["pages"]))
        for item in data[vault]
    ]


def rank(query: Query, found: list[str]) -> int | None:
    """1-based rank of the first expected page among the results, None when absent."""
    for position, url in enumerate(found, 1):
        if url in query.pages:
            return position
    return None


def recall(ranks: list[int | None]) -> tuple[int, int]:
    """(top-1, top-5) counts."""
    return (
        sum(r == 1 for r in ranks),
        sum(r is not None and r <= 5 for r in ranks),
    )
