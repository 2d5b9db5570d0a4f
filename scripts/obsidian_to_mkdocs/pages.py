"""Pages the converter writes besides the notes: one page per tag and the tag index."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from urllib.parse import quote

from .context import Site
from .render.escape import markdown_text
from .render.page import Page, front_matter


def _rel(from_page: str, to_page: str) -> str:
    return quote(posixpath.relpath(to_page, posixpath.dirname(from_page) or "."), safe="/")


def tag_pages(pages: list[Page], site: Site) -> dict[str, str]:
    """`tags/<tag>.md` for every tag (nested tags also list under their parents) + an index."""
    notes = site.index.notes
    members: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, str] = {}
    for page in pages:
        for tag in page.tags:
            parts = tag.split("/")
            for depth in range(1, len(parts) + 1):
                key = "/".join(parts[:depth]).lower()
                members[key].add(page.path)
                spelled.setdefault(key, "/".join(parts[:depth]))
    out: dict[str, str] = {}
    index_page = f"{site.options.tags_dir}/index.md"
    index_lines = []
    for key in sorted(members):
        path = site.tag_page(key)
        listed = sorted(members[key], key=lambda p: (notes[p].title.casefold(), p))
        lines = [
            f"- [{markdown_text(notes[p].title)}]({_rel(path, p)})"
            + (f" <small>{markdown_text(notes[p].folder)}</small>" if notes[p].folder else "")
            for p in listed
        ]
        title = f"#{spelled[key]}"
        out[path] = front_matter({"title": title}) + "\n".join(lines) + "\n"
        index_lines.append(
            f"- [#{markdown_text(spelled[key])}]({_rel(index_page, path)}) ({len(listed)})"
        )
    if members:
        out[index_page] = front_matter({"title": "Tags"}) + "\n".join(index_lines) + "\n"
    return out
