"""Shared fixtures: real conversions and real MkDocs/Material builds into temporary folders."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
from lxml import html

from obsidian_to_mkdocs import Options, convert
from obsidian_to_mkdocs.plugin import VAULT_ENV

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KNOWLEDGE_GARDEN = SHARED / "corpora" / "knowledge-garden"


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


def mkdocs_build(
    vault: Path,
    out: Path,
    extra_docs: dict[str, str] | None = None,
    options: dict | None = None,
    **overrides,
):
    """Convert `vault`, then build with the project's mkdocs.yml; returns (site dir, report).

    The conversion runs first so its report can be returned; the plugin is then told it
    already ran, exactly as `obsidian-to-mkdocs build` does.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs, site = out / "docs", out / "site"
    docs.mkdir(parents=True, exist_ok=True)
    for rel, text in (extra_docs or {}).items():
        (docs / rel).write_text(text, encoding="utf-8")
    report = convert(Options(vault=vault, docs_dir=docs, show_progress=False, **(options or {})))
    config = load_config(
        str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), **overrides
    )
    config.plugins["obsidian-vault"].converted = report
    previous = os.environ.get(VAULT_ENV)
    os.environ[VAULT_ENV] = str(vault)  # as `build --vault` tells the plugin (search reads it)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
        if previous is None:
            os.environ.pop(VAULT_ENV, None)
        else:
            os.environ[VAULT_ENV] = previous
    return site, report


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
def sample_site(tmp_path_factory):
    """The sample vault built once with the real MkDocs + Material and the project config."""
    out = tmp_path_factory.mktemp("sample")
    site, _ = mkdocs_build(ROOT / "vault", out)
    return site


@pytest.fixture(scope="session")
def knowledge_garden_site(tmp_path_factory):
    """../shared/corpora/knowledge-garden (3,176 notes) built ONCE per run: (site, report).

    About 100 s and 600 MB with navigation.prune; every slow test shares this one build.
    """
    if not KNOWLEDGE_GARDEN.is_dir():
        pytest.fail(f"{KNOWLEDGE_GARDEN} is missing: CI runs with ../shared beside the repo")
    out = tmp_path_factory.mktemp("knowledge-garden")
    return mkdocs_build(KNOWLEDGE_GARDEN, out)


def pytest_collection_modifyitems(items):
    """Every test under tests/browser/ drives Chromium: marked `browser` even when its module
    forgets `pytestmark`, so the fast suite (`-m "not slow and not browser"`) never starts it."""
    browser = ROOT / "tests" / "browser"
    for item in items:
        if item.path.is_relative_to(browser):
            item.add_marker(pytest.mark.browser)
