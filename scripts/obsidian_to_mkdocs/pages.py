"""Tag pages: one per tag (nested tags also list under their parents) and an index of all
tags with counts. Plain Markdown, so every builder shows them; Material's tags plugin only
draws the chips at the top of each page (theme/partials/tags.html links them here)."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field

from .context import Site
from .labels import labels
from .outline import Heading
from .render.escape import markdown_text
from .render.page import Page, front_matter
from .urls import relative_url


@dataclass
class TagEntry:
    spelled: str
    pages: dict[str, Page] = field(default_factory=dict)
    sections: dict[str, dict[str, Heading]] = field(default_factory=lambda: defaultdict(dict))


def _chip(from_page: str, tag: str, tag_page: str) -> str:
    return f"[#{markdown_text(tag)}]({relative_url(from_page, tag_page)}){{ .ofm-tag }}"


def _section(site: Site, page: Page, line: int) -> Heading | None:
    """The heading an inline tag on `line` falls under."""
    headings = [h for h in site.outline(page.note.path).headings if h.line <= line]
    return headings[-1] if headings else None


def collect_tags(pages: list[Page], site: Site) -> dict[str, TagEntry]:
    """lower-cased tag -> its pages; `a/b` also counts for `a`. Case does not split a tag."""
    entries: dict[str, TagEntry] = {}
    for page in pages:
        uses: dict[str, list[int]] = defaultdict(list)
        for use in page.tag_uses:
            uses[use.tag.lower()].append(use.line)
        for tag in page.tags:
            parts = tag.split("/")
            for depth in range(1, len(parts) + 1):
                spelled = "/".join(parts[:depth])
                entry = entries.setdefault(spelled.lower(), TagEntry(spelled))
                entry.pages[page.note.path] = page
                for line in uses.get(tag.lower(), []) if depth == len(parts) else []:
                    heading = _section(site, page, line)
                    if heading is not None:
                        entry.sections[page.note.path][heading.slug] = heading
    return entries


def tag_pages(pages: list[Page], site: Site) -> dict[str, str]:
    entries = collect_tags(pages, site)
    out: dict[str, str] = {}
    index_page = site.generated_page(f"{site.options.tags_dir}/index.md", "the tag index")
    for key, entry in entries.items():
        path = site.generated_page(site.wanted_tag_page(key), f"the page of tag #{entry.spelled}")
        lines = []
        for page in sorted(entry.pages.values(), key=lambda p: (p.note.title.casefold(), p.path)):
            line = f"- [{markdown_text(page.note.title)}]({relative_url(path, page.path)})"
            if page.note.folder:
                line += f" <small>{markdown_text(page.note.folder)}</small>"
            lines.append(line)
            for heading in entry.sections.get(page.note.path, {}).values():
                url = relative_url(path, page.path, heading.slug)
                lines.append(f"    - [{markdown_text(heading.text)}]({url})")
        children = [k for k in sorted(entries) if posixpath.dirname(k) == key]
        if children:
            chips = [_chip(path, entries[c].spelled, site.tag_page(c)) for c in children]
            lines += ["", " ".join(chips)]
        title = f"#{entry.spelled}"
        out[path] = front_matter({"title": title}) + "\n".join(lines) + "\n"
    ranked = sorted(entries, key=lambda k: (-len(entries[k].pages), k))
    index_lines = [
        f"- [#{markdown_text(entries[k].spelled)}]({relative_url(index_page, site.tag_page(k))}) "
        f"({len(entries[k].pages)})"
        for k in ranked
    ]
    if entries:
        heading = labels(site.options.language)["tags_intro"]
        out[index_page] = (
            front_matter({"title": labels(site.options.language)["tags"]})
            + heading
            + "\n\n"
            + "\n".join(index_lines)
            + "\n"
        )
    return out
