"""Title blocks and lists as the City's documents vary them (tests/fixtures/import/variants)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from compbank import DataError, load
from compbank.importer import ImportResult, IncompleteImportError, import_document
from compbank.importer.parse import parse_document

if TYPE_CHECKING:
    from compbank import Bank

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
VARIANTS = FIXTURES / "variants"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load(DATA)


def _import(name: str, bank: Bank, code: str | None = None) -> ImportResult:
    return import_document(VARIANTS / f"{name}.txt", bank, code=code)


def _levels(result: ImportResult) -> list[tuple[int, int | None, bool | None]]:
    return [
        (r["competency"], r["required_level"], r["prior_to_entry"])
        for r in result.class_document()["requirements"]
    ]


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("class-code", None),
        ("code-after-title", None),
        ("class-code-in-parentheses", None),
        ("year-after-title", 2019),
        ("code-and-year-after-title", 2019),
    ],
)
def test_title_block_gives_code_title_and_year(name: str, year: int | None, bank: Bank) -> None:
    result = _import(name, bank)
    assert (result.code, result.title, result.year) == ("4243", "IMPORT TEST ANALYST", year)
    assert result.class_document()["year"] == year
    assert result.class_file == "classes/4243-import-test-analyst.json"
    assert result.source == "4243-import-test-analyst.txt"
    # 7 is marked *...* at level 3 in its source; 3 carries no emphasis
    assert _levels(result) == [(3, None, None), (7, 3, None)]
    assert [(c.number, c.status) for c in result.comparisons] == [
        (3, "identical"),
        (7, "identical"),
    ]
    assert result.drift == ()


def test_prior_to_entry_marks_with_their_footnote(bank: Bank) -> None:
    result = _import("prior-to-entry", bank)
    assert _levels(result) == [(3, None, True), (7, 3, False)]
    assert result.drift == ()


def test_prior_to_entry_marks_without_footnote_stay_unknown(bank: Bank) -> None:
    text = (VARIANTS / "prior-to-entry.txt").read_text(encoding="utf-8")
    result = import_document(text.replace("*Competencies necessary prior to job entry", ""), bank)
    assert _levels(result) == [(3, None, None), (7, 3, None)]
    assert [f.kind for f in result.findings if f.kind.startswith("mark")] == [
        "mark-without-footnote"
    ]


def test_list_names_that_vary_resolve_to_the_bank_names(bank: Bank) -> None:
    result = _import("variant-names", bank)
    assert [c.name for c in result.comparisons] == [
        "Judgment and Decision Making",
        "Self-Management",
    ]
    assert result.drift == ()


def test_missing_code_is_an_error_naming_the_line(bank: Bank) -> None:
    with pytest.raises(DataError) as e:
        _import("no-code", bank)
    assert [(p.code, p.path) for p in e.value.problems] == [("import-no-code", "line 2")]
    assert "--code" in e.value.problems[0].message


def test_missing_code_can_be_given(bank: Bank) -> None:
    result = _import("no-code", bank, code="4243")
    assert result.code == "4243"
    assert result.class_file == "classes/4243-import-test-analyst.json"


def test_a_year_alone_after_the_title_is_not_taken_for_the_code(bank: Bank) -> None:
    with pytest.raises(DataError) as e:
        _import("year-only", bank)
    assert [p.code for p in e.value.problems] == ["import-ambiguous-code"]
    result = _import("year-only", bank, code="4243")
    assert (result.code, result.year) == ("4243", 2019)


@pytest.mark.parametrize("cut", ["T", "The", "The follow", "The following compe"])
def test_a_copy_cut_in_the_introductions_first_words_ends_its_title_there(
    cut: str, bank: Bank
) -> None:
    # a title block with no code to end it, the copy cut inside "The following
    # competencies": the introduction's words are no words of the title
    text = f"COMPETENCY MODEL FOR\nSENIOR ELECTRIC SERVICE REPRESENTATIVE\n{cut}"
    with pytest.raises(IncompleteImportError) as e:
        import_document(text, bank, code="7521")
    assert e.value.result.title == "SENIOR ELECTRIC SERVICE REPRESENTATIVE"
    # in capitals, such words are the title's own
    title = "HEAD OF THE FOLLOWING"
    with pytest.raises(IncompleteImportError) as e:
        import_document(f"COMPETENCY MODEL FOR {title}", bank, code="7521")
    assert e.value.result.title == title


def test_given_code_must_agree_with_the_document(bank: Bank) -> None:
    with pytest.raises(DataError) as e:
        _import("class-code", bank, code="1111")
    assert [p.code for p in e.value.problems] == ["import-code-conflict"]
    assert _import("code-after-title", bank, code="4243").code == "4243"


def test_list_and_body_disagreeing_is_reported(bank: Bank) -> None:
    result = _import("list-body-disagree", bank)
    found = {(f.kind, f.competency, f.line) for f in result.drift}
    assert found == {("described-not-listed", 7, 42), ("listed-not-described", 13, 9)}
    # 13 is in the bank: it is required, its level unknown; 7 is described, so it is read
    assert _levels(result) == [(3, None, None), (7, 3, None), (13, None, None)]


def test_garbled_list_name_is_read_from_the_body_and_noted(bank: Bank) -> None:
    result = _import("garbled-list-name", bank)
    (finding,) = result.drift
    assert (finding.kind, finding.competency, finding.found) == (
        "garbled-name",
        7,
        "7. Self-Manaqement ttt",
    )
    (note,) = [n for n in result.class_document()["notes"] if n["kind"] == "garbled-name"]
    assert note["path"] == "$.requirements[1].competency"
    assert note["found"] == "7. Self-Manaqement ttt"


def test_a_list_name_that_lost_its_hyphen_is_read_as_the_banks_and_noted(bank: Bank) -> None:
    # pdftotext drops the hyphen a name broke at across lines ("Self-" / "Management"); the
    # copy cut before 7's description, only the bank tells which name it is
    text = (VARIANTS / "class-code.txt").read_text(encoding="utf-8")
    text = text.replace("- 7. Self-Management", "- 7. SelfManagement")
    result = import_document(text[: text.index("7. SELF-MANAGEMENT")], bank)
    (finding,) = [f for f in result.drift if f.kind == "garbled-name"]
    assert (finding.competency, finding.found) == (7, "7. SelfManagement")
    assert "read as 7 Self-Management" in finding.message
    (note,) = [n for n in result.class_document()["notes"] if n["kind"] == "garbled-name"]
    assert note["found"] == "7. SelfManagement"
    assert "without its hyphen" in note["action"]
    # a name that differs in more than a hyphen is no garbled reading of the bank's
    other = text.replace("- 7. SelfManagement", "- 7. SelfManagers")
    result = import_document(other[: other.index("7. SELF-MANAGEMENT")], bank)
    kinds = [f.kind for f in result.drift if f.competency == 7]
    assert kinds == ["listed-not-described", "name-mismatch"]


def test_list_name_of_another_competency_is_a_mismatch(bank: Bank) -> None:
    text = (VARIANTS / "class-code.txt").read_text(encoding="utf-8")
    result = import_document(text.replace("- 7. Self-Management", "- 7. Stress Tolerance"), bank)
    assert [(f.kind, f.competency) for f in result.drift] == [("name-mismatch", 7)]
    assert "competency 13" in result.drift[0].message


def test_listed_competency_neither_described_nor_in_the_bank_is_a_problem(bank: Bank) -> None:
    text = (VARIANTS / "class-code.txt").read_text(encoding="utf-8")
    with pytest.raises(DataError) as e:
        import_document(text.replace("- 7. Self-Management", "- 7. Self-Management\n- 99. X"), bank)
    assert [(p.code, p.path) for p in e.value.problems] == [
        ("import-unknown-competency", "line 10")
    ]


@pytest.mark.parametrize(
    "name", ["class-code-in-parentheses", "year-after-title", "prior-to-entry", "variant-names"]
)
def test_variants_read_the_same_as_plain_text(name: str, bank: Bank) -> None:
    spec = importlib.util.spec_from_file_location("make_plaintext", FIXTURES / "make_plaintext.py")
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    text = (VARIANTS / f"{name}.txt").read_text(encoding="utf-8")
    plain = script.render(text, "1230")
    marked, wrapped = import_document(text, bank), import_document(plain, bank)
    assert wrapped.wrapped
    assert (wrapped.code, wrapped.year) == (marked.code, marked.year)
    # the emphasis is lost in plain text; the prior-to-entry marks are characters, and stay
    assert [(n, p) for n, _, p in _levels(wrapped)] == [(n, p) for n, _, p in _levels(marked)]
    assert [lv for _, lv, _ in _levels(wrapped)] == [None, None]
    assert [c.status for c in wrapped.comparisons] == ["identical", "identical"]


def test_variant_fixtures_are_what_the_script_makes() -> None:
    spec = importlib.util.spec_from_file_location("make_variants", FIXTURES / "make_variants.py")
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for name, parts in script.VARIANTS.items():
        assert (VARIANTS / f"{name}.txt").read_text(encoding="utf-8") == script.document(*parts)


def test_parse_reads_the_title_block_alone() -> None:
    document, problems = parse_document(
        (VARIANTS / "code-and-year-after-title.txt").read_text(encoding="utf-8")
    )
    assert problems == ()
    assert document is not None
    assert (document.header.title, document.header.code, document.header.year) == (
        "IMPORT TEST ANALYST",
        "4243",
        2019,
    )
