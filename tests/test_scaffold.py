"""`obsidian-to-mkdocs new SITE_DIR --vault PATH` makes a site that builds (#10).

Real runs of the CLI: `new` on a vault written here, then `build` from the new folder with the
real MkDocs + Material, as a user would after `cd SITE_DIR`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import html

from obsidian_to_mkdocs.cli import main
from obsidian_to_mkdocs.options import read_config
from obsidian_to_mkdocs.scaffold import guess_language

from .conftest import write_vault

ENGLISH = {
    "Garden notes.md": "---\ntags: [garden]\n---\n# Soil\n\nCompost and [[Seeds]]. #howto\n",
    "Seeds.md": "> [!tip] Sow early\n> Tomatoes in ==March==.\n",
    "Deep/Note.md": "Back to [[Garden notes#Soil]].\n",
}
GERMAN = {
    "Garten.md": "# Der Garten\n\n> [!note]\n> Die Tomaten sind nicht reif, der Boden ist nass.\n",
    "Saat.md": "Die Saat ist mit dem [[Garten]] verbunden. #garten\n",
}
CHINESE = {
    "读书笔记.md": "# 第一章\n\n这是一段中文笔记，讲的是如何阅读 Python 代码和 `print()` 函数。\n",
    "随想.md": "今天学习了 [[读书笔记]]，很有收获。#学习\n",
}


def built(site: Path, rel: str) -> html.HtmlElement:
    return html.parse(str(site / rel / "index.html")).getroot()


@pytest.fixture
def english_site(tmp_path, monkeypatch, capsys):
    vault = write_vault(tmp_path / "My Garden", ENGLISH)
    site = tmp_path / "site"
    assert main(["new", str(site), "--vault", str(vault)]) == 0
    out = capsys.readouterr().out
    assert f"Created {site}" in out and "obsidian-to-mkdocs serve" in out
    monkeypatch.chdir(site)
    return site, vault


def test_new_writes_a_config_pointing_at_the_vault(english_site):
    site, vault = english_site
    config, settings = read_config(site / "mkdocs.yml")
    assert config["site_name"] == "My Garden"
    assert config["theme"] == {**config["theme"], "name": "material", "language": "en"}
    assert "custom_dir" not in config["theme"]  # the plugin brings the theme
    assert "markdown_extensions" not in config and "extra_javascript" not in config
    assert settings == {"vault": str(vault.resolve())}
    toggles = [p["toggle"]["name"] for p in config["theme"]["palette"]]
    assert toggles == ["Switch to dark mode", "Switch to light mode"]
    for rel in (
        ".github/workflows/pages.yml",
        "docs/index.md",
        "requirements.txt",
        ".gitignore",
    ):
        assert (site / rel).is_file(), rel
    home = (site / "docs" / "index.md").read_text(encoding="utf-8")
    assert "## Recent notes" in home and "[Garden notes](Garden%20notes.md)" in home
    assert "[All tags](tags/index.md)" in home


def test_new_site_builds_from_its_folder(english_site):
    site, _ = english_site
    assert main(["build", "-f", str(site / "mkdocs.yml")]) == 0
    out = site / "site"
    assert built(out, ".").cssselect("title")[0].text_content().startswith("My Garden")
    page = built(out, "Seeds")
    assert page.get("lang") == "en"
    tip = page.cssselect("div.admonition.tip")[0]
    assert tip.cssselect(".admonition-title")[0].text_content() == "Sow early"
    assert [m.text_content() for m in tip.cssselect("mark")] == ["March"]
    deep = built(out, "Deep/Note").cssselect("article a[href*='Garden']")[0]
    assert deep.get("href") == "../../Garden%20notes/#soil"
    home_links = {a.get("href") for a in built(out, ".").cssselect("article a")}
    assert {"Garden%20notes/", "Seeds/", "tags/"} <= home_links
    assert (out / "assets" / "ofm.css").is_file()  # the package's theme is used


def test_new_refuses_to_overwrite_a_site(english_site, capsys):
    site, vault = english_site
    before = (site / "mkdocs.yml").read_bytes()
    assert main(["new", str(site), "--vault", str(vault)]) == 2
    assert "already exists; not overwriting" in capsys.readouterr().err
    assert (site / "mkdocs.yml").read_bytes() == before


def test_new_without_a_vault_is_a_usage_error(tmp_path, capsys):
    assert main(["new", str(tmp_path / "site"), "--vault", str(tmp_path / "nope")]) == 2
    assert "vault folder not found" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_vault_inside_the_site_is_written_relative(tmp_path, capsys):
    site = tmp_path / "site"
    write_vault(site / "notes", CHINESE)
    assert main(["new", str(site), "--vault", str(site / "notes")]) == 0
    assert "GitHub Pages cannot see it" not in capsys.readouterr().out
    config, settings = read_config(site / "mkdocs.yml")
    assert settings["vault"] == "notes"
    assert config["theme"]["language"] == "zh"
    assert "## 最近的笔记" in (site / "docs" / "index.md").read_text(encoding="utf-8")


def test_language_is_guessed_from_the_notes(tmp_path):
    assert guess_language(write_vault(tmp_path / "zh", CHINESE)) == "zh"
    assert guess_language(write_vault(tmp_path / "en", ENGLISH)) == "en"
    mixed = {"a.md": "English words " * 40 + "一些中文", ".obsidian/x.md": "中文" * 500}
    assert guess_language(write_vault(tmp_path / "mixed", mixed)) == "en"
    assert guess_language(write_vault(tmp_path / "empty", {"a.md": ""})) == "en"


def test_generated_workflow_is_valid_and_installs_the_requirements(english_site):
    site, _ = english_site
    workflow = site / ".github" / "workflows" / "pages.yml"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(workflow),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    runs = [
        s.get("run")
        for job in yaml.safe_load(workflow.read_text())["jobs"].values()
        for s in job.get("steps", [])
    ]
    assert "pip install -r requirements.txt" in runs and "pip install -e ." not in runs
    requirement = (site / "requirements.txt").read_text(encoding="utf-8").strip()
    assert requirement.startswith("obsidian-to-mkdocs")


def test_new_inside_the_vaults_own_repository(tmp_path, monkeypatch, capsys):
    """`new . --vault .` in a vault that is a git repository: the site's files beside the
    notes, its own folders kept out of the vault, and the second build reads no page of the
    first as a note."""
    vault = write_vault(tmp_path / "Notizen", GERMAN)
    subprocess.run(["git", "init", "-q", str(vault)], check=True)
    monkeypatch.chdir(vault)
    assert main(["new", ".", "--vault", "."]) == 0
    assert "GitHub Pages cannot see it" not in capsys.readouterr().out
    config, settings = read_config(vault / "mkdocs.yml")
    assert settings == {"vault": "."}
    assert config["theme"]["language"] == "de"
    assert (vault / ".github" / "workflows" / "pages.yml").is_file()
    assert main(["build"]) == 0
    capsys.readouterr()
    assert main(["build"]) == 0  # docs/ and site/ now exist inside the vault: never read
    report = capsys.readouterr().err
    assert "obsidian-to-mkdocs: 2 notes read, 2 published (0 rendered, 2 unchanged)" in report
    assert "0 pages written" in report
    home = built(vault / "site", ".")
    assert [h.text for h in home.cssselect("article h2")][0] == "Neueste Notizen"
    assert not (vault / "docs" / "docs").exists() and not (vault / "docs" / "site").exists()
    assert (
        built(vault / "site", "Garten")
        .cssselect("div.admonition.note .admonition-title")[0]
        .text_content()
        == "Notiz"
    )


@pytest.mark.parametrize(
    ("notes", "language"),
    [
        ({"a.md": "Die Katze ist nicht auf dem Dach, und der Hund ist mit ihr im Haus."}, "de"),
        ({"a.md": "Le chat est dans la maison et les enfants ne sont pas pour une fois la."}, "fr"),
        ({"a.md": "El gato es de la casa y los perros con una pelota para el parque."}, "es"),
        ({"a.md": "これは日本語のノートです。東京で会議がありました。"}, "ja"),
    ],
)
def test_language_guess_knows_the_sites_languages(tmp_path, notes, language):
    assert guess_language(write_vault(tmp_path / "v", notes)) == language


def test_new_in_a_vault_whose_docs_folder_holds_notes_refuses(tmp_path, capsys):
    """MkDocs writes docs/ and cleans site/: a vault's own docs/ notes must not be there."""
    vault = write_vault(tmp_path / "vault", {"docs/Manual.md": "# Manual\n", "A.md": "a\n"})
    assert main(["new", str(vault), "--vault", str(vault)]) == 2
    assert "docs holds notes of the vault" in capsys.readouterr().err
    assert not (vault / "mkdocs.yml").exists()
    assert (vault / "docs" / "Manual.md").read_text(encoding="utf-8") == "# Manual\n"
