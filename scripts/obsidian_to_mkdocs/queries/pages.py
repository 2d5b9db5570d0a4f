"""What the pipeline calls: the properties index of a conversion, and the page of each `.base`
file (its views as tabs, beside the file in `docs/`)."""

from __future__ import annotations

import datetime as dt
from functools import cache, partial

from ..cache import Memo, digest
from ..context import PageContext, Site
from ..publishing import CREATED_KEYS, UPDATED_KEYS, git_dates, git_head, parse_date
from ..render.page import front_matter
from ..vault import Note
from .bases import parse_base
from .properties import Dates, PropertiesIndex
from .run import base_page_path, base_title, base_views, guarded


def base_page(path: str, text: str, site: Site) -> str:
    """The page of a `.base` file: its views as tabs, `this` being the base itself."""
    title = base_title(path)
    note = Note(path, "", 1, {"title": title})
    ctx = PageContext(site, note, base_page_path(path), 1)
    lines = guarded(lambda: base_views(parse_base(text), ctx, None, text), ctx, 0, text)
    return front_matter({"title": title}) + "\n".join(lines).rstrip() + "\n"


def properties_index(
    site: Site, stamps: dict[str, tuple[int, int, int, int]], digests: dict[str, str]
) -> PropertiesIndex:
    """The index of this conversion: its rows, dates and key are each made on first use (the
    key costs one `git rev-parse`), so a conversion without queries pays for none of them."""
    vault, notes = site.options.vault, site.index.notes
    today = dt.date.today()
    head = cache(partial(git_head, vault))
    published = sorted(p for p, n in notes.items() if n.published)

    def read_key() -> str:
        parts = [today.isoformat(), head()]
        parts += (f"{p}|{digests[p]}|{stamps[p][:2]}" for p in published)
        return digest("\n".join(parts).encode())

    def read_dates() -> dict[str, Dates]:
        git = git_dates(vault, published) if head() else {}
        return {p: _dates(notes[p].meta, git.get(p), stamps[p][1]) for p in published}

    sizes = {p: stamps[p][0] for p in published}
    return PropertiesIndex(site.index, sizes, read_dates, today, read_key)


def _dates(meta: dict, committed: dt.datetime | None, mtime_ns: int) -> Dates:
    """Front matter `created`/`updated` first, then the last commit, then the file's time."""
    modified = dt.datetime.fromtimestamp(mtime_ns / 1e9).replace(microsecond=0)
    created = next((d for d in (parse_date(meta.get(k)) for k in CREATED_KEYS) if d), None)
    updated = next((d for d in (parse_date(meta.get(k)) for k in UPDATED_KEYS) if d), None)
    fallback = committed or modified
    return Dates(created or fallback, updated or fallback)


def base_pages(site: Site, memo: Memo, names: str) -> dict[str, str]:
    """The page of every `.base` file; again only when a base or the index changed."""
    texts: dict[str, str] = {}
    for path in site.index.attachments:
        if path.lower().endswith(".base"):
            try:
                texts[path] = (site.options.vault / path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                site.report.warn(path, None, f"base not read: {exc}")
    if not texts or site.properties is None:
        return {}
    key = digest(repr((names, site.properties.key, sorted(texts.items()))).encode())

    def render() -> tuple[dict[str, str], set[str]]:
        before = set(site.attachments_used)
        pages = {base_page_path(p): base_page(p, text, site) for p, text in texts.items()}
        return pages, site.attachments_used - before

    pages, attachments = memo("bases", key, render)
    site.attachments_used.update(attachments)
    return pages
