"""What the vault-like pages cost: knowledge-garden built with and without tag pages,
backlinks and the graph, each in its own process, one after the other.

    nice -n 10 python benchmarks/bench_indices.py [--vault DIR]

"without" replaces those three steps of the pipeline by no-ops in its own process only; the
rest (conversion, section pages, the MkDocs build) is identical.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VAULT = ROOT.parent / "shared" / "corpora" / "knowledge-garden"


def _child(with_indices: bool, vault: Path, out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.conftest import mkdocs_build

    from obsidian_to_mkdocs import pipeline

    if not with_indices:
        pipeline.backlinks_sections = lambda pages, title: {}
        pipeline.tag_pages = lambda pages, site: {}
        pipeline.graph_json = lambda pages, directory_urls: '{"nodes":[],"links":[]}'
    started = time.perf_counter()
    site, report = mkdocs_build(vault, out)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = sum(1 for _ in site.rglob("index.html"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "bytes": size, "pages": pages, "rss_kb": rss}))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vault", type=Path, default=DEFAULT_VAULT)
    args = parser.parse_args()
    results = {}
    for label, flag in (("with", "1"), ("without", "0")):
        out = Path(tempfile.mkdtemp(prefix=f"bench-indices-{label}-"))
        cmd = [sys.executable, __file__, "_child", flag, str(args.vault), str(out)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"{label} build failed:\n{done.stderr[-3000:]}")
        results[label] = json.loads(done.stdout.strip().splitlines()[-1])
        shutil.rmtree(out, ignore_errors=True)
    with_, without = results["with"], results["without"]
    print(f"{'':10} {'seconds':>8} {'site MB':>8} {'pages':>6}")
    for label, r in results.items():
        print(f"{label:10} {r['seconds']:8.1f} {r['bytes'] / 1e6:8.1f} {r['pages']:6d}")
    ratio = with_["seconds"] / without["seconds"]
    print(f"time with / without tag pages, backlinks, graph: {ratio:.2f}")
    print(f"size with / without: {with_['bytes'] / without['bytes']:.2f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        _child(sys.argv[2] == "1", Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        sys.exit(main())
