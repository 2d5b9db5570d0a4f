"""Evaluating an expression tree against one row (a note's fields, a task, a group).

Null semantics follow Dataview: a missing field is null, most functions return null for a
null argument, comparisons order null first, and `and`/`or`/`!` work on truthiness.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .expressions import Expr, QueryError
from .properties import FileFields, PropertiesIndex, canonical
from .values import (
    Duration,
    Link,
    Value,
    add_duration,
    compare,
    equal,
    format_date,
    parse_date,
    parse_duration,
    sort_key,
    to_text,
    truthy,
)

_ABSENT = object()
_MAX_REGEX = 500  # author regexes run on every row: long ones are refused


@dataclass
class Scope:
    """What an expression can see besides its row: the index, the note running the query
    (`this`), the dialect, and values bound by FLATTEN, GROUP BY or lambdas."""

    index: PropertiesIndex
    this_path: str
    bases: bool = False
    formulas: dict[str, Expr] = field(default_factory=dict)
    _formula_stack: tuple[str, ...] = ()
    _compiled: dict[int, tuple[Expr, Callable]] = field(default_factory=dict)

    @property
    def this(self) -> dict:
        return self.index.rows.get(self.this_path, {"file": {"path": self.this_path}})

    def evaluate(self, node: Expr, row: dict) -> Value:
        return self.function(node)(row)

    def function(self, node: Expr) -> Callable[[dict], Value]:
        """The node compiled once into a function of the row (for loops over many rows)."""
        compiled = self._compiled.get(id(node))
        if compiled is None:
            compiled = self._compiled[id(node)] = (node, self._compile(node)[0])
        return compiled[1]

    def _compile(self, node: Expr) -> tuple[Callable[[dict], Value], bool]:
        """The node as a function of the row, and whether it reads the row at all: a part
        that does not (`this.file.folder`, `date(today)`) is computed once per query."""
        kind, args = node.kind, node.args
        if kind == "lit":
            value = args[0]
            return (lambda row: value), True
        if kind == "link":
            return self._once(lambda row: self.index.link(args[0], self.this_path)), True
        if kind == "var":
            return self._compile_variable(args[0])
        if kind == "lambda":
            return (lambda row: Lambda(args[0], args[1], self, row)), False
        if kind == "object":
            parts = [(key, self._compile(value)) for key, value in args]
            function = lambda row: {key: f(row) for key, (f, _) in parts}  # noqa: E731
            return self._folded(function, all(c for _, (_, c) in parts))
        children = [self._compile(a) for a in _children(node)]
        fns = [f for f, _ in children]
        constant = all(c for _, c in children)
        return self._folded(self._combine(node, fns), constant)

    def _compile_variable(self, name: str) -> tuple[Callable[[dict], Value], bool]:
        if name == "this":
            return (lambda row: self.this), True
        if self.bases and name == "note":
            return _note_part, False
        if self.bases and name == "formula":
            return (lambda row: Formulas(self, row)), False

        folded = canonical(name)

        def variable(row: dict) -> Value:
            value = row.get(name, _ABSENT)  # a note's row is a plain dict: no exceptions
            if value is _ABSENT:
                return row.get(folded) if type(row) is dict else lookup(row, name)
            return value

        return variable, False

    def _folded(self, function: Callable, constant: bool) -> tuple[Callable, bool]:
        return (self._once(function) if constant else function), constant

    @staticmethod
    def _once(function: Callable[[dict], Value]) -> Callable[[dict], Value]:
        done: list[Value] = []

        def once(row: dict) -> Value:
            if not done:
                done.append(function(row))
            return done[0]

        return once

    def _combine(self, node: Expr, fns: list[Callable]) -> Callable[[dict], Value]:
        kind, args = node.kind, node.args
        if kind == "member":
            target, name = fns[0], args[1]

            def member(row: dict) -> Value:
                value = target(row)
                if type(value) is FileFields or type(value) is dict:
                    try:
                        return value[name]  # the common case first
                    except KeyError:
                        pass
                return self.member(value, name)

            return member
        if kind == "binary":
            return self._binary(args[0], fns[0], fns[1])
        if kind == "unary":
            operand = fns[0]
            if args[0] == "!":
                return lambda row: not truthy(operand(row))
            return lambda row: _negate(operand(row))
        if kind == "call":
            return self._call(args[0], fns)
        if kind == "method":
            target, name, arg_fns = fns[0], args[1], fns[1:]
            return lambda row: self._method(target(row), name, [f(row) for f in arg_fns])
        if kind == "index":
            left, right = fns
            return lambda row: _index(left(row), right(row), self)
        if kind == "list":
            return lambda row: [f(row) for f in fns]
        if kind in ("filter_and", "filter_or", "filter_not"):
            test = {"filter_and": all, "filter_or": any}.get(kind)
            if test is None:
                return lambda row: not any(truthy(f(row)) for f in fns)
            return lambda row: test(truthy(f(row)) for f in fns)
        raise QueryError(f"cannot evaluate {kind}")

    def _variable(self, name: str, row: dict) -> Value:
        if name == "this":
            return self.this
        if self.bases:
            if name == "note":
                return _note_part(row)
            if name == "formula":
                return Formulas(self, row)
        return lookup(row, name)

    def member(self, value: Value, name: str) -> Value:
        if isinstance(value, Formulas):
            return value.get(name)
        if isinstance(value, dict):
            return lookup(value, name)
        if isinstance(value, list):
            if name == "length":
                return len(value)
            return [self.member(v, name) for v in value]
        if isinstance(value, Link):
            if name in ("path", "display", "embed"):
                return getattr(value, name) or None
            row = self.index.rows.get(value.path) if value.resolved else None
            return lookup(row, name) if row else None
        if isinstance(value, dt.datetime):
            return _date_part(value, name)
        if isinstance(value, Duration):
            return _duration_part(value, name)
        if isinstance(value, str) and name == "length":
            return len(value)
        return None

    def _binary(self, op: str, left: Callable, right: Callable) -> Callable[[dict], Value]:
        if op == "and":
            return lambda row: truthy(left(row)) and truthy(right(row))
        if op == "or":
            return lambda row: truthy(left(row)) or truthy(right(row))
        if op == "=":
            return lambda row: equal(left(row), right(row))
        if op == "!=":
            return lambda row: not equal(left(row), right(row))
        if op in ("<", ">", "<=", ">="):
            test = _ORDER[op]
            return lambda row: self._ordered(test, left(row), right(row))
        return lambda row: arithmetic(op, left(row), right(row), self.bases)

    def _ordered(self, test: Callable[[int], bool], left: Value, right: Value) -> bool:
        if self.bases and (left is None or right is None):
            return False  # Bases: an empty property is neither more nor less
        return test(compare(left, right))

    def _call(self, name: str, fns: list[Callable]) -> Callable[[dict], Value]:
        if name == "if" and self.bases:
            condition, yes = fns[0], fns[1] if len(fns) > 1 else (lambda row: None)
            no = fns[2] if len(fns) > 2 else (lambda row: None)
            return lambda row: yes(row) if truthy(condition(row)) else no(row)
        function = FUNCTIONS.get(name)
        if function is None:
            raise QueryError(f"unknown function '{name}'")

        if len(fns) == 2:  # most calls: contains(a, b), default(a, b)…
            first, second = fns

            def call2(row: dict) -> Value:
                try:
                    return function(self, first(row), second(row))
                except TypeError as exc:
                    raise _arguments(exc, name) from None

            return call2

        def call(row: dict) -> Value:
            try:
                return function(self, *[f(row) for f in fns])
            except TypeError as exc:
                raise _arguments(exc, name) from None

        return call

    def _method(self, value: Value, name: str, args: list[Value]) -> Value:
        if isinstance(value, FileFields):
            method = FILE_METHODS.get(name)
            if method is not None:
                return method(self, value, *args)
        function = METHODS.get(name) or FUNCTIONS.get(name.lower())
        if function is None:
            raise QueryError(f"unknown method '{name}'")
        return function(self, value, *args)

    def formula(self, name: str, row: dict) -> Value:
        if name not in self.formulas:
            return None
        if name in self._formula_stack:
            raise QueryError(f"formula '{name}' refers to itself")
        self._formula_stack = (*self._formula_stack, name)
        try:
            return self.evaluate(self.formulas[name], row)
        finally:
            self._formula_stack = self._formula_stack[:-1]


@dataclass
class Formulas:
    """`formula.x` in Bases: formulas evaluated for the row when read."""

    scope: Scope
    row: dict

    def get(self, name: str) -> Value:
        return self.scope.formula(name, self.row)


@dataclass
class Lambda:
    params: tuple[str, ...]
    body: Expr
    scope: Scope
    row: dict

    def __call__(self, *values: Value) -> Value:
        bound = {**self.row, **dict(zip(self.params, values, strict=False))}
        return self.scope.evaluate(self.body, bound)


def _arguments(error: TypeError, name: str) -> Exception:
    """A function given the wrong number of arguments is the query's fault, not ours."""
    if "positional argument" in str(error):
        return QueryError(f"wrong number of arguments to '{name}'")
    return error


_ORDER: dict[str, Callable[[int], bool]] = {
    "<": lambda c: c < 0,
    ">": lambda c: c > 0,
    "<=": lambda c: c <= 0,
    ">=": lambda c: c >= 0,
}


def _children(node: Expr) -> list[Expr]:
    """The sub-expressions of a node, in the order `_combine` takes them."""
    kind, args = node.kind, node.args
    if kind in ("member", "unary"):
        return [args[0] if kind == "member" else args[1]]
    if kind == "binary":
        return [args[1], args[2]]
    if kind == "call":
        return list(args[1])
    if kind == "method":
        return [args[0], *args[2]]
    if kind == "index":
        return [args[0], args[1]]
    return list(args)  # list, filter_*


def _note_part(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "file"}


def lookup(row: dict, name: str) -> Value:
    """A field by its name, else by Dataview's canonical name (case and spaces folded)."""
    try:
        return row[name]
    except KeyError:
        pass
    try:
        return row[canonical(name)]
    except KeyError:
        return None


def _negate(value: Value) -> Value:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return -value
    if isinstance(value, Duration):
        return -value
    return None


def _index(value: Value, key: Value, scope: Scope) -> Value:
    if isinstance(value, list) and isinstance(key, int) and not isinstance(key, bool):
        return value[key] if -len(value) <= key < len(value) else None
    if isinstance(key, str):
        return scope.member(value, key)
    return None


def _date_part(value: dt.datetime, name: str) -> Value:
    parts = {
        "year": value.year, "month": value.month, "day": value.day, "hour": value.hour,
        "minute": value.minute, "second": value.second, "millisecond": 0,
        "week": value.isocalendar()[1], "weekyear": value.isocalendar()[0],
        "weekday": value.isoweekday(), "quarter": (value.month - 1) // 3 + 1,
    }  # fmt: skip
    return parts.get(name)


def _duration_part(value: Duration, name: str) -> Value:
    seconds = value.approx_seconds()
    units = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}
    if name in units:
        return seconds / units[name]
    if name == "months":
        return seconds / (30 * 86400)
    if name == "years":
        return seconds / (365 * 86400)
    return None


def arithmetic(op: str, left: Value, right: Value, bases: bool = False) -> Value:
    """`+ - * / %` on numbers, text, dates, durations and lists; null when they do not mix."""
    if bases and isinstance(left, dt.datetime) and isinstance(right, str):
        right = parse_duration(right) or right
    if op == "+":
        if isinstance(left, str) or isinstance(right, str):
            if left is None or right is None:
                return None
            return to_text(left) + to_text(right)
        if isinstance(left, list) and isinstance(right, list):
            return left + right
    if _numbers(left, right):
        if op == "+":
            return left + right
        if op == "-":
            return left - right
        if op == "*":
            return left * right
        if right == 0:
            return None
        return left / right if op == "/" else left % right
    if isinstance(left, dt.datetime):
        if isinstance(right, Duration) and op in "+-":
            return add_duration(left, right if op == "+" else -right)
        if isinstance(right, dt.datetime) and op == "-":
            seconds = (left - right).total_seconds()
            return seconds * 1000 if bases else Duration(0, seconds)
    if isinstance(left, Duration):
        if isinstance(right, Duration) and op in "+-":
            return left + (right if op == "+" else -right)
        if isinstance(right, dt.datetime) and op == "+":
            return add_duration(right, left)
        if _numbers(right, 1) and op in "*/" and (op == "*" or right):
            factor = right if op == "*" else 1 / right
            return Duration(round(left.months * factor), left.seconds * factor)
    return None


def _numbers(*values: Value) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


# --- functions -------------------------------------------------------------------------------


def _null_safe(function: Callable) -> Callable:
    """Null in, null out (Dataview's rule for most functions)."""

    def wrapped(scope: Scope, value: Value = None, *args: Value) -> Value:
        return None if value is None else function(scope, value, *args)

    return wrapped


def _contains(
    scope: Scope, haystack: Value, needle: Value, exact: bool = False, fold=False
) -> bool:
    if type(haystack) is str and type(needle) is str and not fold:
        return needle in haystack  # the common case first
    if isinstance(haystack, str):
        if not isinstance(needle, str):
            needle = to_text(needle)
        return needle.casefold() in haystack.casefold() if fold else needle in haystack
    if isinstance(haystack, list):
        if exact:
            return any(equal(item, needle) for item in haystack)
        return any(
            _contains(scope, item, needle, False, fold) or equal(item, needle) for item in haystack
        )
    if isinstance(haystack, dict):
        return isinstance(needle, str) and needle in haystack
    if isinstance(haystack, Link) and isinstance(needle, str):
        return needle in haystack.path
    return equal(haystack, needle)


def _date(scope: Scope, value: Value = None, pattern: Value = None) -> Value:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, Link):
        row = scope.index.rows.get(value.path)
        return row["file"]["day"] if row else None
    if not isinstance(value, str):
        return None
    word = value.strip().lower()
    today = scope.index.now
    special = {
        "today": today,
        "now": today,
        "tomorrow": today + dt.timedelta(days=1),
        "yesterday": today - dt.timedelta(days=1),
        "sow": today - dt.timedelta(days=today.weekday()),
        "eow": today + dt.timedelta(days=6 - today.weekday()),
        "som": today.replace(day=1),
        "soy": today.replace(month=1, day=1),
        "eoy": today.replace(month=12, day=31),
    }
    if word == "eom":
        return add_duration(today.replace(day=1), Duration(1)) - dt.timedelta(days=1)
    if word in special:
        return special[word]
    if isinstance(pattern, str):
        try:
            return dt.datetime.strptime(value, _strftime(pattern))
        except ValueError:
            return None
    return parse_date(value)


def _dur(scope: Scope, value: Value = None) -> Value:
    if isinstance(value, Duration):
        return value
    return parse_duration(value) if isinstance(value, str) else None


def _number(scope: Scope, value: Value = None) -> Value:
    if _numbers(value):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        found = re.search(r"-?\d+(?:\.\d+)?", value)
        if found:
            text = found.group(0)
            return float(text) if "." in text else int(text)
    if isinstance(value, dt.datetime):
        return value.timestamp() * 1000
    return None


def _length(scope: Scope, value: Value = None) -> Value:
    if value is None:
        return 0
    if isinstance(value, str | list | dict):
        return len(value)
    return 0


def _round(scope: Scope, value: Value, digits: Value = 0) -> Value:
    if not _numbers(value):
        return None
    digits = int(digits or 0)
    scaled = math.floor(abs(value) * 10**digits + 0.5) / 10**digits  # half away from zero
    result = math.copysign(scaled, value)
    return int(result) if digits == 0 else result


def _flat_numbers(values: tuple) -> list:
    items = values[0] if len(values) == 1 and isinstance(values[0], list) else list(values)
    return [v for v in items if v is not None]


def _min(scope: Scope, *values: Value) -> Value:
    items = _flat_numbers(values)
    return min(items, key=sort_key) if items else None


def _max(scope: Scope, *values: Value) -> Value:
    items = _flat_numbers(values)
    return max(items, key=sort_key) if items else None


def _sum(scope: Scope, values: Value = None) -> Value:
    if not isinstance(values, list):
        return values
    items = [v for v in values if v is not None]
    if not items:
        return None
    total = items[0]
    for item in items[1:]:
        total = arithmetic("+", total, item)
    return total


def _average(scope: Scope, values: Value = None) -> Value:
    if not isinstance(values, list):
        return values
    items = [v for v in values if _numbers(v)]
    return sum(items) / len(items) if items else None


def _join(scope: Scope, values: Value = None, separator: Value = ", ") -> Value:
    if values is None:
        return None
    if not isinstance(values, list):
        return to_text(values)
    return str(separator if separator is not None else ", ").join(to_text(v) for v in values)


def _dateformat(scope: Scope, value: Value, pattern: Value) -> Value:
    if not isinstance(value, dt.datetime) or not isinstance(pattern, str):
        return None
    return value.strftime(_strftime(pattern))


_LUXON = [
    ("yyyy", "%Y"), ("yy", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"),
    ("M", "%-m"), ("dd", "%d"), ("d", "%-d"), ("HH", "%H"), ("H", "%-H"), ("hh", "%I"),
    ("h", "%-I"), ("mm", "%M"), ("ss", "%S"), ("a", "%p"), ("EEEE", "%A"), ("EEE", "%a"),
    ("cccc", "%A"), ("ccc", "%a"), ("WW", "%V"), ("kkkk", "%G"),
    ("YYYY", "%Y"), ("DD", "%d"), ("Do", "%-d"), ("dddd", "%A"), ("ddd", "%a"),
]  # fmt: skip
_LUXON_TOKEN = re.compile("|".join(re.escape(t) for t, _ in _LUXON) + r"|'[^']*'|%")


def _strftime(pattern: str) -> str:
    """A Luxon (Dataview) or Moment (Bases) date pattern as strftime's."""
    table = dict(_LUXON)

    def swap(match: re.Match) -> str:
        text = match.group(0)
        if text == "%":
            return "%%"
        if text.startswith("'"):
            return text[1:-1].replace("%", "%%")
        return table[text]

    return _LUXON_TOKEN.sub(swap, pattern)


def _regex(pattern: Value) -> re.Pattern | None:
    if not isinstance(pattern, str) or len(pattern) > _MAX_REGEX:
        raise QueryError("regular expression missing or too long")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise QueryError(f"bad regular expression: {exc}") from None


def _link(scope: Scope, value: Value = None, display: Value = None) -> Value:
    if isinstance(value, Link):
        return Link(value.path, to_text(display) if display else value.display, value.resolved)
    if isinstance(value, dict) and isinstance(value.get("link"), Link):
        return value["link"]
    if not isinstance(value, str):
        return None
    return scope.index.link(value, scope.this_path, to_text(display) if display else None)


def _default(scope: Scope, value: Value, fallback: Value) -> Value:
    if isinstance(value, list):
        return [fallback if v is None else v for v in value]
    return fallback if value is None else value


def _sort(scope: Scope, values: Value = None, key: Value = None) -> Value:
    if not isinstance(values, list):
        return values
    if callable(key):
        return sorted(values, key=lambda v: sort_key(key(v)))
    return sorted(values, key=sort_key)


def _map(scope: Scope, values: Value, function: Value) -> Value:
    if not isinstance(values, list) or not callable(function):
        return None
    return [function(v) for v in values]


def _filter(scope: Scope, values: Value, function: Value) -> Value:
    if not isinstance(values, list) or not callable(function):
        return None
    return [v for v in values if truthy(function(v))]


def _flat(scope: Scope, values: Value, depth: Value = 1) -> Value:
    if not isinstance(values, list):
        return values
    out: list = []
    for v in values:
        if isinstance(v, list) and (depth or 0) > 0:
            out.extend(_flat(scope, v, depth - 1))
        else:
            out.append(v)
    return out


def _unique(scope: Scope, values: Value) -> Value:
    if not isinstance(values, list):
        return values
    out: list = []
    for v in values:
        if not any(equal(v, o) for o in out):
            out.append(v)
    return out


def _string(scope: Scope, value: Value = None) -> Value:
    return to_text(value)


def _typeof(scope: Scope, value: Value = None) -> str:
    if value is None:
        return "null"
    names = {bool: "boolean", int: "number", float: "number", str: "string", list: "array"}
    if type(value) in names:
        return names[type(value)]
    if isinstance(value, dt.datetime):
        return "date"
    if isinstance(value, Duration):
        return "duration"
    if isinstance(value, Link):
        return "link"
    return "object"


def _choice(scope: Scope, condition: Value, yes: Value, no: Value) -> Value:
    return yes if truthy(condition) else no


def _truncate(scope: Scope, value: Value, length: Value, suffix: Value = "...") -> Value:
    if not isinstance(value, str) or not _numbers(length):
        return value
    if len(value) <= length:
        return value
    suffix = suffix or ""
    return value[: max(0, int(length) - len(suffix))] + suffix


def _substring(scope: Scope, value: Value, start: Value, end: Value = None) -> Value:
    if not isinstance(value, str):
        return None
    return value[int(start or 0) : int(end) if end is not None else None]


def _pad(left: bool) -> Callable:
    def pad(scope: Scope, value: Value, length: Value, fill: Value = " ") -> Value:
        text, fill = to_text(value), str(fill or " ")
        missing = max(0, int(length or 0) - len(text))
        padding = (fill * missing)[:missing]
        return padding + text if left else text + padding

    return pad


def _split(scope: Scope, value: Value, separator: Value, limit: Value = None) -> Value:
    if not isinstance(value, str) or not isinstance(separator, str):
        return None
    parts = re.split(_regex(separator), value) if len(separator) > 1 else value.split(separator)
    return parts[: int(limit)] if limit is not None else parts


def _to_fixed(scope: Scope, value: Value, digits: Value = 0) -> Value:
    if not _numbers(value):
        return None
    return f"{value:.{int(digits or 0)}f}"


def _file_has_tag(scope: Scope, file: dict, *wanted: Value) -> bool:
    tags = [t.lstrip("#").casefold() for t in file.get("tags", [])]
    return any(str(w).lstrip("#").casefold() in tags for w in wanted)


def _file_in_folder(scope: Scope, file: dict, folder: Value) -> bool:
    folder = str(folder or "").strip("/")
    here = file.get("folder", "")
    return not folder or here == folder or here.startswith(folder + "/")


def _file_has_link(scope: Scope, file: dict, target: Value) -> bool:
    wanted = target if isinstance(target, Link) else _link(scope, target)
    if isinstance(target, dict):
        wanted = target.get("link")
    return any(equal(link, wanted) for link in file["outlinks"])


def _file_has_property(scope: Scope, file: dict, name: Value) -> bool:
    row = scope.index.rows.get(file.get("path", ""), {})
    return isinstance(name, str) and name in row.get("file", {}).get("frontmatter", {})


FILE_METHODS: dict[str, Callable] = {
    "hasTag": _file_has_tag,
    "inFolder": _file_in_folder,
    "hasLink": _file_has_link,
    "hasProperty": _file_has_property,
    "asLink": lambda scope, file, display=None: _link(scope, file["link"], display),
}

FUNCTIONS: dict[str, Callable] = {
    "contains": lambda s, h, n: None if h is None else _contains(s, h, n),
    "icontains": _null_safe(lambda s, h, n: _contains(s, h, n, fold=True)),
    "econtains": _null_safe(lambda s, h, n: _contains(s, h, n, exact=True)),
    "containsword": _null_safe(
        lambda s, h, w: bool(re.search(rf"\b{re.escape(to_text(w))}\b", to_text(h), re.I))
    ),
    "date": _date,
    "dur": _dur,
    "duration": _dur,
    "number": _number,
    "string": _string,
    "link": _link,
    "embed": lambda s, v=None, *a: v,
    "list": lambda s, *values: list(values),
    "array": lambda s, *values: list(values),
    "object": lambda s, *kv: {to_text(kv[i]): kv[i + 1] for i in range(0, len(kv) - 1, 2)},
    "typeof": _typeof,
    "length": _length,
    "lower": _null_safe(lambda s, v: to_text(v).lower()),
    "upper": _null_safe(lambda s, v: to_text(v).upper()),
    "default": _default,
    "ldefault": lambda s, v, fallback: fallback if v is None else v,
    "choice": _choice,
    "round": _round,
    "trunc": _null_safe(lambda s, v: math.trunc(v) if _numbers(v) else None),
    "floor": _null_safe(lambda s, v: math.floor(v) if _numbers(v) else None),
    "ceil": _null_safe(lambda s, v: math.ceil(v) if _numbers(v) else None),
    "abs": _null_safe(lambda s, v: abs(v) if _numbers(v) else None),
    "min": _min,
    "max": _max,
    "sum": _sum,
    "average": _average,
    "product": lambda s, v: math.prod(x for x in v if _numbers(x)) if isinstance(v, list) else v,
    "join": _join,
    "split": _split,
    "replace": _null_safe(lambda s, v, a, b: to_text(v).replace(to_text(a), to_text(b))),
    "regexmatch": lambda s, p, v: isinstance(v, str) and bool(_regex(p).fullmatch(v)),
    "regextest": lambda s, p, v: isinstance(v, str) and bool(_regex(p).search(v)),
    "regexreplace": _null_safe(lambda s, v, p, r: _regex(p).sub(to_text(r), to_text(v))),
    "startswith": _null_safe(lambda s, v, p: to_text(v).startswith(to_text(p))),
    "endswith": _null_safe(lambda s, v, p: to_text(v).endswith(to_text(p))),
    "padleft": _pad(True),
    "padright": _pad(False),
    "substring": _substring,
    "truncate": _truncate,
    "dateformat": _dateformat,
    "striptime": _null_safe(
        lambda s, v: dt.datetime(v.year, v.month, v.day) if isinstance(v, dt.datetime) else None
    ),
    "localtime": lambda s, v=None: v,
    "reverse": _null_safe(lambda s, v: list(reversed(v)) if isinstance(v, list) else v[::-1]),
    "sort": _sort,
    "flat": _flat,
    "unique": _unique,
    "nonnull": lambda s, v: [x for x in v if x is not None] if isinstance(v, list) else v,
    "all": lambda s, v, f=None: all(truthy(f(x) if f else x) for x in (v or [])),
    "any": lambda s, v, f=None: any(truthy(f(x) if f else x) for x in (v or [])),
    "none": lambda s, v, f=None: not any(truthy(f(x) if f else x) for x in (v or [])),
    "filter": _filter,
    "map": _map,
    "firstvalue": lambda s, v: next((x for x in v if x is not None), None) if v else None,
    "extract": lambda s, obj, *keys: {k: lookup(obj, k) for k in keys} if obj else None,
    "meta": lambda s, v: {"path": v.path, "display": v.display} if isinstance(v, Link) else None,
    "display": lambda s, v=None: to_text(v) if v is not None else "",
    "today": lambda s: s.index.now,
    "now": lambda s: s.index.now,
    "tofixed": _to_fixed,
}

METHODS: dict[str, Callable] = {
    "contains": lambda s, v, n: _contains(s, v, n) if v is not None else False,
    "containsAll": lambda s, v, *ns: v is not None and all(_contains(s, v, n) for n in ns),
    "containsAny": lambda s, v, *ns: v is not None and any(_contains(s, v, n) for n in ns),
    "startsWith": FUNCTIONS["startswith"],
    "endsWith": FUNCTIONS["endswith"],
    "isEmpty": lambda s, v: v is None or isinstance(v, str | list | dict) and not v,
    "isTruthy": lambda s, v: truthy(v),
    "toString": lambda s, v: to_text(v),
    "toFixed": _to_fixed,
    "title": _null_safe(lambda s, v: to_text(v).title()),
    "trim": _null_safe(lambda s, v: to_text(v).strip()),
    "slice": lambda s, v, a=0, b=None: v[int(a) : None if b is None else int(b)] if v else v,
    "format": lambda s, v, pattern="YYYY-MM-DD": _dateformat(s, v, pattern),
    "relative": lambda s, v: format_date(v) if isinstance(v, dt.datetime) else None,
    "time": lambda s, v: v.strftime("%H:%M:%S") if isinstance(v, dt.datetime) else None,
    "asLink": lambda s, v, display=None: _link(s, v, display),
    "isType": lambda s, v, kind: _typeof(s, v) == str(kind).lower().replace("list", "array"),
    "repeat": _null_safe(lambda s, v, count: to_text(v) * max(0, int(count or 0))),
}
