"""Task statuses beyond `[ ]` and `[x]`: `[/]`, `[-]`, `[>]`, `[?]`… (themes and plugins give
each its own look)."""

from __future__ import annotations


def task_status(item_text: str) -> str | None:
    """The status character of a list item's text that starts `[c] ` (or is just `[c]`), for
    any `c` other than the two checkboxes Python-Markdown knows (` `, `x`/`X`); else None."""
    if item_text[:1] != "[" or item_text[2:4] not in ("] ", "]"):
        return None
    status = item_text[1:2]
    return None if status in " xX" or not status.strip() else status
