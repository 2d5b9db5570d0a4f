"""Section index pages: an `index.md` for every folder of `docs/` that has none.

A folder whose index page is a note (index.md / README.md in the vault) keeps that note; a
big folder's note gets the listing appended (see LIST_UNDER_NOTE).

With Material's `navigation.indexes` the folder's entry in the navigation links to this page,
so a folder is one click away even when the navigation shows only a few of its notes (the
theme override in `theme/partials/nav*.html` lists at most a window of siblings and links
the rest of the folder here). Each page lists the folder's sub-folders, then its pages, by title;
all of them together are O(pages) in size, once.

The root folder gets none: the site's home page (the vault's home note, written as `index.md`,
a hand-written `docs/index.md`, or the generated home page) is the root's index.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable

import yaml

from .render.escape import markdown_text
from .render.page import front_matter
from .shared import NAV_WINDOW
from .urls import relative_url

INDEX_NAMES = ("index.md", "README.md")  # what MkDocs takes as a folder's index page
FOLDER_ICON = "📁"
# A folder whose index page is a note of the vault (its index.md or README.md) gets the listing
# appended under a heading when it holds more entries than the navigation shows (its window),
# so all of them stay reachable.
LIST_UNDER_NOTE = NAV_WINDOW


def _title_from_text(text: str) -> str | None:
    if not text.startswith("---\n"):
        return None
    head = text[4:].split("\n---\n", 1)[0]
    try:
        data = yaml.safe_load(head)
    except yaml.YAMLError:
        return None
    if isinstance(data, dict) and isinstance(data.get("title"), str | int | float):
        return str(data["title"])
    return None


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0]


def section_pages(
    texts: dict[str, str], title_of: Callable[[str], str | None] | None = None
) -> dict[str, str]:
    """`<folder>/index.md` for each folder of `texts` (docs path -> Markdown) without one.

    `title_of(path)` gives a page's title (None: read the page's front matter, else its name).
    """
    pages: dict[str, list[str]] = defaultdict(list)  # folder -> pages directly in it
    folders: dict[str, set[str]] = defaultdict(set)  # folder -> sub-folders directly in it
    for path in texts:
        if not path.endswith(".md"):
            continue
        folder = posixpath.dirname(path)
        pages[folder].append(path)
        while folder:  # every ancestor exists as a folder, even one holding only folders
            parent = posixpath.dirname(folder)
            folders[parent].add(folder)
            folder = parent

    lowered = {path.casefold() for path in texts}

    def index_of(folder: str) -> str | None:
        """The folder's index page as MkDocs sees it (index.md, else README.md)."""
        for name in INDEX_NAMES:
            if posixpath.join(folder, name) in texts:
                return posixpath.join(folder, name)
        return None

    def title(path: str) -> str:
        found = title_of(path) if title_of else None
        if found is None:
            found = _title_from_text(texts[path])
        return found if found is not None else _stem(path)

    out: dict[str, str] = {}
    for folder in sorted(set(pages) | set(folders)):
        if not folder:
            continue
        existing = index_of(folder)
        index = existing or posixpath.join(folder, "index.md")
        if not existing and index.casefold() in lowered:
            continue  # an Index.md note: index.md beside it would clash on macOS and Windows
        lines: list[str] = []
        for sub in sorted(folders.get(folder, ()), key=lambda f: (f.casefold(), f)):
            target = index_of(sub) or posixpath.join(sub, "index.md")
            name = posixpath.basename(sub)
            lines.append(f"- {FOLDER_ICON} [{markdown_text(name)}]({relative_url(index, target)})")
        listed = sorted(((title(p), p) for p in pages.get(folder, ()) if p != index), key=_order)
        lines += [f"- [{markdown_text(t)}]({relative_url(index, p)})" for t, p in listed]
        name = posixpath.basename(folder)
        if not existing:
            out[index] = front_matter({"title": name}) + "\n".join(lines) + "\n"
        elif len(lines) > LIST_UNDER_NOTE:  # the navigation cannot show them all
            listing = f"## {FOLDER_ICON} {markdown_text(name)}\n\n" + "\n".join(lines) + "\n"
            out[index] = texts[index].rstrip("\n") + "\n\n" + listing
    return out


def _order(item: tuple[str, str]) -> tuple[str, str]:
    return (item[0].casefold(), item[1])


__all__ = ["section_pages"]
