"""Every word the site shows is in the site's language (`theme.language`), English where a
language is not translated; and every option changes the site consistently (#19)."""

from __future__ import annotations

import json

import pytest
from lxml import html

from .conftest import write_vault
from .linkcheck import check_site
from .test_cli import run

NOTES = {
    "Alpha.md": (
        "---\ncreated: 2024-01-02\nupdated: 2024-03-04\ntags: [projekt]\n---\n# Alpha\n\n"
        "> [!faq]\n> Why?\n\n```ad-tip\nsow early\n```\n\nSee [[Beta#Part]]. #garden/herbs\n"
    ),
    "Beta.md": "# Beta\n\n## Part\n\nBack to [[Alpha]]. #garden\n",
    "Private/Secret.md": "# Secret\n\n[[Alpha]] #garden\n",
}
# Hand-written expectations: (recent notes, all tags, backlinks, faq callout, tip block, created)
WORDS = {
    "en": ("Recent notes", "All tags", "Backlinks", "Faq", "Tip", "Created"),
    "zh": ("最近的笔记", "全部标签", "反向链接", "问题", "提示", "创建于"),
    "de": ("Neueste Notizen", "Alle Tags", "Rückverweise", "Frage", "Tipp", "Erstellt"),
    "fr": (
        "Notes récentes",
        "Toutes les étiquettes",
        "Rétroliens",
        "Question",
        "Astuce",
        "Créé le",
    ),
    "es": ("Notas recientes", "Todas las etiquetas", "Enlaces entrantes", "Pregunta", "Consejo")
    + ("Creado",),
    "ja": ("最近のノート", "すべてのタグ", "バックリンク", "質問", "ヒント", "作成日"),
    "pt-BR": ("Recent notes", "All tags", "Backlinks", "Faq", "Tip", "Created"),  # fallback
}


@pytest.mark.parametrize("language", list(WORDS))
def test_generated_words_are_in_the_sites_language(convert_vault, language):
    recent, all_tags, backlinks, faq, tip, created = WORDS[language]
    docs, _, html_of = convert_vault(NOTES, language=language)
    home = html_of("index.md")
    assert [h.text for h in home.cssselect("h2")][0] == recent
    assert all_tags in [a.text_content() for a in home.cssselect("a")]
    alpha = html_of("Alpha.md")
    titles = [t.text_content() for t in alpha.cssselect(".admonition-title")]
    assert titles == [faq, tip]
    assert alpha.cssselect(".ofm-dates__created")[0].get("title") == created
    beta = html_of("Beta.md")
    assert beta.cssselect(".ofm-backlinks strong")[0].text_content() == backlinks


SITE = """\
site_name: Options
use_directory_urls: false
theme:
  name: material
  language: fr
  font: false
plugins:
  - search
  - obsidian-vault:
      vault: notes
      tags_dir: topics
      exclude: ["Private/**"]
"""


@pytest.fixture(scope="module")
def options_site(tmp_path_factory):
    """A site with non-default options, built by the real CLI: (site folder, its output)."""
    root = tmp_path_factory.mktemp("options")
    write_vault(root / "notes", NOTES)
    (root / "mkdocs.yml").write_text(SITE, encoding="utf-8")
    done = run(root, "build")
    assert done.returncode == 0, done.stderr
    return root / "site"


def test_non_default_options_build_a_site_without_broken_links(options_site):
    result = check_site(options_site)
    assert result.checked > 20 and result.broken == []
    alpha = html.parse(str(options_site / "Alpha.html")).getroot()
    chips = [a.get("href") for a in alpha.cssselect("nav.md-tags a")]
    assert chips == ["topics/projekt/index.html"]  # the properties; #garden/herbs stands inline
    inline = {a.text_content(): a.get("href") for a in alpha.cssselect("a.ofm-tag")}
    assert inline == {"#garden/herbs": "topics/garden/herbs/index.html"}
    assert (options_site / "topics" / "projekt" / "index.html").is_file()
    assert not (options_site / "tags").exists() and not (options_site / "Private").exists()


def test_graph_and_tag_pages_are_not_listed_as_notes(options_site):
    home = html.parse(str(options_site / "index.html")).getroot()
    nav = [a.get("href") for a in home.cssselect("nav.md-nav--primary a.md-nav__link")]
    assert "Alpha.html" in nav and "Beta.html" in nav
    assert not [href for href in nav if href.startswith(("graph", "topics"))], nav
    assert (options_site / "graph.html").is_file()


def test_theme_words_and_shared_names_reach_the_templates(options_site):
    missing = html.parse(str(options_site / "404.html")).getroot()
    assert missing.cssselect("article h1")[0].text_content() == "404 - Page introuvable"
    alpha = html.parse(str(options_site / "Alpha.html")).getroot()
    settings = json.loads(alpha.cssselect("script#ofm-settings")[0].text)
    assert settings["tags_dir"] == "topics" and settings["graph_json"] == "assets/ofm/graph.json"
    assert settings["script_words"]["open"] == "Graphe complet"
    assert (options_site / settings["graph_json"]).is_file()


def test_a_note_named_graph_is_listed_and_the_moved_graph_page_is_not(tmp_path):
    write_vault(tmp_path / "vault", {"graph.md": "# My graph note\n", "Other.md": "[[graph]]\n"})
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: G\ntheme:\n  name: material\n  font: false\nplugins:\n  - obsidian-vault\n",
        encoding="utf-8",
    )
    done = run(tmp_path, "build")
    assert done.returncode == 0, done.stderr
    home = html.parse(str(tmp_path / "site" / "index.html")).getroot()
    nav = [a.get("href") for a in home.cssselect("nav.md-nav--primary a.md-nav__link")]
    assert "graph/" in nav and "Other/" in nav
    moved = [href for href in nav if href.startswith("graph-")]
    assert moved == [] and (tmp_path / "site" / "graph-2" / "index.html").is_file(), nav


def test_the_themes_fallbacks_are_the_shared_defaults():
    """Builders that run no plugin (Zensical) get the templates' and scripts' own fallbacks:
    they must be shared.py's defaults and the English words."""
    from obsidian_to_mkdocs.labels import LABELS
    from obsidian_to_mkdocs.shared import GRAPH_JSON, NAV_WINDOW, SCRIPT_WORDS, TAGS_DIR, THEME_DIR

    theme = {p.name: p.read_text(encoding="utf-8") for p in THEME_DIR.rglob("*.html")}
    assert f").nav_window or {NAV_WINDOW} %}}" in theme["nav-item.html"]
    assert f'.tags_dir or "{TAGS_DIR}" %}}' in theme["tags.html"]
    assert f'.not_found or "{LABELS["en"]["not_found"]}" }}}}' in theme["404.html"]
    assert f"(ofm.graph_json or '{GRAPH_JSON}')" in theme["404.html"]
    script = (THEME_DIR / "assets" / "javascripts" / "graph.js").read_text(encoding="utf-8")
    assert f'SETTINGS.graph_json || "{GRAPH_JSON}"' in script
    for key in SCRIPT_WORDS:
        assert f'{key}: "{LABELS["en"]["graph_" + key]}"' in script, key
