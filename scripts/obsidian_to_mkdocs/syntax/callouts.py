"""`> [!type]± Title` callouts, recognised on the quote's own lines.

Obsidian reads the first line of the quote as the header and parses the lines after it as a
document of their own. markdown-it parses the quote as one document, so a `---` under the
header would make the header a setext heading (`<h2>[!quote] Title</h2>`). A core rule,
run after the block parse, therefore replaces a callout quote's children with its body parsed
alone, and records the callout in the quote token's `meta["callout"]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

CALLOUT_META = "callout"
# `[!type|metadata]+ Title`; Obsidian needs no space between `]` (or the fold) and the title.
HEADER = re.compile(r"\[!([^\]\s|]+)(?:\|[^\]]*)?\]([+-]?)\s*(.*)")
QUOTE_MARKER = re.compile(r"[ \t]*> ?")


@dataclass(frozen=True)
class Callout:
    """A recognised callout: plain data, rendered elsewhere."""

    kind: str  # Obsidian's type, lower case
    fold: str  # "" fixed, "+" foldable and open, "-" foldable and closed
    title: str | None  # None: Obsidian shows the type's name
    header_line: int  # 0-based line of the header within the quote
    body: tuple[str, ...]  # the lines after the header, quote markers removed


def parse_header(line: str) -> tuple[str, str, str | None] | None:
    """`[!type|meta]+ Title` -> (type, fold, title), or None for a line that opens no callout."""
    match = HEADER.fullmatch(line.strip())
    if not match:
        return None
    return match.group(1).lower(), match.group(2), match.group(3).strip() or None


def unquote(line: str, depth: int) -> str:
    """`line` without its first `depth` quote markers (`>` and one optional space each).

    A lazy continuation line has fewer markers: what it has is removed."""
    for _ in range(depth):
        match = QUOTE_MARKER.match(line)
        if not match:
            return line
        line = line[match.end() :]
    return line


def recognise_callout(lines: list[str]) -> Callout | None:
    """The callout a quote's lines (markers removed) open, or None for a plain quote.

    Blank lines before the header are allowed, as in the quote's first paragraph."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    header = parse_header(lines[first])
    if header is None:
        return None
    return Callout(*header, first, tuple(lines[first + 1 :]))


def callout_rule(state: StateCore) -> None:
    """Core rule after `block`: each callout's quote holds its body parsed on its own."""
    if any(token.type == "blockquote_open" for token in state.tokens):
        state.tokens = _with_callouts(state.tokens, state.src.split("\n"), state)


def _with_callouts(tokens: list[Token], lines: list[str], state: StateCore) -> list[Token]:
    out: list[Token] = []
    depth = 0  # plain quotes open around the current token
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "blockquote_open" and token.map:
            close = _closing(tokens, i)
            start, end = token.map
            callout = recognise_callout([unquote(line, depth + 1) for line in lines[start:end]])
            if callout is not None:
                token.meta = {**token.meta, CALLOUT_META: callout}
                body_start = start + callout.header_line + 1
                out += [token, *_parse_body(callout, body_start, token.level + 1, state)]
                out.append(tokens[close])
                i = close + 1
                continue
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        out.append(token)
        i += 1
    return out


def _closing(tokens: list[Token], opening: int) -> int:
    """Index of the `blockquote_close` that matches the `blockquote_open` at `opening`."""
    level = tokens[opening].level
    return next(
        j
        for j in range(opening + 1, len(tokens))
        if tokens[j].type == "blockquote_close" and tokens[j].level == level
    )


def _parse_body(callout: Callout, first_line: int, level: int, state: StateCore) -> list[Token]:
    """Block tokens of the body, nested at `level` (so the parser's depth bound still holds),
    with source maps pointing at the note's own lines."""
    tokens: list[Token] = []
    body = "\n".join(callout.body)
    block = StateBlock(body, state.md, state.env, tokens)
    block.level = level
    state.md.block.tokenize(block, 0, block.lineMax)
    tokens = _with_callouts(tokens, list(callout.body), state)
    for token in tokens:
        if token.map:
            token.map = [token.map[0] + first_line, token.map[1] + first_line]
    return tokens
