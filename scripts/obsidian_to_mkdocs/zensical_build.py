"""`build --engine zensical` / `serve --engine zensical`: the converted docs/ built by Zensical.

Zensical reads mkdocs.yml but runs no MkDocs plugin, so what the `obsidian-vault` plugin adds
under MkDocs (the package's theme, the Markdown extensions the pages are written for, the
theme's settings `extra.ofm`, the navigation in natural order without the tag and graph
pages) is written
into a generated config that inherits the site's own (`INHERIT:`, which Zensical reads). The
site's mkdocs.yml is never changed. Zensical runs as a process of its own (`python -m
zensical`): a panic of its native code cannot take the caller down.
"""

from __future__ import annotations

import dataclasses
import html
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import yaml

from .cache import cache_folder
from .extensions import markdown_extensions
from .graph import graph_page_url
from .navigation import natural_key
from .options import options_for, read_config
from .shared import THEME_DIR, theme_settings

ENGINES = ("mkdocs", "zensical")
# Beside mkdocs.yml (Zensical builds only below its config's folder); its cache goes to .cache/
GENERATED_CONFIG = ".obsidian-to-mkdocs.zensical.yml"


class ZensicalError(Exception):
    """Said to the user as is: Zensical is missing, or cannot build this site's folders."""


def require_zensical() -> None:
    if importlib.util.find_spec("zensical") is None:
        raise ZensicalError(
            "--engine zensical needs Zensical, which is not installed: "
            "pip install 'obsidian-to-mkdocs[zensical]'"
        )


def _missing_extensions(configured: list) -> list:
    """The plugin's Markdown extensions (`markdown_extensions()`) as mkdocs.yml entries, but
    for those the site configures itself: its own settings win, as with the plugin."""
    own = {
        name
        for entry in configured or []
        for name, settings in (entry.items() if isinstance(entry, dict) else [(entry, None)])
        if settings
    }
    return [
        {name: settings} if settings else name
        for name, settings in markdown_extensions().items()
        if name not in own
    ]


def _theme_dir(custom_dir: object, config_dir: Path, cache: Path) -> Path:
    """The package's theme, or (with the site's own `theme.custom_dir`, which Zensical takes
    alone) a copy of it with the site's folder laid over it, so the site's templates win."""
    if not custom_dir:
        return THEME_DIR
    merged = cache / "zensical-theme"
    shutil.rmtree(merged, ignore_errors=True)
    shutil.copytree(THEME_DIR, merged)
    shutil.copytree(config_dir / str(custom_dir), merged, dirs_exist_ok=True)
    return merged


def _inside(folder: Path, root: Path, what: str) -> str:
    """`folder` relative to `root`: Zensical builds only folders below its config file's."""
    folder, root = folder.resolve(), root.resolve()
    if not folder.is_relative_to(root) or folder == root:
        raise ZensicalError(f"Zensical needs {what} ({folder}) inside {root}")
    return folder.relative_to(root).as_posix()


def _is_index(name: str) -> bool:
    return name in ("index.md", "README.md")


def _nav(pages: list[str]) -> list:
    """The navigation the plugin makes under MkDocs (navigation.py), for Zensical's `nav:`:
    folders and notes in natural order, a folder's index first, sections titled with their
    folder's name as written, HTML-escaped (Zensical writes nav titles as markup, and a folder
    may be named `<svg onload=…>`)."""
    tree: dict = {}
    for path in pages:
        *folders, name = path.split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder + "/", {})
        node[name] = path

    def items(node: dict) -> list:
        def key(name: str) -> tuple:
            stem = name[:-1] if name.endswith("/") else name.rsplit(".", 1)[0]
            return (not _is_index(name), natural_key(stem))

        return [
            {html.escape(name[:-1]): items(node[name])} if name.endswith("/") else node[name]
            for name in sorted(node, key=key)
        ]

    return items(tree)


def write_config(
    config_file: Path, docs_dir: Path, site_dir: Path, root: Path | None = None
) -> Path:
    """The config Zensical builds `docs_dir` with: the site's mkdocs.yml plus what the plugin
    adds, from the same options (options_for: tags_dir, the theme's language).

    It is written in `root` (default: the folder of mkdocs.yml), which must hold docs_dir and
    site_dir; both are given relative to it (Zensical 0.0.73 aborts on an absolute docs_dir).
    """
    config_file = config_file.resolve()
    root = (root or config_file.parent).resolve()
    config, _ = read_config(config_file)
    options = dataclasses.replace(options_for(config_file), docs_dir=docs_dir)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    theme_dir = _theme_dir(theme.get("custom_dir"), config_file.parent, cache_folder(options))
    graph = graph_page_url(docs_dir, options.use_directory_urls)
    graph_page = graph.removesuffix("/").removesuffix(".html") + ".md"
    hidden = [*str(config.get("not_in_nav") or "").splitlines(), f"/{options.tags_dir}/"]
    hidden.append(f"/{graph_page}")
    generated = {
        "INHERIT": os.path.relpath(config_file, root),
        "docs_dir": _inside(docs_dir, root, "docs_dir"),
        "site_dir": _inside(site_dir, root, "site_dir"),
        "theme": {"custom_dir": str(theme_dir)},
        "extra": {"ofm": theme_settings(options.tags_dir, options.language)},
        "markdown_extensions": _missing_extensions(config.get("markdown_extensions")),
        "not_in_nav": "\n".join(dict.fromkeys(filter(None, hidden))),
    }
    if not config.get("nav"):  # the site's own nav is kept as written, as with the plugin
        pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
        tags = options.tags_dir + "/"
        generated["nav"] = _nav([p for p in pages if p != graph_page and not p.startswith(tags)])
    path = root / GENERATED_CONFIG
    header = "# Written by obsidian-to-mkdocs for Zensical at each build: edit mkdocs.yml.\n"
    path.write_text(header + yaml.dump(generated, allow_unicode=True), encoding="utf-8")
    return path


def _zensical(command: str, config: Path, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "zensical", command, "-f", str(config), *arguments]


def build(config: Path, strict: bool = False) -> int:
    """`zensical build` of the generated config; its exit code."""
    arguments = ["--strict"] if strict else []
    return subprocess.run(_zensical("build", config, *arguments), cwd=config.parent).returncode


def serve(config: Path, vault: Path, reconvert: Callable[[], None], dev_addr: str | None) -> int:
    """`zensical serve`, which rebuilds when docs/ changes; the vault is watched here and
    converted again on a change (Zensical watches only its own folders)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()

    class VaultChanged(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            changed.set()

    def convert_on_change() -> None:
        while True:
            changed.wait()
            changed.clear()
            reconvert()

    observer = Observer()
    observer.schedule(VaultChanged(), str(vault), recursive=True)
    observer.start()
    threading.Thread(target=convert_on_change, daemon=True).start()
    arguments = ["--dev-addr", dev_addr] if dev_addr else []
    server = subprocess.Popen(_zensical("serve", config, *arguments), cwd=config.parent)
    # Stopped (Ctrl-C, or a terminate), the server goes with it rather than keep its port.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.terminate()
        server.wait()
        observer.stop()
