"""Private notes never leak (OFM-SPEC §6): canaries in every private place, searched for in
every byte of every output file, the way an attacker would look."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from obsidian_to_mkdocs import Options, convert

from .conftest import mkdocs_build, write_vault

CANARIES = {
    "body": "CANARYBODY7731",
    "title": "CANARYTITLE7732",
    "alias": "CANARYALIAS7733",
    "tag": "canarytag7734",
    "block": "CANARYBLOCK7735",
    "attachment": "canaryfile7736",
    "comment": "CANARYCOMMENT7737",
    "draft": "CANARYDRAFT7738",
    "excluded": "CANARYEXCLUDED7739",
    "folder": "CANARYFOLDER7740",
    "yaml": "CANARYYAML7741",
    "heading": "CANARYHEADING7742",
}


def _vault(root: Path) -> Path:
    c = CANARIES
    return write_vault(
        root,
        {
            "Public.md": (
                "# Public\n\nSee [[Secret]] and ![[Secret]] and ![[Secret#Part]] and "
                "[[Secret#^blk]] and [[Draft]].\n\n"
                f"Visible %%{c['comment']}%% text #public\n\n"
                f"%%\nmulti-line {c['comment']}\n\nstill comment\n%%\n\n"
                "More [[Other]].\n"
            ),
            "Other.md": "other public note #public\n",
            "Secret.md": (
                f"---\npublish: false\ntitle: {c['title']}\naliases: [{c['alias']}]\n"
                f"tags: [{c['tag']}]\n---\n"
                f"# Part {c['heading']}\n\n{c['body']} #{c['tag']}\n\n"
                f"A block {c['block']} ^blk\n\n![[{c['attachment']}.png]]\n\n[[Public]]\n"
            ),
            f"{c['attachment']}.png": b"\x89PNG\r\n\x1a\n",
            "Draft.md": f"---\ndraft: true\n---\n{c['draft']} [[Public]]\n",
            "Private/Hidden.md": f"{c['excluded']} [[Public]] #{c['tag']}\n",
            f"{c['folder']}/Note.md": "excluded by folder glob\n",
            "Broken.md": f"---\npublish: false\ntitle: [unclosed\n---\n{c['yaml']} [[Public]]\n",
        },
    )


def _all_bytes(folder: Path) -> list[tuple[Path, bytes]]:
    out = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            out.append((path, data + str(path).encode()))
    return out


@pytest.fixture(scope="module")
def private_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy")
    vault = _vault(root / "vault")
    exclude = ("Private/**", f"{CANARIES['folder']}/**")
    _, report = mkdocs_build(vault, root / "out", options={"exclude": exclude})
    return root / "out", report


def test_no_canary_in_any_output_file(private_build):
    out, _ = private_build
    files = _all_bytes(out / "docs") + _all_bytes(out / "site")
    assert len(files) > 20
    leaks = [
        f"{name} in {path.relative_to(out)}"
        for path, data in files
        for name, canary in CANARIES.items()
        if canary.encode() in data or canary.lower().encode() in data.lower()
    ]
    assert leaks == []


def test_public_pages_show_private_links_as_unresolved(private_build):
    out, report = private_build
    from lxml import html

    page = html.parse(str(out / "site" / "Public" / "index.html")).getroot()
    unresolved = page.cssselect("article .ofm-unresolved")
    assert len(unresolved) == 5
    assert not page.cssselect("article a[href*='Secret']")
    assert "Visible  text" in page.cssselect("article")[0].text_content()
    assert report.notes_published == 2


def test_private_notes_are_absent_from_nav_tags_and_search(private_build):
    out, _ = private_build
    search = (out / "site" / "search" / "search_index.json").read_text()
    assert "other public note" in search
    tag_pages = sorted(
        p.relative_to(out / "docs").as_posix() for p in (out / "docs" / "tags").rglob("*.md")
    )
    assert tag_pages == ["tags/index.md", "tags/public/index.md"]
    pages = sorted(p.name for p in (out / "docs").glob("*.md"))
    assert pages == ["Other.md", "Public.md", "graph.md", "index.md"]
    graph = json.loads((out / "docs" / "assets" / "ofm" / "graph.json").read_text())
    assert sorted(node["title"] for node in graph["nodes"]) == ["Other", "Public"]
    assert graph["links"] == [{"source": 1, "target": 0}] or graph["links"] == [
        {"source": 0, "target": 1}
    ]


def test_allow_list_mode_publishes_only_publish_true(convert_vault):
    docs, report, _ = convert_vault(
        {"Yes.md": "---\npublish: true\n---\nyes\n", "No.md": "no\n"}, require_publish=True
    )
    assert (docs / "Yes.md").exists() and not (docs / "No.md").exists()
    assert report.notes_published == 1


def test_symlinks_out_of_the_vault_are_never_followed(tmp_path, convert_vault):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("OUTSIDESECRET9911\n")
    (outside / "pic.png").write_bytes(b"\x89PNG OUTSIDESECRET9911")
    docs, report, html_of = convert_vault({"A.md": "[[secret]] ![[pic.png]] [[linked/secret]]\n"})
    vault = docs.parent / "vault"
    (vault / "secret.md").symlink_to(outside / "secret.md")
    (vault / "pic.png").symlink_to(outside / "pic.png")
    (vault / "linked").symlink_to(outside, target_is_directory=True)
    report = convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert report.links_unresolved == 3
    leaked = [p for p in docs.rglob("*") if p.is_file() and b"OUTSIDESECRET9911" in p.read_bytes()]
    assert leaked == []


def test_a_crash_mid_write_leaves_the_previous_output_whole(tmp_path, monkeypatch):
    import os

    from obsidian_to_mkdocs import output

    vault = write_vault(tmp_path / "vault", {f"N{i}.md": f"first {i}\n" for i in range(6)})
    docs = tmp_path / "docs"
    convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    for i in range(6):
        (vault / f"N{i}.md").write_text(f"second {i}\n")
    calls = {"n": 0}
    real_replace = os.replace

    def crash_on_third(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("power cut")
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    monkeypatch.undo()
    for path, data in before.items():
        text = path.read_bytes()
        assert text == data or text.replace(b"second", b"first") == data, path
    assert not [p for p in docs.rglob(".tmp-*")]
    convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    body = (docs / "N5.md").read_text().split("\n---\n")[-1]  # front matter: its description
    assert body.count("second 5") == 1
