"""A note's own raw HTML: passed through, but kept from swallowing what follows it, and its
`src` attributes pointed at the vault's files.

Obsidian renders each block of a note on its own, so an element a block leaves open (an
`<iframe …>` without `</iframe>`, a `<div>` never closed) ends with that block. Python-Markdown
instead reads on to the end of the page for the closing tag, taking the rest of the note and
the generated backlinks with it as raw text. An element that the note never closes is
therefore closed at the end of the block that opened it; elements closed in a later block
(`<details>` … blank line … `</details>`) are left as written.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

from markdown_it.token import Token

from ..context import PageContext
from .escape import html_text

CLOSE_META = "ofm_close_html"
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
SRC = re.compile(r"""(\ssrc\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.I)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:|^//|^/|^#")


class _OpenElements(HTMLParser):
    """Elements opened and not yet closed, each with the index of the block that opened it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.block = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append((tag, self.block))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # `<div/>` opens nothing

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return


def mark_unclosed(tokens: list[Token]) -> None:
    """Record on each HTML block the end tags of the elements it opens and the note never
    closes (`token.meta[CLOSE_META]`), innermost first."""
    blocks = [t for t in tokens if t.type == "html_block"]
    if not blocks:
        return
    parser = _OpenElements()
    for index, token in enumerate(blocks):
        parser.block = index
        parser.feed(token.content)
        parser.feed("\n")
    for tag, index in reversed(parser.stack):
        meta = blocks[index].meta
        meta[CLOSE_META] = meta.get(CLOSE_META, "") + f"</{tag}>"


def html_block(token: Token, ctx: PageContext) -> list[str]:
    """The block as written, its vault images found, closed where the note never closes it."""
    lines = _with_sources(token.content.rstrip("\n"), ctx).split("\n")
    closing = (token.meta or {}).get(CLOSE_META)
    return [*lines, closing] if closing else lines


def _with_sources(html: str, ctx: PageContext) -> str:
    """`<img src="Assets/logo.svg">`: a relative `src` naming a file of the vault is copied
    into the site and pointed at from the page's URL, as the vault's own images are."""

    def replace(match: re.Match[str]) -> str:
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if not value or SCHEME.match(value):
            return match.group(0)
        path = unquote(value.split("#", 1)[0].split("?", 1)[0]).removeprefix("./")
        found = ctx.site.index.resolve_file(path, ctx.note.path)
        if found.path is None:
            return match.group(0)
        ctx.use_attachment(found.path)
        return f'{match.group(1)}"{html_text(ctx.html_url_to(found.path))}"'

    return SRC.sub(replace, html) if "src" in html.lower() else html
