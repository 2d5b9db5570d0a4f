"""Incremental conversion: an edit re-renders only what depends on it, and the output is
byte-identical to a clean run, through edits, renames, deletions and additions (issue #9)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from obsidian_to_mkdocs import Options, convert

from .conftest import write_vault

NOTES = {
    "A.md": "# A\n\nlinks [[B#Part]] #t\n\n![[C]]\n",
    "B.md": "## Part\n\nB text [[A]]\n",
    "C.md": "C body ^c1\n",
    "D.md": "independent #t ![[pic.png]]\n",
    "pic.png": b"\x89PNG\r\n\x1a\n",
}


def _snapshot(docs: Path) -> dict[str, str]:
    return {
        p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(docs.rglob("*"))
        if p.is_file()
    }


def _convert(vault: Path, docs: Path):
    return convert(Options(vault=vault, docs_dir=docs, show_progress=False))


def _clean(vault: Path, tmp: Path) -> dict[str, str]:
    out = tmp / "clean"
    shutil.rmtree(out, ignore_errors=True)
    _convert(vault, out / "docs")
    return _snapshot(out / "docs")


def test_edits_rerender_only_dependents_and_match_a_clean_run(tmp_path):
    vault = write_vault(tmp_path / "vault", NOTES)
    docs = tmp_path / "work" / "docs"
    first = _convert(vault, docs)
    assert first.notes_rendered == 4

    again = _convert(vault, docs)
    assert again.notes_rendered == 0 and again.pages_written == 0
    assert (again.links_resolved, len(again.diagnostics)) == (
        first.links_resolved,
        len(first.diagnostics),
    )

    (vault / "D.md").write_text("independent edited #t ![[pic.png]]\n")
    report = _convert(vault, docs)
    assert report.notes_rendered == 1
    assert _snapshot(docs) == _clean(vault, tmp_path)

    (vault / "C.md").write_text("C body changed ^c1\n")  # embedded in A
    report = _convert(vault, docs)
    assert report.notes_rendered == 2  # C and A, which embeds it
    assert "C body changed" in (docs / "A.md").read_text()
    assert _snapshot(docs) == _clean(vault, tmp_path)


def test_renames_deletions_and_additions_match_a_clean_run(tmp_path):
    vault = write_vault(tmp_path / "vault", NOTES)
    docs = tmp_path / "work" / "docs"
    _convert(vault, docs)

    (vault / "B.md").rename(vault / "B2.md")
    _convert(vault, docs)
    assert not (docs / "B.md").exists()
    assert "ofm-unresolved" in (docs / "A.md").read_text()
    assert _snapshot(docs) == _clean(vault, tmp_path)

    (vault / "B.md").write_text("## Part\n\nback again\n")
    (vault / "C.md").unlink()
    report = _convert(vault, docs)
    assert report.notes_rendered == 4  # the vault's names changed: all pages again
    assert _snapshot(docs) == _clean(vault, tmp_path)

    (vault / "pic.png").unlink()
    _convert(vault, docs)
    assert not (docs / "pic.png").exists()
    assert _snapshot(docs) == _clean(vault, tmp_path)


def test_a_corrupt_cache_is_ignored(tmp_path):
    vault = write_vault(tmp_path / "vault", NOTES)
    docs = tmp_path / "work" / "docs"
    _convert(vault, docs)
    cache = tmp_path / "work" / ".cache" / "obsidian-to-mkdocs" / "render.pickle"
    assert cache.is_file()
    cache.write_bytes(b"not a pickle")
    report = _convert(vault, docs)
    assert report.notes_rendered == 4 and report.pages_written == 0


def test_rendering_on_both_cores_gives_the_same_output_and_report(tmp_path, monkeypatch):
    from obsidian_to_mkdocs import rendering

    def note(i: int) -> str:
        nxt, embedded = (i + 1) % 320, (i + 3) % 320
        body = f"[[N{nxt}]] #t{i % 5} [[Missing{i % 3}]]"
        return f"# N{i}\n\n{body}\n\n![[N{embedded}#N{embedded}]]\n"

    notes = {f"d{i % 7}/N{i}.md": note(i) for i in range(320)}
    vault = write_vault(tmp_path / "vault", notes)
    assert rendering._workers(len(notes)) > 1 or rendering.os.cpu_count() == 1
    parallel = _convert(vault, tmp_path / "par" / "docs")
    monkeypatch.setattr(rendering, "PARALLEL_THRESHOLD", 10**9)
    sequential = _convert(vault, tmp_path / "seq" / "docs")
    assert _snapshot(tmp_path / "par" / "docs") == _snapshot(tmp_path / "seq" / "docs")
    assert [str(d) for d in parallel.diagnostics] == [str(d) for d in sequential.diagnostics]
    assert (parallel.links_resolved, parallel.links_unresolved) == (
        sequential.links_resolved,
        sequential.links_unresolved,
    )
