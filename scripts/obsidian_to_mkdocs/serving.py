"""`obsidian-to-mkdocs serve`: MkDocs' live-reload server on a site folder that outlives the
session, built incrementally (incremental.py).

`mkdocs serve` builds into a new temporary folder at each start, so every start is a full build
(about 27 s for 3,000 notes) and, without `--dirty`, so is every save. Here the site is built
into the cache folder, beside the converter's cache (never into the site's own `site/`), and
its record is kept there when the server stops: the next start is a dirty build of what
changed meanwhile. The vault (the plugin watches it) and mkdocs.yml are watched; docs/ is the
conversion's output, written during each build, so watching it would build everything twice.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from os.path import isfile
from pathlib import Path
from urllib.parse import urlsplit

from .cache import cache_folder
from .incremental import DirtyBuilds
from .options import Options, site_folder
from .report import Report

log = logging.getLogger("mkdocs.commands.serve")

SITE_FOLDER = "serve-site"
RECORD_FILE = "serve-site.pickle"


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave the navigation and links stale: ours are
    completed (incremental.py), and under --strict the warning would abort the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM stops the server as Ctrl-C does, so the site's record is kept."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _scandir_without(folders: set[str]) -> Callable[[str], Iterator[os.DirEntry]]:
    """os.scandir that never lists `folders` (absolute paths)."""

    def scandir(path: str) -> Iterator[os.DirEntry]:
        with os.scandir(path) as entries:
            yield from (entry for entry in entries if entry.path not in folders)

    return scandir


def _server(builder, site_dir: Path, host: str, port: int, mount_path: str, own: set[str]):
    """MkDocs' LiveReloadServer, whose watches never look into the site's own folders: with
    the site folder in the vault (`new . --vault .`), the conversion's docs/ and cache and
    this site, written during every build, would each start another build (and be polled
    every half second: three times the vault's files)."""
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserverVFS

    server = LiveReloadServer(
        builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path
    )
    server.observer = PollingObserverVFS(os.stat, _scandir_without(own), polling_interval=0.5)
    server.error_handler = lambda code: _error_page(site_dir, code)
    return server


def serve(
    config_file: str, options: Options, report: Report, *, dev_addr: str | None, strict: bool
) -> None:
    """Build (incrementally) and serve until interrupted; `report`: the conversion done."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import _serve_url

    site_dir = cache_folder(options) / SITE_FOLDER
    dirty_builds = DirtyBuilds(cache_folder(options) / RECORD_FILE)
    converted: list[Report] = [report]  # handed to the first build's plugin only

    def get_config():
        config = load_config(config_file, site_dir=str(site_dir), dev_addr=dev_addr, strict=strict)
        plugin = config.plugins.get("obsidian-vault")
        if plugin is not None:
            plugin.converted = converted.pop() if converted else None
            plugin.dirty_builds = dirty_builds
        return config

    config = get_config()
    dirty = config.plugins.get("obsidian-vault") is not None  # completed only by the plugin
    config.plugins.on_startup(command="serve", dirty=dirty)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)

    def builder(config=None) -> None:
        log.info("Building documentation...")
        if config is None:
            config = get_config()
            config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=dirty)

    own = {config.docs_dir, str(cache_folder(options)), str(site_folder(Path(config_file)))}
    server = _server(builder, site_dir, host, port, mount_path, {os.path.abspath(f) for f in own})
    quiet = _NoDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        with _stopped_by_sigterm():
            builder(config)
            if config.config_file_path:
                server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for item in config.watch:
                server.watch(item)
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        dirty_builds.save(str(site_dir))


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and isfile(page) else None
