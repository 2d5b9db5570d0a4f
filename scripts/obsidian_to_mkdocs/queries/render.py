"""Query results written as plain Material Markdown: tables, lists, task lists, card grids;
a query that fails becomes a visible error box in the site's language, reported file:line.

Links in results are written like any link but are not recorded for backlinks or the graph:
Obsidian does not count query results as links.
"""

from __future__ import annotations

import dataclasses
import re

from ..context import PageContext
from ..labels import labels
from ..render.escape import html_text, markdown_text
from ..render.links import unresolved
from .expressions import QueryError
from .results import Result
from .values import Link, Value, to_text

DATED = re.compile(r"\b(?:today|now)\b", re.IGNORECASE)
INDENT = "    "


def words(ctx: PageContext) -> dict[str, str]:
    return labels(ctx.site.options.language)


def detached(ctx: PageContext) -> PageContext:
    """A context whose links and tags are not the page's: query results are no backlinks."""
    return dataclasses.replace(ctx, links=[], tags=[])


def value_markdown(value: Value, ctx: PageContext, *, in_table: bool = False) -> str:
    """One value as inline Markdown (links resolved, text read as Markdown like Dataview)."""
    if value is None:
        return "-"
    if isinstance(value, Link):
        return link_markdown(value, ctx)
    if isinstance(value, list):
        items = [value_markdown(v, ctx, in_table=in_table) for v in value]
        if not items:
            return "-"
        if len(items) == 1:
            return items[0]
        return "<br>".join(items) if in_table else ", ".join(items)
    if isinstance(value, str):
        return _markdown_string(value, ctx)
    return markdown_text(to_text(value))


def _markdown_string(text: str, ctx: PageContext) -> str:
    flat = " ".join(text.split("\n"))
    if not flat.strip():
        return "-"
    return inline_markdown(flat, ctx, ctx.line_offset)


def inline_markdown(text: str, ctx: PageContext, line: int) -> str:
    """Note text (a field, a task) rewritten like the note's own paragraphs; the links in it
    are not the page's own (no backlinks)."""
    from ..render.inline import TRIGGERS, rewrite_inline  # which imports queries for `= expr`

    if TRIGGERS.isdisjoint(text):
        return text  # no Obsidian syntax: the rewrite would return it as it is
    return rewrite_inline(text, detached(ctx), line, [])


def link_markdown(link: Link, ctx: PageContext) -> str:
    site = ctx.site
    if not link.resolved or not site.published(link.path):
        return unresolved(link.display or link.path, "Unresolved link")
    text = link.display or site.index.notes[link.path].title
    return f"[{markdown_text(text)}]({ctx.note_url(link.path)})"


def result_lines(result: Result, ctx: PageContext, *, dated: bool = False) -> list[str]:
    """The Markdown of a result, in a `div` the CSS and tests can find."""
    word = words(ctx)
    if result.kind == "table":
        body = _tables(result, ctx)
    elif result.kind == "cards":
        body = _cards(result, ctx)
    elif result.kind == "task":
        body = _tasks(result, ctx)
    else:
        body = _lists(result, ctx)
    if not result.count or not result.headers and result.kind == "table":
        body = [f"*{word['query_empty']}*"]
    if result.fallback:
        body = [
            f"*{markdown_text(word['query_fallback'].format(view=result.fallback))}*",
            "",
            *body,
        ]
    if dated:
        note = html_text(word["query_date"].format(date=ctx.site.properties.today.isoformat()))
        body += ["", f'<small class="ofm-query-date">{note}</small>']
    return [
        f'<div class="ofm-query-result ofm-query-{result.kind}" markdown="1">',
        "",
        *body,
        "",
        "</div>",
    ]


def _tables(result: Result, ctx: PageContext) -> list[str]:
    out: list[str] = []
    for group in result.groups:
        if group.key is not None:
            out += [f"**{value_markdown(group.key, ctx)}**", ""]
        header = "| " + " | ".join(_cell(markdown_text(h)) or " " for h in result.headers) + " |"
        lines = [header, "| " + " | ".join("---" for _ in result.headers) + " |"]
        for row in group.rows:
            cells = [_cell(value_markdown(v, ctx, in_table=True)) for v in row]
            lines.append("| " + " | ".join(cells) + " |")
        if result.summaries is not None and group is result.groups[-1]:
            cells = [
                _cell(value_markdown(v, ctx, in_table=True)) if v is not None else " "
                for v in result.summaries
            ]
            lines.append("| " + " | ".join(cells) + " |")
        out += [*lines, ""]
    return out[:-1]


def _cell(text: str) -> str:
    """Text safe in a table cell; most cells have no `|`, and escaping walks every character."""
    from ..render.blocks import _escape_pipes

    return _escape_pipes(text) if "|" in text else text


def _lists(result: Result, ctx: PageContext) -> list[str]:
    out: list[str] = []
    for group in result.groups:
        nested = group.key is not None
        if nested:
            out.append(f"- {value_markdown(group.key, ctx)}")
        for row in group.rows:
            text = ": ".join(value_markdown(v, ctx) for v in row) if row else "-"
            out.append(f"{INDENT if nested else ''}- {text}")
    return out


def _tasks(result: Result, ctx: PageContext) -> list[str]:
    out: list[str] = []
    for group in result.groups:
        if group.key is not None:
            out += [value_markdown(group.key, ctx), ""]
        for task in group.tasks:
            note = ctx.site.index.notes.get(task["path"], ctx.note)
            inner = dataclasses.replace(ctx, note=note)
            text = inline_markdown(task["text"], inner, task["line"])
            status = task["status"]
            box = "[x]" if status in ("x", "X") else "[ ]"
            out.append(f"- {box} {text}")
        out.append("")
    return out[:-1]


def _cards(result: Result, ctx: PageContext) -> list[str]:
    out = ['<div class="grid cards ofm-base-cards" markdown="1">', ""]
    for group in result.groups:
        for row in group.rows:
            image = row[result.image] if result.image is not None else None
            title, *rest = [v for i, v in enumerate(row) if i != result.image] or [None]
            picture = _image(image, ctx)
            heading = f"**{value_markdown(title, ctx)}**"
            out += [f"-   {picture}", "", f"    {heading}"] if picture else [f"-   {heading}"]
            headers = [h for i, h in enumerate(result.headers) if i != result.image][1:]
            for name, value in zip(headers, rest, strict=False):
                out += ["", f"    {markdown_text(name)}: {value_markdown(value, ctx)}"]
            out.append("")
    return [*out, "</div>"]


def _image(value: Value, ctx: PageContext) -> str:
    """A card's picture: an attachment (`[[cover.png]]`, a path) or a web address."""
    if isinstance(value, list):
        value = value[0] if value else None
    target = value.path if isinstance(value, Link) and not value.resolved else value
    if not isinstance(target, str) or not target.strip():
        return ""
    target = target.strip().removeprefix("[[").removesuffix("]]")
    if re.match(r"^https?://", target):
        return f"![]({target.replace(')', '%29').replace(' ', '%20')})"
    found = ctx.site.index.resolve_file(target, ctx.note.path)
    if found.path is None:
        return ""
    ctx.use_attachment(found.path)
    return f"![]({ctx.url_to(found.path)})"


def error_lines(
    language: str, source: str, error: QueryError, ctx: PageContext, line: int
) -> list[str]:
    """The visible error box, and the problem in the report at the query's file line."""
    offset = min(error.offset or 0, len(source.rstrip()))  # "the end" is on the last line
    at = line + 1 + source.count("\n", 0, offset)
    ctx.warn(at, f"{language} query not run: {error}")
    title = words(ctx)["query_error"].format(language=language).replace('"', "'")
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", source))])
    return [
        f'!!! failure ofm-query-error "{title}"',
        "",
        INDENT + markdown_text(str(error)),
        "",
        f"{INDENT}{fence}text",
        *(INDENT + t if t else "" for t in source.rstrip("\n").split("\n")),
        f"{INDENT}{fence}",
    ]


def dated(source: str) -> bool:
    return bool(DATED.search(source))
