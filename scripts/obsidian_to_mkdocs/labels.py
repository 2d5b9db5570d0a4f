"""Words the converter writes on generated pages, in the site's language (`theme.language`)."""

from __future__ import annotations

LABELS = {
    "en": {
        "backlinks": "Backlinks",
        "graph": "Graph",
        "tags": "Tags",
        "tags_intro": "All tags, most used first.",
        "recent": "Recent notes",
        "all_tags": "All tags",
        "graph_link": "Graph of all notes",
        "embed_budget": "(not embedded: this page already embeds as much as a page may)",
    },
    "zh": {
        "backlinks": "反向链接",
        "graph": "关系图谱",
        "tags": "标签",
        "tags_intro": "全部标签，按使用次数排序。",
        "recent": "最近的笔记",
        "all_tags": "全部标签",
        "graph_link": "全部笔记的关系图谱",
        "embed_budget": "（未嵌入：本页嵌入的内容已达上限）",
    },
}


def labels(language: str) -> dict[str, str]:
    """The labels for `language` (`zh`, `zh-Hant`… share Chinese), English otherwise."""
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"])
