"""The real 3,176-note vault converts and builds with no crash (one shared build a run)."""

from __future__ import annotations

import json

import pytest

from obsidian_to_mkdocs.urls import page_url

from .conftest import KNOWLEDGE_GARDEN

pytestmark = pytest.mark.slow


def _vault_notes() -> list[str]:
    """Every note and canvas (21 canvases: pages too, #22)."""
    notes = []
    for path in [*KNOWLEDGE_GARDEN.rglob("*.md"), *KNOWLEDGE_GARDEN.rglob("*.canvas")]:
        rel = path.relative_to(KNOWLEDGE_GARDEN)
        if not any(part.startswith(".") for part in rel.parts):
            notes.append(rel.as_posix())
    return notes


def test_every_published_note_has_a_built_page(knowledge_garden_site):
    site, report = knowledge_garden_site
    notes = _vault_notes()
    assert report.notes_read == len(notes) > 3000
    assert report.notes_published == len(notes)  # a template's broken YAML: body published
    manifest = set(
        json.loads((site.parent / "docs" / ".obsidian-to-mkdocs.json").read_text())["generated"]
    )

    def page_of(note: str) -> str | None:
        """The note's page: its own path, or its folder's index for a folder note."""
        if note.endswith(".canvas"):
            return f"{note}.md" if f"{note}.md" in manifest else None
        if note == "README.md":  # the vault's home note is the site's home (#18 item 8)
            return "index.md" if "index.md" in manifest else None
        folder, _, name = note.rpartition("/")
        folder_note = bool(folder) and name == folder.rpartition("/")[2] + ".md"
        if note in manifest:
            return note
        return f"{folder}/index.md" if folder_note and f"{folder}/index.md" in manifest else None

    pages = {note: page_of(note) for note in notes}
    assert sum(page is not None for page in pages.values()) == report.notes_published
    built = [p for p in pages.values() if p is not None]
    missing = [p for p in built if not (site / page_url(p, True) / "index.html").is_file()]
    assert not missing, missing[:10]
    print(report.summary())


def test_unreadable_front_matter_is_reported_with_file_and_line(knowledge_garden_site):
    _, report = knowledge_garden_site
    template = "Extras/Templates/其他/微信读书同步模板.md"
    errors = [d for d in report.diagnostics if d.path == template]
    assert errors and errors[0].line == 2 and "front matter" in errors[0].message
    assert "body is published" in errors[0].message
