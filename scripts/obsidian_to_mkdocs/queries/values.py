"""The values queries compute with: text, numbers, booleans, dates, durations, links, lists,
objects and null (None), with the comparison and display rules both languages share."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

Value = Any  # None | bool | int | float | str | dt.datetime | Duration | Link | list | dict

_UNITS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "wk": 604800,
    "wks": 604800,
    "week": 604800,
    "weeks": 604800,
    "mo": -1,
    "month": -1,
    "months": -1,
    "M": -1,
    "y": -12,
    "yr": -12,
    "yrs": -12,
    "year": -12,
    "years": -12,
}  # fmt: skip  (negative: whole months)
_DURATION_PART = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*,?")
_DATE = re.compile(
    r"^(\d{4})-(\d{2})(?:-(\d{2}))?"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


@dataclass(frozen=True)
class Duration:
    """A length of time: whole months (calendar arithmetic) plus seconds."""

    months: int = 0
    seconds: float = 0.0

    def approx_seconds(self) -> float:
        return self.months * 30 * 86400 + self.seconds

    def __neg__(self) -> Duration:
        return Duration(-self.months, -self.seconds)

    def __add__(self, other: Duration) -> Duration:
        return Duration(self.months + other.months, self.seconds + other.seconds)


@dataclass(frozen=True)
class Link:
    """A link to a note (`path` is its vault path when it resolved to a published note)."""

    path: str
    display: str | None = None
    resolved: bool = True
    subpath: str = ""
    embed: bool = False

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Link) and self.path == other.path and self.subpath == other.subpath

    def __hash__(self) -> int:
        return hash((self.path, self.subpath))


def parse_duration(text: str) -> Duration | None:
    """`7 days`, `1 month, 2 days`, `3h`: None when it is not a duration."""
    text = text.strip()
    if not text:
        return None
    total, pos = Duration(), 0
    for match in _DURATION_PART.finditer(text):
        if match.start() != pos:
            return None
        unit = match.group(2)
        factor = _UNITS.get(unit) or _UNITS.get(unit.lower())
        if factor is None:
            return None
        amount = float(match.group(1))
        part = Duration(int(amount * -factor), 0) if factor < 0 else Duration(0, amount * factor)
        total, pos = total + part, match.end()
    return total if pos == len(text) and pos else None


def parse_date(text: str) -> dt.datetime | None:
    """ISO dates and date-times (`2024-05-01`, `2024-05-01T10:00`, `2024-05`); else None."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    parts = [int(g) if g else 0 for g in match.groups()]
    try:
        return dt.datetime(parts[0], parts[1], parts[2] or 1, parts[3], parts[4], parts[5])
    except ValueError:
        return None


def add_duration(date: dt.datetime, duration: Duration) -> dt.datetime:
    month = date.month - 1 + duration.months
    year, month = date.year + month // 12, month % 12 + 1
    day = min(date.day, _month_days(year, month))
    return date.replace(year=year, month=month, day=day) + dt.timedelta(seconds=duration.seconds)


def _month_days(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def truthy(value: Value) -> bool:
    """Dataview's truthiness: null, false, 0, "" and empty lists/objects are false."""
    if value is None or value is False:
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str | list | dict):
        return len(value) > 0
    if isinstance(value, Duration):
        return value.approx_seconds() != 0
    return True


def sort_key(value: Value) -> tuple:
    """Dataview's order as a key for `sorted`: null first, then by type (booleans, numbers,
    text, dates, durations, links, lists, objects), then by value; text ignores case first."""
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, int | float):
        return (2, value)
    if isinstance(value, str):
        return (3, value.casefold(), value)
    if isinstance(value, dt.datetime):
        return (4, value)
    if isinstance(value, Duration):
        return (5, value.approx_seconds())
    if isinstance(value, Link):
        return (6, value.name.casefold(), value.path)
    if isinstance(value, list | tuple):
        return (7, tuple(sort_key(v) for v in value))
    if isinstance(value, dict):
        return (8, tuple(sorted((str(k), to_text(v)) for k, v in value.items())))
    return (9, to_text(value))


def compare(a: Value, b: Value) -> int:
    """-1, 0 or 1 in `sort_key`'s order."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


_PLAIN = (str, int, float, type(None))


def equal(a: Value, b: Value) -> bool:
    if type(a) is type(b) and type(a) in _PLAIN:
        return a == b  # the common case, without building keys
    return sort_key(a) == sort_key(b)


def format_date(value: dt.datetime) -> str:
    """ISO: readable in every language the site may be in."""
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d %H:%M")


def format_duration(value: Duration) -> str:
    parts = []
    years, months = divmod(value.months, 12)
    seconds = int(value.seconds)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    for amount, unit in ((years, "y"), (months, "mo"), (days, "d"), (hours, "h"), (minutes, "m")):
        if amount:
            parts.append(f"{amount}{unit}")
    if seconds or not parts:
        parts.append(f"{seconds}s")
    return " ".join(parts)


def format_number(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def to_text(value: Value) -> str:
    """The plain text of a value, as string concatenation and `string()` show it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return format_date(value)
    if isinstance(value, Duration):
        return format_duration(value)
    if isinstance(value, Link):
        return value.display or value.name
    if isinstance(value, list):
        return ", ".join(to_text(v) for v in value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {to_text(v)}" for k, v in value.items()) + "}"
    return str(value)
