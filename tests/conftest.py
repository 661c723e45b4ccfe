"""Shared fixtures: where the repository's data is, and a writable copy of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

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
settings.load_profile("ci")
