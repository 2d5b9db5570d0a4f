"""Publish an Obsidian vault as a Material for MkDocs site.

The pipeline lives in `pipeline.py`: scan the vault, read notes and front matter, build the
vault index, render each published note to Material-flavoured Markdown, write tag pages,
write `docs/` (manifest, atomic writes).
"""

from .options import Options
from .pipeline import convert
from .report import Report

__version__ = "0.1.0"
__all__ = ["Options", "Report", "convert", "__version__"]
