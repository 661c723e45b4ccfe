"""What importing and loading bring into a program, checked in a fresh interpreter each time."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("jsonschema", "jsonschema_rs", "referencing", "cattrs", "compbank._load")


def modules_after(code: str, *, no_fast: bool = False) -> set[str]:
    """The top-level names (and compbank's modules) in sys.modules after running *code*."""
    env = {k: v for k, v in os.environ.items() if k != "COMPBANK_NO_FAST"}
    if no_fast:
        env["COMPBANK_NO_FAST"] = "1"
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_import_compbank_brings_in_no_validator() -> None:
    loaded = modules_after("import compbank")
    assert not loaded & set(HEAVY)


def test_valid_data_is_checked_without_importing_jsonschema() -> None:
    pytest.importorskip("jsonschema_rs")
    loaded = modules_after("import compbank\nassert compbank.check() == ()")
    assert "jsonschema_rs" in loaded
    assert "jsonschema" not in loaded


def test_without_the_fast_path_jsonschema_checks_everything() -> None:
    loaded = modules_after("import compbank\nassert compbank.check() == ()", no_fast=True)
    assert "jsonschema" in loaded
    assert "jsonschema_rs" not in loaded
