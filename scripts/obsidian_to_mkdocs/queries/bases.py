"""Obsidian Bases: a `.base` file (or `base` fence) is YAML with `filters`, `formulas`,
`properties` and `views`; each view (table, cards, list) is run over the properties index."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

import yaml

from .. import frontmatter
from .evaluate import Scope
from .expressions import Expr, QueryError, parse_expression
from .properties import FileFields, PropertiesIndex
from .results import Group, Result
from .values import Value, equal, sort_key, truthy

VIEW_TYPES = ("table", "cards", "list")
MAX_BASE_BYTES = 200_000


@dataclass
class View:
    type: str
    name: str
    filters: Expr | None
    order: list[str]
    sort: list[tuple[str, bool]]  # property, descending
    group_by: tuple[str, bool] | None
    limit: int | None
    summaries: dict[str, str]
    image: str | None


@dataclass
class Base:
    filters: Expr | None
    formulas: dict[str, Expr]
    names: dict[str, str]  # property id -> displayName
    views: list[View] = field(default_factory=list)


def parse_base(text: str) -> Base:
    """A `.base` file's YAML; QueryError names what is wrong."""
    if len(text) > MAX_BASE_BYTES:
        raise QueryError("base file too large")
    try:
        data = frontmatter.load(text).data if text.strip() else {}  # bounded YAML
    except yaml.YAMLError as exc:
        raise QueryError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    data = data or {}
    if not isinstance(data, dict):
        raise QueryError("a base is a mapping of filters, formulas, properties and views")
    formulas = {}
    for name, source in _mapping(data.get("formulas")).items():
        formulas[str(name)] = _expression(source, f"formula '{name}'")
    names = {
        str(key): str(value["displayName"])
        for key, value in _mapping(data.get("properties")).items()
        if isinstance(value, dict) and value.get("displayName") is not None
    }
    views = [_view(v, i) for i, v in enumerate(data.get("views") or []) if isinstance(v, dict)]
    if not views:
        views = [_view({"type": "table", "name": "Table"}, 0)]
    return Base(_filter(data.get("filters")), formulas, names, views)


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _expression(source: Any, what: str) -> Expr:
    if isinstance(source, bool | int | float):
        return Expr("lit", (source,))
    if not isinstance(source, str):
        raise QueryError(f"{what} is not an expression")
    try:
        return parse_expression(source, dql=False)
    except QueryError as exc:  # its offset is in the expression, not in the YAML
        raise QueryError(f"{what}: {exc}") from None


def _filter(node: Any) -> Expr | None:
    """`and:` / `or:` / `not:` lists of string expressions or nested filters."""
    if node is None:
        return None
    if isinstance(node, str | bool):
        return _expression(node, f"filter '{node}'")
    if isinstance(node, dict) and len(node) == 1:
        ((kind, items),) = node.items()
        if kind in ("and", "or", "not") and isinstance(items, list):
            parts = tuple(p for p in (_filter(i) for i in items) if p is not None)
            return Expr(f"filter_{kind}", parts)
    raise QueryError("a filter is an expression or a mapping with and, or or not")


def _view(data: dict, number: int) -> View:
    kind = str(data.get("type") or "table")
    sort = [
        (str(s.get("property")), str(s.get("direction", "ASC")).upper() == "DESC")
        for s in data.get("sort") or []
        if isinstance(s, dict) and s.get("property")
    ]
    group = data.get("groupBy")
    group_by = None
    if isinstance(group, dict) and group.get("property"):
        group_by = (str(group["property"]), str(group.get("direction", "ASC")).upper() == "DESC")
    limit = data.get("limit")
    return View(
        type=kind,
        name=str(data.get("name") or f"View {number + 1}"),
        filters=_filter(data.get("filters")),
        order=[str(p) for p in data.get("order") or []],
        sort=sort,
        group_by=group_by,
        limit=limit if isinstance(limit, int) and limit > 0 else None,
        summaries={str(k): str(v) for k, v in _mapping(data.get("summaries")).items()},
        image=str(data["image"]) if data.get("image") else None,
    )


def property_expression(prop: str) -> Expr:
    """A property id of `order`/`sort` (`file.name`, `note.price`, `formula.x`, `price`)."""
    head, _, rest = prop.partition(".")
    if head in ("file", "note", "formula", "this") and rest:
        return Expr("member", (Expr("var", (head,)), rest))
    return Expr("member", (Expr("var", ("note",)), prop))


def display_name(prop: str, base: Base) -> str:
    if prop in base.names:
        return base.names[prop]
    head, _, rest = prop.partition(".")
    if head == "note" and rest and rest in base.names:
        return base.names[rest]
    if not rest and f"note.{prop}" in base.names:  # `author` and `note.author` are one
        return base.names[f"note.{prop}"]
    if head in ("note", "formula") and rest:
        return rest
    return prop


def _rows(index: PropertiesIndex) -> list[dict]:
    out = []
    for path in index.paths:
        row = index.rows[path]
        file = row["file"]
        bases_file = FileFields(
            index,
            {
                **file,
                "name": path.rsplit("/", 1)[-1],
                "basename": file["name"],
                "properties": file["frontmatter"],
            },
        )
        out.append({**file["frontmatter"], "file": bases_file})
    return out


def run_view(base: Base, view: View, index: PropertiesIndex, this_path: str) -> Result:
    """One view of a base, for the note at `this_path` (`this`)."""
    scope = Scope(index, this_path, bases=True, formulas=base.formulas)
    tests = [scope.function(f) for f in (base.filters, view.filters) if f is not None]
    rows = [r for r in _rows(index) if all(truthy(test(r)) for test in tests)]
    for prop, descending in reversed(view.sort):
        expr = property_expression(prop)
        rows.sort(key=lambda r, e=expr: sort_key(scope.evaluate(e, r)), reverse=descending)
    if view.limit:
        rows = rows[: view.limit]
    order = view.order or ["file.name"]
    kind = view.type if view.type in VIEW_TYPES else "table"
    columns = list(order)
    image = None
    if kind == "cards" and view.image:
        columns = [view.image, *[p for p in order if p != view.image]]
        image = 0
    if kind == "cards" and "file.name" not in columns:
        columns.insert(1 if image == 0 else 0, "file.name")
    exprs = [property_expression(p) for p in columns]
    groups: list[tuple[Value, list[dict]]] = []
    if view.group_by:
        expr = property_expression(view.group_by[0])
        for row in rows:
            key = scope.evaluate(expr, row)
            found = next((g for g in groups if equal(g[0], key)), None)
            if found is None:
                groups.append((key, [row]))
            else:
                found[1].append(row)
        groups.sort(key=lambda g: sort_key(g[0]), reverse=view.group_by[1])
        groups = [("" if key is None else key, members) for key, members in groups]  # a heading
    else:
        groups = [(None, rows)]

    def cells(row: dict) -> list[Value]:
        return [
            row["file"]["link"] if prop == "file.name" else scope.evaluate(e, row)
            for prop, e in zip(columns, exprs, strict=True)
        ]

    result = Result(
        kind,
        [display_name(p, base) for p in columns],
        [Group(key, [cells(r) for r in members]) for key, members in groups],
        image=image,
        fallback="" if view.type in VIEW_TYPES else view.type,
    )
    if view.summaries and kind == "table":
        all_rows = [row for _, members in groups for row in members]
        result.summaries = [
            summarise(
                view.summaries.get(p) or view.summaries.get(p.removeprefix("note.")),
                [scope.evaluate(e, r) for r in all_rows],
            )
            for p, e in zip(columns, exprs, strict=True)
        ]
    return result


def summarise(name: str | None, values: list[Value]) -> Value:
    """A column's summary (`Average`, `Sum`, `Min`, `Max`, `Range`, `Median`, `Stddev`,
    `Earliest`, `Latest`, `Checked`, `Unchecked`, `Empty`, `Filled`, `Unique`)."""
    if name is None:
        return None
    key = name.lower()
    present = [v for v in values if v is not None and v != "" and v != []]
    numbers = [v for v in present if isinstance(v, int | float) and not isinstance(v, bool)]
    if key in ("empty", "filled"):
        return len(values) - len(present) if key == "empty" else len(present)
    if key == "unique":
        unique: list[Value] = []
        for v in present:
            if not any(equal(v, u) for u in unique):
                unique.append(v)
        return len(unique)
    if key in ("checked", "unchecked"):
        return sum(1 for v in values if v is (key == "checked"))
    if key in ("earliest", "latest", "min", "max"):
        pool = numbers if key in ("min", "max") and numbers else present
        if not pool:
            return None
        ordered = sorted(pool, key=sort_key)
        return ordered[0] if key in ("earliest", "min") else ordered[-1]
    if not numbers:
        return None
    results = {
        "sum": lambda: sum(numbers),
        "average": lambda: round(sum(numbers) / len(numbers), 2),
        "median": lambda: statistics.median(numbers),
        "stddev": lambda: round(statistics.pstdev(numbers), 2),
        "range": lambda: max(numbers) - min(numbers),
    }
    if key not in results:
        raise QueryError(f"unknown summary '{name}'")
    return results[key]()
