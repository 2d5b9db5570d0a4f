"""What the command line says, as a user sees it: each message from the real CLI in a
subprocess (#19)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from obsidian_to_mkdocs.plugin import VAULT_ENV

from .conftest import ROOT, write_vault

PROG = "obsidian-to-mkdocs"
SITE = """\
site_name: CLI test
theme:
  name: material
  font: false
plugins:
  - search
  - obsidian-vault
"""
NOTES = {
    "Home note.md": "# Home note\n\nSee [[Missing note]] and [[Other]]. #topic\n",
    "Other.md": "中文的笔记，讲的是如何阅读代码。\n",
}


def run(cwd: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`obsidian-to-mkdocs ARGS` in `cwd`, with this checkout's package."""
    env = {k: v for k, v in os.environ.items() if k != VAULT_ENV}
    env.update(PYTHONPATH=str(ROOT / "scripts"), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "obsidian_to_mkdocs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder: mkdocs.yml naming only the theme and the plugins, and vault/."""
    write_vault(tmp_path / "vault", NOTES)
    (tmp_path / "mkdocs.yml").write_text(SITE, encoding="utf-8")
    return tmp_path


def test_build_help_and_usage_errors_name_the_subcommand(site):
    done = run(site, "build", "--help")
    assert done.returncode == 0 and done.stdout.startswith(f"usage: {PROG} build ")
    assert "--site-dir" in done.stdout and "--report FILE" in done.stdout
    done = run(site, "build", "--bogus")
    assert done.returncode == 2
    assert done.stderr.startswith(f"usage: {PROG} build ")
    assert f"{PROG} build: error: unrecognized arguments: --bogus" in done.stderr
    done = run(site, "serve", "--dev-addr")
    assert done.returncode == 2
    assert f"{PROG} serve: error: argument -a/--dev-addr: expected one argument" in done.stderr
    assert not (site / "docs").exists()


def test_a_missing_mkdocs_yml_fails_before_anything_is_converted(tmp_path):
    write_vault(tmp_path / "vault", NOTES)
    for command in ("build", "serve", "convert"):
        done = run(tmp_path, command)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"{PROG} {command}: no mkdocs.yml here"), done.stderr
        assert f"{PROG} new SITE --vault PATH" in done.stderr
    assert not (tmp_path / "docs").exists()
    (tmp_path / "conf").mkdir()
    done = run(tmp_path, "build", "-f", "conf")
    assert done.returncode == 2 and "conf is a folder, not a mkdocs.yml" in done.stderr


def test_a_path_that_is_a_file_says_so(site):
    note = site / "vault" / "Other.md"
    done = run(site, "build", "--vault", str(note))
    assert done.returncode == 2
    assert done.stderr.strip() == f"{PROG} build: vault {note} is a file, not a folder"
    done = run(site, "build", "--vault", str(site / "nowhere"))
    assert done.returncode == 2 and "vault folder not found" in done.stderr
    done = run(site, "new", str(site / "new-site"), "--vault", str(note))
    assert done.returncode == 2
    assert done.stderr.strip() == f"{PROG} new: --vault {note} is a file, not a folder"
    done = run(site, "new", str(note), "--vault", str(site / "vault"))
    assert done.returncode == 2 and f"{note} is a file, not a folder" in done.stderr
    done = run(site, "audit", str(note))
    assert done.returncode == 2
    assert done.stderr.strip() == f"{PROG} audit: site {note} is a file, not a folder"
    assert not (site / "docs").exists() and not (site / "new-site").exists()


def test_build_keeps_mkdocs_lines_and_jieba_is_silent(site):
    (site / "docs").mkdir()
    (site / "docs" / "Hand.md").write_text("A [link](nowhere.md).\n", encoding="utf-8")
    done = run(site, "build")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == "WARNING Home note.md:3: link target 'Missing note' not found"
    assert any(line.startswith(f"{PROG}: 2 notes read") for line in lines)
    assert any(line.startswith("INFO    -  Documentation built in") for line in lines)
    mkdocs_warning = [line for line in lines if line.startswith("WARNING -  ")]
    assert len(mkdocs_warning) == 1 and "nowhere.md" in mkdocs_warning[0], lines
    for chatter in ("Building prefix dict", "Loading model", "Prefix dict has been built"):
        assert chatter not in done.stderr  # jieba (Material's Chinese search) says nothing
    assert (site / "site" / "Other" / "index.html").is_file()


def test_report_file_lists_the_warnings_as_json(site):
    done = run(site, "convert", "--report", "report.json")
    assert done.returncode == 0, done.stderr
    report = json.loads((site / "report.json").read_text(encoding="utf-8"))
    assert report["notes_published"] == 2 and report["links_unresolved"] == 1
    (warning,) = report["warnings"]
    assert warning["level"] == "warning" and warning["path"] == "Home note.md"
    assert warning["line"] == 3 and "Missing note" in warning["message"]
    assert report["summary"].startswith(f"{PROG}: 2 notes read")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_the_address_it_serves_on(site):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != VAULT_ENV}
    env.update(PYTHONPATH=str(ROOT / "scripts"), NO_COLOR="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "obsidian_to_mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            seen.append(line.rstrip("\n"))
            if "Serving on" in line:
                break
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "INFO    -  [" in "\n".join(seen), seen
    serving = [line for line in seen if "Serving on" in line]
    assert serving and serving[0].endswith(f"Serving on http://127.0.0.1:{port}/"), seen
    assert not any("Prefix dict" in line for line in seen)
