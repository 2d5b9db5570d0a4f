"""Escaping text for Python-Markdown and HTML."""

from __future__ import annotations

import html

_MARKDOWN_ESCAPES = str.maketrans(
    {**{c: "\\" + c for c in "\\`*_[]$"}, "<": "&lt;", ">": "&gt;", "&": "&amp;"}
)


def markdown_text(text: str) -> str:
    """Text that Python-Markdown shows literally (a file name with `_` or `*` in it)."""
    return text.translate(_MARKDOWN_ESCAPES)


def html_text(text: str) -> str:
    return html.escape(text, quote=True)
