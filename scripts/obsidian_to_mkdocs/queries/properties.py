"""The note-properties index: every published note's fields, as both query languages see them.

Front matter (typed), inline fields (`key:: value`, `[key:: value]`, `(key:: value)`), tasks
and list items, and the implicit `file.*` fields. Only published notes are in it, so no query
can show, count or link an unpublished one. It is built on first use, once per conversion.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from ..index import VaultIndex
from ..syntax.tags import scan_tag
from ..syntax.wikilinks import parse_wikilink
from ..vault import Note
from .values import Link, Value, parse_date, parse_duration

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_LINE_FIELD = re.compile(  # `key:: value` filling a line (a list item's too), key maybe bold
    r"^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+(?:\[.\][ \t]+)?)?"
    r"(\*\*|__)?([^\s:*_\[\]()`][^:\[\]()`]*?)\1?::[ \t]*(.*)$"
)
_BRACKET_FIELD = re.compile(r"[\[(]([^\[\]():]+?)::[ \t]*([^\])]*)[\])]")
_ITEM = re.compile(r"^([ \t>]*)(?:[-*+]|\d+[.)])[ \t]+(?:\[(.)\][ \t]+)?(.*)$")
_WIKILINK = re.compile(r"!?\[\[([^\[\]\n]+?)\]\]")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_DAY_NAME = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
FEW_INLINKS = 2  # past this many notes, the inlinks of every note are computed at once
_EMOJI_DATES = {"📅": "due", "✅": "completion", "⏳": "scheduled", "🛫": "start", "➕": "created"}
_EMOJI_DATE = re.compile(r"(📅|✅|⏳|🛫|➕)\uFE0F?\s*(\d{4}-\d{2}-\d{2})")


@lru_cache(maxsize=4096)
def canonical(key: str) -> str:
    """Dataview's second name for a field: lower case, spaces as `-`, formatting removed."""
    key = re.sub(r"[*_`~]", "", key).strip().lower()
    return re.sub(r"\s+", "-", key)


def typed(value: Any) -> Value:
    """A front-matter value as queries see it: dates, `[[links]]`, lists of them."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, list | tuple):
        return [typed(v) for v in value]
    if isinstance(value, dict):
        return {str(k): typed(v) for k, v in value.items()}
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("[[") and text.endswith("]]") and text.count("[[") == 1:
            return _LinkText(text[2:-2])
        date = parse_date(text) if text[:1].isdigit() else None
        return date or value
    return value


def inline_value(text: str) -> Value:
    """An inline field's text as Dataview types it: number, boolean, date, duration, link(s)."""
    text = text.strip()
    if not text:
        return None
    links = _WIKILINK.findall(text)
    if links and _WIKILINK.sub("", text).replace(",", "").strip() == "":
        found = [_LinkText(inner) for inner in links]
        return found[0] if len(found) == 1 else found
    if _NUMBER.match(text):
        return float(text) if "." in text else int(text)
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if text[:1].isdigit():
        date = parse_date(text)
        if date is not None:
            return date
    duration = parse_duration(text) if text[:1].isdigit() else None
    return duration if duration is not None else text


@dataclass(frozen=True)
class _LinkText:
    """A `[[link]]` written in a field, resolved once the index knows its note."""

    inner: str


class FileFields(dict):
    """A note's `file` object; links, inlinks, tasks and list items are read from its body
    only when a query asks for them (most queries never do)."""

    LAZY = ("outlinks", "inlinks", "tasks", "lists", "links", "backlinks")

    def __init__(self, index: PropertiesIndex, fields: dict) -> None:
        super().__init__(fields)
        self.index = index

    def __missing__(self, key: str) -> Value:
        if key not in self.LAZY:
            raise KeyError(key)
        path = dict.__getitem__(self, "path")
        if key in ("inlinks", "backlinks"):
            value = [self.index.rows[p]["file"]["link"] for p in self.index.linking_to(path)]
        elif key in ("outlinks", "links"):
            value = self.index.outlinks(path)
        else:
            value = self.index.items(path, tasks_only=key == "tasks")
        self[key] = value
        return value


@dataclass
class Dates:
    """A note's creation and modification dates as queries see them."""

    ctime: dt.datetime
    mtime: dt.datetime


@dataclass
class PropertiesIndex:
    """Fields of the published notes; `rows` is built on first use. `key` changes whenever a
    query result could (any published note's bytes, size or dates, or the build day)."""

    index: VaultIndex
    sizes: dict[str, int]
    read_dates: Callable[[], dict[str, Dates]]  # front matter, git, file times: when needed
    today: dt.date
    read_key: Callable[[], str]  # made only when a page with a query is rendered or checked
    _asked: int = 0  # notes whose inlinks were looked for one by one (see linking_to)

    @cached_property
    def key(self) -> str:
        return self.read_key()

    @cached_property
    def dates(self) -> dict[str, Dates]:
        return self.read_dates()

    @cached_property
    def paths(self) -> list[str]:
        return sorted(p for p, n in self.index.notes.items() if n.published)

    @cached_property
    def every(self) -> frozenset[str]:
        return frozenset(self.paths)

    def in_folder(self, folder: str) -> list[str] | None:
        """Published notes inside `folder`, at any depth (`FROM "folder"`); None if the vault
        has no such folder. From an index made once."""
        return self._folders.get(folder)

    @cached_property
    def _folders(self) -> dict[str, list[str]]:
        folders: dict[str, list[str]] = defaultdict(list)
        for path, note in self.index.notes.items():  # unpublished ones too: the folder exists
            parts = path.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                inside = folders["/".join(parts[:depth])]
                if note.published:
                    inside.append(path)
        return {folder: sorted(paths) for folder, paths in folders.items()}

    @cached_property
    def rows(self) -> dict[str, dict]:
        return {path: self._row(self.index.notes[path]) for path in self.paths}

    def linking_to(self, target: str) -> list[str]:
        """Notes linking to `target` (`FROM [[X]]`): only notes whose text holds one of its
        names are read for links, unless every note's links are known already."""
        self._asked += 1
        if "_inlinks" in self.__dict__ or self._asked > FEW_INLINKS:  # then all links, once
            return [link.path for link in self._inlinks.get(target, [])]
        note = self.index.notes[target]
        names = [note.stem, *note.aliases, target.removesuffix(".md")]
        pattern = re.compile("|".join(re.escape(n) for n in names if n.strip()), re.IGNORECASE)
        return [
            path
            for path in self.paths
            if path != target
            and pattern.search(self.index.notes[path].body)
            and any(link.resolved and link.path == target for link in self.outlinks(path))
        ]

    def tagged(self) -> dict[str, list[str]]:
        """Paths by tag (`#a/b`, and `#a` for it), case-folded: for `FROM #tag`."""
        return self._tagged

    @cached_property
    def _tagged(self) -> dict[str, list[str]]:
        tagged: dict[str, list[str]] = defaultdict(list)
        for path, row in self.rows.items():
            for tag in dict.fromkeys(t.casefold() for t in row["file"]["tags"]):
                tagged[tag].append(path)
        return tagged

    def outlinks(self, path: str) -> list[Link]:
        note = self.index.notes[path]
        if "[[" not in note.body:
            return []
        found = [self.link(m.group(1), path) for m in _WIKILINK.finditer(_outside_code(note.body))]
        return list(dict.fromkeys(found))

    @cached_property
    def _inlinks(self) -> dict[str, list[Link]]:
        inlinks: dict[str, list[Link]] = defaultdict(list)
        for path, row in self.rows.items():
            for link in row["file"]["outlinks"]:
                if link.resolved and link.path != path:
                    inlinks[link.path].append(row["file"]["link"])
        return {path: list(dict.fromkeys(links)) for path, links in inlinks.items()}

    def items(self, path: str, tasks_only: bool = False) -> list[dict]:
        """List items of a note (`file.lists`), or only its tasks (`file.tasks`)."""
        note = self.index.notes[path]
        if tasks_only and "[" not in note.body:
            return []
        link = self.rows[path]["file"]["link"]
        items = []
        for number, line in _lines_outside_code(note.body):
            if tasks_only and "[" not in line:
                continue
            item = _ITEM.match(line) if line.lstrip(" \t>")[:1] in "-*+0123456789" else None
            if item is not None and (item.group(2) is not None or not tasks_only):
                items.append({**self._item(item, note, number), "link": link, "path": path})
        return items

    @property
    def now(self) -> dt.datetime:
        return dt.datetime(self.today.year, self.today.month, self.today.day)

    def link(self, target: str, source: str, display: str | None = None) -> Link:
        """A link written in `source`: to the published note it names, else unresolved."""
        wiki = parse_wikilink(target, False)
        if not wiki.target:
            return Link(source, display or wiki.alias, True, "#".join(wiki.anchors))
        found = self._resolve(wiki.target, source.rpartition("/")[0], source)
        alias = display or wiki.alias
        if found is None or not self.index.notes[found].published:
            return Link(wiki.target, alias, False)
        return Link(found, alias, True, "#".join(wiki.anchors))

    def _resolve(self, target: str, folder: str, source: str) -> str | None:
        """Resolution depends on the target and the linking note's folder only: cached."""
        key = (target, folder)
        if key not in self._resolved:
            self._resolved[key] = self.index.resolve_note(target, source).path
        return self._resolved[key]

    @cached_property
    def _resolved(self) -> dict[tuple[str, str], str | None]:
        return {}

    def file_link(self, path: str) -> Link:
        return Link(path, None, True)

    def resolve(self, value: Value, source: str) -> Value:
        if isinstance(value, _LinkText):
            return self.link(value.inner, source)
        if isinstance(value, list):
            return [self.resolve(v, source) for v in value]
        if isinstance(value, dict):
            return {k: self.resolve(v, source) for k, v in value.items()}
        return value

    def _row(self, note: Note) -> dict:
        path = note.path
        front = {key: self.resolve(typed(value), path) for key, value in note.meta.items()}
        fields: dict[str, Value] = dict(front)
        inline, tags = self._scan(note)
        for key, values in inline.items():
            value = values[0] if len(values) == 1 else values
            fields[key] = value if key not in fields else _merged(fields[key], value)
        for key in list(fields):
            fields.setdefault(canonical(key), fields[key])
        front_tags = [f"#{t}" for t in note.front_matter_tags]
        etags = list(dict.fromkeys([*front_tags, *tags]))
        all_tags: list[str] = []
        for tag in etags:
            parts = tag.split("/")
            all_tags.extend("/".join(parts[: i + 1]) for i in range(len(parts)))
        link = self.file_link(path)
        dates = self.dates.get(path) or Dates(self.now, self.now)
        folder, _, name = path.rpartition("/")
        stem = name.removesuffix(".md")
        day = _DAY_NAME.search(stem)
        file = {
            "name": stem,
            "path": path,
            "folder": folder,
            "ext": "md",
            "link": link,
            "size": self.sizes.get(path, 0),
            "ctime": dates.ctime,
            "cday": _midnight(dates.ctime),
            "mtime": dates.mtime,
            "mday": _midnight(dates.mtime),
            "tags": list(dict.fromkeys(all_tags)),
            "etags": etags,
            "aliases": note.aliases,
            "frontmatter": front,
            "day": parse_date("-".join(day.groups())) if day else None,
            "starred": False,
        }
        return {**fields, "file": FileFields(self, file)}

    def _scan(self, note: Note) -> tuple[dict[str, list], list[str]]:
        """Inline fields and inline tags of the body (outside code)."""
        inline: dict[str, list] = defaultdict(list)
        tags: list[str] = []
        for _, line in _lines_outside_code(note.body):
            if "::" in line:
                for key, value in _fields_of(line):
                    inline[key.strip()].append(self.resolve(inline_value(value), note.path))
            if "#" in line:
                tags.extend(_tags_of(line))
        return inline, list(dict.fromkeys(tags))

    def _item(self, match: re.Match, note: Note, number: int) -> dict:
        indent, status, text = match.groups()
        fields: dict[str, Value] = {}
        for key, value in _fields_of(match.group(0)):
            fields.setdefault(key.strip(), self.resolve(inline_value(value), note.path))
            fields.setdefault(canonical(key), fields[key.strip()])
        for emoji, day in _EMOJI_DATE.findall(text):
            fields.setdefault(_EMOJI_DATES[emoji], parse_date(day))
        return {
            **fields,
            "text": text,
            "task": status is not None,
            "status": status if status is not None else "",
            "completed": status in ("x", "X"),
            "checked": status is not None and status != " ",
            "fullyCompleted": status in ("x", "X"),
            "line": note.body_line + number - 1,
            "indent": len(indent.expandtabs(4)),
            "tags": list(dict.fromkeys(_tags_of(text))),
            "outlinks": [self.link(m.group(1), note.path) for m in _WIKILINK.finditer(text)],
            "children": [],
        }


def _lines_outside_code(body: str) -> Iterator[tuple[int, str]]:
    """(0-based number, line) of the body's lines outside fenced code."""
    if not _has_fence(body):
        yield from enumerate(body.split("\n"))
        return
    fence = ""
    for number, line in enumerate(body.split("\n")):
        opened = _FENCE.match(line) if "`" in line or "~" in line else None
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield number, line


def _has_fence(body: str) -> bool:
    return "```" in body or "~~~" in body


def _outside_code(body: str) -> str:
    if not _has_fence(body):
        return body
    return "\n".join(line for _, line in _lines_outside_code(body))


def _midnight(value: dt.datetime) -> dt.datetime:
    return dt.datetime(value.year, value.month, value.day)


def _merged(old: Value, new: Value) -> list:
    return [*(old if isinstance(old, list) else [old]), *(new if isinstance(new, list) else [new])]


def _fields_of(line: str) -> list[tuple[str, str]]:
    found = [(m.group(1), m.group(2)) for m in _BRACKET_FIELD.finditer(line)]
    if found:
        return found
    whole = _LINE_FIELD.match(line)
    return [(whole.group(2), whole.group(3))] if whole else []


def _tags_of(line: str) -> list[str]:
    out = []
    pos = line.find("#")
    while pos >= 0:
        end = scan_tag(line, pos)
        if end is not None:
            out.append(line[pos:end])
        pos = line.find("#", (end or pos) + 1)
    return out
