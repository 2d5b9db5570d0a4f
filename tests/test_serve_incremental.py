"""`obsidian-to-mkdocs serve` builds incrementally: after a save only the pages whose output
changed are written again, and the served site is the one a full build makes (navigation
titles, backlinks, search index); a page renamed makes a full build; a restart builds nothing
that did not change."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import html

from obsidian_to_mkdocs.serving import RECORD_FILE, SITE_FOLDER
from obsidian_to_mkdocs.urls import page_url

from .conftest import write_vault
from .test_serve import _free_port, _get, _wait_for

CONFIG = """\
site_name: incremental
site_url: http://127.0.0.1:{port}/
theme:
  name: material
  font: false
  features: [navigation.prune, navigation.footer, navigation.indexes]
plugins:
  - obsidian-vault:
      vault: {vault}
  - search:
      lang: [en, zh]
  - tags
"""

# Written by every build: the search index (merged, incremental.py) and Material's tags.json.
ALWAYS_WRITTEN = {"search/search_index.json", "tags.json"}
NOTES = {
    "Hub.md": "The hub. Linked by [[Note]].\n",
    "Note.md": "---\ntags: [animals]\n---\nLinks to [[Hub]]. First version.\n",
    "Other.md": "Another note, about otters.\n",
    "Titled.md": "---\ntitle: A Title Unlike Its Name\n---\nText of the titled note.\n",
    "中文笔记.md": "这是一条中文笔记。\n",
}


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _rewritten(before: dict, after: dict) -> set[str]:
    """Files written again (a new mtime), added or removed."""
    return {
        path
        for path in before.keys() | after.keys()
        if before.get(path, (0,))[0] != after.get(path, (0,))[0]
    }


def _served_html(path: str) -> str:
    """The site file a docs/ file becomes (`index.md` -> `index.html`, `a.md` -> `a/index.html`)."""
    return page_url(path, True) + "index.html" if path.endswith(".md") else path


class Server:
    """`obsidian-to-mkdocs serve` in a site folder, on 127.0.0.1."""

    def __init__(self, site: Path, port: int, log: Path) -> None:
        self.site, self.port, self.log = site, port, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        address = f"127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "obsidian_to_mkdocs", "serve", "-a", address]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, cwd=self.site, stdout=log, stderr=subprocess.STDOUT
            )

    def url(self, page: str) -> str:
        return f"http://127.0.0.1:{self.port}/{page}"

    def stop(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def tail(self) -> str:
        return self.log.read_text()[-3000:]


@pytest.fixture
def served(tmp_path: Path):
    vault = write_vault(tmp_path / "vault", NOTES)
    site = tmp_path / "site"
    site.mkdir()
    port = _free_port()
    (site / "mkdocs.yml").write_text(CONFIG.format(port=port, vault=vault))
    server = Server(site, port, tmp_path / "serve.log")
    server.start()
    try:
        assert _wait_for(server.url("Note/"), "First version", 90), server.tail()
        yield vault, site, server
    finally:
        if server.process and server.process.poll() is None:
            server.stop()


def _search_index(server: Server) -> dict:
    return json.loads(_get(server.url("search/search_index.json")) or "{}")


def _texts_by_page(index: dict) -> dict[str, str]:
    texts: dict[str, str] = {}
    for entry in index.get("docs", []):
        page = entry["location"].split("#")[0]
        texts[page] = texts.get(page, "") + entry.get("title", "") + " " + entry.get("text", "")
    return texts


def _nav_titles(page_html: str) -> list[str]:
    tree = html.fromstring(page_html)
    return [" ".join(a.text_content().split()) for a in tree.cssselect("nav.md-nav--primary a")]


def test_a_save_rebuilds_only_what_changed_and_serves_what_a_full_build_would(served):
    vault, site, server = served
    served_site = site / ".cache" / "obsidian-to-mkdocs" / SITE_FOLDER
    docs_before, site_before = _snapshot(site / "docs"), _snapshot(served_site)
    time.sleep(0.05)  # a rewritten file gets a later mtime than the snapshot's

    (vault / "Note.md").write_text(
        "---\ntags: [animals]\n---\nLinks to [[Hub]] and [[Other]]. Second version: "
        "a quokka. 鸭嘴兽是哺乳动物。\n",
        encoding="utf-8",
    )
    assert _wait_for(server.url("Note/"), "Second version", 30), server.tail()

    # the edit shows on the other pages and in search
    assert "Note" in _get(server.url("Other/")).split("Backlinks", 1)[-1], "no backlink on Other"
    texts = _texts_by_page(_search_index(server))
    assert "quokka" in texts["Note/"] and "鸭嘴兽" in texts["Note/"]
    assert "otters" in texts["Other/"] and "Unlike" in texts["Titled/"], "index lost pages"
    assert "中文" in texts[next(url for url in texts if url.startswith("%E4%B8%AD"))]
    # the navigation drawn on the rebuilt page keeps the titles of the pages not rebuilt
    titles = _nav_titles(_get(server.url("Note/")))
    assert "A Title Unlike Its Name" in titles and "Other" in titles and "中文笔记" in titles

    # only the output of the docs/ files the conversion rewrote, and the site-wide files
    docs_changed = _rewritten(docs_before, _snapshot(site / "docs"))
    expected = {_served_html(path) for path in docs_changed if not path.startswith(".")}
    expected |= ALWAYS_WRITTEN
    site_after = _snapshot(served_site)
    assert {"Note/index.html", "Other/index.html"} <= expected
    assert _rewritten(site_before, site_after) == expected

    # a restart builds nothing that did not change: its record is kept beside the site
    server.stop()
    assert (served_site.parent / RECORD_FILE).is_file()
    server.start()
    assert _wait_for(server.url("Titled/"), "titled note", 90), server.tail()
    assert _rewritten(site_after, _snapshot(served_site)) <= ALWAYS_WRITTEN
    assert "0 pages to rebuild" in server.tail()

    # the served site is the one a full build makes
    server.stop()
    full = site / "full"
    env = {**os.environ}
    subprocess.run(
        [sys.executable, "-m", "obsidian_to_mkdocs", "build", "--site-dir", str(full)],
        cwd=site,
        env=env,
        check=True,
        capture_output=True,
    )
    served_files, full_files = _snapshot(served_site), _snapshot(full)
    assert served_files.keys() == full_files.keys()
    different = [p for p in full_files if full_files[p][1] != served_files[p][1]]
    assert different == []


def test_a_renamed_note_makes_a_full_build(served):
    vault, site, server = served
    (vault / "Other.md").rename(vault / "Renamed.md")
    assert _wait_for(server.url("Renamed/"), "otters", 60), server.tail()
    assert "full build" in server.tail()
    assert "otters" not in _get(server.url("Other/"))
    titles = _nav_titles(_get(server.url("Note/")))
    assert "Renamed" in titles and "Other" not in titles
    texts = _texts_by_page(_search_index(server))
    assert "Renamed/" in texts and "Other/" not in texts


def test_a_site_inside_its_vault_builds_once_per_save(tmp_path: Path):
    """`new . --vault .`: docs/, the cache and the served site are in the watched vault; their
    writes during a build must not start another build."""
    vault = write_vault(tmp_path / "vault", NOTES)
    subprocess.run(
        [sys.executable, "-m", "obsidian_to_mkdocs", "new", ".", "--vault", "."],
        cwd=vault,
        check=True,
        capture_output=True,
    )
    server = Server(vault, _free_port(), tmp_path / "serve.log")  # not in the vault
    server.start()
    try:
        assert _wait_for(server.url("Note/"), "First version", 90), server.tail()
        time.sleep(3)  # two polls of the vault at least
        assert server.tail().count("Building documentation") == 1, server.tail()
        (vault / "Other.md").write_text("Otters, edited.\n", encoding="utf-8")
        assert _wait_for(server.url("Other/"), "Otters, edited", 60), server.tail()
        time.sleep(3)
        assert server.tail().count("Building documentation") == 2, server.tail()
    finally:
        server.stop()
