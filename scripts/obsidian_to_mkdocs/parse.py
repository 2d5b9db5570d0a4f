"""The markdown-it-py parser with Obsidian's rules, set up in one fixed, documented order."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.blockquote import blockquote
from markdown_it.rules_block.list import list_block
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.backticks import backtick
from markdown_it.rules_inline.html_inline import html_inline
from markdown_it.rules_inline.image import image
from markdown_it.rules_inline.link import link
from markdown_it.rules_inline.linkify import linkify
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.dollarmath.index import math_block_dollar, math_inline_dollar
from mdit_py_plugins.footnote import footnote_plugin

from .syntax.blockids import block_id_rule
from .syntax.brackets import rejected_link_rule, stop_urls_at_wikilinks
from .syntax.callouts import callout_rule
from .syntax.comments import comment_block_rule, comment_rule
from .syntax.dollars import lone_dollar_rule
from .syntax.footnotes import inline_footnote_rule
from .syntax.highlights import highlight_rule
from .syntax.spans import InlineRule, spanning
from .syntax.tags import tag_rule
from .syntax.wikilinks import wikilink_rule

# Container depth (markdown-it's `state.level`: one per quote, two per list level) past
# which `>` and list markers are read as text. markdown-it's own `maxNesting` would drop the
# rest of the note instead, and unbounded depth would recurse past Python's stack.
MAX_NESTING = 128
# Obsidian's `$` rules, for the plugin and for the inline rule that replaces its own: a
# non-space after the opening `$` and before the closing one, no digit right after the closing
# one (so `$0.01 … $1.28` prices stay text).
DOLLARS = {"allow_space": False, "allow_digits": False}
BlockRule = Callable[[StateBlock, int, int, bool], bool]


def _bounded(rule: BlockRule) -> BlockRule:
    """A container rule that declines once the document is nested MAX_NESTING deep."""

    def wrapped(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        return state.level < MAX_NESTING and rule(state, start_line, end_line, silent)

    wrapped.__name__ = rule.__name__
    return wrapped


def _silent(rule: BlockRule) -> BlockRule:
    """A block rule that pushes tokens even when only asked whether it would match (as
    dollarmath's does), made to leave the state as it found it then: a paragraph asks each
    rule allowed to interrupt it that question on every line."""

    def wrapped(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if not silent:
            return rule(state, start_line, end_line, False)
        count, line = len(state.tokens), state.line
        matched = rule(state, start_line, end_line, False)
        del state.tokens[count:]
        state.line = line
        return matched

    wrapped.__name__ = rule.__name__
    return wrapped


def _at_start(rule: InlineRule) -> InlineRule:
    """dollarmath's inline rule, right at the start of a source too: it reads `src[pos - 1]` as
    the character before the opening `$`, which at 0 is the source's last character, so
    `$x$ is 1` and `$$E$$ ^1` were no math. A newline after the source is what it then reads."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        if state.pos != 0:
            return rule(state, silent)
        src, state.src = state.src, state.src + "\n"
        try:
            return rule(state, silent)
        finally:
            state.src = src

    wrapped.__name__ = rule.__name__
    return wrapped


@cache
def build_parser() -> MarkdownIt:
    """CommonMark + GFM tables and strikethrough, plus, in this order:

    1. `%%` comment blocks, before every block rule, so nothing inside them is parsed;
    2. `$$` math blocks and `$` inline math with Obsidian's rules (no space inside the
       dollars, no digit after the closing one), so prices stay text; a `$$` line ends a
       paragraph, list item or quote line above it, as in Obsidian (`Law:` / `$$` / `F=ma` /
       `$$` / `where …` is a paragraph, an equation and a paragraph); both math rules record
       their source spans;
    3. footnote definitions, left where they stand (`footnote_tail` would keep only those
       whose references it saw, and references are not parsed at block level);
    4. inline rules before `link`: comments, inline footnotes `^[…]`, wikilinks/embeds,
       highlights, tags, block ids;
       after math: any leftover `$` (escaped later so arithmatex leaves it alone);
    5. after the block parse, a core rule gives each `> [!type]` callout quote its body parsed
       on its own, as Obsidian does (the header line never joins the body's first paragraph);
    6. after the built-in link, image and footnote rules: a `[…](` they declined is escaped
       (Python-Markdown would still read it as a link); linkify stops before a `[[`;
    7. the built-in link, image and inline HTML rules wrapped to record their source spans, so
       a link to a note or an attachment can be rewritten; math, code and bare URLs (linkify) are
       consumed whole by their own rules, which is what keeps the OFM rules out of them.

    The core `inline` rule is disabled: each paragraph is parsed on its own by
    `parse_inline` when it is rendered, so it keeps its own source string and spans; so are the
    core rules that only rework inline children.
    """
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    md.options["maxNesting"] = MAX_NESTING + 20  # never reached: `_bounded` stops first
    for name, rule in (("blockquote", blockquote), ("list", list_block)):
        interrupts = [  # the blocks this rule may interrupt stay the same
            chain
            for chain in ("paragraph", "reference", "blockquote", "list")
            if rule in md.block.ruler.getRules(chain)
        ]
        md.block.ruler.at(name, _bounded(rule), {"alt": interrupts})
    md.use(dollarmath_plugin, **DOLLARS, double_inline=True)
    md.block.ruler.at(
        "math_block",
        _silent(math_block_dollar(allow_blank_lines=True)),
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    inline_math = math_inline_dollar(**DOLLARS, allow_double=True)
    md.inline.ruler.at("math_inline", spanning(_at_start(inline_math)))
    md.use(footnote_plugin)
    md.block.ruler.before("table", "ofm_comment_block", comment_block_rule)
    md.core.ruler.after("block", "ofm_callout", callout_rule)
    md.inline.ruler.at("link", spanning(link))
    md.inline.ruler.at("image", spanning(image))
    md.inline.ruler.at("backticks", spanning(backtick))  # `= expr`: inline queries
    md.inline.ruler.at("html_inline", spanning(html_inline))  # its src/href: see render/rawhtml
    md.inline.ruler.after("math_inline", "ofm_lone_dollar", lone_dollar_rule)
    md.inline.ruler.before("link", "ofm_comment", comment_rule)
    md.inline.ruler.before("link", "ofm_inline_footnote", inline_footnote_rule)
    md.inline.ruler.before("link", "ofm_wikilink", wikilink_rule)
    md.inline.ruler.before("image", "ofm_highlight", highlight_rule)
    md.inline.ruler.before("image", "ofm_tag", tag_rule)
    md.inline.ruler.before("image", "ofm_block_id", block_id_rule)
    md.inline.ruler.after("footnote_ref", "ofm_rejected_bracket", rejected_link_rule)
    md.inline.ruler.at("linkify", stop_urls_at_wikilinks(linkify))
    md.disable(["footnote_inline", "footnote_tail", "inline"])
    # The core linkify and text_join rules only rework inline children, which this parser
    # never makes (bare URLs are found by the inline linkify rule above): they cost 40 % of
    # the block parse for nothing.
    md.core.ruler.disable(["linkify", "text_join"])
    return md


def parse_inline(src: str, env: dict | None = None) -> list:
    """Inline tokens of one paragraph, heading or cell; spans index into `src`."""
    md = build_parser()
    tokens: list = []
    md.inline.parse(src, md, env if env is not None else {}, tokens)
    return tokens
