"""A note's raw HTML keeps its markup and loses its script (issue #17): `render/sanitize.py`
alone, and through `render/rawhtml.py` as a note is converted."""

from __future__ import annotations

import pytest

from obsidian_to_mkdocs.render.sanitize import safe_style, safe_url, sanitize
from tests.fixtures.reader import render

# Each would run `alert(1)` (or navigate to script) if it reached a page as written.
VECTORS = {
    "img onerror": ("<img src=x onerror=alert(1)>", '<img src="x">'),
    "script": ("<script>alert(1)</script>after", "after"),
    "script unclosed": ("<script>alert(1)", ""),
    "svg onload": ("<svg onload=alert(1)>", ""),
    "svg xlink": ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "<a>x</a>"),
    "href": ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    "href tab entity": ('<a href="jav&#x09;ascript:alert(1)">x</a>', "<a>x</a>"),
    "href case, space": ('<a href=" JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
    "href control": ('<a href="\x01java\nscript:alert(1)">x</a>', "<a>x</a>"),
    "href entity colon": ('<a href="javascript&colon;alert(1)">x</a>', "<a>x</a>"),
    "href data": ('<a href="data:text/html,&lt;script&gt;alert(1)">x</a>', "<a>x</a>"),
    "iframe src": ('<iframe src="javascript:alert(1)"></iframe>', "<iframe></iframe>"),
    "iframe srcdoc": ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "<iframe></iframe>"),
    "object": ('<object data="javascript:alert(1)"></object>', ""),
    "embed": ('<embed src="javascript:alert(1)">', ""),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', ""),
    "base": ('<base href="javascript:alert(1)//">', ""),
    "form": (
        '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button>'
        "</form>",
        "x",
    ),
    "style expression": ('<span style="width:expression(alert(1))">x</span>', "<span>x</span>"),
    "style url": ("<div style=\"background:url('javascript:alert(1)')\">x</div>", "<div>x</div>"),
    "style escaped": (
        r'<div style="background:url(\6a avascript:alert(1))">x</div>',
        "<div>x</div>",
    ),
    "style element": ("<style>body{display:none}</style>kept", "kept"),
    "noscript breakout": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        '<noscript><p title="&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;"></noscript>',
    ),
    "unfinished tag": ("<img src=x onerror=alert(1)", "&lt;img src=x onerror=alert(1)"),
    "comment breakout": ("<!-- --!><img src=x onerror=alert(1)> -->", ""),
    "self-closed img": ("<img src=x onerror=alert(1) />", '<img src="x" />'),
    "template": ("<template><img src=x onerror=alert(1)></template>", ""),
    "body onload": ("<body onload=alert(1)>", ""),
    "theme hooks": ('<div data-md-component="x" data-ofm-unresolved>t</div>', "<div>t</div>"),
    "video poster": (
        '<video poster="javascript:alert(1)" controls></video>',
        "<video controls></video>",
    ),
}

# Ordinary HTML of notes, each kept as written.
KEPT = [
    '<details open><summary>S</summary>\n<div class="x">t</div>\n</details>',
    '<span style="color: red">t</span> <mark>m</mark> <kbd>Ctrl</kbd><sub>1</sub><sup>2</sup><br>',
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/x" allowfullscreen>'
    "</iframe>",
    '<img src="Assets/a b.png" width="200" alt="a">',
    '<table><tr><th colspan="2">a &amp; b &lt; c</th></tr><tr><td>1</td></tr></table>',
    '<font color="red">r</font> <u>u</u> <center>c</center>',
    '<a href="https://x.org/?a=1&amp;b=2" target="_blank">w</a> <a href="mailto:a@b.c">m</a>',
    '<a href="#h">h</a> <a href="../x/">x</a> <a href="//cdn.org/y">y</a>',
    '<a href=" https://x.org/">a URL after a space</a>',
    '<img src="data:image/png;base64,AAAA">',
    "<div>",
    "</div>",
    "<!-- more -->",
    '<br /><img src="a.png" alt="self-closed" /><div class="x" />',
    "<noscript><p>no script</p></noscript>",
    '<div data-x="[[a]]" aria-label="l">d</div>',
]


@pytest.mark.parametrize(("raw", "clean"), VECTORS.values(), ids=VECTORS.keys())
def test_script_is_taken_out(raw, clean):
    assert sanitize(raw) == clean


@pytest.mark.parametrize("markup", KEPT)
def test_ordinary_html_is_kept_as_written(markup):
    assert sanitize(markup) == markup


def test_unquoted_and_single_quoted_values_are_written_back_quoted():
    assert sanitize("<img src=a.png alt='it\"s' width=3>") == (
        '<img src="a.png" alt="it&quot;s" width="3">'
    )


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x", True),
        ("HTTP://x", True),
        ("page.md#h", True),
        ("a/b:c", True),  # a colon after the first `/` is no scheme
        ("javascript:x", False),
        ("vbscript:x", False),
        ("java\tscript:x", False),
        ("\x00javascript:x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_safe_url(url, safe):
    assert safe_url(url) is safe


def test_safe_style_reads_css_escapes_and_comments():
    assert safe_style("color: red; font-size: 2em")
    assert not safe_style("background: url(java/**/script:alert(1))")
    assert not safe_style(r"x: e\78 pression(alert(1))")


def test_a_note_body_keeps_its_markup_and_loses_its_script():
    note = (
        '<div class="box" onclick="alert(1)">\n<img src=x onerror=alert(2)>\n\n'
        "Between the blocks.\n\n</div>\n\n"
        'Text <a href="javascript:alert(3)">inline</a> and <b onmouseover=alert(4)>bold</b>.\n\n'
        "<script>\nalert(5)\n</script>\n"
    )
    text, _ = render(note)
    assert "alert" not in text
    assert '<div class="box">' in text and '<img src="x">' in text  # opened, closed later
    assert "Between the blocks.\n\n</div>" in text
    assert "Text <a>inline</a> and <b>bold</b>." in text


def test_an_unclosed_element_is_still_closed_at_its_block_end():
    text, _ = render('<iframe src="https://www.youtube.com/embed/x" onload="alert(1)">\n\nAfter.\n')
    assert text == '<iframe src="https://www.youtube.com/embed/x">\n</iframe>\n\nAfter.\n'
