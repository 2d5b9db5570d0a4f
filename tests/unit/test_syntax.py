"""The OFM inline and block rules of `syntax/`, called through the parser or directly: which
tokens they push, with which spans and data (OFM-SPEC §3–5)."""

from __future__ import annotations

import functools

import pytest
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.link import link
from markdown_it.rules_inline.linkify import linkify

from obsidian_to_mkdocs.parse import build_parser, parse_inline
from obsidian_to_mkdocs.syntax.blockids import BLOCK_ID, block_id_rule
from obsidian_to_mkdocs.syntax.brackets import (
    REJECTED_BRACKET,
    rejected_link_rule,
    stop_urls_at_wikilinks,
)
from obsidian_to_mkdocs.syntax.comments import (
    COMMENT,
    COMMENT_BLOCK,
    comment_block_rule,
    comment_rule,
)
from obsidian_to_mkdocs.syntax.dollars import LONE_DOLLAR, lone_dollar_rule
from obsidian_to_mkdocs.syntax.footnotes import INLINE_FOOTNOTE, inline_footnote_rule
from obsidian_to_mkdocs.syntax.highlights import MARK, highlight_rule
from obsidian_to_mkdocs.syntax.spans import spanning
from obsidian_to_mkdocs.syntax.tags import NO_TAGS_ENV, TAG, is_tag_char, scan_tag, tag_rule
from obsidian_to_mkdocs.syntax.wikilinks import WIKILINK, WikiLink, parse_wikilink, wikilink_rule


def spans(src: str, kind: str, env: dict | None = None) -> list[tuple[int, int]]:
    return [t.meta["span"] for t in parse_inline(src, env) if t.type == kind]


def texts(src: str, kind: str) -> list[str]:
    return [src[a:b] for a, b in spans(src, kind)]


def state(src: str, pos: int = 0) -> StateInline:
    inline = StateInline(src, build_parser(), {}, [])
    inline.pos = pos
    return inline


# §4 tags --------------------------------------------------------------------------------------


@pytest.mark.parametrize("ch", ["a", "Z", "0", "_", "-", "/", "中", "é", "🙂"])
def test_s4_tag_chars(ch):
    assert is_tag_char(ch)


@pytest.mark.parametrize("ch", [" ", "\t", ",", ".", "#", "!", "，", "。", "、", "“", "\u200b"])
def test_s4_tag_end_chars(ch):
    assert not is_tag_char(ch)


@pytest.mark.parametrize(
    ("src", "tag"),
    [
        ("#tag", "tag"),
        ("#a/b", "a/b"),
        ("#a/b/", "a/b"),
        ("#x1", "x1"),
        ("#1x", "1x"),
        ("#标签，", "标签"),
        ("#tag-with_dash.", "tag-with_dash"),
        ("#boX/", "boX"),
    ],
)
def test_s4_tag_scan(src, tag):
    end = scan_tag(src, 0)
    assert end is not None and src[1:end] == tag


@pytest.mark.parametrize("src", ["#", "#123", "#1/2", "#/a", "# x", "#,", "#//"])
def test_s4_not_tag_scan(src):
    assert scan_tag(src, 0) is None


def test_s4_not_tag_glued_to_a_word_but_after_any_space():
    assert scan_tag("a#b", 1) is None
    assert scan_tag("a\t#b", 2) == 4
    assert texts("x #a y\n#b", TAG) == ["#a", "#b"]


def test_s4_tag_token_carries_its_name_and_headings_opt_out():
    (token,) = [t for t in parse_inline("see #a/b/ now") if t.type == TAG]
    assert token.meta["tag"] == "a/b" and token.content == "#a/b"
    assert spans("see #a", TAG, {NO_TAGS_ENV: True}) == []


# §3 highlights ----------------------------------------------------------------------------------


def marks(src: str) -> list[tuple[tuple[int, int], bool, bool]]:
    return [
        (t.meta["span"], t.meta["can_open"], t.meta["can_close"])
        for t in parse_inline(src)
        if t.type == MARK
    ]


def test_s3_highlight_flanking():
    assert marks("==a==") == [((0, 2), True, False), ((3, 5), False, True)]
    assert marks("x==a==y") == [((1, 3), True, True), ((4, 6), True, True)]
    assert marks("a == b") == []  # space on both sides: text
    assert marks("a ==\nb") == []  # a line end is a space
    assert marks("==") == []  # the source's ends count as spaces


def test_s3_highlight_runs_of_three_are_text():
    tokens = parse_inline("a===b")
    assert [t.type for t in tokens] == ["text"] and tokens[0].content == "a===b"
    assert marks("====x") == []


# §5 wikilinks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inner", "link"),
    [
        ("Note", WikiLink("Note", (), None, False)),
        (" Note | shown ", WikiLink("Note", (), "shown", False)),
        ("Note|a|b", WikiLink("Note", (), "a|b", False)),
        ("Note\\|alias", WikiLink("Note", (), "alias", False)),
        ("Note#H1#H2", WikiLink("Note", ("H1", "H2"), None, False)),
        ("Note#^id|t", WikiLink("Note", ("^id",), "t", False)),
        ("#Heading", WikiLink("", ("Heading",), None, False)),
        ("Note#|  ", WikiLink("Note", (), None, False)),
        ("a.png|300", WikiLink("a.png", (), "300", True)),
    ],
)
def test_s5_wikilink_alias_split(inner, link):
    assert parse_wikilink(inner, link.embed) == link


def test_s5_wikilink_block_ref():
    assert parse_wikilink("N#^x", False).is_block_ref
    assert not parse_wikilink("N#x", False).is_block_ref
    assert not parse_wikilink("N", False).is_block_ref


def test_s5_wikilink_rule_spans():
    src = "a [[N|t]] ![[p.png]] b"
    tokens = [t for t in parse_inline(src) if t.type == WIKILINK]
    assert [t.meta["span"] for t in tokens] == [(2, 9), (10, 20)]
    assert [t.meta["link"].embed for t in tokens] == [False, True]


@pytest.mark.parametrize("src", ["[[]]", "[[ ]]", "[[a\nb]]", "[[a [[b]]", "[[open", "[x]]"])
def test_s5_wikilink_rule_declines(src):
    links = [t.meta["link"].target for t in parse_inline(src) if t.type == WIKILINK]
    assert links in ([], ["b"])
    if src != "[[a [[b]]":
        assert links == []


def test_s5_wikilink_first_closing_brackets_end_it():
    assert texts("[[a]]b]]", WIKILINK) == ["[[a]]"]


# §3 comments, block ids, dollars, footnotes ----------------------------------------------------


def test_s3_comments_inline():
    assert texts("a %%x%% b %%y", COMMENT) == ["%%x%%"]
    assert texts("%%%%", COMMENT) == ["%%%%"]


def block_types(text: str) -> list[tuple[str, list | None]]:
    return [(t.type, t.map) for t in build_parser().parse(text) if t.nesting >= 0 and t.level == 0]


def test_s3_comments_block_spans_lines_and_blank_lines():
    assert block_types("%%\na\n\nb\n%%\nafter") == [
        (COMMENT_BLOCK, [0, 5]),
        ("paragraph_open", [5, 6]),
    ]
    assert block_types("%% one line %%\nnext")[0] == (COMMENT_BLOCK, [0, 1])
    assert block_types("%%\nnever closed\n\nmore") == [(COMMENT_BLOCK, [0, 4])]
    assert block_types("x %%a%%")[0][0] == "paragraph_open"
    assert block_types("%%a%% text")[0][0] == "paragraph_open"  # inline, in a paragraph
    assert block_types("    %%\n    code")[0][0] == "code_block"


def test_s3_block_ids():
    assert texts("text ^abc-1", BLOCK_ID) == ["^abc-1"]
    assert texts("text ^abc \n", BLOCK_ID) == ["^abc"]
    assert texts("a ^b c", BLOCK_ID) == []
    assert texts("a^b", BLOCK_ID) == []
    assert texts("a ^", BLOCK_ID) == []
    assert texts("a ^b_c", BLOCK_ID) == []
    assert texts("a ^é", BLOCK_ID) == []
    (token,) = [t for t in parse_inline("x ^Id9") if t.type == BLOCK_ID]
    assert token.meta["block_id"] == "Id9"


def test_s3_block_id_rule_silent_moves_past_it():
    inline = state("x ^id", 2)
    assert block_id_rule(inline, True) and inline.pos == 5 and not inline.tokens
    assert block_id_rule(state("^id"), False)


def test_s3_prices_lone_dollars_and_math():
    assert texts("$0.01 to $1.28", LONE_DOLLAR) == ["$", "$"]
    assert texts("$x$1", LONE_DOLLAR) == ["$", "$"]
    assert texts("$ x$", LONE_DOLLAR) == ["$", "$"]
    assert texts("$x $", LONE_DOLLAR) == ["$", "$"]
    assert [t.content for t in parse_inline("a $x^2$ b") if t.type == "math_inline"] == ["x^2"]
    assert texts("a $x$. b", LONE_DOLLAR) == []


def test_s3_footnotes_inline():
    (token,) = [t for t in parse_inline("a^[note [x] y] b") if t.type == INLINE_FOOTNOTE]
    assert token.meta["span"] == (1, 14) and token.meta["text"] == "note [x] y"
    assert texts("a^[open", INLINE_FOOTNOTE) == []


# brackets and spans ---------------------------------------------------------------------------


def test_rejected_link_bracket_is_marked():
    assert spans("![x](<https://a b", REJECTED_BRACKET) == [(1, 2)]
    assert spans("[x](<a b", REJECTED_BRACKET) == [(0, 1)]
    assert spans("a ![x](<https://a b", REJECTED_BRACKET) == [(3, 4)]
    assert spans("![a](<x [b](<y", REJECTED_BRACKET) == [(1, 2), (8, 9)]
    assert spans("[x] (y)", REJECTED_BRACKET) == []
    assert spans("[x](y)", REJECTED_BRACKET) == []


def test_linkify_stops_before_a_wikilink():
    tokens = parse_inline("https://a.org[[N]]")
    assert tokens[0].type == "link_open" and tokens[0].attrs["href"] == "https://a.org"
    assert tokens[-1].type == WIKILINK and tokens[-1].meta["span"] == (13, 18)


def test_spanning_records_the_source_of_links_and_images():
    src = "a [t](u.md) ![i](p.png)"
    found = {t.type: t.meta["source"] for t in parse_inline(src) if t.meta and "source" in t.meta}
    assert found == {"link_open": "[t](u.md)", "image": "![i](p.png)"}


# silent mode: markdown-it asks a rule whether it would match (inside a link label, for
# instance); it must then move past exactly what it would consume and push nothing.


@pytest.mark.parametrize(
    ("rule", "src", "pos", "end"),
    [
        (comment_rule, "a %%x%% b", 2, 7),
        (inline_footnote_rule, "a^[n] b", 1, 5),
        (highlight_rule, "a ==b", 2, 4),
        (highlight_rule, "a===b", 1, 4),
        (tag_rule, "a #t/x, b", 2, 6),
        (wikilink_rule, "a [[N|x]] b", 2, 9),
        (wikilink_rule, "![[p.png]]", 0, 10),
        (lone_dollar_rule, "a $ b", 2, 3),
        (rejected_link_rule, "![x](<a b", 0, 2),
        (block_id_rule, "x ^id", 2, 5),
    ],
)
def test_rules_in_silent_mode(rule, src, pos, end):
    inline = state(src, pos)
    assert rule(inline, True)
    assert inline.pos == end and inline.tokens == [] and inline.pending in ("", src[pos:end])


@pytest.mark.parametrize(
    ("rule", "src", "pos"),
    [
        (comment_rule, "a %%x", 2),
        (comment_rule, "a %x%", 2),
        (inline_footnote_rule, "a^[n b", 1),
        (inline_footnote_rule, "a^n", 1),
        (highlight_rule, "a == b", 2),
        (highlight_rule, "a =b", 2),
        (tag_rule, "a #1", 2),
        (tag_rule, "a x", 2),
        (wikilink_rule, "a [x]", 2),
        (wikilink_rule, "a ![x]", 2),
        (lone_dollar_rule, "a b", 2),
        (rejected_link_rule, "a b", 0),
        (rejected_link_rule, "[x] b", 0),
        (block_id_rule, "x y", 2),
    ],
)
def test_rules_decline_without_moving(rule, src, pos):
    for silent in (True, False):
        inline = state(src, pos)
        assert not rule(inline, silent)
        assert inline.pos == pos and inline.tokens == []


def test_tag_rule_off_in_headings_even_when_silent():
    inline = state("#tag")
    inline.env[NO_TAGS_ENV] = True
    assert not tag_rule(inline, True) and inline.pos == 0


def test_comment_block_rule_in_silent_mode_consumes_nothing():
    from markdown_it.rules_block import StateBlock

    block = StateBlock("%%\nx\n%%\n", build_parser(), {}, [])
    assert comment_block_rule(block, 0, block.lineMax, True)
    assert block.line == 0 and block.tokens == []
    block = StateBlock("text\n", build_parser(), {}, [])
    assert not comment_block_rule(block, 0, block.lineMax, True)


# The wrappers are applied once, when the parser is built; here they wrap afresh.


def test_spanning_wraps_a_rule_and_records_its_span_and_source():
    rule = spanning(link)
    assert rule.__name__ == "link"
    inline = state("a [t](u) b", 2)
    inline.pending = "a "
    assert rule(inline, False)
    assert [t.type for t in inline.tokens] == ["text", "link_open", "text", "link_close"]
    assert inline.tokens[1].meta == {"span": (2, 8), "source": "[t](u)"}
    assert inline.pos == 8 and inline.pending == ""
    silent = state("[t](u)")
    assert rule(silent, True) and silent.pos == 6 and silent.tokens == []
    declined = state("[t] u")
    assert not rule(declined, False) and declined.pos == 0 and declined.tokens == []


def test_spanning_keeps_the_tokens_own_meta_and_names_nameless_rules():
    def marked(inline: StateInline, silent: bool) -> bool:
        if not silent:
            inline.push("x", "", 0).meta = {"own": 1}
        inline.pos += 2
        return True

    inline = state("ab")
    assert spanning(marked)(inline, False)
    assert inline.tokens[0].meta == {"own": 1, "span": (0, 2), "source": "ab"}
    assert spanning(functools.partial(marked)).__name__ == "spanning"
    assert stop_urls_at_wikilinks(functools.partial(marked)).__name__ == "linkify"
    assert stop_urls_at_wikilinks(marked).__name__ == "marked"
    assert spanning(marked).__name__ == "marked"


def test_spanning_a_rule_that_pushes_no_token():
    inline = state("a===b", 1)  # `===` is added to the pending text, no token
    assert spanning(highlight_rule)(inline, False)
    assert inline.pos == 4 and inline.tokens == [] and inline.pending == "==="


def at_colon(src: str) -> StateInline:
    """Where markdown-it's linkify rule runs: at the `:`, with the scheme still pending."""
    inline = state(src, src.index(":"))
    inline.pending = src[: inline.pos]
    return inline


def test_stop_urls_at_wikilinks_declines_a_url_running_into_one():
    rule = stop_urls_at_wikilinks(linkify)
    assert rule.__name__ == "linkify"
    inline = at_colon("https://a.org/[[N]]")
    assert not rule(inline, False)
    assert inline.pos == 5 and inline.pending == "https" and inline.tokens == []
    inline = at_colon("https://a.org/x y")
    assert rule(inline, False) and inline.pos == 15
    assert [t.type for t in inline.tokens] == ["link_open", "text", "link_close"]
    assert not rule(at_colon("nothing: here"), False)
    silent = at_colon("https://a.org/x y")
    assert rule(silent, True) and silent.pos == 15 and silent.tokens == []


def test_s3_highlight_run_of_three_joins_the_pending_text():
    inline = state("a===b", 1)
    inline.pending = "a"
    assert highlight_rule(inline, False) and inline.pending == "a===" and inline.pos == 4


def test_s3_footnotes_inline_text_starting_with_a_bracket():
    (token,) = [t for t in parse_inline("a^[[x] y] b") if t.type == INLINE_FOOTNOTE]
    assert token.meta["text"] == "[x] y"
