"""A note's own raw HTML: passed through, but kept from swallowing what follows it, and its
`src` and `href` attributes pointed at the vault's files and notes.

Script is taken out first (`render/sanitize.py`), as Obsidian's reading view does.

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
from ..urls import page_url, relative_site_url
from .escape import html_text
from .links import note_fragment, unpublished
from .sanitize import sanitize

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
# `sanitize` writes every attribute back as ` name="value"`: that is the only form to read.
URL_ATTRIBUTE = re.compile(r'(\s(src|href)=)"([^"]*)"', re.I)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:|^//|^/|^#")
# `href="/Rotor.nb"`: a file named from the vault's root, as Obsidian reads an internal link.
VAULT_ROOT_FILE = re.compile(r"^/(?!/)[^?#]*\.[^/?#]+(?:[?#]|$)")


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
    """The block as written less its script, its vault images found, closed where the note
    never closes it."""
    line = ctx.line_offset + token.map[0] if token.map else None
    lines = _with_sources(sanitize(token.content.rstrip("\n")), ctx, line).split("\n")
    closing = sanitize((token.meta or {}).get(CLOSE_META, ""))
    return [*lines, closing] if closing else lines


def html_inline(token: Token, ctx: PageContext, line: int) -> str | None:
    """An HTML tag inside running text (`⬅️ <a href="UE1.md">`) less its script, its
    `src`/`href` found."""
    source = token.meta["source"]
    rewritten = _with_sources(sanitize(source), ctx, line)
    return rewritten if rewritten != source else None


def _with_sources(html: str, ctx: PageContext, line: int | None) -> str:
    """Relative `src` and `href` naming something of the vault, as Obsidian reads them: a file
    (`<img src="Assets/logo.svg">`) is copied into the site and pointed at from the page's URL,
    a note (`<a href="x.md" class="internal-link">`) links its page; a `.md` that is no
    published note becomes visibly unresolved text, never a 404."""

    def replace(match: re.Match[str]) -> str:
        value = match.group(3)
        is_href = match.group(2).lower() == "href"
        if not value or (SCHEME.match(value) and not (is_href and VAULT_ROOT_FILE.match(value))):
            return match.group(0)
        path, _, fragment = unquote(value.split("?", 1)[0]).removeprefix("./").partition("#")
        path = path.removeprefix("/")
        if is_href and (path.lower().endswith(".md") or "." not in path.rsplit("/", 1)[-1]):
            return _note_href(match.group(1), path, fragment, ctx, line)
        found = ctx.site.index.resolve_file(path, ctx.note.path)
        if found.path is None and is_href:  # a file the vault lacks: text, never a 404
            return _unresolved(f"linked file '{path}' not found", ctx, line)
        if found.path is None:
            return match.group(0)
        ctx.use_attachment(found.path)
        return f'{match.group(1)}"{html_text(ctx.html_url_to(found.path))}"'

    lowered = html.lower()
    return URL_ATTRIBUTE.sub(replace, html) if "src" in lowered or "href" in lowered else html


def _unresolved(reason: str, ctx: PageContext, line: int | None) -> str:
    """The attribute that replaces an `href` to nothing published: the link shows as text."""
    ctx.site.report.links_unresolved += 1
    ctx.warn(line, reason)
    return " data-ofm-unresolved"


def _note_href(attribute: str, path: str, fragment: str, ctx: PageContext, line: int | None) -> str:
    found = ctx.site.index.resolve_note(path, ctx.note.path)
    if found.path is None or not ctx.site.published(found.path):
        if not path.lower().endswith(".md"):
            return f'{attribute}"{html_text(path)}"'  # a folder or a page of the site: as written
        missing = found.path is None
        reason = f"link target '{path}' not found" if missing else unpublished(ctx, path)
        return _unresolved(reason, ctx, line)
    ctx.site.report.links_resolved += 1
    anchors = tuple(a for a in fragment.split("#") if a)
    slug = note_fragment(ctx, found.path, anchors, line or 0) if anchors else ""
    directory_urls = ctx.site.options.use_directory_urls
    url = relative_site_url(
        page_url(ctx.page, directory_urls),
        page_url(ctx.site.page_paths[found.path], directory_urls),
    )
    return f'{attribute}"{html_text(url + ("#" + slug if slug else ""))}"'
