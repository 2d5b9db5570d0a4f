"""Dataview's query language: `LIST`, `TABLE`, `TASK` with `FROM`, `WHERE`, `SORT`,
`GROUP BY`, `FLATTEN` and `LIMIT`, parsed into a Query and run over the properties index."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from .evaluate import Scope
from .expressions import Expr, Parser, QueryError
from .properties import PropertiesIndex
from .results import Group, Result
from .values import Link, Value, equal, sort_key, to_text, truthy

CLAUSES = {"from", "where", "sort", "group", "flatten", "limit"}
COMMENT = re.compile(r"^[ \t]*//.*$", re.MULTILINE)
MAX_ROWS = 10_000  # a result longer than this is cut (a table of every task of a large vault)


@dataclass
class Query:
    kind: str  # list, table, task
    without_id: bool = False
    columns: list[tuple[Expr, str]] = field(default_factory=list)  # expression, header
    source: Expr | None = None
    calendar: bool = False  # drawn as a table, saying so
    steps: list[tuple] = field(default_factory=list)  # (clause, ...) in written order


def parse_query(text: str) -> Query:
    """A DQL query; QueryError names the first problem and where it is. Lines starting with
    `//` are comments; a CALENDAR query is read as a table of its date (we draw no calendar)."""
    text = COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    parser = Parser(text)
    lexer = parser.lexer
    head = lexer.next()
    kind = head.text.lower()
    if head.kind != "ident" or kind not in ("list", "table", "task", "calendar"):
        raise QueryError("a query starts with LIST, TABLE or TASK", head.pos)
    query = Query("table" if kind == "calendar" else kind, calendar=kind == "calendar")
    if _word(parser) == "without":
        lexer.next()
        if _word(parser) != "id":
            raise QueryError("expected ID after WITHOUT", lexer.peek().pos)
        lexer.next()
        query.without_id = True
    if kind in ("list", "table", "calendar") and not _at_clause(parser):
        while True:
            start = lexer.peek().pos
            expr = parser.expression()
            name = text[start : lexer.pos if lexer._peeked is None else lexer._peeked.pos].strip()
            if _word(parser) == "as":
                lexer.next()
                alias = lexer.next()
                name = str(alias.value) if alias.kind == "str" else alias.text
            query.columns.append((expr, name))
            if kind == "list" or not parser.accept(","):
                break
            if _at_clause(parser):
                break
    while lexer.peek().kind != "eof":
        query.steps.append(_clause(parser, query, text))
    return query


def _word(parser: Parser) -> str:
    token = parser.lexer.peek()
    return token.text.lower() if token.kind == "ident" else ""


def _at_clause(parser: Parser) -> bool:
    """At a clause keyword (not a function of the same name: `sort(rows)`) or the end."""
    token = parser.lexer.peek()
    if token.kind == "eof":
        return True
    call = parser.lexer.src.startswith("(", token.pos + len(token.text))
    return _word(parser) in CLAUSES and not call


def _clause(parser: Parser, query: Query, text: str) -> tuple:
    lexer = parser.lexer
    token = lexer.next()
    word = token.text.lower() if token.kind == "ident" else ""
    if word == "from":
        if query.source is not None or query.steps:
            raise QueryError("FROM must come once, right after the query type", token.pos)
        query.source = _source(parser)
        return ("noop",)
    if word == "where":
        return ("where", parser.expression())
    if word == "sort":
        keys = []
        while True:
            expr = parser.expression()
            direction = _word(parser)
            descending = direction in ("desc", "descending")
            if direction in ("asc", "ascending", "desc", "descending"):
                lexer.next()
            keys.append((expr, descending))
            if not parser.accept(","):
                return ("sort", keys)
    if word in ("group", "flatten"):
        if word == "group":
            if _word(parser) != "by":
                raise QueryError("expected BY after GROUP", lexer.peek().pos)
            lexer.next()
        start = lexer.peek().pos
        expr = parser.expression()
        end = lexer.pos if lexer._peeked is None else lexer._peeked.pos
        name = text[start:end].strip()
        if _word(parser) == "as":
            lexer.next()
            alias = lexer.next()
            name = str(alias.value) if alias.kind == "str" else alias.text
        return (word, expr, name)
    if word == "limit":
        return ("limit", parser.expression(), token.pos)
    found = token.text or "the end"
    raise QueryError(f"unexpected '{found}' where a clause (WHERE, SORT…) should be", token.pos)


def _source(parser: Parser, word: str = "or") -> Expr:
    """FROM's own little language: #tags, "folders", [[links]], outgoing([[…]]), and/or/-;
    `and` binds tighter than `or`."""

    def operand() -> Expr:
        return _source(parser, "and") if word == "or" else _source_atom(parser)

    left = operand()
    while _word(parser) == word:
        parser.lexer.next()
        left = Expr(word, (left, operand()))
    return left


def _source_atom(parser: Parser) -> Expr:
    lexer = parser.lexer
    token = lexer.next()
    if token.kind == "op" and token.text in ("-", "!"):
        return Expr("not", (_source_atom(parser),))
    if token.kind == "op" and token.text == "(":
        inner = _source(parser)
        parser.expect(")")
        return inner
    if token.kind == "tag":
        return Expr("tag", (token.value,))
    if token.kind == "str":
        return Expr("folder", (token.value,))
    if token.kind == "link":
        return Expr("linked", (token.value,))
    if token.kind == "ident" and token.text.lower() in ("outgoing", "incoming"):
        parser.expect("(")
        link = lexer.next()
        if link.kind != "link":
            raise QueryError(f"{token.text}() takes a [[link]]", link.pos)
        parser.expect(")")
        return Expr(token.text.lower(), (link.value,))
    found = token.text or "the end"
    raise QueryError(f"unexpected '{found}' in FROM", token.pos)


def _sources(node: Expr | None, scope: Scope) -> AbstractSet[str]:
    index = scope.index
    every = index.every
    if node is None:
        return every
    kind, args = node.kind, node.args
    if kind == "or":
        return _sources(args[0], scope) | _sources(args[1], scope)
    if kind == "and":
        return _sources(args[0], scope) & _sources(args[1], scope)
    if kind == "not":
        return every - _sources(args[0], scope)
    if kind == "tag":
        return set(index.tagged().get("#" + args[0].casefold(), ()))
    if kind == "folder":
        folder = args[0].strip().strip("/")
        if not folder:
            return every
        inside = index.in_folder(folder)
        if inside is not None:  # as Dataview: the folder if there is one, else the note
            return set(inside)
        return {folder if folder.endswith(".md") else folder + ".md"} & every
    target = _link_target(args[0], scope)
    if target is None:
        return set()
    if kind == "linked":
        return set(index.linking_to(target))
    return {link.path for link in index.rows[target]["file"]["outlinks"] if link.resolved}


def _link_target(inner: str, scope: Scope) -> str | None:
    link = scope.index.link(inner, scope.this_path)
    return link.path if link.resolved and link.path in scope.index.rows else None


def run_query(query: Query, index: PropertiesIndex, this_path: str, id_header: str) -> Result:
    """Run a parsed query for the note at `this_path`."""
    scope = Scope(index, this_path)
    chosen = _sources(query.source, scope)
    paths = index.paths if chosen is index.every else sorted(chosen)
    rows: list[dict] = [index.rows[p] for p in paths]
    if query.kind == "task":
        rows = [{**row, **task} for row in rows for task in row["file"]["tasks"]]
    grouped = False
    for step in query.steps:
        clause = step[0]
        if clause == "where":
            test = scope.function(step[1])
            rows = [r for r in rows if truthy(test(r))]
        elif clause == "sort":
            for expr, descending in reversed(step[1]):
                key = scope.function(expr)
                rows = sorted(rows, key=lambda r: sort_key(key(r)), reverse=descending)
        elif clause == "flatten":
            rows = [
                _assign(r, step[1], step[2], v) for r in rows for v in _spread(scope, step[1], r)
            ]
        elif clause == "group":
            rows, grouped = _group(scope, rows, step[1], step[2]), True
        elif clause == "limit":
            rows = rows[: _limit(scope, step[1], step[2])]
    rows = rows[:MAX_ROWS]
    return _result(query, scope, rows, grouped, id_header)


def _limit(scope: Scope, expr: Expr, pos: int) -> int:
    """LIMIT's expression, evaluated once with only `this` (as Dataview): a number, whose
    fraction is dropped like JavaScript's `slice`; anything else is an error."""
    amount = scope.evaluate(expr, {})
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        raise QueryError(f"LIMIT needs a number, not {to_text(amount)!r}", pos)
    return int(amount)


def _spread(scope: Scope, expr: Expr, row: dict) -> list[Value]:
    value = scope.evaluate(expr, row)
    return value if isinstance(value, list) and value else [value]


def _assign(row: dict, expr: Expr, name: str, value: Value) -> dict:
    """The row with `name` (and the field the expression reads, `file.tags`) set to `value`."""
    out = {**row, name: value}
    if expr.kind == "var":
        out[expr.args[0]] = value
    elif expr.kind == "member" and expr.args[0].kind == "var":
        parent = out.get(expr.args[0].args[0])
        if isinstance(parent, dict):
            out[expr.args[0].args[0]] = {**parent, expr.args[1]: value}
    return out


def _group(scope: Scope, rows: list[dict], expr: Expr, name: str) -> list[dict]:
    groups: list[tuple[Value, list[dict]]] = []
    for row in rows:
        key = scope.evaluate(expr, row)
        for existing in groups:
            if equal(existing[0], key):
                existing[1].append(row)
                break
        else:
            groups.append((key, [row]))
    groups.sort(key=lambda g: sort_key(g[0]))
    return [_assign({"key": key, "rows": members}, expr, name, key) for key, members in groups]


def _result(query: Query, scope: Scope, rows: list[dict], grouped: bool, id_header: str) -> Result:
    if query.kind == "task":
        return _tasks(rows, grouped)
    columns = query.columns
    show_id = not query.without_id
    group_name = next((s[2] for s in reversed(query.steps) if s[0] == "group"), "")
    headers = ([group_name if grouped else id_header] if show_id else []) + [n for _, n in columns]
    table: list[list[Value]] = []
    for row in rows:
        ident: Value = row["key"] if grouped else row["file"]["link"]
        cells = [scope.evaluate(expr, row) for expr, _ in columns]
        table.append(([ident] if show_id else []) + cells)
    if query.kind == "table":
        return Result("table", headers, [Group(None, table)], fallback=query.calendar * "calendar")
    if grouped and not columns:
        groups = [Group(row["key"], [[r["file"]["link"]] for r in row["rows"]]) for row in rows]
        return Result("list", headers, groups)
    return Result("list", headers, [Group(None, table)])


def _tasks(rows: list[dict], grouped: bool) -> Result:
    groups: list[Group] = []
    if grouped:
        for row in rows:
            groups.append(Group(row["key"], [], [_task(r) for r in row["rows"]]))
        return Result("task", [], groups)
    for row in rows:
        link: Link = row["file"]["link"]
        if not groups or groups[-1].key != link:
            groups.append(Group(link, []))
        groups[-1].tasks.append(_task(row))
    return Result("task", [], groups)


def _task(row: dict) -> dict:
    return {k: row.get(k) for k in ("text", "status", "path", "line")}
