"""Dataview and Bases on real vaults: the share of queries rendered as results (not error
boxes) and the time queries add to a full conversion, for three vaults side by side.

    nice -n 10 python benchmarks/bench_queries.py [--corpora DIR]

Each vault is converted once, from scratch, on one core (forked workers would hide the time
spent in them). The query entry points and the building of the properties index are wrapped
with timers; "added" is their time over the rest of the conversion. Goals: >= 95 % rendered,
<= 10 % added time.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from functools import wraps
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from obsidian_to_mkdocs import Options, convert, parallel, pipeline  # noqa: E402
from obsidian_to_mkdocs.queries import properties  # noqa: E402
from obsidian_to_mkdocs.render import blocks, inline  # noqa: E402

VAULTS = ("knowledge-garden", "knowledge-value-zh", "elektronik-de")
spent = collections.Counter()  # seconds per entry point
outcomes = collections.Counter()  # (kind, "rendered" | "error")
problems: collections.Counter = collections.Counter()


def _timed(name: str, function):
    @wraps(function)
    def wrapped(*args, **kwargs):
        started = time.perf_counter()
        depth = spent["_depth"]
        spent["_depth"] += 1
        try:
            return function(*args, **kwargs)
        finally:
            spent["_depth"] -= 1
            if not depth:  # nested calls (an embed inside a query) are counted once
                spent[name] += time.perf_counter() - started

    return wrapped


def _outcome(kind_of, function):
    @wraps(function)
    def wrapped(*args, **kwargs):
        lines = function(*args, **kwargs)
        kind = kind_of(*args)
        if lines is not None and kind:
            failed = bool(lines) and lines[0].startswith("!!! failure")
            outcomes[(kind, "error" if failed else "rendered")] += 1
        return lines

    return wrapped


def instrument() -> None:
    parallel.workers = lambda count: 1
    fence_kind = lambda language, *rest: {"dataview": "dataview", "base": "bases"}.get(language)  # noqa: E731
    blocks.query_fence = _timed("fences", _outcome(fence_kind, blocks.query_fence))
    blocks.base_embed = _timed("embeds", _outcome(lambda *a: "bases", blocks.base_embed))
    inline._HANDLERS["code_inline"] = _timed("inline", inline._HANDLERS["code_inline"])
    original_pages = pipeline.base_pages

    def base_pages(site, memo, names):
        pages = original_pages(site, memo, names)
        for text in pages.values():
            outcomes[("bases", "error" if "ofm-query-error" in text else "rendered")] += 1
        return pages

    pipeline.base_pages = _timed("base pages", base_pages)
    rows = properties.PropertiesIndex.rows
    cached = {}

    def rows_once(self):
        if id(self) not in cached:
            cached[id(self)] = _timed("index", rows.func)(self)
        return cached[id(self)]

    properties.PropertiesIndex.rows = property(rows_once)  # type: ignore[assignment]
    original_warn = pipeline.Report.warn

    def warn(self, path, line, message):
        if "query not run" in message:
            problems[message.split(": ", 1)[-1][:60]] += 1
        original_warn(self, path, line, message)

    pipeline.Report.warn = warn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--vault", action="append", help="only these vaults (repeatable)")
    args = parser.parse_args()
    instrument()
    heads = ("dataview", "bases", "convert s", "queries s", "added")
    print(f"{'vault':20} {heads[0]:>16} {heads[1]:>12} {heads[2]:>10} {heads[3]:>10} {heads[4]:>7}")
    for name in args.vault or VAULTS:
        spent.clear()
        outcomes.clear()
        with tempfile.TemporaryDirectory() as out:
            docs = Path(out) / "docs"
            options = Options(vault=args.corpora / name, docs_dir=docs, show_progress=False)
            started = time.perf_counter()
            convert(options)
            total = time.perf_counter() - started
        queries = sum(v for k, v in spent.items() if k != "_depth")
        cells = []
        for kind in ("dataview", "bases"):
            done, failed = outcomes[(kind, "rendered")], outcomes[(kind, "error")]
            share = f"{100 * done / (done + failed):.1f}%" if done + failed else "-"
            cells.append(f"{done}/{done + failed} {share}")
        added = queries / (total - queries)
        times = f"{total:>10.2f} {queries:>10.2f} {added:>6.1%}"
        print(f"{name:20} {cells[0]:>16} {cells[1]:>12} {times}")
        parts = ", ".join(f"{k} {v:.2f}" for k, v in sorted(spent.items()) if k != "_depth")
        print(f"{'':20} queries' time: {parts}")
    print("\nmost common reasons a query was not run:")
    for reason, count in problems.most_common(12):
        print(f"  {count:4} {reason}")


if __name__ == "__main__":
    main()
