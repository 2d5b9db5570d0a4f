"""`obsidian-to-mkdocs new SITE_DIR --vault PATH`: a ready site folder for a vault elsewhere.

The site is this project's own configuration with four things changed (name, description,
language, vault path), so a user's site looks and renders exactly like the sample site and
follows it when mkdocs.yml changes here. It writes: mkdocs.yml, docs/index.md (a hand-written
home page the converter never touches), the GitHub Pages workflow, requirements.txt, a
and a .gitignore; the theme comes with the plugin.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from . import __version__
from .options import Options
from .pipeline import convert

PROJECT = Path(__file__).resolve().parents[2]  # the checkout (`pip install -e .`)
WORKFLOW = Path(".github") / "workflows" / "pages.yml"
MANIFEST = ".obsidian-to-mkdocs.json"
IGNORED_DIRS = {".obsidian", ".trash", ".git", "node_modules"}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
CJK_SHARE = 0.2  # one CJK character says about as much as a 4-5 letter word
SAMPLE_NOTES, SAMPLE_CHARS = 200, 4000
PALETTE_EN = {"切换到深色模式": "Switch to dark mode", "切换到浅色模式": "Switch to light mode"}


class ScaffoldError(Exception):
    """A usage problem the CLI reports with exit code 2."""


def _notes(vault: Path) -> list[Path]:
    notes = []
    for path in sorted(vault.rglob("*.md")):
        if not IGNORED_DIRS.intersection(path.relative_to(vault).parts[:-1]):
            notes.append(path)
    return notes


def guess_language(vault: Path) -> str:
    """`zh` when CJK characters are a good share of the sampled note text, else `en`.

    Letters are counted, not bytes or words: Chinese has no spaces, and a note with English
    code or links in it is still a Chinese note.
    """
    cjk = latin = 0
    for path in _notes(vault)[:SAMPLE_NOTES]:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")[:SAMPLE_CHARS]
        except OSError:
            continue
        text = re.sub(r"```.*?```|`[^`\n]*`|\]\([^)]*\)|https?://\S+", " ", text, flags=re.S)
        cjk += len(CJK.findall(text))
        latin += len(LATIN.findall(text))
    total = cjk + latin
    return "zh" if total and cjk / total >= CJK_SHARE else "en"


def _replace_once(text: str, pattern: str, replacement: str) -> str:
    new, count = re.subn(pattern, lambda _: replacement, text, count=1, flags=re.M)
    if count != 1:
        raise ScaffoldError(f"the template mkdocs.yml has no line matching {pattern!r}")
    return new


def _yaml_scalar(value: str) -> str:
    """A quoted YAML string (JSON's quoting is valid YAML), safe for any folder name."""
    return json.dumps(value, ensure_ascii=False)


def site_config(name: str, language: str, vault_setting: str) -> str:
    """The project's mkdocs.yml, renamed and pointed at the user's vault."""
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    text = _replace_once(text, r"^site_name:.*$", f"site_name: {_yaml_scalar(name)}")
    description = f"{name}: an Obsidian vault published with obsidian-to-mkdocs"
    text = _replace_once(
        text, r"^site_description:.*$", f"site_description: {_yaml_scalar(description)}"
    )
    text = _replace_once(text, r"^(  language:).*$", f"  language: {language}")
    text = _replace_once(
        text,
        r"^(\s*- obsidian-vault:\s*\n\s+vault:).*$",
        f"  - obsidian-vault:\n      vault: {_yaml_scalar(vault_setting)}",
    )
    if language != "zh":
        for zh, en in PALETTE_EN.items():
            text = text.replace(zh, en)
    return text


def _requirements() -> str:
    """How the site's CI installs this converter: the checkout's own git remote and commit
    when it has one, else the released version."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(PROJECT), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    remote, commit = git("remote", "get-url", "origin"), git("rev-parse", "HEAD")
    if remote.startswith(("https://", "git@")) and commit:
        url = remote if remote.startswith("https://") else "https://" + remote[4:].replace(":", "/")
        return f"obsidian-to-mkdocs @ git+{url}@{commit}\n"
    return f"obsidian-to-mkdocs=={__version__}\n"


def home_page(name: str, docs: Path) -> str:
    """A short home page linking to the vault's top-level notes and the tag index, taken
    from what the conversion actually wrote, so no link is broken."""
    generated = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["generated"]
    top = sorted(p for p in generated if "/" not in p and p.endswith(".md"))
    lines = [
        "---",
        f"title: {_yaml_scalar(name)}",
        "---",
        "",
        f"# {name}",
        "",
        "These pages are the notes of an Obsidian vault, published with obsidian-to-mkdocs.",
        "Edit this page (`docs/index.md`) as you like: the conversion never overwrites it.",
        "",
    ]
    lines += [f"- [{Path(p).stem}]({quote(p)})" for p in top[:30]]
    if "tags/index.md" in generated:
        lines.append("- [All tags](tags/index.md)")
    return "\n".join(lines).rstrip() + "\n"


GITIGNORE = """\
# Generated by obsidian-to-mkdocs (the manifest in docs/ lists them); hand-written pages are kept.
/docs/*
!/docs/index.md
/site/
# The incremental-conversion cache (safe to delete).
/.cache/
"""


def new_site(site: Path, vault: Path) -> list[str]:
    """Create the site folder; returns the lines to tell the user. Never overwrites a
    mkdocs.yml: an existing site is the user's work."""
    site, vault = site.expanduser().absolute(), vault.expanduser().resolve()
    if not vault.is_dir():
        raise ScaffoldError(f"vault folder not found: {vault}")
    if (site / "mkdocs.yml").exists():
        raise ScaffoldError(f"{site / 'mkdocs.yml'} already exists; not overwriting it")
    if not (PROJECT / "mkdocs.yml").is_file():
        raise ScaffoldError(f"the project's mkdocs.yml is not in {PROJECT}")
    inside = vault.is_relative_to(site.resolve())
    vault_setting = vault.relative_to(site.resolve()).as_posix() if inside else str(vault)
    name, language = vault.name, guess_language(vault)

    site.mkdir(parents=True, exist_ok=True)
    docs = site / "docs"
    report = convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    print(report.render(), file=sys.stderr)
    index = docs / "index.md"
    if not index.exists():
        index.write_text(home_page(name, docs), encoding="utf-8")
        home = "home page"
    elif "index.md" in json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["generated"]:
        home = "the vault's index.md"
    else:
        home = "kept (already there)"
    (site / WORKFLOW).parent.mkdir(parents=True, exist_ok=True)
    workflow = (PROJECT / WORKFLOW).read_text(encoding="utf-8")
    workflow = workflow.replace("run: pip install -e .", "run: pip install -r requirements.txt")
    workflow = workflow.replace(
        "cache-dependency-path: pyproject.toml", "cache-dependency-path: requirements.txt"
    )
    (site / WORKFLOW).write_text(workflow, encoding="utf-8")
    for rel, text in ((".gitignore", GITIGNORE), ("requirements.txt", _requirements())):
        if not (site / rel).exists():
            (site / rel).write_text(text, encoding="utf-8")
    (site / "mkdocs.yml").write_text(site_config(name, language, vault_setting), encoding="utf-8")

    told = [
        f"Created {site}",
        f"  mkdocs.yml          site_name: {name}, language: {language}, vault: {vault_setting}",
        f"  docs/index.md       {home}",
        f"  {WORKFLOW.as_posix()}  GitHub Pages (installs requirements.txt)",
        "Next:",
        f"  cd {site}",
        "  obsidian-to-mkdocs serve     # preview with live reload",
        "  obsidian-to-mkdocs build     # the site in site/",
    ]
    if not inside:
        told.append(
            "Note: the vault is outside the site folder, so GitHub Pages cannot see it; to "
            "publish from GitHub, move or copy it into the site folder and set `vault:`."
        )
    if _requirements().startswith("obsidian-to-mkdocs=="):
        told.append(
            "Note: requirements.txt pins the release; if it is not on PyPI, replace it with "
            "`obsidian-to-mkdocs @ git+https://github.com/YOU/obsidian-to-mkdocs@COMMIT`."
        )
    return told


def main(site: str, vault: str) -> int:
    """The `new` command: 0 when the site is ready, 2 for usage errors."""
    try:
        told = new_site(Path(site), Path(vault))
    except ScaffoldError as exc:
        print(f"obsidian-to-mkdocs: {exc}", file=sys.stderr)
        return 2
    print("\n".join(told))
    return 0
