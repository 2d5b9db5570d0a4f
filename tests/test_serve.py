"""`mkdocs serve` with the plugin: saving a note in the vault updates the served page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from obsidian_to_mkdocs.plugin import VAULT_ENV

from .conftest import write_vault

CONFIG = """\
site_name: serve test
docs_dir: {docs}
theme:
  name: material
  font: false
plugins:
  - obsidian-vault:
      vault: {vault}
markdown_extensions: [attr_list, admonition, pymdownx.details, pymdownx.superfences]
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in _get(url):
            return True
        time.sleep(0.5)
    return False


def test_saving_a_note_updates_the_served_page_and_only_its_output(tmp_path: Path):
    vault = write_vault(tmp_path / "vault", {"Note.md": "first version\n", "Other.md": "same\n"})
    docs = tmp_path / "docs"
    docs.mkdir()  # MkDocs validates docs_dir before any plugin runs
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG.format(docs=docs, vault=vault))
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    env = {k: v for k, v in os.environ.items() if k != VAULT_ENV}  # the config names the vault
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}/Note/"
        served = _wait_for(url, "first version", 90)
        assert served, (tmp_path / "serve.log").read_text()[-2000:]
        other_mtime = (docs / "Other.md").stat().st_mtime_ns
        (vault / "Note.md").write_text("second version ==marked==\n")
        assert _wait_for(url, "second version <mark>marked</mark>", 60), "page never updated"
        assert (docs / "Other.md").stat().st_mtime_ns == other_mtime
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def _page_stamps(docs: Path) -> dict[str, int]:
    return {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*.md")}


DIRTY_CONFIG = CONFIG.replace("      vault: {vault}\n", "      vault: {vault}\n  - search\n")


def test_mkdocs_serve_dirty_rebuilds_the_saved_note_and_keeps_the_rest_of_the_site(
    tmp_path: Path,
):
    """`mkdocs serve --dirty` rebuilds only the changed pages; the plugin keeps the others'
    titles (navigation) and search entries, which MkDocs' dirty mode drops."""
    notes = {
        "Note.md": "first version\n",
        "Other.md": "otters swim\n",
        "Titled.md": "---\ntitle: Not Its File Name\n---\ntitled\n",
    }
    vault = write_vault(tmp_path / "vault", notes)
    docs = tmp_path / "docs"
    docs.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(DIRTY_CONFIG.format(docs=docs, vault=vault))
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    env = {k: v for k, v in os.environ.items() if k != VAULT_ENV}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config)]
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT, env=env
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        assert _wait_for(url + "Note/", "first version", 90), (tmp_path / "serve.log").read_text()
        before = _page_stamps(docs)
        (vault / "Note.md").write_text("second version with wombats\n")
        assert _wait_for(url + "Note/", "wombats", 60), "page never updated"
        assert "Not Its File Name" in _get(url + "Note/")  # the nav, drawn on the rebuilt page
        index = _get(url + "search/search_index.json")
        assert "wombats" in index and "otters" in index and "titled" in index
        # the note and, when the save reorders its recent notes, the generated home page
        changed = sorted(p for p, stamp in _page_stamps(docs).items() if before.get(p) != stamp)
        assert "Note.md" in changed and set(changed) <= {"Note.md", "index.md"}, changed
        assert f"{len(changed)} pages to rebuild" in (tmp_path / "serve.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
