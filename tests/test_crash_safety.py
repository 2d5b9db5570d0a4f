"""A killed, failed or concurrent conversion never poisons the next one (issue #17): the final
`docs/` equals a clean run's byte for byte, with no orphaned, stale or private page left and
no "hand-written, not overwritten" flood.

Conversions run as real `obsidian-to-mkdocs convert` processes, killed with SIGKILL (the whole
process group: the conversion's forked workers too) at ten points: five spread over the run,
five after its write-ahead journal appears, i.e. while pages are being written."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from obsidian_to_mkdocs.output import JOURNAL, LOCK, write_output
from obsidian_to_mkdocs.report import Report

from .conftest import ROOT, write_vault

NOTES = 320  # over parallel.PARALLEL_THRESHOLD: pages are written by forked workers
PRIVATE = "PRIVATECANARY5521"


def _notes(rev: str, final: bool = False) -> dict[str, str]:
    """Every page changes with `rev`; the final state also edits, hides and deletes notes."""
    notes = {
        f"F{i % 12}/Note {i}.md": (
            f"# Note {i}\n\nrev {rev}: links [[Note {(i + 1) % NOTES}]] #t{i % 40} #g/{i % 7}\n"
        )
        for i in range(NOTES)
    }
    if final:
        notes["F5/Note 5.md"] = "# Note 5\n\nEDITED after the kills #edited\n"
        notes["F7/Note 7.md"] = f"---\npublish: false\n---\n{PRIVATE} #t7\n"
        del notes["F9/Note 9.md"]
        notes["New/Added.md"] = "added later [[Note 1]] #added\n"
    return notes


def _set_vault(vault: Path, notes: dict[str, str]) -> None:
    for old in vault.rglob("*.md"):
        if old.relative_to(vault).as_posix() not in notes:
            old.unlink()
    write_vault(vault, notes)


def _start(vault: Path, docs: Path, config: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "obsidian_to_mkdocs", "convert", "--vault", str(vault),
         "--docs-dir", str(docs), "-f", str(config)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip


def _finish(process: subprocess.Popen) -> str:
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return err


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):  # ended first: one more state to start from
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


def _tree(docs: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under docs/, the lock file aside."""
    return {
        p.relative_to(docs).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(docs.rglob("*"))
        if p.name != LOCK
    }


@pytest.fixture
def setup(tmp_path):
    vault, config = tmp_path / "vault", tmp_path / "mkdocs.yml"
    config.write_text("site_name: crash test\n")
    _set_vault(vault, _notes("0"))
    return vault, config


def test_killed_runs_are_recovered_by_the_next_one(tmp_path, setup):
    vault, config = setup
    docs = tmp_path / "work" / "docs"
    started = time.monotonic()
    _finish(_start(vault, tmp_path / "timing" / "docs", config))  # how long a whole run takes
    whole_run = time.monotonic() - started
    for point in range(10):
        if point:  # the first kill lands on an empty docs/: everything is new
            _set_vault(vault, _notes(f"{point}", final=point % 3 == 2))
        process = _start(vault, docs, config)
        if point % 2 == 0:  # spread over the run, start-up included
            time.sleep(whole_run * (point + 1) / 11)
        else:  # while writing: after the journal appears, a little later each time
            while process.poll() is None and not (docs / JOURNAL).exists():
                time.sleep(0.0005)
            time.sleep(0.004 * point)
        _kill(process)
    _set_vault(vault, _notes("final", final=True))
    err = _finish(_start(vault, docs, config))
    assert "hand-written" not in err, err
    clean = tmp_path / "clean" / "docs"
    _finish(_start(vault, clean, config))
    assert _tree(docs) == _tree(clean)
    assert not (docs / JOURNAL).exists()
    assert "EDITED after the kills" in (docs / "F5" / "Note 5.md").read_text()
    assert not (docs / "F7" / "Note 7.md").exists() and not (docs / "F9" / "Note 9.md").exists()
    assert not any(PRIVATE.encode() in (b or b"") for b in _tree(docs).values())


def test_two_conversions_of_one_docs_at_once_do_not_interleave(tmp_path, setup):
    vault, config = setup
    docs = tmp_path / "work" / "docs"
    started = time.monotonic()
    first, second = _start(vault, docs, config), _start(vault, docs, config)
    errors = _finish(first) + _finish(second)
    both = time.monotonic() - started
    assert "hand-written" not in errors and "ERROR" not in errors, errors
    clean = tmp_path / "clean" / "docs"
    _finish(_start(vault, clean, config))
    assert _tree(docs) == _tree(clean)
    # while another conversion holds the lock, a conversion waits: it writes nothing
    _set_vault(vault, _notes("again", final=True))
    with open(docs / LOCK, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = _start(vault, docs, config)
        deadline = time.monotonic() + 2 * both  # long enough for a whole run to write it all
        while time.monotonic() < deadline and waiting.poll() is None:
            time.sleep(0.05)
        assert waiting.poll() is None
        assert _tree(docs) == _tree(clean)
    _finish(waiting)  # the lock released: it goes on
    assert "EDITED after the kills" in (docs / "F5" / "Note 5.md").read_text()


def test_a_failed_write_is_reported_and_the_next_run_completes_the_job(tmp_path):
    """A file that cannot be written (here a file stands where its folder goes; a full disk
    fails a write the same way) is one error; the rest is written, and nothing is left for the
    next run to mistake for a hand-written file."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "c").write_text("in the way\n")
    pages = {"a.md": "a", "c/d.md": "d", "e.md": "e"}
    report = Report()
    written = write_output(docs, pages, {}, report)
    assert [str(d) for d in report.diagnostics] == [
        "ERROR c/d.md: docs/c/d.md could not be written (File exists)"
    ]
    assert (docs / "a.md").read_text() == "a" and (docs / "e.md").read_text() == "e"
    assert not (docs / JOURNAL).exists()
    (docs / "c").unlink()
    again = Report()
    write_output(docs, pages, {}, again, written)
    assert again.diagnostics == [] and (docs / "c/d.md").read_text() == "d"


def _out_of_space() -> None:
    """In the child: files may grow to 8 kB only (writes past it fail with EFBIG, as a full
    disk fails them with ENOSPC), instead of the default SIGXFSZ that would kill the run."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))


def test_a_run_that_runs_out_of_space_is_completed_by_the_next(tmp_path):
    notes = {f"Small {i}.md": f"small {i} [[Big {i}]]\n" for i in range(5)}
    notes.update({f"Big {i}.md": f"big {i} " + "words " * 3000 + "\n" for i in range(5)})
    vault, config = write_vault(tmp_path / "vault", notes), tmp_path / "mkdocs.yml"
    config.write_text("site_name: full disk\n")
    docs = tmp_path / "work" / "docs"
    args = [sys.executable, "-m", "obsidian_to_mkdocs", "convert", "--vault", str(vault),
            "--docs-dir", str(docs), "-f", str(config)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    full = subprocess.run(
        args, env=env, capture_output=True, text=True, preexec_fn=_out_of_space, check=False
    )
    assert full.returncode == 0, full.stderr
    for i in range(5):
        assert f"ERROR Big {i}.md: docs/Big {i}.md could not be written (File too large)" in (
            full.stderr
        )
        assert (docs / f"Small {i}.md").is_file() and not (docs / f"Big {i}.md").exists()
    assert [p.name for p in docs.rglob(".tmp-*")] == []
    err = _finish(_start(vault, docs, config))
    assert "ERROR" not in err, err
    clean = tmp_path / "clean" / "docs"
    _finish(_start(vault, clean, config))
    assert _tree(docs) == _tree(clean)
