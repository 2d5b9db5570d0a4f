"""Backlinks: every page ends with the published pages that link to or embed it, each with
the sentence around the link, as Obsidian's backlinks pane shows them."""

from __future__ import annotations

from collections import defaultdict

from .render.escape import markdown_text
from .render.page import Page
from .urls import relative_url


def incoming_links(pages: list[Page]) -> dict[str, list[tuple[Page, str]]]:
    """note path -> [(linking page, context)], one entry per linking page, in page order."""
    incoming: dict[str, dict[str, tuple[Page, str]]] = defaultdict(dict)
    for page in pages:
        for record in page.links:
            if record.target != page.note.path:
                incoming[record.target].setdefault(page.path, (page, record.context))
    return {target: list(by_page.values()) for target, by_page in incoming.items()}


def backlinks_section(page: Page, incoming: list[tuple[Page, str]], title: str) -> str:
    """The Markdown appended to `page`; md_in_html keeps it out of the table of contents."""
    lines = ["", '<div class="ofm-backlinks" markdown>', "", f"**{markdown_text(title)}**", ""]
    for source, context in sorted(incoming, key=lambda item: item[0].note.title.casefold()):
        url = relative_url(page.path, source.path)
        item = f"- [{markdown_text(source.note.title)}]({url})"
        if context:
            item += f'<span class="ofm-backlink-context">{markdown_text(context)}</span>'
        lines.append(item)
    lines += ["", "</div>", ""]
    return "\n".join(lines)


def add_backlinks(pages: list[Page], title: str) -> None:
    incoming = incoming_links(pages)
    for page in pages:
        sources = incoming.get(page.note.path)
        if sources:
            page.text = page.text.rstrip("\n") + "\n" + backlinks_section(page, sources, title)
