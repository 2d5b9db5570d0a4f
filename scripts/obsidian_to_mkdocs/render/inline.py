"""Rewriting one inline source (a paragraph, heading, title or table cell).

The OFM rules mark spans of the source; each span is replaced by its Material form and
every other character is copied unchanged. Nothing here looks at raw text by pattern.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from markdown_it.token import Token

from ..context import PageContext, TagUse
from ..parse import parse_inline
from ..paths import UnsafePath
from ..queries.run import inline_query
from ..syntax.blockids import BLOCK_ID
from ..syntax.brackets import REJECTED_BRACKET
from ..syntax.comments import COMMENT
from ..syntax.dollars import LONE_DOLLAR
from ..syntax.footnotes import INLINE_FOOTNOTE
from ..syntax.highlights import MARK
from ..syntax.tags import NO_TAGS_ENV, TAG
from ..syntax.wikilinks import WIKILINK
from . import links, rawhtml
from .escape import markdown_text

Edit = tuple[int, int, str]
# Every span rewritten here starts with one of these (`[[`, `![`, `[`, `#`, `%%`, `^`, `$`, `==`):
# a source holding none of them comes out unchanged, without an inline parse (two thirds of
# knowledge-garden's paragraphs, headings and cells).
TRIGGERS = frozenset("[#%^$=")


def rewrite_inline(
    src: str, ctx: PageContext, line: int, notes: list[str], *, tags: bool = True
) -> str:
    """`src` with every Obsidian construct replaced; `line` is the file line `src` starts on.

    Inline footnotes become `[^label]` references; their definitions are appended to `notes`
    for the caller to write after its block (Python-Markdown accepts them anywhere).
    """
    ctx.inline_source = src
    if TRIGGERS.isdisjoint(src):
        return src
    tokens = parse_inline(src, {NO_TAGS_ENV: not tags})
    edits = [*_highlight_edits(tokens)]
    for token in tokens:
        span = (token.meta or {}).get("span")
        if span is None or token.type == MARK:
            continue
        at_line = line + src.count("\n", 0, span[0])
        if token.type == INLINE_FOOTNOTE:
            edits.append((*span, _inline_footnote(token, ctx, at_line, notes)))
            continue
        handler = _HANDLERS.get(token.type)
        replacement = handler(token, ctx, at_line) if handler else None
        if replacement is not None:
            edits.append((span[0], span[1], replacement))
    return _apply(src, edits)


def _apply(src: str, edits: list[Edit]) -> str:
    out: list[str] = []
    pos = 0
    for start, end, text in sorted(edits):
        if start < pos:
            continue  # inside a span already rewritten
        out.append(src[pos:start])
        out.append(text)
        pos = end
    out.append(src[pos:])
    return "".join(out)


def _highlight_edits(tokens: list[Token]) -> list[Edit]:
    """Pair `==` markers left to right; a marker without a partner stays text."""
    edits: list[Edit] = []
    opener: Token | None = None
    for token in tokens:
        if token.type != MARK:
            continue
        if opener is None:
            if token.meta["can_open"]:
                opener = token
        elif token.meta["can_close"]:
            edits.append((*opener.meta["span"], "<mark>"))
            edits.append((*token.meta["span"], "</mark>"))
            opener = None
        elif token.meta["can_open"]:
            opener = token
    return edits


def _inline_footnote(token: Token, ctx: PageContext, line: int, notes: list[str]) -> str:
    """`^[text]` -> `[^label]`; the label is unique per note and line, so embeds keep theirs."""
    text = rewrite_inline(token.meta["text"], ctx, line, notes)  # may add nested notes first
    label = f"ofm-{zlib.crc32(ctx.note.path.encode()):08x}-{line}-{len(notes) + 1}"
    notes.append(f"[^{label}]: " + " ".join(text.split("\n")))
    return f"[^{label}]"


def _tag(token: Token, ctx: PageContext, line: int) -> str:
    tag = token.meta["tag"]
    try:
        page = ctx.site.tag_page(tag)
    except UnsafePath as exc:
        ctx.warn(line, f"tag {tag!r} cannot be a page ({exc}); shown as text")
        return markdown_text(f"#{tag}")
    ctx.tags.append(TagUse(tag, line - ctx.line_offset))
    return f"[#{tag}]({ctx.url_to(page)}){{ .ofm-tag }}"


def _wikilink(token: Token, ctx: PageContext, line: int) -> str:
    link = token.meta["link"]
    if link.embed:
        return links.embed_inline(link, ctx, line)
    return links.wikilink(link, ctx, line)


def _builtin(token: Token, ctx: PageContext, line: int) -> str | None:
    """A Markdown link or image: only a relative target inside the vault is rewritten."""
    if token.type == "link_open":
        return links.markdown_link(token, ctx, line)
    if token.type == "image":
        return links.markdown_image(token, ctx, line)
    return None


def block_anchor(block_id: str) -> str:
    """The element `[[note#^id]]` links scroll to (the id is ASCII letters, digits and `-`)."""
    return f'<span id="^{block_id}" class="ofm-block-id"></span>'


def _inline_math(token: Token, ctx: PageContext, line: int) -> str | None:
    """`$…$` as written, on one line: a line of it starting with `#` or `-` would otherwise be
    read by Python-Markdown as a heading or list (unless a TeX `%` comment needs its line end).
    `$$…$$` left inline (in a heading or table cell, where no equation block fits) is display
    style inside the line."""
    latex = token.content if "%" in token.content else " ".join(token.content.split("\n"))
    if token.type == "math_inline_double":
        return f"$\\displaystyle {latex.strip()}$"
    return None if latex == token.content else f"${latex}$"


_HANDLERS: dict[str, Callable[[Token, PageContext, int], str | None]] = {
    WIKILINK: _wikilink,
    TAG: _tag,
    COMMENT: lambda token, ctx, line: "",
    BLOCK_ID: lambda token, ctx, line: block_anchor(token.meta["block_id"]),
    "math_inline": _inline_math,
    "math_inline_double": _inline_math,
    LONE_DOLLAR: lambda token, ctx, line: "\\$",
    REJECTED_BRACKET: lambda token, ctx, line: "\\[",
    "code_inline": lambda token, ctx, line: inline_query(token.content, ctx, line),
    "link_open": _builtin,
    "image": _builtin,
    "html_inline": rawhtml.html_inline,
}
