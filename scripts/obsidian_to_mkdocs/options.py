"""One options object shared by the MkDocs plugin and the CLI, and the one function that
builds it from mkdocs.yml: both read the same settings with the same defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .shared import TAGS_DIR

VAULT = "vault"  # the vault folder, beside mkdocs.yml, when the plugin's `vault:` is not set
CONFIG = "mkdocs.yml"  # MkDocs' own defaults
DOCS_DIR = "docs"
SITE_DIR = "site"


@dataclass(frozen=True)
class Options:
    """Where to read the vault, where to write pages, and how strict to be."""

    vault: Path
    docs_dir: Path
    use_directory_urls: bool = True
    strict: bool = False
    exclude: tuple[str, ...] = ()
    require_publish: bool = False  # allow-list: only `publish: true` notes, as Obsidian Publish
    tags_dir: str = TAGS_DIR
    home: str = ""  # the note that is the home page; default: the vault's index/README/Home
    show_progress: bool = True
    site_url: str = ""  # mkdocs.yml `site_url`: absolute links in feed.xml and redirects
    site_name: str = ""  # mkdocs.yml `site_name`: the feed's title
    language: str = "en"  # mkdocs.yml `theme.language`: words on generated pages
    # The site's docs_dir and site_dir when they are inside the vault (a site made in the
    # vault's own repository, `new . --vault .`), as folder patterns (`docs/`): never read.
    own_folders: tuple[str, ...] = ()
    verbose: bool = False  # name unpublished notes in the report (a public CI log must not)


def _inside(vault: Path, folders: tuple[Path, ...]) -> tuple[str, ...]:
    """The folders inside `vault`, as vault-relative folder patterns."""
    vault = vault.resolve()
    return tuple(
        f"{folder.relative_to(vault).as_posix()}/"
        for folder in (f.resolve() for f in folders)
        if folder != vault and folder.is_relative_to(vault)
    )


DEFAULTS = Options(vault=Path(VAULT), docs_dir=Path(DOCS_DIR))


def site_language(theme: object) -> str:
    """`theme.language` of mkdocs.yml (`theme: material` alone is English)."""
    language = theme.get("language") if isinstance(theme, Mapping) else None
    return str(language or DEFAULTS.language)


def _path(given: str | None, configured: object, default: str, base: Path) -> Path:
    """A folder given on the command line (relative to the working folder), else as mkdocs.yml
    sets it (relative to its folder `base`), else the default."""
    if given:
        return Path(given).absolute()
    found = Path(str(configured or default)).expanduser()
    return found if found.is_absolute() else base / found


def build_options(
    config: Mapping[str, Any],
    settings: Mapping[str, Any],
    base: Path,
    *,
    vault: str | None = None,
    docs_dir: str | None = None,
    site_dir: str | None = None,
    strict: bool = False,
    verbose: bool = False,
) -> Options:
    """The options for mkdocs.yml's `config` and its `obsidian-vault` plugin `settings`.

    Paths in mkdocs.yml are relative to its folder `base`; `vault` and `docs_dir` given on
    the command line (or by `serve --vault`) are relative to the working folder.
    """

    docs = _path(docs_dir, config.get("docs_dir"), DOCS_DIR, base)
    site = _path(site_dir, config.get("site_dir"), SITE_DIR, base)
    vault_dir = _path(vault, settings.get("vault"), VAULT, base)
    return Options(
        vault=vault_dir,
        docs_dir=docs,
        use_directory_urls=bool(config.get("use_directory_urls", DEFAULTS.use_directory_urls)),
        strict=bool(strict or settings.get("strict", DEFAULTS.strict)),
        exclude=tuple(str(p) for p in settings.get("exclude") or DEFAULTS.exclude),
        require_publish=bool(settings.get("require_publish", DEFAULTS.require_publish)),
        tags_dir=str(settings.get("tags_dir") or "").strip("/") or DEFAULTS.tags_dir,
        home=str(settings.get("home") or DEFAULTS.home),
        site_url=str(config.get("site_url") or ""),
        site_name=str(config.get("site_name") or ""),
        language=site_language(config.get("theme")),
        own_folders=_inside(vault_dir, (docs, site)),
        verbose=bool(verbose or settings.get("verbose", DEFAULTS.verbose)),
    )


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!!python/...` tags."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> tuple[dict, dict]:
    """mkdocs.yml as data (empty when missing or unreadable) and its plugin's settings."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except (OSError, yaml.YAMLError):
        data = None
    config = data if isinstance(data, dict) else {}
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "obsidian-vault" in entry:
            settings = entry["obsidian-vault"]
            return config, settings if isinstance(settings, dict) else {}
    return config, {}


def options_for(config_file: Path, **given: Any) -> Options:
    """The options `obsidian-to-mkdocs` uses for a mkdocs.yml (`given`: from its command line)."""
    config, settings = read_config(config_file)
    return build_options(config, settings, config_file.resolve().parent, **given)


def site_folder(config_file: Path, site_dir: str | None = None) -> Path:
    """Where the site is built: `--site-dir`, else mkdocs.yml's `site_dir`, else site/."""
    config, _ = read_config(config_file)
    return _path(site_dir, config.get("site_dir"), SITE_DIR, config_file.resolve().parent)
