"""OFM-SPEC §1–4, one test per row: the note text, converted, rendered by the real
Python-Markdown with the extensions of mkdocs.yml, and checked on the HTML.

Test names start with the spec section (`test_s3_…` is §3 Blocks); the rest of the name is
the row. The differential tests at the end compare with mkdocs-callouts.
"""

from __future__ import annotations

import json

import pytest
from lxml import html

NOTE = "N.md"


@pytest.fixture
def render(convert_vault):
    """Convert one note (plus optional extra files) and return its rendered HTML root."""

    def run(text: str, **extra: str) -> html.HtmlElement:
        _, _, html_of = convert_vault({NOTE: text, **extra})
        return html_of(NOTE)

    return run


def _text(root: html.HtmlElement) -> str:
    return root.text_content()


def _classes(element: html.HtmlElement) -> list[str]:
    return (element.get("class") or "").split()


def _admonitions(root: html.HtmlElement) -> list[html.HtmlElement]:
    return root.cssselect("div.admonition, details")


def _top_admonitions(root: html.HtmlElement) -> list[html.HtmlElement]:
    return [child for child in root if child in _admonitions(root)]


def _title(box: html.HtmlElement) -> str:
    title = box.cssselect(".admonition-title, summary")[0]
    return title.text_content().strip()


# §1 Vault and settings ------------------------------------------------------------------


def test_s1_app_json_line_breaks_default_single_newline_is_a_break(render):
    root = render("one\ntwo")
    assert len(root.cssselect("p br")) == 1


def test_s1_app_json_strict_line_breaks_joins_lines(render):
    root = render("one\ntwo", **{".obsidian/app.json": json.dumps({"strictLineBreaks": True})})
    assert not root.cssselect("br")
    assert _text(root.cssselect("p")[0]) == "one\ntwo"


# §3 Blocks: callouts -------------------------------------------------------------------


def test_s3_callout_any_case_with_title_markup(render):
    root = render("> [!TIP] A **bold** title with [[N|link]]\n> body ==mark==")
    (box,) = _admonitions(root)
    assert box.tag == "div" and "tip" in _classes(box)
    assert _title(box) == "A bold title with link"
    assert box.cssselect(".admonition-title strong")[0].text == "bold"
    assert box.cssselect("p mark")[0].text == "mark"


def test_s3_callout_title_without_space_after_bracket(render):
    (box,) = _admonitions(render(">[!TIP]Custom title, **markdown**!\n> body"))
    assert _title(box) == "Custom title, markdown!" and "tip" in _classes(box)


def test_s3_callout_empty_title_shows_type_name(render):
    (box,) = _admonitions(render("> [!warning]\n> careful"))
    assert _title(box) == "Warning" and "warning" in _classes(box)


def test_s3_callout_body_with_a_rule_under_the_header_is_no_heading(render):
    """Issue 18 item 2: `---` under the header made `<h2>[!quote] Long live…</h2>`."""
    root = render("> [!quote] Long live the king\n> ---\n> Body.\n\n> [!note] T\n> a\n> ---\n")
    quote, note = _admonitions(root)
    assert _title(quote) == "Long live the king" and quote.cssselect("hr")
    assert quote.cssselect("p")[-1].text_content() == "Body."
    assert "[!" not in root.text_content()
    # in the body, text over `---` is a setext heading, in Obsidian too
    assert [h.text_content().rstrip("¶") for h in root.cssselect("h1, h2, h3")] == ["a"]


def test_s3_callout_fold_markers(render):
    closed, opened = _admonitions(render("> [!faq]- Closed\n> a\n\n> [!faq]+ Open\n> b"))
    assert closed.tag == opened.tag == "details"
    assert closed.get("open") is None and opened.get("open") is not None
    assert [_title(closed), _title(opened)] == ["Closed", "Open"]


@pytest.mark.parametrize(
    "kind",
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    ],
)
def test_s3_callout_every_type_and_alias_keeps_its_material_class(render, kind):
    (box,) = _admonitions(render(f"> [!{kind}] T\n> x"))
    assert _classes(box) == ["admonition", kind]


def test_s3_callout_unknown_type_styled_as_note_keeps_own_class(render):
    (box,) = _admonitions(render("> [!Recipe] Pancakes\n> flour"))
    assert _classes(box) == ["admonition", "note", "recipe"] and _title(box) == "Pancakes"


def test_s3_callout_metadata_after_pipe_is_not_part_of_the_type(render):
    (box,) = _admonitions(render("> [!tip|wide] Title\n> x"))
    assert _classes(box) == ["admonition", "tip"]


def test_s3_callout_nested_in_callout(render):
    root = render("> [!note] Outer\n> > [!danger] Inner\n> > deep\n>\n> after")
    outer = _admonitions(root)[0]
    (inner,) = outer.cssselect("div.admonition.danger")
    assert _title(inner) == "Inner" and "deep" in _text(inner)
    assert "after" in _text(outer) and "after" not in _text(inner)


def test_s3_callout_inside_list_item(render):
    root = render("- item\n  > [!tip] In list\n  > inside\n- next")
    items = root.cssselect("ul > li")
    assert len(items) == 2
    (box,) = items[0].cssselect("div.admonition.tip")
    assert _title(box) == "In list" and "inside" in _text(box)
    assert "next" in _text(items[1])


def test_s3_callout_with_code_table_and_list_inside(render):
    note = (
        "> [!example] Mixed\n> ```python\n> x = '[[not a link]]'\n> ```\n>\n"
        "> | a | b |\n> | - | - |\n> | 1 | 2 |\n>\n> - one\n>   - two\n"
    )
    (box,) = _admonitions(render(note))
    assert "x = '[[not a link]]'" in _text(box.cssselect("code")[0])
    assert len(box.cssselect("table td")) == 2
    assert box.cssselect("ul > li > ul > li")[0].text.strip() == "two"


def test_s3_callout_without_blank_line_after(render):
    root = render("> [!note] T\n> body\nlazy line\n\nAfter")
    (box,) = _admonitions(root)
    assert "lazy line" in _text(box)
    assert root.cssselect("div > p")[-1].text == "After"


# §3 Blocks: ad- blocks -----------------------------------------------------------------


def test_s3_ad_block_title_collapse_and_markdown_body(render):
    root = render("```ad-warning   \ntitle: Careful *now*\ncollapse: closed\n\n- a\n- b\n```")
    (box,) = _admonitions(root)
    assert box.tag == "details" and box.get("open") is None and "warning" in _classes(box)
    assert _title(box) == "Careful now"
    assert len(box.cssselect("ul > li")) == 2


def test_s3_ad_block_default_title_is_capitalised_type(render):
    (box,) = _admonitions(render("```ad-quote\nwords\n```"))
    assert _title(box) == "Quote" and box.tag == "div"


def test_s3_ad_block_collapse_open_and_none(render):
    opened, fixed = _admonitions(
        render("```ad-tip\ncollapse: open\nx\n```\n\n```ad-tip\ncollapse: none\ny\n```")
    )
    assert opened.tag == "details" and opened.get("open") is not None
    assert fixed.tag == "div"


def test_s3_ad_block_tilde_fence(render):
    (box,) = _admonitions(render("~~~ad-info\ntitle: Tilde\nbody\n~~~"))
    assert "info" in _classes(box) and _title(box) == "Tilde"


def test_s3_ad_block_icon_and_color(render):
    (box,) = _admonitions(render("```ad-bug\ncolor: 200, 10, 10\nicon: fas-fire\nbody\n```"))
    assert {"bug", "ofm-ad-color", "ofm-ad-icon"} <= set(_classes(box))
    style = box.get("style")
    assert "--ofm-ad-color: rgb(200, 10, 10)" in style
    assert "--ofm-ad-icon: url(data:image/svg+xml;base64," in style
    assert _title(box) == "Bug" and "body" in _text(box)


def test_s3_ad_block_color_that_is_no_colour_is_ignored(render):
    (box,) = _admonitions(render('```ad-note\ncolor: red" onclick="x\nbody\n```'))
    assert box.get("style") is None and box.get("onclick") is None


def test_s3_ad_block_nested_with_longer_fence(render):
    root = render("````ad-note\ntitle: Outer\n```ad-tip\ntitle: Inner\ninner body\n```\n````")
    (outer,) = _top_admonitions(root)
    (inner,) = outer.cssselect("div.admonition.tip")
    assert _title(outer) == "Outer" and _title(inner) == "Inner"


def test_s3_ad_block_inside_callout_and_callout_inside_ad_block(render):
    root = render(
        "> [!note] Callout\n> ```ad-tip\n> in callout\n> ```\n\n"
        "```ad-example\n> [!warning] In ad\n> body\n```"
    )
    callout, ad_block = _top_admonitions(root)
    assert "in callout" in _text(callout.cssselect("div.admonition.tip")[0])
    assert _title(ad_block.cssselect("div.admonition.warning")[0]) == "In ad"


def test_s3_ad_block_inside_list_item(render):
    root = render("- item\n  ```ad-tip\n  in list\n  ```\n- next")
    first, second = root.cssselect("ul > li")
    assert "in list" in _text(first.cssselect("div.admonition.tip")[0])
    assert "next" in _text(second)


# §3 Blocks: lists ----------------------------------------------------------------------


def test_s3_list_right_after_paragraph_line(render):
    root = render("Intro\n- a\n- b")
    assert root.cssselect("p")[0].text.strip() == "Intro"
    assert [li.text for li in root.cssselect("ul > li")] == ["a", "b"]


@pytest.mark.parametrize("indent", ["\t", "  ", "    "])
def test_s3_list_nesting_with_tabs_or_spaces(render, indent):
    lines = [indent * level + f"- level {level}" for level in range(6)]
    root = render("\n".join(lines))
    deepest = root.cssselect("ul " * 6 + "li")
    assert len(deepest) == 1 and deepest[0].text.strip() == "level 5"


def test_s3_list_mixed_ordered_and_unordered(render):
    root = render("1. one\n   - bullet\n     1. deep\n2. two")
    assert root.cssselect("ol > li > ul > li > ol > li")[0].text == "deep"
    assert len(root.cssselect("div > ol > li")) == 2


def test_s3_list_ordered_starting_at_n(render):
    (ordered,) = render("7. seven\n8. eight").cssselect("ol")
    assert ordered.get("start") == "7"


def test_s3_list_two_adjacent_lists_of_different_type_stay_apart(render):
    root = render("- bullet\n1. number\n\n- a\n* b")
    assert [child.tag for child in root if child.tag in ("ul", "ol")] == ["ul", "ol", "ul", "ul"]


# §3 Blocks: tasks ----------------------------------------------------------------------


def test_s3_task_list_open_and_done(render):
    root = render("- [ ] open\n- [x] done")
    boxes = root.cssselect("li.task-list-item input[type=checkbox]")
    assert [b.get("checked") is not None for b in boxes] == [False, True]


@pytest.mark.parametrize("status", ["/", "-", ">", "?", "!"])
def test_s3_task_list_other_statuses_keep_a_class(render, status):
    root = render(f"- [{status}] task text\n- [ ] other")
    (task,) = root.cssselect("label.ofm-task")
    assert task.get("data-task") == status
    assert task.cssselect("input[type=checkbox]")[0].get("checked") is not None
    assert task.getparent().tag == "li" and "task text" in _text(task.getparent())


def test_s3_task_list_status_in_nested_item(render):
    root = render("- [ ] parent\n\t- [-] cancelled child")
    assert root.cssselect("li li > label.ofm-task")[0].get("data-task") == "-"


# §3 Blocks: tables ---------------------------------------------------------------------


def test_s3_table_straight_after_paragraph_with_wikilink_alias(render, convert_vault):
    _, _, html_of = convert_vault(
        {NOTE: "Text before\n| a | b |\n| - | - |\n| [[Other\\|shown]] | 2 |", "Other.md": "x"}
    )
    root = html_of(NOTE)
    assert root.cssselect("p")[0].text.strip() == "Text before"
    cells = root.cssselect("table tbody td")
    assert len(cells) == 2
    (link,) = cells[0].cssselect("a")
    assert link.text == "shown" and "Other" in link.get("href")


# §3 Blocks: code -----------------------------------------------------------------------


@pytest.mark.parametrize("fence", ["```", "~~~", "`````"])
def test_s3_fenced_code_untouched(render, fence):
    code = "[[Link]] ==hi== %%c%% #tag ^id $x$ > [!note]"
    root = render(f"{fence}text\n{code}\n{fence}")
    assert _text(root.cssselect("code")[0]).strip() == code
    assert not root.cssselect("mark, a.ofm-tag, .ofm-unresolved, .arithmatex")


def test_s3_indented_code_and_inline_code_untouched(render):
    root = render("Para\n\n    [[Link]] ==x==\n\nand `==y== #t [[z]]` here")
    codes = [_text(c) for c in root.cssselect("code")]
    assert codes == ["[[Link]] ==x==\n", "==y== #t [[z]]"]


def test_s3_unterminated_fence_runs_to_the_end(render):
    root = render("Before\n\n```python\nx = '[[a]]'\n\nstill code")
    assert "still code" in _text(root.cssselect("code")[0])
    assert root.cssselect("p")[0].text == "Before"


def test_s3_mermaid_fence_becomes_a_diagram(render):
    root = render("```mermaid\ngraph TD\n  A-->B\n```")
    (diagram,) = root.cssselect(".mermaid")
    assert "A-->B" in _text(diagram)


@pytest.mark.parametrize("language", ["dataviewjs", "query"])
def test_s3_query_fences_are_labelled_static_blocks(render, language):
    """Queries we do not run (JavaScript, Obsidian search); Dataview runs: test_dataview.py."""
    (box,) = _admonitions(render(f"```{language}\nTABLE file.name FROM #x\n```"))
    assert "ofm-query" in _classes(box) and language in _title(box).lower()
    assert "TABLE file.name FROM #x" in _text(box.cssselect("code")[0])


# §3 Blocks: math -----------------------------------------------------------------------


def test_s3_math_inline_and_block(render):
    root = render("Euler $e^{i\\pi}+1=0$ here\n\n$$\n\\int_0^1 x\\,dx\n$$")
    spans = root.cssselect(".arithmatex")
    assert len(spans) == 2
    assert "e^{i\\pi}+1=0" in _text(spans[0]) and "\\int_0^1" in _text(spans[1])


def test_s3_math_prices_stay_text(render):
    root = render("Costs $0.01 per token and $1.28 later; $ 5 $ too")
    assert not root.cssselect(".arithmatex")
    assert "$0.01 per token and $1.28 later; $ 5 $ too" in _text(root)


# §3 Blocks: footnotes ------------------------------------------------------------------


def test_s3_footnote_reference_and_definition(render):
    root = render("Claim[^1].\n\n[^1]: The **source**.")
    assert root.cssselect("sup a.footnote-ref")[0].text == "1"
    assert "The source." in _text(root.cssselect("div.footnote li")[0])


def test_s3_inline_footnote(render):
    root = render("Claim^[said *here*] and more^[second].")
    refs = root.cssselect("sup a.footnote-ref")
    assert [r.text for r in refs] == ["1", "2"]
    notes = root.cssselect("div.footnote li")
    assert _text(notes[0]).strip().startswith("said here")
    assert _text(notes[1]).strip().startswith("second")
    assert "^[" not in _text(root)


def test_s3_inline_footnote_in_table_cell_and_list(render):
    root = render("| a |\n| - |\n| x^[in cell] |\n\n- item^[in list]")
    assert len(root.cssselect("td sup a.footnote-ref, li sup a.footnote-ref")) == 2
    assert len(root.cssselect("div.footnote li")) == 2


# §3 Blocks: highlights -----------------------------------------------------------------


def test_s3_highlight_next_to_cjk_punctuation(render):
    root = render("他说==“卡住生态位”==。还有==高亮==，结束")
    assert [m.text for m in root.cssselect("mark")] == ["“卡住生态位”", "高亮"]


def test_s3_highlight_inside_callout(render):
    (box,) = _admonitions(render("> [!info] ==title mark==\n> body ==mark=="))
    assert [m.text for m in box.cssselect("mark")] == ["title mark", "mark"]


# §3 Blocks: comments -------------------------------------------------------------------


def test_s3_comment_inline_removed(render):
    root = render("visible %%hidden%% text")
    assert "hidden" not in _text(root) and "visible" in _text(root) and "%%" not in _text(root)


def test_s3_comment_across_lines_and_blank_lines_removed(render):
    root = render("before\n\n%%\nsecret line\n\n# secret heading\n\n- secret item\n%%\n\nafter")
    assert "secret" not in _text(root)
    assert [p.text for p in root.cssselect("p")] == ["before", "after"]


def test_s3_comment_unclosed_hides_the_rest_as_in_obsidian(render):
    root = render("shown\n\n%% never closed\n\nhidden")
    assert _text(root).strip() == "shown"


def test_s3_comment_in_generated_markdown_is_gone(convert_vault):
    docs, _, _ = convert_vault({NOTE: "a %%inline secret%% b\n\n%%\nblock secret\n%%"})
    assert "secret" not in (docs / NOTE).read_text(encoding="utf-8")


# §3 Blocks: block ids ------------------------------------------------------------------


def test_s3_block_id_after_paragraph_is_an_anchor(render):
    root = render("A paragraph ^para-1")
    (anchor,) = root.cssselect('[id="^para-1"]')
    assert anchor.getparent().tag == "p"
    assert "^para-1" not in _text(root)


def test_s3_block_id_in_list_item(render):
    root = render("- first ^item-a\n- second\n\t- nested ^item-b")
    assert root.cssselect('li > [id="^item-a"]') and root.cssselect('li li > [id="^item-b"]')
    assert "^item" not in _text(root)


# §3 Blocks: raw HTML -------------------------------------------------------------------


def test_s3_raw_html_passed_through(render):
    note = '<div class="custom" data-x="[[a]] ==b==">\n<b>bold</b>\n</div>\n\ntext <kbd>K</kbd>'
    root = render(note)
    (div,) = root.cssselect("div.custom")
    assert div.get("data-x") == "[[a]] ==b==" and div.cssselect("b")[0].text == "bold"
    assert root.cssselect("kbd")[0].text == "K"


# §4 Inline tags ------------------------------------------------------------------------


def _tags(root: html.HtmlElement) -> list[str]:
    return [a.text for a in root.cssselect("a.ofm-tag")]


def test_s4_tags_become_chips_never_headings(render):
    root = render("#GPT #新产品\n\ntext #tag-with_dash and #嵌套/标签 end")
    assert not root.cssselect("h1, h2, h3, h4, h5, h6")
    assert _tags(root) == ["#GPT", "#新产品", "#tag-with_dash", "#嵌套/标签"]
    assert root.cssselect("a.ofm-tag")[0].get("href") == "tags/gpt/index.md"


def test_s4_digits_only_is_not_a_tag_and_not_a_heading(render):
    root = render("#123 is an issue number")
    assert not _tags(root) and not root.cssselect("h1")
    assert _text(root).strip() == "#123 is an issue number"


def test_s4_no_tags_in_urls_code_links_or_headings(render):
    root = render(
        "# Heading #nottag\n\nSee https://example.com/page#frag and `#code` and "
        "[link #text](https://x.org/#a) and <span>#html</span>"
    )
    assert _tags(root) == []
    assert root.cssselect("h1")[0].text.strip().endswith("#nottag")


def test_s4_punctuation_ends_a_tag(render):
    root = render("Tags: #alpha, #beta. #gamma！ #delta（x） #ep/si-lon_2?")
    assert _tags(root) == ["#alpha", "#beta", "#gamma", "#delta", "#ep/si-lon_2"]


def test_s4_tag_needs_space_before(render):
    root = render("word#notatag and C#")
    assert _tags(root) == []


# Bad input -----------------------------------------------------------------------------


def test_bad_input_deep_quotes_and_lists_convert_without_recursion_error(render):
    deep_quote = "> " * 300 + "deep text"
    deep_list = "\n".join("\t" * level + f"- level {level}" for level in range(60))
    root = render(f"{deep_quote}\n\n{deep_list}\n\nend")
    assert "deep text" in _text(root) and "level 59" in _text(root)
    assert len(root.cssselect("ul")) == 60
    assert root.cssselect("div > p")[-1].text == "end"


# Differential: mkdocs-callouts ---------------------------------------------------------


def _mkdocs_callouts(text: str) -> str:
    from mkdocs_callouts.utils import CalloutParser

    return CalloutParser(convert_aliases=False).parse(text)


def _python_markdown(text: str, markdown_config) -> html.HtmlElement:
    import markdown

    extensions, configs = markdown_config
    rendered = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
    return html.fragment_fromstring(rendered, create_parent="div")


SIMPLE_CALLOUTS = [
    "> [!note] Plain title\n> body",
    "> [!warning]\n> no title",
    "> [!tip]- Folded\n> body",
    "> [!faq]+ Open fold\n> body",
    "> [!danger] Danger\n> line one\n> line two",
]


@pytest.mark.parametrize("note", SIMPLE_CALLOUTS)
def test_differential_simple_callouts_agree_with_mkdocs_callouts(render, markdown_config, note):
    ours = _admonitions(render(note))
    theirs = _admonitions(_python_markdown(_mkdocs_callouts(note), markdown_config))
    assert len(ours) == len(theirs) == 1
    assert ours[0].tag == theirs[0].tag
    assert set(_classes(ours[0])) == set(_classes(theirs[0]))
    assert _title(ours[0]) == _title(theirs[0])


@pytest.mark.parametrize(
    "note",
    [
        "- item\n  > [!tip] In list\n  > inside\n- next",
        "~~~markdown\n> [!note] Example of callout syntax\n~~~",
    ],
    ids=["callout-in-list", "callout-in-tilde-fence"],
)
def test_differential_mkdocs_callouts_misses_lists_and_tilde_fences(render, markdown_config, note):
    ours = render(note)
    theirs = _python_markdown(_mkdocs_callouts(note), markdown_config)
    if "~~~" in note:  # a code sample: Obsidian shows the syntax as written, as we do
        assert not _admonitions(ours)
        assert "> [!note] Example" in _text(ours.cssselect("code")[0])
        assert '!!! note "Example' in _text(theirs.cssselect("code")[0])  # rewritten code
    else:
        assert _title(ours.cssselect("li div.admonition.tip")[0]) == "In list"
        assert not theirs.cssselect("li div.admonition, li details")
