"""Publish an Obsidian vault as a Material for MkDocs site.

The pipeline lives in `pipeline.py`: scan the vault, read notes and front matter, build the
vault index, render each published note to Material-flavoured Markdown, write tag pages,
write `docs/` (manifest, atomic writes).
"""

from .options import Options
from .pipeline import convert
from .report import Report
from .version import __version__

__all__ = ["Options", "Report", "convert", "__version__"]
