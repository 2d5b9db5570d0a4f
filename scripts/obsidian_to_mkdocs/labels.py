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
        "query_file": "File",
        "query_error": "This {language} query could not be run",
        "query_js": "DataviewJS: shown as written (the published site runs no JavaScript)",
        "query_empty": "No results.",
        "query_date": "Dates as of the build, {date}.",
        "query_fallback": "The {view} view is shown as a table.",
    },
    "zh": {
        "backlinks": "反向链接",
        "graph": "关系图谱",
        "tags": "标签",
        "tags_intro": "全部标签，按使用次数排序。",
        "recent": "最近的笔记",
        "all_tags": "全部标签",
        "graph_link": "全部笔记的关系图谱",
        "query_file": "文件",
        "query_error": "此 {language} 查询无法运行",
        "query_js": "DataviewJS：按原文显示（发布的网站不运行 JavaScript）",
        "query_empty": "没有结果。",
        "query_date": "日期以构建日 {date} 为准。",
        "query_fallback": "{view} 视图以表格显示。",
    },
}


def labels(language: str) -> dict[str, str]:
    """The labels for `language` (`zh`, `zh-Hant`… share Chinese), English otherwise."""
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"])
