"""Writing `docs/`: only files the converter generated are ever overwritten or deleted.

A manifest records what was generated. Writes are atomic (temp file + rename) and skipped
when the bytes are unchanged, so `mkdocs serve` only sees the pages that really changed.
What was written is remembered as (digest, the file's stamp after writing): a file whose stamp
is unchanged since holds those bytes, so it is not even read again.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

from .cache import digest
from .parallel import fork_map
from .report import Report
from .vault import Stamp, stamp_of

MANIFEST = ".obsidian-to-mkdocs.json"


def read_manifest(docs: Path) -> set[str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        return set(data.get("generated", []))
    except (OSError, ValueError, AttributeError):
        return set()


def needs_home_page(docs: Path, home: str | None) -> bool:
    """No home note in the vault and no hand-written `docs/index.md`."""
    if home is not None:
        return False
    index = docs / "index.md"
    return not index.exists() or "index.md" in read_manifest(docs)


def _atomic_write(target: Path, data: bytes, folders: set[Path] | None = None) -> None:
    """Temp file + rename: a reader (or a crash) sees the old bytes or the new ones."""
    _make_folder(target.parent, folders)
    tmp = target.with_name(f".tmp-{secrets.token_hex(6)}{target.suffix}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _make_folder(folder: Path, made: set[Path] | None) -> None:
    """mkdir -p, once per folder and run: 5,000 pages live in 2,000 folders."""
    if made is None or folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        if made is not None:
            made.add(folder)


def _same_file(a: Path, b: Path) -> bool:
    if not b.exists() or a.stat().st_size != b.stat().st_size:
        return False
    return a.read_bytes() == b.read_bytes()


def _copy(source: Path, target: Path, folders: set[Path]) -> None:
    _make_folder(target.parent, folders)
    tmp = target.with_name(f".tmp-{target.name}")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def _stamp(path: str | Path) -> Stamp | None:
    try:
        return stamp_of(os.lstat(path))
    except OSError:
        return None


Written = dict[str, str]  # docs path -> digest of what was written + the file's stamp after


def write_output(
    docs: Path,
    pages: dict[str, str],
    copies: dict[str, Path],
    report: Report,
    written: Written | None = None,
) -> Written:
    """Write pages (docs path -> text) and copy attachments (docs path -> vault file).

    `written` is what the previous run returned; the result is this run's.
    """
    known, now = written or {}, {}
    previous = read_manifest(docs)
    generated: set[str] = set()
    root = str(docs)
    writes: list[tuple[str, Callable[[set[Path]], None], str]] = []  # (rel, write, key)
    for rel in sorted({*pages, *copies}):
        target = os.path.join(root, rel)  # str: Path objects cost more than the rest here
        stamp = _stamp(target)
        if stamp is not None and rel not in previous:
            report.error(rel, None, f"docs/{rel} is a hand-written file; not overwritten")
            continue
        generated.add(rel)
        if rel in pages:
            data = pages[rel].encode("utf-8")
            key = digest(data)
            if stamp is not None and (
                known.get(rel) == f"{key} {stamp}"
                or (stamp[0] == len(data) and Path(target).read_bytes() == data)
            ):
                report.pages_unchanged += 1
                now[rel] = f"{key} {stamp}"
            else:
                writes.append((rel, partial(_atomic_write, Path(target), data), key))
                report.pages_written += 1
        else:
            key = f"copy of {_stamp(copies[rel])}"
            if known.get(rel) == f"{key} {stamp}" or _same_file(copies[rel], Path(target)):
                now[rel] = f"{key} {stamp}"
            else:
                writes.append((rel, partial(_copy, copies[rel], Path(target)), key))
                report.attachments_copied += 1
    _run_writes([write for _, write, _ in writes])
    for rel, _, key in writes:
        now[rel] = f"{key} {_stamp(os.path.join(root, rel))}"
    for rel in sorted(previous - generated):
        stale = docs / rel
        if stale.is_file():
            stale.unlink()
            report.files_removed += 1
            _remove_empty_dirs(stale.parent, docs)
    if generated != previous or not (docs / MANIFEST).exists():
        manifest = json.dumps({"generated": sorted(generated)}, ensure_ascii=False, indent=0)
        _atomic_write(docs / MANIFEST, manifest.encode("utf-8"))
    return now


def _run_writes(writes: list[Callable[[set[Path]], None]]) -> None:
    """Many files (a first conversion writes thousands) in forked processes, one per core: file
    creation waits on the disk, and threads doing it fought over the GIL (twice as slow as one
    process on a fast disk); processes are as fast as one on tmpfs and hide a slow disk's wait."""
    folders: set[Path] = set()  # each worker fills its own copy
    for _ in fork_map(lambda i: writes[i](folders), list(range(len(writes)))):
        pass


def _remove_empty_dirs(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
