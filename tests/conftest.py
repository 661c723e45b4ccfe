"""Shared fixtures: where the repository's data is, and a writable copy of it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SCHEMA = REPO / "schema"
#: The published documents, beside the repository (the data's only source of truth).
SEEDS = REPO.parent / "shared" / "seeds"


def read_json(path: Path) -> Any:
    """A data file's content."""
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path: Path, document: Any) -> None:
    """Write *document* as a data file (canonical layout is not needed for these tests)."""
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def class_file(code: str, data: Path = DATA) -> Any:
    """The content of class *code*'s file in *data*."""
    (path,) = (data / "classes").glob(f"{code}-*.json")
    return read_json(path)


def without_pages(requirements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Class-file requirements without the page of the PDF each was read from."""
    return [{k: v for k, v in r.items() if k != "page"} for r in requirements]


def snapshot(path: Path) -> dict[str, bytes]:
    """Every file at or under *path*, with its bytes (by path relative to *path*)."""
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*") if p.is_file()}


def compbank_cli(
    *args: str | Path, cwd: Path | None = None, **options: Any
) -> subprocess.CompletedProcess[str]:
    """`python -m compbank ARGS` in a child process (*options* as for `subprocess.run`)."""
    return subprocess.run(
        [sys.executable, "-m", "compbank", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        **options,
    )


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the repository's data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# Hypothesis profiles. "ci" is the default: a fixed budget and a derandomized search, so that
# a run is reproducible and the whole suite stays within a few minutes on two cores. Property
# tests write data sets to disk, so no per-example deadline (disk speed varies on CI).
# "thorough" is for longer local runs: pytest --hypothesis-profile=thorough
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# "deep" is for the generated forms (tests/forms/): at least 5,000 examples over all forms,
# derandomized so that a run can be repeated; pytest --hypothesis-profile=deep, or
# COMPBANK_HYPOTHESIS_PROFILE=deep in the environment
settings.register_profile(
    "deep",
    max_examples=5000,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# "deep-seeded": as many, drawn from the seed pytest is given (--hypothesis-seed=N): other
# examples than the derandomized ones, the same for the same seed
settings.register_profile(
    "deep-seeded", settings.get_profile("deep"), derandomize=False, database=None
)
settings.load_profile(os.environ.get("COMPBANK_HYPOTHESIS_PROFILE", "ci"))


#: The one test that may skip in CI: the published documents stand beside the repository in
#: this project's CI (.ci/run), but not in a clone elsewhere (the GitHub workflow).
MAY_SKIP_IN_CI = frozenset(
    {"tests/test_data.py::test_sources_are_the_published_documents_unchanged"}
)


def in_ci() -> bool:
    """Whether this run is CI's (``CI=true``), where no test may skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    """In CI (``CI=true``) a skipped test fails: CI must never pass by skipping."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if (
        in_ci()
        and report.skipped
        and not hasattr(report, "wasxfail")
        and item.nodeid not in MAY_SKIP_IN_CI
    ):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {report.longrepr}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report() -> Iterator[None]:
    """... and so does a test module skipped as a whole (``pytest.importorskip``)."""
    outcome = yield
    report: pytest.CollectReport = outcome.get_result()  # type: ignore[attr-defined]
    if in_ci() and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {report.longrepr}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The generated forms' examples that failed as a known open failure, by id and form."""
    form_check = sys.modules.get("form_check")
    if form_check is None:
        return
    counted = form_check.tally()
    if counted:
        terminalreporter.section("generated forms: known open failures")
        for (failure, form), n in sorted(counted.items()):
            terminalreporter.line(f"{failure} {form}: {n} examples")
