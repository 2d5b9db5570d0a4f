"""Incremental conversion: work is reused when nothing it depends on changed.

- A note is read again only when its file's stamp (size, times, inode) changed. A stamp taken
  within RACY_NS of the file's last change is not trusted (a second write in the same clock
  tick would not show: git's "racy clean" rule).
- A page depends on its note's bytes, on what it uses of other notes (PageContext.uses): the
  bytes of those it embeds, the face (headings and block ids, Outline.face) of those a link
  points into; and on the vault's names (which notes and files exist, are published, are
  drawings, their titles and aliases). A plain link reads nothing but names: editing a note's
  text renders again only the pages that show it. When the names change (a note added,
  renamed, deleted, published, hidden or retitled), every page is rendered again: resolution
  may change anywhere.
- Each derived output (backlinks, tag pages, graph, home page, sections, redirects) is a stage
  memoised on a key made of its inputs: the pages' facts (links, tags, the sections tags sit
  in), the names, and the texts it reads. Dates and descriptions are cheap: added every run.
- The output writer records what it wrote (digest and the file's stamp), so an unchanged file is
  neither read nor written again.
- On disk (store.py), a run appends only what changed to a journal beside the snapshot.
- The cache is kept for the options rendering reads: `serve`, `build` and `convert` differ in
  settings it does not (site_url...), and share it (UNRENDERED).

The output of an incremental run is byte-identical to a clean run (tested).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from .context import TEXT
from .excalidraw import is_drawing
from .options import Options
from .outline import Outline
from .render.page import Page
from .report import Diagnostic, Report
from .store import Store
from .vault import Note, Stamp, VaultSettings
from .version import __version__

CACHE_FORMAT = 5  # 5: pages depend on what they use of other notes (PageEntry.deps)
RACY_NS = 2_000_000_000
T = TypeVar("T")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class Recorded:
    """What producing something reported, so a reuse reports exactly the same."""

    diagnostics: list[Diagnostic]
    links_resolved: int = 0
    links_unresolved: int = 0

    def replay(self, report: Report) -> None:
        report.diagnostics.extend(self.diagnostics)
        report.links_resolved += self.links_resolved
        report.links_unresolved += self.links_unresolved


NOTHING = Recorded([])  # shared by everything that reported nothing: pickled once, never mutated


def recording(report: Report, work: Callable[[], T]) -> tuple[T, Recorded]:
    """Run `work`, returning its result and what it added to the report."""
    start = len(report.diagnostics)
    resolved, unresolved = report.links_resolved, report.links_unresolved
    result = work()
    recorded = Recorded(
        report.diagnostics[start:],
        report.links_resolved - resolved,
        report.links_unresolved - unresolved,
    )
    return result, (NOTHING if recorded == NOTHING else recorded)


@dataclass
class NoteEntry:
    raw: str  # digest of the file's bytes
    stamp: str  # trusted_stamp() of the file when read (a str: 1 object to pickle, not 5)
    note: Note
    recorded: Recorded


@dataclass
class PageEntry:
    raw: str
    names: str  # fingerprint of the vault's names when rendered
    deps: dict[str, tuple[str, str]]  # note path -> (digest of its bytes, PageContext.uses)
    page: Page
    attachments: tuple[str, ...]
    recorded: Recorded
    facts: str  # digest of what the index pages read from the page (see page_facts)

    def is_current(self, digests: dict[str, str], names: str, face: Callable[[str], str]) -> bool:
        """Same note bytes, same vault names, and what it uses of other notes unchanged: every
        byte of those it embeds, the face of those it links into (`face(path)`: asked only of
        notes whose bytes changed)."""
        if self.raw != digests.get(self.page.note.path) or self.names != names:
            return False
        return all(
            digests.get(path) == raw or (use != TEXT and path in digests and face(path) == use)
            for path, (raw, use) in self.deps.items()
        )


@dataclass
class RenderCache:
    store: Store | None = None
    notes: dict[str, NoteEntry] = field(default_factory=dict)
    pages: dict[str, PageEntry] = field(default_factory=dict)
    outlines: dict[str, tuple[str, Outline]] = field(default_factory=dict)
    stages: dict[str, tuple[str, object, Recorded]] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # see output.py
    _next_stages: dict[str, tuple[str, object, Recorded]] = field(default_factory=dict)

    def unchanged_note(self, path: str, stamp: Stamp) -> NoteEntry | None:
        """The note as read last time, if its file surely has not been written since."""
        entry = self.notes.get(path)
        return entry if entry is not None and entry.stamp == str(stamp) else None

    def memo(self, stage: str, key: str, compute: Callable[[], T], report: Report) -> T:
        """`compute()`, or its value from the previous run when `key` (its inputs) is the same;
        what it reported is reported again either way. The value must not be mutated."""
        previous = self.stages.get(stage)
        if previous is not None and previous[0] == key:
            _, value, recorded = previous
            recorded.replay(report)
        else:
            value, recorded = recording(report, compute)
        self._next_stages[stage] = (key, value, recorded)
        return value  # type: ignore[return-value]


TABLES = ("notes", "pages", "outlines", "stages", "written")


def trusted_stamp(stamp: Stamp, read_at_ns: int) -> str:
    """The stamp to record for a file read at `read_at_ns`: none ("", never equal to a stamp)
    if the file changed so shortly before that another change could leave the same stamp.
    ctime counts too: a copy that keeps the old mtime (cp -p, rsync -t) still sets it."""
    _, mtime, ctime, _ = stamp
    return str(stamp) if max(mtime, ctime) < read_at_ns - RACY_NS else ""


class Memo(Protocol):
    """A run's memoised stages: RenderCache.memo with the run's report."""

    def __call__(self, stage: str, key: str, compute: Callable[[], T]) -> T: ...


def page_facts(page: Page, outline: Outline | None) -> str:
    """What tag pages, backlinks and the graph read from a page (its title and path are in the
    vault's names): tags, the headings tags sit under, and links with their context."""
    headings = outline.headings if outline is not None else ()
    return digest(repr((page.path, page.tags, page.tag_uses, page.links, headings)).encode())


def cache_folder(options: Options) -> Path:
    return options.docs_dir.parent / ".cache" / "obsidian-to-mkdocs"


PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_digest(package: Path = PACKAGE) -> str:
    """The converter's own source: an editable install or an upgrade that keeps the version
    number must not serve pages rendered by other code."""
    sources = sorted(package.rglob("*.py"))
    return digest(b"".join(str(p.relative_to(package)).encode() + p.read_bytes() for p in sources))


# Options that no cached work reads unkeyed, so `serve` (whose site_url is the dev address),
# `build` and `convert` share one cache: `site_url` and `site_name` are read by the feed
# (made every run) and the redirect pages (a stage keyed on `site_url`); `own_folders` only
# decides which files are scanned; `strict` and `show_progress` are the caller's. (`verbose`
# is kept: it changes what the cached notes and pages report.)
UNRENDERED = {
    "site_url": "",
    "site_name": "",
    "own_folders": (),
    "strict": False,
    "show_progress": True,
}


def _options_key(options: Options) -> str:
    """The options rendered pages and the stages' values depend on, with the code's digest."""
    relevant = dataclasses.replace(options, **UNRENDERED)
    return digest(f"{CACHE_FORMAT}|{__version__}|{code_digest()}|{relevant!r}".encode())


def load(options: Options) -> RenderCache:
    """The previous run's cache, or an empty one if missing, unreadable or for other options."""
    store = Store(cache_folder(options), _options_key(options))
    tables = store.load()
    return RenderCache(store, **{name: tables.get(name, {}) for name in TABLES})


def save(cache: RenderCache) -> None:
    """Keep what this run produced: stages it did not run are dropped."""
    cache.stages, cache._next_stages = cache._next_stages, {}
    assert cache.store is not None
    cache.store.save({name: getattr(cache, name) for name in TABLES})


def names_fingerprint(
    notes: dict[str, Note], attachments: list[str], settings: VaultSettings
) -> str:
    """Everything link resolution can see: paths, publication, titles, aliases, files, and
    which notes are drawings (an embed of one is an image)."""
    parts = [repr(settings)]
    for path in sorted(notes):
        note = notes[path]
        parts.append(f"{path}|{note.published}|{note.title}|{note.aliases}|{is_drawing(note)}")
    parts.extend(attachments)
    return digest("\n".join(parts).encode())
