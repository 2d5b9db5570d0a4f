"""Search on big vaults in headless Chromium (issue #24): index size, time from page load to
the first result, time per query once the index is loaded, and recall of the query set of
tests/search_queries.yml.

    nice -n 10 python benchmarks/bench_search.py SITE --vault knowledge-value-zh [--rounds 5]

SITE is a built site (MkDocs or Zensical; `obsidian-to-mkdocs build`, or a test's build); it is
served on 127.0.0.1 as a static host serves it. Times are medians over `--rounds` fresh pages;
the machine's load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    RESULTS_SHOWN,
    SearchBox,
    SiteServer,
    _translations,
)
from tests.browser.zensical_search import (  # noqa: E402
    INPUT,
    RESULTS_FOR,
    ZensicalSearchBox,
    open_shadow_roots,
)
from tests.search_queries import queries, rank, recall  # noqa: E402

INDEX_FILES = {"search/search_index.json": "mkdocs", "search.json": "zensical"}


def index_file(site: Path) -> tuple[Path, str]:
    """The site's search index and the engine that wrote it."""
    for name, engine in INDEX_FILES.items():
        if (site / name).is_file():
            return site / name, engine
    raise SystemExit(f"{site}: no search index ({' or '.join(INDEX_FILES)})")


def new_page(browser, engine: str):
    context = browser.new_context(locale="zh-CN", service_workers="block")
    if engine == "zensical":
        open_shadow_roots(context)
    return context, context.new_page()


def first_result_ms(browser, url: str, query: str, engine: str) -> float:
    """Milliseconds from the start of navigation to the first result list of `query`, on a
    fresh page with an empty cache: the index is fetched and loaded within the time. MkDocs:
    the `?q=` deep link; Zensical (which has none): the dialog opened and the query typed at
    once."""
    context, page = new_page(browser, engine)
    try:
        if engine == "mkdocs":
            page.goto(f"{url}?q={query}")
            page.wait_for_function(RESULTS_SHOWN, arg=_translations(page), timeout=300_000)
        else:
            page.goto(url)
            page.locator(".md-search__button").click()
            page.locator(INPUT).fill(query)
            page.wait_for_function(RESULTS_FOR, arg=query, timeout=300_000)
        return page.evaluate("() => performance.now()")
    finally:
        context.close()


def run_queries(browser, url: str, vault: str, engine: str):
    """(ranks, milliseconds per query) of the query set, typed into one page's search box."""
    context, page = new_page(browser, engine)
    box = (SearchBox if engine == "mkdocs" else ZensicalSearchBox)(page, url, timeout=300_000)
    box.search("a")  # the index is loaded before the first timed query
    ranks, times = {}, []
    try:
        for query in queries(vault):
            start = time.perf_counter()
            found = box.search(query.text)
            times.append((time.perf_counter() - start) * 1000)
            ranks[query.text] = (rank(query, found), found[:3])
    finally:
        context.close()
    return ranks, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--vault", required=True, help="a vault of tests/search_queries.yml")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--verbose", action="store_true", help="print each query's rank")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    index, engine = index_file(args.site)
    server = SiteServer(args.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            loads = [
                first_result_ms(browser, server.url, queries(args.vault)[0].text, engine)
                for _ in range(args.rounds)
            ]
            ranks, times = run_queries(browser, server.url, args.vault, engine)
            browser.close()
    finally:
        server.close()
    top1, top5 = recall([r for r, _ in ranks.values()])
    figures = {
        "site": str(args.site),
        "engine": engine,
        "index": str(index.relative_to(args.site)),
        "index_bytes": index.stat().st_size,
        "entries": len(
            json.loads(index.read_text(encoding="utf-8")).get("docs")
            or json.loads(index.read_text(encoding="utf-8")).get("items")
        ),
        "first_result_ms_median": round(statistics.median(loads)),
        "first_result_ms_all": [round(t) for t in loads],
        "query_ms_median": round(statistics.median(times)),
        "queries": len(ranks),
        "top1": top1,
        "top5": top5,
        "load_average": os.getloadavg()[0],
    }
    if args.verbose:
        for query, (position, found) in ranks.items():
            print(f"  {position or '-':>2}  {query}  ->  {found}")
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
