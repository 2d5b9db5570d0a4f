"""The MkDocs plugin `obsidian-vault`: converts the vault before each build and watches it.

Events only; the work is `pipeline.convert`. The generated `docs/` needs no plugin to
build, so any Material builder (Zensical included) renders it on its own.
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
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from .navigation import relink, sort_naturally
from .options import Options
from .pipeline import convert_apart
from .report import Report
from .search import PageNames, complete_index, load_user_dictionary, names_of
from .shared import THEME_DIR

log = logging.getLogger("mkdocs.plugins.obsidian_vault")
VAULT_ENV = "OBSIDIAN_TO_MKDOCS_VAULT"  # set by `obsidian-to-mkdocs serve --vault`


class ObsidianVaultConfig(Config):
    vault = c.Type(str, default="vault")
    enabled = c.Type(bool, default=True)
    strict = c.Type(bool, default=False)
    exclude = c.ListOfItems(c.Type(str), default=[])
    require_publish = c.Type(bool, default=False)
    tags_dir = c.Type(str, default="tags")


class ObsidianVaultPlugin(BasePlugin[ObsidianVaultConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.options: Options | None = None
        self.converted: Report | None = None  # set by the CLI when it converted already
        self.page_names: list[PageNames] = []  # this build's pages, for search

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").resolve().parent
        vault = Path(os.environ.get(VAULT_ENV) or self.config.vault)
        self.options = Options(
            vault=vault if vault.is_absolute() else base / vault,
            docs_dir=Path(config.docs_dir),
            use_directory_urls=config.use_directory_urls,
            strict=self.config.strict,
            exclude=tuple(self.config.exclude),
            require_publish=self.config.require_publish,
            tags_dir=self.config.tags_dir,
            site_url=config.site_url or "",
            site_name=config.site_name or "",
            language=str(config.theme.get("language") or "en"),
        )
        if str(THEME_DIR) not in config.theme.dirs:  # after the user's custom_dir, if any
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.options is None:
            return
        report, self.converted = self.converted, None
        if report is None:
            try:
                report = convert_apart(self.options)
            except (OSError, ValueError) as exc:
                raise PluginError(f"obsidian-vault: {exc}") from exc
        for diagnostic in report.diagnostics:
            log.info(str(diagnostic))
        log.info(report.summary())
        if self.options.strict and report.diagnostics:
            raise Abort(f"obsidian-vault: {len(report.diagnostics)} problems in the vault (strict)")

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Every page's front matter is read by now and none is indexed yet: jieba learns the
        pages' names before Material's search plugin cuts the first page."""
        if self.config.enabled:
            pages = [file.page for file in files.documentation_pages()]
            self.page_names = [names_of(page) for page in pages if page is not None]
            load_user_dictionary(self.page_names)
        return env

    @event_priority(-100)  # search: after Material's search plugin wrote its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.enabled and self.options is not None:
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
