"""The whole-vault audit: raw Obsidian syntax left on built pages, tag headings, and callouts
in the vault against admonitions in the site."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from obsidian_to_mkdocs.audit import audit_site
from obsidian_to_mkdocs.cli import main

from .conftest import ROOT, mkdocs_build, write_vault

SCRIPTS = ROOT / "scripts"

VAULT = {
    "Home.md": (
        "#start #项目\n\nSee [[Other|the other note]] and ==this==. %%hidden%%\n\n"
        "> [!tip]- Folded\n> > [!unknowntype] Nested\n> > body\n\n"
        "- item ^block-1\n  > [!note] In a list\n  > x\n\n"
        "````ad-example\ntitle: Outer\n```ad-bug\ninner\n```\n````\n\n"
        "```markdown\n> [!note] shown as code: [[not a link]] ==raw== %%\n```\n"
    ),
    "Other.md": "![[Home#^block-1]]\n\n~~~ad-info\ncollapse: open\nbody\n~~~\n",
}


def test_audit_of_a_built_vault_finds_nothing_left(tmp_path):
    vault = write_vault(tmp_path / "vault", VAULT)
    site, _ = mkdocs_build(vault, tmp_path / "out")
    result = audit_site(site, vault)
    assert result.pages >= 2
    assert dict(result.leftovers) == {} and result.tag_headings == []
    assert result.vault_admonitions == result.site_admonitions == 6, result.render()
    assert result.ok


def test_audit_counts_raw_syntax_outside_code_only(tmp_path):
    page = tmp_path / "site" / "raw" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        "<html><body><article>"
        "<h1>#GPT #AI</h1><p>left [[Link]] and ![[Embed.png]] and ==mark== %%c%%</p>"
        "<blockquote><p>[!note] Title</p></blockquote><p>```ad-tip</p>"
        "<ul><li>item ^abc-1</li><li><a href='x'>Linker</a>"
        "<span class='ofm-backlink-context'>see Note &gt; ^abc-1</span></li></ul>"
        "<p>Law:\n$$\nF = ma\n$$ where</p>"
        '<div class="arithmatex">$$E = mc^2$$</div><p>unclosed <span>[[in span]]</p>'
        "<p>images.base = $$PWD and $$quote(x)</p>"  # qmake's `$$` in text: no formula
        '<p>Voltage <span class="arithmatex">\\(U\\)</span>^UGL</p>'  # glued: text, no id'
        "<table><tr><td>price $$ = ok</td><td>$$$ $$</td></tr></table><p>$ $$ $$$$ = prices</p>"
        "<pre><code>[[in code]] ==code== %% ^id</code></pre><p><code>[[inline]]</code></p>"
        '<div class="admonition note"><p class="admonition-title">Box</p></div>'
        "</article></body></html>",
        encoding="utf-8",
    )
    result = audit_site(tmp_path / "site")
    assert dict(result.leftovers) == {
        "wikilink": 2,
        "embed": 1,
        "math": 1,
        "highlight": 1,
        "comment": 2,
        "callout": 1,
        "ad-fence": 1,
        "block-id": 1,
    }
    assert result.tag_headings == ["raw/index.html: #GPT #AI"]
    assert result.site_admonitions == 1 and not result.ok


def test_backlink_contexts_quote_escaped_brackets_as_obsidian_shows_them(tmp_path):
    """A linking sentence with the author's escaped `\\[\\[x\\]\\]` reads `[[x]]` in the
    backlinks, as in Obsidian's pane: not a leftover. The same text in the page body is one."""
    context = '<span class="ofm-backlink-context">see [[x]] here</span>'
    (tmp_path / "a.html").write_text(f"<article><p>ok {context}</p></article>", "utf-8")
    assert audit_site(tmp_path).leftovers == {}
    (tmp_path / "b.html").write_text("<article><p>see [[x]] here</p></article>", "utf-8")
    assert audit_site(tmp_path).leftovers == {"wikilink": 1}


def test_audit_runs_without_lxml(tmp_path):
    """A plain `pip install` has no lxml: the audit command must not need it."""
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text("<article><p>raw $$x^2$$ ==mark==</p></article>", encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "lxml.py").write_text("raise ImportError('no lxml here')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(blocker), str(SCRIPTS)])}
    done = subprocess.run(
        [sys.executable, "-m", "obsidian_to_mkdocs", "audit", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "raw math: 1" in done.stdout and "raw highlight: 1" in done.stdout


def test_audit_command_exit_codes(tmp_path, capsys):
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "index.html").write_text("<article><p>fine</p></article>", encoding="utf-8")
    assert main(["audit", str(clean)]) == 0
    assert "OK" in capsys.readouterr().out
    (clean / "bad.html").write_text("<article><p>[[raw]]</p></article>", encoding="utf-8")
    assert main(["audit", str(clean)]) == 1
    assert main(["audit", str(tmp_path / "missing")]) == 2


@pytest.mark.slow
def test_knowledge_garden_audit(knowledge_garden_site):
    """Every callout and ad- block of the real vault is an admonition, no tag heading, and no
    raw syntax is left but what Obsidian shows too: brackets the author escaped
    (`\\[\\[x\\]\\]`) and the text of links to missing blocks."""
    from .conftest import KNOWLEDGE_GARDEN

    site, report = knowledge_garden_site
    result = audit_site(site, KNOWLEDGE_GARDEN)
    print(result.render())
    assert result.tag_headings == []
    assert result.vault_admonitions == result.site_admonitions > 200
    escaped = sum(
        p.read_text(encoding="utf-8", errors="replace").count("\\[\\[")
        for p in KNOWLEDGE_GARDEN.rglob("*.md")
    )
    # A link to a block that does not exist shows `Note > ^id` as its text, as in Obsidian.
    missing_blocks = sum(
        d.message.startswith("block ^") and "not found" in d.message for d in report.diagnostics
    )
    assert set(result.leftovers) <= {"wikilink", "block-id"}, result.render()
    assert result.leftovers.get("wikilink", 0) <= escaped
    assert result.leftovers.get("block-id", 0) <= missing_blocks
