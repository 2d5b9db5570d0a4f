"""Navigation order as a file explorer shows it: natural sort, index pages first.

MkDocs sorts names as strings (`10` before `2`); Obsidian sorts numbers by value, which
PARA-style vaults (`00-Inbox`, `1-Projects`, `10-Archive`) rely on.
"""

from __future__ import annotations

import html
import re
import unicodedata

_NUMBER = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple:
    parts = _NUMBER.split(unicodedata.normalize("NFC", name).casefold())
    return tuple((0, int(p), p) if p.isdigit() else (1, 0, p) for p in parts if p)


def _name(item) -> str:
    file = getattr(item, "file", None)
    if file is not None:
        return file.src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return html.unescape(item.title or "")


def _is_index(item) -> bool:
    file = getattr(item, "file", None)
    return file is not None and file.name in ("index", "README")


def _first_file(item):
    for child in getattr(item, "children", None) or []:
        found = getattr(child, "file", None) or _first_file(child)
        if found is not None:
            return found
    return None


def sort_naturally(items: list, depth: int = 0) -> None:
    """Sort nav items in place, recursively; a section's index page stays first.

    Sections are titled with their folder's name as written (MkDocs turns `00-Inbox` into
    `00 Inbox`), as Obsidian's file explorer shows it; HTML-escaped, since Material writes
    titles as HTML (a page's title is escaped in its front matter) and a folder may be named
    `<svg onload=…>`.
    """
    for item in items:
        children = getattr(item, "children", None)
        if children:
            file = _first_file(item)
            parts = file.src_uri.split("/") if file is not None else []
            name = parts[depth] if len(parts) > depth + 1 else item.title or ""
            item.title = html.escape(name)
            sort_naturally(children, depth + 1)
    items.sort(key=lambda item: (not _is_index(item), natural_key(_name(item))))


def pages_in_order(items: list) -> list:
    """Pages depth-first, as the sidebar shows them (for previous/next links)."""
    out = []
    for item in items:
        if getattr(item, "is_page", False):
            out.append(item)
        out.extend(pages_in_order(getattr(item, "children", None) or []))
    return out


def relink(nav) -> None:
    """Previous/next page links follow the new order."""
    nav.pages = pages_in_order(nav.items)
    for before, page, after in zip(
        [None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None], strict=True
    ):
        page.previous_page, page.next_page = before, after
