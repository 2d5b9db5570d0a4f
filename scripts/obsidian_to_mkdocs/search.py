"""Chinese search: the index and the typed query are cut into the same words.

Material's search plugin cuts the Chinese in every page with jieba before indexing. Two things
make a reader's query find its page:

- here, at build time: every note's own name (title, aliases, tags) goes into jieba's user
  dictionary, so a name is one index term and never split into pieces a query cannot meet;
- in the browser (`theme/assets/javascripts/workers/obsidian-search.js`): the typed query
  is cut with the index's own vocabulary (the terms jieba produced), longest words first,
  before Lunr sees it, so a query cuts into the same words as the page it is looking for.

Names come from the pages MkDocs builds (their front matter, which MkDocs parsed already): the
vault is never read here.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .render.page import OWN_KEY
from .urls import page_url

log = logging.getLogger("mkdocs.plugins.obsidian_vault")

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# A name longer than this is a sentence (a note titled with a whole claim): jieba still cuts it,
# so that a reader who types part of it finds the note.
MAX_WORD = 8
TAG_PAGE_BOOST = 0.1
# A Latin word against CJK punctuation ("Obsidian，"): jieba cuts only runs of Chinese, so the
# two stayed one index word, "obsidian，", and a match highlight took the comma. A zero-width
# space (a separator of mkdocs.yml's search) splits them, in the MkDocs index only; the
# separator, which Zensical reads too, stays as it was (with Unicode ranges of punctuation in
# it, Lunr's queries failed on knowledge-garden).
CJK_PUNCTUATION = "，。、；：？！（）【】《》「」『』“”‘’"
WORD_AGAINST_PUNCTUATION = re.compile(
    rf"(?<=[A-Za-z0-9])(?=[{CJK_PUNCTUATION}])|(?<=[{CJK_PUNCTUATION}])(?=[A-Za-z0-9])"
)


@dataclass(frozen=True)
class PageNames:
    """What search needs of one page of the site: its names and where it lives."""

    src_uri: str  # docs-relative path
    url: str
    stem: str
    title: str | None
    tags: tuple[str, ...]
    aliases: tuple[str, ...]
    excluded: bool  # `search: exclude: true`: never indexed


def names_of(page) -> PageNames:
    """A MkDocs page's names, from the front matter MkDocs already parsed: reading and parsing
    3,000 pages' YAML again here cost 2.7 s per build of knowledge-garden."""
    meta = page.meta or {}
    title, search, own = meta.get("title"), meta.get("search"), meta.get(OWN_KEY)
    return PageNames(
        src_uri=page.file.src_uri,
        url=page.url,
        stem=page.file.name,
        title=html.unescape(str(title)) if title else None,  # front matter titles are HTML
        tags=tuple(_strings(meta.get("tags"))),
        aliases=tuple(_strings(own.get("aliases"))) if isinstance(own, dict) else (),
        excluded=isinstance(search, dict) and bool(search.get("exclude")),
    )


def page_names(pages: Iterable[PageNames]) -> list[str]:
    """Stems, titles, tags and aliases of the site's pages, in a stable order."""
    names: dict[str, None] = {}
    for page in sorted(pages, key=lambda p: p.src_uri):
        for name in (page.stem, page.title, *page.tags, *page.aliases):
            if name and name.strip():
                names.setdefault(name, None)
    return list(names)


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


def quiet_jieba() -> None:
    """jieba prints its dictionary loading ("Building prefix dict…") at DEBUG on stderr; only
    its warnings are kept. Its import sets that level, so this runs after importing it."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def load_user_dictionary(pages: Iterable[PageNames]) -> int:
    """Teach jieba (which Material's search plugin uses) the pages' names; returns how many."""
    try:
        import jieba
    except ImportError:  # Material then indexes without segmentation; nothing to teach
        return 0
    words = user_words(page_names(pages))
    for word in words:
        jieba.add_word(word)
    log.debug("obsidian-vault: %d note names added to the search dictionary", len(words))
    return len(words)


def segment(text: str) -> str:
    """Chinese cut by jieba with zero-width spaces between words, as Material indexes text."""
    import jieba

    cut = HAN_RUN.sub(lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group())) + "\u200b", text)
    return cut.strip("\u200b")


def own_names(page: PageNames) -> list[str]:
    """The names a reader may type for the page, as written: the browser ranks a page whose name
    is the query first. Not an indexed field (the title and aliases are): it only ranks."""
    return list(dict.fromkeys(name for name in (page.stem, page.title, *page.aliases) if name))


def complete_index(site_dir: Path, pages: Iterable[PageNames], tags_dir: str) -> int:
    """Complete Material's search index with what a reader types but a page does not show.

    - aliases: each page's entry gets its note's aliases (field `aliases`, see mkdocs.yml);
    - empty notes: Material indexes a page's text only, so a note with no body (a title-only
      card) had no entry at all; it gets one with its title;
    - tag pages (lists of links) rank below the notes they list: a reader who types a tag wants
      the notes about it first;
    - names: each page's entry gets its names as written (`own_names`), which the browser's
      ranking reads (obsidian-search.js);
    - a Latin word and CJK punctuation next to it are two words (WORD_AGAINST_PUNCTUATION).

    Returns how many entries were added or changed beyond their names.
    """
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return 0
    data = json.loads(index_file.read_text(encoding="utf-8"))
    docs = data.setdefault("docs", [])
    entries = {entry.get("location"): entry for entry in docs}
    sections: dict[str, list[dict]] = {}
    for entry in docs:
        sections.setdefault(str(entry.get("location")).split("#")[0], []).append(entry)
    for entry in docs:
        for field in ("title", "text"):
            if isinstance(entry.get(field), str):
                entry[field] = WORD_AGAINST_PUNCTUATION.sub("\u200b", entry[field])
    changed = 0
    tags = tags_dir.strip("/") + "/"
    for page in sorted(pages, key=lambda p: p.src_uri):
        if page.excluded:
            continue
        entry = entries.get(page.url)
        if entry is None:
            title = segment(page.title or page.stem)
            entry = entries[page.url] = {"location": page.url, "title": title, "text": ""}
            docs.append(entry)
            changed += 1
        if page.src_uri.startswith(tags):
            for section in sections.get(page.url, [entry]):
                section["boost"] = TAG_PAGE_BOOST
                changed += 1
        if page.aliases:
            entry["aliases"] = segment(" ".join(page.aliases)).strip("\u200b")
            changed += 1
        entry["names"] = own_names(page)
    if docs:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        index_file.write_text(text, encoding="utf-8")
    return changed


# --- Zensical ------------------------------------------------------------------------------------

ZENSICAL_INDEX = "search.json"
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)


def docs_names(docs_dir: Path, directory_urls: bool = True) -> dict[str, tuple[str, ...]]:
    """Page URL -> the aliases and tags of its note, read from the front matter of the docs/
    the conversion wrote (Zensical runs no plugin that could hand them over)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    names: dict[str, tuple[str, ...]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        if not path.is_file():  # a folder named "x.md"
            continue
        head = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        if head is None or ("aliases" not in head.group(1) and "tags" not in head.group(1)):
            continue
        try:
            meta = yaml.load(head.group(1), Loader=loader)
        except yaml.YAMLError:
            continue  # the conversion writes valid YAML; a hand-written page may not
        if not isinstance(meta, dict):
            continue
        own = meta.get(OWN_KEY)
        aliases = _strings(own.get("aliases")) if isinstance(own, dict) else []
        found = tuple(dict.fromkeys(n for n in (*aliases, *_strings(meta.get("tags"))) if n))
        if found:
            rel = path.relative_to(docs_dir).as_posix()
            names[page_url(rel, directory_urls)] = found
    return names


def finish_zensical_index(site_dir: Path, docs_dir: Path, directory_urls: bool = True) -> int:
    """Complete the index Zensical wrote (site/search.json) with what a reader types but a page
    does not show: each note's aliases and tags, as a last paragraph of its page's entry.

    Zensical indexes each page's title, text and path, cutting Chinese with the browser's
    Intl.Segmenter (the same cut for the page and the query), but not the note's aliases and
    tags. Run after `zensical build`; returns how many entries were completed.
    """
    index_file = site_dir / ZENSICAL_INDEX
    if not index_file.is_file():
        return 0
    data = json.loads(index_file.read_text(encoding="utf-8"))
    names = docs_names(docs_dir, directory_urls)
    changed = 0
    for item in data.get("items", []):
        location = str(item.get("location", ""))
        found = names.get(unquote(location)) if "#" not in location else None
        if found:
            words = " · ".join(html.escape(name, quote=False) for name in found)
            item["text"] = f"{item.get('text', '')} <p>{words}</p>".strip()
            changed += 1
    if changed:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        index_file.write_text(text, encoding="utf-8")
    return changed
