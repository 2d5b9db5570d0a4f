"""Issue 18: constructs of real vaults rendered as Obsidian shows them, each written as a small
note here, converted, and read back as the HTML of the real Python-Markdown with the
extensions of mkdocs.yml (or of a real MkDocs build where the page matters): display math
touching text, block ids on their own line, image sizes with alt text, Excalidraw drawings.
"""

from __future__ import annotations

import base64

import pytest
from lxml import etree, html

NOTE = "N.md"


@pytest.fixture
def render(convert_vault):
    """Convert one note (plus optional extra files) and return its rendered HTML root."""

    def run(text: str, **extra: str | bytes) -> html.HtmlElement:
        _, _, html_of = convert_vault({NOTE: text, **extra})
        return html_of(NOTE)

    return run


def _equations(root: html.HtmlElement) -> list[str]:
    """The TeX of each display equation arithmatex found, without its `\\[ \\]`."""
    return [
        " ".join(div.text_content().strip()[2:-2].split())
        for div in root.cssselect("div.arithmatex")
    ]


def _paragraphs(root: html.HtmlElement) -> list[str]:
    return [" ".join(p.text_content().split()) for p in root.cssselect("p")]


# Display math --------------------------------------------------------------------------


def test_display_math_lines_glued_to_text_are_an_equation_between_two_paragraphs(render):
    root = render("Law:\n$$\nF = m_a * b_c [[x]] ==h== #t\n$$\nwhere *F* is a force")
    assert _equations(root) == ["F = m_a * b_c [[x]] ==h== #t"]
    assert _paragraphs(root) == ["Law:", "where F is a force"]
    div = root.cssselect("div.arithmatex")[0]
    assert len(div) == 0  # no element inside the TeX: no emphasis, link, mark or tag
    assert div.getprevious().text == "Law:" and div.getnext().tag == "p"


def test_display_math_on_a_line_with_text_is_split_out(render):
    root = render(r"text $$\begin{equation}a_1 *b* c_2\end{equation}$$ glued on")
    assert _equations(root) == [r"\begin{equation}a_1 *b* c_2\end{equation}"]
    assert _paragraphs(root) == ["text", "glued on"]
    assert "$" not in root.text_content().replace(r"\[", "")


@pytest.mark.parametrize("prefix", ["> ", "> [!note] Title\n> "])
def test_display_math_in_quote_and_callout(render, prefix):
    root = render(prefix + "$$E = h_f$$\n> after")
    assert _equations(root) == ["E = h_f"]
    container = root.cssselect("blockquote, div.admonition")[0]
    assert container.cssselect("div.arithmatex")
    assert "after" in _paragraphs(container)


def test_multiline_display_math_in_list_item_and_callout(render):
    root = render(
        "- item\n  $$\n  a_b * c_d\n\n  e_f\n  $$\n- next\n\n"
        "> [!info]\n> text\n> $$\n> \\ce{H2O} * x_1\n> $$\n> more"
    )
    assert _equations(root) == ["a_b * c_d e_f", r"\ce{H2O} * x_1"]
    assert root.cssselect("li div.arithmatex") and root.cssselect("div.admonition div.arithmatex")
    assert [" ".join(li.text_content().split())[:4] for li in root.cssselect("li")] == [
        "item",
        "next",
    ]


def test_display_math_with_label_keeps_it_as_tag(render):
    assert _equations(render("$$x = 1$$ (eq1)")) == [r"x = 1\tag{eq1}"]


def test_display_math_in_table_cell_and_heading_is_display_style_inline(render):
    root = render("## Head $$z_1$$\n\n| a |\n| --- |\n| $$x_1$$ |\n")
    spans = [s.text_content() for s in root.cssselect("span.arithmatex")]
    assert spans == [r"\(\displaystyle z_1\)", r"\(\displaystyle x_1\)"]


def test_inline_math_spanning_lines_stays_one_formula(render):
    root = render("a $x\n#y_1$ b")  # `#y` starts a line: Python-Markdown's heading
    assert not root.cssselect("h1")
    assert [s.text_content() for s in root.cssselect("span.arithmatex")] == [r"\(x #y_1\)"]


def test_math_at_the_start_of_a_paragraph_ending_in_a_digit(render):
    root = render("$x_1$ is 1\n\n$$E = m c^2$$ ^eq1")
    assert [s.text_content() for s in root.cssselect("span.arithmatex")] == [r"\(x_1\)"]
    assert _equations(root) == ["E = m c^2"]
    assert root.cssselect('[id="^eq1"]') and "$" not in _paragraphs(root)[0]


def test_prices_and_text_around_display_math_stay_text(render):
    root = render("costs $5 and $6\n$$\nx\n$$\n$7 each")
    assert _equations(root) == ["x"]
    assert _paragraphs(root) == ["costs $5 and $6", "$7 each"]


# Image sizes ---------------------------------------------------------------------------


def _images(root: html.HtmlElement) -> list[tuple[str | None, ...]]:
    return [(i.get("alt"), i.get("width"), i.get("height")) for i in root.cssselect("img")]


def test_image_embed_with_alt_text_and_width(render):
    root = render(
        "![[fig.png|caption text|300]] ![[fig.png|300x200]] ![[fig.png|just alt]]",
        **{"fig.png": b"\x89PNG"},
    )
    assert _images(root) == [
        ("caption text", "300", None),
        ("fig", "300", "200"),
        ("just alt", None, None),
    ]


def test_markdown_image_with_obsidian_width(render):
    root = render(
        "![alt|200](fig.png) ![alt 2|20x30](https://example.org/a.png) ![plain](fig.png)",
        **{"fig.png": b"\x89PNG"},
    )
    assert _images(root) == [("alt", "200", None), ("alt 2", "20", "30"), ("plain", None, None)]
    assert root.cssselect("img")[1].get("src") == "https://example.org/a.png"


# Block ids on their own line -----------------------------------------------------------

BLOCKS = (
    "> a quote\n\n^quote\n\n"
    "> [!tip] Callout\n> tip body\n^callout\n\n"
    "| h1 | h2 |\n| --- | --- |\n| cell | two |\n^table\n\n"
    "- one\n- two\n\n^list\n\n"
    "$$\nE = m c^2\n$$\n^equation\n\n"
    "![[fig.png]] ^image\n\n"
    "See [[#^table|the table]] here.\n"
)
IDS = ("quote", "callout", "table", "list", "equation", "image")


def test_block_ids_on_their_own_line_are_anchors_and_not_shown(render):
    root = render(BLOCKS, **{"fig.png": b"\x89PNG"})
    for block_id in IDS:
        assert len(root.cssselect(f'[id="^{block_id}"]')) == 1, block_id
    for equation in root.cssselect("div.arithmatex"):
        equation.drop_tree()
    assert "^" not in root.text_content()
    assert len(root.cssselect("table tr")) == 2  # the `^table` line is no row
    link = root.xpath("//a[. = 'the table']")[0]
    assert link.get("href") == "#^table"


def test_links_and_embeds_of_own_line_block_ids_reach_the_block(convert_vault):
    links = " ".join(f"[[B#^{block_id}]]" for block_id in IDS)
    docs, report, html_of = convert_vault(
        {
            "B.md": BLOCKS,
            "fig.png": b"\x89PNG",
            "A.md": f"{links}\n\n![[B#^table]]\n\n![[B#^equation]]\n\n![[B#^quote]]\n",
        }
    )
    root = html_of("A.md")
    hrefs = [a.get("href") for a in root.cssselect("p a")][: len(IDS)]
    assert hrefs == [f"B.md#^{block_id}" for block_id in IDS]
    embeds = root.cssselect("div.ofm-embed")
    assert [len(e.cssselect("table td")) for e in embeds] == [2, 0, 0]
    assert _equations(embeds[1]) == ["E = m c^2"]
    assert [e.cssselect("blockquote p")[0].text for e in embeds[2:]] == ["a quote"]
    assert "not found" not in "\n".join(d.message for d in report.diagnostics)


def test_block_id_ending_a_callout_title_marks_the_callout(convert_vault):
    """`> [!satz] Title ^MATG`: Obsidian takes the id for the callout and hides it."""
    docs, report, html_of = convert_vault(
        {
            "M.md": "Intro.\n\n> [!satz] **S1** Laws ^MATG\n> $D = \\epsilon E$\n",
            "A.md": "[[M#^MATG|laws]] and [M1](M.md#^MATG)\n\n![[M#^MATG]]\n",
        }
    )
    box = html_of("M.md").cssselect("div.admonition")[0]
    assert len(box.cssselect('.admonition-title [id="^MATG"]')) == 1
    assert "^" not in box.cssselect(".admonition-title")[0].text_content()
    root = html_of("A.md")
    assert [a.get("href") for a in root.cssselect("p a")][:2] == ["M.md#^MATG"] * 2
    embedded = root.cssselect("div.ofm-embed div.admonition")
    assert [" ".join(e.text_content().split()) for e in embedded] == [
        "S1 Laws \\(D = \\epsilon E\\)"
    ]
    assert "not found" not in "\n".join(d.message for d in report.diagnostics)


def test_caret_glued_to_math_is_text_as_in_obsidian(convert_vault):
    """Obsidian needs a space before a paragraph's `^id` (help, "Link to blocks"), so
    `$U$^UGL` is no id: the reader sees `^UGL`, and a link to it is unresolved."""
    docs, report, html_of = convert_vault(
        {"G.md": "> [!def] Voltage $U_{GL}$^UGL\n> body\n", "A.md": "[[G#^UGL]]\n"}
    )
    title = html_of("G.md").cssselect(".admonition-title")[0]
    assert title.text_content().endswith("^UGL") and not title.cssselect('[id="^UGL"]')
    assert "block ^UGL not found" in "\n".join(d.message for d in report.diagnostics)


def test_fence_with_info_superfences_cannot_read_stays_code(render):
    """```` ```c ++ ````: Obsidian shows code (highlighted by the first word); the fences after
    it still pair up, so later code stays code and `$$IN_PWD` in it is no formula."""
    root = render(
        "```c ++\nconnect(a, b);\n```\n\ntext between\n\n"
        "```\nimages.files = $$files($$IN_PWD/*.png)\nimages.path = $$OUT_PWD/\n```\n\nafter\n"
    )
    codes = [" ".join(c.text_content().split()) for c in root.cssselect("pre code")]
    assert codes == [
        "connect(a, b);",
        "images.files = $$files($$IN_PWD/*.png) images.path = $$OUT_PWD/",
    ]
    assert _paragraphs(root) == ["text between", "after"]
    assert not root.cssselect(".arithmatex")


# Excalidraw ----------------------------------------------------------------------------

# A scene made and compressed by the real lz-string 1.5.0 (`LZString.compressToBase64` under
# node): a rectangle, ellipse, diamond, arrow, freehand stroke, an image placed from the
# scene's files, a text element holding markup, and a deleted text element.
SCENE_LZ = (
    "N4IgLgngDgpiBcIYA8DGBDANgSwCYCd0B3EAGhADcZ8BnbAewDsEAmcmTGAWxkbBoQBtUJFgIQ+GKjDpGAc05kQe"
    "cfiXIEABnIQt5InjAALVpu0gjMbHKNgEARjPkaYfPQDWMAML1M9NYgAxPYAnADs9qgsSgBG6Kjucm4Aroy4Pn4BI"
    "IHoAKy4ABwAZkVKLm6eAOqGJvBsEvSpuIwwNALwItBw8ADMAL7k9FDx2JAOTiCyCt2aA51iiBw4UDRw5CqL6qy55"
    "rrw5ga4xg4s5pbWtggF5uUe3r7+4oEwmj32b7HxiSlpGY+IrlkNGGkj4ZVcd2qR1q9mcEM8AGVIIpELh0DRLLgQH"
    "NwF1xLhsOguEwsessaitvAACwTPYHGpXM5WGx2eDXOEVe6ZJ4sIohGBUqmfBJJRq/B5ZQGMYHoUF2DmQhnwew40T"
    "dSb4NwkMnidCUxy7Bw7fRKnoTc4svQgKD0bB8dqCQTaTQAXVIgjNzpdbqQaQAgpr6ERLOhyRqteDOX8soEzHHNJH"
    "FdDWKq8YgipIYARiEoNiBSuQNPsdKZ6cn4MaLMzLnVzDa7fwhE7SK73Y5SLk3YJjadvQrPNGnvGzImqkqVaR5uqw"
    "Ch5cow3Oi6cS70y8dlQA2JkXVksXLkIpMMAI7AAL26y/zR4AYkTsJg9rDwLO/Tg5MxEJwinOZ8hWSAAB4aFQfBsC"
    "gMAAD4sGoMAAAp7AASgAgB6YDQPAiCAAIADJMIAHRAZACLwxgcBaTCwCIehRy5f5snsGAGIY7FJ1xBZnz/XMwzkJ"
    "g1kIq06RNct2yrHdxnIX9/1wDgYBnXBMKo/BcAEdYaAAERkuSEFcZIYFTdjsC4dA5D4vNsEpT0V1ONdahpcgLRrO"
    "z83vGAAEkwyKexsR9dAoCgJF0BnBBQAobAYCIAAhL5RSaQcghKBLSgGZzOHaUBPOCkAuEMmAABU02UIyTOQqB5C4"
    "8QMvINEZAAVQAJQAGXxQL0HgQzjJgEr5AAbjiVYNypUhsAANQigB5OqiE0ABpABxHiAF5sT6PogA"
)
BANNER = "==⚠  Switch to EXCALIDRAW VIEW in the MORE OPTIONS menu of this document. ⚠=="


def _drawing_note(scene_block: str) -> str:
    return (
        "---\nexcalidraw-plugin: parsed\ntags: [excalidraw]\n---\n"
        f"{BANNER}\n\n# Text Elements\nsome words ^abc\n\n%%\n# Drawing\n{scene_block}\n%%\n"
    )


def _compressed(scene: str) -> str:
    """As the plugin writes it: the base64 text in lines, in a compressed-json fence."""
    lines = "\n\n".join(scene[i : i + 256] for i in range(0, len(scene), 256))
    return f"```compressed-json\n{lines}\n```"


@pytest.mark.parametrize(
    ("compressed", "text"),
    [
        ("BYUwNmD2Q===", "hello"),
        ("OIJwPw+wpgNABIIntDq2nAhgOwCZ0LwbgAPbkBQCOAewGsg=", "Grüße, 漢字 and 😀 — ok"),
        ("IYI17SIo", "ab" * 10),
    ],
)
def test_lz_string_decompress_from_base64_reads_what_lz_string_wrote(compressed, text):
    from obsidian_to_mkdocs.excalidraw import decompress_base64

    assert decompress_base64(compressed) == text


@pytest.mark.parametrize("broken", ["", "BYUw", "!!!!", SCENE_LZ[: len(SCENE_LZ) // 2]])
def test_lz_string_broken_input_is_no_scene(broken):
    from obsidian_to_mkdocs.excalidraw import read_scene
    from obsidian_to_mkdocs.vault import Note

    note = Note("d.excalidraw.md", _drawing_note(_compressed(broken)), 1, {"excalidraw-plugin": 1})
    assert read_scene(note) is None


def _svg_of(img: html.HtmlElement) -> etree._Element:
    src = img.get("src")
    prefix = "data:image/svg+xml;base64,"
    assert src.startswith(prefix)
    return etree.fromstring(base64.b64decode(src[len(prefix) :]))  # well-formed XML


def test_excalidraw_scene_drawn_as_svg_on_its_page_and_where_embedded(convert_vault):
    docs, report, html_of = convert_vault(
        {
            "Drawings/Sketch.excalidraw.md": _drawing_note(_compressed(SCENE_LZ)),
            "A.md": "![[Sketch.excalidraw]]\n\nInline ![[Sketch.excalidraw|250]] here.\n",
        }
    )
    page = html_of("Drawings/Sketch.excalidraw.md")
    embeds = html_of("A.md").cssselect("img.ofm-excalidraw")
    assert [img.get("width") for img in embeds] == [None, "250"]
    for root in (page, html_of("A.md")):
        text = root.text_content()
        assert "EXCALIDRAW VIEW" not in text and "elements" not in text and "N4Ig" not in text
    for img in [*page.cssselect("img.ofm-excalidraw"), *embeds]:
        svg = _svg_of(img)
        ns = {"s": "http://www.w3.org/2000/svg"}
        kinds = [etree.QName(e).localname for e in svg]
        assert kinds == ["rect", "rect", "ellipse", "path", "path", "path", "text", "image"]
        assert svg.xpath("//s:rect", namespaces=ns)[1].get("fill") == "#a5d8ff"
        assert svg.xpath("//s:ellipse", namespaces=ns)[0].get("stroke-dasharray")
        words = ["".join(span.itertext()) for span in svg.xpath("//s:tspan", namespaces=ns)]
        assert words == ['<script>alert(1)</script> & "x"', "line two"]  # text, not markup
        assert not svg.xpath("//s:script", namespaces=ns)
        assert svg.xpath("//s:image", namespaces=ns)[0].get("href").startswith("data:image/png")
    assert not report.diagnostics


def test_excalidraw_exported_svg_is_shown_and_json_scene_read(convert_vault):
    scene = '```json\n{"type": "excalidraw", "elements": [{"type": "ellipse", "x": 0, "y": 0, '
    scene += '"width": 10, "height": 10}, {"type": "freedraw", "x": 0, "y": 0, "points": [[0, 0], '
    scene += '[5, 5]], "strokeStyle": "dashed"}]}\n```'
    docs, _, html_of = convert_vault(
        {
            "x.excalidraw.md": _drawing_note(_compressed(SCENE_LZ)),
            "x.excalidraw.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "y.excalidraw.md": _drawing_note(scene),
            "A.md": "![[x.excalidraw]]\n\n![[y.excalidraw]]\n",
        }
    )
    exported, drawn = html_of("A.md").cssselect("img.ofm-excalidraw")
    assert exported.get("src") == "x.excalidraw.svg" and (docs / "x.excalidraw.svg").is_file()
    assert html_of("x.excalidraw.md").cssselect("img")[0].get("src") == "x.excalidraw.svg"
    svg = _svg_of(drawn)
    assert [etree.QName(e).localname for e in svg] == ["rect", "ellipse", "path"]
    assert svg[2].get("stroke-dasharray") is None  # Excalidraw draws freehand solid


def test_excalidraw_missing_export_is_drawn_from_its_drawing(convert_vault):
    docs, report, html_of = convert_vault(
        {
            "Ex/z.excalidraw.md": _drawing_note(_compressed(SCENE_LZ)),
            "A.md": "![](Ex/z.excalidraw.svg) ![[z.excalidraw.png|120]] ![](Ex/none.svg)\n",
        }
    )
    drawn = html_of("A.md").cssselect("img.ofm-excalidraw")
    assert [img.get("width") for img in drawn] == [None, "120"]
    assert all(img.get("src").startswith("data:image/svg+xml;base64,") for img in drawn)
    assert report.links_unresolved == 1  # only none.svg, which is no drawing's export
