"""The code stays lint-clean, formatted and strictly typed, for us and for users' type checkers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which(tool, path=str(BIN)) or shutil.which(tool)
    assert exe is not None, f"{tool} is part of the test extra"
    return subprocess.run([exe, *args], cwd=REPO, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("args", [("check", "."), ("format", "--check", ".")])
def test_ruff(args: tuple[str, ...]) -> None:
    result = run("ruff", *args)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_package_tests_benchmarks_and_a_consumer() -> None:
    result = run("mypy", "--strict", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_is_typed_for_users() -> None:
    assert (REPO / "src" / "compbank" / "py.typed").is_file()
