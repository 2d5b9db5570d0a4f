"""What readers expect of a published vault (#10): redirects, dates, feed, descriptions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import yaml
from lxml import html

from obsidian_to_mkdocs import Options, convert
from obsidian_to_mkdocs.publishing import parse_date

from .conftest import mkdocs_build, write_vault

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://site.invalid/"


def front(docs: Path, rel: str) -> dict:
    text = (docs / rel).read_text(encoding="utf-8")
    assert text.startswith("---\n"), rel
    return yaml.safe_load(text[4:].split("\n---\n", 1)[0])


def refresh_target(redirect: Path, own_url: str) -> str:
    """Where a redirect page sends the reader, resolved against its own URL."""
    root = html.parse(str(redirect)).getroot()
    content = root.cssselect('meta[http-equiv="refresh"]')[0].get("content")
    delay, _, url = content.partition(";")
    assert delay.strip() == "0" and url.strip().startswith("url=")
    href = url.strip()[4:]
    assert root.cssselect('link[rel="canonical"]')[0].get("href") == href
    assert [a.get("href") for a in root.cssselect("body a")] == [href]
    return urljoin(BASE + own_url, href)


REDIRECT_VAULT = {
    "Folder/Gamma.md": (
        "---\naliases: [G, 中文 别名, a/b, '..', ' ', Beta, Hand, .hidden]\n"
        "permalink: /old/gamma page/\n---\n# Gamma\n\nGamma body.\n"
    ),
    "Beta.md": "Beta body.\n",
    "Zeta.md": "---\naliases: [G]\n---\nZeta body.\n",
    "草稿/Secret.md": "---\npublish: false\naliases: [Leak]\npermalink: leak\n---\nsecret\n",
}


def test_aliases_and_permalinks_become_redirect_pages_in_the_built_site(tmp_path):
    vault = write_vault(tmp_path / "vault", REDIRECT_VAULT)
    site, report = mkdocs_build(vault, tmp_path / "out", extra_docs={"Hand.md": "# Hand\n"})
    gamma = BASE + "Folder/Gamma/"
    assert (site / "Folder/Gamma/index.html").is_file()
    for own in ("G/", "中文 别名/", "old/gamma page/"):
        redirect = site / own / "index.html"
        assert redirect.is_file(), own
        assert unquote(refresh_target(redirect, own)) == unquote(gamma), own
    assert "%E4%B8%AD%E6%96%87%20" not in refresh_target(site / "中文 别名/index.html", "x/")
    raw = (site / "中文 别名/index.html").read_text(encoding="utf-8")
    assert 'url=../Folder/Gamma/"' in raw  # spaces and CJK percent-encoded, nothing raw
    # never over a real page, another note's redirect or a hand-written file
    assert "Beta body" in (site / "Beta/index.html").read_text(encoding="utf-8")
    assert "Hand" in html.parse(str(site / "Hand/index.html")).getroot().findtext(".//h1")
    assert not (site / "a").exists() and not (site / ".hidden").exists()
    warnings = [str(d) for d in report.diagnostics]
    for name in ("'a/b'", "'..'", "'.hidden'"):  # blank aliases: Note.aliases drops them
        assert any("Folder/Gamma.md" in w and name in w and "not a safe" in w for w in warnings)
    for name in ("'Beta'", "'Hand'"):
        assert any("Folder/Gamma.md" in w and name in w and "would replace" in w for w in warnings)
    assert not any("Folder/Gamma.md" in w and "'G'" in w for w in warnings)
    assert any(
        "Zeta.md" in w and "'G'" in w and "would replace docs/G/index.html" in w for w in warnings
    )
    # an unpublished note's aliases and permalink are nowhere
    assert not (site / "Leak").exists() and not (site / "leak").exists()
    assert not any("Secret" in w or "Leak" in w for w in warnings)


def test_redirects_without_directory_urls(convert_vault):
    docs, _, _ = convert_vault(REDIRECT_VAULT, use_directory_urls=False)
    assert not (docs / "G").exists()
    target = refresh_target(docs / "G.html", "G.html")
    assert target == BASE + "Folder/Gamma.html"
    target = refresh_target(docs / "old/gamma page.html", "old/gamma%20page.html")
    assert target == BASE + "Folder/Gamma.html"


def test_redirects_are_removed_with_the_alias(tmp_path):
    vault = write_vault(tmp_path / "vault", {"A.md": "---\naliases: [Old]\n---\ntext\n"})
    docs = tmp_path / "docs"
    convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert (docs / "Old/index.html").is_file()
    (vault / "A.md").write_text("text\n", encoding="utf-8")
    convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert not (docs / "Old").exists()


LONG = "第一段的文字很长。" * 30


def test_description_from_the_first_paragraph(convert_vault):
    docs, _, _ = convert_vault(
        {
            "Plain.md": (
                "# Title\n\n%% private remark %%\n\n![[pic.png]]\n\n```\ncode\n```\n\n"
                "Some **bold** text with a [[Other|link]] and `code` %%hidden%% and "
                "<span>html</span> $x^2$ #tag\nsecond line.[^1] ^block\n\n[^1]: a note\n"
            ),
            "Other.md": "---\ndescription: Written by hand.\n---\nFirst paragraph.\n",
            "Long.md": LONG + "\n",
            "Words.md": "word " * 60 + "\n",
            "Empty.md": "# Only a heading\n",
            "Fenced.md": "```\n" + "code line\n\n" * 1200 + "```\n\nAfter the long fence.\n",
            "Commented.md": "%%\n" + "private\n\n" * 1200 + "%%\n\nVisible.\n",
        }
    )
    assert front(docs, "Fenced.md")["description"] == "After the long fence."
    assert front(docs, "Commented.md")["description"] == "Visible."
    # The same plain text as backlink contexts: math as its source, tags as text.
    assert front(docs, "Plain.md")["description"] == (
        "Some bold text with a link and code and html $x^2$ #tag second line."
    )
    plain = front(docs, "Plain.md")["description"]
    for raw in ("%%", "private", "hidden", "[[", "**", "<span", "^block", "[^1]", "pic"):
        assert raw not in plain, raw
    assert front(docs, "Other.md")["description"] == "Written by hand."
    long = front(docs, "Long.md")["description"]
    assert len(long) <= 160 and long.endswith("…") and LONG.startswith(long[:-1])
    words = front(docs, "Words.md")["description"]
    assert len(words) <= 160 and words.endswith("word…")
    assert "description" not in front(docs, "Empty.md")


def test_description_reaches_the_meta_tag(tmp_path):
    vault = write_vault(tmp_path / "vault", {"Note.md": "Hello *reader*, welcome.\n"})
    site, _ = mkdocs_build(vault, tmp_path / "out")
    root = html.parse(str(site / "Note/index.html")).getroot()
    assert root.cssselect('meta[name="description"]')[0].get("content") == "Hello reader, welcome."


def test_dates_from_front_matter(convert_vault):
    docs, _, html_of = convert_vault(
        {
            "A.md": "---\ncreated: 2023-11-08\nupdated: 2024-01-02 10:00\n---\n# A\n\nBody.\n",
            "B.md": "---\ndate: 2023/3/4\n---\nBody.\n",
            "C.md": "---\ncreated: not a date\n---\nBody.\n",
        }
    )
    assert front(docs, "A.md")["date"] == "2023-11-08"
    assert front(docs, "A.md")["updated"] == "2024-01-02"
    text = (docs / "A.md").read_text(encoding="utf-8")
    assert text.index("# A") < text.index('class="ofm-dates"') < text.index("\nBody.")
    line = html_of("A.md").cssselect("p.ofm-dates")[0]
    assert [t.get("datetime") for t in line.cssselect("time")] == ["2023-11-08", "2024-01-02"]
    assert front(docs, "B.md")["date"] == "2023-03-04"
    assert [t.text for t in html_of("B.md").cssselect("p.ofm-dates time")] == ["2023-03-04"]
    assert "date" not in front(docs, "C.md") and "ofm-dates" not in (docs / "C.md").read_text()


def test_parse_date():
    assert str(parse_date("2023-11-08 10:00")) == "2023-11-08 10:00:00"
    assert parse_date("2023-13-01") is None and parse_date(20231108) is None


def _git(vault: Path, *args: str, when: str = "2021-05-06T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=vault, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_updated_date_from_git_history(tmp_path):
    repo = tmp_path / "repo"
    vault = write_vault(
        repo / "notes",
        {
            "Old.md": "old\n",
            "New note.md": "new\n",
            "Dated.md": "---\nupdated: 2020-01-01\n---\nx\n",
        },
    )
    (repo / "outside.md").write_text("not in the vault\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one", when="2021-05-06T12:00:00+00:00")
    (vault / "New note.md").write_text("newer\n")
    _git(repo, "commit", "-q", "-am", "two", when="2022-07-08T12:00:00+00:00")
    (vault / "Untracked.md").write_text("not committed\n")
    docs = tmp_path / "docs"
    convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert front(docs, "Old.md")["updated"] == "2021-05-06"
    assert front(docs, "New note.md")["updated"] == "2022-07-08"
    assert front(docs, "Dated.md")["updated"] == "2020-01-01"  # front matter wins
    assert not (docs / "Untracked.md").read_text().startswith("---\nupdated")
    assert "ofm-dates" not in (docs / "Untracked.md").read_text()
    # a new commit: the dates are read again (they are reused while HEAD stays the same)
    (vault / "Old.md").write_text("old, edited\n")
    _git(repo, "commit", "-q", "-am", "three", when="2023-09-10T12:00:00+00:00")
    convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert front(docs, "Old.md")["updated"] == "2023-09-10"
    assert front(docs, "New note.md")["updated"] == "2022-07-08"
    # without git the conversion still works, silently without git dates
    docs2 = tmp_path / "docs2"
    env_path = os.environ["PATH"]
    os.environ["PATH"] = str(tmp_path / "nowhere")
    try:
        report = convert(Options(vault=vault, docs_dir=docs2, show_progress=False))
    finally:
        os.environ["PATH"] = env_path
    assert not report.diagnostics
    assert "updated" not in front(docs2, "Old.md")


def _feed_vault() -> dict[str, str]:
    notes = {
        f"Note {i:02d}.md": f"---\nupdated: 2023-01-{i:02d}\n---\nBody of note {i} & more.\n"
        for i in range(1, 26)
    }
    notes["Tie A.md"] = "---\nupdated: 2023-01-25\n---\ntie\n"
    notes["Undated.md"] = "no date\n"
    notes["Private.md"] = "---\npublish: false\nupdated: 2030-01-01\n---\nsecret\n"
    return notes


def _entries(docs: Path) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.parse(docs / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{required}") or "").strip(), required
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert entry.findtext(f"{ATOM}author/{ATOM}name") or root.findtext(
            f"{ATOM}author/{ATOM}name"
        )
    return root, entries


def test_atom_feed_of_the_twenty_most_recent_notes(convert_vault):
    docs, _, _ = convert_vault(_feed_vault())
    root, entries = _entries(docs)
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == ["Note 25", "Tie A"] + [f"Note {i:02d}" for i in range(24, 6, -1)]
    assert root.findtext(f"{ATOM}updated") == "2023-01-25T00:00:00Z"
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == "Note%2025/"  # relative to feed.xml
    assert first.findtext(f"{ATOM}summary") == "Body of note 25 & more."
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 20
    feed = (docs / "feed.xml").read_text(encoding="utf-8")
    assert "Private" not in feed and "secret" not in feed and "Undated" not in feed


def test_atom_feed_links_are_absolute_with_site_url(convert_vault):
    docs, _, _ = convert_vault(
        _feed_vault(), site_url="https://example.org/garden/", site_name="My garden"
    )
    root, entries = _entries(docs)
    assert root.findtext(f"{ATOM}title") == "My garden"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == (
        "https://example.org/garden/feed.xml"
    )
    assert entries[0].find(f"{ATOM}link").get("href") == "https://example.org/garden/Note%2025/"
    assert entries[0].findtext(f"{ATOM}id") == "https://example.org/garden/Note%2025/"


def test_feed_is_linked_from_every_page_and_served(tmp_path):
    vault = write_vault(tmp_path / "vault", {"A.md": "---\ncreated: 2023-11-08\n---\nText.\n"})
    site, _ = mkdocs_build(vault, tmp_path / "out")
    ET.parse(site / "feed.xml")
    root = html.parse(str(site / "A/index.html")).getroot()
    link = root.cssselect('link[rel="alternate"][type="application/atom+xml"]')[0]
    assert urljoin(BASE + "A/", link.get("href")) == BASE + "feed.xml"
    assert root.cssselect("article p.ofm-dates time")[0].get("datetime") == "2023-11-08"


def test_output_is_deterministic(tmp_path):
    vault = write_vault(tmp_path / "vault", {**_feed_vault(), **REDIRECT_VAULT})
    outputs = []
    for name in ("one", "two"):
        docs = tmp_path / name
        convert(Options(vault=vault, docs_dir=docs, show_progress=False))
        outputs.append(
            {p.relative_to(docs): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
        )
    assert outputs[0] == outputs[1]
