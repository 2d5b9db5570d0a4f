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
