"""Inline `#tags`, with Obsidian's rules for where a tag starts and ends."""

from __future__ import annotations

import unicodedata

from markdown_it.rules_inline import StateInline

from .spans import push_spanned

TAG = "ofm_tag"
NO_TAGS_ENV = "ofm_no_tags"


def is_tag_char(ch: str) -> bool:
    """Letters, digits, marks, emoji and `_ - /`; whitespace and punctuation end a tag."""
    if ch in "_-/":
        return True
    if ch.isspace():
        return False
    if ord(ch) < 128:
        return ch.isalnum()
    category = unicodedata.category(ch)
    return category[0] not in "PZC"


def scan_tag(src: str, pos: int) -> int | None:
    """End of the tag starting at src[pos] == '#', or None when Obsidian would see no tag."""
    if pos > 0 and not src[pos - 1].isspace():
        return None
    end = pos + 1
    while end < len(src) and is_tag_char(src[end]):
        end += 1
    name = src[pos + 1 : end].rstrip("/")
    if not name or all(c.isdigit() or c == "/" for c in name) or name.startswith("/"):
        return None
    return pos + 1 + len(name)


def tag_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "#" or state.env.get(NO_TAGS_ENV):
        return False
    end = scan_tag(state.src, state.pos)
    if end is None:
        return False
    if silent:
        state.pos = end
    else:
        push_spanned(state, TAG, state.pos, end, tag=state.src[state.pos + 1 : end])
    return True
