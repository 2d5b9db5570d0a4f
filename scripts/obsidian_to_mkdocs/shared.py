"""Names the Python side and the theme (templates, JavaScript) share, in one place."""

from __future__ import annotations

from pathlib import Path

# The theme this package ships (templates, CSS, JavaScript, vendored libraries): the plugin
# adds it to Material's template folders, as Material's own plugins add theirs.
THEME_DIR = Path(__file__).resolve().parent / "theme"
