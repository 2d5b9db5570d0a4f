"""`obsidian-to-mkdocs new SITE_DIR --vault PATH`: a ready site folder for a vault.

Works from an installed package (everything it writes comes from the package) and inside a
vault's own git repository (`new . --vault .`, or the vault a folder of the site), so that
GitHub Pages sees the notes. It writes: a short mkdocs.yml (the theme and the Markdown
extensions come with the plugin), the GitHub Pages workflow, requirements.txt pinning this
package, a .gitignore, and the first conversion into docs/ (its home page in the vault's
language). It never overwrites a mkdocs.yml.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from . import __version__
from .labels import labels
from .options import DOCS_DIR, SITE_DIR, options_for
from .pipeline import convert

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parents[1]  # a source checkout (`pip install -e .`) has its pyproject.toml here
WORKFLOW = Path(".github") / "workflows" / "pages.yml"
IGNORED_DIRS = {".obsidian", ".trash", ".git", "node_modules"}
KANA = re.compile(r"[\u3040-\u30ff]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
WORD = re.compile(r"[^\W\d_]+")
CJK_SHARE = 0.2  # one CJK character says about as much as a 4-5 letter word
KANA_SHARE = 0.1  # Japanese text mixes kana into its kanji; Chinese has none
SAMPLE_NOTES, SAMPLE_CHARS = 200, 4000
# The most frequent short words of each Latin-script language the site's words exist in.
STOP_WORDS = {
    "en": {"the", "and", "is", "of", "to", "in", "it", "that", "with", "for", "this", "are"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "ein", "eine", "auf", "ich", "zu"},
    "fr": {"le", "la", "les", "et", "est", "des", "une", "un", "pas", "dans", "pour", "que"},
    "es": {"el", "la", "los", "las", "que", "y", "es", "una", "por", "con", "para", "del"},
}
SEARCH = {  # Material's search for CJK text: words cut by jieba (zh), Lunr's Japanese (ja)
    "zh": """\
  - search:
      lang: [zh, en]
      separator: '[\\s\\u200b\\-_,:!=\\[\\]()"`/]+|\\.(?!\\d)|&[lg]t;|(?!\\b)(?=[A-Z][a-z])'
      pipeline: [trimmer]
""",
    "ja": """\
  - search:
      lang: [ja, en]
""",
}


class ScaffoldError(Exception):
    """A usage problem the CLI reports with exit code 2."""


def _notes(vault: Path) -> list[Path]:
    notes = []
    for path in sorted(vault.rglob("*.md")):
        if not IGNORED_DIRS.intersection(path.relative_to(vault).parts[:-1]):
            notes.append(path)
    return notes


def guess_language(vault: Path) -> str:
    """The language most of the sampled note text is in: `zh`/`ja` when CJK characters are a
    good share of it (kana tell Japanese), else the Latin-script language whose most common
    words are the most frequent, else `en`.

    Letters are counted, not bytes or words: Chinese has no spaces, and a note with English
    code or links in it is still a Chinese note.
    """
    cjk = kana = latin = 0
    words: dict[str, int] = dict.fromkeys(STOP_WORDS, 0)
    for path in _notes(vault)[:SAMPLE_NOTES]:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")[:SAMPLE_CHARS]
        except OSError:
            continue
        text = re.sub(r"```.*?```|`[^`\n]*`|\]\([^)]*\)|https?://\S+", " ", text, flags=re.S)
        cjk += len(CJK.findall(text))
        kana += len(KANA.findall(text))
        found = [w.lower() for w in WORD.findall(CJK.sub(" ", text))]
        latin += sum(len(w) for w in found)
        for language, common in STOP_WORDS.items():
            words[language] += sum(w in common for w in found)
    total = cjk + latin
    if total and cjk / total >= CJK_SHARE:
        return "ja" if kana / cjk >= KANA_SHARE else "zh"
    best = max(words, key=lambda language: (words[language], language == "en"))
    return best if words[best] else "en"


def _yaml_scalar(value: str) -> str:
    """A quoted YAML string (JSON's quoting is valid YAML), safe for any folder name."""
    return json.dumps(value, ensure_ascii=False)


def site_config(name: str, language: str, vault: str) -> str:
    """A site's mkdocs.yml: Material with the features the theme is made for, search, and the
    plugin (which brings the theme's files and the Markdown extensions its pages need)."""
    words = labels(language)
    description = _yaml_scalar(f"{name}: an Obsidian vault published with obsidian-to-mkdocs")
    dark, light = _yaml_scalar(words["dark_mode"]), _yaml_scalar(words["light_mode"])
    search = SEARCH.get(language, "  - search\n")
    return f"""\
site_name: {_yaml_scalar(name)}
site_description: {description}
# site_url: https://YOU.github.io/REPOSITORY/  # absolute links in feed.xml and redirects

theme:
  name: material
  language: {language}
  font: false  # no request to Google Fonts
  features:
    - navigation.instant
    - navigation.instant.preview
    - navigation.indexes
    - navigation.prune
    - navigation.top
    - navigation.footer
    - search.highlight
    - search.suggest
    - content.code.copy
    - content.tooltips
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/brightness-7
        name: {dark}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/brightness-4
        name: {light}

plugins:
{search}  - obsidian-vault:
      vault: {_yaml_scalar(vault)}
"""


def requirements() -> str:
    """How the site's CI installs this converter: a source checkout's git remote and commit
    when run from one, else this release."""
    if not (CHECKOUT / "pyproject.toml").is_file():
        return f"obsidian-to-mkdocs=={__version__}\n"

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(CHECKOUT), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    remote, commit = git("remote", "get-url", "origin"), git("rev-parse", "HEAD")
    if remote.startswith(("https://", "git@")) and commit:
        url = remote if remote.startswith("https://") else "https://" + remote[4:].replace(":", "/")
        return f"obsidian-to-mkdocs @ git+{url}@{commit}\n"
    return f"obsidian-to-mkdocs=={__version__}\n"


GITIGNORE = """\
# Generated by obsidian-to-mkdocs (the manifest in docs/ lists them); hand-written pages are kept.
/docs/*
!/docs/index.md
/site/
# The incremental-conversion cache (safe to delete).
/.cache/
# The config `build --engine zensical` writes for Zensical at each build.
/.obsidian-to-mkdocs.zensical.yml
"""


def _paths(site: Path, vault: Path) -> tuple[str, bool]:
    """The vault as mkdocs.yml names it, and whether GitHub Pages sees the vault (it is the
    site's folder, holds it, or is in it). The site's own docs/ and site/ inside the vault are
    never read as notes (Options.own_folders)."""
    if site.is_relative_to(vault):
        return os.path.relpath(vault, site).replace(os.sep, "/"), True
    if vault.is_relative_to(site):
        return vault.relative_to(site).as_posix(), True
    return str(vault), False


def new_site(site: Path, vault: Path) -> list[str]:
    """Create the site folder; returns the lines to tell the user."""
    site, vault = site.expanduser().resolve(), vault.expanduser().resolve()
    if vault.is_file():
        raise ScaffoldError(f"--vault {vault} is a file, not a folder")
    if not vault.is_dir():
        raise ScaffoldError(f"vault folder not found: {vault}")
    if site.is_file():
        raise ScaffoldError(f"{site} is a file, not a folder")
    if (site / "mkdocs.yml").exists():
        raise ScaffoldError(f"{site / 'mkdocs.yml'} already exists; not overwriting it")
    vault_setting, published = _paths(site, vault)
    if site.is_relative_to(vault):
        for name in (DOCS_DIR, SITE_DIR):  # MkDocs writes (and cleans) them: not the vault's
            if (site / name).is_dir() and next((site / name).rglob("*.md"), None):
                raise ScaffoldError(
                    f"{site / name} holds notes of the vault, and the site would write over "
                    "them: make the site in another folder (new my-site --vault PATH)"
                )
    name, language = vault.name, guess_language(vault)
    config_text = site_config(name, language, vault_setting)

    site.mkdir(parents=True, exist_ok=True)
    (site / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    (site / WORKFLOW).parent.mkdir(parents=True, exist_ok=True)
    if not (site / WORKFLOW).exists():
        workflow = (PACKAGE / "site" / "pages.yml").read_text(encoding="utf-8")
        (site / WORKFLOW).write_text(workflow, encoding="utf-8")
    requirement = requirements().strip()
    if (site / "requirements.txt").exists():  # the user's: kept, and said as it is
        requirement = (site / "requirements.txt").read_text(encoding="utf-8").strip()
    for rel, text in ((".gitignore", GITIGNORE), ("requirements.txt", requirement + "\n")):
        if not (site / rel).exists():
            (site / rel).write_text(text, encoding="utf-8")
    report = convert(options_for(site / "mkdocs.yml"))  # as `build` will read it
    print(report.render(), file=sys.stderr)

    told = [
        f"Created {site}",
        f"  mkdocs.yml          site_name: {name}, language: {language}, vault: {vault_setting}",
        f"  docs/               the vault converted ({report.notes_published} notes)",
        f"  {WORKFLOW.as_posix()}  GitHub Pages (installs requirements.txt)",
        f"  requirements.txt    {requirement}",
        "Next:",
        f"  cd {site}",
        "  obsidian-to-mkdocs serve     # preview with live reload",
        "  obsidian-to-mkdocs build     # the site in site/",
    ]
    if requirement.startswith("obsidian-to-mkdocs=="):
        told.append(
            f"Note: CI installs {requirement} from PyPI (requirements.txt); if you installed "
            "it from elsewhere, put that source there (obsidian-to-mkdocs @ git+URL@COMMIT)."
        )
    if not published:
        told.append(
            "Note: the vault is outside the site folder, so GitHub Pages cannot see it; to "
            "publish from GitHub, run `new` inside the vault's repository (`new . --vault .`) "
            "or move the vault into the site folder and set `vault:`."
        )
    return told


def main(site: str, vault: str) -> int:
    """The `new` command: 0 when the site is ready, 2 for usage errors."""
    try:
        told = new_site(Path(site), Path(vault))
    except ScaffoldError as exc:
        print(f"obsidian-to-mkdocs new: {exc}", file=sys.stderr)
        return 2
    print("\n".join(told))
    return 0
