"""Every real vault of ../shared/corpora builds as Obsidian shows it (issue #18): no raw Obsidian
syntax left in visible text, every internal link and image reaches a file, every block link
whose id exists reaches an anchor, and exactly the notes the publication rules allow are
published. Each vault is built once a run (knowledge-garden's build is the shared one)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from obsidian_to_mkdocs.audit import audit_site

from .conftest import CORPUS
from .linkcheck import LinkCheck, check_site

pytestmark = pytest.mark.slow

VAULTS = CORPUS
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml reads `[What is X?]` as Obsidian
BLOCK_ID = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)[ \t]*$", re.M)
BLOCK_LINK = re.compile(r"\[\[([^\[\]|#]*)#\^([A-Za-z0-9-]+)")
# The publication keys and the value of each that keeps a note private (OFM-SPEC §2, §6): keys in
# any case, words for booleans, the most private of a key given twice, an odd value private.
PRIVATE_WHEN = {"publish": False, "draft": True, "private": True}
WORDS = {"true": True, "yes": True, "on": True, "1": True}
WORDS |= {"false": False, "no": False, "off": False, "0": False}
FLAG_LINE = re.compile(r"^(publish|draft|private)[ \t]*:[ \t]*(.*?)[ \t]*$", re.I | re.M)
KEY_NAMED = re.compile(r"(?<![\w-])(?:publish|published|unpublished|draft|private)[\"']?\s*:", re.I)


@pytest.fixture(scope="session", params=sorted(VAULTS))
def built_vault(request, corpus_site):
    """(name, vault, site, report), each vault converted and built once a run."""
    name = request.param
    site, report = corpus_site(name, "mkdocs")
    return name, VAULTS[name], site, report


@cache
def _links(site: Path) -> LinkCheck:
    return check_site(site)


def _notes(vault: Path) -> dict[str, bytes]:
    app = vault / ".obsidian" / "app.json"
    settings = json.loads(app.read_text(encoding="utf-8")) if app.is_file() else {}
    ignored = settings.get("userIgnoreFilters") or []
    notes = {}
    for path in [*vault.rglob("*.md"), *vault.rglob("*.canvas")]:  # canvases are pages (#22)
        rel = path.relative_to(vault).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        if any(rel.startswith(f.rstrip("/") + "/") or rel == f for f in ignored):
            continue
        notes[rel] = path.read_bytes()
    return notes


def _is_published(raw: bytes) -> bool:
    """The publication rules, written from the spec: not binary, UTF-8, and no key that says
    private (case-insensitive keys, string booleans, the most private value wins); front
    matter that does not parse keeps the note private only when it names such a key."""
    if b"\x00" in raw:
        return False
    try:
        text = raw.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return False
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return True
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return True
    block = "\n".join(lines[1:end])
    try:
        meta = yaml.load(block, Loader=LOADER)
    except yaml.YAMLError:
        return not KEY_NAMED.search(block)
    if not isinstance(meta, dict):
        return not KEY_NAMED.search(block)
    for key, value in FLAG_LINE.findall(block):
        word = value.strip("\"'").lower()
        if word in ("", "null", "~"):
            continue  # an empty property: not set
        if WORDS.get(word) is not (not PRIVATE_WHEN[key.lower()]):
            return False
    return True


def test_no_raw_obsidian_syntax_in_visible_text(built_vault):
    name, vault, site, _ = built_vault
    result = audit_site(site, vault)
    print(f"\naudit of {name}:\n{result.render()}")  # the figures, with `pytest -s`
    escaped = sum(raw.decode("utf-8", "replace").count("\\[\\[") for raw in _notes(vault).values())
    leftovers = dict(result.leftovers)
    assert leftovers.pop("wikilink", 0) <= escaped, result.render()
    assert leftovers == {}, result.render()
    assert result.tag_headings == [], result.render()


def test_every_internal_link_and_image_reaches_a_file(built_vault):
    name, _, site, _ = built_vault
    broken = [b for b in _links(site).broken if "(no id" not in b]
    assert broken == [], f"{name}: {len(broken)} broken, e.g. {broken[:10]}"


def test_every_block_link_whose_id_exists_reaches_an_anchor(built_vault):
    name, vault, site, report = built_vault
    notes = {p: raw.decode("utf-8", "replace") for p, raw in _notes(vault).items()}
    ids = {  # (note name, block id) of every id in the vault
        (Path(path).stem.casefold(), i)
        for path, text in notes.items()
        for i in BLOCK_ID.findall(text)
    }
    linked = {  # ids that a link names in the note that has them ([[#^id]]: its own note)
        i
        for path, text in notes.items()
        for target, i in BLOCK_LINK.findall(text)
        if ((Path(target).name or Path(path).stem).casefold(), i) in ids
    }
    missed = [
        str(d)
        for d in report.diagnostics
        if d.message.startswith("block ^") and d.message.split()[1][1:] in linked
    ]
    missed += [
        b
        for b in _links(site).broken
        if (m := re.search(r"\(no id '\^?([A-Za-z0-9-]+)'\)", b)) and m.group(1) in linked
    ]
    assert missed == [], f"{name}: {len(missed)} of {len(linked)} ids, e.g. {missed[:10]}"


def test_the_notes_published_are_those_the_rules_allow(built_vault):
    name, vault, _, report = built_vault
    notes = _notes(vault)
    expected = sum(_is_published(raw) for raw in notes.values())
    assert report.notes_read == len(notes)
    assert report.notes_published == expected, f"{name}: of {len(notes)} notes"
