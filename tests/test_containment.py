"""Nothing outside `docs/` is ever created, replaced or deleted, whatever the vault's names
(issue #17): one function makes every name a path (paths.safe_path), the writer checks each
path before it touches the disk (paths.contained)."""

from __future__ import annotations

import json
import os
import posixpath
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from obsidian_to_mkdocs import Options, convert
from obsidian_to_mkdocs.output import MANIFEST, write_output
from obsidian_to_mkdocs.paths import MAX_SEGMENT_BYTES, UnsafePath, moved, safe_path
from obsidian_to_mkdocs.report import Report

from .conftest import write_vault

# names an attacker (or a web clipper) would try: traversal, separators, NUL, long, unicode
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="./\\\x00ab長😀 ", max_size=30),
    st.sampled_from(["..", "../x", "a/../../b", "/etc", "\\..\\x", "a//b", ".", "x/.", "~"]),
    st.text(alphabet="ab長😀", min_size=120, max_size=400),
)


@settings(max_examples=400, deadline=None)
@given(name=HOSTILE)
def test_safe_path_is_inside_docs_or_refused(name, tmp_path_factory):
    try:
        path = safe_path(name)
    except UnsafePath:
        return
    assert not path.startswith("/") and "\\" not in path and "\x00" not in path
    segments = path.split("/")
    assert all(s not in ("", ".", "..") for s in segments)
    assert all(len(s.encode("utf-8")) <= MAX_SEGMENT_BYTES for s in segments)
    root = "/docs"
    assert posixpath.normpath(posixpath.join(root, path)).startswith(root + "/")
    assert safe_path(name) == path  # stable
    assert safe_path(path) == path  # a safe path stays as it is


def test_long_names_are_shortened_stably_and_stay_distinct():
    a, b = "長" * 90 + "a", "長" * 90 + "b"
    assert safe_path(a) != safe_path(b)
    assert len(safe_path(a).encode()) <= MAX_SEGMENT_BYTES
    assert safe_path(a).startswith("長" * 70)
    assert safe_path("x" * 300 + ".md").endswith(".md")
    assert safe_path("ok/" + "x" * 300).startswith("ok/x")


@pytest.mark.parametrize("name", ["../x", "/abs", "a/../b", "a\x00b", "a\\b", "a//b", "", "x/"])
def test_refused_names(name):
    with pytest.raises(UnsafePath):
        safe_path(name)


def test_moved_numbers_the_folder_of_an_index_page_else_the_file():
    taken = {"tags/x/index.md", "tags/x-2/index.md", "graph.md"}
    assert moved("tags/x/index.md", taken.__contains__) == "tags/x-3/index.md"
    assert moved("graph.md", taken.__contains__) == "graph-2.md"
    assert moved("feed.xml", taken.__contains__) == "feed.xml"


NAMES = st.lists(HOSTILE.filter(lambda s: "\n" not in s and "\r" not in s), min_size=1, max_size=4)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tags=NAMES, aliases=NAMES, permalink=HOSTILE, folder=st.sampled_from(["", "F/", "長/"]))
def test_no_generated_path_leaves_docs(tmp_path, tags, aliases, permalink, folder):
    case = tmp_path / uuid.uuid4().hex
    meta = {"tags": tags, "aliases": aliases, "permalink": permalink}
    note = f"---\n{json.dumps(meta)}\n---\nbody #{tags[0].split()[0] if tags[0].split() else 'x'}\n"
    vault = write_vault(case / "vault", {f"{folder}N.md": note, "O.md": "[[N]]\n"})
    docs = case / "site" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("hand-written home\n")
    (case / "site" / "index.md").write_text("canary above docs\n")
    for _ in range(2):  # a second run deletes what is no longer generated: still inside
        convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    outputs = (docs, vault, case / "site" / ".cache")
    outside = [p for p in case.rglob("*") if not any(p.is_relative_to(o) for o in outputs)]
    assert sorted(p.relative_to(case).as_posix() for p in outside) == ["site", "site/index.md"]
    assert (case / "site" / "index.md").read_text() == "canary above docs\n"
    assert (docs / "index.md").read_text() == "hand-written home\n"
    assert (docs / "O.md").is_file()


def test_the_writer_refuses_paths_outside_docs_and_through_symlinks(tmp_path):
    docs, outside = tmp_path / "docs", tmp_path / "outside"
    docs.mkdir()
    outside.mkdir()
    (outside / "victim.md").write_text("keep me\n")
    os.symlink(outside, docs / "link")  # a folder of docs/ pointing elsewhere
    report = Report()
    pages = {"../escape.md": "x", "link/victim.md": "replaced", "link/new.md": "x", "ok.md": "y"}
    write_output(docs, pages, {}, report)
    assert (outside / "victim.md").read_text() == "keep me\n"
    assert not (tmp_path / "escape.md").exists() and not (outside / "new.md").exists()
    assert (docs / "ok.md").read_text() == "y"
    messages = [str(d) for d in report.diagnostics]
    assert any("../escape.md: not written" in m for m in messages), messages
    assert any("docs/link/new.md resolves outside docs/" in m for m in messages), messages


def test_a_manifest_naming_files_outside_docs_deletes_nothing_there(tmp_path):
    """The manifest lives in docs/ and anyone may edit it: it is no licence to delete."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "precious.md").write_text("keep\n")
    (docs / MANIFEST).write_text(json.dumps({"generated": ["../precious.md", "old.md"]}))
    (docs / "old.md").write_text("stale\n")
    report = Report()
    write_output(docs, {"new.md": "x"}, {}, report)
    assert (tmp_path / "precious.md").read_text() == "keep\n"
    assert not (docs / "old.md").exists()
    assert any("../precious.md: not deleted" in str(d) for d in report.diagnostics)
