"""```` ```ad-type ```` fences of the Admonition plugin: type, option lines, body."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPTION = re.compile(r"(title|collapse|icon|color):\s*(.*)")


@dataclass(frozen=True)
class AdBlock:
    """A recognised `ad-` block: plain data, rendered elsewhere."""

    kind: str  # the type after `ad-`, lower case
    fold: str  # "" fixed, "+" foldable and open, "-" foldable and closed
    title: str | None  # None: the plugin shows the type's name
    color: str  # the `color:` option as written ("" when absent)
    icon: str  # the `icon:` option as written ("" when absent)
    body: str  # the Markdown after the option lines
    body_line: int  # 0-based line of the body within the fence's content


def is_ad_info(info: str) -> bool:
    """Whether a fence's info string opens an Admonition-plugin block (```` ```ad-tip ````)."""
    words = info.split()
    return bool(words) and words[0].lower().startswith("ad-") and len(words[0]) > 3


def recognise_ad_block(info: str, content: str) -> AdBlock | None:
    """The block a fence opens (its info string and content), or None for other fences.

    Option lines (`title:`, `collapse:`, `icon:`, `color:`) are read up to the first other
    line; `collapse: open` folds open, `closed` (or `close`, `true`) folds closed."""
    if not is_ad_info(info):
        return None
    lines = content.split("\n")
    options: dict[str, str] = {}
    skip = 0
    for line in lines:
        match = OPTION.fullmatch(line.strip())
        if not match:
            break
        options[match.group(1)] = match.group(2).strip()
        skip += 1
    collapse = options.get("collapse", "").lower()
    fold = "-" if collapse in ("closed", "close", "true") else "+" if collapse == "open" else ""
    return AdBlock(
        kind=info.split()[0][3:].lower(),
        fold=fold,
        title=options.get("title") or None,
        color=options.get("color", ""),
        icon=options.get("icon", ""),
        body="\n".join(lines[skip:]),
        body_line=skip,
    )
