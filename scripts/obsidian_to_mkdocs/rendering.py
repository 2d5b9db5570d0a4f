"""Rendering the notes that changed, on both cores when there are many.

Each note renders against the same read-only vault index, so notes are independent: worker
processes forked after the index is built render a share each and send back the pages, what
they reported, and the outlines the tag pages will need. The result is the same as rendering
in one process (tested), only sooner.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from .cache import Recorded
from .context import Site
from .outline import Outline
from .publishing import description
from .render.blocks import parse_document
from .render.page import Page, render_note
from .report import Report

PARALLEL_THRESHOLD = 300  # below this, starting workers costs more than it saves
CHUNK = 64

_SITE: Site | None = None  # the site a forked worker renders against


@dataclass
class Rendered:
    page: Page | None  # None: the note could not be converted (reported)
    recorded: Recorded
    outline: Outline | None  # the note's own outline, when its tags need sections


def render_one(path: str, site: Site) -> Rendered:
    """Render one note, capturing what it reports instead of reporting it."""
    shared, site.report = site.report, Report()
    try:
        note = site.index.notes[path]
        try:
            parsed = parse_document(note.body)
            page = render_note(note, site, parsed)
            page.description = description(note, parsed[0])
        except RecursionError:
            site.report.error(path, None, "note is nested too deeply to convert; not published")
            page = None
        outline = site.outline(path) if page is not None and page.tag_uses else None
        scratch = site.report
        return Rendered(
            page,
            Recorded(scratch.diagnostics, scratch.links_resolved, scratch.links_unresolved),
            outline,
        )
    finally:
        site.report = shared


def _render_in_worker(paths: list[str]) -> list[Rendered]:
    assert _SITE is not None
    results = [render_one(path, _SITE) for path in paths]
    for result in results:
        if result.page is not None:  # the parent has the note: not sent back (4 MB on 3,000)
            result.page.note = None  # type: ignore[assignment]
    return results


def _workers(count: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    fork = "fork" in multiprocessing.get_all_start_methods()
    return min(cores or 1, 4) if fork and count >= PARALLEL_THRESHOLD else 1


def render_notes(paths: list[str], site: Site) -> Iterable[tuple[str, Rendered]]:
    """(path, Rendered) for every path, in order."""
    workers = _workers(len(paths))
    if workers == 1:
        for path in paths:
            yield path, render_one(path, site)
        return
    global _SITE
    _SITE = site
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for chunk, results in zip(chunks, pool.map(_render_in_worker, chunks), strict=True):
                for path, result in zip(chunk, results, strict=True):
                    if result.page is not None:
                        result.page.note = site.index.notes[path]
                    yield path, result
    finally:
        _SITE = None
