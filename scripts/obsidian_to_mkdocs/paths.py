"""Every path written under `docs/` comes from here: a name from the vault (note path, tag,
alias, permalink, folder) becomes a safe docs-relative path, or is refused.

A vault is untrusted input: a tag `../../x` or a 300-byte alias must neither reach outside
`docs/` nor abort the run with `File name too long`. `safe_path` is the only way names become
paths; `contained` is the writer's last check before it creates, replaces or deletes a file.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Callable

MAX_SEGMENT_BYTES = 255  # NAME_MAX of ext4, btrfs, APFS, NTFS (in UTF-16 units), tmpfs
_EXTENSION_BYTES = 16  # a longer "extension" is part of the name
_HASH_CHARS = 10
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")  # controls, and `\`: a separator on Windows
_BAD_SEGMENT = re.compile(r"(?:^|/)\.{0,2}(?:/|$)")  # an empty, `.` or `..` segment


class UnsafePath(ValueError):
    """A name that cannot be a path inside `docs/`; the message says why, for the report."""


def safe_path(name: str) -> str:
    """`name` as a relative POSIX path inside `docs/`, each segment within the file system's
    byte limit (a longer one gets a stable short form); UnsafePath for anything else."""
    bad = _UNSAFE.search(name)
    if bad:
        raise UnsafePath(f"contains the character U+{ord(bad.group()):04X}")
    if name.startswith("/"):
        raise UnsafePath("is an absolute path")
    if _BAD_SEGMENT.search(name):
        raise UnsafePath("has an empty, `.` or `..` segment")
    if len(name) * 4 <= MAX_SEGMENT_BYTES:  # no segment can be too long (4 bytes a character)
        return name
    return "/".join(short_segment(segment) for segment in name.split("/"))


def short_segment(segment: str) -> str:
    """`segment` itself when it fits in MAX_SEGMENT_BYTES, else its longest UTF-8 prefix that
    fits with `~` and a hash of the whole name (so two long names sharing a prefix differ)."""
    encoded = segment.encode("utf-8")
    if len(encoded) <= MAX_SEGMENT_BYTES:
        return segment
    stem, ext = posixpath.splitext(segment)
    if len(ext.encode("utf-8")) > _EXTENSION_BYTES:
        stem, ext = segment, ""
    mark = "~" + hashlib.blake2b(encoded, digest_size=8).hexdigest()[:_HASH_CHARS]
    room = MAX_SEGMENT_BYTES - len(mark) - len(ext.encode("utf-8"))
    prefix = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")  # a whole character
    return f"{prefix}{mark}{ext}"


def moved(path: str, taken: Callable[[str], bool]) -> str:
    """`path`, or the first of its numbered variants that is not `taken`: a generated page
    gives way to a note. `tags/x/index.md` -> `tags/x-2/index.md`, `graph.md` -> `graph-2.md`."""
    if not taken(path):
        return path
    folder, name = posixpath.split(path)
    if name == "index.md" and folder:  # the page is its folder's URL: number the folder
        parent, leaf = posixpath.split(folder)
        variant = lambda n: posixpath.join(parent, short_segment(f"{leaf}-{n}"), name)  # noqa: E731
    else:
        stem, ext = posixpath.splitext(name)
        variant = lambda n: posixpath.join(folder, short_segment(f"{stem}-{n}{ext}"))  # noqa: E731
    n = 2
    while taken(variant(n)):
        n += 1
    return variant(n)


def checked_path(root: str, rel: str) -> str:
    """`root`/`rel` when `rel` is a path safe_path gives as it is; UnsafePath otherwise."""
    if safe_path(rel) != rel:
        raise UnsafePath(f"docs/{rel} has a segment longer than the file system allows")
    return os.path.join(root, rel)


def contained(root: str, rel: str, checked: dict[str, bool]) -> str:
    """The file `rel` inside the folder `root` (a realpath), checked as the writer needs it
    before it creates, replaces or deletes the file: a safe path whose folder, resolved on disk
    (symlinks followed), is under `root`. UnsafePath otherwise. `checked` remembers the
    folders already resolved (folder -> inside)."""
    target = checked_path(root, rel)
    folder = os.path.dirname(target)
    if folder not in checked:
        checked[folder] = os.path.commonpath([root, os.path.realpath(folder)]) == root
    if not checked[folder]:
        raise UnsafePath(f"docs/{rel} resolves outside docs/")
    return target
