"""`obsidian-to-mkdocs serve` as a writer uses it (#20), on a copy of knowledge-garden.

    nice -n 10 python benchmarks/bench_serve.py [--before /work/main/scripts] [--edits 10]

For each side (`before`: the code at --before, run with PYTHONPATH=that folder; `after`: this
checkout's scripts/), in its own site folder made from the project's mkdocs.yml:

- cold start: `serve` in a site folder with no docs/ and no cache, until / is served;
- save -> served: a word appended to a note, then its page polled over HTTP from the moment
  the file is written until the word is in it; notes spread over the vault (ordinary notes)
  and its most linked notes (hubs); the server is left to go idle between edits;
- warm start: the server stopped (SIGTERM) and started again, until / is served.

Then the cold full builds: `obsidian-to-mkdocs build` (conversion + MkDocs) with this checkout,
and stock Material (`mkdocs build` of the raw notes, `navigation.prune`, Chinese search), each
in a subprocess, with its CPU seconds. The vault is a temporary copy: edits never touch the
corpus. Sides run one after the other, never at the same time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from bench_build import DEFAULT_VAULT, ROOT, copy_vault, machine
from bench_build import STOCK_CONFIG as STOCK_BUILD

# bench_build's stock build (Material's defaults, Chinese search), with navigation.prune
STOCK_CONFIG = STOCK_BUILD.replace(
    "  language: zh\n", "  language: zh\n  features: [navigation.prune]\n"
)
WIKILINK = re.compile(r"\[\[([^\]|#^]+)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pick_notes(vault: Path, ordinary: int, hubs: int) -> list[tuple[str, str]]:
    """(kind, vault-relative path): the `hubs` most linked notes, and `ordinary` notes spread
    evenly over the sorted list of the others (canvas and drawing notes left out)."""
    notes = sorted(
        p.relative_to(vault).as_posix()
        for p in vault.rglob("*.md")
        if not any(part.startswith(".") for part in p.relative_to(vault).parts)
        and not p.name.endswith(".excalidraw.md")
    )
    by_stem = {}
    for path in notes:
        by_stem.setdefault(Path(path).stem.casefold(), path)
    links: Counter[str] = Counter()
    for path in notes:
        text = (vault / path).read_text(encoding="utf-8", errors="replace")
        for target in WIKILINK.findall(text):
            found = by_stem.get(Path(target.strip()).name.casefold())
            if found and found != path:
                links[found] += 1
    top = [path for path, _ in links.most_common(hubs)]
    rest = [path for path in notes if path not in top]
    step = max(1, len(rest) // (ordinary + 1))
    return [("hub", p) for p in top] + [("ordinary", p) for p in rest[step::step][:ordinary]]


def page_url(note: str) -> str:
    return quote(note.removesuffix(".md")) + "/"


class Server:
    def __init__(self, site: Path, scripts: Path, port: int) -> None:
        self.site, self.scripts, self.port = site, scripts, port
        self.process: subprocess.Popen | None = None

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def start(self) -> float:
        """Seconds from the command to / served."""
        env = {**os.environ, "PYTHONPATH": str(self.scripts)}
        command = [
            sys.executable,
            "-m",
            "obsidian_to_mkdocs",
            "serve",
            "-a",
            f"127.0.0.1:{self.port}",
        ]
        log = (self.site / "serve.log").open("a")
        started = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=self.site, env=env, stdout=log, stderr=log)
        while _get(self.url())[0] != 200:
            if self.process.poll() is not None:
                raise SystemExit(f"serve exited; see {self.site / 'serve.log'}")
            time.sleep(0.2)
        return time.perf_counter() - started

    def idle(self) -> None:
        """Until the server answers at once (it holds requests while it builds)."""
        calm = 0
        while calm < 2:
            time.sleep(1.0)
            began = time.perf_counter()
            _get(self.url())
            calm = calm + 1 if time.perf_counter() - began < 0.5 else 0

    def stop(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def site_folder(work: Path, name: str, vault: Path) -> Path:
    site = work / name
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("vault: vault", f"vault: {vault}", 1)
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    return site


def serve_side(label: str, scripts: Path, vault: Path, work: Path, notes: list) -> dict:
    site = site_folder(work, f"serve-{label}", vault)
    server = Server(site, scripts, _free_port())
    print(f"  {label}: cold start ...", file=sys.stderr, flush=True)
    result: dict = {"cold_start": server.start(), "edits": []}
    try:
        server.idle()
        for number, (kind, note) in enumerate(notes):
            url = server.url(page_url(note))
            if _get(url)[0] != 200:
                print(f"    {note}: no page, skipped", file=sys.stderr)
                continue
            word = f"benchword{number}x{int(time.time())}"
            with (vault / note).open("a", encoding="utf-8") as handle:
                handle.write(f"\n\nEdited: {word}.\n")
            written = time.perf_counter()
            while word not in _get(url)[1]:
                time.sleep(0.05)
            seconds = time.perf_counter() - written
            result["edits"].append({"kind": kind, "note": note, "seconds": seconds})
            print(f"    {kind:8} {seconds:6.2f} s  {note}", file=sys.stderr, flush=True)
            server.idle()
        server.stop()
        print(f"  {label}: warm start ...", file=sys.stderr, flush=True)
        result["warm_start"] = server.start()
    finally:
        if server.process and server.process.poll() is None:
            server.stop()
    seconds = [edit["seconds"] for edit in result["edits"]]
    result["median_edit"] = statistics.median(seconds) if seconds else None
    return result


def timed(command: list[str], cwd: Path, env: dict | None = None) -> dict:
    os.sync()
    cpu, started = _cpu_children(), time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"{command} failed")
    return {"seconds": time.perf_counter() - started, "cpu": _cpu_children() - cpu}


def full_builds(vault: Path, work: Path, scripts: Path) -> dict:
    print("  cold full build (ours) ...", file=sys.stderr, flush=True)
    site = site_folder(work, "build-ours", vault)
    env = {**os.environ, "PYTHONPATH": str(scripts)}
    ours = timed([sys.executable, "-m", "obsidian_to_mkdocs", "build"], site, env)
    print("  stock Material build (navigation.prune) ...", file=sys.stderr, flush=True)
    stock_dir = work / "build-stock"
    stock_dir.mkdir(exist_ok=True)
    config = stock_dir / "mkdocs.yml"
    config.write_text(STOCK_CONFIG.format(docs=vault, site=stock_dir / "site"), encoding="utf-8")
    stock = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], stock_dir)
    return {"ours": ours, "stock": stock}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, default=DEFAULT_VAULT)
    parser.add_argument("--work", type=Path, help="scratch folder (default: a new one in /tmp)")
    parser.add_argument("--before", type=Path, help="scripts/ folder of the code to compare with")
    parser.add_argument("--after", type=Path, default=ROOT / "scripts", help="scripts/ measured")
    parser.add_argument("--edits", type=int, default=10, help="edits timed after (median)")
    parser.add_argument("--before-edits", type=int, default=4, help="edits timed before")
    parser.add_argument("--hubs", type=int, default=3, help="how many of the edits are hubs")
    parser.add_argument("--no-builds", action="store_true", help="skip the full builds")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    work = Path(args.work or tempfile.mkdtemp(prefix="o2m-serve-"))
    work.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    results: dict = {"machine": machine(), "load_before": load}
    try:
        vault = copy_vault(args.vault, work / "vault", 1)
        hubs = min(args.hubs, args.edits)
        notes = pick_notes(vault, args.edits - hubs, hubs)
        sides = [("after", args.after, notes)]
        if args.before:
            few = notes[: min(hubs, args.before_edits // 2)] + notes[hubs:]
            sides.insert(0, ("before", args.before, few[: args.before_edits]))
        for label, scripts, chosen in sides:
            results[label] = serve_side(label, scripts.resolve(), vault, work, chosen)
        if not args.no_builds:
            results["builds"] = full_builds(vault, work, args.after.resolve())
        results["load_after"] = os.getloadavg()
        report(results)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(res: dict) -> None:
    m = res["machine"]
    print(f"machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gib']} GiB RAM")
    print(f"load average before/after: {res['load_before']} / {res['load_after']}")
    lines = []
    full = res.get("builds", {}).get("ours", {}).get("seconds")
    for label in ("before", "after"):
        side = res.get(label)
        if not side:
            continue
        for kind in ("ordinary", "hub"):
            times = [e["seconds"] for e in side["edits"] if e["kind"] == kind]
            if times:
                lines.append(
                    (
                        f"{label}: save -> served, {kind} notes (median of {len(times)})",
                        f"{statistics.median(times):.2f} s",
                    )
                )
        median = side["median_edit"]
        ratio = f"  ({median / full:.3f} of a cold full build)" if full and median else ""
        lines += [
            (
                f"{label}: save -> served, all (median of {len(side['edits'])}; goal <= 1.5 s)",
                f"{median:.2f} s{ratio}",
            ),
            (f"{label}: cold start -> first page served", f"{side['cold_start']:.1f} s"),
            (
                f"{label}: warm start -> first page served (goal <= 10 s)",
                f"{side['warm_start']:.1f} s",
            ),
        ]
    if "before" in res and "after" in res and res["before"]["median_edit"]:
        ratio = res["after"]["median_edit"] / res["before"]["median_edit"]
        lines.append(("save -> served, after / before", f"{ratio:.3f}"))
    if "builds" in res:
        ours, stock = res["builds"]["ours"], res["builds"]["stock"]
        lines += [
            (
                "cold full build, ours (conversion + MkDocs)",
                f"{ours['seconds']:.1f} s, {ours['cpu']:.1f} s CPU",
            ),
            (
                "stock Material build, navigation.prune",
                f"{stock['seconds']:.1f} s, {stock['cpu']:.1f} s CPU",
            ),
            (
                "ours / stock (goal <= 0.5)",
                f"{ours['seconds'] / stock['seconds']:.2f} wall, "
                f"{ours['cpu'] / stock['cpu']:.2f} CPU",
            ),
        ]
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    sys.exit(main())
