"""Callouts (`> [!type]`) and Admonition-plugin blocks (```` ```ad-type ````), recognised in
`syntax/`, share one target: a Material admonition, `!!!` when fixed, `???` / `???+` when
foldable."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import material

from ..syntax.adblocks import AdBlock
from ..syntax.callouts import Callout

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
RGB = re.compile(r"^(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})$")
HEX_COLOR = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
# The Admonition plugin's Font Awesome prefixes, and where Material ships those icons.
ICON_SETS = {"fas": "solid", "far": "regular", "fab": "brands"}
ICONS = Path(material.__file__).parent / "templates" / ".icons" / "fontawesome"


@dataclass(frozen=True)
class Admonition:
    kind: str  # Obsidian's type, lower case
    fold: str  # "" fixed, "+" foldable and open, "-" foldable and closed
    title: str | None  # None: Obsidian shows the type's name
    color: str | None = None  # a CSS colour, from an ad- block's `color:`
    icon: str | None = None  # a data: URL of an SVG, from an ad- block's `icon:`

    @property
    def classes(self) -> str:
        """Material's class for the type; an unknown type is styled as a note and keeps its own."""
        css = re.sub(r"[^a-z0-9_-]+", "-", self.kind).strip("-") or "note"
        return css if css in MATERIAL_TYPES else f"note {css}"

    def open_lines(self, title_markdown: str) -> list[str]:
        """The lines that open the admonition; its body follows, indented by `body_indent`.

        `!!! tip "Title"` / `???+ tip "Title"`, unless the block sets a colour or an icon:
        Material's syntax has no place for those, so the box is written as the same HTML
        (through md_in_html) with a style attribute that ofm.css reads.
        """
        if self.color is None and self.icon is None:
            marker = {"": "!!!", "+": "???+", "-": "???"}[self.fold]
            return [f'{marker} {self.classes} "{title_markdown}"']
        extra = " ofm-ad-color" * bool(self.color) + " ofm-ad-icon" * bool(self.icon)
        style = "; ".join(
            [f"--ofm-ad-color: {self.color}"] * bool(self.color)
            + [f"--ofm-ad-icon: url({self.icon})"] * bool(self.icon)
        )
        if not self.fold:
            return [
                f'<div class="admonition {self.classes}{extra}" style="{style}" markdown>',
                f'<p class="admonition-title" markdown>{title_markdown}</p>',
            ]
        is_open = " open" if self.fold == "+" else ""
        return [
            f'<details class="{self.classes}{extra}" style="{style}"{is_open} markdown>',
            f"<summary markdown>{title_markdown}</summary>",
        ]

    def close_lines(self) -> list[str]:
        if self.color is None and self.icon is None:
            return []
        return ["</div>" if not self.fold else "</details>"]

    @property
    def body_indent(self) -> str:
        """Material's `!!!` body is indented; an HTML box's body must not be (it would be code)."""
        return "" if self.close_lines() else "    "

    @classmethod
    def of_callout(cls, callout: Callout) -> Admonition:
        return cls(callout.kind, callout.fold, callout.title)

    @classmethod
    def of_ad_block(cls, block: AdBlock) -> Admonition:
        """An `ad-` block's colour and icon are used only when they are safe CSS and a known
        icon; anything else keeps the type's own."""
        return cls(
            block.kind, block.fold, block.title, css_color(block.color), icon_url(block.icon)
        )


def css_color(value: str) -> str | None:
    """`255, 0, 0` (the plugin's form) or `#f00` as CSS; anything else is ignored, never
    copied into a style attribute."""
    if match := RGB.match(value.strip()):
        channels = [min(int(c), 255) for c in match.groups()]
        return "rgb({}, {}, {})".format(*channels)
    if match := HEX_COLOR.match(value.strip()):
        return "#" + match.group(1).lower()
    return None


@cache
def icon_url(name: str) -> str | None:
    """`fas-bug` -> Material's own Font Awesome SVG as a data: URL; other icon packs keep the
    type's icon."""
    prefix, _, icon = name.strip().lower().partition("-")
    folder = ICON_SETS.get(prefix)
    if folder is None or not re.fullmatch(r"[a-z0-9-]+", icon):
        return None
    svg = ICONS / folder / f"{icon}.svg"
    if not svg.is_file():
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.read_bytes()).decode("ascii")
