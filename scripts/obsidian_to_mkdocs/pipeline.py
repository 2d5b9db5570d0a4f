"""The whole conversion, in order: scan -> read -> index -> render -> index pages -> write."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from .backlinks import backlinks_sections, with_backlinks
from .cache import (
    NOTHING,
    Memo,
    NoteEntry,
    PageEntry,
    Recorded,
    RenderCache,
    cache_folder,
    digest,
    names_fingerprint,
    page_facts,
    recording,
    trusted_stamp,
)
from .cache import load as load_cache
from .cache import save as save_cache
from .context import Site
from .graph import GRAPH_JSON, GRAPH_PAGE, graph_json, graph_page
from .home import home_page
from .index import VaultIndex
from .labels import labels
from .options import Options
from .output import locked, needs_home_page, recover, write_output
from .pages import tag_pages
from .parallel import fork_map, in_child
from .paths import UnsafePath, safe_path
from .preamble import PREAMBLE_OUT, read_preamble
from .publishing import publishing_files
from .queries.pages import base_pages, properties_index
from .queries.properties import PropertiesIndex
from .queries.run import has_query
from .render.page import Page
from .rendering import render_notes
from .report import Report, describe
from .sections import INDEX_NAMES, section_pages
from .vault import (
    Note,
    Stamp,
    VaultSettings,
    is_excluded,
    is_page_source,
    is_publishable,
    note_from_bytes,
    read_settings,
    scan,
)

PROGRESS_THRESHOLD = 200


def convert(options: Options) -> Report:
    """Convert the vault into `docs/`; never writes inside the vault. One conversion of a
    `docs/` at a time (a second one waits), each first finishing what a killed one left."""
    if not options.vault.is_dir():
        raise FileNotFoundError(f"vault folder not found: {options.vault}")
    with locked(options.docs_dir):
        recover(options.docs_dir)
        return _convert(options)


def _convert(options: Options) -> Report:
    started = time.perf_counter()
    report = Report()
    vault = options.vault
    settings = read_settings(vault)
    stamps = {p: s for p, s in scan(vault).items() if not _ignored(p, settings, options)}
    cache = load_cache(options)
    md = {path: stamp for path, stamp in stamps.items() if is_page_source(path)}
    notes, digests = _read_notes(vault, md, cache, options, report)
    report.notes_read = len(notes)
    attachments = [p for p in stamps if not is_page_source(p)]
    site = Site(options, VaultIndex(notes, attachments, settings), report)
    names = names_fingerprint(notes, attachments, settings)
    site.preload_outlines(
        {p: outline for p, (d, outline) in cache.outlines.items() if digests.get(p) == d}
    )
    published = [n for n in notes.values() if n.published]
    report.notes_published = len(published)
    site.properties = properties_index(site, stamps, digests)
    pages, facts = _pages(published, site, cache, digests, names)
    cache.outlines = {p: (digests[p], o) for p, o in site.outlines().items() if p in digests}

    memo: Memo = partial(cache.memo, report=report)
    texts = _index_pages(pages, site, memo, facts)
    texts.update(base_pages(site, memo, names))
    if needs_home_page(options.docs_dir, site.home):
        texts["index.md"] = _home_page(pages, site, memo, facts, digests, stamps)
    texts.update(_section_pages(texts, notes, memo, names))
    texts.update(publishing_files(pages, site, texts, memo))  # dates, descriptions, redirects, feed
    copies = _copies(site, texts)
    cache.written = write_output(options.docs_dir, texts, copies, report, cache.written)
    try:
        save_cache(cache)
    except OSError as exc:  # a full disk: the pages are written; the next run renders more
        report.warn(str(cache_folder(options)), None, f"cache not saved ({exc.strerror})")
    report.seconds = time.perf_counter() - started
    return report


def convert_apart(options: Options) -> Report:
    """`convert` in a process of its own, for a build that goes on in this one (the plugin, the
    CLI): the conversion's memory goes back to the system when it ends. Kept here, its freed
    but fragmented heap added 14 MB to the peak of a knowledge-garden build."""
    return in_child(partial(convert, options))


def _ignored(path: str, settings: VaultSettings, options: Options) -> bool:
    """The site's own folders inside the vault are never read. Obsidian's "Excluded files"
    keep notes and canvases from becoming pages; their other files (images, drawings) stay
    embeddable, as Obsidian still embeds them."""
    if is_excluded(path, options.own_folders):
        return True
    return is_page_source(path) and is_excluded(path, settings.ignore_filters)


def _read_notes(
    vault: Path, stamps: dict[str, Stamp], cache: RenderCache, options: Options, report: Report
) -> tuple[dict[str, Note], dict[str, str]]:
    """Every note (and the digest of its bytes): as cached when its file has not changed, else
    read and parsed again, on both cores when there are many. Deleted notes leave the cache."""
    entries: dict[str, NoteEntry] = {}
    changed: dict[str, tuple[bytes, str, str]] = {}  # path -> bytes, their digest, stamp
    for path, stamp in stamps.items():
        entry = cache.unchanged_note(path, stamp)
        if entry is None:
            read_at = time.time_ns()
            try:
                raw = (vault / path).read_bytes()
            except OSError as exc:  # gone or unreadable since the scan: this note only
                report.error(path, None, f"could not be read ({exc.strerror}); not published")
                continue
            raw_digest, previous = digest(raw), cache.notes.get(path)
            if previous is None or previous.raw != raw_digest:
                changed[path] = (raw, raw_digest, trusted_stamp(stamp, read_at))
                continue
            entry = dataclasses.replace(previous, stamp=trusted_stamp(stamp, read_at))  # touched
        entries[path] = entry
    for path, (note, recorded) in fork_map(lambda p: _parse(p, changed[p][0]), list(changed)):
        if note.published and not is_publishable(note, options):
            note.published = False  # excluded, or not allowed: nothing of it in the report
            recorded = recorded if options.verbose else NOTHING
        _, raw_digest, trusted = changed[path]
        entries[path] = NoteEntry(raw_digest, trusted, note, recorded)
    cache.notes = {path: entries[path] for path in stamps if path in entries}
    for entry in cache.notes.values():
        entry.recorded.replay(report)
    return (
        {path: entry.note for path, entry in cache.notes.items()},
        {path: entry.raw for path, entry in cache.notes.items()},
    )


def _parse(path: str, raw: bytes) -> tuple[Note, Recorded]:
    scratch = Report()
    return recording(scratch, lambda: _note(path, raw, scratch))


def _note(path: str, raw: bytes, report: Report) -> Note:
    """The note, or an unpublished stand-in when its name cannot be a page or anything in it
    breaks the reader: one bad note costs only that note."""
    try:
        safe_path(path)
    except UnsafePath as exc:
        report.error(path, None, f"the file name cannot be a page ({exc}); not published")
        return Note(path, "", 1, published=False)
    try:
        return note_from_bytes(path, raw, report)
    except Exception as exc:  # noqa: BLE001 - any bug or limit met by this note's bytes
        report.error(path, None, f"could not be read ({describe(exc)}); not published")
        return Note(path, "", 1, published=False)


def _pages(
    published: list[Note], site: Site, cache: RenderCache, digests: dict[str, str], names: str
) -> tuple[list[Page], str]:
    """Every published note's page, rendered again only when something it shows changed; and
    the key of the facts the index pages read from them."""
    report = site.report
    face = lambda path: site.outline(path).face  # noqa: E731
    current = partial(_current, digests=digests, names=names, face=face, properties=site.properties)
    stale = [n.path for n in published if not current(cache.pages.get(n.path))]
    if any(has_query(site.index.notes[path].body) for path in stale):
        assert site.properties is not None
        site.properties.rows, site.properties.key  # noqa: B018 -- once here, not per worker
    rendered = dict(_progress(render_notes(stale, site), len(stale), site.options.show_progress))
    pages: list[Page] = []
    fresh: dict[str, PageEntry] = {}
    for note in published:
        if note.path in rendered:
            result = rendered[note.path]
            result.recorded.replay(report)
            if result.page is None:
                continue
            page = result.page
            report.notes_rendered += 1
            if result.outline is not None:
                site.preload_outlines({note.path: result.outline})
            deps = {p: (digests[p], use) for p, use in page.uses.items() if p != note.path}
            facts = page_facts(page, result.outline)
            entry = PageEntry(
                digests[note.path], names, deps, page, page.attachments, result.recorded, facts
            )
        else:
            entry = cache.pages[note.path]
            entry.recorded.replay(report)
        entry.page.note = note  # one Note object per path, in the pages and in the cache
        site.attachments_used.update(entry.attachments)
        fresh[note.path] = entry
        pages.append(entry.page)
    cache.pages = fresh
    facts_key = digest("\n".join([names, *(e.facts for e in fresh.values())]).encode())
    return pages, facts_key


def _index_pages(pages: list[Page], site: Site, memo: Memo, facts: str) -> dict[str, str]:
    """Pages with their backlinks, tag pages and the graph: stages keyed on the pages' facts."""
    words = labels(site.options.language)
    sections = memo("backlinks", facts, lambda: backlinks_sections(pages, words["backlinks"]))
    texts = {page.path: with_backlinks(page.text, sections.get(page.note.path)) for page in pages}
    texts.update(memo("tags", facts, lambda: tag_pages(pages, site)))
    graph_path = memo("graph-page", facts, lambda: site.generated_page(GRAPH_PAGE, "the graph"))
    texts[GRAPH_JSON] = memo(
        "graph", facts, lambda: graph_json(pages, site.options.use_directory_urls, graph_path)
    )
    texts[graph_path] = graph_page(words["graph"])
    texts[PREAMBLE_OUT] = read_preamble(site.options.vault)
    return texts


def _copies(site: Site, texts: dict[str, str]) -> dict[str, Path]:
    """The attachments to copy (docs path -> vault file). Generated pages give way to the
    vault's files, except the theme's own data (`assets/ofm/graph.json`): reported, not copied."""
    copies: dict[str, Path] = {}
    for path in sorted(site.attachments_used):
        if path in texts:
            site.report.warn(path, None, f"docs/{path} is the converter's own file; not copied")
        else:
            copies[path] = site.options.vault / path
    return copies


def _home_page(
    pages: list[Page],
    site: Site,
    memo: Memo,
    facts: str,
    digests: dict[str, str],
    stamps: dict[str, Stamp],
) -> str:
    """Recent notes (front-matter dates, else file times) and the tag cloud."""
    name = site.options.vault.resolve().name
    paths = [page.note.path for page in pages]
    dated = digest("".join(f"{p}{digests[p]}{stamps[p][1]}" for p in paths).encode())
    mtime = lambda path: stamps[path][1] / 1e9  # noqa: E731
    return memo("home", f"{facts}|{dated}|{name}", lambda: home_page(pages, site, name, mtime))


def _section_pages(
    texts: dict[str, str], notes: dict[str, Note], memo: Memo, names: str
) -> dict[str, str]:
    """Section index pages: they read every path, titles, and the texts of index pages."""
    indexes = [f"{p}\n{t}" for p, t in texts.items() if p.rsplit("/", 1)[-1] in INDEX_NAMES]
    key = digest("\n".join([names, *sorted(texts), *sorted(indexes)]).encode())
    return memo("sections", key, lambda: section_pages(texts, lambda p: _title(notes, p)))


def _title(notes: dict[str, Note], path: str) -> str | None:
    return notes[path].title if path in notes else None


def _current(
    entry: PageEntry | None,
    digests: dict[str, str],
    names: str,
    face: Callable[[str], str],
    properties: PropertiesIndex | None,
) -> bool:
    """Unchanged, and if its queries read the properties index, that index is unchanged (its
    key is made only when such a page is asked about)."""
    if entry is None or not entry.is_current(digests, names, face):
        return False
    read = entry.page.properties_key
    return not read or (properties is not None and read == properties.key)


def _progress(results: Iterator, total: int, enabled: bool) -> Iterator:
    """A progress bar on a terminal when many notes are rendered; silent otherwise."""
    if not enabled or total < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return results
    from rich.progress import track

    return track(results, total=total, description="Converting notes", transient=True)
