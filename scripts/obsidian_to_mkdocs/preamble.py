"""The vault's LaTeX preamble: the Extended MathJax plugin (obsidian-latex) reads
`preamble.sty` at the vault root and makes its `\\newcommand`s available to every formula, so
the site's KaTeX (theme `katex.js`) loads the same definitions before it typesets a page."""

from __future__ import annotations

from pathlib import Path

PREAMBLE = "preamble.sty"
PREAMBLE_OUT = "assets/ofm/preamble.sty"  # always written, empty without one: no 404 a page
MAX_PREAMBLE_BYTES = 1_000_000


def read_preamble(vault: Path) -> str:
    """The preamble's text, or '' when the vault has none (or it cannot be read)."""
    path = vault / PREAMBLE
    try:
        if not path.is_file() or path.stat().st_size > MAX_PREAMBLE_BYTES:
            return ""
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""
