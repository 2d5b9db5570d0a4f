"""`render/links.py` through the renderer: what the report counts and says for each link form,
on which line, Markdown links to files and headings, image options, URLs left alone, and
Excalidraw drawings embedded by name or by their export's name (OFM-SPEC §5)."""

from __future__ import annotations

import base64
import re

from obsidian_to_mkdocs.render import links
from tests.fixtures.reader import render

DRAWING = '---\nexcalidraw-plugin: parsed\n---\n```json\n{"elements": []}\n```\n'
NOTES = {
    "Sketch.excalidraw.md": DRAWING,
    "Blank.excalidraw.md": "---\nexcalidraw-plugin: parsed\n---\nno scene here\n",
    "Heads.md": "## Part Two\n\n[up](#Part%20Two)\n",
}
MISSING = '<span class="ofm-unresolved" title="Unresolved link">{}</span>'
MISSING_EMBED = (
    '<span class="ofm-unresolved ofm-embed-missing" data-search-exclude'
    ' title="Unresolved embed">{}</span>'
)


def _diagnostics(ctx) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in ctx.site.report.diagnostics]


def test_s5_unresolved_each_missing_link_is_counted_and_reported():
    text, ctx = render("[[Q1]] [x](M.md)\n[[Q2]] [y](N.md) [f](nope.pdf)\n")
    assert (
        text
        == " ".join(MISSING.format(t) for t in ("Q1", "x"))
        + "  \n"
        + " ".join(MISSING.format(t) for t in ("Q2", "y", "f"))
        + "\n"
    )
    assert _diagnostics(ctx) == [
        (1, "link target 'Q1' not found"),
        (1, "link target 'M.md' not found"),
        (2, "link target 'Q2' not found"),
        (2, "link target 'N.md' not found"),
        (2, "linked file 'nope.pdf' not found"),
    ]
    assert ctx.site.report.links_unresolved == 5 and ctx.site.report.links_resolved == 0


def test_s5_unresolved_a_private_note_is_not_named_unless_verbose():
    note = "[[Private]] [p](Private.md)\n"
    text, ctx = render(note)
    assert text == f"{MISSING.format('Private')} {MISSING.format('p')}\n"
    quiet = "link to a note that is not published (--verbose names it)"
    assert _diagnostics(ctx) == [(1, quiet), (1, quiet)]
    _, ctx = render(note, verbose=True)
    assert _diagnostics(ctx) == [
        (1, "link target 'Private' is not published"),
        (1, "link target 'Private.md' is not published"),
    ]


def test_s5_md_link_to_files_is_resolved_and_the_file_published():
    text, ctx = render("[d](docs/file.pdf) [e](file.pdf) ![a|100](pic.png)\n")
    assert text == '[d](docs/file.pdf) [e](docs/file.pdf) ![a](pic.png){ width="100" }\n'
    assert ctx.attachments == ["docs/file.pdf", "docs/file.pdf", "pic.png"]
    assert ctx.site.report.links_resolved == 3 and not ctx.site.report.diagnostics


def test_s5_md_link_label_holds_brackets_and_the_title_is_not_the_label():
    text, ctx = render('[x [y] z](Missing.md) [w](Missing.md "a]b") [v]( Deep.md)\n')
    assert text == f"{MISSING.format('x [y] z')} {MISSING.format('w')} [v]( folder/Deep.md)\n"
    # the destination is read from where it starts: a leading X is part of the name
    _, ctx = render("[x](Xyz.md)\n")
    assert _diagnostics(ctx) == [(1, "link target 'Xyz.md' not found")]


def test_s5_md_link_heading_path_and_missing_heading_on_its_line():
    text, ctx = render("[t](Other.md#Heading%20One#Sub%20Heading)\na [t](Other.md#Nope)\n")
    assert text == "[t](Other.md#sub-heading)  \na [t](Other.md)\n"
    assert _diagnostics(ctx) == [(2, "heading 'Nope' not found in Other.md; linking to the page")]
    assert ctx.site.report.links_resolved == 2


def test_s5_md_link_to_a_heading_of_this_note_gets_its_id():
    note = "## Sub Heading\n\n[x](#Sub%20Heading) [y](#sub-heading) [z](#nothing) [b](#^blk)\n"
    text, _ = render(note)
    assert text == (
        "## Sub Heading\n\n[x](#sub-heading) [y](#sub-heading) [z](#nothing) [b](#^blk)\n"
    )
    # inside an embed, the heading is on the embedded note's own page
    text, _ = render("![[Heads]]\n", notes=NOTES)
    assert (
        text
        == '!!! ofm-embed "[Heads](Heads.md)"\n    ## Part Two\n\n    [up](Heads.md#part-two)\n'
    )


def test_s5_md_link_backlink_context_is_centred_on_its_plain_label():
    note = "word " * 40 + "[**bold** label](Other.md)" + " tail" * 40 + "\n"
    _, ctx = render(note)
    (record,) = ctx.links
    assert record.target == "Other.md" and record.context.startswith("…")
    middle = len(record.context) // 2
    assert record.context.index("bold label") in range(middle - 20, middle + 5)


def test_s5_image_embed_markdown_images_sizes_and_missing_ones():
    text, ctx = render('![a|100](pic.png "t") ![alt [x] y|100](pic.png) ![a](no.png) ![](no.png)\n')
    assert text == (
        '![a](pic.png "t"){ width="100" } ![alt [x] y](pic.png){ width="100" } '
        f"{MISSING_EMBED.format('a')} {MISSING_EMBED.format('no.png')}\n"
    )
    assert ctx.site.report.links_unresolved == 2 and ctx.site.report.links_resolved == 2


def test_s5_external_images_keep_their_url_and_take_a_size():
    text, ctx = render(
        "![x|100](<https://e.org/a.png>) ![x](<https://e.org/a b.png>) "
        "![x|100](https://e.org/a.png) ![x](https://e.org/a.png)\n"
    )
    assert text == (
        '![x](https://e.org/a.png){ width="100" } ![x](<https://e.org/a b.png>) '
        '![x](https://e.org/a.png){ width="100" } ![x](https://e.org/a.png)\n'
    )
    text, ctx = render("![x]() [x]() ![x](#a) ![x](//e.org/a.png)\n")
    assert text == "![x]() [x]() ![x](#a) ![x](//e.org/a.png)\n"
    assert not ctx.site.report.diagnostics and not ctx.attachments


def test_s5_note_embed_inside_text_is_a_link_with_its_alias():
    text, ctx = render("text ![[Other|alias]] and\n![[Other#Nope]] b\n")
    assert text == "text [alias](Other.md) and  \n[Other &gt; Nope](Other.md) b\n"
    assert _diagnostics(ctx) == [(2, "heading 'Nope' not found in Other.md; linking to the page")]


def test_s5_wikilink_to_files_and_bases():
    text, ctx = render(
        "[[docs/file.pdf|the doc]] [[nope.pdf]] [[Table.base]]\n", attachments=("Table.base",)
    )
    assert (
        text
        == f"[the doc](docs/file.pdf) {MISSING.format('nope.pdf')} [Table.base](Table.base.md)\n"
    )
    assert ctx.attachments == ["docs/file.pdf"]  # a base is a page, not a copied file
    assert _diagnostics(ctx) == [(1, "link target 'nope.pdf' not found")]
    assert ctx.site.report.links_resolved == 2


DRAWN = re.compile(r"!\[Sketch\.excalidraw\]\(data:image/svg\+xml;base64,([^)]*)\)(\{[^}]*\})")


def test_s5_image_embed_of_a_drawing_is_its_scene_by_name_or_by_its_exports_name():
    note = (
        "a ![[Sketch.excalidraw|200]] b ![[Sketch.excalidraw.png|120]] ![](Sketch.excalidraw.svg)"
        " ![[Sketch.excalidraw.gif]]\n"
    )
    text, ctx = render(note, notes=NOTES)
    drawn = DRAWN.findall(text)
    assert [attrs for _, attrs in drawn] == [
        '{ .ofm-excalidraw width="200" }',
        '{ .ofm-excalidraw width="120" }',
        "{ .ofm-excalidraw }",
    ]
    for data, _ in drawn:
        assert base64.b64decode(data).startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    assert text.startswith("a ![Sketch.excalidraw](") and " b ![Sketch.excalidraw](" in text
    # a .gif is no export of the drawing: a missing file
    assert text.endswith(f" {MISSING_EMBED.format('Sketch.excalidraw.gif')}\n")
    assert [(r.target, r.embed) for r in ctx.links] == [("Sketch.excalidraw.md", True)] * 3
    assert ctx.site.report.links_resolved == 3 and ctx.site.report.links_unresolved == 1


def test_s5_drawing_without_scene_is_reported_on_its_line():
    text, ctx = render("a\nb ![[Blank.excalidraw]]\n", notes=NOTES)
    assert text.endswith(
        'b <span class="ofm-unresolved ofm-embed-missing" data-search-exclude>'
        "Blank.excalidraw</span>\n"
    )
    assert _diagnostics(ctx) == [(2, "drawing Blank.excalidraw.md has no scene that can be read")]


def test_s5_unresolved_text_is_a_link_unless_said_to_be_an_embed():
    assert links.unresolved("a*", "why") == ('<span class="ofm-unresolved" title="why">a\\*</span>')


def test_s5_image_embed_of_a_drawing_shows_its_export_when_the_vault_has_one():
    text, ctx = render(
        "![[Sketch.excalidraw|90]]\n", notes=NOTES, attachments=("Sketch.excalidraw.svg",)
    )
    assert text == '![Sketch.excalidraw](Sketch.excalidraw.svg){ .ofm-excalidraw width="90" }\n'
    assert ctx.attachments == ["Sketch.excalidraw.svg"]


def test_s5_wikilink_missing_block_and_own_headings_on_their_line():
    text, ctx = render("a\n[[Other#^nope]] [[#Nope]] [[#Sub]]\n\n## Sub\n")
    assert text == "a  \n[Other &gt; ^nope](Other.md) Nope [Sub](#sub)\n\n## Sub\n"
    assert [(d.line, d.message) for d in ctx.site.report.diagnostics] == [
        (2, "block ^nope not found in Other.md; linking to the page"),
        (2, "heading 'Nope' not found in Case.md; linking to the page"),
    ]
    assert ctx.site.report.links_resolved == 3
    assert links.extension("a.b.PNG") == "png"  # the last extension of a name
