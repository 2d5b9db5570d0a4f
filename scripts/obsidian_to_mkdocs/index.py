"""The vault index: every note and attachment by path, name and alias, and link resolution.

Resolution follows Obsidian: exact path from the vault root, then a path relative to the
linking note, then the shortest unique name (case-insensitive, Unicode-normalised, `.md`
optional), then front-matter aliases. Ties prefer the linking note's folder and are reported.
A canvas is found by its name with `.canvas` (`[[Board.canvas]]`), as in Obsidian, where
`[[Board]]` opens only a note `Board.md`.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .vault import Note, VaultSettings, nfc


def fold(text: str) -> str:
    """The form names are compared in: NFC, case-folded, no surrounding space."""
    return nfc(text).strip().casefold()


def link_path(path: str) -> str:
    """The path a link names a note by: without `.md`, a canvas with its `.canvas`."""
    return path[:-3] if path.lower().endswith(".md") else path


@dataclass(frozen=True)
class Resolution:
    """Where a link target led: a vault path, or None, and whether the name was ambiguous."""

    path: str | None
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


@dataclass
class VaultIndex:
    notes: dict[str, Note]
    attachments: list[str]
    settings: VaultSettings = field(default_factory=VaultSettings)

    @cached_property
    def _note_paths(self) -> dict[str, list[str]]:
        paths: dict[str, list[str]] = defaultdict(list)
        for path in self.notes:
            paths[fold(link_path(path))].append(path)
        return paths

    @cached_property
    def _note_names(self) -> dict[str, list[str]]:
        names: dict[str, list[str]] = defaultdict(list)
        for path in self.notes:
            names[fold(posixpath.basename(link_path(path)))].append(path)
        return names

    @cached_property
    def _aliases(self) -> dict[str, list[str]]:
        aliases: dict[str, list[str]] = defaultdict(list)
        for path, note in self.notes.items():
            for alias in note.aliases:
                aliases[fold(alias)].append(path)
        return aliases

    @cached_property
    def _file_paths(self) -> dict[str, str]:
        return {fold(p): p for p in self.attachments}

    @cached_property
    def _file_names(self) -> dict[str, list[str]]:
        names: dict[str, list[str]] = defaultdict(list)
        for path in self.attachments:
            names[fold(posixpath.basename(path))].append(path)
        return names

    def resolve_note(self, target: str, source: str) -> Resolution:
        """The note a link from `source` to `target` opens in Obsidian."""
        key = fold(target).lstrip("/")
        if key.endswith(".md"):
            key = key[:-3]
        if not key:
            return Resolution(None)
        source_dir = posixpath.dirname(source)
        for candidate in (key, _join(fold(source_dir), key)):
            if candidate is not None and candidate in self._note_paths:
                return _exact(self._note_paths[candidate], target)
        if "/" in key:
            suffix = "/" + key
            named = self._note_names.get(posixpath.basename(key), [])  # same name, then folders
            matches = [p for p in named if fold(p[:-3]).endswith(suffix)]
            if matches:
                return _choose(matches, source_dir)
            key = posixpath.basename(key)
        matches = self._note_names.get(key) or self._aliases.get(key) or []
        return _choose(matches, source_dir) if matches else Resolution(None)

    def resolve_file(self, target: str, source: str) -> Resolution:
        """The attachment a link or embed from `source` to `target` shows."""
        key = fold(target).lstrip("/")
        if not key:
            return Resolution(None)
        source_dir = posixpath.dirname(source)
        folder = self.settings.attachment_folder
        if folder.startswith("./"):
            folder = _join(source_dir, folder[2:]) or ""
        for candidate in (key, _join(fold(source_dir), key), _join(fold(folder), key)):
            if candidate is not None and candidate in self._file_paths:
                return Resolution(self._file_paths[candidate])
        matches = self._file_names.get(posixpath.basename(key), [])
        if "/" in key:
            matches = [p for p in matches if fold(p).endswith("/" + key)]
        return _choose(matches, source_dir) if matches else Resolution(None)


def _exact(paths: list[str], target: str) -> Resolution:
    """Names that differ only by case or Unicode form: the spelling written wins."""
    if len(paths) == 1:
        return Resolution(paths[0])
    written = target.strip().lstrip("/").removesuffix(".md")
    for path in paths:
        if link_path(path) == written or link_path(path).endswith("/" + written):
            return Resolution(path)
    return Resolution(sorted(paths)[0], tuple(sorted(paths)))


def _join(folder: str, key: str) -> str | None:
    """`folder/key` normalised, or None when it climbs out of the vault."""
    joined = posixpath.normpath(posixpath.join(folder, key)) if folder else posixpath.normpath(key)
    return None if joined.startswith("..") or joined.startswith("/") else joined


def _choose(matches: list[str], source_dir: str) -> Resolution:
    """Obsidian's tie-break: the linking note's folder first, then the shortest path."""
    ranked = sorted(
        matches,
        key=lambda p: (posixpath.dirname(p) != source_dir, p.count("/"), len(p), p),
    )
    return Resolution(ranked[0], tuple(ranked))
