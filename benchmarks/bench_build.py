"""Build knowledge-garden (x1, x2, x4) with obsidian-to-mkdocs and with stock Material; compare.

    nice -n 10 python benchmarks/bench_build.py [--quick] [--vault DIR] [--work DIR]

Every build runs in its own subprocess (`python bench_build.py _child ...`), which reports its
wall times and the peak RSS (ru_maxrss) of the largest of its processes (itself, the forked
conversion, the rendering workers), so one build's memory never hides another's.
Builds run one after another, never concurrently. Built sites are deleted at the end, not
between builds: on a disk mounted with online `discard` (ext4 here), deleting the stock build's
4.45 GB slowed every file created in the next minutes by 2x, so a build measured the one before.

- ours:  convert the vault (our converter, in a forked process) + `mkdocs build` with the
         project's mkdocs.yml, as `obsidian-to-mkdocs build` does (`--profile` sees the build only).
- stock: `mkdocs build` of the raw notes with Material's defaults: same theme and language,
         Chinese search (`search: lang: [zh, en]`), no conversion, no navigation features
         (x1, and x2 without --quick; never x4: it grows with the square of the notes).
- convert: our converter alone, `--rounds` times each on x2 and x4, then on x1 with one note
         edited between a full conversion and the next (the incremental case); medians.

`--quick` skips the x2 stock build (about 8 minutes and 18 GB of disk on a 3,176-note vault).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VAULT = ROOT.parent / "shared" / "corpora" / "knowledge-garden"

STOCK_CONFIG = """\
site_name: stock
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  language: zh
plugins:
  - search:
      lang:
        - zh
        - en
"""


# --- the child: one build, in its own process -----------------------------------------------

SELF, CHILDREN = resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN


def _child(kind: str, vault: Path, out: Path, profile: Path | None) -> None:
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # 3,000 "not in nav" infos otherwise
    times: dict[str, float] = {}
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    if kind == "stock":
        config_file = out / "mkdocs.yml"
        out.mkdir(parents=True, exist_ok=True)
        config_file.write_text(STOCK_CONFIG.format(docs=vault, site=out / "site"))
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        started = time.perf_counter()
        config = load_config(str(config_file))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        times["build"] = time.perf_counter() - started
    elif kind in ("ours", "convert"):
        sys.path.insert(0, str(ROOT / "scripts"))
        from obsidian_to_mkdocs import Options, convert
        from obsidian_to_mkdocs.pipeline import convert_apart

        docs = out / "docs"
        options = Options(vault=vault, docs_dir=docs, show_progress=False)
        started = time.perf_counter()
        report = convert_apart(options) if kind == "ours" else convert(options)  # as the CLI
        times["convert"] = time.perf_counter() - started
        if kind == "ours":
            from mkdocs.commands.build import build
            from mkdocs.config import load_config

            began = time.perf_counter()
            config = load_config(
                str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(out / "site")
            )
            config.plugins["obsidian-vault"].converted = report
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
            config.plugins.on_shutdown()
            times["mkdocs"] = time.perf_counter() - began
            times["build"] = time.perf_counter() - started
    else:
        raise SystemExit(f"unknown build kind {kind}")
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    # KiB on Linux; children: the largest of the forked conversion and its workers
    own, children = (resource.getrusage(who).ru_maxrss / 1024 for who in (SELF, CHILDREN))
    print(json.dumps({"times": times, "maxrss_mb": max(own, children), "children_mb": children}))


# --- the parent: orchestrates builds and measures sites -------------------------------------


def run_child(kind: str, vault: Path, out: Path, profile: Path | None = None) -> dict:
    os.sync()  # the previous build's files are flushed first, not during this one
    cmd = [sys.executable, __file__, "_child", kind, str(vault), str(out)]
    if profile:
        cmd += ["--profile", str(profile)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"{kind} build failed ({done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def site_stats(site: Path) -> dict:
    total = 0
    pages: list[int] = []
    largest = ("", 0)
    for dirpath, _, files in os.walk(site):
        for name in files:
            size = os.path.getsize(os.path.join(dirpath, name))
            total += size
            if name.endswith(".html"):
                pages.append(size)
                if size > largest[1]:
                    largest = (os.path.relpath(os.path.join(dirpath, name), site), size)
    return {
        "total_mb": total / 1e6,
        "pages": len(pages),
        "median_kb": statistics.median(pages) / 1e3 if pages else 0,
        "largest_kb": largest[1] / 1e3,
        "largest": largest[0],
    }


def copy_vault(src: Path, dest: Path, copies: int) -> Path:
    """`src` once (copies=1) or in `copies` subfolders copy1/, copy2/, ... of `dest`."""
    if dest.exists():
        shutil.rmtree(dest)
    ignore = shutil.ignore_patterns(".git")
    if copies == 1:
        shutil.copytree(src, dest, ignore=ignore)
    else:
        dest.mkdir(parents=True)
        for i in range(1, copies + 1):
            shutil.copytree(src, dest / f"copy{i}", ignore=ignore)
        if (src / ".obsidian").is_dir():  # one vault, one settings folder
            shutil.copytree(src / ".obsidian", dest / ".obsidian")
    return dest


def measure(kind: str, vault: Path, out: Path, profile: Path | None = None) -> dict:
    if out.exists():
        shutil.rmtree(out)
    print(f"  {kind:5} build of {vault.name} ...", file=sys.stderr, flush=True)
    result = run_child(kind, vault, out, profile)
    result["site"] = site_stats(out / "site")
    return result  # deleted with the work folder at the end (see the module's docstring)


def edit_one_note(vault: Path) -> Path:
    notes = sorted(vault.rglob("*.md"))
    note = notes[len(notes) // 2]
    with note.open("a", encoding="utf-8") as handle:
        handle.write("\n\nEdited by the benchmark.\n")
    return note


def reconversion(vault: Path, out: Path, rounds: int) -> dict:
    """`rounds` times: a full conversion into an empty docs/, then one note is edited and the
    conversion runs again on that docs/. Medians: one run moves with the disk by +-30 %."""
    full, again = [], []
    for _ in range(rounds):
        if out.exists():
            shutil.rmtree(out)
        full.append(run_child("convert", vault, out)["times"]["convert"])
        edited = edit_one_note(vault)
        again.append(run_child("convert", vault, out)["times"]["convert"])
    shutil.rmtree(out)
    return {
        "full": statistics.median(full),
        "after_edit": statistics.median(again),
        "runs": {"full": full, "after_edit": again},
        "edited": str(edited.relative_to(vault)),
    }


def conversions(vault: Path, out: Path, rounds: int) -> dict:
    """Median time of `rounds` full conversions into an empty docs/."""
    times = []
    for _ in range(rounds):
        if out.exists():
            shutil.rmtree(out)
        times.append(run_child("convert", vault, out)["times"]["convert"])
    shutil.rmtree(out)
    return {"median": statistics.median(times), "runs": times}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, default=DEFAULT_VAULT)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: /tmp)")
    parser.add_argument("--quick", action="store_true", help="skip the x2 stock build")
    parser.add_argument("--ours-only", action="store_true", help="no stock builds at all")
    parser.add_argument("--convert-only", action="store_true", help="only the conversions")
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    parser.add_argument("--profile", type=Path, help="cProfile our x1 build into this file")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--rounds", type=int, default=3, help="conversions timed (median)")
    args = parser.parse_args(argv)

    work = Path(args.work or tempfile.mkdtemp(prefix="o2m-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        x1 = copy_vault(args.vault, work / "vault-x1", 1)
        x2 = copy_vault(args.vault, work / "vault-x2", 2)
        x4 = copy_vault(args.vault, work / "vault-x4", 4)
        res: dict = {"machine": machine()}
        if not args.convert_only:
            res["ours_x1"] = measure("ours", x1, work / "ours-x1", args.profile)
            res["ours_x2"] = measure("ours", x2, work / "ours-x2")
            res["ours_x4"] = measure("ours", x4, work / "ours-x4")
        if not (args.ours_only or args.convert_only):
            res["stock_x1"] = measure("stock", x1, work / "stock-x1")
            if not args.quick:
                res["stock_x2"] = measure("stock", x2, work / "stock-x2")
        print("  conversions x2, x4, then x1 with an edit ...", file=sys.stderr, flush=True)
        res["convert_x2"] = conversions(x2, work / "convert", args.rounds)
        res["convert_x4"] = conversions(x4, work / "convert", args.rounds)
        res["reconvert"] = reconversion(x1, work / "convert", args.rounds)  # edits x1: last
        report(res)
        if args.json:
            args.json.write_text(json.dumps(res, indent=2, ensure_ascii=False))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(ram, 1), "python": sys.version}


TABLE_HEAD = """\
| build | time s | convert s | peak RSS MB | site MB | pages | median KB | largest KB |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"""


def report(res: dict) -> None:
    m = res["machine"]
    print(f"machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gib']} GiB RAM")
    print()
    lines = build_lines(res) if "ours_x1" in res else []
    if "ours_x1" in res:
        print(TABLE_HEAD)
    for key in ("ours_x1", "ours_x2", "ours_x4", "stock_x1", "stock_x2"):
        if key not in res:
            continue
        r, s = res[key], res[key]["site"]
        conv = r["times"].get("convert")
        print(
            f"| {key} | {r['times']['build']:.1f} | {'' if conv is None else f'{conv:.1f}'} "
            f"| {r['maxrss_mb']:.0f} | {s['total_mb']:.0f} | {s['pages']} "
            f"| {s['median_kb']:.0f} | {s['largest_kb']:.0f} |"
        )
    print()
    rc = res["reconvert"]
    c1, c2, c4 = rc["full"], res["convert_x2"]["median"], res["convert_x4"]["median"]
    lines += [
        (
            "#9 re-convert after 1 edit / full convert (goal <= 0.10)",
            f"{rc['after_edit'] / c1:.3f}  ({rc['after_edit']:.2f} s / {c1:.2f} s, medians)",
        ),
        ("#9 convert x2 / convert x1 (goal <= 2.2)", f"{c2 / c1:.2f}  ({c2:.1f} s / {c1:.1f} s)"),
        ("#9 convert x4 / convert x1", f"{c4 / c1:.2f}  ({c4:.1f} s)"),
    ]
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        print(f"{label:<{width}}  {value}")


def build_lines(res: dict) -> list[tuple[str, str]]:
    o1, o2, o4 = res["ours_x1"], res["ours_x2"], res["ours_x4"]
    t = o1["times"]
    lines = [
        ("#11 ours x1 time / stock x1 time (goal <= 0.5)", _ratio(res, "build", "stock_x1")),
        ("#11 ours x1 site MB (goal <= 300)", f"{o1['site']['total_mb']:.0f}"),
        ("#11 ours x1 median page KB (goal <= 150)", f"{o1['site']['median_kb']:.0f}"),
        ("#11 ours x1 largest page KB", f"{o1['site']['largest_kb']:.0f}"),
        ("#11 ours x2/x1 time (goal <= 2.2)", f"{o2['times']['build'] / t['build']:.2f}"),
        (
            "#11 ours x2/x1 site size (goal <= 2.2)",
            f"{o2['site']['total_mb'] / o1['site']['total_mb']:.2f}",
        ),
        ("#11 ours x4/x1 time", f"{o4['times']['build'] / t['build']:.2f}"),
        ("#11 ours x4/x1 site size", f"{o4['site']['total_mb'] / o1['site']['total_mb']:.2f}"),
    ]
    if "stock_x2" in res:
        s1, s2 = res["stock_x1"], res["stock_x2"]
        lines += [
            ("#11 stock x2/x1 time", f"{s2['times']['build'] / s1['times']['build']:.2f}"),
            ("#11 stock x2/x1 site size", f"{s2['site']['total_mb'] / s1['site']['total_mb']:.2f}"),
        ]
    lines += [
        ("#9 convert / rest of our build (goal <= 0.10)", f"{t['convert'] / t['mkdocs']:.3f}"),
        ("#9 our full build / stock build (goal <= 1.15)", _ratio(res, "build", "stock_x1")),
        (
            "#9 peak memory ours / stock (goal <= 1.5)",
            f"{o1['maxrss_mb'] / res['stock_x1']['maxrss_mb']:.2f}" if "stock_x1" in res else "-",
        ),
    ]
    return lines


def _ratio(res: dict, field: str, stock: str) -> str:
    if stock not in res:
        return "-"
    return f"{res['ours_x1']['times'][field] / res[stock]['times'][field]:.2f}"


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        child = argparse.ArgumentParser()
        child.add_argument("cmd")
        child.add_argument("kind")
        child.add_argument("vault", type=Path)
        child.add_argument("out", type=Path)
        child.add_argument("--profile", type=Path)
        a = child.parse_args()
        _child(a.kind, a.vault, a.out, a.profile)
        sys.exit(0)
    sys.exit(main())
