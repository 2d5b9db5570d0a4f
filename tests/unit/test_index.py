"""Link resolution in `index.VaultIndex`, as Obsidian resolves (OFM-SPEC §5 resolution, §1
names differing by case or Unicode form)."""

from __future__ import annotations

import unicodedata

import pytest

from obsidian_to_mkdocs.index import Resolution, VaultIndex, fold
from obsidian_to_mkdocs.vault import Note, VaultSettings

NOTES = [
    "Top.md",
    "A/Note.md",
    "B/Note.md",
    "B/Sub/Deep.md",
    "C/Deep.md",
    "Case.md",
    "case.md",
    "Only/Alias Owner.md",
]
FILES = ["img.png", "A/img.png", "att/pic.png", "B/att/local.png"]


def index(settings: VaultSettings | None = None) -> VaultIndex:
    notes = {p: Note(p, "", 1) for p in NOTES}
    notes["Only/Alias Owner.md"] = Note("Only/Alias Owner.md", "", 1, meta={"aliases": ["Nick"]})
    return VaultIndex(notes, FILES, settings or VaultSettings())


@pytest.mark.parametrize(
    ("target", "source", "path"),
    [
        ("Top", "A/Note.md", "Top.md"),
        ("top.MD", "A/Note.md", "Top.md"),
        ("/Top", "A/Note.md", "Top.md"),
        ("B/Note", "A/Note.md", "B/Note.md"),
        ("Note", "A/x.md", "A/Note.md"),  # the linking note's folder first
        ("Deep", "Top.md", "C/Deep.md"),  # then the shortest path
        ("Sub/Deep", "Top.md", "B/Sub/Deep.md"),  # a partial path
        ("Sub/Deep", "C/x.md", "B/Sub/Deep.md"),
        ("../Top", "A/Note.md", "Top.md"),  # relative to the linking note
        ("Deep", "C/x.md", "C/Deep.md"),
        ("nick", "Top.md", "Only/Alias Owner.md"),  # an alias, case-insensitively
        ("Case", "Top.md", "Case.md"),  # names that differ by case: the spelling written
        ("case", "Top.md", "case.md"),
        ("Missing", "Top.md", None),
        ("", "Top.md", None),
        (".md", "Top.md", None),
        ("../../etc/passwd", "A/Note.md", None),
    ],
)
def test_s5_resolution_notes(target, source, path):
    assert index().resolve_note(target, source).path == path


def test_s5_resolution_ambiguous_is_reported():
    found = index().resolve_note("Note", "Top.md")
    assert found == Resolution("A/Note.md", ("A/Note.md", "B/Note.md")) and found.ambiguous
    assert not index().resolve_note("Top", "Top.md").ambiguous
    assert index().resolve_note("CASE", "Top.md").candidates == ("Case.md", "case.md")


def test_s1_unicode_forms_resolve_alike():
    nfd = unicodedata.normalize("NFD", "Café")
    notes = {"Café.md": Note("Café.md", "", 1)}
    assert VaultIndex(notes, []).resolve_note(nfd, "x.md").path == "Café.md"
    assert fold(f"  {nfd} ") == "café"


@pytest.mark.parametrize(
    ("target", "source", "path"),
    [
        ("img.png", "Top.md", "img.png"),
        ("img.png", "A/Note.md", "img.png"),  # the exact path from the root first
        ("./img.png", "A/Note.md", "A/img.png"),  # relative to the linking note
        ("IMG.PNG", "B/Note.md", "img.png"),
        ("pic.png", "Top.md", "att/pic.png"),
        ("att/pic.png", "B/Note.md", "att/pic.png"),
        ("local.png", "B/Note.md", "B/att/local.png"),
        ("nope.png", "Top.md", None),
        ("x/img.png", "Top.md", None),
        ("", "Top.md", None),
    ],
)
def test_s5_resolution_files(target, source, path):
    assert index().resolve_file(target, source).path == path


def test_s1_attachment_folder_setting():
    settings = VaultSettings(attachment_folder="./att")
    assert index(settings).resolve_file("local.png", "B/Note.md").path == "B/att/local.png"
    settings = VaultSettings(attachment_folder="att")
    assert index(settings).resolve_file("pic.png", "A/Note.md").path == "att/pic.png"
