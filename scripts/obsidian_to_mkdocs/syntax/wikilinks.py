"""`[[target#anchor|alias]]` links and `![[target|size]]` embeds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.rules_inline import StateInline

from .spans import push_spanned

WIKILINK = "ofm_wikilink"
# What ends the search for a wikilink's `]]`: the `]]` itself, or what may not be inside it.
# Stopping at the first `[[` or line end keeps a run of unclosed `[[` linear, not quadratic.
_CLOSE_OR_STOP = re.compile(r"\]\]|\[\[|\n")


@dataclass(frozen=True)
class WikiLink:
    """A parsed wikilink: which note or file, which heading or block, what text to show."""

    target: str
    anchors: tuple[str, ...]
    alias: str | None
    embed: bool

    @property
    def is_block_ref(self) -> bool:
        return bool(self.anchors) and self.anchors[-1].startswith("^")


def parse_wikilink(inner: str, embed: bool) -> WikiLink:
    """Split the text between the brackets; `\\|` (used inside tables) is a plain `|`."""
    inner = inner.replace("\\|", "|")
    target_part, _, alias = inner.partition("|")
    target, *anchors = target_part.split("#")
    return WikiLink(
        target=target.strip(),
        anchors=tuple(a.strip() for a in anchors if a.strip()),
        alias=alias.strip() if alias.strip() else None,
        embed=embed,
    )


def wikilink_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    embed = src.startswith("![[", pos)
    if not embed and not src.startswith("[[", pos):
        return False
    open_end = pos + (3 if embed else 2)
    stop = _CLOSE_OR_STOP.search(src, open_end)
    if stop is None or stop.group() != "]]":
        return False
    close = stop.start()
    inner = src[open_end:close]
    if not inner.strip():
        return False
    if not silent:
        push_spanned(state, WIKILINK, pos, close + 2, link=parse_wikilink(inner, embed))
    else:
        state.pos = close + 2
    return True
