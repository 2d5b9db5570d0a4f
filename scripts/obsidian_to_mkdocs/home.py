"""A home page for a vault that has none: recent notes and the tag cloud.

Written only when neither the vault (its home note: `index.md`, `README.md` or `Home.md` at its
root, or the `home` option; see `vault.home_note`) nor a hand-written `docs/index.md` provides one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import quote

from .context import Site
from .graph import GRAPH_PAGE
from .labels import labels
from .pages import collect_tags
from .render.escape import markdown_text
from .render.page import Page, front_matter

RECENT = 20
CLOUD = 60
DATE_KEYS = ("updated", "modified", "date", "created")


def _when(page: Page, mtime: Callable[[str], float]) -> str:
    """A sortable date: front matter first (it survives a git clone), else the file's mtime."""
    for key in DATE_KEYS:
        value = page.note.meta.get(key)
        if isinstance(value, dt.date | dt.datetime | str) and str(value).strip():
            return str(value)[:19]
    return dt.datetime.fromtimestamp(mtime(page.note.path), dt.UTC).strftime("%Y-%m-%d %H:%M")


def home_page(pages: list[Page], site: Site, title: str, mtime: Callable[[str], float]) -> str:
    dated = sorted(
        ((_when(p, mtime), p) for p in pages),
        key=lambda item: (item[0], item[1].path),
        reverse=True,
    )
    words = labels(site.options.language)
    lines = [f"## {words['recent']}", ""]
    lines += [
        f"- [{markdown_text(page.note.title)}]({quote(page.path)}) <small>{when[:10]}</small>"
        for when, page in dated[:RECENT]
    ]
    entries = collect_tags(pages, site)
    if entries:
        ranked = sorted(entries, key=lambda k: (-len(entries[k].pages), k))[:CLOUD]
        lines += ["", f"## {words['tags']}", ""]
        lines.append(
            " ".join(
                f"[#{markdown_text(entries[k].spelled)}]({quote(site.tag_page(k))}){{ .ofm-tag }}"
                for k in sorted(ranked)
            )
        )
        tags_index = site.place(f"{site.options.tags_dir}/index.md")
        lines += ["", f"[{words['all_tags']}]({quote(tags_index)})"]
    lines += ["", f"[{words['graph_link']}]({quote(site.place(GRAPH_PAGE))})"]
    return front_matter({"title": title}) + "\n".join(lines) + "\n"
