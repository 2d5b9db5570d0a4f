"""A note's raw HTML reduced to markup that cannot run script, as Obsidian's reading view does.

Obsidian sanitizes the HTML of a note before showing it (script, event handlers and script URLs
removed; ordinary markup, inline styles and video iframes kept). The site does the same at
build time, with an allow-list: each element and attribute not listed is dropped, every URL
must be http(s), mailto, relative or a fragment, and the markup is written back from what
`html.parser` read, never copied, so what a browser parses is what was checked.

`<style>` elements are dropped (their CSS reaches the whole page: it could hide or fake the
site's navigation), while a `style` attribute, which reaches only its own element, is kept
unless it names script. A fragment is sanitized on its own (an HTML block, an inline tag): an
element it leaves open stays open for the next one, as in the note.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_GLOBAL = frozenset(["class", "id", "title", "style", "lang", "dir", "align", "hidden", "role"])
_WITHOUT_ATTRIBUTES = """
abbr article aside b bdi bdo big br caption center cite code dd dfn div dl dt em figcaption
figure footer h1 h2 h3 h4 h5 h6 header hgroup hr i kbd label main mark nav noscript p pre rp rt
ruby s samp section small span strike strong sub summary sup tbody tfoot thead tr tt u ul var
wbr
"""  # and the global attributes
ELEMENTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(_WITHOUT_ATTRIBUTES.split(), frozenset()),
    "a": frozenset(["href", "target", "rel", "hreflang"]),
    "audio": frozenset(["src", "controls", "loop", "muted", "preload", "autoplay"]),
    "col": frozenset(["span", "width"]),
    "colgroup": frozenset(["span", "width"]),
    "data": frozenset(["value"]),
    "del": frozenset(["cite", "datetime"]),
    "details": frozenset(["open"]),
    "font": frozenset(["color", "face", "size"]),
    "iframe": frozenset(
        ["src", "width", "height", "allow", "allowfullscreen", "frameborder", "loading"]
        + ["referrerpolicy", "sandbox", "scrolling"]
    ),
    "img": frozenset(["src", "alt", "width", "height", "loading"]),
    "input": frozenset(["type", "checked", "disabled"]),
    "ins": frozenset(["cite", "datetime"]),
    "li": frozenset(["value"]),
    "meter": frozenset(["value", "min", "max", "low", "high", "optimum"]),
    "ol": frozenset(["start", "type", "reversed"]),
    "progress": frozenset(["value", "max"]),
    "q": frozenset(["cite"]),
    "blockquote": frozenset(["cite"]),
    "source": frozenset(["src", "type", "media"]),
    "table": frozenset(["border", "cellpadding", "cellspacing", "width", "summary"]),
    "td": frozenset(["colspan", "rowspan", "valign", "width", "height"]),
    "th": frozenset(["colspan", "rowspan", "valign", "width", "height", "scope"]),
    "time": frozenset(["datetime"]),
    "track": frozenset(["src", "kind", "srclang", "label", "default"]),
    "video": frozenset(
        ["src", "poster", "controls", "loop", "muted", "preload", "autoplay", "width", "height"]
    ),
}
# Elements dropped with everything inside them, not only their tags.
_DROPPED_WITH_CONTENT = frozenset(["script", "style", "template", "noembed", "noframes"])
_URL_ATTRIBUTES = frozenset(["href", "src", "cite", "poster"])
# `aria-*` and a note's own `data-*`, not the `data-md-*`/`data-ofm-*` the theme acts on
_FREE_ATTRIBUTE = re.compile(r"^(?:aria-[a-z-]+|data-(?!md-|ofm-)[a-z0-9_.-]+)$")
_SAFE_SCHEMES = frozenset(["http", "https", "mailto"])
_SCHEME = re.compile(r"^([^/?#]*?):")
_UNSEEN = re.compile(r"[\x00-\x20\x7f]+")  # a browser ignores these inside a URL's scheme
_IMAGE_DATA = re.compile(r"^data:image/(?:png|gif|jpe?g|webp|avif|bmp);", re.I)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_CSS_SCRIPT = ("expression(", "javascript:", "vbscript:", "-moz-binding", "behavior:")
_PLAIN_COMMENT = re.compile(r"^[^<>\-!]*$")  # `<!-- more -->`: nothing a parser could misread


def safe_url(value: str, attribute: str = "href", element: str = "a") -> bool:
    """A URL that navigates or loads, never runs: http(s), mailto, relative or `#…`, read as a
    browser reads it (entities already decoded; tabs, newlines and controls ignored, any case).
    Raster `data:` images are kept in `<img src>`, where they cannot run anything."""
    seen = _UNSEEN.sub("", value)
    scheme = _SCHEME.match(seen)
    if scheme is None:
        return True
    if element == "img" and attribute == "src" and _IMAGE_DATA.match(seen):
        return True
    return scheme.group(1).lower() in _SAFE_SCHEMES


def safe_style(value: str) -> bool:
    """An inline style that only styles: no `expression()`, script URL or binding, even when
    spelled with CSS escapes or comments."""

    def unescape(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match.group(2)

    css = _UNSEEN.sub("", _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(unescape, value))).lower()
    return not any(word in css for word in _CSS_SCRIPT)


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping: str | None = None  # inside a `<script>`, `<style>`, … until its end tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, " /")

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], end: str) -> None:
        if self.dropping is not None:
            return
        if tag in _DROPPED_WITH_CONTENT and not end:
            self.dropping = tag
            return
        allowed = ELEMENTS.get(tag)
        if allowed is None:
            return
        kept = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
            for name, value in attrs
            if _keep(tag, name, value, allowed)
        )
        self.out.append(f"<{tag}{kept}{end}>")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping is not None:
            if tag == self.dropping:
                self.dropping = None
            return
        if tag in ELEMENTS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.dropping is None:
            self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        if self.dropping is None and _PLAIN_COMMENT.match(data):
            self.out.append(f"<!--{data}-->")


def _keep(tag: str, name: str, value: str | None, allowed: frozenset[str]) -> bool:
    if name not in allowed and name not in _GLOBAL and not _FREE_ATTRIBUTE.match(name):
        return False
    if value is None:
        return True
    if name in _URL_ATTRIBUTES:
        return safe_url(value, name, tag)
    return name != "style" or safe_style(value)


def sanitize(fragment: str) -> str:
    """The fragment with only allowed elements and attributes, its text and values escaped."""
    parser = _Sanitizer()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)
