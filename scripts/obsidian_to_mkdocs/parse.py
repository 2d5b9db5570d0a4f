"""The markdown-it-py parser with Obsidian's rules, set up in one fixed, documented order."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline.image import image
from markdown_it.rules_inline.link import link
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .syntax.blockids import block_id_rule
from .syntax.comments import comment_block_rule, comment_rule
from .syntax.dollars import lone_dollar_rule
from .syntax.highlights import highlight_rule
from .syntax.spans import spanning
from .syntax.tags import tag_rule
from .syntax.wikilinks import wikilink_rule


@cache
def build_parser() -> MarkdownIt:
    """CommonMark + GFM tables and strikethrough, plus, in this order:

    1. `%%` comment blocks, before every block rule, so nothing inside them is parsed;
    2. `$$` math blocks and `$` inline math with Obsidian's rules (no space inside the
       dollars, no digit after the closing one), so prices stay text;
    3. footnote definitions;
    4. inline rules before `link`: comments, wikilinks/embeds, highlights, tags, block ids;
       after math: any leftover `$` (escaped later so arithmatex leaves it alone);
    5. the built-in link and image rules wrapped to record their source spans, so a link to
       a note or an attachment can be rewritten; math, code and bare URLs (linkify) are
       consumed whole by their own rules, which is what keeps the OFM rules out of them.

    The core `inline` rule is disabled: each paragraph is parsed on its own by
    `parse_inline` when it is rendered, so it keeps its own source string and spans.
    """
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(footnote_plugin)
    md.block.ruler.before("table", "ofm_comment_block", comment_block_rule)
    md.inline.ruler.at("link", spanning(link))
    md.inline.ruler.at("image", spanning(image))
    md.inline.ruler.after("math_inline", "ofm_lone_dollar", lone_dollar_rule)
    md.inline.ruler.before("link", "ofm_comment", comment_rule)
    md.inline.ruler.before("link", "ofm_wikilink", wikilink_rule)
    md.inline.ruler.before("image", "ofm_highlight", highlight_rule)
    md.inline.ruler.before("image", "ofm_tag", tag_rule)
    md.inline.ruler.before("image", "ofm_block_id", block_id_rule)
    md.disable(["footnote_inline", "inline"])
    return md


def parse_inline(src: str, env: dict | None = None) -> list:
    """Inline tokens of one paragraph, heading or cell; spans index into `src`."""
    md = build_parser()
    tokens: list = []
    md.inline.parse(src, md, env if env is not None else {}, tokens)
    return tokens
