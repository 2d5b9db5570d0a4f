"""One options object shared by the MkDocs plugin and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """Where to read the vault, where to write pages, and how strict to be."""

    vault: Path
    docs_dir: Path
    use_directory_urls: bool = True
    strict: bool = False
    exclude: tuple[str, ...] = ()
    require_publish: bool = False  # allow-list: only `publish: true` notes, as Obsidian Publish
    tags_dir: str = "tags"
    home: str = ""  # the note that is the home page; default: the vault's index/README/Home
    show_progress: bool = True
    site_url: str = ""  # mkdocs.yml `site_url`: absolute links in feed.xml and redirects
    site_name: str = ""  # mkdocs.yml `site_name`: the feed's title
    language: str = "en"  # mkdocs.yml `theme.language`: words on generated pages
