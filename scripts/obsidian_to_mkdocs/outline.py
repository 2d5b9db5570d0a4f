"""What other notes may point into: a note's headings (with their ids) and block ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from .parse import build_parser, parse_inline
from .plaintext import plain_text
from .slugs import unique_slugs
from .syntax.blockids import BLOCK_ID
from .syntax.callouts import CALLOUT_META


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # visible text, as the reader sees it
    slug: str  # the id the built page gives it
    line: int  # 0-based line in the note body where the heading starts
    end_line: int  # 0-based line after the heading's line


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]
    block_ids: dict[str, tuple[int, int]]  # block id -> (start, end) lines of its block

    def find_heading(self, wanted: str) -> Heading | None:
        """Obsidian matches heading links loosely: case and surrounding space do not count.
        Markdown links often carry the heading as a slug (`#Tree-Level`): that matches too."""
        key = " ".join(wanted.split()).casefold()
        found = next((h for h in self.headings if " ".join(h.text.split()).casefold() == key), None)
        if found is None:
            dashed = "-".join(wanted.split()).casefold()
            found = next(
                (
                    h
                    for h in self.headings
                    if dashed in (h.slug.casefold(), "-".join(h.text.split()).casefold())
                ),
                None,
            )
        return found

    @cached_property
    def face(self) -> str:
        """What a link into the note reads of it (the headings' texts and ids, the block ids),
        as a digest: a page linking into the note is rendered again only when this changes,
        not when its text or the lines of its headings do."""
        read = repr(([(h.text, h.slug) for h in self.headings], sorted(self.block_ids)))
        return hashlib.blake2b(read.encode(), digest_size=16).hexdigest()


def build_outline(body: str) -> Outline:
    tokens = build_parser().parse(body, {})
    raw: list[tuple[int, str, int, int]] = []
    block_ids: dict[str, tuple[int, int]] = {}
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            raw.append(
                (int(token.tag[1]), plain_text(tokens[i + 1].content, tags=False), *token.map)
            )
        elif token.type == "blockquote_open" and CALLOUT_META in token.meta and token.map:
            # `> [!satz] Title ^id`: the id marks the whole callout, as in Obsidian
            for block_id in _ids(token.meta[CALLOUT_META].title or ""):
                block_ids[block_id] = (token.map[0], token.map[1])
        elif token.type == "inline" and token.map:
            for block_id in _ids(token.content):
                block_ids[block_id] = _block_extent(tokens, i)
    slugs = unique_slugs([text for _, text, _, _ in raw])
    headings = tuple(
        Heading(level, text, slug, start, end)
        for (level, text, start, end), slug in zip(raw, slugs, strict=True)
    )
    return Outline(headings, block_ids)


def _ids(src: str) -> list[str]:
    """The block id an inline source ends with, if any (as a list of at most one)."""
    if "^" not in src:
        return []  # cheap test first
    return [t.meta["block_id"] for t in parse_inline(src) if t.type == BLOCK_ID]


def lone_block_id(src: str) -> str | None:
    """The id of a `^id` that is all an inline source holds (a line of its own after a quote,
    table, list or equation, or a table row Obsidian does not show)."""
    if not src.lstrip().startswith("^"):
        return None  # cheap test first
    tokens = parse_inline(src)
    return tokens[0].meta["block_id"] if len(tokens) == 1 and tokens[0].type == BLOCK_ID else None


def _block_extent(tokens: list, inline_index: int) -> tuple[int, int]:
    """Lines of the block a block id marks, as Obsidian reads it: a `^id` paragraph of its
    own marks the block before it (quote, callout, table, list, equation, code); otherwise the
    innermost list item around the id, else the outermost quote or table, else its paragraph."""
    inline = tokens[inline_index]
    if lone_block_id(inline.content) is not None:
        previous = _previous_block(tokens, inline_index - 1)
        if previous is not None:
            return tuple(previous.map)
    level, outer = inline.level, None
    for token in reversed(tokens[:inline_index]):
        if token.nesting != 1 or token.level >= level:
            continue
        level = token.level
        if token.type == "list_item_open" and token.map:
            return tuple(token.map)
        if token.type in ("blockquote_open", "table_open") and token.map:
            outer = token
    return tuple((outer or inline).map)


def _previous_block(tokens: list, opening_index: int):
    """The opening token (with its lines) of the block just before `tokens[opening_index]`
    at the same level, or None when it is the first block of its container."""
    level = tokens[opening_index].level
    for j in range(opening_index - 1, -1, -1):
        token = tokens[j]
        if token.level < level:
            return None
        if token.level == level and token.nesting in (0, 1) and token.map:
            return token
    return None
