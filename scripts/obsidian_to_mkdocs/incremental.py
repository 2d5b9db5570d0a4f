"""Incremental site builds: MkDocs' dirty mode (`build(dirty=True)`, `mkdocs serve --dirty`)
made correct for a converted vault.

Dirty mode builds only the pages whose docs/ file is newer than their HTML. The converter
rewrites only the docs/ files whose bytes changed, so these are exactly the pages an edit
changed (the edited note, the notes showing its backlinks, its tag pages...). What dirty mode
leaves out is completed here, from what the previous build of the same site recorded:

- the pages it does not read have no front matter and no title, so the navigation drawn on the
  rebuilt pages would lose them: they get the ones recorded when they were last built, and
  Material's tags plugin hears of their tags (its tags.json lists them all);
- Material's search index would hold only the rebuilt pages: each page's entries are recorded,
  the rebuilt pages' are replaced, and the index is written whole, in a full build's order;
- what only the navigation and the pages' addresses make (404.html, the sitemap) is kept;
- a change that shows on every page cannot be partial: a page added, deleted or renamed (the
  navigation), a title changed, other settings, or no record that matches the site folder
  (first build, another site, a session killed mid-build). Then the site folder is emptied,
  which makes every page and file "modified": the dirty build is a full one.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory
from mkdocs.utils.meta import get_data

from .cache import code_digest, digest

log = logging.getLogger("mkdocs.plugins.obsidian_vault")

SEARCH_INDEX = Path("search", "search_index.json")
# Front matter that a page's entry in the navigation shows: a change is seen on every page.
NAV_KEYS = ("title", "icon", "status", "subtitle")
STATE_FORMAT = 1
TEMPLATES = "templates"  # compiled templates, beside the record
SITE_WIDE = ("404.html", "sitemap.xml")  # MkDocs' static templates (sitemap.xml.gz with it)


@dataclass
class PageRecord:
    """What a page's build left for the builds that skip it."""

    title: str | None
    meta: dict
    search: list[dict]  # its entries in the search index, as Material wrote them
    output: str  # its HTML file


@dataclass
class SiteRecord:
    """The last build of one site folder."""

    key: str  # settings, versions, code: another key means a full build
    sources: frozenset[str]  # every file the site was built from (docs/ and theme)
    pages: dict[str, PageRecord] = field(default_factory=dict)  # by src_uri
    search_config: dict | None = None
    # Read from disk: each page's HTML mtime when the record was saved. A session that built
    # after it and died before saving left a site folder that does not match it.
    outputs: dict[str, int] | None = None


def _settings_key(config: MkDocsConfig) -> str:
    """Everything besides docs/ that every page shows: mkdocs.yml, the served address, the
    versions of MkDocs, Material and this package's code."""
    import material
    import mkdocs

    path = config.config_file_path
    text = Path(path).read_bytes() if path and os.path.isfile(path) else b""
    parts = (STATE_FORMAT, mkdocs.__version__, material.__version__, code_digest())
    parts += (config.site_url, config.site_dir, config.docs_dir, config.use_directory_urls)
    return digest(repr(parts).encode() + text)


def _pages(files: Files) -> list[File]:
    """The Markdown pages, in the order MkDocs builds them (and Material indexes them)."""
    return [file for file in files if file.is_documentation_page()]


def _front_matter(file: File) -> dict:
    """A page's front matter, read without its body (the converter writes it first)."""
    assert file.abs_src_path is not None
    with open(file.abs_src_path, encoding="utf-8-sig", errors="replace") as handle:
        text = handle.read(65536)
    if text.startswith("---") and "\n---" not in text[3:] and "\n..." not in text[3:]:
        text = Path(file.abs_src_path).read_text(encoding="utf-8-sig", errors="replace")
    try:
        return get_data(text)[1]
    except Exception:  # noqa: BLE001 - MkDocs warns when it reads the page itself
        return {}


def _nav_changed(file: File, record: PageRecord | None) -> bool:
    """Does this modified page show differently in the navigation of the others?"""
    if record is None or "title" not in record.meta:
        return True  # a title from the first heading cannot be told without rendering
    meta = _front_matter(file)
    return any(meta.get(key) != record.meta.get(key) for key in NAV_KEYS)


def _page_url(location: object) -> str:
    return str(location).split("#", 1)[0]


class _Templates(BytecodeCache):
    """Compiled templates, kept from one build to the next: MkDocs makes a new Jinja
    environment for each build, which compiled Material's templates again (0.4 s)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class DirtyBuilds:
    """The plugin's part in dirty builds: plan (on_files), restore (on_env), record
    (on_post_build). `state_file`: where a session's record is kept for the next one."""

    def __init__(self, state_file: Path | None = None) -> None:
        self.state_file = state_file
        self.site: SiteRecord | None = None
        self.rebuilt: set[str] | None = None  # this build's pages; None: all of them
        self.finished = False  # the last build recorded its pages (it was not interrupted)
        self.files: Files | None = None  # this build's, as the last plugin left them
        self.index_kept: bytes | None = None  # the last build's search index, when kept
        self.templates: BytecodeCache = _Templates()
        if state_file is not None:  # and from one session to the next
            (state_file.parent / TEMPLATES).mkdir(parents=True, exist_ok=True)
            self.templates = FileSystemBytecodeCache(str(state_file.parent / TEMPLATES))

    # --- on_files ------------------------------------------------------------------------

    def plan(self, files: Files, config: MkDocsConfig) -> None:
        """A dirty build of what changed, or a full one (the site folder emptied)."""
        forget_search_index(config)
        key = _settings_key(config)
        sources = frozenset(file.src_uri for file in files)
        site = self.site if self.site is not None else self._load(config.site_dir)
        reason = self._full_build_reason(site, key, sources, files)
        if self.site is not None and not self.finished:  # it wrote some pages, recorded none
            reason = "the last build did not finish"
        if reason is None:
            assert site is not None
            pages = [file for file in _pages(files) if file.is_modified()]
            changed = next(
                (f.src_uri for f in pages if _nav_changed(f, site.pages.get(f.src_uri))), None
            )
            if changed is not None:
                reason = f"{changed} changed in the navigation"
            else:
                self.site, self.rebuilt = site, {file.src_uri for file in pages}
                self.finished = False
                _keep_site_wide_pages(config)
                self.index_kept = None
                if not self.rebuilt:  # the index as the last build completed it stays
                    with suppress(OSError):
                        self.index_kept = (Path(config.site_dir) / SEARCH_INDEX).read_bytes()
                log.info("obsidian-vault: %d pages to rebuild", len(self.rebuilt))
                return
        log.info("obsidian-vault: full build (%s)", reason)
        clean_directory(config.site_dir)
        self.site = SiteRecord(key=key, sources=sources)
        self.rebuilt, self.finished = None, False

    def _full_build_reason(
        self, site: SiteRecord | None, key: str, sources: frozenset[str], files: Files
    ) -> str | None:
        if site is None:
            return "no previous build"
        if site.key != key:
            return "settings changed"
        if site.sources != sources:
            return "pages or files added or removed"
        for file in _pages(files):
            record = site.pages.get(file.src_uri)
            if record is None:
                return f"no record of {file.src_uri}"
            if site.outputs is not None and site.outputs.get(file.src_uri) != _mtime(record):
                return "the site folder changed since its record"
        site.outputs = None
        return None

    # --- on_env ----------------------------------------------------------------------------

    def restore(self, env: Environment, files: Files, config: MkDocsConfig) -> None:
        """Front matter and titles of the pages this build did not read, as last built; the
        tags plugin collects their tags as it did then. Templates compiled once."""
        self.files = files
        env.bytecode_cache = self.templates
        if self.rebuilt is None or self.site is None:
            return
        tags_plugins = _tags_plugins(config)
        for file in _pages(files):
            page = file.page
            if file.src_uri in self.rebuilt or page is None or page.markdown is not None:
                continue
            record = self.site.pages[file.src_uri]
            page.meta = dict(record.meta)
            page.title = record.title  # type: ignore[misc]  # MkDocs: settable once
            for plugin in tags_plugins:
                plugin.on_page_markdown("", page=page, config=config, files=files)

    # --- on_post_build -----------------------------------------------------------------------

    @property
    def nothing_rebuilt(self) -> bool:
        """No page is rebuilt (a start with nothing changed): nothing to index or complete."""
        return self.rebuilt is not None and not self.rebuilt

    def record(self, config: MkDocsConfig) -> bool:
        """Keep what this build made of its pages; write the search index whole. False when
        it is the last build's, already completed (`search.complete_index`)."""
        files = self.files
        if self.site is None or files is None:
            return True
        index_file = Path(config.site_dir) / SEARCH_INDEX
        if self.nothing_rebuilt and self.index_kept is not None:
            index_file.write_bytes(self.index_kept)
            self.finished = True
            return False
        fresh = _read_index(index_file)
        entries: dict[str, list[dict]] = {}
        for entry in fresh.get("docs", []) if fresh else []:
            entries.setdefault(_page_url(entry.get("location")), []).append(entry)
        if fresh:
            self.site.search_config = fresh.get("config")
        pages = _pages(files)
        kept = {}
        for file in pages:
            page = file.page
            if page is None:  # a draft, left out of `mkdocs build`
                continue
            old = self.site.pages.get(file.src_uri)
            if self.rebuilt is None or file.src_uri in self.rebuilt or old is None:
                search = entries.get(page.url, [])
                output = file.abs_dest_path
                kept[file.src_uri] = PageRecord(page.title, dict(page.meta), search, output)
            else:
                kept[file.src_uri] = old
        self.site.pages = kept
        if self.rebuilt is not None and fresh is not None:
            docs = [
                entry
                for file in pages
                if file.src_uri in kept
                for entry in kept[file.src_uri].search
            ]
            data = {"config": self.site.search_config, "docs": docs}
            text = json.dumps(data, separators=(",", ":"), default=str)  # as Material writes it
            index_file.write_text(text, encoding="utf-8")
        self.finished = True
        return True

    # --- the record on disk --------------------------------------------------------------------

    def save(self, site_dir: str) -> None:
        """The record, for the next session on this site folder (`state_file`); none when the
        last build was interrupted: the folder holds some of its pages."""
        if self.state_file is None:
            return
        if self.site is None or not self.finished:
            self.state_file.unlink(missing_ok=True)
            return
        outputs = {src_uri: _mtime(record) for src_uri, record in self.site.pages.items()}
        site = SiteRecord(
            self.site.key, self.site.sources, self.site.pages, self.site.search_config, outputs
        )
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        temp = self.state_file.with_name(self.state_file.name + ".tmp")
        with open(temp, "wb") as handle:
            pickle.dump(
                (STATE_FORMAT, os.path.abspath(site_dir), site), handle, pickle.HIGHEST_PROTOCOL
            )
        os.replace(temp, self.state_file)

    def _load(self, site_dir: str) -> SiteRecord | None:
        if self.state_file is None:
            return None
        try:
            with open(self.state_file, "rb") as handle:
                version, folder, site = pickle.load(handle)  # noqa: S301 - our own cache
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            return None
        if (
            version != STATE_FORMAT
            or folder != os.path.abspath(site_dir)
            or not isinstance(site, SiteRecord)
        ):
            return None
        return site


def _keep_site_wide_pages(config: MkDocsConfig) -> None:
    """404.html and the sitemap show the navigation and the pages' addresses, which a dirty
    build does not change: the previous build's are kept (404.html alone took 1 s)."""
    for name in SITE_WIDE:
        if os.path.isfile(os.path.join(config.site_dir, name)):
            config.theme.static_templates.discard(name)


def _mtime(record: PageRecord) -> int:
    try:
        return os.stat(record.output).st_mtime_ns
    except OSError:
        return -1


def _read_index(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def forget_search_index(config: MkDocsConfig) -> None:
    """Material's search plugin merges a dirty build's entries into the previous build's
    itself, assuming one page was rebuilt (a second page's old entries stay): it is given
    none, and `DirtyBuilds.record` merges them."""
    for plugin in config.plugins.values():
        if getattr(plugin, "search_index_prev", None) is not None:
            plugin.search_index_prev = None


def _tags_plugins(config: MkDocsConfig) -> list:
    try:
        from material.plugins.tags.plugin import TagsPlugin
    except ImportError:
        return []
    plugins = config.plugins.values()
    return [
        plugin for plugin in plugins if isinstance(plugin, TagsPlugin) and plugin.config.enabled
    ]
