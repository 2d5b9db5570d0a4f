"""Conversion as a whole: the report, bad front matter, the manifest, the vault left alone."""

from __future__ import annotations

import hashlib
from pathlib import Path

from obsidian_to_mkdocs import Options, convert
from obsidian_to_mkdocs.cli import main

from .conftest import write_vault


def _tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_bad_front_matter_names_file_and_line_and_the_rest_builds(convert_vault):
    docs, report, _ = convert_vault(
        {
            "Good.md": "Links to [[Broken]].\n",
            "Broken.md": "---\ntitle: ok\ntags: [a, b\ndraft: x\n---\nPRIVATE body\n",
        }
    )
    errors = [d for d in report.diagnostics if d.path == "Broken.md"]
    assert errors and errors[0].line is not None and errors[0].line >= 2
    assert "front matter" in errors[0].message
    assert "Broken.md:" in str(errors[0])
    assert (docs / "Good.md").is_file()
    assert not (docs / "Broken.md").exists()
    assert "PRIVATE" not in "".join(p.read_text() for p in docs.rglob("*.md"))
    assert report.notes_published == 1


def test_converter_never_writes_inside_the_vault(tmp_path):
    vault = write_vault(
        tmp_path / "vault",
        {"A.md": "[[B]] #tag ==x==\n", "B.md": "![[A]]\n", "img/p.png": b"\x89PNG\r\n"},
    )
    before = _tree_hash(vault)
    for _ in range(2):
        convert(Options(vault=vault, docs_dir=tmp_path / "docs", show_progress=False))
    assert _tree_hash(vault) == before
    assert not any(p.name.startswith(".tmp") for p in vault.rglob("*"))


def test_second_run_changes_no_byte_and_writes_nothing(tmp_path):
    vault = write_vault(tmp_path / "vault", {"A.md": "[[B]] #t\n", "Sub/B.md": "# H\n"})
    docs = tmp_path / "docs"
    first = convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    snapshot = _tree_hash(docs)
    second = convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert first.pages_written > 0 and second.pages_written == 0
    assert _tree_hash(docs) == snapshot


def test_hand_written_pages_are_never_overwritten_or_deleted(tmp_path):
    vault = write_vault(tmp_path / "vault", {"index.md": "vault home\n", "Note.md": "x\n"})
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("hand-written\n")
    (docs / "about.md").write_text("mine\n")
    report = convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert (docs / "index.md").read_text() == "hand-written\n"
    assert any("hand-written" in d.message and d.path == "index.md" for d in report.diagnostics)
    (vault / "Note.md").unlink()
    report = convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert not (docs / "Note.md").exists() and report.files_removed == 1
    assert (docs / "about.md").read_text() == "mine\n"
    assert (docs / "index.md").read_text() == "hand-written\n"


def test_report_counts_links_and_pages(convert_vault):
    _, report, _ = convert_vault({"A.md": "[[B]] [[Missing]]\n", "B.md": "text\n"})
    assert (report.links_resolved, report.links_unresolved) == (1, 1)
    assert report.notes_read == 2 and report.pages_written >= 2
    summary = report.summary()
    assert "2 notes read" in summary and "1 resolved, 1 unresolved" in summary
    assert any(
        d.path == "A.md" and d.line == 1 and "Missing" in d.message for d in report.diagnostics
    )


def test_cli_convert_exit_codes(tmp_path, capsys):
    vault = write_vault(tmp_path / "vault", {"A.md": "[[Nowhere]]\n"})
    docs = tmp_path / "docs"
    args = [
        "convert",
        "--vault",
        str(vault),
        "--docs-dir",
        str(docs),
        "-f",
        str(tmp_path / "x.yml"),
    ]
    assert main(args) == 0
    assert (docs / "A.md").is_file()
    assert main([*args, "--strict"]) == 1
    assert "A.md:1" in capsys.readouterr().err
    assert main(["convert", "--vault", str(tmp_path / "nope")]) == 2


def test_cli_usage_error_exits_2(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
