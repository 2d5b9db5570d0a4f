"""Writing `docs/`: only files the converter generated are ever overwritten or deleted.

A manifest records what was generated. Writes are atomic (temp file + rename) and skipped
when the bytes are unchanged, so `mkdocs serve` only sees the pages that really changed.
What was written is remembered as (digest, the file's stamp after writing): a file whose stamp
is unchanged since holds those bytes, so it is not even read again.

Crash safety: before the first write, a journal lists every file the run is about to write
(and the prefix of its temp files); it is removed once the manifest is up to date. A run that
finds a journal (the previous one was killed, or its disk filled) counts those files as
generated and removes the temp files, so nothing it wrote is taken for a hand-written page,
left stale or left behind. A lock keeps two conversions of one `docs/` from interleaving.
Every path is checked to lie inside `docs/` (paths.contained) before it is written or deleted.
"""

from __future__ import annotations

import json
import os
import posixpath
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path

from .cache import digest
from .parallel import fork_map
from .paths import UnsafePath, checked_path, contained
from .report import Report
from .vault import Stamp, stamp_of

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; conversions must not overlap there
    fcntl = None  # type: ignore[assignment]

MANIFEST = ".obsidian-to-mkdocs.json"
JOURNAL = ".obsidian-to-mkdocs.journal"
LOCK = ".obsidian-to-mkdocs.lock"
TMP = ".tmp-"


@contextmanager
def locked(docs: Path) -> Iterator[None]:
    """Hold `docs/`'s lock: a second conversion waits here until the first one ends (or dies:
    the kernel releases a dead process's lock)."""
    docs.mkdir(parents=True, exist_ok=True)
    fd = os.open(docs / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def recover(docs: Path) -> None:
    """Finish what an interrupted run left: its files count as generated, its temp files go."""
    for leftover in (f"{TMP}manifest", f"{JOURNAL}.new"):  # a run killed while writing them
        (docs / leftover).unlink(missing_ok=True)
    journal = docs / JOURNAL
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        data = {}
    paths = [p for p in data.get("paths", []) if isinstance(p, str)]
    prefix = str(data.get("tmp", ""))
    root = os.path.realpath(docs)
    if prefix.startswith(TMP) and len(prefix) > len(TMP):
        for folder in sorted({os.path.dirname(p) for p in paths}):
            _remove_temp_files(root, folder, prefix)
    _write_manifest(docs, read_manifest(docs) | set(paths))
    journal.unlink()


def _remove_temp_files(root: str, folder: str, prefix: str) -> None:
    try:
        where = os.path.dirname(contained(root, posixpath.join(folder, prefix), {}))
        entries = list(os.scandir(where))
    except (OSError, UnsafePath):
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.is_file(follow_symlinks=False):
            os.unlink(entry.path)


def read_manifest(docs: Path) -> set[str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        return {p for p in data.get("generated", []) if isinstance(p, str)}
    except (OSError, ValueError, AttributeError):
        return set()


def needs_home_page(docs: Path, home: str | None) -> bool:
    """No home note in the vault and no hand-written `docs/index.md`."""
    if home is not None:
        return False
    index = docs / "index.md"
    return not index.exists() or "index.md" in read_manifest(docs)


def _atomic_write(target: str, data: bytes, tmp: str, folders: set[str] | None = None) -> None:
    """Temp file + rename: a reader (or a crash) sees the old bytes or the new ones."""
    folder = os.path.dirname(target)
    _make_folder(folder, folders)
    tmp_path = os.path.join(folder, tmp)
    fd = os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # the umask applies
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_path, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp_path)
        raise


def _copy(source: Path, target: str, tmp: str, folders: set[str]) -> None:
    folder = os.path.dirname(target)
    _make_folder(folder, folders)
    tmp_path = os.path.join(folder, tmp)
    try:
        shutil.copyfile(source, tmp_path)
        os.replace(tmp_path, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp_path)
        raise


def _make_folder(folder: str, made: set[str] | None) -> None:
    """mkdir -p, once per folder and run: 5,000 pages live in 2,000 folders."""
    if made is None or folder not in made:
        os.makedirs(folder, exist_ok=True)
        if made is not None:
            made.add(folder)


def _same_file(a: Path, b: Path) -> bool:
    if not b.exists() or a.stat().st_size != b.stat().st_size:
        return False
    return a.read_bytes() == b.read_bytes()


def _stamp(path: str | Path) -> Stamp | None:
    try:
        return stamp_of(os.lstat(path))
    except OSError:
        return None


def _write_manifest(docs: Path, generated: set[str]) -> None:
    manifest = json.dumps({"generated": sorted(generated)}, ensure_ascii=False, indent=0)
    _atomic_write(str(docs / MANIFEST), manifest.encode("utf-8"), f"{TMP}manifest")


def _write_journal(docs: Path, paths: list[str], tmp: str) -> None:
    """The write-ahead record, on disk (fsync) before the first page is touched."""
    data = json.dumps({"tmp": tmp, "paths": paths}, ensure_ascii=False).encode("utf-8")
    target = str(docs / JOURNAL)
    fd = os.open(f"{target}.new", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(f"{target}.new", target)


Written = dict[str, str]  # docs path -> digest of what was written + the file's stamp after
Write = Callable[[str, set[str]], None]  # (temp file name, folders made) -> None


def write_output(
    docs: Path,
    pages: dict[str, str],
    copies: dict[str, Path],
    report: Report,
    written: Written | None = None,
) -> Written:
    """Write pages (docs path -> text) and copy attachments (docs path -> vault file).

    `written` is what the previous run returned; the result is this run's. A file that cannot
    be written is reported (the rest are written); its previous version, if any, stays.
    """
    known, now = written or {}, {}
    previous = read_manifest(docs)
    generated: set[str] = set()
    root = os.path.realpath(docs)
    writes: list[tuple[str, Write, str]] = []  # (rel, write, key)
    for rel in sorted({*pages, *copies}):
        try:
            target = checked_path(root, rel)  # safe; resolved on disk only before a write
        except UnsafePath as exc:
            report.error(rel, None, f"not written: {exc}")
            continue
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
                writes.append((rel, partial(_atomic_write, target, data), key))
        else:
            key = f"copy of {_stamp(copies[rel])}"
            if known.get(rel) == f"{key} {stamp}" or _same_file(copies[rel], Path(target)):
                now[rel] = f"{key} {stamp}"
            else:
                writes.append((rel, partial(_copy, copies[rel], target), key))
    writes = _inside(root, writes, generated, report)
    stale = sorted(previous - generated)
    if not writes and not stale and generated == previous and (docs / MANIFEST).exists():
        return now
    tmp = f"{TMP}{secrets.token_hex(6)}-"
    try:
        _write_journal(docs, [rel for rel, _, _ in writes], tmp)
    except OSError as exc:
        report.error(MANIFEST, None, f"docs/ is not writable ({exc.strerror}); nothing written")
        return known
    failed = _run_writes(writes, tmp)
    for rel, _, key in writes:
        if rel in failed:
            report.error(rel, None, f"docs/{rel} could not be written ({failed[rel]})")
            continue
        now[rel] = f"{key} {_stamp(os.path.join(root, rel))}"
        if rel in pages:
            report.pages_written += 1
        else:
            report.attachments_copied += 1
    checked: dict[str, bool] = {}  # folder -> inside docs/ (see paths.contained)
    for rel in stale:
        _remove_stale(root, rel, report, checked)
    try:
        _write_manifest(docs, generated)
        (docs / JOURNAL).unlink()
    except OSError as exc:  # the journal stays: the next run finishes the job
        report.error(MANIFEST, None, f"docs/{MANIFEST} could not be written ({exc.strerror})")
    return now


def _inside(
    root: str, writes: list[tuple[str, Write, str]], generated: set[str], report: Report
) -> list[tuple[str, Write, str]]:
    """The writes whose folder, resolved on disk, is inside docs/ (not through a symlink)."""
    checked: dict[str, bool] = {}
    kept = []
    for rel, write, key in writes:
        try:
            contained(root, rel, checked)
        except UnsafePath as exc:
            report.error(rel, None, f"not written: {exc}")
            generated.discard(rel)
            continue
        kept.append((rel, write, key))
    return kept


def _remove_stale(root: str, rel: str, report: Report, checked: dict[str, bool]) -> None:
    """Delete a file this converter generated before and no longer does."""
    try:
        target = contained(root, rel, checked)
    except UnsafePath as exc:
        report.error(rel, None, f"not deleted: {exc}")
        return
    if os.path.isfile(target) and not os.path.islink(target):
        os.unlink(target)
        report.files_removed += 1
    _remove_empty_dirs(os.path.dirname(target), root)  # also one a killed run made, unfilled


def _run_writes(writes: list[tuple[str, Write, str]], tmp: str) -> dict[str, str]:
    """Many files (a first conversion writes thousands) in forked processes, one per core: file
    creation waits on the disk, and threads doing it fought over the GIL (twice as slow as one
    process on a fast disk); processes are as fast as one on tmpfs and hide a slow disk's wait.
    Returns the files that could not be written, with why (a full disk, a file in the way)."""
    folders: set[str] = set()  # each worker fills its own copy

    def one(i: int) -> str | None:
        rel, write, _ = writes[i]
        try:
            write(f"{tmp}{i}", folders)
        except OSError as exc:
            return exc.strerror or str(exc)
        return None

    results = fork_map(one, list(range(len(writes))))
    return {writes[i][0]: error for i, error in results if error is not None}


def _remove_empty_dirs(folder: str, root: str) -> None:
    while folder != root and os.path.isdir(folder) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
