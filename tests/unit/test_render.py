"""`render/` called directly: admonition boxes, escaping, inline edits, block helpers and
link forms (OFM-SPEC §3, §5, §9)."""

from __future__ import annotations

import pytest
import yaml
from markdown_it.tree import SyntaxTreeNode

from obsidian_to_mkdocs.parse import build_parser
from obsidian_to_mkdocs.render import blocks, inline, links
from obsidian_to_mkdocs.render.admonitions import Admonition, css_color, icon_url
from obsidian_to_mkdocs.render.blocks import parse_document
from obsidian_to_mkdocs.render.escape import html_text, markdown_text
from obsidian_to_mkdocs.render.page import front_matter, render_note
from obsidian_to_mkdocs.syntax.adblocks import recognise_ad_block
from obsidian_to_mkdocs.syntax.callouts import Callout
from obsidian_to_mkdocs.vault import VaultSettings
from tests.fixtures.reader import render, site_with


@pytest.mark.parametrize(
    ("kind", "classes"),
    [
        ("tip", "tip"),
        ("faq", "faq"),
        ("recipe", "note recipe"),
        ("a b!", "note a-b"),
        ("!!", "note"),
    ],
)
def test_s3_callout_types_classes(kind, classes):
    assert Admonition(kind, "", None).classes == classes


@pytest.mark.parametrize(("fold", "marker"), [("", "!!!"), ("+", "???+"), ("-", "???")])
def test_s3_callout_fold_markers(fold, marker):
    adm = Admonition.of_callout(Callout("tip", fold, "T", 0, ()))
    assert adm.open_lines("T") == [f'{marker} tip "T"']
    assert adm.close_lines() == [] and adm.body_indent == "    "


def test_s3_callout_without_title_shows_the_types_name():
    assert render("> [!warning]\n> x\n")[0] == '!!! warning "Warning"\n    x\n'
    assert render("> [!xy]\n")[0] == '!!! note xy "Xy"\n'


def test_s3_ad_block_color_and_icon_make_an_html_box():
    block = recognise_ad_block("ad-bug", "collapse: closed\ncolor: #ABCDEF\nicon: fas-bug\nx")
    adm = Admonition.of_ad_block(block)
    assert adm.color == "#abcdef" and adm.icon.startswith("data:image/svg+xml;base64,")
    opening = adm.open_lines("T")
    assert opening[0].startswith('<details class="bug ofm-ad-color ofm-ad-icon" style="')
    assert "--ofm-ad-color: #abcdef; --ofm-ad-icon: url(data:image/svg+xml;base64," in opening[0]
    assert opening[0].endswith('" markdown>') and " open" not in opening[0]
    assert opening[1] == "<summary markdown>T</summary>"
    assert adm.close_lines() == ["</details>"] and adm.body_indent == ""
    fixed = Admonition("bug", "", None, icon="data:x")
    assert fixed.open_lines("T") == [
        '<div class="admonition bug ofm-ad-icon" style="--ofm-ad-icon: url(data:x)" markdown>',
        '<p class="admonition-title" markdown>T</p>',
    ]
    assert fixed.close_lines() == ["</div>"]
    assert (
        'style="--ofm-ad-color: red" open markdown>'
        in Admonition("bug", "+", None, color="red").open_lines("T")[0]
    )


@pytest.mark.parametrize(
    ("value", "css"),
    [
        ("255, 0, 0", "rgb(255, 0, 0)"),
        ("1,2,999", "rgb(1, 2, 255)"),
        (" #ABC ", "#abc"),
        ("abcdef", "#abcdef"),
        ("red", None),
        ("#abcd", None),
        ("1, 2", None),
        ("1, 2, 3; x", None),
        ("1000, 2, 3", None),
        ("", None),
    ],
)
def test_s3_ad_block_color(value, css):
    assert css_color(value) == css


@pytest.mark.parametrize("name", ["", "fas", "fas-", "xyz-bug", "fas-no-such-icon", "fas-../x"])
def test_s3_ad_block_unknown_icons_keep_the_types_own(name):
    assert icon_url(name) is None


def test_s3_ad_block_icon_sets():
    for name in ("fas-bug", "far-bell", "fab-github", " FAS-Bug "):
        assert icon_url(name).startswith("data:image/svg+xml;base64,"), name


def test_s9_escaping():
    assert markdown_text("a_b*c`d[e]f\\g$h<i>&") == ("a\\_b\\*c\\`d\\[e\\]f\\\\g\\$h&lt;i&gt;&amp;")
    assert html_text('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"


def test_inline_edits_skip_overlaps_and_keep_the_rest():
    assert inline._apply("abcdef", [(4, 5, "E"), (1, 3, "XY"), (2, 4, "no")]) == "aXYdEf"
    assert inline._apply("abc", []) == "abc"
    assert inline._apply("abc", [(0, 3, "")]) == ""


def test_inline_highlight_pairs_left_to_right():
    def paired(src: str) -> str:
        from obsidian_to_mkdocs.parse import parse_inline

        return inline._apply(src, inline._highlight_edits(parse_inline(src)))

    assert paired("==a== ==b==") == "<mark>a</mark> <mark>b</mark>"
    assert paired("x ==a ==b==") == "x ==a <mark>b</mark>"  # the nearest opener, as CommonMark
    assert paired("a== ==b") == "a== ==b"
    assert paired("==a==b==c") == "<mark>a</mark>b==c"


def test_inline_source_without_triggers_is_returned_as_is():
    text, ctx = render("plain words only\n")
    assert text == "plain words only\n" and ctx.inline_source == "plain words only"


def test_s1_line_breaks_default_and_strict():
    assert render("one\ntwo\nthree\n")[0] == "one  \ntwo  \nthree\n"
    assert render("one\ntwo\n", VaultSettings(strict_line_breaks=True))[0] == "one\ntwo\n"


def test_paragraph_lines_that_python_markdown_would_read_as_blocks_are_escaped():
    assert render("a\n#5 items\n#123\n")[0] == "a  \n\\#5 items  \n\\#123\n"


def test_table_pipes_are_escaped_outside_code():
    assert blocks._escape_pipes("a|b `c|d` e|f \\| ``g|`h`` |") == (
        "a\\|b `c|d` e\\|f \\| ``g|`h`` \\|"
    )
    assert blocks._escape_pipes("|a|b \\| c\\||") == "\\|a\\|b \\| c\\|\\|"  # no code span


def test_code_fence_outgrows_the_fences_inside_it():
    (node,) = SyntaxTreeNode(build_parser().parse("~~~~md\n```\nx\n~~~\n~~~~\n")).children
    assert blocks._code_fence(node) == ["~~~~md", "```", "x", "~~~", "~~~~"]
    (empty,) = SyntaxTreeNode(build_parser().parse("```\n```\n")).children
    assert blocks._code_fence(empty) == ["```", "```"]


def test_dedent_counts_a_tab_as_four_columns():
    assert blocks._dedent("\t- a\n\t\t- b\n    - c") == "- a\n    - b\n- c"


def test_s3_tables_keep_alignment():
    text = "| a | b | c |\n| :- | :-: | -: |\n| 1 | 2 | 3 |\n"
    assert render(text)[0] == "| a | b | c |\n| :--- | :---: | ---: |\n| 1 | 2 | 3 |\n"


def test_s3_code_and_html_untouched():
    note = "    indented [[x]]\n\n<div>[[x]]</div>\n\n```\n[[x]]\n```\n"
    assert render(note)[0] == "    indented [[x]]\n\n<div>[[x]]</div>\n\n```\n[[x]]\n```\n"


def test_s3_dataviewjs_fences_are_labelled_and_not_run():
    text, _ = render("```dataviewjs\ndv.list([1])\n```\n")
    assert text.startswith('!!! ofm-query "DataviewJS: shown as written (')
    assert text.endswith("\n    ```js\n    dv.list([1])\n    ```\n")


def test_link_references_are_kept():
    text, _ = render('[a][r]\n\n[r]: https://x.org "T"\n')
    assert text == '[a][r]\n\n[R]: <https://x.org> "T"\n'


def test_s5_link_forms():
    assert links.extension("a/b.PNG") == "png"
    assert links.extension("a.b/c") == ""
    assert links.unresolved("a_b", "why <", embed=True) == (
        '<span class="ofm-unresolved ofm-embed-missing" data-search-exclude'
        ' title="why &lt;">a\\_b</span>'
    )


def test_s7_backlink_snippet_is_centred_on_the_link():
    assert links.snippet(" a  b ", "b") == "a b"
    long = "x" * 100 + " LINK " + "y" * 100
    cut = links.snippet(long, "LINK", width=20)
    assert cut == "…" + long[91:111] + "…"
    assert links.snippet(long, "zzz", width=10) == long[:10] + "…"


def test_s5_unresolved_links_are_reported_on_their_own_line():
    _, ctx = render("---\nx: 1\n---\nintro\n\none\ntwo [[Missing]]\n")
    (diagnostic,) = ctx.site.report.diagnostics
    assert (diagnostic.path, diagnostic.line) == ("Case.md", 7)
    assert "Missing" in diagnostic.message and ctx.site.report.links_unresolved == 1


def test_s4_tag_uses_record_their_body_line():
    _, ctx = render("---\nx: 1\n---\na\n\nb\nc #t1 #t2\n")
    assert [(use.tag, use.line) for use in ctx.tags] == [("t1", 3), ("t2", 3)]


def test_s5_links_are_recorded_for_backlinks_with_their_sentence():
    _, ctx = render("See [[Other]] and ![[Other]] and [x](folder/Deep.md).\n")
    assert [(r.target, r.embed, r.context) for r in ctx.links] == [
        ("Other.md", False, "See Other and and x."),
        ("Other.md", False, "See Other and and x."),
        ("folder/Deep.md", False, "See Other and and x."),
    ]
    assert ctx.site.report.links_resolved == 3


def test_s2_front_matter_has_no_empty_keys():
    assert front_matter({}) == ""
    assert front_matter({"a": None, "b": "", "c": [], "d": {}}) == ""
    assert front_matter({"title": "T", "tags": ["a", "b"], "x": 0}) == (
        "---\ntitle: T\ntags:\n- a\n- b\nx: 0\n---\n\n"
    )
    assert front_matter({"title": "🙂 x"}) == "---\ntitle: 🙂 x\n---\n\n"


def test_s2_page_front_matter_and_tags():
    note = (
        "---\ntitle: My Title\naliases: [a]\ntags: [t1]\ndescription: D\ndate: 2024\n"
        "hide: true\nicon: [x]\nother: y\n---\nbody #t2 #t1\n"
    )
    site, case = site_with(note)
    page = render_note(case, site)
    # only what Material is meant to act on is top-level (`hide`, `icon` are the note's, and
    # dropped; `date` is computed later, by publishing); the note's aliases go under `obsidian`
    assert page.text == (
        "---\ntitle: My Title\ndescription: D\ntags:\n- t1\n- t2\nofm_inline_tags:\n- t2\n"
        "obsidian:\n  aliases:\n  - a\n---\n\n"
        "body [#t2](tags/t2/index.md){ .ofm-tag } [#t1](tags/t1/index.md){ .ofm-tag }\n"
    )
    # the chips at the top are the front matter's tags; inline ones are chips where they stand
    assert page.tags == ("t1", "t2") and [u.tag for u in page.tag_uses] == ["t2", "t1"]
    assert page.path == "Case.md" and page.note is case


def test_s3_math_inline_stays_on_one_line():
    assert render("a $x\n#y$ b\n")[0] == "a $x #y$ b\n"
    assert render("a $x %c\ny$ b\n")[0] == "a $x %c  \ny$ b\n"
    assert render("# $$x^2$$\n")[0] == "# $\\displaystyle x^2$\n"


def test_s2_page_body_links_attachments_and_tag_pages():
    long_tag = "l" * 300
    site, case = site_with(
        f'---\ntags: ["a//b", ok, {long_tag}]\n---\none\n\ntwo [[Other]] ![[pic.png]] #'
        + long_tag
        + "\n\nx[^1]\n\n[^1]:\n"
    )
    page = render_note(case, site)
    assert page.tags == ("ok", long_tag)
    (warning,) = site.report.diagnostics
    assert "'a//b'" in warning.message and warning.path == "Case.md"
    short = site.tag_page(long_tag)
    assert short != f"tags/{long_tag}/index.md"
    meta = yaml.safe_load(page.text.split("---\n")[1])
    assert meta["ofm_tag_pages"] == {long_tag: short.removesuffix("/index.md")}
    assert page.text.endswith(
        "---\n\none\n\ntwo [Other](Other.md) ![pic](pic.png) "
        f"[#{long_tag}]({short}){{ .ofm-tag }}\n\nx[^1]\n\n[^1]:\n"
    )
    assert [link.target for link in page.links] == ["Other.md"]
    assert page.attachments == ("pic.png",) and len(page.tag_uses) == 1


def test_s2_page_renders_the_tokens_it_is_given():
    site, case = site_with("body\n")
    assert render_note(case, site, parse_document("other\n")).text.endswith("\nother\n")


def test_s3_drawing_note_shows_no_data():
    site, case = site_with("---\nexcalidraw-plugin: parsed\n---\n# Text Elements\nsecret\n")
    page = render_note(case, site)
    assert page.text.endswith(
        '\n<span class="ofm-unresolved ofm-embed-missing" data-search-exclude>Case</span>\n'
    )
    (warning,) = site.report.diagnostics
    assert warning.line == 4 and "secret" not in page.text


def test_s5_unresolved_markdown_links_and_images_are_reported_on_their_line():
    text, ctx = render("a\n[x](Missing.md)\n![y](nope.png)\n")
    assert [(d.line, d.message) for d in ctx.site.report.diagnostics] == [
        (2, "link target 'Missing.md' not found"),
        (3, "image 'nope.png' not found"),
    ]
    assert 'title="Unresolved link">x</span>' in text


def test_s4_tag_that_cannot_be_a_page_is_text_with_a_warning():
    text, ctx = render("a\nb #x//y c\n")
    assert text == "a  \nb #x//y c\n"
    (warning,) = ctx.site.report.diagnostics
    assert warning.line == 2 and "'x//y' cannot be a page" in warning.message
