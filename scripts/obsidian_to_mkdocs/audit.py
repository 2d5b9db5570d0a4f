"""Audit a built site for Obsidian syntax that a reader would still see as raw text.

Counts, per kind, the leftovers in the visible text of every page (code, math and scripts
excluded: there raw syntax is what the author wrote), headings made only of tags, and the
admonitions of the site against the callouts and `ad-` blocks of the vault.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html

from .parse import build_parser
from .report import Report
from .syntax.adblocks import recognise_ad_block
from .syntax.callouts import CALLOUT_META
from .syntax.canvas import parse_canvas
from .vault import is_canvas, is_excluded, is_page_source, read_note, read_settings, scan

# Visible-text patterns; each is only ever applied to text that is not code or math.
LEFTOVERS = {
    "embed": re.compile(r"!\[\[[^\[\]\n]+\]\]"),
    "wikilink": re.compile(r"(?<!!)\[\[[^\[\]\n]+\]\]"),
    "highlight": re.compile(r"==[^\s=](?:[^=\n]*[^\s=])?=="),
    "comment": re.compile(r"%%"),
    "ad-fence": re.compile(r"(?:```|~~~)ad-"),
}
BLOCK_ID = re.compile(r"\s\^[A-Za-z0-9-]+$")
# Obsidian makes a callout only of `[!type]` opening a quote; elsewhere it shows the text.
CALLOUT = re.compile(r"^\s*\[![A-Za-z][\w-]*\]")
TAG_HEADING = re.compile(r"^(?:#[^\s#]+\s*)+$")
NOT_VISIBLE = "code, pre, script, style, kbd, textarea, .arithmatex, math, .headerlink"
NOT_INLINE = ("ul", "ol", "p", "a", "div", "details", "blockquote", "table", "pre")
UTF8 = html.HTMLParser(encoding="utf-8")  # what MkDocs writes, with or without a meta tag
# Admonitions the converter adds for other reasons, or shows again: embedded notes, queries,
# notes in a canvas's file nodes and canvases embedded in notes (#22).
OWN_BOXES = ("ofm-embed", "ofm-query", "ofm-canvas__node--file", "ofm-canvas--embed")


@dataclass
class Audit:
    """What the audit found; `ok` when nothing raw is left and every callout is a box."""

    pages: int = 0
    leftovers: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    tag_headings: list[str] = field(default_factory=list)
    site_admonitions: int = 0
    vault_admonitions: int | None = None  # None: no vault given

    @property
    def ok(self) -> bool:
        same = self.vault_admonitions is None or self.vault_admonitions == self.site_admonitions
        return not self.leftovers and not self.tag_headings and same

    def _found(self, kind: str, page: str, snippet: str) -> None:
        self.leftovers[kind] += 1
        examples = self.examples.setdefault(kind, [])
        if len(examples) < 5:
            examples.append(f"{page}: {snippet.strip()[:80]}")

    def render(self) -> str:
        lines = [f"pages audited: {self.pages}"]
        for kind in (*LEFTOVERS, "callout", "block-id"):
            lines.append(f"raw {kind}: {self.leftovers.get(kind, 0)}")
            lines += [f"    {example}" for example in self.examples.get(kind, [])]
        lines.append(f"tag headings: {len(self.tag_headings)}")
        lines += [f"    {example}" for example in self.tag_headings[:5]]
        lines.append(f"admonitions in site: {self.site_admonitions}")
        if self.vault_admonitions is not None:
            lines.append(f"callouts and ad- blocks in vault: {self.vault_admonitions}")
        lines.append("OK" if self.ok else "PROBLEMS FOUND")
        return "\n".join(lines)


def audit_site(site: Path, vault: Path | None = None, tags_dir: str = "tags") -> Audit:
    """Audit every HTML page under `site`; with `vault`, also compare callout counts.

    The pages under `tags_dir` are titled `#tag` on purpose and are not tag headings.
    """
    result = Audit()
    for path in sorted(site.rglob("*.html")):
        root = html.parse(str(path), parser=UTF8).getroot()
        if root is None:
            continue
        result.pages += 1
        articles = root.cssselect("article")
        page = path.relative_to(site).as_posix()
        tag_page = page.startswith(f"{tags_dir}/")
        _audit_page(articles[0] if articles else root, page, result, tag_page)
    if vault is not None:
        result.vault_admonitions = count_vault_admonitions(vault)
    return result


def _audit_page(content: html.HtmlElement, page: str, result: Audit, tag_page: bool) -> None:
    for hidden in content.cssselect(NOT_VISIBLE):
        if hidden.getparent() is not None:
            hidden.drop_tree()
    text = content.text_content()
    for kind, pattern in LEFTOVERS.items():
        for match in pattern.finditer(text):
            result._found(kind, page, text[max(0, match.start() - 30) : match.end() + 30])
    for block in content.cssselect("p, li, td, th"):
        own = (block.text or "") + "".join(  # a link's text is what Obsidian shows, `^id` too
            (child.text_content() if child.tag not in NOT_INLINE else "") + (child.tail or "")
            for child in block
            if isinstance(child.tag, str) and "ofm-unresolved" not in (child.get("class") or "")
        )
        if BLOCK_ID.search(own.rstrip()):
            result._found("block-id", page, own[-80:])
        if CALLOUT.match(own):
            result._found("callout", page, own[:80])
    for heading in content.cssselect("h1, h2, h3, h4, h5, h6"):
        for link in heading.cssselect("a:not(.ofm-tag)"):  # `## [#](url) Title` is no tag
            link.drop_tree()
        if not tag_page and TAG_HEADING.match(heading.text_content().strip()):
            result.tag_headings.append(f"{page}: {heading.text_content().strip()}")
    for box in content.cssselect("div.admonition, details"):
        if any(
            own in (element.get("class") or "").split()
            for element in (box, *box.iterancestors())
            for own in OWN_BOXES
        ):
            continue
        result.site_admonitions += 1


def count_vault_admonitions(vault: Path) -> int:
    """Callouts and `ad-` blocks in the vault's published notes and canvases' text nodes,
    nested ones included."""
    settings = read_settings(vault)
    total = 0
    for path in scan(vault):
        if not is_page_source(path) or is_excluded(path, settings.ignore_filters):
            continue
        note = read_note(vault, path, Report())
        if not note.published:
            continue
        if is_canvas(path):
            nodes = parse_canvas(note.body).nodes
            total += sum(_count_admonitions(n.text) for n in nodes if n.type == "text")
        else:
            total += _count_admonitions(note.body)
    return total


def _count_admonitions(text: str) -> int:
    tokens = build_parser().parse(text)
    total = 0
    for token in tokens:
        if token.type == "blockquote_open":
            total += CALLOUT_META in token.meta
        elif token.type == "fence" and (block := recognise_ad_block(token.info, token.content)):
            total += 1 + _count_admonitions(block.body)
    return total


def main(site: str, vault: str | None) -> int:
    """`obsidian-to-mkdocs audit SITE [--vault DIR]`: 0 when clean, 1 when problems, 2 usage."""
    missing = [
        folder for folder in (site, vault) if folder is not None and not Path(folder).is_dir()
    ]
    if missing:
        print(f"obsidian-to-mkdocs: no such folder: {missing[0]}")
        return 2
    result = audit_site(Path(site), Path(vault) if vault else None)
    print(result.render())
    return 0 if result.ok else 1
