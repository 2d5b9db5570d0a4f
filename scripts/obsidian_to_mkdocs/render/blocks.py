"""Block structure: the markdown-it tree written back as Markdown that Python-Markdown reads
the way Obsidian did (blank lines around blocks, 4 spaces a nesting level, admonitions)."""

from __future__ import annotations

import re

from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from ..context import (
    MAX_EMBED_DEPTH,
    MAX_EMBEDDED_CHARS_PER_PAGE,
    MAX_EMBEDS_PER_PAGE,
    PageContext,
)
from ..excalidraw import is_drawing
from ..labels import callout_title, labels
from ..outline import lone_block_id
from ..parse import build_parser, parse_inline
from ..queries.run import base_embed, query_fence
from ..syntax.adblocks import recognise_ad_block
from ..syntax.callouts import CALLOUT_META
from ..syntax.comments import COMMENT_BLOCK
from ..syntax.tasks import task_status
from ..syntax.wikilinks import WIKILINK, WikiLink
from ..vault import Note, is_canvas
from . import canvas, links, rawhtml
from .admonitions import Admonition
from .escape import html_text, markdown_text
from .inline import block_anchor, rewrite_inline

INDENT = "    "
LISTS = ("bullet_list", "ordered_list")
QUERY_LANGUAGES = {"query", "tasks"}  # shown as written; queries/ runs Dataview and Bases
FENCE_LANGUAGE = re.compile(r"[\w#.+-]+")  # a language superfences reads
# A continuation line that Obsidian shows as an outline item below its paragraph.
OUTLINE_ITEM = re.compile(r"^[ \t]+(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")  # a table cell's `|` not written `\|`


def parse_document(text: str) -> tuple[list[Token], dict]:
    """Block tokens of a note body (or a part of one) and the env (link references) they left."""
    env: dict = {}
    return build_parser().parse(text, env), env


def render_document(
    text: str, ctx: PageContext, parsed: tuple[list[Token], dict] | None = None
) -> list[str]:
    """Markdown lines for a whole note body (or a part of one parsed on its own); `parsed` is
    `parse_document(text)` when the caller needs the tokens too."""
    tokens, env = parsed or parse_document(text)
    rawhtml.mark_unclosed(tokens)
    root = SyntaxTreeNode(tokens)
    lines = _join(_blocks(root.children, ctx))
    references = env.get("references", {})
    if references:
        lines.append("")
        for label, ref in sorted(references.items()):
            title = f' "{ref["title"]}"' if ref.get("title") else ""
            lines.append(f"[{label}]: <{ref['href']}>{title}")
    return lines


def _join(blocks: list[list[str]]) -> list[str]:
    """Blocks separated by one blank line, as Python-Markdown needs around lists and tables."""
    out: list[str] = []
    for block in blocks:
        if not block:
            continue
        if out:
            out.append("")
        out.extend(block)
    return out


def _indent(lines: list[str], prefix: str = INDENT) -> list[str]:
    return [prefix + line if line.strip() else "" for line in lines]


def _line(node: SyntaxTreeNode, ctx: PageContext) -> int:
    return ctx.line_offset + (node.map[0] if node.map else 0)


def _blocks(nodes: list[SyntaxTreeNode], ctx: PageContext) -> list[list[str]]:
    out: list[list[str]] = []
    for previous, node in zip([None, *nodes], nodes, strict=False):
        if previous is not None and node.type == previous.type and node.type in LISTS:
            out.append(["<!-- -->"])  # two lists in Obsidian; Python-Markdown would merge them
        out.append(_block(node, ctx))
    return out


def _block(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    handler = _HANDLERS.get(node.type)
    if handler is not None:
        return handler(node, ctx)
    if node.type == COMMENT_BLOCK:
        return []
    return _join(_blocks(node.children, ctx))


def _paragraph(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    content = node.children[0].content
    line = _line(node, ctx)
    raw_lines = content.split("\n")
    split = next((i for i, text in enumerate(raw_lines) if i and OUTLINE_ITEM.match(text)), None)
    if split is not None:
        head = _paragraph_text("\n".join(raw_lines[:split]), ctx, line)
        outline = _dedent("\n".join(raw_lines[split:]))
        return _join([head, render_document(outline, ctx.sub(line + split - 1))])
    embed = _lone_embed(content)
    if embed is not None and links.extension(embed.target) == "base":
        return base_embed(embed, ctx, line)
    if embed is not None and links.extension(embed.target) in links.NOTE_EXTENSIONS:
        transcluded = transclude(embed, ctx, line, nested=_in_container(node))
        if transcluded is not None:
            return transcluded
    return _paragraph_text(content, ctx, line)


def _paragraph_text(content: str, ctx: PageContext, line: int) -> list[str]:
    """A paragraph's lines; `$$…$$` inside it is display math, which Obsidian shows as an
    equation of its own between the text before and after it, so it is split there."""
    if "$$" in content:
        blocks: list[list[str]] = []
        pos = 0
        for token in parse_inline(content):
            if token.type == "math_inline_double":
                start, end = token.meta["span"]
                blocks.append(_text_part(content, pos, start, ctx, line))
                blocks.append(display_math(token.content))
                pos = end
        if blocks:
            blocks.append(_text_part(content, pos, len(content), ctx, line))
            return _join(blocks)
    return _text_lines(content, ctx, line)


def _text_part(content: str, start: int, end: int, ctx: PageContext, line: int) -> list[str]:
    """The lines of `content[start:end]`, a part of a paragraph that starts on `line`."""
    part = content[start:end]
    start += len(part) - len(part.lstrip())
    return _text_lines(part.strip(), ctx, line + content.count("\n", 0, start))


def _text_lines(content: str, ctx: PageContext, line: int) -> list[str]:
    notes: list[str] = []
    text = rewrite_inline(content, ctx, line, notes)
    out = []
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped.startswith(("#", ">")) or stripped[:2] in ("- ", "+ ", "* "):
            stripped = "\\" + stripped  # Python-Markdown would start a heading, quote or list
        out.append(stripped)
    if not ctx.site.strict_line_breaks:
        out = [text + "  " if i < len(out) - 1 and text else text for i, text in enumerate(out)]
    return _join([[line for line in out if line], notes])


def _dedent(text: str) -> str:
    """Remove the common indentation (a tab counts as 4 columns)."""
    lines = [re.sub(r"^[ \t]+", lambda m: m.group(0).expandtabs(4), t) for t in text.split("\n")]
    width = min((len(t) - len(t.lstrip(" ")) for t in lines if t.strip()), default=0)
    return "\n".join(t[width:] for t in lines)


def _lone_embed(content: str) -> WikiLink | None:
    """The embed that a paragraph consists of, if that is all it holds."""
    content = content.strip()
    if not (content.startswith("![[") and content.endswith("]]")):
        return None  # cheap test first: most paragraphs are not a lone embed
    tokens = parse_inline(content)
    if len(tokens) == 1 and tokens[0].type == WIKILINK and tokens[0].meta["link"].embed:
        return tokens[0].meta["link"]
    return None


def _in_container(node: SyntaxTreeNode) -> bool:
    """Inside a list item or a quote, where Python-Markdown reads no `markdown="1"` HTML."""
    parent = node.parent
    while parent is not None:
        if parent.type in ("list_item", "blockquote"):
            return True
        parent = parent.parent
    return False


def transclude(
    link: WikiLink, ctx: PageContext, line: int, nested: bool = False
) -> list[str] | None:
    """`![[Note]]`, `![[Note#Heading]]`, `![[Note#^id]]` as the embedded content, in a box;
    `![[Board.canvas]]` as a small view of the board, or, `nested` in a list item or quote
    (whose raw HTML Python-Markdown would wrap in a paragraph and break), a link to its page.

    Returns None when the target is no published note (the inline renderer reports it).
    A cycle or a depth past MAX_EMBED_DEPTH becomes a plain link, with a warning.
    """
    site = ctx.site
    found = site.index.resolve_note(link.target, ctx.note.path)
    if found.path is None or not site.published(found.path):
        return None
    plain = WikiLink(link.target, link.anchors, link.alias, False)
    if embed_stops(found.path, link.target, ctx, line):
        return [links.wikilink(plain, ctx, line)]
    note = site.index.notes[found.path]
    if is_drawing(note):
        ctx.inline_source = ""
        return [links.embed_inline(link, ctx, line)]
    if is_canvas(found.path) and nested:
        return [links.wikilink(plain, ctx, line)]
    if is_canvas(found.path):
        ctx.inline_source = ""  # an embed has no sentence around it
        return canvas.canvas_embed(note, ctx, links.wikilink(plain, ctx, line))
    body = embedded_body(note, link.anchors, ctx, line)
    if body is None:
        return [_over_budget(plain, ctx, line)]
    ctx.inline_source = ""  # an embed has no sentence around it
    title = links.wikilink(link, ctx, line)
    return [f'!!! ofm-embed "{title}"', *_indent(body or [markdown_text(note.title)])]


def embed_stops(path: str, target: str, ctx: PageContext, line: int) -> bool:
    """An embed of `path` here would repeat itself (a cycle) or nest too deep: warn."""
    if path in (*ctx.embed_stack, ctx.note.path) or len(ctx.embed_stack) >= MAX_EMBED_DEPTH:
        ctx.warn(line, f"embed of '{target}' stops here (cycle or depth > {MAX_EMBED_DEPTH})")
        return True
    return False


def embedded_body(
    note: Note, anchors: tuple[str, ...], ctx: PageContext, line: int
) -> list[str] | None:
    """The note's text, or the heading's section or the block `anchors` names, rendered into
    the page of `ctx` (links relative to that page, recorded for it); None once the page has
    embedded all it may (EmbedBudget)."""
    ctx.shows_text(note.path)  # its length decides whether it fits the budget too
    body_lines = note.body.split("\n")
    start, end = 0, len(body_lines)
    if anchors:
        outline = ctx.site.outline(note.path)
        wanted = anchors[-1]
        if wanted.startswith("^") and wanted[1:] in outline.block_ids:
            start, end = outline.block_ids[wanted[1:]]
        elif not wanted.startswith("^") and (heading := outline.find_heading(wanted)):
            start = heading.line
            later = [
                h.line for h in outline.headings if h.line > start and h.level <= heading.level
            ]
            end = later[0] if later else len(body_lines)
        else:
            ctx.warn(line, f"'{'#'.join(anchors)}' not found in {note.path}; embedding all")
    text = "\n".join(body_lines[start:end])
    if not ctx.embed_budget.take(len(text)):
        _budget_spent(note.path, ctx)
        return None
    return render_document(text, ctx.child(note, note.body_line + start))


def _budget_spent(target: str, ctx: PageContext) -> None:
    """Warn, once a page, that its embeds stop: naming the page's note and the first left out."""
    budget = ctx.embed_budget
    if not budget.warned:
        budget.warned = True
        host = ctx.embed_stack[0] if ctx.embed_stack else ctx.note.path
        ctx.site.report.warn(
            host,
            None,
            f"embeds stop here: the page embeds more than {MAX_EMBEDS_PER_PAGE} notes or "
            f"{MAX_EMBEDDED_CHARS_PER_PAGE:,} characters (first left out: '{target}')",
        )


def _over_budget(link: WikiLink, ctx: PageContext, line: int) -> str:
    """A link instead of the embed, marked, once the page has embedded all it may."""
    marker = labels(ctx.site.options.language)["embed_budget"]
    return (
        f'{links.wikilink(link, ctx, line)} <em class="ofm-embed-budget">{html_text(marker)}</em>'
    )


def _heading(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    notes: list[str] = []
    text = rewrite_inline(node.children[0].content, ctx, _line(node, ctx), notes, tags=False)
    return _join([["#" * int(node.tag[1]) + " " + " ".join(text.split("\n"))], notes])


def _list(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    out: list[str] = []
    ordered = node.type == "ordered_list"
    tight = all(
        child.children
        and child.children[0].type != "paragraph"
        or not child.children
        or child.children[0].nester_tokens.opening.hidden
        for child in node.children
    )
    after_blocks = False
    for item in node.children:
        marker = f"{item.info or '1'}." if ordered else "-"
        body = _item_body(item, ctx, tight) or [""]
        if out and (not tight or after_blocks):
            out.append("")  # Python-Markdown would read the next item as part of the block
        out.append(f"{marker} {_task_status(item, body[0])}".rstrip())
        out.extend(_indent(body[1:]))
        after_blocks = "" in body
    return out


def _task_status(item: SyntaxTreeNode, first_line: str) -> str:
    """`[/]`, `[-]`, `[>]`, `[?]`…: pymdownx.tasklist knows only `[ ]` and `[x]`, so other
    statuses get the same checkbox markup, checked as Obsidian shows them, with the status
    in `data-task` for CSS."""
    first = item.children[0] if item.children else None
    if first is None or first.type != "paragraph":
        return first_line
    content = first.children[0].content
    status = task_status(content)
    if status is None or not first_line.startswith(content[:3]):
        return first_line
    checkbox = (
        f'<label class="task-list-control ofm-task" data-task="{html_text(status)}">'
        '<input type="checkbox" disabled checked/><span class="task-list-indicator"></span>'
        "</label>"
    )
    return checkbox + first_line[3:]


def _item_body(item: SyntaxTreeNode, ctx: PageContext, tight: bool) -> list[str]:
    """A tight item keeps its text and a following sub-list together; other blocks get a
    blank line before them, as Python-Markdown needs."""
    out: list[str] = []
    previous = None
    for child in item.children:
        lines = _block(child, ctx)
        if not lines:
            continue
        sub_list = child.type in LISTS
        if out and not (tight and sub_list and previous == "paragraph"):
            out.append("")
        out.extend(lines)
        previous = child.type
    return out


def _blockquote(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    callout = node.meta.get(CALLOUT_META)
    body = _join(_blocks(node.children, ctx))
    if callout is not None:
        line = _line(node, ctx) + callout.header_line
        return _admonition(Admonition.of_callout(callout), ctx, line, body)
    return ["> " + text if text else ">" for text in body]


def _admonition(adm: Admonition, ctx: PageContext, line: int, body: list[str]) -> list[str]:
    notes: list[str] = []
    if adm.title:
        title = rewrite_inline(adm.title, ctx, line, notes)
    else:
        title = callout_title(adm.kind, ctx.site.options.language)
    title = " ".join(title.split("\n"))
    body = _join([notes, body])
    return [*adm.open_lines(title), *_indent(body, adm.body_indent), *adm.close_lines()]


def _fence(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    info = node.info.strip()
    language = info.split()[0].lower() if info else ""
    ad_block = recognise_ad_block(info, node.content)
    if ad_block is not None:
        line = _line(node, ctx) + 1 + ad_block.body_line
        body = render_document(ad_block.body, ctx.sub(line))
        return _admonition(Admonition.of_ad_block(ad_block), ctx, line, body)
    result = query_fence(language, node.content, ctx, _line(node, ctx))
    if result is not None:
        return result
    fence = _code_fence(node)
    if language in QUERY_LANGUAGES:
        title = f"{language} query (shown as written; not run on the published site)"
        return [f'!!! ofm-query "{title}"', *_indent(fence)]
    return fence


def _code_fence(node: SyntaxTreeNode) -> list[str]:
    content = node.content[:-1] if node.content.endswith("\n") else node.content
    longest = max((len(run) for run in re.findall(r"`{3,}|~{3,}", content)), default=0)
    marker = node.markup[0] * max(len(node.markup), longest + 1)
    opening = marker + _fence_language(node.info)
    return [opening, *content.split("\n"), marker] if content else [opening, marker]


def _fence_language(info: str) -> str:
    """Obsidian highlights by the info string's first word and ignores the rest. Only that
    word is written: superfences does not open a fence on info it cannot read (```` ```c ++ ````),
    and the fences after it would then pair up wrongly, code becoming text and text code."""
    words = info.split()
    return words[0] if words and FENCE_LANGUAGE.fullmatch(words[0]) else ""


def _code_block(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    content = node.content.rstrip("\n")
    return [INDENT + line if line else "" for line in content.split("\n")]


def _html_block(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    assert node.token is not None  # an html_block is a single token
    return rawhtml.html_block(node.token, ctx)


def _math_block(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    tag = f"\\tag{{{node.info}}}" if node.type == "math_block_label" else ""
    return display_math(node.content + tag)


def display_math(latex: str) -> list[str]:
    """A `$$` block that arithmatex reads whole: it must be one block to Python-Markdown, so
    blank lines go (TeX ignores them in math), and so does the list's or quote's indent."""
    return ["$$", *(line for line in _dedent(latex).split("\n") if line.strip()), "$$"]


def _table(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    rows: list[list[str]] = []
    aligns: list[str] = []
    notes: list[str] = []
    anchor: list[str] = []
    for section in node.children:
        for row in section.children:
            block_id = _block_id_row(row) if row is section.children[-1] else None
            if section.type == "tbody" and block_id is not None:
                anchor = [block_anchor(block_id)]  # `^id` under a table: Obsidian's table id
                continue
            cells = []
            for cell in row.children:
                content = cell.children[0].content if cell.children else ""
                text = rewrite_inline(content, ctx, _line(row, ctx), notes) if content else ""
                cells.append(_escape_pipes(text))
                if section.type == "thead":
                    style = cell.attrs.get("style", "")
                    aligns.append(str(style))
            rows.append(cells)
    delimiter = []
    for style in aligns:
        left, right = "left" in style or "center" in style, "right" in style or "center" in style
        delimiter.append((":" if left else "") + "---" + (":" if right else ""))
    lines = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(delimiter) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return _join([lines, anchor, notes])


def _block_id_row(row: SyntaxTreeNode) -> str | None:
    """The id of a table row that is only `^id` in its first cell."""
    texts = [cell.children[0].content if cell.children else "" for cell in row.children]
    if not texts or any(text.strip() for text in texts[1:]):
        return None
    return lone_block_id(texts[0])


def _escape_pipes(text: str) -> str:
    """Escape `|` outside code spans; Python-Markdown's tables leave code spans alone."""
    if "`" not in text:  # no code span: every unescaped `|` (most cells of a query's table)
        return UNESCAPED_PIPE.sub(r"\\|", text)
    out, in_code, i = [], "", 0
    while i < len(text):
        if text[i] == "`":
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            ticks = text[i : i + run]
            in_code = "" if in_code == ticks else (in_code or ticks)
            out.append(ticks)
            i += run
            continue
        if text[i] == "|" and not in_code and (i == 0 or text[i - 1] != "\\"):
            out.append("\\|")
        else:
            out.append(text[i])
        i += 1
    return "".join(out)


def _hr(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    return ["***"]


def _footnote(node: SyntaxTreeNode, ctx: PageContext) -> list[str]:
    """A `[^label]: text` definition, written where it stood (Python-Markdown takes it there)."""
    body = _join(_blocks(node.children, ctx)) or [""]
    return [f"[^{node.meta['label']}]: {body[0]}", *_indent(body[1:])]


_HANDLERS = {
    "paragraph": _paragraph,
    "heading": _heading,
    "bullet_list": _list,
    "ordered_list": _list,
    "blockquote": _blockquote,
    "fence": _fence,
    "code_block": _code_block,
    "html_block": _html_block,
    "math_block": _math_block,
    "math_block_label": _math_block,
    "table": _table,
    "hr": _hr,
    "footnote_reference": _footnote,
}
