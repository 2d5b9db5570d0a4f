"""Escaping text for Python-Markdown and HTML."""

from __future__ import annotations

import html


def markdown_text(text: str) -> str:
    """Text that Python-Markdown shows literally (a file name with `_` or `*` in it)."""
    out: list[str] = []
    for char in text:
        if char in "\\`*_[]$":
            out.append("\\" + char)
        elif char in "<>&":
            out.append(html.escape(char))
        else:
            out.append(char)
    return "".join(out)


def html_text(text: str) -> str:
    return html.escape(text, quote=True)
