"""The whole conversion, in order: scan -> read -> index -> render -> index pages -> write."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator

from .backlinks import add_backlinks
from .context import Site
from .graph import GRAPH_JSON, GRAPH_PAGE, graph_json, graph_page
from .home import home_page
from .index import VaultIndex
from .options import Options
from .output import needs_home_page, write_output
from .pages import tag_pages
from .render.page import Page, render_note
from .report import Report
from .sections import section_pages
from .vault import Note, is_excluded, is_publishable, read_note, read_settings, scan

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
    notes: dict[str, Note] = {}
    for path in (p for p in files if p.lower().endswith(".md")):
        note = read_note(vault, path, report)
        note.published = note.published and is_publishable(note, options)
        notes[path] = note
    report.notes_read = len(notes)
    attachments = [p for p in files if not p.lower().endswith(".md")]
    site = Site(options, VaultIndex(notes, attachments, settings), report)

    published = [n for n in notes.values() if n.published]
    report.notes_published = len(published)
    pages: list[Page] = []
    for note in _progress(published, options.show_progress, "Converting notes"):
        try:
            pages.append(render_note(note, site))
        except RecursionError:
            report.error(note.path, None, "note is nested too deeply to convert; not published")
    add_backlinks(pages)
    texts = {page.path: page.text for page in pages}
    texts.update(tag_pages(pages, site))
    texts[GRAPH_JSON] = graph_json(pages, options.use_directory_urls)
    texts[GRAPH_PAGE] = graph_page()
    if needs_home_page(options.docs_dir, notes):
        mtime = lambda path: (vault / path).stat().st_mtime  # noqa: E731
        texts["index.md"] = home_page(pages, site, vault.resolve().name, mtime)
    texts.update(section_pages(texts, lambda p: notes[p].title if p in notes else None))
    copies = {path: vault / path for path in sorted(site.attachments_used)}
    write_output(options.docs_dir, texts, copies, report)
    report.seconds = time.perf_counter() - started
    return report


def _progress(items: list[Note], enabled: bool, label: str) -> Iterable[Note]:
    """A progress bar on a terminal when the vault is large; silent otherwise."""
    if not enabled or len(items) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return items
    return _with_bar(items, label)


def _with_bar(items: list[Note], label: str) -> Iterator[Note]:
    from rich.progress import track

    yield from track(items, description=label, transient=True)


__all__ = ["convert"]
