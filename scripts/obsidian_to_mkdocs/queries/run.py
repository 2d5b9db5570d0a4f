"""Where queries meet the page renderer: `dataview`, `dataviewjs` and `base` fences, inline
`= expression`s, `![[X.base#View]]` embeds and the page of a `.base` file."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable

from ..context import PageContext
from ..render.escape import html_text, markdown_text
from ..syntax.wikilinks import WikiLink
from .bases import Base, parse_base, run_view
from .dql import parse_query, run_query
from .evaluate import Scope
from .expressions import QueryError, parse_expression
from .properties import PropertiesIndex
from .render import INDENT, dated, error_lines, result_lines, value_markdown, words

LANGUAGES = ("dataview", "dataviewjs", "base")
MARKERS = ("```dataview", "~~~dataview", "```base", "~~~base", ".base", "`=")


def _index(ctx: PageContext) -> PropertiesIndex:
    """The conversion's properties index; rendering outside a conversion (a tool, a test)
    gets one of the notes it has, without file sizes or dates."""
    if ctx.site.properties is None:
        ctx.site.properties = PropertiesIndex(ctx.site.index, {}, dict, dt.date.today(), lambda: "")
    return ctx.site.properties


def has_query(body: str) -> bool:
    """Whether a note may run a query (cheap: decides whether to build the index early)."""
    return any(marker in body for marker in MARKERS)


def query_fence(language: str, source: str, ctx: PageContext, line: int) -> list[str] | None:
    """A query fence as its result (or an error box); None for languages not run here."""
    if language not in LANGUAGES:
        return None
    if language == "dataviewjs":
        return _static_js(source, ctx)
    ctx.reads.add("properties")
    if language == "base":
        return guarded(lambda: base_views(parse_base(source), ctx, None, source), ctx, line, source)

    def dataview() -> list[str]:
        query = parse_query(source)
        result = run_query(query, _index(ctx), ctx.note.path, words(ctx)["query_file"])
        return result_lines(result, ctx, dated=dated(source))

    return guarded(dataview, ctx, line, source, "dataview")


def guarded(
    draw: Callable[[], list[str]], ctx: PageContext, line: int, source: str, language: str = "base"
) -> list[str]:
    """The lines `draw` makes, or the error box of the query problem it met: one bad query
    costs only itself."""
    try:
        return draw()
    except QueryError as error:
        return error_lines(language, source, error, ctx, line)
    except RecursionError:
        return error_lines(language, source, QueryError("query is nested too deeply"), ctx, line)


def _static_js(source: str, ctx: PageContext) -> list[str]:
    title = words(ctx)["query_js"].replace('"', "'")
    content = source.rstrip("\n")
    longest = max((len(run) for run in content.split("\n") if set(run) == {"`"}), default=0)
    fence = "`" * max(3, longest + 1)
    body = [f"{fence}js", *content.split("\n"), fence]
    return [f'!!! ofm-query "{title}"', "", *(INDENT + t if t else "" for t in body)]


def inline_query(code: str, ctx: PageContext, line: int) -> str | None:
    """`= this.field` in inline code: its value, or a marked error; None if not a query."""
    if not code.startswith("=") or code.startswith("=="):
        return None
    ctx.reads.add("properties")
    source = code[1:].strip()
    try:
        value = Scope(_index(ctx), ctx.note.path).evaluate(
            parse_expression(source), _index(ctx).rows.get(ctx.note.path, {})
        )
    except (QueryError, RecursionError) as error:
        ctx.warn(line, f"inline query not run: {error}")
        title = words(ctx)["query_error"].format(language="dataview")
        return f'<span class="ofm-query-error" title="{html_text(title)}">`{code}`</span>'
    return value_markdown(value, ctx)


def base_embed(link: WikiLink, ctx: PageContext, line: int) -> list[str]:
    """`![[Books.base#View]]` as that view (all views as tabs without `#View`)."""
    ctx.reads.add("properties")
    found = ctx.site.index.resolve_file(link.target, ctx.note.path)
    if found.path is None:
        error = QueryError(f"base '{link.target}' not found")
        return error_lines("base", f"![[{link.target}]]", error, ctx, line - 1)
    try:
        text = (ctx.site.options.vault / found.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return error_lines("base", found.path, QueryError(str(exc)), ctx, line - 1)
    wanted = link.anchors[-1] if link.anchors else None
    return guarded(lambda: base_views(parse_base(text), ctx, wanted, text), ctx, line - 1, text)


def base_views(base: Base, ctx: PageContext, wanted: str | None, source: str) -> list[str]:
    views = [v for v in base.views if wanted is None or v.name == wanted] or base.views[:1]
    show_tabs = len(views) > 1
    out: list[str] = []
    for view in views:
        result = run_view(base, view, _index(ctx), ctx.note.path)
        lines = result_lines(result, ctx, dated=dated(source))
        if show_tabs:
            title = markdown_text(view.name).replace('"', "'")
            out += [f'=== "{title}"', "", *(INDENT + t if t else "" for t in lines), ""]
        else:
            out += lines
    return out


def base_page_path(path: str) -> str:
    """docs path of a `.base` file's own page: beside it, `Name.base.md` (links.py too)."""
    return path + ".md"


def base_title(path: str) -> str:
    return posixpath.basename(path).removesuffix(".base")
