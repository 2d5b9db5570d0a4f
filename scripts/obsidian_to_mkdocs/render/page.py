"""One note -> one Markdown page with clean front matter (no empty `---` blocks)."""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from markdown_it.token import Token

from ..context import LinkRecord, PageContext, Site, TagUse
from ..vault import Note
from .blocks import render_document

YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when installed
PASSED_THROUGH = ("description", "date", "created", "updated", "cssclasses", "hide", "icon")


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


def front_matter(fields: dict) -> str:
    clean = {k: v for k, v in fields.items() if v not in (None, "", [], {})}
    if not clean:
        return ""
    return f"---\n{_yaml(clean)}---\n\n"


def _yaml(data: dict) -> str:
    """libyaml's emitter (4x faster: every page has front matter), unless it escaped a character
    beyond the BMP (an emoji in a title): PyYAML's writes those as they are."""
    options = {"allow_unicode": True, "sort_keys": False, "default_flow_style": False}
    dumped = yaml.dump(data, Dumper=YAML_DUMPER, **options)
    return dumped if "\\U" not in dumped else yaml.safe_dump(data, **options)


def render_note(note: Note, site: Site, parsed: tuple[list[Token], dict] | None = None) -> Page:
    """`parsed`: `parse_document(note.body)`, when the caller reads the tokens too."""
    path = site.page_paths[note.path]
    ctx = PageContext(site, note, path, note.body_line)
    body = render_document(note.body, ctx, parsed)
    tags = list(dict.fromkeys([*note.front_matter_tags, *(use.tag for use in ctx.tags)]))
    fields: dict = {"title": note.title, "aliases": note.aliases, "tags": tags}
    for key in PASSED_THROUGH:
        value = note.meta.get(key)
        if isinstance(value, str | int | float | list) and not isinstance(value, bool):
            fields[key] = value if not isinstance(value, int | float) else str(value)
    text = front_matter(fields) + "\n".join(body).rstrip() + "\n"
    page = Page(
        note, path, text, tuple(tags), tuple(ctx.tags), tuple(ctx.links), tuple(ctx.attachments)
    )
    if "properties" in ctx.reads and site.properties is not None:
        page.properties_key = site.properties.key
    return page
