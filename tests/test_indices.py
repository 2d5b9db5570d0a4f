"""Tag pages, backlinks and graph data: the site feels like the vault (issue #7)."""

from __future__ import annotations

import json
from urllib.parse import unquote

from lxml import html

from .conftest import mkdocs_build, write_vault


def test_tag_pages_union_of_front_matter_and_inline_with_sections(convert_vault):
    docs, _, html_of = convert_vault(
        {
            "A.md": "---\ntags: [项目, '#fm-only', 'x, y']\n---\n# Intro\n\n## 第二节\n\n"
            "text #学习/数学 and #项目\n",
            "B.md": "---\ntags: 学习\n---\nbody #学习/物理\n",
        }
    )
    for tag in ("项目", "fm-only", "x", "y", "学习", "学习/数学", "学习/物理"):
        assert (docs / "tags" / tag / "index.md").is_file(), tag
    parent = html_of("tags/学习/index.md")
    assert [a.text_content() for a in parent.cssselect("li > a")] == ["A", "B"]
    assert {a.text_content() for a in parent.cssselect("a.ofm-tag")} == {"#学习/数学", "#学习/物理"}
    math = html_of("tags/学习/数学/index.md")
    section = math.cssselect("li li a")[0]
    assert section.text_content() == "第二节" and section.get("href") == "../../../A.md#第二节"
    index = [li.text_content() for li in html_of("tags/index.md").cssselect("li")]
    assert index[0] == "#学习 (2)"  # most used first


def test_backlinks_with_context_only_from_published_notes(convert_vault):
    _, _, html_of = convert_vault(
        {
            "Target.md": "the target\n",
            "One.md": "Before words, see [[Target]] for more.\n",
            "Two.md": "![[Target]]\n",
            "Hidden.md": "---\npublish: false\n---\nsecret mention of [[Target]]\n",
        }
    )
    section = html_of("Target.md").cssselect(".ofm-backlinks")[0]
    items = section.cssselect("li")
    assert [li.cssselect("a")[0].text_content() for li in items] == ["One", "Two"]
    assert items[0].cssselect(".ofm-backlink-context")[0].text_content() == (
        "Before words, see Target for more."
    )
    assert "secret" not in html.tostring(section, encoding="unicode")
    assert not html_of("One.md").cssselect(".ofm-backlinks")


def test_graph_json_nodes_and_edges(convert_vault):
    docs, _, _ = convert_vault(
        {"A.md": "[[B]] [[C]] [[Missing]]\n", "sub/B.md": "[[A]]\n", "C.md": "alone\n"}
    )
    graph = json.loads((docs / "assets" / "ofm" / "graph.json").read_text())
    by_title = {n["title"]: n for n in graph["nodes"]}
    assert set(by_title) == {"A", "B", "C"}
    assert by_title["B"]["url"] == "sub/B/" and by_title["B"]["group"] == "sub"
    edges = {(link["source"], link["target"]) for link in graph["links"]}
    a, b, c = (by_title[t]["id"] for t in "ABC")
    assert edges == {(a, b), (a, c), (b, a)}


def test_folder_note_becomes_the_section_index(convert_vault):
    docs, _, html_of = convert_vault(
        {"Projects/Projects.md": "folder note\n", "Projects/P1.md": "[[Projects]]\n"}
    )
    assert (docs / "Projects" / "index.md").is_file()
    assert not (docs / "Projects" / "Projects.md").exists()
    assert html_of("Projects/P1.md").cssselect("a")[0].get("href") == "index.md"


def test_built_site_chips_link_to_tag_pages(tmp_path):
    vault = write_vault(tmp_path / "vault", {"N.md": "---\ntags: [甲, b/c]\n---\ntext #乙\n"})
    site, _ = mkdocs_build(vault, tmp_path / "out")
    root = html.parse(str(site / "N" / "index.html")).getroot()
    chips = {a.text_content(): a.get("href") for a in root.cssselect("nav.md-tags a.md-tag")}
    assert set(chips) == {"甲", "b/c"}  # the properties; #乙 is a chip where it stands
    inline = root.cssselect("article a.ofm-tag")
    assert [a.text_content() for a in inline] == ["#乙"]
    assert (site / "N" / unquote(inline[0].get("href")) / "index.html").resolve().is_file()
    for href in chips.values():
        assert (site / "N" / unquote(href) / "index.html").resolve().is_file(), href
    graph_page = html.parse(str(site / "graph" / "index.html")).getroot()
    assert graph_page.cssselect("div.ofm-graph")


def test_navigation_is_naturally_sorted_with_index_first(tmp_path):
    notes = {f"{name}/n.md": "x\n" for name in ("10-Archive", "2-Areas", "00-Inbox", "1-Projects")}
    notes.update({"1-Projects/Step 10.md": "x\n", "1-Projects/Step 2.md": "x\n"})
    vault = write_vault(tmp_path / "vault", notes)
    site, _ = mkdocs_build(vault, tmp_path / "out", extra_docs={"index.md": "home\n"})
    root = html.parse(str(site / "1-Projects" / "Step 2" / "index.html")).getroot()
    nav = root.cssselect("nav.md-nav--primary")[0]
    labels = [e.text_content().strip() for e in nav.cssselect("a.md-nav__link")]
    sections = [t for t in labels if t[:1].isdigit()]
    assert sections == ["00-Inbox", "1-Projects", "2-Areas", "10-Archive"]
    steps = [t for t in labels if t.startswith("Step")]
    assert steps == ["Step 2", "Step 10"]
    following = root.cssselect("a.md-footer__link--next")[0].text_content()
    assert "Step 10" in following


def test_generated_home_page_when_the_vault_has_none(convert_vault):
    docs, _, html_of = convert_vault(
        {
            "Old.md": "---\nupdated: 2020-01-01\n---\nold #a\n",
            "New.md": "---\nupdated: 2024-05-01\n---\nnew #a #b\n",
        }
    )
    home = html_of("index.md")
    recent = [a.text_content() for a in home.cssselect("li a")]
    assert recent[:2] == ["New", "Old"]
    assert {a.text_content() for a in home.cssselect("a.ofm-tag")} == {"#a", "#b"}


def test_no_generated_home_page_over_a_hand_written_one(tmp_path):
    from obsidian_to_mkdocs import Options, convert

    vault = write_vault(tmp_path / "vault", {"N.md": "x\n"})
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("mine\n")
    report = convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    assert (docs / "index.md").read_text() == "mine\n"
    assert not any("index.md" in d.path for d in report.diagnostics)
