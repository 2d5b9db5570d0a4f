"""Time the pathological inputs of issue #17 at doubling sizes: the times should double too.

Each input is one paragraph made of one unit repeated (`[[ `, `[ `, `^[ `, `![[ `), plus a
chain of notes that each embed the next four times. For each size the script prints the
CPU seconds taken by the inline parse alone, by markdown-it alone, by a whole conversion of
the note, and by Python-Markdown (with the project's mkdocs.yml extensions) on the page the
conversion wrote, then the ratio to the previous size: linear growth shows as ratios near 2,
quadratic as 4.

    PYTHONPATH=scripts python benchmarks/bench_pathological.py [--sizes 12500 25000 50000 100000]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import markdown
from markdown_it import MarkdownIt
from mkdocs.config import load_config

from obsidian_to_mkdocs import Options, convert
from obsidian_to_mkdocs.parse import parse_inline

ROOT = Path(__file__).resolve().parent.parent
UNITS = ("[[ ", "[ ", "^[ ", "![[ ")


def _seconds(work: Callable[[], object]) -> float:
    """CPU seconds (this process and the children it waited for): on a shared machine the
    wall clock measures the neighbours as much as the work."""
    before = os.times()
    work()
    after = os.times()
    return sum(after[i] - before[i] for i in range(4))  # user, system, children's both


def _python_markdown() -> Callable[[str], str]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions, configs = config["markdown_extensions"], config["mdx_configs"]
    return lambda text: markdown.Markdown(extensions=extensions, extension_configs=configs).convert(
        text
    )


def _convert(notes: dict[str, str], page: str) -> tuple[float, str]:
    """Seconds to convert a vault of `notes`, and the Markdown written for `page`."""
    with tempfile.TemporaryDirectory() as tmp:
        vault, docs = Path(tmp) / "vault", Path(tmp) / "docs"
        for name, text in notes.items():
            (vault / name).parent.mkdir(parents=True, exist_ok=True)
            (vault / name).write_text(text, encoding="utf-8")
        options = Options(vault=vault, docs_dir=docs, show_progress=False)
        seconds = _seconds(lambda: convert(options))
        return seconds, (docs / page).read_text(encoding="utf-8")


def _row(label: str, times: list[float]) -> str:
    cells = [f"{times[0]:8.2f}s      "]
    pairs = zip(times[:-1], times[1:], strict=True)
    cells += [f"{t:8.2f}s x{t / max(p, 1e-9):4.1f}" for p, t in pairs]
    return f"{label:28}" + "".join(cells)


def bench_runs(sizes: list[int]) -> None:
    render = _python_markdown()
    print(f"{'input (time, ratio)':28}" + "".join(f"{n:>16,}" for n in sizes))
    for unit in UNITS:
        parse, mdit, whole, pymd = [], [], [], []
        for n in sizes:
            text = "before " + unit * n + "after"
            parse.append(_seconds(lambda text=text: parse_inline(text)))
            mdit.append(_seconds(lambda text=text: MarkdownIt("commonmark").parseInline(text)))
            seconds, page = _convert({"Run.md": text + "\n"}, "Run.md")
            whole.append(seconds)
            pymd.append(_seconds(lambda page=page: render(page)))
        print(_row(f"{unit.strip()!r} inline parse", parse))
        print(_row(f"{unit.strip()!r} markdown-it alone", mdit))
        print(_row(f"{unit.strip()!r} conversion", whole))
        print(_row(f"{unit.strip()!r} Python-Markdown", pymd))


def bench_embeds(depths: list[int]) -> None:
    print(f"\n{'embed chain, 4 per note':28}" + "".join(f"{f'depth {d}':>16}" for d in depths))
    times, sizes = [], []
    for depth in depths:
        notes = {f"n{i}.md": "\n\n".join([f"![[n{i + 1}]]"] * 4) + "\n" for i in range(depth)}
        notes[f"n{depth}.md"] = "leaf\n"
        seconds, page = _convert(notes, "n0.md")
        times.append(seconds)
        sizes.append(len(page.encode("utf-8")))
    print(_row("conversion", times))
    print(f"{'n0 page size':28}" + "".join(f"{s:>14,} B" for s in sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12_500, 25_000, 50_000, 100_000])
    parser.add_argument("--depths", type=int, nargs="+", default=[5, 7, 9, 11])
    args = parser.parse_args()
    bench_runs(args.sizes)
    bench_embeds(args.depths)


if __name__ == "__main__":
    main()
