"""Recognising block constructs apart from writing them: callouts, `ad-` blocks and task
statuses come out of `syntax/` as plain data (OFM-SPEC §3)."""

from __future__ import annotations

import pytest

from obsidian_to_mkdocs.parse import build_parser
from obsidian_to_mkdocs.syntax.adblocks import AdBlock, is_ad_info, recognise_ad_block
from obsidian_to_mkdocs.syntax.callouts import (
    CALLOUT_META,
    Callout,
    parse_header,
    recognise_callout,
    unquote,
)
from obsidian_to_mkdocs.syntax.tasks import task_status


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("[!tip] Title", ("tip", "", "Title")),
        ("[!TIP]", ("tip", "", None)),
        ("  [!faq]- Folded  ", ("faq", "-", "Folded")),
        ("[!faq]+", ("faq", "+", None)),
        ("[!tip]-Title", ("tip", "-", "Title")),
        ("[!note|wide meta] T", ("note", "", "T")),
        ("[!tip]* Star", ("tip", "", "* Star")),
        ("[!a-b_c] x", ("a-b_c", "", "x")),
    ],
)
def test_s3_callout_header(line, header):
    assert parse_header(line) == header


@pytest.mark.parametrize("line", ["[tip] x", "[! tip] x", "[!] x", "[!tip x", "x [!tip]", "[!a b]"])
def test_s3_callout_no_header(line):
    assert parse_header(line) is None


def test_s3_callout_unquote():
    assert unquote("> > x", 1) == "> x"
    assert unquote("> > x", 2) == "x"
    assert unquote(">x", 1) == "x"
    assert unquote(">  x", 1) == " x"  # one optional space belongs to the marker
    assert unquote("  > x", 1) == "x"
    assert unquote("lazy", 2) == "lazy"
    assert unquote("> lazy", 3) == "lazy"


def test_s3_callout_recognised_with_its_body():
    assert recognise_callout(["", "[!Note]- T", "a", "---"]) == Callout(
        "note", "-", "T", 1, ("a", "---")
    )
    assert recognise_callout(["plain", "[!note]"]) is None
    assert recognise_callout(["", " "]) is None
    assert recognise_callout([]) is None


def quotes(text: str) -> list[tuple[int, list[int], Callout | None]]:
    return [
        (t.level, t.map, t.meta.get(CALLOUT_META))
        for t in build_parser().parse(text)
        if t.type == "blockquote_open"
    ]


def test_s3_callout_body_replaces_the_quote_children():
    tokens = build_parser().parse("> [!quote] Long live\n> ---\n> body\n")
    inner = [(t.type, t.map, t.level) for t in tokens[1:-1]]
    assert inner == [
        ("hr", [1, 2], 1),
        ("paragraph_open", [2, 3], 1),
        ("inline", [2, 3], 2),
        ("paragraph_close", None, 1),
    ]
    assert tokens[3].content == "body"
    assert all(t.type != "heading_open" for t in tokens)


def test_s3_callout_nested_maps_are_the_notes_lines():
    text = "intro\n\n> [!note] A\n> x\n> > [!tip]+ B\n> > y\n> > > [!bug] C\n> > > z\n"
    found = quotes(text)
    assert [(level, m, c.kind if c else None) for level, m, c in found] == [
        (0, [2, 8], "note"),
        (1, [4, 8], "tip"),
        (2, [6, 8], "bug"),
    ]
    z = [t for t in build_parser().parse(text) if t.type == "inline" and t.content == "z"]
    assert z[0].map == [7, 8] and z[0].level == 4


def test_s3_callout_in_a_plain_quote_and_a_list():
    found = quotes("> q\n> > [!tip] T\n> > b\n")
    assert found[0][2] is None and found[1][2] == Callout("tip", "", "T", 0, ("b",))
    found = quotes("- item\n  > [!tip] T\n  > body\n")
    assert found == [(2, [1, 3], Callout("tip", "", "T", 0, ("body",)))]


def test_s3_callout_lazy_line_joins_the_body():
    (found,) = quotes("> [!note] T\n> a\nlazy\n")
    assert found[2].body == ("a", "lazy")


# ad- blocks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("info", ["ad-tip", "AD-Tip", "ad-note extra", "  ad-x  "])
def test_s3_ad_block_info(info):
    assert is_ad_info(info)


@pytest.mark.parametrize("info", ["", "ad-", "ad", "python", "x ad-tip", "adtip"])
def test_s3_ad_block_not_info(info):
    assert not is_ad_info(info)
    assert recognise_ad_block(info, "x\n") is None


def test_s3_ad_block_options_and_body():
    block = recognise_ad_block(
        "ad-Warning",
        "title: Mind it \ncollapse: Closed\nicon: fas-bug\ncolor: 1,2,3\nbody\ntitle: x\n",
    )
    assert block == AdBlock("warning", "-", "Mind it", "1,2,3", "fas-bug", "body\ntitle: x\n", 4)


@pytest.mark.parametrize(
    ("collapse", "fold"),
    [("open", "+"), ("OPEN", "+"), ("closed", "-"), ("close", "-"), ("true", "-"), ("none", "")],
)
def test_s3_ad_block_collapse(collapse, fold):
    block = recognise_ad_block("ad-note", f"collapse: {collapse}\nx")
    assert block is not None and block.fold == fold and block.body == "x" and block.body_line == 1


def test_s3_ad_block_defaults():
    block = recognise_ad_block("ad-note", "title:\nx")
    assert block == AdBlock("note", "", None, "", "", "x", 1)
    assert recognise_ad_block("ad-note", "") == AdBlock("note", "", None, "", "", "", 0)


# task statuses -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "status"), [("[/] a", "/"), ("[-]", "-"), ("[?] b", "?")])
def test_s3_tasks_status(text, status):
    assert task_status(text) == status


@pytest.mark.parametrize("text", ["[ ] a", "[x] a", "[X] a", "[/]a", "[ab] a", "a [/] b", "[", ""])
def test_s3_tasks_no_status(text):
    assert task_status(text) is None


def test_s3_callout_under_two_plain_quotes_and_after_one():
    found = quotes("> a\n> > b\n> > > [!tip] T\n> > > > q\n")
    assert found[2][2] == Callout("tip", "", "T", 0, ("> q",))
    found = quotes("> a\n\n> [!tip] T\n> > q\n")
    assert found[1][2] == Callout("tip", "", "T", 0, ("> q",))
    assert [level for level, _, _ in found] == [0, 0, 1]


def test_s3_callout_after_blank_quote_lines_maps_its_body():
    tokens = build_parser().parse(">\n> [!note] T\n> body\n")
    assert tokens[0].meta[CALLOUT_META].header_line == 1
    assert [t.map for t in tokens if t.type == "inline"] == [[2, 3]]
