"""A `$` that Obsidian does not read as math (a price) must stay a dollar sign."""

from __future__ import annotations

from markdown_it.rules_inline import StateInline

from .spans import push_spanned

LONE_DOLLAR = "ofm_lone_dollar"


def lone_dollar_rule(state: StateInline, silent: bool) -> bool:
    """Runs after the math rule: any `$` left over is text, and is escaped for arithmatex."""
    if state.src[state.pos] != "$":
        return False
    if silent:
        state.pos += 1
    else:
        push_spanned(state, LONE_DOLLAR, state.pos, state.pos + 1)
    return True
