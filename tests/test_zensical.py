"""The generated docs/ builds with Zensical, with no converter or MkDocs plugin running (#10, #24).

Zensical reads mkdocs.yml but runs no MkDocs plugins, so whatever the seed page needs must
already be plain Markdown in docs/. Each site here is converted once, then built by the real
Zensical as `obsidian-to-mkdocs build --engine zensical` does it (the generated config of
zensical_build.py) and compared with the real MkDocs + Material build of the same vault.
"""

from __future__ import annotations

import copy
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from lxml import html

from obsidian_to_mkdocs.render.page import front_matter

from .conftest import ROOT, build_with_zensical, converted, mkdocs_build, write_vault
from .conftest import page as page_of

SEED = "OpenAI DevDay 2023/"
SEED_TITLE = "为什么OpenAI要自己下场做服务？"


def zensical_build(vault: Path, out: Path) -> Path:
    """Convert `vault` into out/docs, then build it as `build --engine zensical` does."""
    options, report = converted(vault, out)
    assert report.notes_published > 0
    return build_with_zensical(options, out / "site")


def article(site: Path, rel_url: str) -> html.HtmlElement:
    root = html.parse(str(site / rel_url / "index.html")).getroot()
    return root.cssselect("article.md-content__inner")[0]


def admonitions(art) -> dict[str, html.HtmlElement]:
    """Admonitions and collapsible blocks of a page, by kind and title."""
    found = {}
    for block in art.cssselect("div.admonition, details"):
        title = block.cssselect(".admonition-title, summary")
        kind = [c for c in block.get("class", "").split() if c != "admonition"]
        found[f"{' '.join(kind)}: {title[0].text_content().strip() if title else ''}"] = block
    return found


def _is_chip(link) -> bool:
    """Tag chips above the content come from the builder's tags feature (with MkDocs, our
    partial links them to the tag pages); the README lists them as builder-specific."""
    return any(p.tag == "nav" and "md-tags" in (p.get("class") or "") for p in link.iterancestors())


def anchors(art, rel_url: str) -> dict[str, list]:
    """What a reader can follow: heading ids, other ids, and every internal link resolved to
    (page, fragment): the builders spell a link to the page itself differently (`./#x`,
    `../Page/#x`), which is the same place."""
    base = f"https://site.invalid/{rel_url.strip('/')}/"
    return {
        "headings": [h.get("id") for h in art.cssselect("h1, h2, h3, h4, h5, h6")],
        "ids": [i for i in (e.get("id") for e in art.cssselect("[id]")) if not i.startswith("__")],
        "links": [
            unquote(urljoin(base, href))
            for href in (a.get("href") for a in art.cssselect("a[href]") if not _is_chip(a))
            if not urlsplit(href).scheme
        ],
    }


@pytest.fixture(scope="module")
def zensical_site(zensical_sample_site) -> Path:
    return zensical_sample_site


@pytest.fixture(scope="module")
def seeds(zensical_site, sample_site):
    return article(zensical_site, SEED), article(sample_site, SEED)


def test_seed_question_callout_keeps_title_and_highlight(seeds):
    zensical, mkdocs = seeds
    found = admonitions(zensical)
    callout = found[f"question: {SEED_TITLE}"]
    assert [m.text_content() for m in callout.cssselect("mark")] == ["“卡住生态位”"]
    assert sorted(found) == sorted(admonitions(mkdocs))


def test_seed_ad_question_block_is_an_admonition_not_code(seeds):
    zensical, _ = seeds
    body = next(b for b in admonitions(zensical).values() if "如何看待" in b.text_content())
    assert "question" in body.get("class")
    assert not body.cssselect("pre, code") and len(body.cssselect("p")) >= 3
    own = copy.deepcopy(zensical)  # the fixture is shared: cut a copy
    for backlinks in own.cssselect(".ofm-backlinks"):  # other notes' words
        backlinks.getparent().remove(backlinks)
    assert "ad-question" not in own.text_content()


def test_seed_highlights_are_marks(seeds):
    zensical, mkdocs = seeds
    marks = [m.text_content() for m in zensical.cssselect("mark")]
    assert "数据清洗的质量很重要；旧知识的遗忘问题" in marks
    assert marks == [m.text_content() for m in mkdocs.cssselect("mark")]
    assert "==" not in zensical.text_content()


def test_seed_tags_link_to_tag_pages_that_zensical_built(seeds, zensical_site):
    zensical, mkdocs = seeds
    tags = {a.text_content(): a.get("href") for a in zensical.cssselect("a.ofm-tag")}
    assert {"#GPT", "#新产品", "#商业数据", "#竞争战略", "#认知观点", "#行业研究"} <= set(tags)
    assert tags == {a.text_content(): a.get("href") for a in mkdocs.cssselect("a.ofm-tag")}
    for href in tags.values():
        target = zensical_site / SEED / unquote(href) / "index.html"
        assert target.is_file(), href
        listing = html.parse(str(target)).getroot().cssselect("article")[0]
        assert "OpenAI DevDay 2023" in listing.text_content(), href


def test_seed_anchors_and_links_match_mkdocs(seeds):
    zensical, mkdocs = seeds
    assert anchors(zensical, SEED) == anchors(mkdocs, SEED)
    visible = zensical.text_content()
    for raw in ("[[", "]]", "[!question]", "%%", "```"):
        assert raw not in visible, raw


def test_every_sample_page_has_the_same_anchors_and_admonitions(zensical_site, sample_site):
    pages = sorted(p.parent.relative_to(sample_site) for p in sample_site.rglob("index.html"))
    pages = [p for p in pages if (zensical_site / p / "index.html").is_file() and str(p) != "."]
    redirect = 'http-equiv="refresh"'  # the converter's redirect pages (aliases) have no article
    pages = [p for p in pages if redirect not in (sample_site / p / "index.html").read_text()]
    assert len(pages) >= 8  # the seed, the tag index and six tag pages at least
    for rel in pages:
        zensical, mkdocs = article(zensical_site, str(rel)), article(sample_site, str(rel))
        assert anchors(zensical, str(rel)) == anchors(mkdocs, str(rel)), rel
        assert sorted(admonitions(zensical)) == sorted(admonitions(mkdocs)), rel


HEADINGS_VAULT = {
    "Alpha.md": (
        "# Alpha\n\n## 第一节 标题\nA ==mark==, a #topic/sub tag and a block. ^blk1\n\n"
        "## Duplicate\n## Duplicate\n\n> [!tip]- Folded\n> inside **bold**\n\n"
        "> [!note]+ Open\n> body\n"
    ),
    "Beta.md": (
        "Links: [[Alpha#第一节 标题]], [[Alpha#^blk1]], [[Alpha#Duplicate]], "
        "[[Alpha|alias]] and [[Folder/Gamma]].\n"
    ),
    "Folder/Gamma.md": "---\naliases: [G]\n---\n# Gamma\n\nBack to [[Beta]].\n",
}


def test_alias_redirect_pages_and_the_feed_are_served_as_written(zensical_site):
    """They are static files in docs/ (#10): Zensical copies them unchanged, no plugin needed."""
    docs = zensical_site.parent / "docs"
    written = [p.relative_to(docs) for p in docs.rglob("index.html")] + [Path("feed.xml")]
    assert len(written) >= 3  # the sample vault has two aliases
    for rel in written:
        assert (zensical_site / rel).read_bytes() == (docs / rel).read_bytes(), rel
    redirect = (zensical_site / written[0]).read_text(encoding="utf-8")
    target = re.search(r'url=([^"]+)"', redirect).group(1)
    assert (zensical_site / written[0]).parent.joinpath(unquote(target), "index.html").is_file()


def test_heading_ids_block_ids_and_heading_links_agree_with_mkdocs(tmp_path):
    """CJK and duplicate headings, block ids and links to them: the converter computes the
    anchors itself, so both builders must give every heading the id the links point to."""
    vault = write_vault(tmp_path / "vault", HEADINGS_VAULT)
    zensical_site = zensical_build(vault, tmp_path / "z")
    mkdocs_site, _ = mkdocs_build(vault, tmp_path / "m")
    for rel in ("Alpha", "Beta", "Folder/Gamma", "tags/topic/sub"):
        zensical, mkdocs = article(zensical_site, rel), article(mkdocs_site, rel)
        assert anchors(zensical, rel) == anchors(mkdocs, rel), rel
    alpha = anchors(article(zensical_site, "Alpha"), "Alpha")
    assert alpha["headings"] == ["alpha", "第一节-标题", "duplicate", "duplicate_1"]
    assert "^blk1" in alpha["ids"]
    to_alpha = [
        link.partition("#")[2]
        for link in anchors(article(zensical_site, "Beta"), "Beta")["links"]
        if link.startswith("https://site.invalid/Alpha/#")
    ]
    assert sorted(to_alpha) == ["^blk1", "duplicate", "第一节-标题"]
    assert set(to_alpha) <= set(alpha["ids"])
    folded = admonitions(article(zensical_site, "Alpha"))
    assert folded["tip: Folded"].tag == "details" and folded["tip: Folded"].get("open") is None
    assert folded["note: Open"].get("open") is not None


def test_mkdocs_yml_lists_what_the_plugin_would_add():
    """Zensical runs no plugin: the sample's mkdocs.yml lists every Markdown extension the
    plugin adds under MkDocs, with the same settings (the slug function compared by what it
    does), so both builders read the pages alike."""
    from mkdocs.config import load_config

    from obsidian_to_mkdocs.plugin import markdown_extensions

    config = load_config(str(ROOT / "mkdocs.yml"))  # validated, no plugin event run
    wanted = markdown_extensions()
    assert set(wanted) <= set(config["markdown_extensions"])
    for name, settings in wanted.items():
        listed = config["mdx_configs"].get(name, {})
        assert set(listed) == set(settings), name
    slug, ours = config["mdx_configs"]["toc"]["slugify"], wanted["toc"]["slugify"]
    assert slug("Ä Heading 标题", "-") == ours("Ä Heading 标题", "-") == "ä-heading-标题"


# --- `obsidian-to-mkdocs build|serve --engine zensical` ----------------------------------------

SITE_CONFIG = """\
site_name: engine test
theme:
  name: material
  language: de
  font: false
plugins:
  - obsidian-vault:
      vault: vault
"""
ENGINE_VAULT = {
    "Note 10.md": "> [!tip] Tipp\n> ==markiert== und [[Note 2]]\n",
    "Note 2.md": "Zwei.\n",
    "<Ordner & Co>/Drin.md": "Im Ordner.\n",
}


def _site_folder(tmp_path: Path) -> Path:
    write_vault(tmp_path / "vault", ENGINE_VAULT)
    (tmp_path / "mkdocs.yml").write_text(SITE_CONFIG, encoding="utf-8")
    return tmp_path


def _cli(folder: Path, *arguments: str, hide_zensical: bool = False, **popen):
    """The real CLI in a process of its own, run in the site folder."""
    hide = "import sys; sys.modules['zensical'] = None; " if hide_zensical else ""
    code = f"{hide}from obsidian_to_mkdocs.cli import main; raise SystemExit(main())"
    command = [sys.executable, "-c", code, *arguments]
    if popen:
        return subprocess.Popen(command, cwd=folder, **popen)
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300)


def test_build_engine_zensical_adds_what_the_plugin_adds_and_keeps_mkdocs_yml(tmp_path):
    """mkdocs.yml lists no extension and no theme folder: the generated config brings the
    plugin's (callouts are admonitions, highlights marks, the theme's scripts and words in the
    site's language), the navigation is in natural order with a folder's name as text."""
    folder = _site_folder(tmp_path)
    done = _cli(folder, "build", "--engine", "zensical")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (folder / "mkdocs.yml").read_text(encoding="utf-8") == SITE_CONFIG
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert 'content="zensical-' in home and "assets/javascripts/graph.js" in home
    settings = html.fromstring(home).get_element_by_id("ofm-settings").text
    assert json.loads(settings)["script_words"]["notes"] == "Notizen"  # theme.language: de
    note = article(folder / "site", "Note 10")
    tip = admonitions(note)["tip: Tipp"]
    assert [m.text_content() for m in tip.cssselect("mark")] == ["markiert"]
    primary = page_of(folder / "site", "Note 10").cssselect("nav.md-nav--primary")[0]
    names = [item.text_content().strip() for item in primary.cssselect("a, label")]
    shown = [name for name in names if name in ("Note 2", "Note 10", "<Ordner & Co>")]
    assert list(dict.fromkeys(shown)) == ["<Ordner & Co>", "Note 2", "Note 10"]
    hrefs = [link.get("href") for link in primary.cssselect("a")]
    assert not [href for href in hrefs if "graph" in href]  # the graph page is not a note


def test_engine_zensical_without_zensical_says_how_to_install_it(tmp_path):
    folder = _site_folder(tmp_path)
    done = _cli(folder, "build", "--engine", "zensical", hide_zensical=True)
    assert done.returncode == 2
    assert "pip install 'obsidian-to-mkdocs[zensical]'" in done.stderr
    assert not (folder / "docs").exists()  # said before anything is converted


def test_serve_engine_zensical_converts_again_when_a_note_changes(tmp_path):
    folder = _site_folder(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "serve.log").open("w")
    server = _cli(
        folder,
        "serve",
        "--engine",
        "zensical",
        "-a",
        f"127.0.0.1:{port}",
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/Note%202/"
    try:
        assert _served(url, "Zwei.", 90), (tmp_path / "serve.log").read_text()[-2000:]
        (folder / "vault" / "Note 2.md").write_text("Zwei, ==neu==.\n", encoding="utf-8")
        assert _served(url, "<mark>neu</mark>", 60), (tmp_path / "serve.log").read_text()[-2000:]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    with socket.socket() as again:  # Zensical's server went with the command
        again.bind(("127.0.0.1", port))


def _served(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if needle in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_front_matter_titles_keep_their_quotes_descriptions_do_not():
    """A title is written into text only, so only `&`, `<`, `>` are escaped (Zensical's search
    dialog would show `&quot;`); a description goes into an attribute: quotes escaped too."""
    text = """Don't "x" & <y>"""
    written = yaml.safe_load(front_matter({"title": text, "description": text}).split("---")[1])
    assert written["title"] == """Don't "x" &amp; &lt;y&gt;"""
    assert written["description"] == "Don&#x27;t &quot;x&quot; &amp; &lt;y&gt;"
