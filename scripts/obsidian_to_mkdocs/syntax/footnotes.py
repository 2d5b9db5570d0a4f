"""Inline footnotes `^[text]`: Python-Markdown has none, so the renderer turns each into a
`[^label]` reference plus a definition."""

from __future__ import annotations

from markdown_it.rules_inline import StateInline

from .spans import push_spanned

INLINE_FOOTNOTE = "ofm_inline_footnote"


def inline_footnote_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("^[", pos):
        return False
    end = state.md.helpers.parseLinkLabel(state, pos + 1)
    if end < 0:
        return False
    if silent:
        state.pos = end + 1
    else:
        push_spanned(state, INLINE_FOOTNOTE, pos, end + 1, text=src[pos + 2 : end])
    return True
