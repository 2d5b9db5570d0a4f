"""Mutation score of `syntax/` and `render/`: how many small changes to the rules (a `<` made
`<=`, a `True` made `False`, a string emptied) make at least one fast test fail.

    python benchmarks/mutation.py                          # unit + fixture tests, both packages
    python benchmarks/mutation.py --only syntax tests/test_x.py  # one package, other tests

mutmut 3 copies the package into `mutants/` and runs the tests in one child process at a time
(`--max-children 1`: the machine's cores are shared). Not run in CI: minutes, not seconds.
The score and every surviving mutant are printed; `mutmut show <name>` shows a diff.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path("scripts/obsidian_to_mkdocs")
MUTATED = ("syntax", "render")
DEFAULT_TESTS = ["tests/unit/"]


def configure(tests: list[str], mutated: tuple[str, ...]) -> None:
    """mutmut's config, set here rather than in pyproject.toml: only two sub-packages are
    mutated, and mutmut's `do_not_mutate` globs cannot say "everything else" by themselves."""
    import mutmut
    from mutmut.__main__ import Config

    others = [
        str(path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in mutated
    ]
    mutmut.config = Config(
        also_copy=[Path(p) for p in ("tests", "mkdocs.yml", "overrides", "pyproject.toml")],
        do_not_mutate=others,
        max_stack_depth=-1,
        debug=False,
        paths_to_mutate=[PACKAGE],
        tests_dir=tests,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=MUTATED, help="one package (repeat)")
    parser.add_argument(
        "--mutants", nargs="*", default=[], help="only these mutants (globs, e.g. '*.inline.*')"
    )
    parser.add_argument("tests", nargs="*", default=DEFAULT_TESTS)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    configure(args.tests, tuple(args.only or MUTATED))
    # The tests must import the mutated copy, never the package itself (nor /work/main's).
    for folder in ("scripts", "docs"):  # docs: mkdocs.yml's docs_dir must exist
        (ROOT / "mutants" / folder).mkdir(parents=True, exist_ok=True)
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != (ROOT / "scripts")]
    sys.path.insert(0, str(ROOT / "mutants" / "scripts"))
    from _pytest.nodes import Node

    if not hasattr(Node, "_nodeid"):  # mutmut 3.3.1 reads pytest < 9's private name
        Node._nodeid = property(lambda node: node.nodeid)  # type: ignore[attr-defined]
    import mutmut.__main__ as mutmut_main
    from mutmut.__main__ import _run, collect_source_file_mutation_data, status_by_exit_code

    strip_prefix = mutmut_main.strip_prefix

    def module_name(name: str, *, prefix: str) -> str:
        """mutmut names a module after its path with `src.` dropped; ours lives in `scripts/`."""
        if prefix == "src.":
            name = strip_prefix(name, prefix="scripts.")
        return strip_prefix(name, prefix=prefix)

    mutmut_main.strip_prefix = module_name
    # mutmut also kills a child after 15x its tests' measured wall time: on a shared machine
    # that is a busy CPU, not an endless loop. The CPU-time limit it sets stays (RLIMIT_CPU).
    mutmut_main.timeout_checker = lambda mutants: lambda: None

    try:
        _run(args.mutants, max_children=1)
    except SystemExit as exit_:  # mutmut exits when it is done
        if exit_.code not in (0, None):
            raise
    mutants, _ = collect_source_file_mutation_data(mutant_names=args.mutants)
    counts: dict[str, int] = {}
    survivors: list[str] = []
    for _, name, code in mutants:
        status = status_by_exit_code[code]
        counts[status] = counts.get(status, 0) + 1
        if status == "survived":
            survivors.append(name)
    killed, total = counts.get("killed", 0), sum(counts.values())
    print(f"mutants: {total}; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"score: {killed}/{total} killed = {100 * killed / max(total, 1):.1f} %")
    print("survived:", *sorted(survivors), sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
