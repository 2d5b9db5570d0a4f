"""Ranking, snippets and highlights of the search box under MkDocs (issue #24), on a small
vault built with the project's mkdocs.yml and searched in headless Chromium.

Each note is shaped after a miss seen on a real vault: a page that only mentions a name
outranked the page named by it; a compound of two indexed words missed the page that has
both; the snippet showed a paragraph's first 25 lines, not the matching sentence; the match
highlight took the CJK comma after an English word.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import write_vault

from .conftest import SearchBox, build_site
from .zensical_search import ZensicalSearchBox, open_shadow_roots

MENTIONS = "\n".join(f"- 第{i}项：用 Quicker 打开第{i}个面板，Quicker 很快。" for i in range(1, 26))
LINES = "\n".join(f"清单第{i}行的普通内容。" for i in range(1, 26))
VAULT = {
    # named by the query, says little
    "Quicker.md": "---\naliases: [快捷动作]\n---\nWindows 上的效率软件。\n",
    # mentions it 50 times, and its title names it among other words
    "Quicker 使用技巧.md": f"{MENTIONS}\n",
    # every word of "人类反馈增强学习", once each
    "RLHF.md": "利用人类反馈来指导智能体的增强学习方法。\n",
    # the title's word and many of the compound's words, but not 人类反馈
    "学习方法.md": "# 学习方法\n\n" + "学习要增强记忆。" * 10 + "\n",
    # the matching sentence after 25 lines of the same paragraph
    "长笔记.md": f"## 第一节\n\n{LINES}\n最后一句提到了火龙果的种植方法。\n",
    # an English word before a CJK comma; a missing image, with and without alt text
    "标点.md": "我用Obsidian，也用纸笔。\n\n![[不存在的甘蔗图.png]]\n\n![[丢失.png|荔枝的图注]]\n",
}


@pytest.fixture(scope="module")
def ranking_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-ranking")
    return build_site(write_vault(root / "vault", VAULT), root / "out")


def test_missing_embeds_leave_no_words_in_the_index(ranking_site):
    """The file name or alt text a missing embed shows is not text of the note."""
    index = (ranking_site / "search" / "search_index.json").read_text(encoding="utf-8")
    text = json.loads(index)
    everything = json.dumps(text["docs"], ensure_ascii=False).replace("\u200b", "")
    assert "纸笔" in everything  # the page is indexed ...
    assert "甘蔗" not in everything and "荔枝" not in everything  # ... its missing embeds not


def test_each_page_entry_carries_its_names(ranking_site):
    docs = json.loads((ranking_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    entry = next(doc for doc in docs if doc["location"] == "Quicker/")
    assert entry["names"] == ["Quicker", "快捷动作"]  # the file name and its alias


@pytest.mark.browser
def test_the_page_named_by_the_query_comes_first(page, serve, ranking_site):
    box = SearchBox(page, serve(ranking_site).url)
    assert box.search("Quicker")[:2] == ["Quicker/", "Quicker 使用技巧/"]
    assert box.search("快捷动作")[:1] == ["Quicker/"]  # an alias names it too


@pytest.mark.browser
def test_a_compound_finds_the_page_with_all_its_words(page, serve, ranking_site):
    box = SearchBox(page, serve(ranking_site).url)
    assert box.search("人类反馈增强学习")[:1] == ["RLHF/"]


def _first_result_texts(page) -> list[str]:
    """The text under each heading of the first result (the page, then its sections)."""
    articles = page.locator("li.md-search-result__item").first.locator("article")
    htmls = articles.evaluate_all("els => els.map(e => e.innerHTML)")
    return [
        re.sub(r"<h[12]>.*?</h[12]>|<[^>]+>", "", h).replace("\u200b", "").strip() for h in htmls
    ]


@pytest.mark.browser
def test_the_snippet_starts_at_the_matching_sentence(page, serve, ranking_site):
    box = SearchBox(page, serve(ranking_site).url)
    assert box.search("火龙果")[:1] == ["长笔记/"]
    texts = [text for text in _first_result_texts(page) if "火龙果" in text]
    assert texts and texts[0].startswith("… 最后一句提到了火龙果"), texts
    assert "清单第1行" not in texts[0]


@pytest.mark.browser
def test_the_highlight_covers_the_word_only(page, serve, ranking_site):
    box = SearchBox(page, serve(ranking_site).url)
    assert box.search("Obsidian")[:1] == ["标点/"]
    marks = page.locator("li.md-search-result__item mark").all_inner_texts()
    assert marks and set(marks) == {"Obsidian"}, marks


@pytest.mark.browser
def test_zensical_finds_a_note_by_its_alias(browser, serve, zensical_sample_site):
    """Zensical's own search works beside our worker script (which ranks Material's results
    only: ranking Zensical's made its worker fail, "Search is unavailable"), and the sample's
    用户指南, also called "User guide", is among the results."""
    context = browser.new_context(locale="zh-CN", service_workers="block")
    open_shadow_roots(context)
    try:
        box = ZensicalSearchBox(context.new_page(), serve(zensical_sample_site).url)
        assert "用户指南/" in box.search("User guide")[:5]
    finally:
        context.close()
