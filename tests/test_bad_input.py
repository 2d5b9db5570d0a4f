"""Bad input gets a clear message naming the file (and line), the note is skipped or degraded
as Obsidian would, and every other note still builds (issue #6)."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from obsidian_to_mkdocs import Options, convert

from .conftest import mkdocs_build, write_vault

BIG_NOTE = "".join(
    f"Paragraph {i} with [[Target]] and #tag{i % 50} ==mark==.\n\n" for i in range(60000)
)

CASES: dict[str, str | bytes] = {
    "Target.md": "# Target\n",
    "bad yaml.md": "---\ntitle: [unclosed\n---\nbody\n",
    "tab yaml.md": "---\ntitle: x\n\ttags: [a]\n---\nbody\n",
    "latin1.md": "caf\u00e9 ok\nline two \u00e9".encode("latin-1"),
    "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "bom.md": "\ufeff---\ntitle: With BOM\n---\nBOM body [[Target]]\n",
    "crlf.md": "---\r\ntitle: CRLF note\r\n---\r\nline one\r\nline [[Target]]\r\n",
    "empty.md": "",
    "front matter only.md": "---\ntitle: Only front matter\n---\n",
    "empty front matter.md": "---\n---\nbody after empty front matter\n",
    "unterminated fence.md": "before\n\n```python\nx = '[[Target]]'\n",
    "unterminated callout.md": "> [!note] Title\n> body\nlazy line\n- list\n",
    "self embed.md": "![[self embed]]\n",
    "cycle a.md": "![[cycle b]]\n",
    "cycle b.md": "![[cycle a]]\n",
    "many links.md": " ".join(f"[[Target|t{i}]]" for i in range(5000)) + "\n",
    "Case.md": "upper [[case]]\n",
    "case.md": "lower [[Case]]\n",
    unicodedata.normalize("NFC", "Café.md"): "nfc\n",
    unicodedata.normalize("NFD", "Café.md"): "nfd\n",
}


def _messages(report, path: str) -> list[str]:
    return [str(d) for d in report.diagnostics if d.path == path]


def test_each_bad_input_is_reported_or_handled_and_the_rest_builds(tmp_path):
    vault = write_vault(tmp_path / "vault", CASES)
    site, report = mkdocs_build(vault, tmp_path / "out")
    docs = tmp_path / "out" / "docs"
    expectations = {
        "bad yaml.md": "bad yaml.md:2: front matter is not valid YAML",
        "tab yaml.md": "tab yaml.md:3: front matter is not valid YAML",
        "latin1.md": "latin1.md:1: not valid UTF-8",
        "binary.md": "binary.md: binary file",
    }
    for path, expected in expectations.items():
        assert any(expected in m for m in _messages(report, path)), (path, report.render())
    for path in ("latin1.md", "binary.md"):
        assert not (docs / path).exists()
    for path in ("bad yaml.md", "tab yaml.md"):  # Obsidian shows the body: so does the site
        assert (docs / path).read_text().rstrip().endswith("body"), path
    assert "title: With BOM" in (docs / "bom.md").read_text()
    assert "title: CRLF note" in (docs / "crlf.md").read_text()
    assert "\r" not in (docs / "crlf.md").read_text()
    for path in (
        "empty.md",
        "front matter only.md",
        "empty front matter.md",
        "unterminated fence.md",
        "unterminated callout.md",
        "many links.md",
    ):
        assert (docs / path).is_file(), path
        assert (site / path[:-3] / "index.html").is_file(), path
    assert not (docs / "empty front matter.md").read_text().startswith("---\n---")
    assert "x = '[[Target]]'" in (docs / "unterminated fence.md").read_text()
    assert any("cycle" in m for m in _messages(report, "self embed.md"))
    assert any("cycle" in m for m in _messages(report, "cycle a.md"))
    assert (docs / "many links.md").read_text().count("(Target.md)") == 5000
    assert (docs / "Case.md").is_file() and (docs / "case.md").is_file()
    assert "(case.md)" in (docs / "Case.md").read_text()
    assert "(Case.md)" in (docs / "case.md").read_text()
    written = {unicodedata.normalize("NFC", p.name) for p in docs.glob("Caf*.md")}
    assert written == {"Café.md"} and len(list(docs.glob("Caf*.md"))) == 2


@pytest.mark.slow
def test_a_very_big_note_converts_and_builds(tmp_path):
    """60,000 paragraphs (3.3 MB): about 30 CPU seconds of conversion and Material build, a
    third of the fast suite, so it runs with the slow tests."""
    vault = write_vault(tmp_path / "vault", {"Target.md": "# Target\n", "big.md": BIG_NOTE})
    site, report = mkdocs_build(vault, tmp_path / "out")
    docs = tmp_path / "out" / "docs"
    assert (docs / "big.md").is_file() and (site / "big" / "index.html").is_file()
    assert (docs / "big.md").read_text().count("(Target.md)") == 60000
    assert report.links_resolved >= 60000


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    front=st.text(alphabet=string.printable + "：中文\t", max_size=80),
    body=st.text(alphabet=string.printable + "#[]!=%^$>|`~中文", max_size=300),
)
def test_fuzzed_front_matter_and_text_never_crash_or_write_outside_docs(tmp_path, front, body):
    case = tmp_path / str(abs(hash((front, body))))
    vault = write_vault(case / "vault", {"N.md": f"---\n{front}\n---\n{body}", "O.md": "[[N]]"})
    docs = case / "docs"
    convert(Options(vault=vault, docs_dir=docs, show_progress=False))
    cache = case / ".cache"  # the incremental-conversion cache, beside docs/
    outputs = (docs, vault, cache)
    outside = [p for p in case.rglob("*") if not any(p.is_relative_to(o) for o in outputs)]
    assert outside == []
    assert (docs / "O.md").is_file()
    assert sorted(p.name for p in vault.iterdir()) == ["N.md", "O.md"]
