"""`%%comments%%`: inline within a paragraph, or whole lines spanning blocks."""

from __future__ import annotations

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from .spans import push_spanned

COMMENT = "ofm_comment"
COMMENT_BLOCK = "ofm_comment_block"


def comment_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("%%", pos):
        return False
    close = src.find("%%", pos + 2)
    if close < 0:
        return False
    if silent:
        state.pos = close + 2
    else:
        push_spanned(state, COMMENT, pos, close + 2)
    return True


def comment_block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A line starting with `%%` opens a comment that runs to the next `%%`, blank lines and all.

    As in Obsidian, a comment that is never closed hides the rest of the note.
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    line_end = state.eMarks[start_line]
    if not state.src.startswith("%%", first):
        return False
    same_line_close = state.src.find("%%", first + 2, line_end)
    if same_line_close >= 0 and state.src[same_line_close + 2 : line_end].strip():
        return False  # `%%x%% text`: an inline comment inside a paragraph
    line = start_line
    if same_line_close < 0:
        line += 1
        while line < end_line:
            begin = state.bMarks[line] + state.tShift[line]
            if state.src.find("%%", begin, state.eMarks[line]) >= 0:
                break
            line += 1
    if silent:
        return True
    token = state.push(COMMENT_BLOCK, "", 0)
    token.map = [start_line, min(line + 1, end_line)]
    state.line = min(line + 1, end_line)
    return True
