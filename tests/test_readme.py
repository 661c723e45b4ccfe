"""README.md is short and opens with the two commands; CI runs exactly the test command."""

from __future__ import annotations

import re

from conftest import REPO


def commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    head = readme.split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", head)


def test_readme_starts_with_the_install_and_the_test_command() -> None:
    main_job, tests = commands()
    # the package, with what reading PDF files needs (the pdf extra)
    assert "pip install '.[pdf]'" in main_job
    assert main_job.endswith("compbank validate --packaged")
    assert "pip install '.[test]'" in tests
    assert tests.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci


def test_readme_is_short_and_its_links_resolve() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 150
    links = re.findall(r"\]\(([^)#]+)\)", readme)
    assert "docs/tutorial.md" in links
    assert [link for link in links if not (REPO / link).exists()] == []
