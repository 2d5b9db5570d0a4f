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


def backlinks_sections(pages: list[Page], title: str) -> dict[str, str]:
    """note path -> the section to append to its page, for every page something links to."""
    incoming = incoming_links(pages)
    return {
        page.note.path: backlinks_section(page, incoming[page.note.path], title)
        for page in pages
        if incoming.get(page.note.path)
    }


def with_backlinks(text: str, section: str | None) -> str:
    return text.rstrip("\n") + "\n" + section if section else text
