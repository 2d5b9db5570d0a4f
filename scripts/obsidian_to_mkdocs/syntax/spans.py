"""Recording where tokens came from, for rules of our own and for wrapped built-in rules."""

from __future__ import annotations

from collections.abc import Callable

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

InlineRule = Callable[[StateInline, bool], bool]


def push_spanned(
    state: StateInline, token_type: str, start: int, end: int, **meta: object
) -> Token:
    """Push a token that covers src[start:end] and move past it."""
    token = state.push(token_type, "", 0)
    token.meta = {"span": (start, end), **meta}
    token.content = state.src[start:end]
    state.pos = end
    return token


def spanning(rule: InlineRule) -> InlineRule:
    """Wrap a built-in rule so its first token remembers the source span the rule consumed.

    Links, images, math and autolinked URLs keep their source text; knowing their span
    lets the renderer rewrite a link target or leave the whole construct untouched.
    """

    def wrapped(state: StateInline, silent: bool) -> bool:
        if not silent and state.pending:
            state.pushPending()  # so the rule's own first token is the one at `count`
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and len(state.tokens) > count:
            first = state.tokens[count]
            first.meta = {
                **(first.meta or {}),
                "span": (start, state.pos),
                "source": state.src[start : state.pos],
            }
        return True

    wrapped.__name__ = getattr(rule, "__name__", "spanning")
    return wrapped
