"""Rendering the notes that changed, on both cores when there are many.

Each note renders against the same read-only vault index, so notes are independent: worker
processes forked after the index is built (parallel.py) render a share each and send back the
pages, what they reported, and the outlines the tag pages will need.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .cache import Recorded, recording
from .context import Site
from .excalidraw import is_drawing
from .outline import Outline
from .parallel import fork_map
from .publishing import description
from .render.blocks import parse_document
from .render.canvas import render_canvas
from .render.page import Page, render_note
from .report import Report, describe
from .vault import is_canvas


@dataclass
class Rendered:
    page: Page | None  # None: the note could not be converted (reported)
    recorded: Recorded
    outline: Outline | None  # the note's own outline, when its tags need sections


def render_one(path: str, site: Site) -> Rendered:
    """Render one note, capturing what it reports instead of reporting it."""
    shared, site.report = site.report, Report()
    try:
        (page, outline), recorded = recording(site.report, lambda: _render(path, site))
        return Rendered(page, recorded, outline)
    finally:
        site.report = shared


def _render(path: str, site: Site) -> tuple[Page | None, Outline | None]:
    """The page (None if the note cannot be converted) and the outline its tags need."""
    note = site.index.notes[path]
    try:
        if is_canvas(path):
            page, first_text = render_canvas(note, site)
            parsed = parse_document(first_text)
        else:
            parsed = parse_document(note.body)
            page = render_note(note, site, parsed)
        page.description = "" if is_drawing(note) else description(note, parsed[0])
    except RecursionError:
        site.report.error(path, None, "note is nested too deeply to convert; not published")
        return None, None
    except Exception as exc:  # noqa: BLE001 - one note's failure must not stop the others
        site.report.error(path, None, f"could not be converted ({describe(exc)}); not published")
        return None, None
    return page, site.outline(path) if page.tag_uses else None


def render_notes(paths: list[str], site: Site) -> Iterator[tuple[str, Rendered]]:
    """(path, Rendered) for every path, in order, on both cores when there are many."""

    def work(path: str) -> Rendered:
        result = render_one(path, site)
        if result.page is not None:  # the parent has the note: not sent back (4 MB on 3,000)
            result.page.note = None  # type: ignore[assignment]
        return result

    for path, result in fork_map(work, paths):
        if result.page is not None:
            result.page.note = site.index.notes[path]
        yield path, result
