"""One plain-text extractor for heading texts, backlink contexts and descriptions
(S8.plain-text; issue 18 item 9)."""

from __future__ import annotations

import pytest

from obsidian_to_mkdocs.outline import build_outline
from obsidian_to_mkdocs.plaintext import link_text, plain_text
from obsidian_to_mkdocs.publishing import description
from obsidian_to_mkdocs.render.blocks import parse_document
from obsidian_to_mkdocs.syntax.wikilinks import parse_wikilink
from obsidian_to_mkdocs.vault import Note
from tests.fixtures.reader import render


@pytest.mark.parametrize(
    ("src", "text"),
    [
        ("a **b** _c_ ~~d~~", "a b c d"),
        ("run `x = 1` now", "run x = 1 now"),
        ("mass $E=mc^2$ and $$x$$", "mass $E=mc^2$ and $$x$$"),
        ("from $0.01 to $1.28", "from $0.01 to $1.28"),
        ("a \\* b &amp; c", "a * b & c"),
        ("see [[N|alias]], [[N#H]], [[#H]] and [t](u.md)", "see alias, N > H, H and t"),
        ("x ![[N]] ![i](p.png) y", "x y"),
        ("a %%hidden%% b", "a b"),
        ("note[^1] and^[inline] end", "note and end"),
        ("<span>html</span> text", "html text"),
        ("==mark== #tag ^id", "mark #tag"),
        ("one\ntwo  \nthree", "one two three"),
        ("[x](<a b", "[x](<a b"),
        ("https://a.org/x", "https://a.org/x"),
    ],
)
def test_s8_plain_text(src, text):
    assert plain_text(src) == text


def test_s8_plain_text_of_a_heading_keeps_hashes_as_text():
    assert plain_text("C# and #x", tags=False) == "C# and #x"


def test_s8_link_text():
    assert link_text(parse_wikilink("N#A#B", False)) == "N > A > B"
    assert link_text(parse_wikilink("#A", False)) == "A"
    assert link_text(parse_wikilink("N|t", False)) == "t"
    assert link_text(parse_wikilink("N", False)) == "N"


def test_s8_heading_text_and_ids():
    outline = build_outline("## Mass $m$ `code` <b>b</b> ![a](p.png) [[N|n]]\n\n## Price $5\n")
    assert [h.text for h in outline.headings] == ["Mass $m$ code b n", "Price $5"]
    assert [h.slug for h in outline.headings] == ["mass-m-code-b-n", "price-5"]


def test_s8_description_of_a_note_starting_with_a_callout_has_no_marker():
    body = "> [!note] Title\n> The `code` costs $5 and $x$.\n"
    tokens, _ = parse_document(body)
    assert description(Note("N.md", body, 1), tokens) == "The code costs $5 and $x$."


def test_s8_backlink_context_keeps_code_and_math():
    _, ctx = render("> [!tip] T\n> Use `f(x)` on $x$ with [[Other]] for $3.\n")
    (record,) = ctx.links
    assert record.context == "Use f(x) on $x$ with Other for $3."
