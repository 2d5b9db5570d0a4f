"""Dataview and Bases on real vaults: the share of queries rendered as results (not error
boxes), and the time queries add to a full conversion, for three vaults side by side.

    nice -n 10 python benchmarks/bench_queries.py [--corpora DIR] [--vault NAME] [--runs N]

Each vault is converted from scratch on one core (forked workers would hide their time), N
times with queries and N times with them disabled (fences and `= expr` left as code, no
properties index, no `.base` pages: the conversion as before queries were run), alternating.
"added" is the ratio of the medians, in CPU seconds (this process and its `git` children: the
machine is shared) and in wall seconds. Goals: >= 95 % rendered, <= 10 % added time.

Some queries are rejected by Dataview itself (`dataview_rejects.json`, found with Dataview's
own parser and engine, see README.md): an error box is the faithful rendering of those, so the
share is printed both raw and over the queries Dataview accepts, and those queries are named.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from functools import wraps
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from obsidian_to_mkdocs import Options, convert, parallel, pipeline  # noqa: E402
from obsidian_to_mkdocs.render import blocks, inline  # noqa: E402

VAULTS = ("knowledge-garden", "knowledge-value-zh", "elektronik-de")
REJECTED = json.loads((Path(__file__).parent / "dataview_rejects.json").read_text("utf-8"))
ENTRY_POINTS = (
    (blocks, "query_fence"),
    (blocks, "base_embed"),
    (pipeline, "has_query"),
    (pipeline, "base_pages"),
)
ORIGINAL = {name: getattr(module, name) for module, name in ENTRY_POINTS}
ORIGINAL["code_inline"] = inline._HANDLERS["code_inline"]
DISABLED = {
    "query_fence": lambda language, source, ctx, line: None,  # shown as a code block
    "base_embed": lambda link, ctx, line: [],
    "has_query": lambda body: False,  # so the properties index is never built
    "base_pages": lambda site, memo, names: {},
    "code_inline": lambda token, ctx, line: None,  # `= expr` stays code
}
outcomes: dict[tuple[str, str], str] = {}  # (kind, "note:line") -> "rendered" | error text


def _counted(kind: str, function):
    """The entry point, recording whether each query became a result or an error box."""

    @wraps(function)
    def wrapped(*args):
        lines = function(*args)
        language, ctx, line = (args[0], *args[2:]) if kind == "fence" else ("base", *args[1:])
        if lines is not None and language in ("dataview", "base"):
            failed = bool(lines) and lines[0].startswith("!!! failure")
            text = next((t.strip() for t in lines[2:3]), "") if failed else "rendered"
            group = "dataview" if language == "dataview" else "bases"
            outcomes[(group, f"{ctx.note.path}:{line}")] = text
        return lines

    return wrapped


def _counted_pages(site, memo, names):
    pages = ORIGINAL["base_pages"](site, memo, names)
    for path, text in pages.items():
        outcomes[("bases", path)] = "error" if "ofm-query-error" in text else "rendered"
    return pages


def use_queries(on: bool, count: bool = False) -> None:
    chosen = ORIGINAL if on else DISABLED
    for module, name in ENTRY_POINTS:
        setattr(module, name, chosen[name])
    inline._HANDLERS["code_inline"] = chosen["code_inline"]
    if on and count:
        blocks.query_fence = _counted("fence", ORIGINAL["query_fence"])
        blocks.base_embed = _counted("embed", ORIGINAL["base_embed"])
        pipeline.base_pages = _counted_pages


def convert_once(vault: Path) -> tuple[float, float]:
    """CPU and wall seconds of one conversion from scratch."""
    with tempfile.TemporaryDirectory() as out:
        options = Options(vault=vault, docs_dir=Path(out) / "docs", show_progress=False)
        before, started = os.times(), time.perf_counter()
        convert(options)
        wall, after = time.perf_counter() - started, os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # user, system, children's user and system
    return cpu, wall


def share(kind: str, rejected: dict[str, str]) -> tuple[str, str]:
    found = {key: text for (k, key), text in outcomes.items() if k == kind}
    done = sum(text == "rendered" for text in found.values())
    if not found:
        return "-", "-"
    accepted = len(found) - sum(key in rejected for key in found)
    raw = f"{done}/{len(found)} {done / len(found):.1%}"
    return raw, f"{done}/{accepted} {done / accepted:.1%}" if accepted else "-"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--vault", action="append", help="only these vaults (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="conversions each way (median)")
    args = parser.parse_args()
    parallel.workers = lambda count: 1
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    heads = ("dataview", "Dataview-accepted", "bases", "CPU s on/off", "added")
    print(f"{'vault':20} {heads[0]:>16} {heads[1]:>18} {heads[2]:>12} {heads[3]:>15} {heads[4]:>7}")
    notes = []
    for name in args.vault or VAULTS:
        outcomes.clear()
        runs: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for number in range(args.runs):
            for on in (True, False):
                use_queries(on, count=number == 0)
                runs[on].append(convert_once(args.corpora / name))
        use_queries(True)
        cpu = {on: statistics.median(c for c, _ in runs[on]) for on in runs}
        wall = {on: statistics.median(w for _, w in runs[on]) for on in runs}
        rejected = REJECTED.get(name, {})
        (dataview, accepted), (bases, _) = share("dataview", rejected), share("bases", {})
        times = f"{cpu[True]:>7.1f}/{cpu[False]:<7.1f} {cpu[True] / cpu[False] - 1:>6.1%}"
        print(f"{name:20} {dataview:>16} {accepted:>18} {bases:>12} {times}")
        print(
            f"{'':20} wall s on/off {wall[True]:.1f}/{wall[False]:.1f}"
            f" ({wall[True] / wall[False] - 1:.1%}), load average now {os.getloadavg()[0]:.2f}"
        )
        for (_, key), text in sorted(outcomes.items()):
            if text != "rendered":
                reason = f"Dataview rejects it too: {rejected[key]}" if key in rejected else text
                notes.append(f"  {name}: {key}  ({reason})")
    print("\nqueries shown as error boxes:")
    print("\n".join(notes) or "  none")


if __name__ == "__main__":
    main()
