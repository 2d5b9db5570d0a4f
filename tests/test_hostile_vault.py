"""Notes that used to abort the whole build, publication flags a person writes, notes named
like generated pages, and build logs that name no private note (issue #17, part A).

One vault holds every case; it is converted and built once with the real MkDocs + Material,
and each test reads what it needs from that build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import quote

import pytest

from obsidian_to_mkdocs import Options, convert

from .conftest import ROOT, mkdocs_build, page, write_vault

LONG = "長" * 100  # 300 bytes in UTF-8: longer than a file name may be
BOMB = "\n".join(
    ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    + ["tags: *a9", "---", "bomb body BOMBCANARY"]
)
SECRET = "SECRETNAME4471"

NOTES: dict[str, str | bytes] = {
    "Good.md": (
        "# Good\n\nLinks [[Bad month]] [[Feb 30]] [[Nul tag]] [[Long names]] #ok\n\n"
        f"And a private one: [[{SECRET}]] and [md]({SECRET}.md).\n"
    ),
    "Bad month.md": "---\ndate: 2024-13-45\n---\nbad month body\n",
    "Feb 30.md": "---\nupdated: 2024-02-30\n---\nfeb body\n",
    "Nul tag.md": '---\ntags: ["a\\0b", fine]\n---\nnul body\n',
    "Long names.md": (
        f"---\naliases: [{LONG}]\ntags: [{LONG}, dots/../../../../up]\n---\nlong body #{LONG}\n"
    ),
    "Bomb.md": BOMB,
    "Deep.md": "---\ntags: "
    + "[" * 100_000
    + "]" * 100_000
    + "\n---\ndeep body\n",  # libyaml: a crash
    # publication flags as a person writes them
    "Flag string.md": '---\npublish: "false"\n---\nFLAGCANARY1\n',
    "Flag case.md": "---\nPublish: false\n---\nFLAGCANARY2\n",
    "Flag draft.md": '---\ndraft: "true"\n---\nFLAGCANARY3\n',
    "Flag dup.md": "---\npublish: false\npublish: true\n---\nFLAGCANARY4\n",
    "Flag no.md": "---\nPUBLISH: no\n---\nFLAGCANARY5\n",
    "Flag odd.md": "---\npublish: maybe\n---\nFLAGCANARY6\n",
    "Flag yes.md": '---\npublish: "yes"\ndraft: "off"\n---\nflag yes body\n',
    f"{SECRET}.md": "---\npublish: false\ndate: 2024-13-45\n---\nsecret body\n",
    # named like generated pages
    "graph.md": "# My graph note\n\nGRAPHNOTE body\n",
    "tags/x/index.md": "TAGNOTE body #x\n",
    "feed.xml": "<not-a-feed/>\n",
    "Uses feed.md": "---\ntags: [x]\n---\n![[feed.xml]] #x\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    vault = write_vault(out / "vault", NOTES)
    site, report = mkdocs_build(vault, out)
    return out / "docs", site, report


def _texts(report) -> list[str]:
    return [str(d) for d in report.diagnostics]


def _diagnostics(report, path: str) -> list[str]:
    return [str(d) for d in report.diagnostics if d.path == path]


def test_bad_values_cost_only_their_own_part_and_name_the_file(built):
    docs, site, report = built
    assert any("Bad month.md:2: '2024-13-45' is not a date" in d for d in _texts(report))
    assert any("Feb 30.md:2: '2024-02-30' is not a date" in d for d in _texts(report))
    assert any("Nul tag.md: tag 'a\\x00b' cannot be a page" in d for d in _texts(report))
    for name in ("Good", "Bad month", "Feb 30", "Nul tag", "Long names"):
        assert (site / name / "index.html").is_file(), name
    assert "bad month body" in (site / "Bad month" / "index.html").read_text()
    assert 'date: "2024-13-45"' not in (docs / "Bad month.md").read_text()  # no page date
    nul = (docs / "Nul tag.md").read_text()
    assert "\\0" not in nul and "fine" in nul
    assert (docs / "tags" / "fine" / "index.md").is_file()


def test_names_longer_than_a_file_name_get_a_stable_short_path(built):
    docs, site, report = built
    tag_pages = [p for p in (docs / "tags").iterdir() if p.name.startswith("長")]
    assert len(tag_pages) == 1
    name = tag_pages[0].name
    assert len(name.encode()) <= 255 and "~" in name
    assert (site / "tags" / name / "index.html").is_file()
    body = (docs / "Long names.md").read_text()
    assert f"tags/{quote(name)}/index.md" in body  # the inline chip links the shortened page
    chips = page(site, "Long names/").cssselect("nav.md-tags a.md-tag")
    assert [a.get("href") for a in chips if a.text == LONG] == [f"../tags/{name}/"]
    assert any("Long names.md: alias" in d and "no redirect" in d for d in _texts(report))
    assert any("tag 'dots/../../../../up' cannot be a page" in d for d in _texts(report))
    assert not (docs.parent / "up").exists() and not (docs / "tags" / "dots").exists()


def test_a_yaml_alias_bomb_and_deep_nesting_are_refused_like_invalid_yaml(built):
    """Refused without expanding or recursing: hostile, not a typo, so not published (front
    matter that merely does not parse publishes its body, issue 18 item 6)."""
    docs, site, report = built
    assert any(
        "Bomb.md:2: front matter is not valid YAML (YAML aliases expand to more than" in d
        for d in _texts(report)
    )
    deep = "Deep.md:2: front matter is not valid YAML (nested deeper than 100 levels)"
    assert any(deep in d for d in _texts(report)), _diagnostics(report, "Deep.md")
    assert not (docs / "Bomb.md").exists() and not (site / "Bomb").exists()
    assert not (docs / "Deep.md").exists()


def test_publication_flags_are_read_as_a_person_means_them(built):
    docs, site, report = built
    for name in ("Flag string", "Flag case", "Flag draft", "Flag dup", "Flag no", "Flag odd"):
        assert not (docs / f"{name}.md").exists(), name
        assert not (site / name).exists(), name
    everything = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    for i in range(1, 7):
        assert f"FLAGCANARY{i}".encode() not in everything
    assert (site / "Flag yes" / "index.html").is_file()
    odd = _diagnostics(report, "Flag odd.md")
    assert any("publish: 'maybe' is neither true nor false" in d for d in odd), odd


def test_allow_list_mode_reads_publish_words_too(tmp_path):
    vault = write_vault(
        tmp_path / "v",
        {
            "A.md": '---\npublish: "yes"\n---\na\n',
            "B.md": "---\nPublish: true\n---\nb\n",
            "C.md": "---\npublish: true\npublish: false\n---\nc\n",
            "D.md": "d\n",
        },
    )
    docs = tmp_path / "docs"
    convert(Options(vault=vault, docs_dir=docs, show_progress=False, require_publish=True))
    assert sorted(p.name for p in docs.glob("*.md") if p.name not in ("index.md", "graph.md")) == [
        "A.md",
        "B.md",
    ]


def test_a_note_keeps_its_url_and_the_generated_page_moves(built):
    docs, site, report = built
    assert "GRAPHNOTE" in (site / "graph" / "index.html").read_text()
    assert 'data-graph="site"' in (docs / "graph-2.md").read_text()
    assert json.loads((docs / "assets/ofm/graph.json").read_text())["page"] == "graph-2/"
    assert "TAGNOTE" in (site / "tags" / "x" / "index.html").read_text()
    tag_page = (docs / "tags" / "x-2" / "index.md").read_text()
    assert "[Uses feed](../../Uses%20feed.md)" in tag_page
    assert "(tags/x-2/index.md)" in (docs / "Uses feed.md").read_text()
    chips = page(site, "Uses feed/").cssselect("nav.md-tags a.md-tag")  # Material's header chips
    assert [(a.text, a.get("href")) for a in chips] == [("x", "../tags/x-2/")]
    assert (docs / "feed.xml").read_text() == "<not-a-feed/>\n"
    assert "<feed" in (docs / "feed-2.xml").read_text()
    messages = _texts(report)
    assert "WARNING graph.md: this file is docs/graph.md; the graph moves to docs/graph-2.md" in (
        messages
    )
    assert any(
        d.startswith("WARNING tags/x/index.md: this file is docs/tags/x/index.md") for d in messages
    )
    assert any(d.startswith("WARNING feed.xml: this file is docs/feed.xml") for d in messages)


def test_logs_say_a_link_points_to_a_private_note_without_naming_it(built, tmp_path):
    docs, site, report = built
    text = report.render(limit=1000)
    assert SECRET not in text
    good = _diagnostics(report, "Good.md")
    assert sum("link to a note that is not published" in d for d in good) == 2, good
    vault = write_vault(tmp_path / "v", {k: NOTES[k] for k in ("Good.md", f"{SECRET}.md")})
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    done = subprocess.run(
        [sys.executable, "-m", "obsidian_to_mkdocs", "convert", "--verbose", "--vault", str(vault),
         "--docs-dir", str(tmp_path / "docs"), "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True, text=True, check=False, env=_env(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"link target '{SECRET}' is not published" in done.stderr
    assert "2024-13-45" not in done.stderr  # the private note's own problems stay unsaid


def test_strict_fails_a_conversion_with_a_bad_note_and_the_rest_is_written(tmp_path):
    vault = write_vault(tmp_path / "v", {"Good.md": "fine\n", "Bomb.md": BOMB})
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    args = [sys.executable, "-m", "obsidian_to_mkdocs", "convert", "--vault", str(vault),
            "--docs-dir", str(tmp_path / "docs"), "-f", str(tmp_path / "mkdocs.yml")]  # fmt: skip
    lenient = subprocess.run(args, capture_output=True, text=True, check=False, env=_env())
    assert lenient.returncode == 0, lenient.stderr
    assert "Bomb.md:2: front matter is not valid YAML" in lenient.stderr
    strict = subprocess.run([*args, "--strict"], capture_output=True, text=True, env=_env())
    assert strict.returncode == 1
    assert (tmp_path / "docs" / "Good.md").is_file()


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}


def test_a_note_whose_render_fails_is_skipped_and_named(tmp_path, monkeypatch):
    """Any exception in one note's rendering (here: a bug planted in the link renderer for one
    target) is that note's diagnostic; every other note is written."""
    from obsidian_to_mkdocs.render import links

    original = links.wikilink

    def broken(link, ctx, line):
        if link.target == "Trap":
            raise KeyError("planted")
        return original(link, ctx, line)

    monkeypatch.setattr(links, "wikilink", broken)
    vault = write_vault(
        tmp_path / "v", {"A.md": "x\n\n[[Trap]]\n", "B.md": "[[A]]\n", "Trap.md": ""}
    )
    docs = tmp_path / "docs"
    report = convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert any(
        str(d) == "ERROR A.md: could not be converted (KeyError: 'planted'); not published"
        for d in report.diagnostics
    ), report.render()
    assert not (docs / "A.md").exists() and (docs / "B.md").is_file()
