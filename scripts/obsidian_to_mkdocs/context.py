"""What rendering a page needs to know: the vault index, the page's place in `docs/`, the
embed stack, and where to record links, tags and problems."""

from __future__ import annotations

import dataclasses
import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import quote

from .index import VaultIndex
from .options import Options
from .outline import Outline, build_outline
from .paths import moved, safe_path
from .plaintext import plain_text
from .report import Report
from .urls import page_url, relative_path, relative_url
from .vault import Note, home_note, is_canvas

if TYPE_CHECKING:
    from .queries.properties import PropertiesIndex

MAX_EMBED_DEPTH = 10
# What one page may embed in all: notes that each embed the next several times would
# otherwise grow as (embeds per note) ** depth (4 ** 9 embeds: a 35 MB page).
MAX_EMBEDS_PER_PAGE = 1000
MAX_EMBEDDED_CHARS_PER_PAGE = 2_000_000
# PageContext.uses: the notes whose text a page shows (its embeds) are TEXT; the notes a link
# points into (a heading, a block) are the face of their outline (Outline.face).
TEXT = "text"


@dataclass
class EmbedBudget:
    """What is left of one page's embed budget, shared by the page and its embeds."""

    embeds: int = MAX_EMBEDS_PER_PAGE
    chars: int = MAX_EMBEDDED_CHARS_PER_PAGE
    warned: bool = False

    def take(self, chars: int) -> bool:
        """Spend one embed of `chars` characters; False once the page has used its budget."""
        if self.embeds <= 0 or chars > self.chars:
            self.embeds = 0  # nothing more is embedded, not even a smaller note
            return False
        self.embeds -= 1
        self.chars -= chars
        return True


@dataclass(frozen=True)
class LinkRecord:
    """One link or embed from a page to a note, with the sentence around it (for backlinks)."""

    target: str  # vault path of the note linked to
    context: str
    embed: bool = False


@dataclass(frozen=True)
class TagUse:
    """Where an inline tag appears: the line, for the section heading it falls under."""

    tag: str
    line: int  # 0-based line in the note body


@dataclass
class Site:
    """State shared by all pages of one conversion."""

    options: Options
    index: VaultIndex
    report: Report
    attachments_used: set[str] = field(default_factory=set)
    properties: PropertiesIndex | None = None  # the notes' fields, for queries (queries/)
    _outlines: dict[str, Outline] = field(default_factory=dict)
    _tag_pages: dict[str, str] = field(default_factory=dict)

    @cached_property
    def home(self) -> str | None:
        """The vault's own home note, whose page is the site's `index.md`."""
        return home_note(self.index.notes, self.options.home)

    @cached_property
    def page_paths(self) -> dict[str, str]:
        """docs path of each note's page: the home note is `index.md`; a folder note (`A/A.md`)
        becomes `A/index.md`, the section's index page, unless the folder has its own index; a
        `README.md` beside another index is `readme.md` (MkDocs would drop a `README.md` there),
        a root `index.md` that is not the home goes to `index/index.md`; a canvas `A/B.canvas`
        is `A/B.canvas.md` (beside a note `A/B.md`, as in Obsidian)."""
        paths = {}
        notes, home = self.index.notes, self.home
        for path in notes:
            if is_canvas(path):
                paths[path] = f"{path}.md"
                continue
            folder, name = posixpath.split(path)
            has_index = any(posixpath.join(folder, i) in notes for i in ("index.md", "README.md"))
            if path == home:
                paths[path] = "index.md"
            elif name == "README.md" and (
                posixpath.join(folder, "index.md") in notes or (not folder and home is not None)
            ):
                paths[path] = posixpath.join(folder, "readme.md")
            elif path == "index.md" and home is not None:
                paths[path] = "index/index.md"
            elif folder and posixpath.basename(folder) + ".md" == name and not has_index:
                paths[path] = f"{folder}/index.md"
            else:
                paths[path] = path
        return paths

    @cached_property
    def strict_line_breaks(self) -> bool:
        return self.index.settings.strict_line_breaks

    def preload_outlines(self, outlines: dict[str, Outline]) -> None:
        self._outlines.update(outlines)

    def outlines(self) -> dict[str, Outline]:
        return dict(self._outlines)

    def outline(self, path: str) -> Outline:
        if path not in self._outlines:
            self._outlines[path] = build_outline(self.index.notes[path].body)
        return self._outlines[path]

    def published(self, path: str | None) -> bool:
        return path is not None and path in self.index.notes and self.index.notes[path].published

    @cached_property
    def _reserved(self) -> dict[str, str]:
        """docs paths the vault's own files take (published notes' pages, attachments),
        case-folded (`Graph.md` and `graph.md` are one file on macOS), -> the vault file."""
        notes = self.index.notes
        owners = {p.casefold(): p for p in self.index.attachments}
        owners.update({self.page_paths[p].casefold(): p for p in notes if notes[p].published})
        return owners

    def claimed_by(self, docs_path: str) -> str | None:
        """The vault file whose page or copy is `docs_path` (in any case), if one is."""
        return self._reserved.get(docs_path.casefold())

    def place(self, docs_path: str) -> str:
        """Where a generated page goes: `docs_path`, unless a note or attachment of the vault
        is there (the note keeps its URL; the page moves to a numbered name, paths.moved)."""
        return moved(docs_path, lambda p: p.casefold() in self._reserved)

    def generated_page(self, docs_path: str, what: str) -> str:
        """`place(docs_path)` for the stage that writes the page, which reports a move: a note
        is never silently replaced by a generated page, nor the page silently lost."""
        placed = self.place(docs_path)
        owner = self.claimed_by(docs_path)
        if placed != docs_path and owner is not None:
            self.report.warn(
                owner, None, f"this file is docs/{docs_path}; {what} moves to docs/{placed}"
            )
        return placed

    def wanted_tag_page(self, tag: str) -> str:
        """Where a tag's page goes unless a note is there. UnsafePath for a tag that cannot name
        a folder (`..`, a control character, an empty segment)."""
        return safe_path(f"{self.options.tags_dir}/{tag.lower()}/index.md")

    def tag_page(self, tag: str) -> str:
        """docs path of a tag's page: `tags/<tag>/index.md`, so a nested tag's page
        (`tags/a/b/index.md`) sits inside its parent's folder without clashing with it."""
        key = tag.lower()
        if key not in self._tag_pages:
            self._tag_pages[key] = self.place(self.wanted_tag_page(key))
        return self._tag_pages[key]


@dataclass
class PageContext:
    """Rendering one note's text into one page (an embedded note renders in its host's page)."""

    site: Site
    note: Note  # whose text is being rendered (for embeds: the embedded note)
    page: str  # docs-relative path of the page being written
    line_offset: int  # add to a 0-based body line to get the file's 1-based line
    embed_stack: tuple[str, ...] = ()
    embed_budget: EmbedBudget = field(default_factory=EmbedBudget)  # shared with its embeds
    tags: list[TagUse] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    inline_source: str = ""  # the paragraph being rewritten, for backlink context
    reads: set[str] = field(default_factory=set)  # "properties": the page runs a query
    uses: dict[str, str] = field(default_factory=dict)  # note path -> TEXT or Outline.face
    _plain: tuple[str, str] = ("", "")  # (source, its plain text): computed once a paragraph

    def inline_plain_text(self) -> str:
        """The visible text of the paragraph being rewritten (for backlink context)."""
        if self._plain[0] != self.inline_source:
            self._plain = (self.inline_source, plain_text(self.inline_source))
        return self._plain[1]

    def child(self, note: Note, line_offset: int) -> PageContext:
        """The context for a note embedded in this page: links stay relative to this page, and
        what it records (links, tags, attachments) is recorded for this page."""
        self.shows_text(note.path)
        return dataclasses.replace(
            self,
            note=note,
            line_offset=line_offset,
            embed_stack=(*self.embed_stack, self.note.path),
        )

    def shows_text(self, path: str) -> None:
        """The page shows the note's text (an embed): any change to the note may change it."""
        self.uses[path] = TEXT

    def outline_of(self, path: str) -> Outline:
        """The headings and block ids of a note a link points into: the page depends on them."""
        outline = self.site.outline(path)
        if self.uses.get(path) != TEXT:
            self.uses[path] = outline.face
        return outline

    def sub(self, line_offset: int) -> PageContext:
        """The same note and page, for a block of it parsed on its own (an ad- block body)."""
        return dataclasses.replace(self, line_offset=line_offset)

    def use_attachment(self, path: str) -> None:
        """The attachment is copied into the site because this page shows or links it."""
        self.attachments.append(path)
        self.site.attachments_used.add(path)

    def warn(self, line: int | None, message: str) -> None:
        self.site.report.warn(self.note.path, line, message)

    def note_url(self, note_path: str, fragment: str = "") -> str:
        """A relative `.md` link to a note's page (folder notes live at `Folder/index.md`)."""
        return self.url_to(self.site.page_paths[note_path], fragment)

    def url_to(self, docs_path: str, fragment: str = "") -> str:
        """A relative link from this page to another docs file, percent-encoded, for Markdown."""
        return relative_url(self.page, docs_path, fragment)

    def html_url_to(self, docs_path: str) -> str:
        """A link for raw HTML, which no builder rewrites: relative to the page's final URL."""
        url = page_url(self.page, self.site.options.use_directory_urls)
        page_dir = url.rstrip("/") if url.endswith("/") or not url else posixpath.dirname(url)
        return quote(relative_path(docs_path, page_dir), safe="/")
