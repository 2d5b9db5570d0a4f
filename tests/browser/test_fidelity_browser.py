"""Issue 18 in a real browser: KaTeX typesets display math glued to text and mhchem formulas
without an error, and an Excalidraw drawing drawn from its scene is a visible image."""

from __future__ import annotations

import pytest

from tests.conftest import mkdocs_build, write_vault
from tests.test_fidelity import SCENE_LZ, _compressed, _drawing_note

pytestmark = pytest.mark.browser

PHYSICS = r"""Newton's law:
$$
F = m_a \cdot a_b
$$
where $F$ is a force, and glued: $$\begin{equation}E_k = \frac{1}{2} m v^2\end{equation}$$ done.

> [!note] Chemistry
> Water $\ce{H2O}$ and a quantity:
> $$\ce{2H2 + O2 -> 2H2O} \quad \pu{123 kJ/mol}$$

Macros of the vault's preamble: $\l( x \in \R \r)$ and $\pair{a}{b}$.

![[Sketch.excalidraw]]
"""
# Extended MathJax's `preamble.sty`: a line KaTeX cannot read costs only itself.
PREAMBLE = r"""% macros
\usepackage{amsmath}
\newcommand{\R}{\mathbb{R}}
\renewcommand{\l}{\left}
\newcommand{\r}{\right}   % \r is new to KaTeX: tried as \renewcommand, then as \newcommand
\newcommand{\pair}[2]{\langle #1, #2 \rangle}
"""


@pytest.fixture(scope="module")
def fidelity_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("fidelity")
    vault = write_vault(
        root / "vault",
        {
            "Physics.md": PHYSICS,
            "Sketch.excalidraw.md": _drawing_note(_compressed(SCENE_LZ)),
            "preamble.sty": PREAMBLE,
        },
    )
    site, _ = mkdocs_build(vault, root / "out", site_name="Fidelity")
    return site


def test_glued_display_math_and_mhchem_typeset_without_errors(page, serve, fidelity_site):
    page.goto(serve(fidelity_site).page_url("Physics/"), wait_until="networkidle")
    page.wait_for_selector(".arithmatex .katex", timeout=30_000)
    assert page.locator(".katex-error").count() == 0
    assert page.locator(".arithmatex .katex-display").count() == 3
    assert page.locator("span.arithmatex .katex").count() == 4  # $F$, $\ce{H2O}$, macros
    macros = page.locator("span.arithmatex").nth(2)
    assert macros.locator(".mathbb").count() == 1 and "\\" not in macros.inner_text()
    assert "⟨" in page.locator("span.arithmatex").nth(3).inner_text()
    # Without mhchem, `\ce` is no `.katex-error` but its own name shown in the formula
    chemistry = page.locator(".admonition .katex-display").inner_text()
    assert "kJ" in chemistry and "H" in chemistry and "\\ce" not in chemistry
    assert "$$" not in page.locator("article").inner_text()


@pytest.mark.parametrize("rel", ["Physics/", "Sketch.excalidraw/"])
def test_excalidraw_drawing_is_a_visible_image(page, serve, fidelity_site, rel):
    page.goto(serve(fidelity_site).page_url(rel), wait_until="networkidle")
    drawing = page.locator("article img.ofm-excalidraw")
    assert drawing.count() == 1
    assert drawing.evaluate("img => img.complete && img.naturalWidth") > 100
    box = drawing.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 50
    assert "EXCALIDRAW" not in page.locator("article").inner_text()
