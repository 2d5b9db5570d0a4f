"""The GitHub Pages workflow is valid and its build step really builds the site (#10).

Validity: `check-jsonschema` with its vendored (offline) GitHub workflow schema. Behaviour: the
workflow's own install/build commands run here, in a copy of the project, as a runner would.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import obsidian_to_mkdocs

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def lint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflow_passes_the_github_workflow_schema():
    done = lint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    """The linter is not a rubber stamp: a job without `runs-on` and a bad trigger fail."""
    broken = WORKFLOW.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "", 1)
    broken = broken.replace("workflow_dispatch:", "workflow_dispatched:", 1)
    (tmp_path / "pages.yml").write_text(broken, encoding="utf-8")
    done = lint(tmp_path / "pages.yml")
    assert done.returncode == 1, done.stdout


def test_deploys_with_the_official_pages_actions(workflow):
    uses = [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]
    for action in (
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert action in uses, action
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["concurrency"]["cancel-in-progress"] == "false"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert "push" in workflow["on"] and "workflow_dispatch" in workflow["on"]


def test_the_workflow_commands_build_the_sample_vault(workflow, tmp_path):
    """Run the workflow's build step in a copy of the project; upload what it wrote."""
    runs = [step["run"] for step in steps(workflow) if "run" in step]
    assert "pip install -r requirements.txt" in runs
    assert (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == "-e ."
    build = next(r for r in runs if r.startswith("obsidian-to-mkdocs build"))
    upload = next(
        s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(ROOT / "vault", project / "vault")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    command = shlex.split(build)
    assert command[0] == "obsidian-to-mkdocs" and shutil.which("obsidian-to-mkdocs")
    done = subprocess.run(
        ["nice", "-n", "10", *command], cwd=project, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    site = project / upload["with"]["path"]
    assert (site / "index.html").is_file()
    assert (site / "OpenAI DevDay 2023" / "index.html").is_file()
    assert (site / "404.html").is_file()


def test_new_sites_get_this_repositorys_workflow():
    """`obsidian-to-mkdocs new` writes the workflow this repository runs (only its
    requirements.txt differs: this checkout here, a release there)."""
    shipped = Path(obsidian_to_mkdocs.__file__).parent / "site" / "pages.yml"
    assert shipped.read_text(encoding="utf-8") == WORKFLOW.read_text(encoding="utf-8")
