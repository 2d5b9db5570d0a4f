"""Links, embeds and attachments resolve as in Obsidian (OFM-SPEC §5), and built sites have
no broken internal link or anchor."""

from __future__ import annotations

import pytest

from .conftest import SHARED, mkdocs_build
from .linkcheck import check_site

EXPORT_TESTDATA = SHARED / "corpora" / "obsidian-export-testdata" / "input"


def _hrefs(root) -> list[str]:
    return [a.get("href") for a in root.cssselect("a") if not a.get("class")]


def test_shortest_unique_name_case_and_unicode_insensitive(convert_vault):
    cafe_nfd = "Cafe\u0301"
    _, report, html_of = convert_vault(
        {
            "A.md": f"[[deep note]] [[DEEP NOTE.md]] [[sub/Deep Note]] [[{cafe_nfd}]]\n",
            "x/sub/Deep Note.md": "# Title\n",
            "Caf\u00e9.md": "nfc name\n",
        }
    )
    hrefs = _hrefs(html_of("A.md"))
    assert hrefs[:3] == ["x/sub/Deep%20Note.md"] * 3
    assert hrefs[3] == "Caf%C3%A9.md"
    assert report.links_unresolved == 0


def test_ambiguous_name_prefers_same_folder_else_shortest_and_warns(convert_vault):
    _, report, html_of = convert_vault(
        {
            "dir1/Note.md": "1\n",
            "dir2/x/Note.md": "2\n",
            "dir2/x/Linker.md": "[[Note]]\n",
            "Root.md": "[[Note]]\n",
        }
    )
    assert _hrefs(html_of("dir2/x/Linker.md")) == ["Note.md"]
    assert _hrefs(html_of("Root.md")) == ["dir1/Note.md"]
    warnings = [d for d in report.diagnostics if "matches 2 notes" in d.message]
    assert [d.path for d in warnings] == ["Root.md"]


def test_alias_resolves(convert_vault):
    _, _, html_of = convert_vault(
        {"Long Name.md": "---\naliases: [短名]\n---\nbody\n", "A.md": "[[短名]]\n"}
    )
    root = html_of("A.md")
    assert _hrefs(root) == ["Long%20Name.md"] and root.text_content().strip() == "短名"


def test_heading_and_block_anchors_are_the_ids_the_page_has(convert_vault):
    _, report, html_of = convert_vault(
        {
            "T.md": "# 长上下文 Heading\n\n## Dup\n\n## Dup\n\nA paragraph ^blk-1\n",
            "A.md": "[[T#长上下文 heading]] [[T#Dup]] [[T#^blk-1]] [[T#Nope]]\n",
        }
    )
    hrefs = _hrefs(html_of("A.md"))
    assert hrefs == ["T.md#长上下文-heading", "T.md#dup", "T.md#^blk-1", "T.md"]
    target = html_of("T.md")
    ids = {e.get("id") for e in target.iter() if e.get("id")}
    assert {"长上下文-heading", "dup", "dup_1", "^blk-1"} <= ids
    assert any("Nope" in d.message for d in report.diagnostics)


def test_link_text_as_obsidian_shows_it(convert_vault):
    _, _, html_of = convert_vault({"T.md": "## H\n", "A.md": "[[T#H]] [[T]] [[T|alias]]\n"})
    texts = [a.text_content() for a in html_of("A.md").cssselect("a")]
    assert texts == ["T > H", "T", "alias"]


def test_markdown_links_to_notes_resolve_the_same_way(convert_vault):
    _, _, html_of = convert_vault(
        {
            "x/Note Name.md": "## Part\n",
            "A.md": "[a](Note%20Name.md) [b](<Note Name.md>) [c](x/Note%20Name.md#Part) "
            "[d](https://example.com/x.md)\n",
        }
    )
    assert _hrefs(html_of("A.md")) == [
        "x/Note%20Name.md",
        "x/Note%20Name.md",
        "x/Note%20Name.md#part",
        "https://example.com/x.md",
    ]


def test_image_embeds_with_size_and_attachment_copied(convert_vault):
    # `#` cannot appear in a wikilink target (it starts a heading), only in Markdown links
    docs, _, html_of = convert_vault(
        {
            "A.md": "![[p q&+$ (1).png|300]] ![[p q&+$ (1).png|300x200]] "
            "![[p q&+$ (1).png|Alt text]] ![hash](files/x%23y.png)\n",
            "files/p q&+$ (1).png": b"\x89PNG\r\n\x1a\n",
            "files/x#y.png": b"\x89PNG\r\n\x1a\n",
            "files/unused.png": b"\x89PNG\r\n\x1a\n",
        }
    )
    images = html_of("A.md").cssselect("img")
    assert [i.get("src") for i in images] == ["files/p%20q%26%2B%24%20%281%29.png"] * 3 + [
        "files/x%23y.png"
    ]
    assert (images[0].get("width"), images[1].get("height"), images[2].get("alt")) == (
        "300",
        "200",
        "Alt text",
    )
    assert (docs / "files" / "p q&+$ (1).png").is_file() and (docs / "files" / "x#y.png").is_file()
    assert not (docs / "files" / "unused.png").exists()


def test_media_and_pdf_embeds(convert_vault):
    _, _, html_of = convert_vault(
        {
            "A.md": "![[s.mp3]]\n\n![[v.mp4]]\n\n![[d.pdf]]\n",
            "s.mp3": b"1",
            "v.mp4": b"2",
            "d.pdf": b"%PDF",
        }
    )
    root = html_of("A.md")
    assert root.cssselect("audio")[0].get("src") == "../s.mp3"  # raw HTML: page URL is A/
    assert root.cssselect("video")[0].get("src") == "../v.mp4"
    assert root.cssselect("iframe.ofm-pdf") and root.cssselect("a[download]")


def test_note_section_and_block_transclusion(convert_vault):
    _, _, html_of = convert_vault(
        {
            "sub/T.md": "intro\n\n## One\n\none body [[Other]]\n\n## Two\n\ntwo body\n\n"
            "- item ^b1\n",
            "Other.md": "x\n",
            "A.md": "![[T]]\n\n![[T#One]]\n\n![[T#^b1]]\n",
        }
    )
    embeds = html_of("A.md").cssselect("div.admonition.ofm-embed")
    assert len(embeds) == 3
    whole, section, block = (e.text_content() for e in embeds)
    assert "intro" in whole and "two body" in whole
    assert "one body" in section and "two body" not in section
    assert "item" in block and "two body" not in block
    # the embedded note's own link stays correct from the embedding page
    assert "Other.md" in [a.get("href") for a in embeds[1].cssselect("a")]


def test_embed_cycles_stop_with_a_link_and_a_warning(convert_vault):
    _, report, html_of = convert_vault({"A.md": "![[B]]\n", "B.md": "![[A]]\n", "S.md": "![[S]]\n"})
    assert html_of("A.md").cssselect("a[href='A.md']")
    assert sum("cycle" in d.message for d in report.diagnostics) >= 2


def test_unresolved_and_unpublished_targets_are_visible_text_not_links(convert_vault):
    _, report, html_of = convert_vault(
        {
            "A.md": "[[Missing]] [[Secret]] ![[gone.png]]\n",
            "Secret.md": "---\npublish: false\n---\nsecret\n",
        }
    )
    root = html_of("A.md")
    assert not root.cssselect("a") and not root.cssselect("img")
    assert len(root.cssselect(".ofm-unresolved")) == 3
    assert report.links_unresolved == 3
    assert all(d.line == 1 for d in report.diagnostics)


def test_links_outside_the_vault_are_refused(convert_vault, tmp_path):
    (tmp_path / "outside.md").write_text("OUTSIDE SECRET\n")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    docs, report, html_of = convert_vault(
        {"A.md": "[x](../outside.md) ![y](../outside.png) [[../outside]] ![[/etc/hostname]]\n"}
    )
    root = html_of("A.md")
    assert not root.cssselect("img") and not [a for a in root.cssselect("a")]
    assert report.links_unresolved == 4
    assert not any(p.name.startswith("outside") for p in docs.rglob("*"))


def test_sample_site_has_no_broken_internal_link(sample_site):
    result = check_site(sample_site)
    assert result.checked > 20
    assert result.broken == []


@pytest.mark.parametrize("case", sorted(p.name for p in EXPORT_TESTDATA.iterdir() if p.is_dir()))
def test_obsidian_export_testdata_vaults_have_no_broken_link(case, tmp_path):
    site, _ = mkdocs_build(EXPORT_TESTDATA / case, tmp_path)
    result = check_site(site)
    assert result.broken == []


@pytest.mark.slow
def test_knowledge_garden_has_no_broken_internal_link(knowledge_garden_site):
    site, report = knowledge_garden_site
    result = check_site(site)
    print(f"knowledge-garden: {result.checked} internal links checked; {report.summary()}")
    assert result.checked > 10000
    assert result.broken == []


def test_url_stops_before_a_wikilink_and_a_declined_link_stays_text(convert_vault):
    _, _, html_of = convert_vault(
        {
            "ipfs.md": "x\n",
            "A.md": "mirror https://zlib.example/[[ipfs]] here\n\n"
            "![>](<https://img.example/a?code=1) after\n",
        }
    )
    root = html_of("A.md")
    assert "ipfs.md" in [a.get("href") for a in root.cssselect("a")]
    assert not root.cssselect("img")
    assert "![>](<https://img.example/a?code=1)" in root.text_content()


def test_links_to_files_the_vault_lacks_are_unresolved_text(convert_vault):
    """Markdown and raw-HTML links to a missing `.nb` (the vault's root named as `/x.nb` too)
    show their text as an unresolved link, never an `<a href>` to a 404; present files link."""
    docs, report, html_of = convert_vault(
        {
            "Scripts/SallenKey.nb": b"(* nb *)",
            "A/N.md": (
                "[here](../Scripts/SallenKey.nb) [gone](../Scripts/Biquad.nb)\n\n"
                '<a href="scripts/OPV_Integrator.nb" class="internal-link">nb</a>\n\n'
                '<center><a href="/Rotor.nb" class="internal-link">rotor</a></center>\n\n'
                '<p><a href="/Scripts/SallenKey.nb">root</a></p>\n'
            ),
        }
    )
    root = html_of("A/N.md")
    links = [(a.text_content(), a.get("href")) for a in root.cssselect("a")]
    assert links == [
        ("here", "../Scripts/SallenKey.nb"),
        ("nb", None),
        ("rotor", None),
        ("root", "../../Scripts/SallenKey.nb"),  # raw HTML: from the page's URL A/N/
    ]
    assert [s.text_content() for s in root.cssselect("span.ofm-unresolved")] == ["gone"]
    assert len(root.cssselect("a[data-ofm-unresolved]")) == 2
    assert (docs / "Scripts" / "SallenKey.nb").is_file()
    messages = [d.message for d in report.diagnostics]
    assert "linked file 'scripts/OPV_Integrator.nb' not found" in messages
    assert "linked file 'Rotor.nb' not found" in messages
