"""Reading notes and settings in `vault` (OFM-SPEC §1, §2)."""

from __future__ import annotations

import json

import pytest

from obsidian_to_mkdocs.options import Options
from obsidian_to_mkdocs.report import Report
from obsidian_to_mkdocs.vault import (
    Note,
    VaultSettings,
    is_excluded,
    is_publishable,
    note_from_bytes,
    parse_front_matter,
    read_settings,
    scan,
)


def test_s2_front_matter_and_body_line():
    note = parse_front_matter("N.md", "---\ntitle: T\ntags: [a]\n---\nbody\n", Report())
    assert (note.body, note.body_line, note.title, note.published) == ("body\n", 5, "T", True)


@pytest.mark.parametrize(
    "text", ["no front matter\n", "---\nnot closed\n", "--- \nx\n---\nb", "\n---\nx: 1\n---\n"]
)
def test_s2_no_front_matter(text):
    note = parse_front_matter("N.md", text, Report())
    if text.startswith("--- "):
        assert note.body == "b" and note.body_line == 4
    else:
        assert note.body == text and note.body_line == 1 and note.meta == {}


def test_s2_front_matter_ends_with_dots_and_empty_block():
    assert parse_front_matter("N.md", "---\na: 1\n...\nb", Report()).meta == {"a": 1}
    assert parse_front_matter("N.md", "---\n---\nb", Report()).meta == {}


@pytest.mark.parametrize(
    ("yaml", "published"),
    [("publish: false", False), ("draft: true", False), ("publish: true", True), ("a: 1", True)],
)
def test_s2_publication_keys(yaml, published):
    assert parse_front_matter("N.md", f"---\n{yaml}\n---\n", Report()).published is published


def test_s2_bad_yaml_and_non_mapping_are_reported_with_the_line():
    report = Report()
    note = parse_front_matter("N.md", "---\na: 1\nb: [\n---\nbody", report)
    assert note.body == "body"
    assert report.diagnostics and report.diagnostics[0].path == "N.md"
    report = Report()
    note = parse_front_matter("N.md", "---\n- a\n---\nbody", report)
    assert note.published and note.meta == {} and note.body == "body"
    assert report.diagnostics[0].line == 2
    report = Report()
    note = parse_front_matter("N.md", "---\npublish: [\n---\nbody", report)
    assert not note.published and report.diagnostics[0].path == "N.md"


def test_s2_bytes_bom_crlf_nul_and_bad_utf8():
    report = Report()
    note = note_from_bytes("N.md", "\ufeff---\r\nx: 1\r\n---\r\nbody\r\nend".encode(), report)
    assert note.meta == {"x": 1} and note.body == "body\nend"
    assert not note_from_bytes("N.md", b"a\x00b", report).published
    bad = note_from_bytes("N.md", b"ok\nline\n\xff", report)
    assert not bad.published and report.diagnostics[-1].line == 3


def test_s2_title_aliases_and_tags():
    note = Note(
        "F/My Note.md",
        "",
        1,
        meta={"title": " ", "alias": "one", "tags": ["#a, b", None, "c d"], "tag": "x"},
    )
    assert note.title == "My Note" and note.stem == "My Note" and note.folder == "F"
    assert note.aliases == ["one"]
    assert note.front_matter_tags == ["a", "b", "c", "d"]
    assert Note("N.md", "", 1, meta={"title": 42, "aliases": ["x", "", None]}).title == "42"
    assert Note("N.md", "", 1, meta={"aliases": ["x", "", None]}).aliases == ["x"]
    assert Note("N.md", "", 1, meta={"tag": "#t"}).front_matter_tags == ["t"]
    assert Note("N.md", "", 1).folder == ""


@pytest.mark.parametrize(
    ("path", "patterns", "excluded"),
    [
        ("Private/a.md", ("Private/**",), True),
        ("Private.md", ("Private/**",), False),
        ("Templates/x.md", ("Templates/",), True),
        ("Templates", ("Templates/",), True),
        ("TemplatesX/x.md", ("Templates/",), False),
        ("a/b.md", ("*.md",), True),
        ("a/b.md", (), False),
    ],
)
def test_s1_excluded(path, patterns, excluded):
    assert is_excluded(path, patterns) is excluded


def test_s6_allow_list_and_excluded_folders(tmp_path):
    options = Options(vault=tmp_path, docs_dir=tmp_path / "d", exclude=("X/**",))
    assert not is_publishable(Note("X/a.md", "", 1), options)
    assert is_publishable(Note("a.md", "", 1), options)
    strict = Options(vault=tmp_path, docs_dir=tmp_path / "d", require_publish=True)
    assert not is_publishable(Note("a.md", "", 1), strict)
    note = parse_front_matter("a.md", "---\npublish: true\n---\n", Report())
    assert is_publishable(note, strict)


def test_s1_settings(tmp_path):
    assert read_settings(tmp_path) == VaultSettings()
    (tmp_path / ".obsidian").mkdir()
    app = tmp_path / ".obsidian" / "app.json"
    app.write_text(
        json.dumps(
            {
                "strictLineBreaks": True,
                "attachmentFolderPath": "/att/",
                "userIgnoreFilters": ["T/"],
            }
        )
    )
    assert read_settings(tmp_path) == VaultSettings(True, "att", ("T/",))
    app.write_text(json.dumps({"attachmentFolderPath": "./"}))
    assert read_settings(tmp_path).attachment_folder == ""
    app.write_text("[1]")
    assert read_settings(tmp_path) == VaultSettings()
    app.write_text("{broken")
    assert read_settings(tmp_path) == VaultSettings()


def test_s1_scan_skips_dot_files_ignored_folders_and_symlinks(tmp_path):
    for rel in ("b.md", "a/c.md", ".hidden.md", ".obsidian/x.md", "node_modules/y.md", "z.png"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    (tmp_path / "link.md").symlink_to(tmp_path / "b.md")
    assert list(scan(tmp_path)) == ["a/c.md", "b.md", "z.png"]
