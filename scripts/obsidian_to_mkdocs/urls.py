"""Relative links between files of `docs/`, the one way every page writes them."""

from __future__ import annotations

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
