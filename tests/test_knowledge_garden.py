"""The real 3,176-note vault converts and builds with no crash (one shared build a run)."""

from __future__ import annotations

import json

import pytest

from .conftest import KNOWLEDGE_GARDEN

pytestmark = pytest.mark.slow


def _vault_notes() -> list[str]:
    notes = []
    for path in KNOWLEDGE_GARDEN.rglob("*.md"):
        rel = path.relative_to(KNOWLEDGE_GARDEN)
        if not any(part.startswith(".") for part in rel.parts):
            notes.append(rel.as_posix())
    return notes


def test_every_published_note_has_a_built_page(knowledge_garden_site):
    site, report = knowledge_garden_site
    notes = _vault_notes()
    assert report.notes_read == len(notes) > 3000
    assert report.notes_published == len(notes) - 1  # one template has broken YAML
    manifest = json.loads((site.parent / "docs" / ".obsidian-to-mkdocs.json").read_text())
    generated_notes = [p for p in manifest["generated"] if p in set(notes)]
    assert len(generated_notes) == report.notes_published
    missing = [p for p in generated_notes if not (site / p[:-3] / "index.html").is_file()]
    assert not missing, missing[:10]
    print(report.summary())


def test_unreadable_front_matter_is_reported_with_file_and_line(knowledge_garden_site):
    _, report = knowledge_garden_site
    template = "Extras/Templates/其他/微信读书同步模板.md"
    errors = [d for d in report.diagnostics if d.path == template]
    assert errors and errors[0].line == 2 and "front matter" in errors[0].message
