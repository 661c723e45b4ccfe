"""``compbank.diff`` asks for a higher ``record_version`` wherever a record's content changed.

A version kept, or lowered, on a changed record is the ``version-not-bumped`` warning; only a
raised one passes. Through the public `compbank.diff.diff_dirs`.
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest

from compbank.diff import diff_dirs
from conftest import DATA

if TYPE_CHECKING:
    from pathlib import Path

BANK_34 = "competency_bank/034-customer-service.json"
CLASS_7521 = "classes/7521-senior-electric-service-representative.json"


def _set(root: Path, file: str, **values: object) -> None:
    path = root / file
    document = json.loads(path.read_text(encoding="utf-8"))
    document.update(values)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base" / "data", tmp_path / "head" / "data"
    shutil.copytree(DATA, base)
    shutil.copytree(DATA, head)
    # both sides at version 3, so that the head can go down as well as up
    for root in (base, head):
        _set(root, BANK_34, record_version=3)
        _set(root, CLASS_7521, record_version=3)
    return base, head


@pytest.mark.parametrize(("version", "warned"), [(4, False), (3, True), (2, True), (1, True)])
@pytest.mark.parametrize("file", [BANK_34, CLASS_7521])
def test_a_changed_record_must_raise_its_version(
    sides: tuple[Path, Path], file: str, version: int, warned: bool
) -> None:
    base, head = sides
    if file == BANK_34:
        _set(head, file, superior="Seeks further information.", record_version=version)
    else:
        _set(head, file, year=2020, record_version=version)
    diff = diff_dirs(base, head)
    (record,) = [r for r in diff.records if r.status == "changed"]
    assert (record.base_version, record.head_version) == (3, version)
    bumped = [w for w in diff.warnings if w.code == "version-not-bumped"]
    assert [w.file for w in bumped] == ([f"data/{file}"] if warned else [])


def test_a_version_changed_alone_needs_no_bump(sides: tuple[Path, Path]) -> None:
    base, head = sides
    _set(head, BANK_34, record_version=2)
    diff = diff_dirs(base, head)
    (record,) = diff.records
    assert (record.base_version, record.head_version, record.fields) == (3, 2, ())
    assert [w for w in diff.warnings if w.code == "version-not-bumped"] == []
