"""Writing what an import found: new files only, class files replaced only when forced."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from compbank import DataError, check, load
from compbank.importer import import_document, write_import

if TYPE_CHECKING:
    from compbank.importer import ImportResult

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
NEW = FIXTURES / "new" / "9901-import-fixture-officer.txt"
PLAIN_7521 = FIXTURES / "plaintext" / "7521-senior-electric-service-representative.txt"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _import(document: Path, data: Path) -> ImportResult:
    return import_document(document, data)


def test_import_alone_writes_nothing(data: Path) -> None:
    before = _digests(data)
    result = _import(NEW, data)
    assert {f.action for f in result.files} == {"create"}
    assert _digests(data) == before


def test_new_competency_is_written_as_a_valid_bank_file(data: Path) -> None:
    before = _digests(data)
    result = _import(NEW, data)
    assert [(c.number, c.status) for c in result.comparisons] == [(13, "identical"), (61, "new")]
    written = write_import(result)
    assert sorted(f.file for f in written) == [
        "classes/9901-import-fixture-officer.json",
        "competency_bank/061-fixture-handling.json",
        "sources/9901-import-fixture-officer.txt",
    ]
    assert check(data) == ()
    bank = load(data)
    c = bank.competencies[61]
    assert c.name == "Fixture Handling"
    assert c.level(2).startswith("Make test documents from the published ones")
    assert c.satisfactory == (
        "Keeps test documents current. Explains where each test document comes from."
    )
    assert [n.kind for n in c.notes] == ["line-break-in-sentence"]
    assert c.sources == ("9901-import-fixture-officer.txt",)
    jc = bank.classes["9901"]
    assert [(r.number, r.required_level) for r in jc.requirements] == [(13, None), (61, 2)]
    assert (data / "sources" / NEW.name).read_bytes() == NEW.read_bytes()
    # every file that was there is as it was: bank files are never touched
    after = _digests(data)
    assert {k: v for k, v in after.items() if k in before} == before


def test_importing_what_the_data_holds_writes_nothing(data: Path) -> None:
    source = data / "sources" / "7625-director-of-communications-services.txt"
    before = _digests(data)
    assert write_import(_import(source, data)) == ()
    assert _digests(data) == before


def test_existing_class_file_is_replaced_only_with_force(data: Path) -> None:
    before = _digests(data)
    result = _import(PLAIN_7521, data)
    with pytest.raises(FileExistsError, match="force"):
        write_import(result)
    assert _digests(data) == before
    written = write_import(result, force=True)
    assert [f.file for f in written] == ["classes/7521-senior-electric-service-representative.json"]
    jc = load(data).classes["7521"]
    assert jc.record_version == 2
    assert all(r.required_level is None for r in jc.requirements)
    after = _digests(data)
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"classes/7521-senior-electric-service-representative.json"}


def test_a_write_that_would_break_the_data_writes_nothing(data: Path) -> None:
    # a new competency named like an existing one would make two competencies share a name
    text = NEW.read_text(encoding="utf-8")
    text = text.replace("61. Fixture Handling", "61. Stress Tolerance").replace(
        "61. FIXTURE HANDLING", "61. STRESS TOLERANCE"
    )
    result = import_document(text, data)
    assert ("name-mismatch", 61) in {(f.kind, f.competency) for f in result.drift}
    before = _digests(data)
    with pytest.raises(DataError) as e:
        write_import(result)
    assert "duplicate-name" in {p.code for p in e.value.problems}
    assert all(str(data) in p.file for p in e.value.problems)
    assert _digests(data) == before


def test_a_competency_only_the_body_names_keeps_its_heading_as_printed(data: Path) -> None:
    text = NEW.read_text(encoding="utf-8").replace("- 61. Fixture Handling\n", "")
    result = import_document(text, data)
    (document,) = result.bank_documents().values()
    assert document["number"] == 61
    assert document["name"] == "FIXTURE HANDLING"  # no case is made up
    assert any(f.competency == 61 for f in result.findings)  # described but not listed
