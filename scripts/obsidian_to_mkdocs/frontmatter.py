"""Reading front matter as its author meant it, within bounds.

- Nesting is bounded: deep `[[[…` is an error, never a crash of the whole conversion.
- YAML aliases are bounded: `&a [*b, *b, …]` nine deep is a few hundred bytes that expand to
  hundreds of millions of values (6 GB once turned into text); a document that would expand
  beyond MAX_VALUES is refused like invalid YAML.
- An impossible date (`2024-13-45`, `2024-02-30`) stays the text it is, with a warning, instead
  of aborting the whole conversion.
- Publication flags (`publish`, `draft`, `private`) are read as a person means them: any case
  of the key, `"false"`/`"no"`/`"off"`/`"0"` strings; a key given twice takes its most private
  value (PyYAML alone keeps the last), and an odd value counts as private, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_VALUES = 100_000  # nodes once aliases are expanded; real front matter has dozens
# `[[[…` 100,000 deep crashes libyaml's composer (a segfault, not an exception), and recurses
# past Python's limit in PyYAML's: deeper collections are refused before they are composed
MAX_DEPTH = 100
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster, same rules
TRUE_WORDS = frozenset({"true", "yes", "on", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "off", "0", "n"})
# key -> the value of that flag which keeps a note private
PRIVATE_WHEN = {"publish": False, "draft": True, "private": True}


@dataclass
class FrontMatter:
    data: Any  # what the YAML says (the last of duplicate keys, as PyYAML gives it)
    pairs: list[tuple[Any, Any]] = field(default_factory=list)  # top level, duplicates kept
    problems: list[tuple[int, str]] = field(default_factory=list)  # (0-based YAML line, text)


class _Bounded:
    """SafeLoader that checks the expanded size first and keeps impossible dates as text."""

    problems: list[tuple[int, str]]
    pairs: list[tuple[Any, Any]]

    def construct_document(self, node: Node) -> Any:
        _check_size(node)
        if isinstance(node, MappingNode):  # first: the document below reuses these objects
            self.pairs = [
                (self.construct_object(k, deep=True), self.construct_object(v, deep=True))
                for k, v in node.value
            ]
        return super().construct_document(node)

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return SafeConstructor.construct_yaml_timestamp(self, node)
        except ValueError as exc:
            self.problems.append((node.start_mark.line, f"{node.value!r} is not a date ({exc})"))
            return node.value


class _Loader(_Bounded, _BASE_LOADER):  # type: ignore[misc, valid-type]
    """libyaml's when installed: fast, but its composer recurses in C (see _too_deep)."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Bounded.construct_yaml_timestamp)


def _too_deep(text: str) -> bool:
    """Whether collections nest deeper than MAX_DEPTH: read from the parser's events (no
    recursion), stopping at the first one past it, so `[[[…` costs what MAX_DEPTH of it costs.
    Only text with more than MAX_DEPTH `[`/`{` can be that deep."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return False


class TooLarge(ConstructorError):
    """Front matter refused for its expanded size (an alias bomb) or its depth: hostile, not a
    typo, so the note stays private."""


def _check_size(root: Node) -> None:
    """Count the values the document holds once every alias is expanded (each node's expanded
    size computed once: linear in the document's size, however much it would expand)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        if not children_done:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        sizes[id(node)] = min(1 + sum(sizes.get(id(c), 1) for c in children), MAX_VALUES + 1)
    if sizes[id(root)] > MAX_VALUES:
        raise TooLarge(
            None, None, f"YAML aliases expand to more than {MAX_VALUES:,} values", root.start_mark
        )


def load(text: str) -> FrontMatter:
    """The front matter's YAML; yaml.YAMLError when it is not valid (or expands too far)."""
    if _too_deep(text):
        raise TooLarge(None, None, f"nested deeper than {MAX_DEPTH} levels", None)
    loader = _Loader(text)
    loader.problems, loader.pairs = [], []
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return FrontMatter(data, loader.pairs, loader.problems)


@dataclass(frozen=True)
class Publication:
    published: bool
    explicit_publish: bool  # `publish: true` (or a word meaning it), for allow-list mode
    problems: tuple[str, ...] = ()


def publication(pairs: list[tuple[Any, Any]]) -> Publication:
    """Whether the note is published, from every publication key given (in any case)."""
    private, explicit, problems = False, False, []
    for key, value in pairs:
        name = str(key).strip().lower()
        if name not in PRIVATE_WHEN:
            continue
        if value is None or value == "":
            continue  # an empty property: not set
        flag = _flag(value)
        if flag is None:
            problems.append(f"{key}: {value!r} is neither true nor false; the note stays private")
            private = True
        elif flag == PRIVATE_WHEN[name]:
            private = True
        elif name == "publish":
            explicit = True
    return Publication(not private, explicit and not private, tuple(problems))


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None
