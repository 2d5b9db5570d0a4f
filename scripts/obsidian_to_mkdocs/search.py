"""Chinese search: the index and the typed query are cut into the same words.

Material's search plugin cuts the Chinese in every page with jieba before indexing. Two things
make a reader's query find its page:

- here, at build time: every note's own name (title, aliases, tags) goes into jieba's user
  dictionary, so a name is one index term and never split into pieces a query cannot meet;
- in the browser (`overrides/assets/javascripts/workers/obsidian-search.js`): the typed query
  is cut with the index's own vocabulary (the terms jieba produced), longest words first,
  before Lunr sees it, so a query cuts into the same words as the page it is looking for.

Only notes the converter publishes are read; nothing is written inside the vault.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from .options import Options
from .report import Report
from .vault import read_note

log = logging.getLogger("mkdocs.plugins.obsidian_vault")

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# A name longer than this is a sentence (a note titled with a whole claim): jieba still cuts it,
# so that a reader who types part of it finds the note.
MAX_WORD = 8
TAG_PAGE_BOOST = 0.1


def page_names(docs_dir: Path, vault: Path) -> list[str]:
    """Titles, tags and aliases of the pages the converter wrote, in a stable order.

    Reading `docs/` (not the vault) keeps to exactly what is published; a page's note, at the
    same relative path in the vault, gives its aliases.
    """
    names: dict[str, None] = {}
    quiet = Report()
    for page in sorted(docs_dir.rglob("*.md")):
        rel = page.relative_to(docs_dir).as_posix()
        meta = _front_matter(page)
        title = meta.get("title")
        for name in (page.stem, title, *_strings(meta.get("tags"))):
            if isinstance(name, str) and name.strip():
                names.setdefault(name, None)
        for alias in _aliases(page, vault / rel, quiet):
            names.setdefault(alias, None)
    return list(names)


def _aliases(page: Path, note: Path, report: Report) -> list[str]:
    """A page's aliases: its own front matter's, else those of its note in the vault."""
    aliases = _strings(_front_matter(page).get("aliases"))
    if aliases or not note.is_file():
        return aliases
    rel = note.name
    return read_note(note.parent, rel, report).aliases


def _front_matter(page: Path) -> dict:
    try:
        text = page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if not text.startswith("---\n") or "\n---" not in text[4:]:
        return {}
    try:
        meta = yaml.safe_load(text[4 : text.index("\n---", 3)])
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _strings(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [str(value)] if value else []


def user_words(names: Iterable[str]) -> list[str]:
    """The Chinese words of `names` that jieba must keep whole.

    A run of Chinese is a word when it stands on its own in the name ("谷氨酰胺",
    "🪞瘦死的骆驼比马大", "docker compose 常用命令"); a run glued to Latin letters
    ("MacOS的terminal中快速打开app应用") is a piece of a sentence: jieba cuts it like
    any text.
    """
    words: dict[str, None] = {}
    for name in names:
        for match in HAN_RUN.finditer(name):
            before, after = name[: match.start()][-1:], name[match.end() :][:1]
            if _glued(before) or _glued(after):
                continue
            if 2 <= len(match.group()) <= MAX_WORD:
                words.setdefault(match.group(), None)
    return list(words)


def _glued(char: str) -> bool:
    return char.isascii() and char.isalnum()


def load_user_dictionary(docs_dir: Path, vault: Path) -> int:
    """Teach jieba (which Material's search plugin uses) the pages' names; returns how many."""
    try:
        import jieba
    except ImportError:  # Material then indexes without segmentation; nothing to teach
        return 0
    words = user_words(page_names(docs_dir, vault))
    for word in words:
        jieba.add_word(word)
    log.debug("obsidian-vault: %d note names added to the search dictionary", len(words))
    return len(words)


def segment(text: str) -> str:
    """Chinese cut by jieba with zero-width spaces between words, as Material indexes text."""
    import jieba

    cut = HAN_RUN.sub(lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group())) + "\u200b", text)
    return cut.strip("\u200b")


def complete_index(site_dir: Path, options: Options) -> int:
    """Complete Material's search index with what a reader types but a page does not show.

    - aliases: each page's entry gets its note's aliases (field `aliases`, see mkdocs.yml);
    - empty notes: Material indexes a page's text only, so a note with no body (a title-only
      card) had no entry at all; it gets one with its title;
    - tag pages (lists of links) rank below the notes they list: a reader who types a tag wants
      the notes about it first.

    Returns how many entries were added or changed.
    """
    from mkdocs.structure.files import File

    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return 0
    data = json.loads(index_file.read_text(encoding="utf-8"))
    entries = {entry.get("location"): entry for entry in data.get("docs", [])}
    sections: dict[str, list[dict]] = {}
    for entry in data.get("docs", []):
        sections.setdefault(str(entry.get("location")).split("#")[0], []).append(entry)
    quiet = Report()
    changed = 0
    docs_dir, vault = options.docs_dir, options.vault
    directory_urls, tags = options.use_directory_urls, options.tags_dir.strip("/") + "/"
    for page in sorted(docs_dir.rglob("*.md")):
        rel = page.relative_to(docs_dir).as_posix()
        url = File(rel, str(docs_dir), str(site_dir), directory_urls).url
        entry = entries.get(url)
        if entry is None:
            title = _front_matter(page).get("title") or page.stem
            entry = entries[url] = {"location": url, "title": segment(str(title)), "text": ""}
            data.setdefault("docs", []).append(entry)
            changed += 1
        if rel.startswith(tags):
            for section in sections.get(url, [entry]):
                section["boost"] = TAG_PAGE_BOOST
                changed += 1
        names = _aliases(page, vault / rel, quiet)
        if names:
            entry["aliases"] = segment(" ".join(names)).strip("\u200b")
            changed += 1
    if changed:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        index_file.write_text(text, encoding="utf-8")
    return changed
