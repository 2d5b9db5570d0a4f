"""Section index pages (sections.py) and the windowed navigation (theme/partials/nav*.html)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from obsidian_to_mkdocs.sections import section_pages
from tests.conftest import mkdocs_build, page, write_vault


def test_every_folder_without_an_index_gets_one_listing_folders_then_pages():
    texts = {
        "Home.md": "x",
        "A/b note.md": "---\ntitle: B title\n---\n\nx",
        "A/a_note.md": "x",
        "A/Sub/Deep/c.md": "x",
        "Has index/index.md": "x",
        "Has readme/README.md": "x",
        "Has readme/n.md": "x",
    }
    out = section_pages(texts)
    assert sorted(out) == ["A/Sub/Deep/index.md", "A/Sub/index.md", "A/index.md"]
    lines = out["A/index.md"].split("---\n", 2)[2].strip().splitlines()
    assert out["A/index.md"].startswith("---\ntitle: A\n---\n")
    assert lines == [
        "- 📁 [Sub](Sub/index.md)",
        "- [a\\_note](a_note.md)",  # file names are shown literally
        "- [B title](b%20note.md)",  # the page's own title, sorted by title
    ]
    assert out["A/Sub/index.md"].strip().endswith("- 📁 [Deep](Deep/index.md)")


def test_titles_come_from_the_callback_and_existing_indexes_are_linked():
    texts = {"T/x.md": "x", "T/R/README.md": "x", "T/R/y.md": "x"}
    out = section_pages(texts, lambda path: {"T/x.md": "Ex"}.get(path))
    assert "[Ex](x.md)" in out["T/index.md"]
    assert "📁 [R](R/README.md)" in out["T/index.md"]
    assert "T/R/index.md" not in out


def test_no_root_index_and_no_clash_with_differently_cased_index():
    out = section_pages({"a.md": "x", "F/Index.md": "x", "F/b.md": "x"})
    assert out == {}


def test_a_big_folder_with_an_index_note_gets_the_listing_appended():
    texts = {"Big/index.md": "---\ntitle: Mine\n---\n\nmy words\n"}
    texts |= {f"Big/n{i:02}.md": "x" for i in range(20)}
    texts |= {"Small/README.md": "readme\n", "Small/a.md": "x"}
    out = section_pages(texts)
    assert list(out) == ["Big/index.md"]  # Small is small enough for the navigation
    note, listing = out["Big/index.md"].split("\n\n## 📁 Big\n\n")
    assert note == "---\ntitle: Mine\n---\n\nmy words"
    assert listing.splitlines() == [f"- [n{i:02}](n{i:02}.md)" for i in range(20)]


@pytest.fixture(scope="module")
def big_folder_site(tmp_path_factory):
    """A vault with a 60-note folder and a nested one, built with the project's mkdocs.yml."""
    tmp = tmp_path_factory.mktemp("big-folder")
    notes = {f"Big/Note {i:03}.md": f"# Note {i}\n\ntext {i}\n" for i in range(60)}
    notes |= {f"Big/Inner/Leaf {i}.md": "leaf\n" for i in range(3)}
    notes |= {"Other/Far.md": "far\n", "Home.md": "home\n"}
    site, _ = mkdocs_build(write_vault(tmp / "vault", notes), tmp)
    return site


def _nav_links(site, rel):
    nav = page(site, rel).cssselect("nav.md-nav--primary")[0]
    return [
        (unquote(a.get("href")), " ".join(a.text_content().split()))
        for a in nav.cssselect("a.md-nav__link")
    ]


def test_navigation_shows_a_window_of_a_big_folder_and_links_the_rest(big_folder_site):
    links = _nav_links(big_folder_site, "Big/Note 030/")
    titles = [title for _, title in links]
    notes = [t for t in titles if t.startswith("Note ")]
    assert len(notes) == 15 and "Note 030" in notes  # a window around the current page
    assert notes == sorted(notes) and notes[0] == "Note 023"
    assert "Inner" in titles and "Other" in titles  # sub-folders and the other folder
    assert ("../", "⋯ 45") in links  # the rest: the folder's index page
    listing = page(big_folder_site, "Big/").cssselect("article a")
    assert len(listing) == 61  # Inner + 60 notes


def test_section_index_pages_are_the_folder_links(big_folder_site):
    links = _nav_links(big_folder_site, "Big/Inner/Leaf 1/")
    assert ("../", "Inner") in links  # the open folder's link is its index page
    assert ("../../../Other/", "Other") in links  # a closed folder links to its index page
