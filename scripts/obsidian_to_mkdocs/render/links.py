"""Links and embeds: resolved through the vault index, written as relative `.md` links
(which every Material builder turns into page URLs), or as visibly unresolved text."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it.helpers import parseLinkDestination, parseLinkLabel
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..context import LinkRecord, PageContext
from ..excalidraw import is_drawing, is_drawing_name
from ..index import Resolution
from ..parse import inline_parser
from ..plaintext import link_text, plain_text
from ..shared import MISSING_EMBED_ATTRS
from ..syntax.wikilinks import WikiLink
from ..vault import Note
from .escape import html_text, markdown_text
from .excalidraw import drawing_image

IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "avif", "ico", "tif", "tiff"}
AUDIO_EXTENSIONS = {"mp3", "wav", "m4a", "ogg", "3gp", "flac", "webm_audio"}
VIDEO_EXTENSIONS = {"mp4", "webm", "ogv", "mov", "mkv"}
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
SIZE = re.compile(r"^(\d+)(?:x(\d+))?$")
# Targets that name a page: a note, a canvas, or `![[x.excalidraw]]` (the drawing note
# `x.excalidraw.md`).
NOTE_EXTENSIONS = ("", "md", "canvas", "excalidraw")


def extension(target: str) -> str:
    name = posixpath.basename(target)
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def unresolved(text: str, reason: str, *, embed: bool = False) -> str:
    """A link or embed that reaches nothing. A missing embed shows its file name (or alt
    text), which is no text of the note: search leaves it out (`data-search-exclude`)."""
    css = MISSING_EMBED_ATTRS if embed else 'class="ofm-unresolved"'
    return f'<span {css} title="{html_text(reason)}">{markdown_text(text)}</span>'


def _fail(ctx: PageContext, line: int, text: str, reason: str, *, embed: bool = False) -> str:
    """Report why; show only that it is unresolved (never whether a private note exists)."""
    ctx.site.report.links_unresolved += 1
    ctx.warn(line, reason)
    return unresolved(text, "Unresolved embed" if embed else "Unresolved link", embed=embed)


def unpublished(ctx: PageContext, target: str) -> str:
    """Why a link is unresolved when its note is not published: the note is named only with
    `verbose`, since a public repository's build log is public."""
    if ctx.site.options.verbose:
        return f"link target '{target}' is not published"
    return "link to a note that is not published (--verbose names it)"


def record_link(ctx: PageContext, target: str, text: str, *, embed: bool = False) -> None:
    """Remember the link for backlinks and the graph, with the sentence around it."""
    ctx.links.append(LinkRecord(target, snippet(ctx.inline_plain_text(), text), embed))


def snippet(sentence: str, around: str, width: int = 160) -> str:
    """At most `width` characters of `sentence`, centred on `around` when it is long."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= width:
        return sentence
    at = max(sentence.find(around), 0)
    start = max(0, min(at - width // 2, len(sentence) - width))
    return ("…" if start else "") + sentence[start : start + width] + "…"


def note_fragment(ctx: PageContext, path: str, anchors: tuple[str, ...], line: int) -> str:
    """The id a heading or block link points to on the target page, or '' with a warning."""
    if not anchors:
        return ""
    outline = ctx.outline_of(path)
    wanted = anchors[-1]
    if wanted.startswith("^"):
        if wanted[1:] in outline.block_ids:
            return wanted
        ctx.warn(line, f"block ^{wanted[1:]} not found in {path}; linking to the page")
        return ""
    heading = outline.find_heading(wanted)
    if heading is None:
        ctx.warn(line, f"heading '{wanted}' not found in {path}; linking to the page")
        return ""
    return heading.slug


def wikilink(link: WikiLink, ctx: PageContext, line: int) -> str:
    text = link_text(link)
    if not link.target and not ctx.embed_stack:
        fragment = note_fragment(ctx, ctx.note.path, link.anchors, line)
        ctx.site.report.links_resolved += 1
        return f"[{markdown_text(text)}](#{fragment})" if fragment else markdown_text(text)
    # `[[#Heading]]` in an embedded note means the embedded note's heading, on its own page
    found = (
        ctx.site.index.resolve_note(link.target, ctx.note.path)
        if link.target
        else Resolution(ctx.note.path)
    )
    if found.path is None and extension(link.target):
        return _file_link(link.target, text, ctx, line)
    if found.path is None:
        return _fail(ctx, line, text, f"link target '{link.target}' not found")
    if not ctx.site.published(found.path):
        return _fail(ctx, line, text, unpublished(ctx, link.target))
    if found.ambiguous:
        ctx.warn(line, f"'{link.target}' matches {len(found.candidates)} notes; using {found.path}")
    fragment = note_fragment(ctx, found.path, link.anchors, line)
    ctx.site.report.links_resolved += 1
    record_link(ctx, found.path, text, embed=link.embed)
    return f"[{markdown_text(text)}]({ctx.note_url(found.path, fragment)})"


def _file_link(target: str, text: str, ctx: PageContext, line: int) -> str:
    found = ctx.site.index.resolve_file(target, ctx.note.path)
    if found.path is None:
        return _fail(ctx, line, text, f"link target '{target}' not found")
    ctx.site.report.links_resolved += 1
    if extension(found.path) == "base":  # a base has a page of its own (queries/pages.py)
        return f"[{markdown_text(text)}]({ctx.url_to(found.path + '.md')})"
    ctx.use_attachment(found.path)
    return f"[{markdown_text(text)}]({ctx.url_to(found.path)})"


def embed_inline(link: WikiLink, ctx: PageContext, line: int) -> str:
    """An embed inside running text: media inline, a note as a link to it."""
    ext = extension(link.target)
    size = image_size(link.alias or "")[1]
    if ext in NOTE_EXTENSIONS:
        drawing = _drawing(link.target, ctx)
        if drawing is not None:
            return _drawing_embed(drawing, ctx, line, size)
        found = ctx.site.index.resolve_note(link.target, ctx.note.path)
        if found.path is not None:
            return wikilink(WikiLink(link.target, link.anchors, link.alias, False), ctx, line)
    found = ctx.site.index.resolve_file(link.target, ctx.note.path)
    name = posixpath.basename(link.target)
    if found.path is None:
        drawing = _exported_drawing(link.target, ctx)
        if drawing is not None:
            return _drawing_embed(drawing, ctx, line, size)
        return _fail(ctx, line, name, f"embedded file '{link.target}' not found", embed=True)
    ctx.use_attachment(found.path)
    ctx.site.report.links_resolved += 1
    if ext in IMAGE_EXTENSIONS:
        return _image(found.path, link.alias, ctx)
    url = ctx.html_url_to(found.path)
    if ext in AUDIO_EXTENSIONS:
        return f'<audio controls src="{url}"></audio>'
    if ext in VIDEO_EXTENSIONS:
        return f'<video controls src="{url}"></video>'
    if ext == "pdf":
        return (
            f'<iframe class="ofm-pdf" src="{url}" title="{html_text(name)}"></iframe> '
            f'<a href="{url}" download>{html_text(name)}</a>'
        )
    return f"[{markdown_text(link.alias or name)}]({ctx.url_to(found.path)})"


def _drawing(target: str, ctx: PageContext) -> Note | None:
    """The published Excalidraw drawing note a target names, if it names one."""
    found = ctx.site.index.resolve_note(target, ctx.note.path)
    note = ctx.site.index.notes.get(found.path or "")
    return note if note is not None and note.published and is_drawing(note) else None


def _exported_drawing(target: str, ctx: PageContext) -> Note | None:
    """The drawing behind a missing `x.excalidraw.svg`/`.png` export: drawn from its scene."""
    stem, ext = posixpath.splitext(target)
    return (
        _drawing(stem, ctx) if ext.lower() in (".svg", ".png") and is_drawing_name(stem) else None
    )


def _drawing_embed(drawing: Note, ctx: PageContext, line: int, size: str) -> str:
    ctx.shows_text(drawing.path)
    ctx.site.report.links_resolved += 1
    record_link(ctx, drawing.path, drawing.title, embed=True)
    return drawing_image(drawing, ctx, line, size)


def _image(path: str, option: str | None, ctx: PageContext) -> str:
    """`![[img.png|300]]`, `|300x200`, `|alt text` or `|alt text|300`."""
    alt, size = image_size(option or "")
    alt = alt or posixpath.splitext(posixpath.basename(path))[0]
    return f"![{markdown_text(alt)}]({ctx.url_to(path)})" + (f"{{ {size} }}" if size else "")


def image_size(option: str) -> tuple[str, str]:
    """(alt text, attr_list size attributes) of an image's `alt|300` or `alt|300x200`: Obsidian
    reads a last `|` part made of digits as the size, and everything before it as the alt."""
    alt, bar, last = option.rpartition("|")
    size = SIZE.match(last.strip())
    if size is None:
        return option, ""
    height = f' height="{size.group(2)}"' if size.group(2) else ""
    return alt if bar else "", f'width="{size.group(1)}"{height}'


def _destination(source: str, label_start: int) -> tuple[int, int, str] | None:
    """Start, end and unescaped text of the destination in `[label](dest "title")`."""
    state = StateInline(source, inline_parser(), {}, [])
    label_end = parseLinkLabel(state, label_start, True)
    if label_end < 0 or not source.startswith("(", label_end + 1):
        return None  # a reference link: its definition is kept as written
    pos = label_end + 2
    while pos < len(source) and source[pos] in " \t\n":
        pos += 1
    result = parseLinkDestination(source, pos, len(source))
    return (pos, result.pos, result.str) if result.ok else None


def _relative_target(dest: str) -> tuple[str, str] | None:
    """(path, fragment) of a destination inside the vault; None for URLs and anchors."""
    if not dest or dest.startswith("#") or SCHEME.match(dest) or dest.startswith("//"):
        return None
    path, _, fragment = dest.partition("#")
    return unquote(path), fragment


@dataclass(frozen=True)
class _Destination:
    """A Markdown link's source, where its destination stands in it, and what it names."""

    source: str
    start: int
    end: int
    dest: str
    target: tuple[str, str] | None  # (path, fragment) inside the vault; None for URLs

    def replaced(self, url: str) -> str:
        return self.source[: self.start] + url + self.source[self.end :]


def _link_destination(token: Token, label_start: int) -> _Destination | None:
    source = token.meta["source"]
    found = _destination(source, label_start)
    if found is None:
        return None
    start, end, dest = found
    return _Destination(source, start, end, dest, _relative_target(dest))


def _unresolved_label(ctx: PageContext, line: int, label: str, reason: str) -> str:
    """The link's own label (Markdown) shown as unresolved; the reason goes to the report."""
    ctx.site.report.links_unresolved += 1
    ctx.warn(line, reason)
    return f'<span class="ofm-unresolved" title="Unresolved link">{label}</span>'


def markdown_link(token: Token, ctx: PageContext, line: int) -> str | None:
    link = _link_destination(token, 0)
    if link is not None and link.dest.startswith("#") and not link.dest.startswith("#^"):
        return _heading_link(link, ctx)
    if link is None or link.target is None:
        return None
    path, fragment = link.target
    label = link.source[1 : link.source.rfind("]", 0, link.start)]
    ext = extension(path)
    if ext in NOTE_EXTENSIONS:
        found = ctx.site.index.resolve_note(path, ctx.note.path)
        if found.path is None or not ctx.site.published(found.path):
            reason = f"link target '{path}' not found"
            if found.path is not None:
                reason = unpublished(ctx, path)
            return _unresolved_label(ctx, line, label, reason)
        anchors = tuple(a for a in unquote(fragment).split("#") if a)
        url = ctx.note_url(found.path, note_fragment(ctx, found.path, anchors, line))
        ctx.site.report.links_resolved += 1
        record_link(ctx, found.path, plain_text(label))
        return link.replaced(url)
    found = ctx.site.index.resolve_file(path, ctx.note.path)
    if found.path is None:
        return _unresolved_label(ctx, line, label, f"linked file '{path}' not found")
    ctx.use_attachment(found.path)
    ctx.site.report.links_resolved += 1
    return link.replaced(ctx.url_to(found.path))


def _heading_link(link: _Destination, ctx: PageContext) -> str | None:
    """`[x](#Tree-Level)`: a heading of this note written as text or a slug, made the id the
    page really has (on the embedded note's page when inside an embed); else kept as written."""
    heading = ctx.site.outline(ctx.note.path).find_heading(unquote(link.dest[1:]))
    if heading is None:
        return None
    if ctx.embed_stack:
        return link.replaced(ctx.note_url(ctx.note.path, heading.slug))
    return link.replaced(f"#{heading.slug}")


def markdown_image(token: Token, ctx: PageContext, line: int) -> str | None:
    """`![alt](path)` to an attachment, its path rewritten; `![alt|200](…)` sized as Obsidian
    sizes it, for URLs too."""
    link = _link_destination(token, 1)
    if link is None:
        return None
    label_end = link.source.rfind("]", 0, link.start)
    alt, size = image_size(link.source[2:label_end])
    shift = len(alt) - (label_end - 2)
    sized = dataclasses.replace(
        link,
        source=link.source[:2] + alt + link.source[label_end:] + (f"{{ {size} }}" if size else ""),
        start=link.start + shift,
        end=link.end + shift,
    )
    if link.target is None:
        # `![x](<https://…>)`: Python-Markdown can keep the brackets in `src`; drop them.
        bracketed = link.source.startswith("<", link.start)
        plain = not any(c.isspace() for c in link.dest)
        if bracketed and plain:
            return sized.replaced(link.dest)
        return sized.source if size else None
    path = link.target[0]
    found = ctx.site.index.resolve_file(path, ctx.note.path)
    drawing = _exported_drawing(path, ctx) if found.path is None else None
    if drawing is not None:
        return _drawing_embed(drawing, ctx, line, size)
    if found.path is None:
        return _fail(ctx, line, alt or path, f"image '{path}' not found", embed=True)
    ctx.use_attachment(found.path)
    ctx.site.report.links_resolved += 1
    return sized.replaced(ctx.url_to(found.path))
