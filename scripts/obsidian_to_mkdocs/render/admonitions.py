"""Callouts (`> [!type]`) and Admonition-plugin blocks (```` ```ad-type ````) share one target:
a Material admonition, `!!!` when fixed, `???` / `???+` when foldable."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every Obsidian callout type and alias that Material styles under the same name.
MATERIAL_TYPES = frozenset(
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    ]
)
CALLOUT_HEADER = re.compile(r"^\[!([^\]\s]+)\]([+-]?)(?:\s+(.*))?$")
AD_OPTION = re.compile(r"^(title|collapse|icon|color):\s*(.*)$")


@dataclass(frozen=True)
class Admonition:
    kind: str  # Obsidian's type, lower case
    fold: str  # "" fixed, "+" foldable and open, "-" foldable and closed
    title: str | None  # None: Obsidian shows the type's name

    def header(self, title_markdown: str) -> str:
        """`!!! tip "Title"`; an unknown type is styled as a note and keeps its own class."""
        marker = {"": "!!!", "+": "???+", "-": "???"}[self.fold]
        css = re.sub(r"[^a-z0-9_-]+", "-", self.kind).strip("-") or "note"
        kinds = css if css in MATERIAL_TYPES else f"note {css}"
        return f'{marker} {kinds} "{title_markdown}"'

    @property
    def default_title(self) -> str:
        return self.kind[:1].upper() + self.kind[1:]


def parse_callout_header(first_line: str) -> Admonition | None:
    match = CALLOUT_HEADER.match(first_line.strip())
    if not match:
        return None
    title = (match.group(3) or "").strip()
    return Admonition(match.group(1).lower(), match.group(2), title or None)


def parse_ad_block(info: str, content: str) -> tuple[Admonition, str, int]:
    """Type and options of an ```` ```ad-type ```` block; returns the body and its first line."""
    kind = info.split()[0][3:].lower()
    options: dict[str, str] = {}
    lines = content.split("\n")
    skip = 0
    for line in lines:
        match = AD_OPTION.match(line.strip())
        if not match:
            break
        options[match.group(1)] = match.group(2).strip()
        skip += 1
    collapse = options.get("collapse", "").lower()
    fold = "-" if collapse in ("closed", "close", "true") else "+" if collapse == "open" else ""
    title = options.get("title")
    return Admonition(kind, fold, title or None), "\n".join(lines[skip:]), skip
