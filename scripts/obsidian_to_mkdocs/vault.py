"""Reading the vault: which files exist, Obsidian's settings, notes and their front matter.

Everything here only reads; nothing is ever written inside the vault.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .frontmatter import PRIVATE_WHEN, FrontMatter, TooLarge, publication
from .frontmatter import load as load_front_matter
from .options import Options
from .report import Report
from .syntax.canvas import CanvasError, parse_canvas

IGNORED_DIRS = {".obsidian", ".trash", ".git", "node_modules"}
PAGE_SUFFIXES = (".md", ".canvas")  # files that become pages; every other file is an attachment


def is_page_source(path: str) -> bool:
    return path.lower().endswith(PAGE_SUFFIXES)


def is_canvas(path: str) -> bool:
    return path.lower().endswith(".canvas")


# A key that decides publication (OFM-SPEC §6), anywhere in an unreadable front matter block.
PUBLICATION_KEY = re.compile(
    rf"(?<![\w-])(?:{'|'.join(PRIVATE_WHEN)}|published|unpublished)[\"']?\s*:", re.I
)


@dataclass(frozen=True)
class VaultSettings:
    """The parts of `.obsidian/app.json` that change how notes render."""

    strict_line_breaks: bool = False
    attachment_folder: str = ""
    ignore_filters: tuple[str, ...] = ()


@dataclass
class Note:
    """One Markdown note (or canvas: its JSON is the body): where it lives, its front matter
    and its body text."""

    path: str  # vault-relative POSIX path, e.g. "Folder/Note.md"
    body: str
    body_line: int  # 1-based line number of the body's first line in the file
    meta: dict[str, Any] = field(default_factory=dict)
    published: bool = True
    explicit_publish: bool = False  # says `publish: true` (in any spelling): allow-list mode

    @property
    def stem(self) -> str:
        return PurePosixPath(self.path).stem

    @property
    def folder(self) -> str:
        parent = str(PurePosixPath(self.path).parent)
        return "" if parent == "." else parent

    @property
    def title(self) -> str:
        title = self.meta.get("title")
        return (
            str(title) if isinstance(title, str | int | float) and str(title).strip() else self.stem
        )

    @property
    def aliases(self) -> list[str]:
        value = self.meta.get("aliases", self.meta.get("alias"))
        if isinstance(value, str):  # `aliases: a, b, c` are three aliases in Obsidian
            value = [part.strip() for part in value.split(",")]
        return _string_list(value)

    @property
    def front_matter_tags(self) -> list[str]:
        tags: list[str] = []
        for item in _string_list(self.meta.get("tags", self.meta.get("tag"))):
            for part in item.replace(",", " ").split():
                part = part.lstrip("#").strip().strip("/")  # `tag/` is the tag `tag`
                if part:
                    tags.append(part)
        return tags


def _string_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)] if str(value).strip() else []


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_settings(vault: Path) -> VaultSettings:
    """Obsidian's defaults unless `.obsidian/app.json` says otherwise."""
    app = vault / ".obsidian" / "app.json"
    try:
        data = json.loads(app.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return VaultSettings()
    if not isinstance(data, dict):
        return VaultSettings()
    folder = str(data.get("attachmentFolderPath") or "").strip().strip("/")
    return VaultSettings(
        strict_line_breaks=bool(data.get("strictLineBreaks", False)),
        attachment_folder="" if folder in (".", "./") else folder,
        ignore_filters=tuple(str(f) for f in data.get("userIgnoreFilters") or ()),
    )


Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode: changes with any write


def stamp_of(st: os.stat_result) -> Stamp:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def scan(vault: Path) -> dict[str, Stamp]:
    """All vault-relative POSIX paths of files Obsidian would show, sorted for determinism, with
    each file's stamp (one lstat, which the symlink check needs anyway).

    Symlinks are not followed: a link pointing out of the vault must never bring its target in.
    """
    found: dict[str, Stamp] = {}
    folders = [("", str(vault.resolve()))]
    while folders:
        rel_dir, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.is_symlink():
                    continue
                rel = f"{rel_dir}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in IGNORED_DIRS:
                        folders.append((f"{rel}/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    found[rel] = stamp_of(entry.stat(follow_symlinks=False))
    return dict(sorted(found.items()))


HOME_NAMES = ("index.md", "readme.md", "home.md")  # a vault's own home note, in this order


def home_note(notes: dict[str, Note], configured: str = "") -> str | None:
    """The published note that is the site's home page: the configured one (a vault path, `.md`
    optional), else the vault root's `index.md`, `README.md` or `Home.md`, in any case."""
    if configured:
        wanted = configured.strip("/")
        found = next((p for p in (wanted, f"{wanted}.md") if p in notes), None)
        return found if found is not None and notes[found].published else None
    roots = {p.casefold(): p for p in sorted(notes, reverse=True) if "/" not in p}
    for name in HOME_NAMES:
        path = roots.get(name)
        if path is not None and notes[path].published:
            return path
    return None


def is_excluded(path: str, patterns: tuple[str, ...]) -> bool:
    """Glob patterns (`Private/**`) and Obsidian's folder filters (`Templates/`)."""
    for pattern in patterns:
        if pattern.endswith("/") and (path.startswith(pattern) or path == pattern[:-1]):
            return True
        if fnmatch.fnmatchcase(path, pattern):
            return True
        if pattern.endswith("/**") and path.startswith(pattern[:-2]):
            return True
    return False


def is_publishable(note: Note, options: Options) -> bool:
    """Plugin-level rules on top of the note's own `publish`/`draft`: excluded globs, and in
    allow-list mode an explicit `publish: true`."""
    if is_excluded(note.path, options.exclude):
        return False
    return not options.require_publish or note.explicit_publish


def read_note(vault: Path, path: str, report: Report) -> Note:
    return note_from_bytes(path, (vault / path).read_bytes(), report)


def note_from_bytes(path: str, raw: bytes, report: Report) -> Note:
    """Decode one note. Unreadable text yields an unpublished note and a message."""
    if b"\x00" in raw:
        report.error(path, None, "binary file with a .md name; not published")
        return Note(path, "", 1, published=False)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.error(path, line, f"not valid UTF-8 ({exc.reason}); not published")
        return Note(path, "", 1, published=False)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if is_canvas(path):
        return canvas_note(path, text, report)
    return parse_front_matter(path, text, report)


def canvas_note(path: str, text: str, report: Report) -> Note:
    """A canvas is published like a note without front matter, unless it is no canvas at all."""
    try:
        parse_canvas(text)
    except CanvasError as exc:
        report.error(path, None, f"{exc}; not published")
        return Note(path, "", 1, published=False)
    return Note(path, text, 1)


def parse_front_matter(path: str, text: str, report: Report) -> Note:
    """Split YAML front matter from the body (unreadable front matter: see `_unreadable`)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Note(path, text, 1)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return Note(path, text, 1)
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    try:
        loaded = load_front_matter(yaml_text) if yaml_text.strip() else FrontMatter({})
    except TooLarge as exc:  # an alias bomb is hostile, not a typo: nothing of it is shown
        report.error(path, 2, f"front matter is not valid YAML ({exc.problem}); not published")
        return Note(path, body, end + 2, published=False)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # file line of the problem, kept inside the front matter (libyaml may point past it)
        line = min(mark.line + 2, max(end, 2)) if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return _unreadable(path, body, end, yaml_text, line, f"not valid YAML ({problem})", report)
    meta = {} if loaded.data is None else loaded.data
    if not isinstance(meta, dict):
        problem = "not a mapping of keys to values"
        return _unreadable(path, body, end, yaml_text, 2, problem, report)
    flags = publication(loaded.pairs)
    for problem in flags.problems:
        report.warn(path, None, problem)
    for line, problem in loaded.problems if flags.published else ():  # a private note: silent
        report.warn(path, line + 2, problem)
    meta = {str(k): v for k, v in meta.items()}
    return Note(path, body, end + 2, meta, flags.published, flags.explicit_publish)


def _unreadable(
    path: str, body: str, end: int, yaml_text: str, line: int, problem: str, report: Report
) -> Note:
    """Front matter that does not parse (often a Templater placeholder): Obsidian shows the
    body, so the body is published without it, unless the block names a publication key, whose
    value nobody can read; then the note stays private."""
    if PUBLICATION_KEY.search(yaml_text):
        report.error(
            path,
            line,
            f"front matter is {problem}; it names a publication key, so the note is not published",
        )
        return Note(path, body, end + 2, published=False)
    report.warn(path, line, f"front matter is {problem}; ignored, the body is published")
    return Note(path, body, end + 2)
