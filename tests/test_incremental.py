"""Incremental conversion: an edit re-renders only what depends on it, and the output is
byte-identical to a clean run, through edits, renames, deletions and additions (issue #9)."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from obsidian_to_mkdocs import Options, cache, convert
from obsidian_to_mkdocs.context import MAX_EMBEDDED_CHARS_PER_PAGE

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


def _convert(vault: Path, docs: Path, **options):
    return convert(Options(vault=vault, docs_dir=docs, show_progress=False, **options))


def _clean(vault: Path, tmp: Path, **options) -> dict[str, str]:
    out = tmp / "clean"
    shutil.rmtree(out, ignore_errors=True)
    _convert(vault, out / "docs", **options)
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


HUB = "---\naliases: [Centre]\n---\n# Hub\n\nHub words.\n\n## Intro\n\nintro words ^blk\n"
USES = {
    "Hub.md": HUB,
    "Plain.md": "see [[Hub]] and [[Centre]]\n",
    "Anchor.md": "see [[Hub#Intro]] and [[Hub#^blk]]\n",
    "Raw.md": '<a href="Hub.md#Intro">raw</a>\n',
    "Part.md": "# Part\n\nbefore\n\n## Sec\n\nsection words\n",
    "Embed.md": "![[Part#Sec]]\n\n![[Board.canvas]]\n",
    "Board.canvas": '{"nodes": [{"id": "1", "type": "text", "text": "board words", "x": 0, '
    '"y": 0, "width": 200, "height": 60}], "edges": []}',
    "Inline.md": "text ![[Sketch]] inline\n",
    "Sketch.md": "sketch\n\n%%\n# Drawing\n```json\n"
    '{"type": "excalidraw", "elements": [{"type": "rectangle", "x": 0, "y": 0, '
    '"width": 80, "height": 40, "strokeColor": "#000000"}]}\n```\n%%\n',
}
USE_EDITS = [  # (note, old, new, the pages rendered again): what a page uses of another note
    ("Hub.md", "Hub words.", "Other\n\nwords.", {"Hub"}),  # text, lines: no other page
    ("Plain.md", "see", "look at", {"Plain"}),  # a link's context: Hub's backlinks (written)
    ("Hub.md", "## Intro", "## Intro!\n\n## Intro", {"Hub", "Anchor", "Raw"}),  # its slug
    ("Hub.md", "^blk", "^blk2", {"Hub", "Anchor", "Raw"}),  # its ids: what links into it read
    ("Part.md", "section words", "section changed", {"Part", "Embed"}),  # embedded text
    ("Board.canvas", "board words", "board changed", {"Board", "Embed"}),  # an embedded board
    ("Hub.md", "[Centre]", "[Middle]", set(USES)),  # aliases: every page
    ("Hub.md", "---\n#", "title: Hub Two\n---\n#", None),  # the title
    ("Sketch.md", "sketch", "---\nexcalidraw-plugin: parsed\n---\nsketch", None),  # drawing
    ("Sketch.md", '"width": 80', '"width": 90', {"Sketch", "Inline"}),  # an embedded drawing
    ("Hub.md", "---\n#", "publish: false\n---\n#", None),  # publication
]


def test_a_page_is_rendered_again_only_when_what_it_uses_of_another_note_changes(tmp_path):
    vault = write_vault(tmp_path / "vault", USES)
    docs = tmp_path / "work" / "docs"
    _convert(vault, docs)
    for name, old, new, dependants in USE_EDITS:
        note = vault / name
        assert old in note.read_text(), name
        note.write_text(note.read_text().replace(old, new, 1))
        report = _convert(vault, docs)
        if dependants is not None:
            assert report.notes_rendered == len(dependants), (name, old, new)
        assert _snapshot(docs) == _clean(vault, tmp_path), (name, old, new)
        if old == "see":
            assert "look at" in (docs / "Hub.md").read_text()
        if old == "## Intro":  # the links into the heading follow its new id
            assert "Hub.md#intro_1" in (docs / "Anchor.md").read_text()
            assert "Hub/#intro_1" in (docs / "Raw.md").read_text()


def test_a_note_too_large_to_embed_is_embedded_once_it_fits(tmp_path):
    """Its length decided that the page links to it instead: the page depends on its text."""
    big = ("word " * 1000 + "\n\n") * (MAX_EMBEDDED_CHARS_PER_PAGE // 5000 + 1)
    vault = write_vault(tmp_path / "vault", {"Big.md": big, "Host.md": "![[Big]]\n"})
    docs = tmp_path / "work" / "docs"
    _convert(vault, docs)
    (vault / "Big.md").write_text("small now\n")
    assert _convert(vault, docs).notes_rendered == 2
    assert "small now" in (docs / "Host.md").read_text()
    assert _snapshot(docs) == _clean(vault, tmp_path)


def test_serve_build_and_convert_settings_share_the_rendered_pages(tmp_path):
    """`serve` sets site_url to the dev address, `build` to the site's: switching renders no
    page again, and what reads the setting (the feed, redirect pages) follows it."""
    notes = {**NOTES, "B.md": "---\naliases: [Bee]\nupdated: 2024-05-01\n---\n" + NOTES["B.md"]}
    vault = write_vault(tmp_path / "vault", notes)
    docs = tmp_path / "work" / "docs"
    built = {"site_url": "https://example.org/garden/", "site_name": "Garden", "strict": True}
    served = {"site_url": "http://127.0.0.1:8000/", "site_name": "Garden (dev)"}
    _convert(vault, docs, **built)
    for settings in (served, built, {}):
        report = _convert(vault, docs, **settings)
        assert report.notes_rendered == 0, settings
        assert _snapshot(docs) == _clean(vault, tmp_path, **settings), settings
    assert "https://example.org" not in (docs / "Bee" / "index.html").read_text()
    assert _convert(vault, docs, verbose=True).notes_rendered == 4  # names unpublished notes


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


def test_reading_and_rendering_on_both_cores_give_the_same_output_and_report(tmp_path, monkeypatch):
    from obsidian_to_mkdocs import parallel

    def note(i: int) -> str:
        nxt, embedded = (i + 1) % 320, (i + 3) % 320
        body = f"[[N{nxt}]] #t{i % 5} [[Missing{i % 3}]]"
        head = "---\ntags: [a, b\n---\n" if i % 50 == 7 else f"---\naliases: [M{i}]\n---\n"
        return f"{head}# N{i}\n\n{body}\n\n![[N{embedded}#N{embedded}]]\n"

    notes = {f"d{i % 7}/N{i}.md": note(i) for i in range(320)}
    vault = write_vault(tmp_path / "vault", notes)
    assert parallel.workers(len(notes)) > 1 or os.cpu_count() == 1
    on_both = _convert(vault, tmp_path / "par" / "docs")
    assert on_both.pages_written >= parallel.PARALLEL_THRESHOLD  # written by forked workers too
    assert _convert(vault, tmp_path / "par" / "docs").pages_written == 0
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 10**9)
    sequential = _convert(vault, tmp_path / "seq" / "docs")
    assert _snapshot(tmp_path / "par" / "docs") == _snapshot(tmp_path / "seq" / "docs")
    messages = [str(d) for d in on_both.diagnostics]
    assert messages == [str(d) for d in sequential.diagnostics]
    assert sum("front matter is not valid YAML" in m for m in messages) == 7  # read in workers
    assert (on_both.links_resolved, on_both.links_unresolved) == (
        sequential.links_resolved,
        sequential.links_unresolved,
    )


AN_HOUR_AGO = time.time_ns() - 3600 * 10**9


def _age(vault: Path) -> None:
    """Every file as if last written an hour ago (the same instant each time): stamps are then
    trusted, so an edit must be noticed through size, ctime or inode, not mtime."""
    for path in vault.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(AN_HOUR_AGO, AN_HOUR_AGO))


EDITS = [  # (note, old, new): each touches a different derived output
    ("A.md", "#topic", "#subjt"),  # same size, same mtime: a tag page goes, another comes
    ("B.md", "B body", "B body [[C]]"),  # a new link: C's backlinks, the graph
    ("A.md", "aliases: [Alpha]", "aliases: [Beta]"),  # an alias: redirect pages
    ("C.md", "updated: 2024-01-01", "updated: 2025-02-03"),  # dates, feed
    ("A.md", "First words.", "Other words."),  # the description
    ("A.md", "## Sec", "## Part"),  # the section a tag sits in; C's link to it breaks
]


def test_every_kind_of_edit_matches_a_clean_run(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 0)  # trust every stamp: edits must show in them
    notes = {
        "A.md": "---\naliases: [Alpha]\n---\n# A\n\nFirst words. [[B]] #topic\n\n## Sec\n\nx #in\n",
        "B.md": "# B\n\nB body\n",
        "C.md": "---\nupdated: 2024-01-01\n---\nC body [[A#Sec]]\n",
    }
    vault = write_vault(tmp_path / "vault", notes)
    _age(vault)
    docs = tmp_path / "work" / "docs"
    _convert(vault, docs)
    report = _convert(vault, docs)
    assert report.notes_rendered == 0 and report.pages_written == 0
    for name, old, new in EDITS:
        note = vault / name
        assert old in note.read_text()
        note.write_text(note.read_text().replace(old, new))
        _age(vault)
        report = _convert(vault, docs)
        assert report.pages_written > 0, (name, old, new)
        assert _snapshot(docs) == _clean(vault, tmp_path), (name, old, new)


@pytest.fixture
def vault_reads(monkeypatch):
    """The vault notes the converter reads (a spy: reading still happens)."""
    seen: list[str] = []
    read_bytes = Path.read_bytes

    def spy(path: Path) -> bytes:
        if path.suffix == ".md" and "vault" in path.parts:
            seen.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", spy)
    return seen


def test_unchanged_notes_are_not_read_again_unless_just_written(tmp_path, vault_reads, monkeypatch):
    vault = write_vault(tmp_path / "vault", NOTES)
    docs = tmp_path / "work" / "docs"
    with monkeypatch.context() as patch:
        patch.setattr(cache, "RACY_NS", 0)  # as if the notes were written long ago
        _convert(vault, docs)
        assert sorted(vault_reads) == ["A.md", "B.md", "C.md", "D.md"]
        vault_reads.clear()
        _convert(vault, docs)
        assert vault_reads == []

    (vault / "D.md").write_text("written just now #t\n")  # within the (real) racy window
    _convert(vault, docs)
    _convert(vault, docs)
    assert vault_reads == ["D.md", "D.md"]  # its stamp is not trusted yet: read again


def test_generated_files_changed_or_deleted_in_docs_are_restored(tmp_path):
    vault = write_vault(tmp_path / "vault", NOTES)
    docs = tmp_path / "work" / "docs"
    _convert(vault, docs)
    text = (docs / "A.md").read_text()
    (docs / "A.md").write_text(text.replace("A", "Z"))  # same size: only the stamp tells
    (docs / "B.md").unlink()
    report = _convert(vault, docs)
    assert report.pages_written == 2
    assert _snapshot(docs) == _clean(vault, tmp_path)


def test_other_converter_code_does_not_reuse_the_cache(tmp_path):
    """Pages rendered by other code (an editable install, an upgrade keeping the version) are
    not served: the cache key holds a digest of the package's sources."""
    from obsidian_to_mkdocs.cache import code_digest

    one, two = tmp_path / "one", tmp_path / "two"
    for folder, body in ((one, "x = 1\n"), (two, "x = 2\n")):
        (folder / "render").mkdir(parents=True)
        (folder / "render" / "a.py").write_text(body)
        (folder / "b.py").write_text("y = 1\n")
    assert code_digest(one) != code_digest(two)
    (tmp_path / "three").mkdir()
    (tmp_path / "three" / "render").mkdir()
    (tmp_path / "three" / "render" / "a.py").write_text("x = 1\n")
    (tmp_path / "three" / "b.py").write_text("y = 1\n")
    assert code_digest(tmp_path / "three") == code_digest(one)
