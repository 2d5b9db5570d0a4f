"""Bases conformance: `.base` files, `base` fences and `![[X.base#View]]` embeds, each case a
small vault written here; expected rows follow Obsidian's Bases help pages (syntax, views,
functions, summaries). One case builds the site with the real MkDocs + Material."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html

from .conftest import mkdocs_build, write_vault

NOTES = {
    "Books/Dune.md": "---\nauthor: Frank Herbert\nprice: 10\nread: true\ncover: dune.png\n"
    "tags: [book, scifi]\ncreated: 2024-01-05\n---\nSee [[Emma]].\n",
    "Books/Emma.md": "---\nauthor: Jane Austen\nprice: 7.5\nread: false\ntags: [book]\n---\n",
    "Books/Ubik.md": "---\nauthor: Philip K. Dick\nprice: 4\ntags: [book, scifi]\n---\n",
    "Other/Plan.md": "---\nprice: 100\n---\nno tags\n",
    "Secret.md": "---\npublish: false\nauthor: CANARY\nprice: 1\ntags: [book]\n---\n",
    "Books/dune.png": b"\x89PNG\r\n\x1a\n",
}


@pytest.fixture
def base(convert_vault):
    """The HTML of N.md holding a `base` fence with `yaml`, and the report."""

    def run(yaml: str, note: str = "", **extra: str):
        text = f"{note}```base\n{yaml}\n```\n"
        _, report, html_of = convert_vault({**NOTES, **extra, "N.md": text})
        return html_of("N.md"), report

    return run


def rows(root: html.HtmlElement, number: int = 0) -> list[list[str]]:
    table = root.cssselect(".ofm-query-result table")[number]
    return [[c.text_content().strip() for c in tr.cssselect("th, td")] for tr in table.iter("tr")]


def names(root: html.HtmlElement) -> list[str]:
    return [r[0] for r in rows(root)[1:]]


BOOKS = 'filters:\n  and:\n    - file.hasTag("book")\n'


def test_table_view_order_and_default_sort_by_path(base):
    root, _ = base(BOOKS + "views:\n  - type: table\n    order: [file.name, author, price]")
    assert rows(root) == [
        ["file.name", "author", "price"],
        ["Dune", "Frank Herbert", "10"],
        ["Emma", "Jane Austen", "7.5"],
        ["Ubik", "Philip K. Dick", "4"],
    ]


def test_filter_or(base):
    yaml = 'filters:\n  or:\n    - file.inFolder("Other")\n    - author == "Jane Austen"\n'
    root, _ = base(yaml + "views:\n  - type: table")
    assert names(root) == ["Emma", "Plan"]


def test_filter_not(base):
    yaml = (
        BOOKS + "views:\n  - type: table\n    filters:\n      not:\n        - file.hasTag('scifi')"
    )
    root, _ = base(yaml)
    assert names(root) == ["Emma"]


def test_filter_string_expression_with_comparison(base):
    root, _ = base("filters: 'price > 5 && price < 50'\nviews:\n  - type: table")
    assert names(root) == ["Dune", "Emma"]


def test_filter_nested_and_or(base):
    yaml = (
        "filters:\n  and:\n    - file.hasTag('book')\n    - or:\n"
        "        - read == true\n        - price < 5\nviews:\n  - type: table"
    )
    root, _ = base(yaml)
    assert names(root) == ["Dune", "Ubik"]


def test_formulas_and_display_names(base):
    yaml = BOOKS + (
        "formulas:\n  euro: '(price * 2).toFixed(2)'\n  cheap: 'if(price < 8, \"yes\", \"no\")'\n"
        "properties:\n  formula.euro:\n    displayName: Double\n"
        "  author:\n    displayName: Writer\n"
        "views:\n  - type: table\n    order: [file.name, author, formula.euro, formula.cheap]"
    )
    root, _ = base(yaml)
    assert rows(root) == [
        ["file.name", "Writer", "Double", "cheap"],
        ["Dune", "Frank Herbert", "20.00", "no"],
        ["Emma", "Jane Austen", "15.00", "yes"],
        ["Ubik", "Philip K. Dick", "8.00", "yes"],
    ]


def test_sort_descending_and_limit(base):
    yaml = BOOKS + (
        "views:\n  - type: table\n    sort:\n      - property: price\n        direction: DESC\n"
        "    limit: 2"
    )
    root, _ = base(yaml)
    assert names(root) == ["Dune", "Emma"]


def test_group_by(base):
    yaml = BOOKS + (
        "views:\n  - type: table\n    order: [file.name]\n    groupBy:\n"
        "      property: read\n      direction: DESC"
    )
    root, _ = base(yaml)
    groups = [b.text_content() for b in root.cssselect(".ofm-query-result > p > strong")]
    assert groups == ["true", "false", "-"]
    assert [names_of(root, i) for i in range(3)] == [["Dune"], ["Emma"], ["Ubik"]]


def names_of(root: html.HtmlElement, number: int) -> list[str]:
    return [r[0] for r in rows(root, number)[1:]]


def summarised(prop: str, summary: str) -> str:
    """A table view of file.name and `prop`, with `summary` under `prop`."""
    return (
        f"views:\n  - type: table\n    order: [file.name, {prop}]\n"
        f"    summaries:\n      {prop}: {summary}"
    )


SUMMARIES = [
    ("Average", "7.17"),
    ("Sum", "21.5"),
    ("Min", "4"),
    ("Max", "10"),
    ("Range", "6"),
    ("Median", "7.5"),
    ("Stddev", "2.46"),
    ("Filled", "3"),
    ("Empty", "0"),
    ("Unique", "3"),
]


@pytest.mark.parametrize(("summary", "expected"), SUMMARIES, ids=[s for s, _ in SUMMARIES])
def test_summary(base, summary, expected):
    yaml = BOOKS + summarised("price", summary)
    root, _ = base(yaml)
    assert rows(root)[-1] == ["", expected]


@pytest.mark.parametrize(("summary", "expected"), [("Checked", "1"), ("Unchecked", "1")])
def test_summary_checkbox(base, summary, expected):
    yaml = BOOKS + summarised("read", summary)
    root, _ = base(yaml)
    assert rows(root)[-1] == ["", expected]  # Ubik has no `read`: neither checked nor unchecked


@pytest.mark.parametrize(
    ("summary", "expected"), [("Earliest", "2024-01-05"), ("Latest", "2024-01-05")]
)
def test_summary_dates(base, summary, expected):
    yaml = BOOKS + summarised("created", summary)
    root, _ = base(yaml)
    assert rows(root)[-1] == ["", expected]


def test_cards_image_from_a_link_property(base):
    yaml = BOOKS + "views:\n  - type: cards\n    image: note.cover\n    order: [file.name]"
    dune = NOTES["Books/Dune.md"].replace("cover: dune.png", 'cover: "[[dune.png]]"')
    root, _ = base(yaml, **{"Books/Dune.md": dune})
    assert root.cssselect(".grid.cards li")[0].cssselect("img")[0].get("src") == "Books/dune.png"


def test_link_property_is_a_link(base):
    emma = NOTES["Books/Emma.md"].replace("read: false", 'read: false\nnext: "[[Ubik]]"')
    root, _ = base(
        BOOKS + "views:\n  - type: table\n    order: [file.name, next]", **{"Books/Emma.md": emma}
    )
    emma_row = root.cssselect(".ofm-query-result tr")[2]
    (link,) = emma_row.cssselect("td")[1].cssselect("a")
    assert link.text_content() == "Ubik" and "Ubik" in link.get("href")


def test_display_name_of_note_property_names_its_bare_column(base):
    yaml = BOOKS + "properties:\n  note.author:\n    displayName: Writer\n"
    root, _ = base(yaml + "views:\n  - type: table\n    order: [file.name, author]")
    assert rows(root)[0] == ["file.name", "Writer"]


def test_cards_view_with_image(base):
    yaml = BOOKS + "views:\n  - type: cards\n    image: cover\n    order: [file.name, author]"
    root, _ = base(yaml)
    cards = root.cssselect(".grid.cards li")
    assert [c.cssselect("strong a")[0].text_content() for c in cards] == ["Dune", "Emma", "Ubik"]
    assert cards[0].cssselect("img")[0].get("src") == "Books/dune.png"
    assert "author: Jane Austen" in cards[1].text_content()


def test_list_view(base):
    root, _ = base(BOOKS + "views:\n  - type: list\n    order: [file.name, author]")
    items = [li.text_content() for li in root.cssselect(".ofm-query-list li")]
    assert items == ["Dune: Frank Herbert", "Emma: Jane Austen", "Ubik: Philip K. Dick"]


def test_map_view_falls_back_to_a_table_and_says_so(base):
    root, _ = base(BOOKS + "views:\n  - type: map\n    order: [file.name]")
    assert names(root) == ["Dune", "Emma", "Ubik"]
    assert "map view is shown as a table" in root.text_content()


def test_functions_has_link_has_property_contains_round_date(base):
    formulas = (
        "formulas:\n  r: 'price.round()'\n  d: 'date(\"2024-02-01\") > created'\n"
        "  c: 'author.contains(\"Dick\")'\n"
    )
    yaml = (
        "filters:\n  and:\n    - file.hasProperty('author')\n    - '!file.hasLink(\"Emma\")'\n"
        + formulas
        + "views:\n  - type: table\n    order: [file.name, formula.r, formula.d, formula.c]"
    )
    root, _ = base(yaml)
    assert rows(root)[1:] == [["Emma", "8", "false", "false"], ["Ubik", "4", "false", "true"]]


def test_today_and_now_are_the_build_date(base):
    yaml = (
        BOOKS
        + "formulas:\n  t: 'today().format(\"YYYY-MM-DD\")'\n"
        + "views:\n  - type: table\n    order: [formula.t]\n    limit: 1"
    )
    root, _ = base(yaml)
    assert rows(root)[1] == [dt.date.today().isoformat()]
    assert dt.date.today().isoformat() in root.cssselect(".ofm-query-date")[0].text_content()


def test_this_is_the_embedding_note(base):
    yaml = "filters: 'file.hasLink(this.file)'\nviews:\n  - type: table"
    root, _ = base(yaml, **{"Books/Emma.md": NOTES["Books/Emma.md"] + "Back to [[N]].\n"})
    assert names(root) == ["Emma"]


def test_unpublished_note_never_in_results(base):
    root, _ = base("views:\n  - type: table\n    order: [file.name, author, price]")
    assert "CANARY" not in root.text_content() and "Secret" not in root.text_content()


def test_bad_filter_is_a_local_error_box(base):
    root, report = base("filters: 'price >'\nviews:\n  - type: table", note="before\n\n")
    assert root.cssselect(".admonition.ofm-query-error")
    assert root.cssselect("p")[0].text_content() == "before"
    assert any(d.path == "N.md" and d.line == 4 for d in report.diagnostics)


def test_embedded_view_failing_as_it_runs_is_a_local_error_box(convert_vault):
    bad = BOOKS + "views:\n  - type: table\n    order: [file.name, formula.x]\n"
    bad = "formulas:\n  x: 'price.nosuch()'\n" + bad
    _, report, html_of = convert_vault({**NOTES, "B.base": bad, "N.md": "before\n\n![[B.base]]\n"})
    root = html_of("N.md")
    assert "nosuch" in root.cssselect(".admonition.ofm-query-error")[0].text_content()
    assert root.cssselect("p")[0].text_content() == "before"
    assert any(d.path == "N.md" and d.line == 3 for d in report.diagnostics)


def test_string_repeat(base):
    yaml = BOOKS + "formulas:\n  stars: '\"*\".repeat(price)'\n"
    root, _ = base(yaml + "views:\n  - type: table\n    order: [file.name, formula.stars]")
    assert rows(root)[1:] == [["Dune", "*" * 10], ["Emma", "*" * 7], ["Ubik", "****"]]


VIEWS = (
    BOOKS + "views:\n  - type: table\n    name: All\n    order: [file.name]\n"
    "  - type: table\n    name: Cheap\n    filters: 'price < 8'\n    order: [file.name]\n"
)


def test_embed_with_view_shows_that_view(convert_vault):
    _, _, html_of = convert_vault({**NOTES, "B.base": VIEWS, "N.md": "![[B.base#Cheap]]\n"})
    assert names(html_of("N.md")) == ["Emma", "Ubik"]


def test_base_file_page_has_every_view_as_tabs(convert_vault):
    _, _, html_of = convert_vault({**NOTES, "B.base": VIEWS})
    root = html_of("B.base.md")
    assert [label.text_content() for label in root.cssselect(".tabbed-labels label")] == [
        "All",
        "Cheap",
    ]
    assert names_of(root, 0) == ["Dune", "Emma", "Ubik"] and names_of(root, 1) == ["Emma", "Ubik"]


def test_real_mkdocs_build_renders_the_table(tmp_path):
    vault = write_vault(
        tmp_path / "vault",
        {**NOTES, "N.md": "```dataview\nTABLE author, price FROM #book SORT price DESC\n```\n"},
    )
    site, _ = mkdocs_build(vault, tmp_path / "out")
    page = html.parse(str(site / "N" / "index.html")).getroot()
    table = page.cssselect("article .ofm-query-result table")[0]
    body = [
        [c.text_content().strip() for c in tr.cssselect("td")] for tr in table.cssselect("tbody tr")
    ]
    assert body == [
        ["Dune", "Frank Herbert", "10"],
        ["Emma", "Jane Austen", "7.5"],
        ["Ubik", "Philip K. Dick", "4"],
    ]
    assert table.cssselect("a")[0].get("href") == "../Books/Dune/"


def test_link_to_a_base_opens_its_page(convert_vault):
    docs, _, html_of = convert_vault({**NOTES, "B.base": VIEWS, "N.md": "See [[B.base]]."})
    assert html_of("N.md").cssselect("a")[0].get("href") == "B.base.md"
    assert not (docs / "B.base").exists()  # the YAML itself is not published
