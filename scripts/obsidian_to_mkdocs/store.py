"""The cache on disk: a snapshot of named tables (dicts) and a journal of the changes since.

An edit changes a few entries of tables holding thousands: appending those changes costs a
few milliseconds where pickling every table again cost a tenth of a second. The journal is
folded into a new snapshot when it outgrows a quarter of it. A record torn by a crash is
dropped (and cut off before the next append); the caller's entries validate themselves
(digests, stamps, keys), so an older value is never wrong, only slower.
"""

from __future__ import annotations

import gc
import os
import pickle
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Tables = dict[str, dict[Any, Any]]

SNAPSHOT = "render.pickle"
JOURNAL = "render.journal"
_UNREADABLE = (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector: (un)pickling ~100,000 objects triggers it dozens of times
    for nothing (none of them is garbage), which doubled the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _changes(before: dict, after: dict) -> tuple[dict, list]:
    """(entries added or replaced, keys removed); unchanged means the same object or equal."""
    updates = {k: v for k, v in after.items() if not (k in before and _same(before[k], v))}
    return updates, [k for k in before if k not in after]


def _same(a: object, b: object) -> bool:
    return a is b or a == b


class Store:
    """Tables saved under `folder` for a given `key` (another key reads as empty)."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder, self.key = folder, key
        self._generation = ""  # of the snapshot the journal applies to; "" = none
        self._loaded: Tables = {}  # the tables as last loaded or saved, to diff against
        self._snapshot_size = 0
        self._journal_end = 0  # offset after the last good record

    def load(self) -> Tables:
        try:
            with (self.folder / SNAPSHOT).open("rb") as handle, _no_gc():
                key, generation, tables = pickle.load(handle)  # noqa: S301 - our own file
                self._snapshot_size = handle.tell()
        except _UNREADABLE + (ValueError,):
            return {}
        if key != self.key or not isinstance(tables, dict):
            return {}
        self._generation = generation
        self._replay_journal(tables)
        self._loaded = {name: dict(table) for name, table in tables.items()}
        return tables

    def _replay_journal(self, tables: Tables) -> None:
        try:
            handle = (self.folder / JOURNAL).open("rb")
        except OSError:
            return
        with handle, _no_gc():
            while True:
                try:
                    generation, changes = pickle.load(handle)  # noqa: S301 - our own file
                except EOFError:
                    break
                except _UNREADABLE + (ValueError,):
                    break  # torn by a crash: everything from here on is dropped
                if generation != self._generation:
                    break
                for name, (updates, removed) in changes.items():
                    table = tables.setdefault(name, {})
                    table.update(updates)
                    for key in removed:
                        table.pop(key, None)
                self._journal_end = handle.tell()

    def save(self, tables: Tables) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with _no_gc():
            if self._generation:
                changes = {n: _changes(self._loaded.get(n, {}), t) for n, t in tables.items()}
                record = pickle.dumps((self._generation, changes), pickle.HIGHEST_PROTOCOL)
                if self._journal_end + len(record) <= self._snapshot_size // 4:
                    self._append(record)
                else:
                    self._write_snapshot(tables)
            else:
                self._write_snapshot(tables)
        self._loaded = {name: dict(table) for name, table in tables.items()}

    def _append(self, record: bytes) -> None:
        with (self.folder / JOURNAL).open("ab") as handle:
            handle.truncate(self._journal_end)
            handle.write(record)
            self._journal_end = handle.tell()

    def _write_snapshot(self, tables: Tables) -> None:
        generation = secrets.token_hex(8)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((self.key, generation, tables), handle, pickle.HIGHEST_PROTOCOL)
                self._snapshot_size = handle.tell()
            os.replace(tmp, self.folder / SNAPSHOT)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        (self.folder / JOURNAL).unlink(missing_ok=True)  # its generation no longer matches
        self._generation, self._journal_end = generation, 0
