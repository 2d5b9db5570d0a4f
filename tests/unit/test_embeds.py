"""`render/blocks.py`: a paragraph split around its display math, with the lines of what
follows counted on; and a page's embed budget (OFM-SPEC §3 math, §5 note embeds)."""

from __future__ import annotations

from tests.fixtures.reader import render


def test_s3_math_display_math_inside_a_paragraph_stands_between_its_text():
    text, ctx = render("a\ntext $$x^2$$ more\nb [[Missing]]\n")
    missing = '<span class="ofm-unresolved" title="Unresolved link">Missing</span>'
    assert text == f"a  \ntext\n\n$$\nx^2\n$$\n\nmore  \nb {missing}\n"
    assert [(d.line, d.message) for d in ctx.site.report.diagnostics] == [
        (3, "link target 'Missing' not found")
    ]


def test_s5_note_embed_a_page_embeds_at_most_1000_notes_then_links_them():
    text, ctx = render("![[folder/Deep]]\n\n" * 1001 + "![[Other]]\n", language="de")
    assert text.count('!!! ofm-embed "[folder/Deep](folder/Deep.md)"\n    Deep text.\n') == 1000
    marker = (
        '<em class="ofm-embed-budget">'
        "(nicht eingebettet: diese Seite bettet schon das Höchstmaß ein)</em>"
    )
    assert text.endswith(
        f"\n\n[folder/Deep](folder/Deep.md) {marker}\n\n[Other](Other.md) {marker}\n"
    )
    # said once, for the page's own note, naming the first note left out
    assert [(d.path, d.line, d.message) for d in ctx.site.report.diagnostics] == [
        (
            "Case.md",
            None,
            "embeds stop here: the page embeds more than 1000 notes or 2,000,000 characters "
            "(first left out: 'folder/Deep.md')",
        )
    ]


MISSING = '<span class="ofm-unresolved" title="Unresolved link">{}</span>'
SECTIONS = "# One\n\nx\n\n# Two\n\ny [[Missing]]\n\n## Sub\n\ns\n\n# Three\n\nz\n"


def test_s3_ad_block_body_links_are_reported_on_their_line_of_the_note():
    text, ctx = render("text\n\n```ad-note\ntitle: T\ncollapse: open\nsee [[Missing]]\n```\n")
    assert text == f'text\n\n???+ note "T"\n    see {MISSING.format("Missing")}\n'
    assert [(d.line, d.message) for d in ctx.site.report.diagnostics] == [
        (6, "link target 'Missing' not found")
    ]


def test_s5_note_embed_of_a_heading_runs_to_the_next_heading_of_its_level():
    text, ctx = render("![[Sec#Two]]\n", notes={"Sec.md": SECTIONS})
    assert text == (
        '!!! ofm-embed "[Sec &gt; Two](Sec.md#two)"\n    # Two\n\n'
        f"    y {MISSING.format('Missing')}\n\n    ## Sub\n\n    s\n"
    )
    # the embedded note's own problems are reported on its own file and line
    assert [(d.path, d.line) for d in ctx.site.report.diagnostics] == [("Sec.md", 7)]


def test_s5_note_embed_of_a_missing_heading_embeds_all_and_says_so():
    text, ctx = render("![[Other#Nope]]\n")
    assert text.startswith('!!! ofm-embed "[Other &gt; Nope](Other.md)"\n    # Heading One\n')
    assert [(d.line, d.message) for d in ctx.site.report.diagnostics] == [
        (1, "'Nope' not found in Other.md; embedding all"),
        (1, "heading 'Nope' not found in Other.md; linking to the page"),
    ]


def test_s5_note_embed_of_an_empty_note_shows_its_name():
    assert render("![[Empty]]\n", notes={"Empty.md": ""})[0] == (
        '!!! ofm-embed "[Empty](Empty.md)"\n    Empty\n'
    )
