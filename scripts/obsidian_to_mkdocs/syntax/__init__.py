"""markdown-it-py rules for Obsidian Flavoured Markdown, one module per construct.

Every token a rule pushes carries `meta["span"] = (start, end)`: its place in the inline
source. The renderer rewrites exactly those spans and copies every other character as is,
so code, math, URLs and HTML are never touched.
"""
