"""A link checker for built sites: every internal href in page content must reach a file,
and every #fragment an id on that page."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html


@dataclass
class LinkCheck:
    checked: int = 0
    broken: list[str] = field(default_factory=list)


def _ids(page: Path, cache: dict[Path, set[str]]) -> set[str]:
    if page not in cache:
        root = html.parse(str(page)).getroot()
        cache[page] = {e.get("id") for e in root.iter() if e.get("id")}
    return cache[page]


def check_site(site: Path) -> LinkCheck:
    result = LinkCheck()
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        root = html.parse(str(page)).getroot()
        content = root.cssselect("article") or [root]
        page_dir = page.parent.relative_to(site).as_posix()
        for element in content[0].iter("a", "img", "audio", "video", "iframe", "source"):
            ref = element.get("href") if element.tag == "a" else element.get("src")
            if ref is None:
                continue
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//") or ref.startswith("mailto:"):
                continue
            result.checked += 1
            path = unquote(parts.path)
            if path:
                rel = posixpath.normpath(posixpath.join(page_dir, path))
                target = site / rel
                if rel.startswith(".."):
                    result.broken.append(f"{page.relative_to(site)}: {ref} (outside site)")
                    continue
                if target.is_dir():
                    target = target / "index.html"
            else:
                target = page
            if not target.is_file():
                result.broken.append(f"{page.relative_to(site)}: {ref}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in _ids(target, ids):
                result.broken.append(f"{page.relative_to(site)}: {ref} (no id {fragment!r})")
    return result
