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

import logging
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from .report import Report
from .vault import read_note

log = logging.getLogger("mkdocs.plugins.obsidian_vault")

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# A name longer than this is a sentence (a note titled with a whole claim): jieba still cuts it,
# so that a reader who types part of it finds the note.
MAX_WORD = 8


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
        if (vault / rel).is_file():
            for alias in read_note(vault, rel, quiet).aliases:
                names.setdefault(alias, None)
    return list(names)


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
