"""Incremental conversion: rendered pages are reused when nothing they depend on changed.

A page depends on its note's bytes, the bytes of every note it links to or embeds (their
headings, block ids and text appear in it), and the vault's names (which notes and files
exist, are published, and their aliases). When the names change (a note added, renamed,
deleted, published or hidden), every page is rendered again: resolution may change anywhere.
Tag pages, backlinks, the graph and section pages are rebuilt from the pages every run; they
are cheap. The output of an incremental run is byte-identical to a clean run (tested).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .options import Options
from .outline import Outline
from .render.page import Page
from .report import Diagnostic, Report
from .vault import Note, VaultSettings
from .version import __version__

CACHE_FORMAT = 1


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


def recording(report: Report, work: Callable[[], object]) -> tuple[object, Recorded]:
    """Run `work`, returning its result and what it added to the report."""
    start = len(report.diagnostics)
    resolved, unresolved = report.links_resolved, report.links_unresolved
    result = work()
    return result, Recorded(
        report.diagnostics[start:],
        report.links_resolved - resolved,
        report.links_unresolved - unresolved,
    )


@dataclass
class NoteEntry:
    raw: str  # digest of the file's bytes
    note: Note
    recorded: Recorded


@dataclass
class PageEntry:
    raw: str
    names: str  # fingerprint of the vault's names when rendered
    deps: dict[str, str]  # note path -> digest of its bytes when rendered
    page: Page
    attachments: tuple[str, ...]
    recorded: Recorded

    def is_current(self, digests: dict[str, str], names: str) -> bool:
        """Same note bytes, same vault names, and every linked or embedded note unchanged."""
        return (
            self.raw == digests.get(self.page.note.path)
            and self.names == names
            and all(digests.get(path) == d for path, d in self.deps.items())
        )


@dataclass
class RenderCache:
    key: str = ""
    notes: dict[str, NoteEntry] = field(default_factory=dict)
    pages: dict[str, PageEntry] = field(default_factory=dict)
    outlines: dict[str, tuple[str, Outline]] = field(default_factory=dict)


def cache_file(options: Options) -> Path:
    return options.docs_dir.parent / ".cache" / "obsidian-to-mkdocs" / "render.pickle"


def _options_key(options: Options) -> str:
    relevant = dataclasses.replace(options, show_progress=True)
    return digest(f"{CACHE_FORMAT}|{__version__}|{relevant!r}".encode())


def load(options: Options) -> RenderCache:
    """The previous run's cache, or an empty one if missing, unreadable or for other options."""
    try:
        with cache_file(options).open("rb") as handle:
            cache = pickle.load(handle)  # noqa: S301 - our own file, written below
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return RenderCache(_options_key(options))
    if not isinstance(cache, RenderCache) or cache.key != _options_key(options):
        return RenderCache(_options_key(options))
    return cache


def save(options: Options, cache: RenderCache) -> None:
    target = cache_file(options)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(cache, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def names_fingerprint(
    notes: dict[str, Note], attachments: list[str], settings: VaultSettings
) -> str:
    """Everything link resolution can see: paths, publication, titles, aliases, files."""
    parts = [repr(settings)]
    for path in sorted(notes):
        note = notes[path]
        parts.append(f"{path}|{note.published}|{note.title}|{note.aliases}")
    parts.extend(attachments)
    return digest("\n".join(parts).encode())


def copy_note(note: Note) -> Note:
    return dataclasses.replace(note)


def copy_page(page: Page) -> Page:
    return dataclasses.replace(page)
