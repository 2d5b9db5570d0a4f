"""Work in forked processes: on both cores when there is enough of it, or apart from a build.

Workers are forked, so they inherit the parent's state (the vault index, the notes' bytes):
only keys go out and results come back, in order. The result is the same as working in one
process (tested), only sooner.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

PARALLEL_THRESHOLD = 300  # below this, starting workers costs more than it saves
CHUNK = 64

_WORK: Callable[[Any], Any] | None = None  # what a forked worker does with each key


def _run_chunk(keys: list[Any]) -> list[Any]:
    assert _WORK is not None
    return [_WORK(key) for key in keys]


def workers(count: int) -> int:
    """How many processes `count` items are worth: 1, or one per core (at most 4)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, 4) if _can_fork() and count >= PARALLEL_THRESHOLD else 1


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def fork_map(work: Callable[[Any], Any], keys: list[Any]) -> Iterator[tuple[Any, Any]]:
    """(key, work(key)) for every key, in order; in forked workers when there are many."""
    count = workers(len(keys))
    if count == 1:
        for key in keys:
            yield key, work(key)
        return
    global _WORK
    _WORK = work
    chunks = [keys[i : i + CHUNK] for i in range(0, len(keys), CHUNK)]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            for chunk, results in zip(chunks, pool.map(_run_chunk, chunks), strict=True):
                yield from zip(chunk, results, strict=True)
    finally:
        _WORK = None


def in_child(work: Callable[[], T]) -> T:
    """work() in a forked process, its result (or exception) sent back; here without fork.

    For work whose memory should not outlive it: a process's freed memory stays in its heap,
    fragmented, and a build that converts first then carries it under everything MkDocs adds.
    """
    if not _can_fork():
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        try:
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(_outcome(work), out, pickle.HIGHEST_PROTOCOL)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as incoming:
        data = incoming.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("the worker process died before it answered")
    ok, value = pickle.loads(data)
    if ok:
        return value
    raise value


def _outcome(work: Callable[[], Any]) -> tuple[bool, Any]:
    try:
        return True, work()
    except BaseException as exc:  # sent to the parent, which raises it
        try:
            pickle.dumps(exc)
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        return False, exc
