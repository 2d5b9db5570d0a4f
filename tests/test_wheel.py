"""The built wheel alone publishes a vault: a fresh virtual environment (no system site
packages, no checkout on the path) with only the wheel and its pinned dependencies runs
`new` and `build`, and the site works with nothing requested from another host (#19).

Slow: the wheel build and the venv install take about a minute (pip's cache helps)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html

from .conftest import ROOT, write_vault
from .linkcheck import check_site

pytestmark = pytest.mark.slow

VAULT = {
    "Reading/Seed.md": (
        "---\ntags: [books]\n---\n# Seed\n\n> [!question] Why does it work?\n"
        "> Because ==the soil== is right.\n\nSee [[Sprout#Roots]] and #garden/plants.\n"
    ),
    "Sprout.md": "# Sprout\n\n## Roots\n\nFrom [[Seed]], with $e^{i\\pi}+1=0$. #garden\n",
}


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _requests_elsewhere(site: Path) -> set[str]:
    """Every URL a page loads by itself (stylesheets, scripts, images, frames) that is not the
    site's own; links a reader may follow are not requests."""
    found = set()
    for page in site.rglob("*.html"):
        root = html.parse(str(page)).getroot()
        for element in root.iter("link", "script", "img", "iframe", "source", "audio", "video"):
            if element.tag == "link" and element.get("rel") in ("alternate", "canonical"):
                continue
            for attr in ("href", "src"):
                url = element.get(attr) or ""
                if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                    found.add(f"{page.relative_to(site)}: {url}")
    return found


def test_the_wheel_alone_publishes_a_vault(tmp_path):
    started = time.monotonic()
    source = tmp_path / "source"  # a clean copy: no build/ or egg-info left in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "scripts" / "obsidian_to_mkdocs",
        source / "scripts" / "obsidian_to_mkdocs",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["NO_COLOR"] = "1"
    pip = [sys.executable, "-m", "pip"]
    _run(
        [*pip, "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(source)], tmp_path, env
    )
    (wheel,) = (tmp_path / "dist").glob("obsidian_to_mkdocs-*.whl")
    built_at = time.monotonic()

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    bin_dir = venv / "bin"
    _run([str(bin_dir / "pip"), "install", "-q", str(wheel)], tmp_path, env)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    where = _run(
        [str(bin_dir / "python"), "-c", "import obsidian_to_mkdocs as o; print(o.__file__)"],
        tmp_path,
        env,
    )
    assert where.strip().startswith(str(venv)), where  # the wheel's copy, not the checkout
    installed_at = time.monotonic()

    write_vault(tmp_path / "Garden", VAULT)
    told = _run(["obsidian-to-mkdocs", "new", "my-site", "--vault", "Garden"], tmp_path, env)
    assert "Created" in told and "obsidian-to-mkdocs serve" in told
    site_dir = tmp_path / "my-site"
    requirement = (site_dir / "requirements.txt").read_text(encoding="utf-8").strip()
    assert requirement == f"obsidian-to-mkdocs=={wheel.name.split('-')[1]}"
    assert (
        "pip install -r requirements.txt" in (site_dir / ".github/workflows/pages.yml").read_text()
    )
    _run(["obsidian-to-mkdocs", "build"], site_dir, env)
    finished = time.monotonic()

    site = site_dir / "site"
    seed = html.parse(str(site / "Reading" / "Seed" / "index.html")).getroot()
    (callout,) = seed.cssselect("article div.admonition.question")
    assert callout.cssselect(".admonition-title")[0].text_content() == "Why does it work?"
    assert [m.text_content() for m in callout.cssselect("mark")] == ["the soil"]
    # header chips are the front matter's tags; an inline tag is a chip where it stands
    chips = [a.get("href") for a in seed.cssselect("nav.md-tags a")]
    assert chips == ["../../tags/books/"]
    inline = [a.get("href") for a in seed.cssselect("article a.ofm-tag")]
    assert inline == ["../../tags/garden/plants/"]
    chips += inline
    for href in chips:
        assert (site / "Reading" / "Seed" / href / "index.html").resolve().is_file(), href
    sprout = html.parse(str(site / "Sprout" / "index.html")).getroot()
    assert sprout.cssselect("article .arithmatex")  # math for the site's own KaTeX
    links = check_site(site)
    assert links.checked >= 10 and links.broken == []
    assert _requests_elsewhere(site) == set()
    for asset in (
        "assets/ofm.css",
        "assets/vendor/katex/katex.min.js",
        "assets/javascripts/graph.js",
    ):
        assert (site / asset).is_file(), asset
    print(
        f"wheel {built_at - started:.1f} s, venv + install {installed_at - built_at:.1f} s, "
        f"new + build {finished - installed_at:.1f} s"
    )
