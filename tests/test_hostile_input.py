"""Hostile input whose output stays bounded and inert (issue #17, part B).

Runs of unclosed `[[`, `[`, `^[` and `![[` in one paragraph are shown as the text they are;
notes that each embed the next several times stop at the page's embed budget with a visible
marker and one warning; front matter that Material would act on (`icon:`, `hide:`,
`template:`…) does not reach it, and titles and descriptions are shown as text. How long the
runs take is measured in benchmarks/bench_pathological.py, not here.
"""

from __future__ import annotations

import json

import pytest
import yaml

from obsidian_to_mkdocs.context import MAX_EMBEDDED_CHARS_PER_PAGE, MAX_EMBEDS_PER_PAGE
from obsidian_to_mkdocs.labels import labels

from .conftest import article, mkdocs_build, page, write_vault

RUN = 4000


@pytest.mark.parametrize("unit", ["[[", "[", "^[", "![[", "[[x"])
def test_a_run_of_unclosed_brackets_is_shown_as_text(convert_vault, unit):
    text = " ".join([unit] * RUN)
    docs, report, html_of = convert_vault({"Run.md": f"before {text} after\n"})
    shown = " ".join(html_of("Run.md").text_content().split())
    assert shown == f"before {text} after"
    assert report.diagnostics == []


def test_brackets_closed_after_a_run_still_make_a_link(convert_vault):
    text = "[[ " * RUN + "[[Target]]"
    docs, report, html_of = convert_vault({"Run.md": text + "\n", "Target.md": "t\n"})
    links = html_of("Run.md").cssselect("a")
    assert [a.get("href") for a in links] == ["Target.md"]
    assert html_of("Run.md").text_content().count("[[") == RUN


def _chain(depth: int, fan_out: int = 4) -> dict[str, str]:
    """n0 embeds n1 `fan_out` times, n1 embeds n2 so, ...: n0 holds fan_out ** depth leaves."""
    notes = {
        f"n{i}.md": f"Note {i}.\n\n" + "\n\n".join([f"![[n{i + 1}]]"] * fan_out) + "\n"
        for i in range(depth)
    }
    notes[f"n{depth}.md"] = "leaf\n"
    return notes


@pytest.mark.parametrize("language", ["en", "zh"])
def test_embeds_stop_at_the_page_budget_with_a_marker(convert_vault, language):
    # n0 would hold 4 + 16 + ... + 4**7 = 21,844 embeds; n3 holds 340, within the budget
    docs, report, html_of = convert_vault(_chain(7), language=language)
    marker = labels(language)["embed_budget"]
    n0 = html_of("n0.md")
    boxes = n0.cssselect(".admonition.ofm-embed")
    assert len(boxes) == MAX_EMBEDS_PER_PAGE
    stopped = n0.cssselect("em.ofm-embed-budget")
    assert stopped and all(em.text_content() == marker for em in stopped)
    assert (docs / "n0.md").stat().st_size < 400_000  # 21,844 boxes would be megabytes
    warnings = [d for d in report.diagnostics if "embeds stop here" in d.message]
    assert sorted(d.path for d in warnings) == ["n0.md", "n1.md", "n2.md"]  # one per page
    n3 = html_of("n3.md")
    assert len(n3.cssselect(".admonition.ofm-embed")) == 4 + 16 + 64 + 256
    assert not n3.cssselect("em.ofm-embed-budget")


def test_a_note_larger_than_the_budget_is_linked_not_embedded(convert_vault):
    big = ("word " * 1000 + "\n\n") * (MAX_EMBEDDED_CHARS_PER_PAGE // 5000 + 1)
    docs, report, html_of = convert_vault(
        {"Big.md": big, "Small.md": "small\n", "Host.md": "![[Big]]\n\n![[Small]]\n"}
    )
    host = html_of("Host.md")
    assert [a.get("href") for a in host.cssselect("p > a")] == ["Big.md", "Small.md"]
    assert len(host.cssselect("em.ofm-embed-budget")) == 2  # nothing more after the first
    assert not host.cssselect(".admonition.ofm-embed")


HOSTILE_FRONT_MATTER = """---
title: 'A <b>bold</b> & "quoted" title'
description: 'x"><img src=x onerror=alert(1)>'
aliases: [Other name]
cssclasses: [wide]
icon: trees
hide: [navigation, toc]
template: missing.html
status: new
subtitle: A subtitle from the note
search: {exclude: true}
---
Body text of the note.
"""


def test_front_matter_reaches_material_only_as_we_mean_it(tmp_path):
    vault = write_vault(
        tmp_path / "vault", {"Note.md": HOSTILE_FRONT_MATTER, "Other.md": "See [[Note]].\n"}
    )
    site, report = mkdocs_build(vault, tmp_path / "out")  # `icon: trees` aborted this build

    head = (tmp_path / "out" / "docs" / "Note.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(head.split("---\n")[1])
    assert set(meta) <= {"title", "description", "tags", "date", "updated", "obsidian"}
    assert meta["obsidian"] == {"aliases": ["Other name"], "cssclasses": ["wide"]}

    note = page(site, "Note")
    assert article(site, "Note").cssselect("h1")[0].text_content() == (
        'A <b>bold</b> & "quoted" title'
    )
    assert note.cssselect("meta[name=description]")[0].get("content") == (
        'x"><img src=x onerror=alert(1)>'
    )
    assert not note.cssselect("img[src=x]")
    # Material acted on none of the note's settings: navigation and TOC shown, no status or
    # subtitle, the default template, and the page is in the search index with its alias
    assert not note.cssselect("[data-md-type=navigation][hidden], [data-md-type=toc][hidden]")
    assert "A subtitle from the note" not in (site / "Note" / "index.html").read_text("utf-8")
    assert not note.cssselect(".md-status")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [doc for doc in index["docs"] if doc["location"] == "Note/"]
    assert entries and entries[0]["aliases"] == "Other name"
    assert (site / "Other name" / "index.html").exists()  # the alias's redirect page
