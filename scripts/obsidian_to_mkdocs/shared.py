"""Names the Python side and the theme (templates, JavaScript) share, in one place.

The plugin hands them to the templates as `config.extra.ofm` (`theme_settings`); main.html
writes them into the page as JSON (`#ofm-settings`) for the scripts. The templates' and
scripts' own fallbacks, for builders that run no plugin (Zensical), are these defaults.
"""

from __future__ import annotations

from pathlib import Path

from .labels import labels

# The theme this package ships (templates, CSS, JavaScript, vendored libraries): the plugin
# adds it to Material's template folders, as Material's own plugins add theirs.
THEME_DIR = Path(__file__).resolve().parent / "theme"
GRAPH_JSON = "assets/ofm/graph.json"  # nodes and links, written by the converter (graph.py)
GRAPH_PAGE = "graph.md"  # the site-wide graph
TAGS_DIR = "tags"  # the default folder of the tag pages (`tags_dir` option)
# The attributes of a missing embed's span: the theme marks it (ofm.css), search leaves its file
# name out (it is no text of the note).
MISSING_EMBED_ATTRS = 'class="ofm-unresolved ofm-embed-missing" data-search-exclude'
# Pages and sub-folders a folder shows in the navigation (theme/partials/nav-item.html); a
# note heading a bigger folder gets the full listing appended (sections.py).
NAV_WINDOW = 15
# The words the theme's scripts show (graph.js); the templates' words are `labels` too.
SCRIPT_WORDS = ("local", "notes", "links", "open", "root", "other", "site")


def theme_settings(tags_dir: str, language: str) -> dict:
    """What the templates read as `config.extra.ofm` and the scripts as `#ofm-settings`."""
    words = labels(language)
    return {
        "tags_dir": tags_dir,
        "graph_json": GRAPH_JSON,
        "nav_window": NAV_WINDOW,
        "words": words,
        "script_words": {key: words[f"graph_{key}"] for key in SCRIPT_WORDS},
    }
