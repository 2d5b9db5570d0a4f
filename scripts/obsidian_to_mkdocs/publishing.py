"""What readers expect of a published vault (#10): redirect pages for aliases and permalinks,
page dates, an Atom feed of recent notes and a `description` for search-engine snippets.

Everything is written into `docs/` as static files or plain front matter, so any Material
builder serves it without the converter. Only published pages are ever read here.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml
from markdown_it.token import Token

from .cache import Memo, digest
from .context import Site
from .labels import labels
from .output import read_manifest
from .paths import safe_path
from .plaintext import plain_text
from .render.escape import html_text
from .render.page import YAML_DUMPER, Page
from .urls import page_url, relative_site_url
from .vault import Note

FEED = "feed.xml"
FEED_SIZE = 20
DESCRIPTION_LENGTH = 160
CREATED_KEYS = ("created", "date")
UPDATED_KEYS = ("updated", "modified")
_DATE = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_TOP_LEVEL_KEY = re.compile(r"^([^\s#\-'\"][^:]*):")
_UNSAFE_SEGMENT = re.compile(r"[\\/\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Dates:
    created: dt.datetime | None = None
    updated: dt.datetime | None = None

    @property
    def latest(self) -> dt.datetime | None:
        return max((d for d in (self.created, self.updated) if d), default=None)


def publishing_files(
    pages: list[Page], site: Site, texts: dict[str, str], memo: Memo
) -> dict[str, str]:
    """Pages with their dates and description added, redirect pages and `feed.xml`.

    `memo(stage, key, compute)` may return a previous run's value for the same key.
    """
    vault, paths = site.options.vault, [p.note.path for p in pages]
    head = git_head(vault)  # the dates only change with a commit: reused until then
    key = head + digest("\n".join(paths).encode())
    git = memo("git-dates", key, lambda: git_dates(vault, paths)) if head else {}
    dates = {p.path: page_dates(p, git) for p in pages}
    descriptions = {p.path: p.description for p in pages}
    words = labels(site.options.language)
    out = {
        p.path: with_publishing_meta(
            texts.get(p.path, p.text), dates[p.path], descriptions[p.path], words
        )
        for p in pages
    }
    taken = {**texts, **out}
    out.update(redirect_pages(pages, site, taken, memo))
    out[site.generated_page(FEED, "the feed")] = atom_feed(pages, site, dates, descriptions)
    return out


# --- dates --------------------------------------------------------------------------------------


def parse_date(value: object) -> dt.datetime | None:
    """`2023-11-08`, `2023-11-08 10:00`, `2023/11/08` or a YAML date/datetime; else None."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if not match:
        return None
    try:
        return dt.datetime(*(int(g) for g in match.groups() if g is not None))
    except ValueError:
        return None


def page_dates(page: Page, git: dict[str, dt.datetime]) -> Dates:
    """Front matter first (`created`/`date`, `updated`/`modified`); else the last git commit."""
    meta = page.note.meta
    created = next((d for d in (parse_date(meta.get(k)) for k in CREATED_KEYS) if d), None)
    updated = next((d for d in (parse_date(meta.get(k)) for k in UPDATED_KEYS) if d), None)
    return Dates(created, updated or git.get(page.note.path))


def git_head(vault: Path) -> str:
    """The commit checked out in the vault's repository; "" without git or a repository."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=vault, capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def git_dates(vault: Path, paths: Iterable[str]) -> dict[str, dt.datetime]:
    """The date of the last commit touching each note, from ONE `git log` over the vault;
    empty when git is missing or the vault is not in a repository."""
    wanted = set(paths)
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=%x01%cs", "--name-only",
             "--no-renames", "--relative", "--", "."],
            cwd=vault, capture_output=True, text=True, encoding="utf-8", errors="replace",
            timeout=120, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    found: dict[str, dt.datetime] = {}
    current: dt.datetime | None = None
    for line in done.stdout.splitlines():
        if line.startswith("\x01"):
            current = parse_date(line[1:])
        elif line and current and line in wanted and line not in found:
            found[line] = current
    return found


def _iso(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d")


def _rfc3339(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- description --------------------------------------------------------------------------------


def description(note: Note, tokens: list[Token]) -> str:
    """The note's own `description`, else the plain text of its first paragraph (<= 160 chars);
    `tokens` are the body's block tokens, as the page was rendered from them."""
    own = note.meta.get("description")
    if isinstance(own, str) and own.strip():
        return own.strip()
    for i, token in enumerate(tokens):
        if token.type == "inline" and i and tokens[i - 1].type == "paragraph_open":
            text = plain_text(token.content)
            if text:
                return _shorten(text, DESCRIPTION_LENGTH)
    return ""


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.，。；：、") + "…"


# --- page text ----------------------------------------------------------------------------------


def with_publishing_meta(text: str, dates: Dates, summary: str, words: dict[str, str]) -> str:
    """`date`, `updated` and `description` in the front matter, and a dates line under the title.

    The front matter is edited as text (top-level keys replaced, new ones appended): loading and
    dumping every page's YAML again would cost more than the whole incremental conversion.
    """
    head, body = "", text
    if text.startswith("---\n"):
        yaml_text, sep, rest = text[4:].partition("\n---\n")
        if sep:
            head, body = yaml_text, rest.lstrip("\n")
    new: dict[str, str] = {}
    if dates.created:
        new["date"] = _iso(dates.created)
    if dates.updated:
        new["updated"] = _iso(dates.updated)
    if summary and not re.search(r"^description:", head, re.M):
        new["description"] = html_text(summary)  # Material writes it into an attribute
    kept: list[str] = []
    skipping = False
    for line in head.split("\n") if head else []:
        key = _TOP_LEVEL_KEY.match(line)
        if key:
            skipping = key.group(1) in new
        if not skipping:
            kept.append(line)
    kept += [_yaml_field(key, value) for key, value in new.items()]
    line = dates_line(dates, words)
    if line:
        body = _after_title(body, line)
    front = "\n".join(kept)
    return f"---\n{front}\n---\n\n{body}" if front else body


def _yaml_field(key: str, value: str) -> str:
    """`key: value` reading back as this string: JSON's double-quoted form is YAML's too, and
    20x cheaper than yaml.dump, which every page would pay; yaml.dump for unprintable text."""
    if value.isprintable():
        return f"{key}: {json.dumps(value, ensure_ascii=False)}"
    return yaml.dump({key: value}, Dumper=YAML_DUMPER, allow_unicode=True, width=1000).rstrip()


def dates_line(dates: Dates, words: dict[str, str]) -> str:
    """The dates under the title; the words on hover are the site's (`created`, `updated`)."""
    parts = []
    if dates.created:
        parts.append(("created", "🗓", dates.created))
    if dates.updated and (not dates.created or _iso(dates.updated) != _iso(dates.created)):
        parts.append(("updated", "✎", dates.updated))
    if not parts:
        return ""
    spans = " ".join(
        f'<span class="ofm-dates__{kind}" title="{words[kind]}">{icon} '
        f'<time datetime="{_iso(when)}">{_iso(when)}</time></span>'
        for kind, icon, when in parts
    )
    return f'<p class="ofm-dates">{spans}</p>\n'


def _after_title(body: str, line: str) -> str:
    """Right under a leading `# Title`, else at the top (under the title Material adds)."""
    first, newline, rest = body.partition("\n")
    if re.match(r"^# +\S", first):
        return f"{first}\n\n{line}\n{rest.lstrip(chr(10))}" if newline else f"{first}\n\n{line}"
    return f"{line}\n{body}"


# --- redirects ----------------------------------------------------------------------------------


def redirect_pages(
    pages: list[Page], site: Site, taken: dict[str, str], memo: Memo
) -> dict[str, str]:
    """A static HTML page at each alias and `permalink:` that sends the reader to the note.

    Never replaces a page, another note's URL, a generated file or a hand-written one.
    """
    options = site.options
    wanted = [(page, kind, name) for page in sorted(pages, key=lambda p: p.path)
              for kind, name in _redirect_names(page)]  # fmt: skip
    candidates = {
        source
        for _, kind, name in wanted
        if (stem := _stem(kind, name)) is not None
        for source in _redirect_target(stem, options.use_directory_urls)[2]
    }
    hand_written = _hand_written(options.docs_dir, candidates - set(taken))
    key = digest(
        repr(
            (
                [(page.path, page.note.title, kind, name) for page, kind, name in wanted],
                sorted(taken),
                sorted(site.attachments_used),
                sorted(hand_written),
                options.site_url,  # the canonical link (not in the cache's options key)
            )
        ).encode()
    )
    return memo("redirects", key, lambda: _redirects(wanted, site, taken, hand_written))


def _redirect_names(page: Page) -> list[tuple[str, str]]:
    names = [("alias", a) for a in page.note.aliases]
    permalink = page.note.meta.get("permalink")
    if isinstance(permalink, str | int) and str(permalink).strip():
        names.append(("permalink", str(permalink).strip().strip("/")))
    return names


def _stem(kind: str, name: str) -> str | None:
    """The URL path a redirect takes, None when it is not a safe one."""
    segments = name.split("/") if kind == "permalink" else [name]
    if not all(_safe_segment(s) for s in segments):
        return None
    stem = "/".join(segments)
    longest = f"{stem}.html"  # of the files a redirect may take (`stem.html`, `stem/index.html`)
    return stem if safe_path(longest) == longest else None  # not shortened: the URL is the name


def _redirect_target(stem: str, directory_urls: bool) -> tuple[str, str, set[str]]:
    """(URL, file written, docs files that would already serve that URL)."""
    url = f"{stem}/" if directory_urls else f"{stem}.html"
    target = f"{stem}/index.html" if directory_urls else f"{stem}.html"
    return url, target, {f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md", target}


def _hand_written(docs: Path, candidates: set[str]) -> set[str]:
    """Which of `candidates` exist in docs/ and were not generated by us."""
    generated = read_manifest(docs)
    root = str(docs)
    return {c for c in candidates if c not in generated and os.path.lexists(os.path.join(root, c))}


def _redirects(
    wanted: list[tuple[Page, str, str]], site: Site, taken: dict[str, str], hand_written: set[str]
) -> dict[str, str]:
    options, report = site.options, site.report
    directory_urls = options.use_directory_urls
    urls = {page_url(p, directory_urls): p for p in taken if p.endswith(".md")}
    files = set(taken) | set(site.attachments_used)
    out: dict[str, str] = {}
    for page, kind, name in wanted:
        stem = _stem(kind, name)
        if stem is None:
            report.warn(
                page.note.path, None, f"{kind} {name!r} is not a safe URL path; no redirect"
            )
            continue
        own = page_url(page.path, directory_urls)
        url, target, sources = _redirect_target(stem, directory_urls)
        if url == own:
            continue  # the note is already there
        clash = urls.get(url) or next((s for s in sorted(sources) if s in files or s in out), None)
        if clash is None:
            clash = next((s for s in sorted(sources) if s in hand_written), None)
        if clash is not None:
            report.warn(
                page.note.path, None, f"{kind} {name!r} would replace docs/{clash}; no redirect"
            )
            continue
        out[target] = redirect_html(url, own, page.note.title, options.site_url)
    return out


def _safe_segment(segment: str) -> bool:
    return (
        bool(segment.strip())
        and not segment.startswith(".")
        and not _UNSAFE_SEGMENT.search(segment)
    )


def redirect_html(from_url: str, to_url: str, title: str, site_url: str = "") -> str:
    href = relative_site_url(from_url, to_url)
    canonical = site_url.rstrip("/") + "/" + quote(to_url, safe="/") if site_url else href
    name = html.escape(title)
    return (
        "<!doctype html>\n"
        '<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{name}</title>\n"
        f'<link rel="canonical" href="{html.escape(canonical)}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<script>location.replace("{href}" + location.hash)</script>\n'
        "</head>\n<body>\n"
        f'<p>→ <a href="{href}">{name}</a></p>\n'
        "</body>\n</html>\n"
    )


# --- feed ---------------------------------------------------------------------------------------


def atom_feed(
    pages: list[Page], site: Site, dates: dict[str, Dates], descriptions: dict[str, str]
) -> str:
    """Atom 1.0 of the 20 most recently dated pages (newest first, ties by path).

    Links are relative to the feed (RFC 4287: the feed's own URL is the base) unless
    `site_url` is known; entry ids are then the absolute URLs, else stable `urn:uuid:`s.
    """
    options = site.options
    base = options.site_url.rstrip("/") + "/" if options.site_url else ""
    dated = [p for p in pages if dates[p.path].latest]
    dated.sort(
        key=lambda p: (-dates[p.path].latest.toordinal(), -_seconds(dates[p.path].latest), p.path)
    )
    recent = dated[:FEED_SIZE]
    newest = dates[recent[0].path].latest if recent else dt.datetime(1970, 1, 1)
    title = options.site_name or options.vault.resolve().name
    e = html.escape

    def href(url: str) -> str:
        return base + quote(url, safe="/") if base else relative_site_url(FEED, url)

    def ident(url: str) -> str:
        if base:
            return base + quote(url, safe="/")
        return "urn:uuid:" + str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"obsidian-to-mkdocs:{title}/{url}")
        )

    self_link = href(FEED) if base else FEED
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{e(title)}</title>",
        f"  <id>{e(ident(''))}</id>",
        f"  <updated>{_rfc3339(newest)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href="{e(self_link)}"/>',
        f'  <link rel="alternate" type="text/html" href="{e(href(""))}"/>',
        "  <generator>obsidian-to-mkdocs</generator>",
    ]
    for page in recent:
        url = page_url(page.path, options.use_directory_urls)
        when = dates[page.path]
        lines += [
            "  <entry>",
            f"    <title>{e(page.note.title)}</title>",
            f"    <id>{e(ident(url))}</id>",
            f'    <link rel="alternate" type="text/html" href="{e(href(url))}"/>',
            f"    <updated>{_rfc3339(when.latest)}</updated>",
        ]
        if when.created:
            lines.append(f"    <published>{_rfc3339(when.created)}</published>")
        if descriptions.get(page.path):
            lines.append(f"    <summary>{e(descriptions[page.path])}</summary>")
        lines.append(f"    <author><name>{e(title)}</name></author>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _seconds(value: dt.datetime) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


__all__ = ["FEED", "publishing_files"]
