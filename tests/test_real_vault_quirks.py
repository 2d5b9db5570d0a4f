"""What real vaults of other people contain and the sample vault did not (issue #18, part B):
front matter that does not parse, Obsidian's excluded files, the vault's own home page and
README notes, and smaller things (comma-separated aliases, tags ending in `/`, heading links
written as text, raw HTML left open)."""

from __future__ import annotations

import json

from .conftest import mkdocs_build, page, write_vault
from .linkcheck import check_site

# Two shapes seen in real vaults: a Templater line indented by mistake, and properties run
# together on one line (knowledge-value-zh).
TEMPLATER = '---\nAlias: [ "<% tp.date.now() %>" ]\n  created: <% tp.file.creation_date() %>\n---\n'
RUN_TOGETHER = "---\naliases: [LLM] · created: 2026-05-30\n---\n"


def test_unparseable_front_matter_publishes_the_body_with_a_warning(convert_vault):
    docs, report, html_of = convert_vault(
        {
            "Home.md": "[[Templated]] [[Guarded]] [[Flow]] [[Run]]\n",
            "Run.md": f"{RUN_TOGETHER}RUN body\n",
            "Templated.md": f"{TEMPLATER}Body of the templated note [[Home]].\n",
            "Guarded.md": "---\ntitle: [unclosed\nPublish: false\n---\nGUARDED body\n",
            "Flow.md": "---\n{draft: yes, title: [x\n---\nFLOW body\n",
        }
    )
    assert "Body of the templated note" in html_of("Templated.md").text_content()
    assert "tp.date" not in (docs / "Templated.md").read_text()
    warning = next(d for d in report.diagnostics if d.path == "Templated.md")
    assert warning.level == "warning" and warning.line in (2, 3)
    assert "front matter" in warning.message and "body is published" in warning.message
    for private in ("Guarded.md", "Flow.md"):  # the unreadable block names a publication key
        assert not (docs / private).exists()
        assert any(d.level == "error" and d.path == private for d in report.diagnostics)
    every_byte = "".join(p.read_text() for p in docs.rglob("*.md"))
    assert "GUARDED" not in every_byte and "FLOW" not in every_byte
    assert "RUN body" in html_of("Run.md").text_content()
    assert report.notes_published == 3


def test_unparseable_front_matter_stays_private_in_allow_list_mode(convert_vault):
    docs, report, _ = convert_vault(
        {"Open.md": "---\npublish: true\n---\nopen\n", "Templated.md": f"{TEMPLATER}SECRET\n"},
        require_publish=True,
    )
    assert (docs / "Open.md").is_file() and not (docs / "Templated.md").exists()
    assert "SECRET" not in "".join(p.read_text() for p in docs.rglob("*.md"))


def test_excluded_files_are_not_pages_but_their_images_stay_embeddable(convert_vault):
    settings = json.dumps({"userIgnoreFilters": ["images/", "Templates/"]})
    docs, report, html_of = convert_vault(
        {
            ".obsidian/app.json": settings,
            "Note.md": "![[diagram.png]] and ![map](images/map.png) [[Template]]\n",
            "images/diagram.png": b"\x89PNG\r\n\x1a\nD",
            "images/map.png": b"\x89PNG\r\n\x1a\nM",
            "images/Excluded note.md": "EXCLUDED NOTE\n",
            "Templates/Template.md": "TEMPLATE\n",
        }
    )
    assert (docs / "images" / "diagram.png").read_bytes().endswith(b"D")
    assert (docs / "images" / "map.png").read_bytes().endswith(b"M")
    sources = [img.get("src") for img in html_of("Note.md").cssselect("img")]
    assert sources == ["images/diagram.png", "images/map.png"]
    assert not (docs / "Templates").exists() and not (docs / "images" / "Excluded note.md").exists()
    assert report.notes_published == 1


def test_the_vault_index_is_the_home_and_a_readme_beside_it_stays_a_page(tmp_path):
    """data-eng-wiki's shape: README.md and Index.md at the root, a hub README in a folder
    that also has an index.md, and notes linking to all of them."""
    vault = write_vault(
        tmp_path / "vault",
        {
            "Index.md": "# Welcome\n\nVAULT HOME [[README]] [[Hub/README|hub]] [[Other]]\n",
            "README.md": "ROOT README [[Index]]\n",
            "Hub/index.md": "HUB INDEX\n",
            "Hub/README.md": "HUB README\n",
            "Other.md": "[[index]] [[README]] [[Hub/README]] [[Hub/index]]\n",
        },
    )
    site, report = mkdocs_build(vault, tmp_path / "out")
    assert "VAULT HOME" in page(site, "").text_content()
    assert "ROOT README" in page(site, "readme").text_content()
    assert "HUB README" in page(site, "Hub/readme").text_content()
    assert "HUB INDEX" in page(site, "Hub").text_content()
    other = page(site, "Other").cssselect("article a:not(.headerlink)")
    hrefs = [a.get("href") for a in other if "ofm-tag" not in (a.get("class") or "")]
    assert hrefs[:4] == ["../", "../readme/", "../Hub/readme/", "../Hub/"]
    assert report.links_unresolved == 0
    assert not check_site(site).broken


def test_a_root_readme_or_home_note_is_the_home_page(tmp_path):
    for home, other in (("README.md", "Home.md"), ("Home.md", "Start.md")):
        vault = write_vault(
            tmp_path / home / "vault",
            {home: f"THE HOME {home} [[{other[:-3]}]]\n", other: "ANOTHER NOTE\n"},
        )
        site, _ = mkdocs_build(vault, tmp_path / home / "out")
        assert f"THE HOME {home}" in page(site, "").text_content()
        assert "ANOTHER NOTE" in page(site, other[:-3]).text_content()


def test_a_configured_home_note_wins(convert_vault):
    docs, _, html_of = convert_vault(
        {"index.md": "ROOT INDEX\n", "Start/Begin here.md": "BEGIN [[index]]\n"},
        home="Start/Begin here",
    )
    assert "BEGIN" in (docs / "index.md").read_text()
    assert "ROOT INDEX" in (docs / "index" / "index.md").read_text()
    assert html_of("index.md").cssselect("a")[0].get("href") == "index/index.md"


def test_comma_separated_aliases_are_several_and_a_tag_may_end_in_a_slash(convert_vault):
    docs, report, html_of = convert_vault(
        {
            "Target.md": "---\naliases: Alpha, Beta Two ,Gamma\ntags: [area/, x]\n---\nbody\n",
            "Links.md": "[[Alpha]] [[Beta Two]] [[Gamma]] #topic/\n",
        }
    )
    hrefs = [a.get("href") for a in html_of("Links.md").cssselect("a")]
    assert hrefs == ["Target.md"] * 3 + ["tags/topic/index.md"]
    assert (docs / "tags" / "area" / "index.md").is_file()
    assert report.links_unresolved == 0


def test_heading_links_written_as_text_or_inside_an_embed_reach_the_heading(convert_vault):
    docs, _, html_of = convert_vault(
        {
            "Physics.md": (
                "# Tree Level\n\ntext\n\n## Loops\n\nSee [[#Tree Level]] and [up](#Tree-Level).\n\n"
                "## 🏗️ 系统架构\n\n[GitHub's slug](#-系统架构)\n"
            ),
            "Host.md": "# Host\n\n![[Physics#Loops]]\n\n[there](Physics.md#tree-level)\n",
        }
    )
    physics = [a.get("href") for a in html_of("Physics.md").cssselect("p a")]
    assert physics[:2] == ["#tree-level", "#tree-level"]
    heading = html_of("Physics.md").cssselect("h2")[-1].get("id")
    assert physics[2] == f"#{heading}"  # GitHub's slug, which the id also is
    host = [a.get("href") for a in html_of("Host.md").cssselect("p a")]
    # the embed's own title link to its section, then the embedded and the Markdown links
    assert host == ["Physics.md#loops"] + ["Physics.md#tree-level"] * 3


def test_raw_html_left_open_does_not_swallow_the_rest_or_the_backlinks(tmp_path):
    vault = write_vault(
        tmp_path / "vault",
        {
            "Open.md": (
                '# Open\n\n<iframe src="https://example.org/embed" width="100%">\n\n'
                'After the **iframe**.\n\n<div class="box">\n\nAfter the div.\n\n'
                "<details>\n<summary>More</summary>\n\nInside details.\n\n</details>\n"
            ),
            "Linker.md": (
                '[[Open]] <a href="Open.md#open" class="internal-link">html link</a> '
                '<a href="../xEDU/Dashboard.md" class="internal-link">gone</a>\n'
            ),
            "Logo.md": '<div align="center">\n<img src="./Assets/logo.svg" width="200">\n</div>\n',
            "Assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
        },
    )
    site, _ = mkdocs_build(vault, tmp_path / "out")
    content = page(site, "Open").cssselect("article")[0]
    assert [s.text_content() for s in content.cssselect("strong")][:1] == ["iframe"]
    backlinks = content.cssselect(".ofm-backlinks a")
    assert [a.text_content() for a in backlinks] == ["Linker"]
    assert "Inside details." in content.cssselect("details")[0].text_content()
    html_links = page(site, "Linker").cssselect("article p a")
    assert [(a.text, a.get("href")) for a in html_links[1:]] == [
        ("html link", "../Open/#open"),
        ("gone", None),  # visible text, no 404
    ]
    assert html_links[2].get("data-ofm-unresolved") is not None
    image = page(site, "Logo").cssselect("article img")[0]
    assert image.get("src") == "../Assets/logo.svg"
    assert (site / "Assets" / "logo.svg").is_file()
    assert not check_site(site).broken
