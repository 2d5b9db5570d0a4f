"""Dataview conformance: each case is a small vault written here, converted, rendered by the
real Python-Markdown with mkdocs.yml's extensions, and the rows read back from the HTML.

Expected rows follow Dataview's documentation (blacksmithgu.github.io/obsidian-dataview):
query types, data commands, sources, functions and expressions. Test names name the construct.
"""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import html

from obsidian_to_mkdocs import Options, convert

BOOKS = {
    "Books/Dune.md": "---\nauthor: Frank Herbert\nrating: 5\ntags: [book, scifi]\n"
    "created: 2024-01-05\n---\nA classic.\n\nstatus:: read\n- [ ] reread it\n- [x] buy it\n",
    "Books/Emma.md": "---\nauthor: Jane Austen\nrating: 4\ntags: [book]\n---\n"
    "Links to [[Dune]].\n\ngenre:: romance\n",
    "Books/Ubik.md": "---\nauthor: Philip K. Dick\nrating: 4\ntags: [book, scifi]\n---\n"
    "[status:: unread] and (genre:: scifi)\n- [ ] read it #urgent\n",
    "Secret.md": "---\npublish: false\ntags: [book]\nrating: 9\nauthor: CANARY\n---\n[[Dune]]\n",
}


@pytest.fixture
def query(convert_vault):
    """The HTML of N.md holding `text` beside the book notes, and the conversion's report."""

    def run(text: str, **extra: str):
        _, report, html_of = convert_vault({**BOOKS, **extra, "N.md": text})
        return html_of("N.md"), report

    return run


def rows(root: html.HtmlElement) -> list[list[str]]:
    """Header and body rows of the first result table, as cell texts."""
    (table,) = root.cssselect(".ofm-query-result table")[:1]
    return [[c.text_content().strip() for c in tr.cssselect("th, td")] for tr in table.iter("tr")]


def items(root: html.HtmlElement) -> list[str]:
    return [li.text_content().strip() for li in root.cssselect(".ofm-query-result li")]


def fence(query_text: str) -> str:
    return f"```dataview\n{query_text}\n```\n"


# Query types ----------------------------------------------------------------------------------


def test_table_with_columns_as_and_file_column(query):
    root, _ = query(fence('TABLE author, rating AS "Stars"\nFROM "Books"'))
    assert rows(root) == [
        ["File", "author", "Stars"],
        ["Dune", "Frank Herbert", "5"],
        ["Emma", "Jane Austen", "4"],
        ["Ubik", "Philip K. Dick", "4"],
    ]


def test_table_without_id(query):
    root, _ = query(fence('TABLE WITHOUT ID author AS "Who"\nFROM "Books"\nSORT author'))
    assert rows(root) == [["Who"], ["Frank Herbert"], ["Jane Austen"], ["Philip K. Dick"]]


def test_table_links_point_at_the_note_pages(query):
    root, _ = query(fence('TABLE rating FROM "Books" LIMIT 1'))
    (link,) = root.cssselect(".ofm-query-result td a")
    assert link.get("href") == "Books/Dune.md"


def test_list_of_file_links(query):
    root, _ = query(fence('LIST FROM "Books"'))
    assert items(root) == ["Dune", "Emma", "Ubik"]


def test_list_with_expression(query):
    root, _ = query(fence('LIST author FROM "Books" WHERE rating = 5'))
    assert items(root) == ["Dune: Frank Herbert"]


def test_list_without_id(query):
    root, _ = query(fence('LIST WITHOUT ID author FROM "Books" SORT author DESC'))
    assert items(root) == ["Philip K. Dick", "Jane Austen", "Frank Herbert"]


def test_task_query_lists_tasks_under_their_note(query):
    root, _ = query(fence('TASK FROM "Books"'))
    result = root.cssselect(".ofm-query-task")[0]
    assert [a.text_content() for a in result.cssselect("p > a")] == ["Dune", "Ubik"]
    assert items(root) == ["reread it", "buy it", "read it #urgent"]
    checked = [bool(box.get("checked") is not None) for box in result.cssselect("input")]
    assert checked == [False, True, False]


def test_task_query_where_on_task_fields(query):
    root, _ = query(fence('TASK FROM "Books" WHERE !completed AND contains(text, "read")'))
    assert items(root) == ["reread it", "read it #urgent"]


# Sources (FROM) -------------------------------------------------------------------------------


def test_from_tag(query):
    root, _ = query(fence("LIST FROM #scifi"))
    assert items(root) == ["Dune", "Ubik"]


def test_from_folder_and_not_tag(query):
    root, _ = query(fence('LIST FROM "Books" AND -#scifi'))
    assert items(root) == ["Emma"]


def test_from_folder_takes_subfolders_not_look_alike_folders(query):
    more = {"Books/Old/Ilias.md": "old", "Bookshop/Ad.md": "ad", "Books.md": "the shelf"}
    root, _ = query(fence('LIST FROM "Books/"'), **more)
    assert items(root) == ["Dune", "Emma", "Ilias", "Ubik"]
    root, _ = query(fence('LIST FROM "Books" AND -"Books/Old"'), **more)
    assert items(root) == ["Dune", "Emma", "Ubik"]


def test_from_folder_without_such_folder_is_the_note_of_that_name(query):
    root, _ = query(fence('LIST FROM "Shelf"'), **{"Shelf.md": "the shelf", "Shelves/A.md": "a"})
    assert items(root) == ["Shelf"]


def test_from_tag_or_tag(query):
    root, _ = query(fence("LIST FROM #scifi OR #nothing"), **{"X.md": "#nothing here"})
    assert items(root) == ["Dune", "Ubik", "X"]


def test_from_link_means_notes_linking_to_it(query):
    root, _ = query(fence("LIST FROM [[Dune]]"))
    assert items(root) == ["Emma"]  # Secret.md links to Dune too, but is not published


def test_from_outgoing_link(query):
    root, _ = query(fence("LIST FROM outgoing([[Emma]])"))
    assert items(root) == ["Dune"]


def test_from_empty_link_is_this_note(query):
    root, _ = query(fence("LIST FROM [[]]"), **{"Fan.md": "I like [[N]]"})
    assert items(root) == ["Fan"]


# Data commands -------------------------------------------------------------------------------


def test_where_with_inline_fields(query):
    root, _ = query(fence('LIST FROM "Books" WHERE status = "read" OR genre = "scifi"'))
    assert items(root) == ["Dune", "Ubik"]


def test_sort_two_keys(query):
    root, _ = query(fence('TABLE rating FROM "Books" SORT rating DESC, file.name DESC'))
    assert [r[0] for r in rows(root)[1:]] == ["Dune", "Ubik", "Emma"]


def test_group_by_with_rows(query):
    root, _ = query(
        fence('TABLE length(rows) AS "N", rows.file.link AS "Books" FROM "Books" GROUP BY rating')
    )
    assert rows(root) == [["rating", "N", "Books"], ["4", "2", "EmmaUbik"], ["5", "1", "Dune"]]


def test_group_by_as_name_then_sort(query):
    root, _ = query(fence('TABLE length(rows) FROM "Books" GROUP BY rating AS r SORT r DESC'))
    assert [r[0] for r in rows(root)] == ["r", "5", "4"]


def test_flatten_list_field(query):
    root, _ = query(fence('TABLE WITHOUT ID file.name, t FROM "Books" FLATTEN file.etags AS t'))
    assert rows(root)[1:] == [
        ["Dune", "#book"],
        ["Dune", "#scifi"],
        ["Emma", "#book"],
        ["Ubik", "#book"],
        ["Ubik", "#scifi"],
        ["Ubik", "#urgent"],
    ]


def test_limit(query):
    root, _ = query(fence('LIST FROM "Books" SORT file.name DESC LIMIT 2'))
    assert items(root) == ["Ubik", "Emma"]


def test_limit_is_an_expression_such_as_this_field(query):
    root, _ = query("---\nshown: 2\n---\n" + fence('LIST FROM "Books" LIMIT this.shown'))
    assert items(root) == ["Dune", "Emma"]


def test_limit_of_text_is_an_error_as_in_dataview(query):
    # front matter "2" stays text in Dataview, whose LIMIT then fails: "limit should be a number"
    root, _ = query('---\nshown: "2"\n---\n' + fence('LIST FROM "Books" LIMIT this.shown'))
    assert "LIMIT" in root.cssselect(".ofm-query-error")[0].text_content()
    assert not root.cssselect(".ofm-query-result")


def test_this_is_the_querying_note(query):
    root, _ = query(
        "---\nwho: Jane Austen\n---\n" + fence('LIST FROM "Books" WHERE author = this.who')
    )
    assert items(root) == ["Emma"]


def test_inline_query_this_field(query):
    root, _ = query("---\nmood: happy\n---\nI am `= this.mood` today, in `= this.file.name`.")
    assert root.text_content().strip() == "I am happy today, in N."


def test_inline_query_field_of_a_linked_note(query):
    root, _ = query("Dune is rated `= [[Dune]].rating`.")
    assert root.text_content().strip() == "Dune is rated 5."


def test_implicit_file_fields(query):
    root, _ = query(
        fence(
            "TABLE WITHOUT ID file.name, file.folder, file.path, file.ext, file.ctime, "
            'length(file.tasks), file.inlinks FROM "Books" WHERE file.name = "Dune"'
        )
    )
    assert rows(root)[1] == ["Dune", "Books", "Books/Dune.md", "md", "2024-01-05", "2", "Emma"]


# Functions (expected values from Dataview's function reference) -----------------------------

FUNCTIONS = [
    ('contains("hello", "ell")', "true"),
    ("contains(list(1, 2, 3), 3)", "true"),
    ('icontains("Hello", "hello")', "true"),
    ('econtains(list("words", "and"), "word")', "false"),
    ("length(list(1, 2, 3))", "3"),
    ('lower("ABC")', "abc"),
    ('upper("abc")', "ABC"),
    ("default(null, 5)", "5"),
    ('choice(true, "yes", "no")', "yes"),
    ("round(3.14159, 2)", "3.14"),
    ("round(2.5)", "3"),
    ("sum(list(1, 2, 3))", "6"),
    ("min(3, 1, 2)", "1"),
    ("max(list(3, 1, 2))", "3"),
    ('join(list("a", "b"), "-")', "a-b"),
    ('regexmatch("[a-z]+", "hello")', "true"),
    ('regexreplace("abc", "[b]", "x")', "axc"),
    ('startswith("yes", "ye")', "true"),
    ('endswith("yes", "ye")', "false"),
    ('dateformat(date(2024-01-05), "dd.MM.yyyy")', "05.01.2024"),
    ("date(2024-01-05) + dur(1 day)", "2024-01-06"),
    ("dur(2 weeks).days", "14"),
    ('number("18 years")', "18"),
    ('padleft("7", 3, "0")', "007"),
    ('replace("abc", "b", "x")', "axc"),
    ('split("a,b", ",")', "a, b"),
    ('truncate("Hello there!", 8)', "Hello..."),
    ("reverse(list(1, 2, 3))", "3, 2, 1"),
    ("sort(list(3, 1, 2))", "1, 2, 3"),
    ("unique(list(1, 1, 2))", "1, 2"),
    ("typeof(8)", "number"),
    ("nonnull(list(null, 1))", "1"),
    ("striptime(date(2024-01-05T10:30))", "2024-01-05"),
    ('substring("hello", 1, 3)', "el"),
    ("firstvalue(list(null, 2))", "2"),
    ("all(list(true, 1))", "true"),
    ("any(list(false, 0))", "false"),
    ("flat(list(list(1, 2), 3))", "1, 2, 3"),
    ("average(list(1, 2, 6))", "3"),
    ("product(list(2, 3))", "6"),
    ("map(list(1, 2), (x) => x * 10)", "10, 20"),
    ("filter(list(1, 2, 3), (x) => x > 1)", "2, 3"),
    ('string(12) + "!"', "12!"),
    ("7 % 3 + 2 * 3 - 1", "6"),
    ("!(1 < 2) or (3 >= 3 and 2 != 2)", "false"),
    ('link("Dune")', "Dune"),
]


@pytest.mark.parametrize(("expression", "expected"), FUNCTIONS, ids=[f for f, _ in FUNCTIONS])
def test_function(query, expression, expected):
    root, report = query(f"`= {expression}`")
    assert root.text_content().strip() == expected
    assert not [d for d in report.diagnostics if d.path == "N.md"]


def test_function_today_is_the_build_date_and_noted(query):
    root, _ = query(
        fence('TABLE WITHOUT ID dateformat(date(today), "yyyy-MM-dd") FROM "Books" LIMIT 1')
    )
    today = dt.date.today().isoformat()
    assert rows(root)[1] == [today]
    assert today in root.cssselect(".ofm-query-date")[0].text_content()


def test_null_semantics_missing_field_sorts_first_and_is_falsy(query):
    root, _ = query(
        fence('TABLE WITHOUT ID file.name, genre FROM "Books" WHERE !missing SORT genre'),
    )
    assert rows(root)[1:] == [["Dune", "-"], ["Emma", "romance"], ["Ubik", "scifi"]]


# Privacy, errors, static blocks --------------------------------------------------------------


def test_unpublished_note_never_in_results(query):
    root, _ = query(fence("TABLE author, rating FROM #book SORT rating DESC"))
    text = root.text_content()
    assert "CANARY" not in text and "Secret" not in text and "9" not in text


def test_error_box_names_the_problem_and_report_has_file_line(query):
    root, report = query("text\n\n" + fence('TABLE rating\nFROM "Books"\nWHERE (rating >'))
    (box,) = root.cssselect(".admonition.ofm-query-error")
    assert "could not be run" in box.text_content() and "WHERE (rating >" in box.text_content()
    (problem,) = [d for d in report.diagnostics if d.path == "N.md"]
    assert problem.line == 6 and "dataview" in problem.message
    assert root.cssselect("p")[0].text_content() == "text"  # the rest of the note is there


def test_unknown_function_is_an_error_box(query):
    root, _ = query(fence('LIST FROM "Books" WHERE nosuch(rating)'))
    assert "nosuch" in root.cssselect(".ofm-query-error")[0].text_content()


def test_dataviewjs_stays_a_labelled_static_block(query):
    root, _ = query("```dataviewjs\ndv.list([1])\n```")
    (box,) = root.cssselect(".admonition.ofm-query")
    assert "JavaScript" in box.text_content() and "dv.list([1])" in box.text_content()


def test_result_links_are_not_backlinks(convert_vault):
    docs, _, _ = convert_vault({**BOOKS, "N.md": fence('LIST FROM "Books"')})
    assert "N.md" not in (docs / "Books" / "Dune.md").read_text(encoding="utf-8").split("---")[-1]


def test_words_in_the_site_language(convert_vault):
    _, _, html_of = convert_vault(
        {**BOOKS, "N.md": fence('TABLE rating FROM "Books"')}, language="zh"
    )
    assert rows(html_of("N.md"))[0] == ["文件", "rating"]


# Incremental ----------------------------------------------------------------------------------


def test_query_page_rerenders_when_a_note_field_changes(tmp_path):
    vault = tmp_path / "vault"
    (vault / "Books").mkdir(parents=True)
    for rel, text in BOOKS.items():
        (vault / rel).write_text(text, encoding="utf-8")
    (vault / "N.md").write_text(fence('TABLE author FROM "Books"'), encoding="utf-8")
    (vault / "Other.md").write_text("no query", encoding="utf-8")
    options = Options(vault=vault, docs_dir=tmp_path / "docs", show_progress=False)
    convert(options)
    assert "Jane Austen" in (tmp_path / "docs" / "N.md").read_text(encoding="utf-8")
    emma = vault / "Books" / "Emma.md"
    emma.write_text(BOOKS["Books/Emma.md"].replace("Jane Austen", "J. Austen"), encoding="utf-8")
    report = convert(options)
    text = (tmp_path / "docs" / "N.md").read_text(encoding="utf-8")
    assert "J. Austen" in text and "Jane Austen" not in text
    assert report.notes_rendered == 2  # Emma and the page holding the query; not Other or Dune


def test_function_named_like_a_clause_is_a_function(query):
    root, _ = query(fence('TABLE sort(rows.file.link) AS "Books" FROM "Books" GROUP BY rating'))
    assert rows(root) == [["rating", "Books"], ["4", "EmmaUbik"], ["5", "Dune"]]


def test_comment_lines_are_ignored(query):
    root, _ = query(fence('LIST\n// only the books\nFROM "Books"\n// the last one\nLIMIT 1'))
    assert items(root) == ["Dune"]


def test_hash_line_is_no_comment_but_an_error_as_in_dataview(query):
    # Dataview's parser (src/query/parse.ts) skips only `//` lines; `# note` is no clause
    root, _ = query(fence('TABLE rating\n# the books\nFROM "Books"'))
    assert "# the books" in root.cssselect(".ofm-query-error")[0].text_content()
    assert not root.cssselect(".ofm-query-result")


def test_calendar_is_shown_as_a_table_and_says_so(query):
    root, _ = query(fence('CALENDAR file.ctime FROM "Books" WHERE file.name = "Dune"'))
    assert rows(root) == [["File", "file.ctime"], ["Dune", "2024-01-05"]]
    assert "calendar view is shown as a table" in root.text_content()


def test_inlinks_of_many_notes_agree_with_one_note(query):
    """The first notes' inlinks are found one by one, later ones from all links at once."""
    root, _ = query(
        fence('TABLE WITHOUT ID file.name, file.inlinks FROM "Books" OR "Fans"'),
        **{
            "Fans/A.md": "[[Ubik]] and [[Dune]]",
            "Fans/B.md": "[[ubik]]",
        },
    )
    assert rows(root)[1:] == [
        ["Dune", "EmmaA"],  # in path order; Secret.md links to Dune too but is not published
        ["Emma", "-"],
        ["Ubik", "AB"],
        ["A", "-"],
        ["B", "-"],
    ]
