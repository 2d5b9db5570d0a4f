"""Where CommonMark and Python-Markdown disagree about brackets and URLs.

- `![x](<https://… ` with no closing `>` is text for Obsidian (CommonMark) but an image for
  Python-Markdown: a `[` that CommonMark did not open a link with, yet is followed by
  `](`, is escaped so Python-Markdown shows it as text too.
- A `[` that no `]` closes is escaped as well: Python-Markdown looks for the `]` of each such
  `[` to the end of the paragraph, so a run of them (`[[ [[ [[ …`) took quadratic time there.
  A closed `[x]` stays as written (a task's `[ ]` must reach pymdownx.tasklist unescaped).
- A bare URL runs into a following `[[wikilink]]` under linkify; Obsidian ends the URL there,
  so the link is kept as a wikilink.
"""

from __future__ import annotations

from markdown_it.rules_inline import StateInline

from .spans import InlineRule, push_spanned

REJECTED_BRACKET = "ofm_rejected_bracket"


def rejected_link_rule(state: StateInline, silent: bool) -> bool:
    """Runs after the link and image rules: they declined this `[`."""
    src, pos = state.src, state.pos
    bracket = pos + 1 if src.startswith("![", pos) else pos
    if src[bracket] != "[":
        return False
    label_end = state.md.helpers.parseLinkLabel(state, bracket, True)
    state.pos = pos  # parseLinkLabel moves it
    if label_end >= 0 and not src.startswith("(", label_end + 1):
        return False
    if silent:
        state.pos = bracket + 1
    else:
        push_spanned(state, REJECTED_BRACKET, bracket, bracket + 1)
    return True


def stop_urls_at_wikilinks(rule: InlineRule) -> InlineRule:
    """Wrap linkify: a URL that would swallow `[[` is declined, leaving the wikilink whole."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        pos, pending, count = state.pos, state.pending, len(state.tokens)
        if not rule(state, silent):
            return False
        if "[[" not in state.src[pos : state.pos]:
            return True
        state.pos, state.pending = pos, pending
        del state.tokens[count:]
        return False

    wrapped.__name__ = getattr(rule, "__name__", "linkify")
    return wrapped
