"""Turning parsed notes back into Material-flavoured Markdown."""
