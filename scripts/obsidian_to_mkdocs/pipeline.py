"""The whole conversion, in order: scan -> read -> index -> render -> index pages -> write."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .backlinks import add_backlinks
from .cache import (
    NoteEntry,
    PageEntry,
    RenderCache,
    copy_note,
    copy_page,
    digest,
    names_fingerprint,
    recording,
)
from .cache import load as load_cache
from .cache import save as save_cache
from .context import Site
from .graph import GRAPH_JSON, GRAPH_PAGE, graph_json, graph_page
from .home import home_page
from .index import VaultIndex
from .labels import labels
from .options import Options
from .output import needs_home_page, write_output
from .pages import tag_pages
from .publishing import publishing_files
from .render.page import Page
from .rendering import render_notes
from .report import Report
from .sections import section_pages
from .vault import Note, is_excluded, is_publishable, note_from_bytes, read_settings, scan

PROGRESS_THRESHOLD = 200


def convert(options: Options) -> Report:
    """Convert the vault into `docs/`; never writes inside the vault."""
    started = time.perf_counter()
    report = Report()
    vault = options.vault
    if not vault.is_dir():
        raise FileNotFoundError(f"vault folder not found: {vault}")
    settings = read_settings(vault)
    files = [p for p in scan(vault) if not is_excluded(p, settings.ignore_filters)]
    cache = load_cache(options)
    digests: dict[str, str] = {}
    notes: dict[str, Note] = {}
    for path in (p for p in files if p.lower().endswith(".md")):
        note = _read(vault, path, cache, digests, report)
        note.published = note.published and is_publishable(note, options)
        notes[path] = note
    report.notes_read = len(notes)
    attachments = [p for p in files if not p.lower().endswith(".md")]
    site = Site(options, VaultIndex(notes, attachments, settings), report)
    names = names_fingerprint(notes, attachments, settings)
    site.preload_outlines(
        {p: outline for p, (d, outline) in cache.outlines.items() if digests.get(p) == d}
    )

    published = [n for n in notes.values() if n.published]
    report.notes_published = len(published)
    pages: list[Page] = []
    fresh_pages: dict[str, PageEntry] = {}
    stale = [n.path for n in published if not _current(cache.pages.get(n.path), digests, names)]
    rendered = dict(_progress(render_notes(stale, site), len(stale), options.show_progress))
    for note in published:
        if note.path in rendered:
            result = rendered[note.path]
            result.recorded.replay(report)
            if result.page is None:
                continue
            page = result.page
            report.notes_rendered += 1
            site.attachments_used.update(page.attachments)
            if result.outline is not None:
                site.preload_outlines({note.path: result.outline})
            deps = {r.target: digests[r.target] for r in page.links}
            entry = PageEntry(
                digests[note.path],
                names,
                deps,
                copy_page(page),
                page.attachments,
                result.recorded,
            )
        else:
            entry = cache.pages[note.path]
            entry.recorded.replay(report)
            site.attachments_used.update(entry.attachments)
            page = copy_page(entry.page)
        fresh_pages[note.path] = entry
        pages.append(page)
    cache.pages = fresh_pages
    cache.outlines = {p: (digests[p], o) for p, o in site.outlines().items() if p in digests}
    save_cache(options, cache)
    words = labels(options.language)
    add_backlinks(pages, words["backlinks"])
    texts = {page.path: page.text for page in pages}
    texts.update(tag_pages(pages, site))
    texts[GRAPH_JSON] = graph_json(pages, options.use_directory_urls)
    texts[GRAPH_PAGE] = graph_page(words["graph"])
    if needs_home_page(options.docs_dir, notes):
        mtime = lambda path: (vault / path).stat().st_mtime  # noqa: E731
        texts["index.md"] = home_page(pages, site, vault.resolve().name, mtime)
    texts.update(section_pages(texts, lambda p: notes[p].title if p in notes else None))
    copies = {path: vault / path for path in sorted(site.attachments_used)}
    texts.update(publishing_files(pages, site, texts))  # dates, descriptions, redirects, feed
    write_output(options.docs_dir, texts, copies, report)
    report.seconds = time.perf_counter() - started
    return report


def _read(
    vault: Path, path: str, cache: RenderCache, digests: dict[str, str], report: Report
) -> Note:
    """A note from its bytes, parsed again only when they changed."""
    raw = (vault / path).read_bytes()
    digests[path] = digest(raw)
    entry = cache.notes.get(path)
    if entry is not None and entry.raw == digests[path]:
        entry.recorded.replay(report)
        return copy_note(entry.note)
    note, recorded = recording(report, lambda: note_from_bytes(path, raw, report))
    cache.notes[path] = NoteEntry(digests[path], copy_note(note), recorded)
    return note


def _current(entry: PageEntry | None, digests: dict[str, str], names: str) -> bool:
    return entry is not None and entry.is_current(digests, names)


def _progress(results: Iterator, total: int, enabled: bool) -> Iterator:
    """A progress bar on a terminal when many notes are rendered; silent otherwise."""
    if not enabled or total < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return results
    from rich.progress import track

    return track(results, total=total, description="Converting notes", transient=True)
