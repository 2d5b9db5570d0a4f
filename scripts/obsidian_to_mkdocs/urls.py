"""Relative links between files of `docs/`, the one way every page writes them."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote


@lru_cache(maxsize=65536)
def relative_path(target: str, from_dir: str) -> str:
    """`target` relative to the folder `from_dir` (both docs-relative POSIX paths).

    posixpath.relpath does the same through abspath and the working directory, which made it
    the slowest part of writing index pages for thousands of notes.
    """
    to_parts = target.split("/")
    from_parts = from_dir.split("/") if from_dir and from_dir != "." else []
    common = 0
    while (
        common < len(from_parts)
        and common < len(to_parts) - 1
        and from_parts[common] == to_parts[common]
    ):
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


def relative_url(from_page: str, to_path: str, fragment: str = "") -> str:
    """A percent-encoded link from the page `from_page` to the docs file `to_path`."""
    url = quote(relative_path(to_path, from_page.rpartition("/")[0]), safe="/")
    return f"{url}#{fragment}" if fragment else url


def page_url(docs_path: str, directory_urls: bool) -> str:
    """The site-relative URL a builder gives a page (`a/b.md` -> `a/b/`)."""
    stem, _ = posixpath.splitext(docs_path)
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_site_url(from_url: str, to_url: str) -> str:
    """A percent-encoded link from one site-relative URL to another (`a/` -> `b/c/` = `../b/c/`)."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    rel = posixpath.relpath(to_url or ".", base.rstrip("/") or ".")
    if to_url.endswith("/") or to_url == "":
        rel = "./" if rel == "." else f"{rel}/"
    return quote(rel, safe="/")
