"""What a reader types but a page does not show joins Zensical's index (issue #24): Zensical
indexes a page's title, text and path, not the note's aliases and tags; finish_zensical_index
adds them to the page's entry after `zensical build`."""

from __future__ import annotations

import json
from urllib.parse import unquote

from obsidian_to_mkdocs.search import finish_zensical_index


def _items(site):
    return json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]


def test_aliases_and_tags_join_the_page_entry(zensical_sample_site):
    """The sample's 用户指南 has the alias "User guide" and the tag 文档 (the shared Zensical
    build of the sample runs finish_zensical_index, as `build --engine zensical` does)."""
    items = {unquote(item["location"]): item for item in _items(zensical_sample_site)}
    names = "<p>User guide · 文档</p>"
    assert items["用户指南/"]["text"].endswith(names)
    assert sum(names in item["text"] for item in items.values()) == 1  # not in its sections


def test_names_are_text_not_markup(tmp_path):
    """An alias is the vault's text: escaped in the index's HTML, as a note's words are."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "笔记").mkdir(parents=True)
    front = "---\nobsidian:\n  aliases:\n  - <img src=x onerror=alert(1)>\ntags: [a&b]\n---\n"
    (docs / "笔记" / "卡片.md").write_text(front + "正文\n", encoding="utf-8")
    (docs / "文件夹.md").mkdir()  # a folder, as a vault may name one
    site.mkdir()
    url = "%E7%AC%94%E8%AE%B0/%E5%8D%A1%E7%89%87/"  # 笔记/卡片/, as Zensical writes it
    items = [
        {"location": url, "title": "卡片", "text": "<p>正文</p>"},
        {"location": url + "#x", "title": "x", "text": ""},
    ]
    (site / "search.json").write_text(json.dumps({"config": {}, "items": items}), "utf-8")
    assert finish_zensical_index(site, docs) == 1
    page, section = _items(site)
    assert page["text"] == "<p>正文</p> <p>&lt;img src=x onerror=alert(1)&gt; · a&amp;b</p>"
    assert section["text"] == ""
