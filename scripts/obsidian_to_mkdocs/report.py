"""Diagnostics (file:line) collected during a conversion, and the end-of-build summary."""

from __future__ import annotations

from dataclasses import dataclass, field


def describe(exc: BaseException) -> str:
    """An unexpected exception, short enough for a report line (no traceback: it names no note;
    the diagnostic carrying this does)."""
    return f"{type(exc).__name__}: {exc}"[:300]


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the vault, pointing at the note and line that caused it."""

    level: str  # "warning" or "error"
    path: str  # vault-relative path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{self.level.upper()} {where}: {self.message}"


@dataclass
class Report:
    """What a conversion did; printed at the end of every build."""

    notes_read: int = 0
    notes_published: int = 0
    notes_rendered: int = 0  # the rest were reused from the previous run's cache
    pages_written: int = 0
    pages_unchanged: int = 0
    files_removed: int = 0
    attachments_copied: int = 0
    links_resolved: int = 0
    links_unresolved: int = 0
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, path: str, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", path, line, message))

    def error(self, path: str, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("error", path, line, message))

    def summary(self) -> str:
        return (
            f"obsidian-to-mkdocs: {self.notes_read} notes read, "
            f"{self.notes_published} published ({self.notes_rendered} rendered, "
            f"{self.notes_published - self.notes_rendered} unchanged), "
            f"{self.pages_written} pages written "
            f"({self.pages_unchanged} unchanged, {self.files_removed} removed), "
            f"{self.attachments_copied} attachments; links: {self.links_resolved} resolved, "
            f"{self.links_unresolved} unresolved; {len(self.diagnostics)} warnings; "
            f"{self.seconds:.2f} s"
        )

    def render(self, limit: int = 50) -> str:
        """The summary line preceded by the first `limit` diagnostics, sorted by file and line."""
        ordered = sorted(self.diagnostics, key=lambda d: (d.path, d.line or 0, d.message))
        lines = [str(d) for d in ordered[:limit]]
        if len(ordered) > limit:
            lines.append(f"... and {len(ordered) - limit} more warnings")
        lines.append(self.summary())
        return "\n".join(lines)
