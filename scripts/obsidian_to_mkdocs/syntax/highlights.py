"""`==highlight==` markers. Pairing happens in the renderer, after code spans are known."""

from __future__ import annotations

from markdown_it.rules_inline import StateInline

from .spans import push_spanned

MARK = "ofm_mark"


def highlight_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("==", pos):
        return False
    end = pos + 2
    while end < len(src) and src[end] == "=":
        end += 1
    if end - pos != 2:  # `===` is text, not a marker next to an `=`
        if not silent:
            state.pending += src[pos:end]
        state.pos = end
        return True
    before = src[pos - 1] if pos > 0 else " "
    after = src[end] if end < len(src) else " "
    can_open, can_close = not after.isspace(), not before.isspace()
    if not (can_open or can_close):
        return False
    if silent:
        state.pos = end
    else:
        push_spanned(state, MARK, pos, end, can_open=can_open, can_close=can_close)
    return True
