"""`^block-id` at the very end of a paragraph or list item."""

from __future__ import annotations

from markdown_it.rules_inline import StateInline

from .spans import push_spanned

BLOCK_ID = "ofm_block_id"


def block_id_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "^" or (pos > 0 and not src[pos - 1].isspace()):
        return False
    end = pos + 1
    while end < len(src) and (src[end].isascii() and (src[end].isalnum() or src[end] == "-")):
        end += 1
    if end == pos + 1 or src[end:].strip():
        return False
    if silent:
        state.pos = end
    else:
        push_spanned(state, BLOCK_ID, pos, end, block_id=src[pos + 1 : end])
    return True
