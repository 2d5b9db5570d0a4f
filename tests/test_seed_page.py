"""The seed note renders as Obsidian's reading view shows it (issue #3, points 1-11).

Built once with the real MkDocs + Material and the project's mkdocs.yml; checked with lxml.
"""

from __future__ import annotations

import re

import pytest

from .conftest import article

SEED = "OpenAI DevDay 2023/"


@pytest.fixture(scope="module")
def seed(sample_site):
    """The seed note's own content: the backlinks section (other notes' words) removed."""
    content = article(sample_site, SEED)
    for backlinks in content.cssselect(".ofm-backlinks"):
        backlinks.getparent().remove(backlinks)
    return content


def _text(element) -> str:
    return element.text_content()


def test_tags_are_links_to_their_tag_pages_never_headings(seed):
    tags = {a.text_content(): a.get("href") for a in seed.cssselect("a.ofm-tag")}
    for tag in ("GPT", "新产品", "商业数据", "竞争战略", "认知观点", "行业研究"):
        assert tags[f"#{tag}"].startswith("../tags/"), tag
    headings = " ".join(_text(h) for h in seed.cssselect("h1, h2, h3, h4, h5, h6"))
    assert "#" not in headings and "GPT" not in headings.replace("OpenAI DevDay 2023", "")


def test_tag_pages_exist_and_list_the_note(sample_site):
    from urllib.parse import unquote

    from .conftest import article as art

    for tag in ("gpt", "新产品", "认知观点"):
        listing = art(sample_site, f"tags/{tag}/")
        assert "OpenAI DevDay 2023" in _text(listing)
    seed_links = art(sample_site, SEED).cssselect("a.ofm-tag")
    for link in seed_links:
        assert (
            sample_site / "OpenAI DevDay 2023" / unquote(link.get("href")) / "index.html"
        ).is_file()


def _item(seed, starts_with: str):
    for li in seed.cssselect("li"):
        own = (li.text or "") + "".join(
            (c.text_content() if c.tag not in ("ul", "ol") else "") + (c.tail or "") for c in li
        )
        if own.strip().startswith(starts_with):
            return li
    raise AssertionError(f"no list item starting with {starts_with!r}")


def test_tab_indented_list_after_paragraph_keeps_three_levels(seed):
    top = _item(seed, "GPT-4 turbo")
    second = _item(seed, "更长的上下文")
    third = _item(seed, "对比：")
    assert second in top.cssselect("ul > li") and third in second.cssselect("ul > li")
    assert top.getparent().getparent().tag != "li"  # GPT-4 turbo is a top-level item


def test_lists_after_tag_lines_are_lists(seed):
    assert _item(seed, "2百万开人员").getparent().tag == "ul"
    assert _item(seed, "2023年：").getparent().tag == "ul"
    assert _item(seed, "2024年：").getparent() is _item(seed, "2023年：").getparent()


def test_outline_items_under_paragraph_are_a_list(seed):
    paragraph = next(p for p in seed.cssselect("p") if _text(p).startswith("关于创业机会"))
    assert "之前" not in _text(paragraph)
    before, now = _item(seed, "之前，把业务流程"), _item(seed, "现在，复杂的编排")
    assert before.getparent() is now.getparent()
    not_done = _item(seed, "OpenAI不做的东西")
    assert [_text(li) for li in not_done.cssselect("ul > li")] == [
        "陪伴类Agent；",
        "开源模型、低成本模型；",
        "游戏",
    ]


def test_question_callout_with_title_and_highlight(seed):
    admonitions = seed.cssselect("div.admonition.question")
    titles = [_text(a.cssselect(".admonition-title")[0]) for a in admonitions]
    assert "为什么OpenAI要自己下场做服务？" in titles
    callout = admonitions[titles.index("为什么OpenAI要自己下场做服务？")]
    assert [_text(m) for m in callout.cssselect("mark")] == ["“卡住生态位”"]


def test_ad_block_with_trailing_space_is_a_question_admonition(seed):
    admonitions = seed.cssselect("div.admonition.question")
    body = next(a for a in admonitions if "如何看待" in _text(a))
    assert not body.cssselect("pre, code")
    assert len(body.cssselect("p")) >= 3  # Markdown paragraphs, not one code block
    assert "ad-question" not in _text(seed)


def test_highlight_and_bold(seed):
    marks = [_text(m) for m in seed.cssselect("mark")]
    assert "数据清洗的质量很重要；旧知识的遗忘问题" in marks
    strong = [_text(s) for s in seed.cssselect("strong")]
    assert "上下文输入每个 token 都是要钱的" in strong


def test_missing_image_embed_is_visibly_unresolved(seed):
    missing = seed.cssselect(".ofm-unresolved")
    assert any("Pasted image 20231108223845.png" in _text(m) for m in missing)
    assert not seed.cssselect("img[src*='Pasted']")


def test_no_raw_obsidian_syntax_in_visible_text(seed):
    visible = _text(seed)
    for raw in ("[[", "]]", "![[", "[!question]", "==", "%%", "```", "ad-question"):
        assert raw not in visible, raw
    assert not re.search(
        r"(^|\s)#[^\s#]",
        visible.replace("#GPT", "")
        .replace("#新产品", "")
        .replace("#商业数据", "")
        .replace("#竞争战略", "")
        .replace("#认知观点", "")
        .replace("#行业研究", ""),
    )


def test_long_links_keep_query_strings_and_bare_url_is_a_link(seed):
    hrefs = [a.get("href") for a in seed.cssselect("a")]
    assert any(
        h.startswith("https://www.bilibili.com/video/BV1HN411G7cb/?buvid=")
        and h.endswith("vd_source=d1bb772abb5877020a74cd9ed323692a")
        and "mid=nv3eR4SSGFlViRxfNniBeg%3D%3D" in h
        for h in hrefs
    )
    assert any("hybrid_search_extra=%7B%22sourceType%22%3A%22answer%22" in h for h in hrefs)
    assert "https://platform.openai.com/docs/assistants/overview" in hrefs


def test_prices_stay_text_not_math(seed):
    assert not seed.cssselect(".arithmatex")
    visible = _text(seed)
    assert "$0.01 / 1K tokens" in visible and "$1.28" in visible and "$0.00765" in visible
