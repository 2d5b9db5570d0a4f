"""What a query produced, before it is written as Markdown: the same shapes for both languages."""

from __future__ import annotations

from dataclasses import dataclass, field

from .values import Value


@dataclass
class Group:
    """Rows under one heading (a GROUP BY key, a Bases group, a task's note); key None: none."""

    key: Value
    rows: list[list[Value]]  # one list of cells per row
    tasks: list[dict] = field(default_factory=list)


@dataclass
class Result:
    """`kind` is table, list, task or cards; `headers` name the cells of each row."""

    kind: str
    headers: list[str]
    groups: list[Group]
    summaries: list[Value] | None = None  # Bases: one value per column, or None
    image: int | None = None  # cards: which cell is the image
    fallback: str = ""  # a view type drawn as a table instead (`map`)

    @property
    def count(self) -> int:
        return sum(len(g.rows) + len(g.tasks) for g in self.groups)
