"""One-note re-conversion against a full conversion, for an ordinary note and for the vault's
most linked note, and the pages rendered again when `serve` and `build` take turns (#20).

    nice -n 10 python benchmarks/bench_incremental.py [--vault DIR] [--rounds N] [--scripts DIR]

The vault is copied into a temporary folder (the corpus is never written). Each round: a full
conversion into an empty docs/ (no cache), then, each on the previous one's docs/ and cache:
a line appended to an ordinary note (the middle one in path order, which bench_build.py
edits), to the note most other pages link to, and to README.md (the issue's example of a hub);
a conversion with the dev server's site_url (as `serve`), then with the site's own (`build`).
Every conversion runs in a process of its own, as the CLI runs it, and reports its wall and
CPU seconds and the notes it rendered; medians over rounds.

`--scripts DIR` converts with another checkout's code (the figure before a change); given
twice, both are measured side by side, taking turns round after round. `--without-queries`
deletes the copy's notes that run a query first (#21: they are rendered again after every
edit), to see what the rest costs.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from functools import partial
from pathlib import Path

from bench_build import DEFAULT_VAULT, ROOT, copy_vault, machine

BUILD_URL = "https://example.org/garden/"
SERVE_URL = "http://127.0.0.1:8000/"  # what `mkdocs serve` sets site_url to
# the note each step edits, and the goal of its re-conversion / full conversion: the middle
# note in path order (bench_build.py edits it too), the most linked, the README
GOALS = {"ordinary": 0.10, "hub": 0.15, "readme": 0.15}
FIGURES = ("seconds", "cpu", "rendered", "written")  # each conversion's


def _cpu() -> float:
    """CPU seconds of this process and of the ones it forked and waited for."""
    usages = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return sum(u.ru_utime + u.ru_stime for u in usages)


def _child(scripts: Path, vault: Path, docs: Path, site_url: str) -> None:
    """One conversion, as the CLI runs it; prints its figures as JSON."""
    sys.path.insert(0, str(scripts))
    from obsidian_to_mkdocs import Options, convert

    options = Options(vault=vault, docs_dir=docs, show_progress=False, site_url=site_url)
    cpu_before, started = _cpu(), time.perf_counter()
    report = convert(options)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu_before
    written = report.pages_written
    print(
        json.dumps(
            {"seconds": seconds, "cpu": cpu, "rendered": report.notes_rendered, "written": written}
        )
    )


def _convert(scripts: Path, vault: Path, docs: Path, site_url: str = BUILD_URL) -> dict:
    cmd = [sys.executable, __file__, "_child", str(scripts), str(vault), str(docs), site_url]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"conversion failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def inlinks(scripts: Path, vault: Path, docs: Path) -> dict[str, int]:
    """How many other pages link to or embed each note, from the cached pages of the
    conversion just made (in a process of its own, `scripts` being that code)."""
    code = (
        "import sys, json; from collections import Counter; sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path; from obsidian_to_mkdocs import Options, cache\n"
        "o = Options(vault=Path(sys.argv[2]), docs_dir=Path(sys.argv[3]), show_progress=False,"
        f" site_url={BUILD_URL!r})\n"
        "pages = cache.load(o).pages\n"
        "c = Counter(t for p, e in pages.items() for t in {r.target for r in e.page.links} - {p})\n"
        "print(json.dumps(c))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(scripts), str(vault), str(docs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def without_queries(vault: Path) -> None:
    """Delete the copy's notes that run a query: they are rendered again on every edit (#21:
    the properties index they read holds every note's size and time), and cost most of it."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from obsidian_to_mkdocs.queries.run import has_query

    for note in vault.rglob("*.md"):
        if has_query(note.read_text(encoding="utf-8", errors="replace")):
            note.unlink()


def ordinary_note(vault: Path) -> str:
    notes = sorted(vault.rglob("*.md"))
    return notes[len(notes) // 2].relative_to(vault).as_posix()


def _append(note: Path, text: str) -> None:
    with note.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\n{text}\n")


class Code:
    """One converter's code measured on a copy of its own of the vault, round after round."""

    def __init__(self, scripts: Path, source: Path, folder: Path, queries: bool) -> None:
        self.scripts, self.work = scripts, folder / "work"
        self.vault = copy_vault(source, folder / "vault", 1)
        if not queries:
            without_queries(self.vault)
        self.edited: dict[str, tuple[str, int]] = {}  # step -> (note, its inlinks): round 1
        self.runs: dict[str, list[dict]] = defaultdict(list)  # step -> its conversions

    def _notes(self) -> dict[str, tuple[str, int]]:
        """The notes each step edits, with how many pages link to them."""
        counts = inlinks(self.scripts, self.vault, self.work / "docs")
        hub = max(counts, key=lambda path: (counts[path], path))
        notes = {"ordinary": ordinary_note(self.vault), "hub": hub, "readme": "README.md"}
        return {
            step: (note, counts.get(note, 0))
            for step, note in notes.items()
            if (self.vault / note).is_file()
        }

    def round(self, number: int) -> None:
        """A full conversion, then each step on the previous one's docs/ and cache."""
        convert = partial(_convert, self.scripts, self.vault, self.work / "docs")
        shutil.rmtree(self.work, ignore_errors=True)
        self.runs["full"].append(convert())
        self.edited = self.edited or self._notes()
        for step, (note, _) in self.edited.items():
            _append(self.vault / note, f"Edited by the benchmark ({number}).")
            self.runs[step].append(convert())
        self.runs["serve"].append(convert(SERVE_URL))
        self.runs["build"].append(convert(BUILD_URL))
        shutil.rmtree(self.work, ignore_errors=True)

    def figures(self) -> dict:
        medians = {
            step: {k: statistics.median(r[k] for r in runs) for k in FIGURES}
            for step, runs in self.runs.items()
        }
        return {"medians": medians, "runs": self.runs, "edited": self.edited}


def lines(label: str, res: dict) -> list[str]:
    m = res["medians"]
    full = m["full"]

    def ratio(step: str) -> str:
        s, (note, count) = m[step], res["edited"][step]
        return (
            f"{label}: {step} note edited ({count} pages link to {note}) / full conversion "
            f"(goal <= {GOALS[step]}): "
            f"{s['seconds'] / full['seconds']:.3f} wall ({s['seconds']:.2f} s / "
            f"{full['seconds']:.2f} s), {s['cpu'] / full['cpu']:.3f} CPU "
            f"({s['cpu']:.2f} s / {full['cpu']:.2f} s), {s['rendered']:.0f} notes rendered"
        )

    return [
        f"{label}: a full conversion renders {full['rendered']:.0f} notes",
        *(ratio(step) for step in res["edited"]),
        f"{label}: notes rendered again after a convert as serve (site_url {SERVE_URL}) "
        f"(goal 0): {m['serve']['rendered']:.0f} ({m['serve']['written']:.0f} files written: "
        f"redirect pages name the site's URL); then as build again: "
        f"{m['build']['rendered']:.0f} ({m['build']['written']:.0f} files written)",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, default=DEFAULT_VAULT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--scripts",
        type=Path,
        action="append",
        help="the converter's code to measure (default: this checkout's); may be repeated",
    )
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument(
        "--without-queries", action="store_true", help="delete the notes running a query first"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        codes = [
            Code(scripts, args.vault, Path(tmp) / str(i), not args.without_queries)
            for i, scripts in enumerate(args.scripts or [ROOT / "scripts"])
        ]
        time.sleep(2.1)  # the copies older than the cache's racy window, as a vault's notes are
        for number in range(args.rounds):  # the codes take turns: both see the same load
            for code in codes:
                print(f"  round {number + 1}: {code.scripts}", file=sys.stderr, flush=True)
                code.round(number)
        results = {str(code.scripts): code.figures() for code in codes}
    m = machine()
    with open("/proc/loadavg") as handle:
        load = handle.read().split()[:3]
    print(f"machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gib']} GiB RAM; load {load}")
    for scripts, res in results.items():
        print("\n".join(lines(scripts, res)))
    if args.json:
        args.json.write_text(json.dumps({"machine": m, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        _child(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(main())
