"""Importing the five published documents, in their own form and as PDF plain text."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from compbank import canonical, load
from compbank.importer import DRIFT, FINDINGS, ImportResult, import_document

if TYPE_CHECKING:
    from types import ModuleType

    from compbank import Bank

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SOURCES = sorted((DATA / "sources").glob("*.txt"))
FIXTURES = ROOT / "tests" / "fixtures" / "import"
PLAIN = FIXTURES / "plaintext"

# The known defects of the five documents, as (kind, competency, path) of the drift found;
# every one is already recorded in a note of the data.
KNOWN_DRIFT = {
    "1230": {("text-differs", 22, "$.behavioral_indicators[1]")},
    "1336": set(),
    "7521": {
        ("text-differs", 20, "$.superior"),
        ("line-break-in-sentence", 34, "$.satisfactory"),
    },
    "7625": {
        ("garbled-name", 28, "$.requirements[2].competency"),
        ("text-differs", 53, "$.behavioral_indicators[4]"),
        ("recorded-note", 59, "$.superior"),
    },
    "9375": set(),
}
# What each differing text reads in the document, against the bank.
KNOWN_DIFFS = {
    ("1230", 22): [("bank", "word processing,"), ("document", "wordprocessing,")],
    ("7521", 20): [("bank", "manuals/programs"), ("document", "manuals/ programs")],
    ("7625", 53): [("bank", "assignments."), ("document", "assignments")],
}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load(DATA)


def _drift(result: ImportResult) -> set[tuple[str, int | None, str]]:
    return {(f.kind, f.competency, f.path) for f in result.drift}


def _changes(result: ImportResult, number: int) -> list[tuple[str, str]]:
    comparison = next(c for c in result.comparisons if c.number == number)
    return [(s.op, s.text) for d in comparison.differences for s in d.segments if s.op != "same"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name[:4])
def test_source_reproduces_its_class_file_exactly(source: Path, bank: Bank) -> None:
    result = import_document(source, bank)
    committed = (DATA / result.class_file).read_text(encoding="utf-8")
    assert canonical.dumps(result.class_document(), "job-class") == committed
    assert result.source == source.name
    assert not result.wrapped
    assert {f.action for f in result.files} == {"unchanged"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name[:4])
def test_source_reports_exactly_its_known_defects(source: Path, bank: Bank) -> None:
    code = source.name[:4]
    result = import_document(source, bank)
    assert _drift(result) == KNOWN_DRIFT[code]
    assert all(f.recorded for f in result.drift)
    for (doc, number), changes in KNOWN_DIFFS.items():
        if doc == code:
            assert _changes(result, number) == changes
    differing = {c.number for c in result.comparisons if c.status == "differs"}
    assert differing == {n for (doc, n) in KNOWN_DIFFS if doc == code}
    assert all(c.status != "new" for c in result.comparisons)


def test_7625_emphasis_findings_are_its_class_notes(bank: Bank) -> None:
    result = import_document(
        DATA / "sources" / "7625-director-of-communications-services.txt", bank
    )
    unbalanced = [f for f in result.findings if f.kind == "unbalanced-emphasis"]
    assert [f.competency for f in unbalanced] == [17, 32, 42, 47, 53, 56, 59]
    assert all(f.recorded for f in unbalanced)
    lost = [f for f in result.findings if f.kind == "emphasis-lost"]
    assert [f.path for f in lost] == ["$.requirements"]


def test_7521_line_break_is_found_from_the_structure(bank: Bank) -> None:
    # the words are the bank's once whitespace is normalized: only the layout tells
    result = import_document(
        DATA / "sources" / "7521-senior-electric-service-representative.txt", bank
    )
    c34 = next(c for c in result.comparisons if c.number == 34)
    assert c34.status == "identical"
    (finding,) = [f for f in result.drift if f.kind == "line-break-in-sentence"]
    assert finding.line == 183
    (note,) = bank.competencies[34].notes
    assert finding.found == note.found == "Ensures customers' issue is\n\ncorrectly identified"


def _plain_expectation(committed: dict[str, Any], found_phrase: str) -> dict[str, Any]:
    """The class file a plain-text rendering must give: the committed one without emphasis.

    Plain text loses the emphasis, so no required level can be known: every one is null and
    the emphasis notes give way to one emphasis-lost note naming every competency. The
    importer must not guess. The record replaces the committed one, so its version is one up.
    """
    expected: dict[str, Any] = dict(committed)
    expected["record_version"] = committed["record_version"] + 1
    expected["requirements"] = [{**r, "required_level": None} for r in committed["requirements"]]
    numbers = [r["competency"] for r in committed["requirements"]]
    expected["notes"] = [
        n for n in committed["notes"] if n["kind"] not in ("unbalanced-emphasis", "emphasis-lost")
    ] + [
        {
            "kind": "emphasis-lost",
            "source": committed["source"],
            "path": "$.requirements",
            "found": found_phrase,
            "action": "The document marks the required level by emphasis, but no level of "
            f"competencies {', '.join(map(str, numbers))} carries any in this copy; their "
            "required levels are unknown (null).",
        }
    ]
    return expected


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name[:4])
def test_plain_text_gives_the_class_file_without_levels(source: Path, bank: Bank) -> None:
    result = import_document(PLAIN / source.name, bank)
    assert result.wrapped
    committed = json.loads((DATA / result.class_file).read_text(encoding="utf-8"))
    # the phrase naming the emphasis, as found: wrapped, and without its markers
    found = result.class_document()["notes"][-1]["found"]
    assert " ".join(found.split()) == committed["notes"][-1]["found"].replace("*", "")
    assert result.class_document() == _plain_expectation(committed, found)
    assert all(r["required_level"] is None for r in result.class_document()["requirements"])


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name[:4])
def test_plain_text_reports_exactly_the_known_defects(source: Path, bank: Bank) -> None:
    code = source.name[:4]
    result = import_document(PLAIN / source.name, bank)
    assert _drift(result) == KNOWN_DRIFT[code]
    for (doc, number), changes in KNOWN_DIFFS.items():
        if doc == code:
            assert _changes(result, number) == changes
    assert not [f for f in result.findings if f.kind == "unbalanced-emphasis"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name[:4])
def test_plain_text_reads_the_same_competencies_as_the_source(source: Path, bank: Bank) -> None:
    def read(result: ImportResult) -> list[tuple[int, str, list[tuple[str, Any, Any]]]]:
        return [
            (c.number, c.status, [(d.path, d.bank, d.document) for d in c.differences])
            for c in result.comparisons
        ]

    assert read(import_document(PLAIN / source.name, bank)) == read(import_document(source, bank))


def _load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, FIXTURES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name[:4])
def test_plain_text_fixtures_are_what_the_script_makes(source: Path) -> None:
    script = _load_script("make_plaintext")
    made = script.render(source.read_text(encoding="utf-8"), source.name[:4])
    assert (PLAIN / source.name).read_text(encoding="utf-8") == made


def test_plain_text_fixtures_have_the_pdf_form() -> None:
    for path in PLAIN.glob("*.txt"):
        lines = path.read_text(encoding="utf-8").split("\n")
        assert max(len(line) for line in lines) <= 90
        assert not any(line.startswith("- ") or "*" in line for line in lines)
        assert any(line.strip().isdigit() for line in lines)  # page numbers


def test_drift_kinds_are_documented() -> None:
    assert set(FINDINGS) >= DRIFT
