"""Every word the site shows that Material does not translate itself, in the site's language
(`theme.language`): generated pages, backlinks, dates, the 404 page, the graph's scripts and
the default titles of callouts and `ad-` blocks. English is the fallback, word by word."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "dark_mode": "Switch to dark mode",
        "light_mode": "Switch to light mode",
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
        "created": "Created",
        "updated": "Updated",
        "not_found": "404 - Not found",
        "graph_local": "Graph",
        "graph_notes": "notes",
        "graph_links": "links",
        "graph_open": "Full graph",
        "graph_root": "(top level)",
        "graph_other": "other",
        "graph_site": "Graph of the notes",
    },
    "zh": {
        "dark_mode": "切换到深色模式",
        "light_mode": "切换到浅色模式",
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
        "created": "创建于",
        "updated": "更新于",
        "not_found": "404 - 页面不存在",
        "graph_local": "关系图谱",
        "graph_notes": "篇笔记",
        "graph_links": "条链接",
        "graph_open": "完整图谱",
        "graph_root": "（根目录）",
        "graph_other": "其他",
        "graph_site": "笔记关系图谱",
    },
    "de": {
        "dark_mode": "Zum dunklen Modus wechseln",
        "light_mode": "Zum hellen Modus wechseln",
        "backlinks": "Rückverweise",
        "graph": "Graph",
        "tags": "Tags",
        "tags_intro": "Alle Tags, die häufigsten zuerst.",
        "recent": "Neueste Notizen",
        "all_tags": "Alle Tags",
        "graph_link": "Graph aller Notizen",
        "created": "Erstellt",
        "updated": "Aktualisiert",
        "not_found": "404 - Seite nicht gefunden",
        "graph_local": "Graph",
        "graph_notes": "Notizen",
        "graph_links": "Verweise",
        "graph_open": "Ganzer Graph",
        "graph_root": "(oberste Ebene)",
        "graph_other": "andere",
        "graph_site": "Graph der Notizen",
        "canvas": "Canvas",
        "canvas_open": "Canvas öffnen",
        "canvas_help": (
            "Ziehen: verschieben; Rad, zwei Finger, + und −: zoomen; Pfeiltasten; 0: einpassen"
        ),
        "zoom_in": "Vergrößern",
        "zoom_out": "Verkleinern",
        "zoom_fit": "Einpassen",
    },
    "fr": {
        "dark_mode": "Passer au mode sombre",
        "light_mode": "Passer au mode clair",
        "backlinks": "Rétroliens",
        "graph": "Graphe",
        "tags": "Étiquettes",
        "tags_intro": "Toutes les étiquettes, les plus utilisées d’abord.",
        "recent": "Notes récentes",
        "all_tags": "Toutes les étiquettes",
        "graph_link": "Graphe de toutes les notes",
        "created": "Créé le",
        "updated": "Mis à jour le",
        "not_found": "404 - Page introuvable",
        "graph_local": "Graphe",
        "graph_notes": "notes",
        "graph_links": "liens",
        "graph_open": "Graphe complet",
        "graph_root": "(racine)",
        "graph_other": "autres",
        "graph_site": "Graphe des notes",
        "canvas": "Canvas",
        "canvas_open": "Ouvrir le canvas",
        "canvas_help": (
            "Glisser : déplacer ; molette, deux doigts, + et − : zoom ; flèches ; 0 : ajuster"
        ),
        "zoom_in": "Zoom avant",
        "zoom_out": "Zoom arrière",
        "zoom_fit": "Ajuster à l’écran",
    },
    "es": {
        "dark_mode": "Cambiar al modo oscuro",
        "light_mode": "Cambiar al modo claro",
        "backlinks": "Enlaces entrantes",
        "graph": "Grafo",
        "tags": "Etiquetas",
        "tags_intro": "Todas las etiquetas, las más usadas primero.",
        "recent": "Notas recientes",
        "all_tags": "Todas las etiquetas",
        "graph_link": "Grafo de todas las notas",
        "created": "Creado",
        "updated": "Actualizado",
        "not_found": "404 - Página no encontrada",
        "graph_local": "Grafo",
        "graph_notes": "notas",
        "graph_links": "enlaces",
        "graph_open": "Grafo completo",
        "graph_root": "(nivel superior)",
        "graph_other": "otras",
        "graph_site": "Grafo de las notas",
        "canvas": "Lienzo",
        "canvas_open": "Abrir el lienzo",
        "canvas_help": "Arrastrar: mover; rueda, dos dedos, + y −: zoom; flechas; 0: ajustar",
        "zoom_in": "Ampliar",
        "zoom_out": "Reducir",
        "zoom_fit": "Ajustar a la pantalla",
    },
    "ja": {
        "dark_mode": "ダークモードに切り替え",
        "light_mode": "ライトモードに切り替え",
        "backlinks": "バックリンク",
        "graph": "グラフ",
        "tags": "タグ",
        "tags_intro": "すべてのタグ（使用回数の多い順）。",
        "recent": "最近のノート",
        "all_tags": "すべてのタグ",
        "graph_link": "すべてのノートのグラフ",
        "created": "作成日",
        "updated": "更新日",
        "not_found": "404 - ページが見つかりません",
        "graph_local": "グラフ",
        "graph_notes": "件のノート",
        "graph_links": "件のリンク",
        "graph_open": "全体グラフ",
        "graph_root": "（最上位）",
        "graph_other": "その他",
        "graph_site": "ノートのグラフ",
        "canvas": "キャンバス",
        "canvas_open": "キャンバスを開く",
        "canvas_help": "ドラッグで移動、ホイール・ピンチ・+ と − でズーム、矢印キー、0 で全体表示",
        "zoom_in": "拡大",
        "zoom_out": "縮小",
        "zoom_fit": "全体を表示",
    },
}

# Callout types by the family Obsidian styles alike (its aliases), and each family's title.
CALLOUT_FAMILIES = {
    "note": ("note",),
    "abstract": ("abstract", "summary", "tldr"),
    "info": ("info",),
    "todo": ("todo",),
    "tip": ("tip", "hint", "important"),
    "success": ("success", "check", "done"),
    "question": ("question", "help", "faq"),
    "warning": ("warning", "caution", "attention"),
    "failure": ("failure", "fail", "missing"),
    "danger": ("danger", "error"),
    "bug": ("bug",),
    "example": ("example",),
    "quote": ("quote", "cite"),
}
CALLOUT_TITLES: dict[str, tuple[str, ...]] = {  # in CALLOUT_FAMILIES' order
    "zh": ("备注", "摘要", "信息", "待办", "提示", "成功", "问题", "警告", "失败", "危险", "缺陷")
    + ("示例", "引用"),
    "de": ("Notiz", "Zusammenfassung", "Info", "Aufgabe", "Tipp", "Erfolg", "Frage", "Warnung")
    + ("Fehlschlag", "Gefahr", "Fehler", "Beispiel", "Zitat"),
    "fr": ("Note", "Résumé", "Info", "À faire", "Astuce", "Succès", "Question", "Avertissement")
    + ("Échec", "Danger", "Bogue", "Exemple", "Citation"),
    "es": ("Nota", "Resumen", "Información", "Pendiente", "Consejo", "Éxito", "Pregunta")
    + ("Advertencia", "Fallo", "Peligro", "Error", "Ejemplo", "Cita"),
    "ja": ("ノート", "要約", "情報", "TODO", "ヒント", "成功", "質問", "警告", "失敗", "危険")
    + ("バグ", "例", "引用"),
}


def _code(language: str) -> str:
    """`zh`, `zh-Hant`, `zh_TW` share Chinese; the language code alone, lower case."""
    return language.replace("_", "-").split("-")[0].lower()


def labels(language: str) -> dict[str, str]:
    """The words for `language`; a language or word not translated here is English."""
    return {**LABELS["en"], **LABELS.get(_code(language), {})}


def callout_title(kind: str, language: str) -> str:
    """A callout's title when it has none: the type's name in the site's language; in
    English, and for types Obsidian does not know, the type capitalised, as Obsidian shows it."""
    titles = CALLOUT_TITLES.get(_code(language))
    for family, (_, kinds) in zip(titles or (), CALLOUT_FAMILIES.items(), strict=False):
        if kind in kinds:
            return family
    return kind[:1].upper() + kind[1:]
