"""One note -> one Markdown page with clean front matter (no empty `---` blocks)."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field

import yaml
from markdown_it.token import Token

from ..context import LinkRecord, PageContext, Site, TagUse
from ..excalidraw import is_drawing
from ..paths import UnsafePath
from ..vault import Note
from .blocks import render_document
from .excalidraw import drawing_image

YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when installed
# Only keys we mean Material to act on are top-level: a note's `icon`, `hide`, `template`,
# `status`, `search` or `subtitle` would be read as page settings (`icon: trees` aborts the
# build). The note's own properties that the site keeps go under OWN_KEY.
OWN_KEY = "obsidian"
OWN_PROPERTIES = ("cssclasses",)
# Values Material writes into its templates as HTML (MkDocs' Jinja does not autoescape), so
# they are written HTML-escaped: a title or description shows as text, never as markup. A title
# goes into text only (the templates escape it themselves in an attribute), so its quotes stay
# quotes: Zensical's search dialog would show `&quot;` and `&#x27;` as written. A description
# goes into `<meta content="…">` unescaped: quotes escaped too.
HTML_VALUED = {"title": False, "description": True}  # key -> quotes escaped


@dataclass
class Page:
    """A rendered note, with what the index pages need to know about it."""

    note: Note
    path: str  # docs-relative
    text: str
    tags: tuple[str, ...]
    tag_uses: tuple[TagUse, ...]
    links: tuple[LinkRecord, ...]
    attachments: tuple[str, ...] = ()
    description: str = ""  # for search engines; set once when rendered, cached with the page
    properties_key: str = ""  # the properties index its queries read ("" for none)
    uses: dict[str, str] = field(default_factory=dict)  # of other notes: PageContext.uses


def front_matter(fields: dict) -> str:
    """The front matter of a page we write; `title` and `description` are given as text."""
    clean = {k: v for k, v in fields.items() if v not in (None, "", [], {})}
    for key, quotes in HTML_VALUED.items():
        if isinstance(clean.get(key), str):
            clean[key] = html.escape(clean[key], quote=quotes)
    if not clean:
        return ""
    return f"---\n{_yaml(clean)}---\n\n"


def _yaml(data: dict) -> str:
    """libyaml's emitter (4x faster: every page has front matter), unless it escaped a character
    beyond the BMP (an emoji in a title): PyYAML's writes those as they are."""
    options = {"allow_unicode": True, "sort_keys": False, "default_flow_style": False}
    dumped = yaml.dump(data, Dumper=YAML_DUMPER, **options)
    return dumped if "\\U" not in dumped else yaml.safe_dump(data, **options)


def _has_page(tag: str, ctx: PageContext) -> bool:
    """A tag that cannot name a folder under `docs/tags/` is left out, with a warning."""
    try:
        ctx.site.tag_page(tag)
    except UnsafePath as exc:
        ctx.warn(None, f"tag {tag!r} cannot be a page ({exc}); left out")
        return False
    return True


def _moved_tag_pages(tags: list[str], site: Site) -> dict[str, str]:
    """lower-cased tag -> the folder of its page, for the tags whose page is not where the
    theme's header chips look (`tags/<tag>/`): shortened (a long tag) or moved (a note is there)."""
    moved = {}
    for tag in tags:
        key, page = tag.lower(), site.tag_page(tag)
        if page != f"{site.options.tags_dir}/{key}/index.md":
            moved[key] = posixpath.dirname(page)
    return moved


def render_note(note: Note, site: Site, parsed: tuple[list[Token], dict] | None = None) -> Page:
    """`parsed`: `parse_document(note.body)`, when the caller reads the tokens too."""
    path = site.page_paths[note.path]
    ctx = PageContext(site, note, path, note.body_line)
    if is_drawing(note):  # its body is the plugin's data, never shown
        body = [drawing_image(note, ctx, note.body_line)]
    else:
        body = render_document(note.body, ctx, parsed)
    tags = [*dict.fromkeys([*note.front_matter_tags, *(use.tag for use in ctx.tags)])]
    tags = [tag for tag in tags if _has_page(tag, ctx)]
    # Every tag is searchable, but the chips at the top are the note's properties, as in
    # Obsidian's reading view: tags only written inline are chips where they stand, so
    # partials/tags.html leaves them out (they were shown twice).
    properties = set(note.front_matter_tags)
    own: dict = {"aliases": note.aliases}
    for key in OWN_PROPERTIES:
        value = note.meta.get(key)
        if isinstance(value, str | int | float | list) and not isinstance(value, bool):
            own[key] = value if not isinstance(value, int | float) else str(value)
    description = note.meta.get("description")
    fields: dict = {
        "title": note.title,
        "description": description if isinstance(description, str) else None,
        "tags": tags,
        "ofm_tag_pages": _moved_tag_pages(tags, site),  # these two read by partials/tags.html
        "ofm_inline_tags": [tag for tag in tags if tag not in properties],
        OWN_KEY: {k: v for k, v in own.items() if v not in (None, "", [], ())},
    }
    text = front_matter(fields) + "\n".join(body).rstrip() + "\n"
    page = Page(
        note,
        path,
        text,
        tuple(tags),
        tuple(ctx.tags),
        tuple(ctx.links),
        tuple(ctx.attachments),
        uses=ctx.uses,
    )
    if "properties" in ctx.reads and site.properties is not None:
        page.properties_key = site.properties.key
    return page
