"""The MkDocs plugin `obsidian-vault`: brings the package's theme and the Markdown extensions
its pages need to Material, converts the vault before each build and watches it.

Events only; the work is `pipeline.convert`. The generated `docs/` needs no plugin to build,
so a builder that runs none (Zensical) renders it with the theme as its `custom_dir`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .extensions import markdown_extensions
from .graph import graph_page_url
from .incremental import DirtyBuilds
from .navigation import relink, sort_naturally
from .options import CONFIG, DEFAULTS, SITE_DIR, VAULT, Options, build_options, read_config
from .pipeline import convert_apart
from .report import Report
from .search import PageNames, complete_index, load_user_dictionary, names_of, quiet_jieba
from .shared import THEME_DIR, theme_settings

log = logging.getLogger("mkdocs.plugins.obsidian_vault")
VAULT_ENV = "OBSIDIAN_TO_MKDOCS_VAULT"  # set by `obsidian-to-mkdocs serve --vault`


class ObsidianVaultConfig(Config):
    """The plugin's settings; their defaults are the options' (options.DEFAULTS)."""

    vault = c.Type(str, default=VAULT)
    enabled = c.Type(bool, default=True)
    strict = c.Type(bool, default=DEFAULTS.strict)
    exclude = c.ListOfItems(c.Type(str), default=list(DEFAULTS.exclude))
    require_publish = c.Type(bool, default=DEFAULTS.require_publish)
    tags_dir = c.Type(str, default=DEFAULTS.tags_dir)
    verbose = c.Type(bool, default=DEFAULTS.verbose)
    home = c.Type(str, default=DEFAULTS.home)


def _add_markdown_extensions(config: MkDocsConfig) -> None:
    """Those of `markdown_extensions()` the site does not configure itself (`toc` is always
    there, as an MkDocs built-in: it gets the settings unless it has its own)."""
    for name, settings in markdown_extensions().items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        if settings and name not in config.mdx_configs:
            config.mdx_configs[name] = settings


class ObsidianVaultPlugin(BasePlugin[ObsidianVaultConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.options: Options | None = None
        self.converted: Report | None = None  # set by the CLI when it converted already
        self.page_names: list[PageNames] = []  # this build's pages, for search
        self.taught: set[PageNames] = set()  # names jieba learnt in this process
        self.serving = False
        self.dirty_builds: DirtyBuilds | None = None  # dirty builds (set by the CLI's serve)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        if not dirty:  # MkDocs keeps a plugin from one command to the next in a process
            self.dirty_builds = None
        elif self.dirty_builds is None:  # `mkdocs serve --dirty`, `build --dirty`
            self.dirty_builds = DirtyBuilds()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """The options, and the package's theme: its folder joins Material's template folders
        (after the user's custom_dir, which still overrides it) and the names it shares with
        the converter are handed to its templates as `config.extra.ofm`."""
        quiet_jieba()
        base = Path(config.config_file_path or ".").resolve().parent
        site_dir = None
        own = config
        if self.serving:  # MkDocs serves from another folder: the site's own is mkdocs.yml's,
            raw, _ = read_config(Path(config.config_file_path or CONFIG))
            site_dir = str(base / str(raw.get("site_dir") or SITE_DIR))
            # and at another address: pages converted for the site's own (as `build` and the
            # CLI's first conversion do) are not written again for the dev server's
            own = {**config, "site_url": raw.get("site_url")}
        self.options = build_options(
            own, self.config, base, vault=os.environ.get(VAULT_ENV) or None, site_dir=site_dir
        )
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        config.extra["ofm"] = theme_settings(self.options.tags_dir, self.options.language)
        _add_markdown_extensions(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """The graph page and the tag pages are the site's, not notes: built and linked, but
        not listed in the navigation among the notes. The graph page is where graph.json says
        (`graph/`, or elsewhere when a note took that name)."""
        if self.config.enabled and self.options is not None:
            tags = self.options.tags_dir + "/"
            graph = graph_page_url(Path(config.docs_dir), config.use_directory_urls)
            for file in files.documentation_pages():
                if file.url == graph or file.src_uri.startswith(tags):
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        if self.dirty_builds is not None:
            self.dirty_builds.plan(files, config)
        return files

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.options is None:
            return
        report, self.converted = self.converted, None
        if report is None:  # else the CLI converted and printed the report already
            try:
                report = convert_apart(self.options)
            except (OSError, ValueError) as exc:
                raise PluginError(f"obsidian-vault: {exc}") from exc
            for diagnostic in report.diagnostics:
                log.info(str(diagnostic))
            log.info(report.summary())
        if self.options.strict and report.diagnostics:
            raise Abort(f"obsidian-vault: {len(report.diagnostics)} problems in the vault (strict)")

    @event_priority(110)  # before Material's tags plugin lists the tags of all pages
    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Every page's front matter is read by now (a dirty build's other pages get theirs
        back) and none is indexed yet: jieba learns the pages' names before Material's search
        plugin cuts the first page."""
        if self.dirty_builds is not None:
            self.dirty_builds.restore(env, files, config)
        if self.config.enabled:
            pages = [file.page for file in files.documentation_pages()]
            self.page_names = [names_of(page) for page in pages if page is not None]
            if self.dirty_builds is None or not self.dirty_builds.nothing_rebuilt:
                untaught = [names for names in self.page_names if names not in self.taught]
                load_user_dictionary(untaught)  # jieba keeps them from one build to the next
                self.taught.update(untaught)
        return env

    @event_priority(-100)  # search: after Material's search plugin wrote its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        to_complete = self.dirty_builds is None or self.dirty_builds.record(config)
        if self.config.enabled and self.options is not None and to_complete:
            complete_index(Path(config.site_dir), self.page_names, self.options.tags_dir)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files) -> Navigation:
        """Folders and notes in natural order (`2` before `10`, `00-Inbox` first), index first."""
        if self.config.enabled and not config.nav:
            sort_naturally(nav.items)
            relink(nav)
        return nav

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.config.enabled and self.options is not None:
            server.watch(str(self.options.vault))
        return server
