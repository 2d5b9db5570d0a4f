"""`render/rawhtml.py` through the renderer: a note's own `<a href>` to a note links that
note's page (as MkDocs writes page URLs, with or without directory URLs), to a heading's id;
a note that is missing or private, or a missing file, is unresolved text, reported on its
line; a folder is left as written (OFM-SPEC §5, §6)."""

from __future__ import annotations

import pytest

from tests.fixtures.reader import render

NOTE = (
    'see <a href="Other.md#Sub%20Heading">x</a> and <a href="Deep">d</a>\n'
    'then <a href="Private.md">p</a> <a href="Missing.md">m</a> <a href="folder/">f</a> '
    '<a href="Other#Nope">n</a> <a href="nope.pdf">q</a>\n'
)


@pytest.mark.parametrize(
    ("directory_urls", "other", "deep"),
    [(True, "../Other/", "../folder/Deep/"), (False, "Other.html", "folder/Deep.html")],
)
def test_s5_raw_html_links_to_notes_are_page_urls(directory_urls, other, deep):
    text, ctx = render(NOTE, use_directory_urls=directory_urls)
    unresolved = "<a data-ofm-unresolved>"
    assert text == (
        f'see <a href="{other}#sub-heading">x</a> and <a href="{deep}">d</a>  \n'
        f'then {unresolved}p</a> {unresolved}m</a> <a href="folder/">f</a> '
        f'<a href="{other}">n</a> {unresolved}q</a>\n'
    )
    assert [(d.line, d.message) for d in ctx.site.report.diagnostics] == [
        (2, "link to a note that is not published (--verbose names it)"),
        (2, "link target 'Missing.md' not found"),
        (2, "heading 'Nope' not found in Other.md; linking to the page"),
        (2, "linked file 'nope.pdf' not found"),
    ]
    assert ctx.site.report.links_resolved == 3 and ctx.site.report.links_unresolved == 3


def test_s5_raw_html_block_links_a_note_and_self_closed_elements_open_nothing():
    assert render('<div>\n<a href="Other.md">o</a>\n</div>\n')[0] == (
        '<div>\n<a href="../Other/">o</a>\n</div>\n'
    )
    assert render("<div/>\n\nafter\n")[0] == "<div />\n\nafter\n"


def test_s5_raw_html_sources_are_the_vaults_files_from_the_pages_url():
    text, ctx = render(
        'see <img src="pic.png?v=1"> <img src=\'att/deep.png\'> <a href="/docs/file.pdf">f</a> '
        "<a href='Other.md'>o</a>\n"
    )
    # a query is dropped; `/x` names a file from the vault's root; quotes become double
    assert text == (
        'see <img src="../pic.png"> <img src="../att/deep.png"> '
        '<a href="../docs/file.pdf">f</a> <a href="../Other/">o</a>\n'
    )
    assert ctx.attachments == ["pic.png", "att/deep.png", "docs/file.pdf"]
