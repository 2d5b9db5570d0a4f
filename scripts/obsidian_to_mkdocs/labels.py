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
        "canvas": "Canvas",
        "canvas_open": "Open the canvas",
        "canvas_help": "Drag to move; wheel, pinch or + and − to zoom; arrow keys; 0 to fit",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "zoom_fit": "Fit to screen",
    },
    "zh": {
        "backlinks": "反向链接",
        "graph": "关系图谱",
        "tags": "标签",
        "tags_intro": "全部标签，按使用次数排序。",
        "recent": "最近的笔记",
        "all_tags": "全部标签",
        "graph_link": "全部笔记的关系图谱",
        "canvas": "白板",
        "canvas_open": "打开白板",
        "canvas_help": "拖动以移动；滚轮、双指或 + 与 − 缩放；方向键移动；0 适应屏幕",
        "zoom_in": "放大",
        "zoom_out": "缩小",
        "zoom_fit": "适应屏幕",
    },
}


def labels(language: str) -> dict[str, str]:
    """The labels for `language` (`zh`, `zh-Hant`… share Chinese), English otherwise."""
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"])
