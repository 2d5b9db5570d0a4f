"""Every case of every fixture file in tests/fixtures/: the Markdown we write for a note.

The test id is the case's title, which starts with the OFM-SPEC row it proves
(tests/fixtures/README.md lists the ids).
"""

from __future__ import annotations

import pytest

from tests.fixtures.reader import FIXTURES, cases, fixture_names, render

CASES = [
    pytest.param(note, expected, id=f"{name}: {title}")
    for name in fixture_names()
    for title, note, expected in cases(name)
]


@pytest.mark.parametrize(("note", "expected"), CASES)
def test_fixture(note: str, expected: str) -> None:
    assert render(note)[0] == expected


def test_every_case_title_starts_with_a_spec_row_id() -> None:
    readme = FIXTURES / "README.md"
    ids = {line.split("`")[1] for line in readme.read_text().splitlines() if line.startswith("| `")}
    for name in fixture_names():
        for title, _, _ in cases(name):
            assert title.split()[0] in ids, f"{name}.md: {title!r} names no row of README.md"
