"""The Markdown extensions the converted pages are written for: the plugin adds them under
MkDocs, the generated Zensical config lists them (zensical_build.py)."""

from __future__ import annotations


def markdown_extensions() -> dict[str, dict]:
    """The Markdown extensions (and settings) the converted pages are written for: callouts
    as admonitions, highlights, math, task lists, heading ids as the converter computes them
    (`toc` with pymdownx's lower-case slugs). A site's own settings of one of them win."""
    from pymdownx.slugs import slugify
    from pymdownx.superfences import fence_code_format

    mermaid = {"name": "mermaid", "class": "mermaid", "format": fence_code_format}
    return {
        **dict.fromkeys(["abbr", "admonition", "attr_list", "def_list", "footnotes"], {}),
        **dict.fromkeys(["md_in_html", "sane_lists", "tables", "pymdownx.betterem"], {}),
        "toc": {"permalink": True, "slugify": slugify(case="lower")},
        "pymdownx.arithmatex": {"generic": True},
        **dict.fromkeys(["pymdownx.caret", "pymdownx.details", "pymdownx.inlinehilite"], {}),
        "pymdownx.highlight": {"anchor_linenums": True},
        **dict.fromkeys(["pymdownx.magiclink", "pymdownx.mark", "pymdownx.tilde"], {}),
        "pymdownx.superfences": {"custom_fences": [mermaid]},
        "pymdownx.tabbed": {"alternate_style": True},
        "pymdownx.tasklist": {"custom_checkbox": True},
    }
