"""Shared fixtures: real conversions and real MkDocs/Material builds into temporary folders."""

from __future__ import annotations

import os
import time
from pathlib import Path

import markdown
import pytest
from lxml import html

from obsidian_to_mkdocs import Options, convert
from obsidian_to_mkdocs.plugin import VAULT_ENV
from obsidian_to_mkdocs.report import Report
from obsidian_to_mkdocs.zensical_build import build as zensical_run
from obsidian_to_mkdocs.zensical_build import write_config

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
KNOWLEDGE_GARDEN = CORPORA / "knowledge-garden"
CORPUS = {  # the real vaults of ../shared/corpora, by name
    "knowledge-garden": KNOWLEDGE_GARDEN,
    "elektronik-de": CORPORA / "elektronik-de",
    "mathwiki-en": CORPORA / "mathwiki-en",
    "knowledge-value-zh": CORPORA / "knowledge-value-zh",
    "data-eng-wiki": CORPORA / "data-eng-wiki",
    "obsidian-export": CORPORA / "obsidian-export-testdata" / "input",
}
VAULTS = {**CORPUS, "sample": ROOT / "vault"}  # what corpus_site builds
ENGINES = ("mkdocs", "zensical")
ZENSICAL_SECONDS: dict[str, float] = {}  # wall time of corpus_site's Zensical builds, by vault


def write_vault(root: Path, notes: dict[str, str | bytes]) -> Path:
    """A vault made of the given notes (path -> text or bytes)."""
    for rel, content in notes.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def converted(vault: Path, out: Path, **options) -> tuple[Options, Report]:
    """`vault` converted into out/docs: (its options, the report)."""
    given = Options(vault=vault, docs_dir=out / "docs", show_progress=False, **options)
    return given, convert(given)


def build_with_mkdocs(options: Options, report: Report, site: Path, **overrides) -> Path:
    """The converted docs/ built with the project's mkdocs.yml by the real MkDocs + Material.

    The plugin is told the conversion already ran, exactly as `obsidian-to-mkdocs build` does.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        str(ROOT / "mkdocs.yml"),
        docs_dir=str(options.docs_dir),
        site_dir=str(site),
        **overrides,
    )
    config.plugins["obsidian-vault"].converted = report
    previous = os.environ.get(VAULT_ENV)
    os.environ[VAULT_ENV] = str(options.vault)  # as `build --vault` tells the plugin (search)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
        if previous is None:
            os.environ.pop(VAULT_ENV, None)
        else:
            os.environ[VAULT_ENV] = previous
    return site


def build_with_zensical(options: Options, site: Path) -> Path:
    """The converted docs/ built by the real Zensical as `build --engine zensical` does it: the
    project's mkdocs.yml plus the generated config, written beside docs/ (the repo is not
    touched)."""
    root = options.docs_dir.parent
    config = write_config(ROOT / "mkdocs.yml", options.docs_dir, site, root=root)
    assert zensical_run(config) == 0, f"zensical build of {options.vault} failed"
    assert 'content="zensical-' in (site / "index.html").read_text(encoding="utf-8")
    return site


def mkdocs_build(
    vault: Path,
    out: Path,
    extra_docs: dict[str, str] | None = None,
    options: dict | None = None,
    **overrides,
):
    """Convert `vault`, then build with the project's mkdocs.yml; returns (site dir, report)."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for rel, text in (extra_docs or {}).items():
        (docs / rel).write_text(text, encoding="utf-8")
    given, report = converted(vault, out, **(options or {}))
    return build_with_mkdocs(given, report, out / "site", **overrides), report


def page(site: Path, rel_url: str) -> html.HtmlElement:
    """The parsed HTML of a built page, e.g. page(site, 'Folder/Note/')."""
    return html.parse(str(site / rel_url / "index.html")).getroot()


def article(site: Path, rel_url: str) -> html.HtmlElement:
    return page(site, rel_url).cssselect("article.md-content__inner")[0]


@pytest.fixture(scope="session")
def markdown_config():
    """The Python-Markdown extensions and settings of the project's mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return config["markdown_extensions"], config["mdx_configs"]


@pytest.fixture
def convert_vault(tmp_path, markdown_config):
    """Convert a vault written from a dict; return (docs dir, report, html_of(page path))."""

    def run(notes: dict[str, str | bytes], **options):
        vault = write_vault(tmp_path / "vault", notes)
        docs = tmp_path / "docs"
        report = convert(Options(vault=vault, docs_dir=docs, show_progress=False, **options))
        extensions, configs = markdown_config

        def html_of(rel: str) -> html.HtmlElement:
            text = (docs / rel).read_text(encoding="utf-8")
            if text.startswith("---\n"):
                text = text.split("\n---\n", 1)[1]
            md = markdown.Markdown(extensions=extensions, extension_configs=configs)
            return html.fragment_fromstring(md.convert(text), create_parent="div")

        return docs, report, html_of

    return run


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory):
    """corpus_site(name, engine="mkdocs") -> (site, report): a vault of ../shared/corpora
    (CORPUS) or the "sample" vault, converted ONCE a run, and that same docs/ built once per
    engine ("mkdocs" or "zensical"), each on first use. knowledge-garden: about 100 s with
    MkDocs."""
    conversions: dict[str, tuple[Path, Options, Report]] = {}
    sites: dict[tuple[str, str], Path] = {}

    def site(name: str, engine: str = "mkdocs") -> tuple[Path, Report]:
        assert engine in ENGINES, engine
        if name not in conversions:
            vault = VAULTS[name]
            if not vault.is_dir():
                pytest.fail(f"{vault} is missing: CI runs with ../shared beside the repo")
            out = tmp_path_factory.mktemp(name)
            conversions[name] = (out, *converted(vault, out))
        out, options, report = conversions[name]
        if (name, engine) not in sites:
            if engine == "mkdocs":
                sites[name, engine] = build_with_mkdocs(options, report, out / "site")
            else:
                started = time.perf_counter()
                sites[name, engine] = build_with_zensical(options, out / "zensical-site")
                ZENSICAL_SECONDS[name] = time.perf_counter() - started
        return sites[name, engine], report

    return site


@pytest.fixture(scope="session")
def sample_site(corpus_site):
    """The sample vault built once with the real MkDocs + Material and the project config."""
    return corpus_site("sample", "mkdocs")[0]


@pytest.fixture(scope="session")
def zensical_sample_site(corpus_site):
    """The same converted sample vault built by Zensical, as `build --engine zensical` does."""
    return corpus_site("sample", "zensical")[0]


@pytest.fixture(scope="session")
def knowledge_garden_site(corpus_site):
    """../shared/corpora/knowledge-garden (3,176 notes) built ONCE per run: (site, report).

    About 100 s and 600 MB with navigation.prune; every slow test shares this one build.
    """
    return corpus_site("knowledge-garden", "mkdocs")


def pytest_terminal_summary(terminalreporter) -> None:
    """What the Zensical builds of this run cost (CI time is budgeted)."""
    if ZENSICAL_SECONDS:
        times = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in ZENSICAL_SECONDS.items())
        terminalreporter.write_line(f"Zensical builds: {times}")


def pytest_collection_modifyitems(items):
    """Every test under tests/browser/ drives Chromium: marked `browser` even when its module
    forgets `pytestmark`, so the fast suite (`-m "not slow and not browser"`) never starts it."""
    browser = ROOT / "tests" / "browser"
    for item in items:
        if item.path.is_relative_to(browser):
            item.add_marker(pytest.mark.browser)
