"""Heading ids exactly as Python-Markdown's `toc` with `pymdownx.slugs` will write them."""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import unique
from pymdownx.slugs import slugify

_slugify = slugify(case="lower")
_TAGS = re.compile(r"</?[^>]*>")


def slug(text: str) -> str:
    """The id `toc` gives a heading whose visible text is `text` (CJK kept, lower case)."""
    return _slugify(html.unescape(_TAGS.sub("", text)), "-")


def unique_slugs(texts: list[str]) -> list[str]:
    """Ids for a page's headings in order; repeats get `_1`, `_2` as `toc` does."""
    used: set[str] = set()
    return [unique(slug(text), used) for text in texts]
