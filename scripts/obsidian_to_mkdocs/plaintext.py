"""The text a reader sees in an inline source, with one set of rules for heading texts (and
so heading ids), backlink contexts and page descriptions.

Kept: text, inline code's text, math as its `$…$` source, a price's `$`, a wikilink as the
text Obsidian shows for it, a tag as `#tag`. Dropped: markup, comments, footnotes, embeds,
images, raw HTML tags (the text between them stays), block ids.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from .parse import parse_inline
from .syntax.brackets import REJECTED_BRACKET
from .syntax.dollars import LONE_DOLLAR
from .syntax.tags import NO_TAGS_ENV, TAG
from .syntax.wikilinks import WIKILINK, WikiLink

# A `[^1]` reference reads as text when parsed without its definition.
FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
TEXT = {"text", "text_special", "code_inline"}


def link_text(link: WikiLink) -> str:
    """What Obsidian shows for a wikilink: the alias, else `Note > Heading`, else the target."""
    if link.alias:
        return link.alias
    return " > ".join([link.target] * bool(link.target) + list(link.anchors))


def plain_text(src: str, *, tags: bool = True) -> str:
    """The visible text of `src` on one line; `tags=False` for a heading, where `#x` is text."""
    return " ".join("".join(map(_visible, parse_inline(src, {NO_TAGS_ENV: not tags}))).split())


def _visible(token: Token) -> str:
    if token.type in TEXT:
        return FOOTNOTE_REF.sub("", token.content) if token.type == "text" else token.content
    if token.type == WIKILINK:
        return "" if token.meta["link"].embed else link_text(token.meta["link"])
    if token.type in ("math_inline", "math_inline_double"):
        dollars = "$" if token.type == "math_inline" else "$$"
        return dollars + token.content + dollars
    if token.type in ("softbreak", "hardbreak"):
        return " "
    return {LONE_DOLLAR: "$", REJECTED_BRACKET: "[", TAG: token.content}.get(token.type, "")
