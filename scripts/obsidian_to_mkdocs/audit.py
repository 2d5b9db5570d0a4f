"""Audit a built site for Obsidian syntax that a reader would still see as raw text.

Counts, per kind, the leftovers in the visible text of every page (code, math and scripts
excluded: there raw syntax is what the author wrote), headings made only of tags, and the
admonitions of the site against the callouts and `ad-` blocks of the vault.

Pages are read with the standard library's `html.parser` into a small tree, so the audit runs
wherever the package is installed (lxml is only a test dependency).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .parse import build_parser
from .render.rawhtml import VOID
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
# Display math left untypeset, read block by block (table cells apart): a `$$…$$` pair holding
# LaTeX, or a `$$` opening a command. `$$` price marks (`$$$`, `$ $$ $$$`) are not math.
DISPLAY_MATH = re.compile(r"(?<!\$)\$\$(?!\$)(?:[^$]*[\\^_{}=][^$]*\$\$|\s*\\[A-Za-z])")
BLOCK_ID = re.compile(r"\s\^[A-Za-z0-9-]+$")
# Where typeset math stood in a block's own text: `$U$^UGL` shows `^UGL` glued to the formula,
# no id (Obsidian needs a space before one), so the caret must not seem to follow a space.
MATH_MARK = "\ufffc"
# Obsidian makes a callout only of `[!type]` opening a quote; elsewhere it shows the text.
CALLOUT = re.compile(r"^\s*\[![A-Za-z][\w-]*\]")
TAG_HEADING = re.compile(r"^(?:#[^\s#]+\s*)+$")
NOT_VISIBLE_TAGS = {"code", "pre", "script", "style", "kbd", "textarea", "math", "template"}
# Not audited: typeset math, heading anchors, and backlink contexts (the linking sentence as
# plain text, where an author's escaped `\\[\\[x\\]\\]` reads `[[x]]`, as in Obsidian's pane).
NOT_VISIBLE_CLASSES = {"arithmatex", "headerlink", "ofm-backlink-context"}
NOT_INLINE = ("ul", "ol", "p", "a", "div", "details", "blockquote", "table", "pre")
OWN_TEXT_SKIPPED = frozenset({"ofm-unresolved"})
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
        for kind in (*LEFTOVERS, "math", "callout", "block-id"):
            lines.append(f"raw {kind}: {self.leftovers.get(kind, 0)}")
            lines += [f"    {example}" for example in self.examples.get(kind, [])]
        lines.append(f"tag headings: {len(self.tag_headings)}")
        lines += [f"    {example}" for example in self.tag_headings[:5]]
        lines.append(f"admonitions in site: {self.site_admonitions}")
        if self.vault_admonitions is not None:
            lines.append(f"callouts and ad- blocks in vault: {self.vault_admonitions}")
        lines.append("OK" if self.ok else "PROBLEMS FOUND")
        return "\n".join(lines)


class Element:
    """One element of a page: its tag, classes and children (elements and text)."""

    __slots__ = ("tag", "classes", "children", "parent")

    def __init__(self, tag: str, classes: list[str], parent: Element | None) -> None:
        self.tag, self.classes, self.parent = tag, classes, parent
        self.children: list[Element | str] = []

    def iter(self) -> Iterator[Element]:
        """This element and every element under it, in document order."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(c for c in reversed(element.children) if isinstance(c, Element))

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def ancestors(self) -> Iterator[Element]:
        element = self.parent
        while element is not None:
            yield element
            element = element.parent


class _TreeBuilder(HTMLParser):
    """Builds the tree; an end tag closes up to its matching open element, a stray one is
    ignored, so a note's unbalanced raw HTML cannot lose the rest of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", [], None)
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = next((v or "" for k, v in attrs if k == "class"), "").split()
        element = Element(tag, classes, self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse_page(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def audit_site(site: Path, vault: Path | None = None, tags_dir: str = "tags") -> Audit:
    """Audit every HTML page under `site`; with `vault`, also compare callout counts.

    The pages under `tags_dir` are titled `#tag` on purpose and are not tag headings.
    """
    result = Audit()
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")  # what MkDocs writes
        start, end = text.find("<article"), text.rfind("</article>")
        if 0 <= start < end:  # only the note's content: the navigation is most of a page
            text = text[start : end + len("</article>")]
        root = parse_page(text)
        result.pages += 1
        article = next((e for e in root.iter() if e.tag == "article"), root)
        page = path.relative_to(site).as_posix()
        _audit_page(article, page, result, page.startswith(f"{tags_dir}/"))
    if vault is not None:
        result.vault_admonitions = count_vault_admonitions(vault)
    return result


def _hidden(element: Element) -> bool:
    return element.tag in NOT_VISIBLE_TAGS or not NOT_VISIBLE_CLASSES.isdisjoint(element.classes)


def _drop_hidden(content: Element) -> None:
    """Hidden elements removed; typeset math leaves `MATH_MARK` in its place."""
    for element in list(content.iter()):
        element.children = [
            c if isinstance(c, str) or not _hidden(c) else MATH_MARK
            for c in element.children
            if isinstance(c, str) or not _hidden(c) or "arithmatex" in c.classes
        ]


def _own_text(block: Element) -> str:
    """A block's own text: a link's text is what Obsidian shows, `^id` too; not the text of
    blocks inside it, nor of unresolved links (`Note > ^id` when the block is missing).
    Backlink contexts are gone already (`NOT_VISIBLE_CLASSES`)."""
    return "".join(
        child
        if isinstance(child, str)
        else ""
        if child.tag in NOT_INLINE or not OWN_TEXT_SKIPPED.isdisjoint(child.classes)
        else child.text()
        for child in block.children
    )


def _audit_page(content: Element, page: str, result: Audit, tag_page: bool) -> None:
    _drop_hidden(content)
    text = content.text().replace(MATH_MARK, "")
    for kind, pattern in LEFTOVERS.items():
        for match in pattern.finditer(text):
            result._found(kind, page, text[max(0, match.start() - 30) : match.end() + 30])
    for element in content.iter():
        if element.tag in ("p", "li", "td", "th"):
            marked = _own_text(element)
            own = marked.replace(MATH_MARK, "")
            for match in DISPLAY_MATH.finditer(own):
                result._found("math", page, own[max(0, match.start() - 30) : match.end() + 30])
            if BLOCK_ID.search(marked.rstrip()):
                result._found("block-id", page, own[-80:])
            if CALLOUT.match(own):
                result._found("callout", page, own[:80])
        elif element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and not tag_page:
            title = (
                "".join(  # `## [#](url) Title` is no tag
                    c
                    if isinstance(c, str)
                    else ""
                    if c.tag == "a" and "ofm-tag" not in c.classes
                    else c.text()
                    for c in element.children
                )
                .replace(MATH_MARK, "")
                .strip()
            )
            if TAG_HEADING.match(title):
                result.tag_headings.append(f"{page}: {title}")
        elif (element.tag == "details" or "admonition" in element.classes) and not any(
            own in e.classes for e in (element, *element.ancestors()) for own in OWN_BOXES
        ):
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
