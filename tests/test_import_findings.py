"""Every kind of importer finding, each made by one small change to a document's text.

Each case edits a document (tests/fixtures/import/variants/class-code.txt: class 4243 with
competencies 3 and 7, level 3 of 7 marked ``*...*``) and imports it through the public
`compbank.importer.import_document`, asserting the finding and what it means for the class
file: in particular that a required level is never guessed where the emphasis is missing,
doubled or only half there.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from typing import TYPE_CHECKING, Any

import pytest

from compbank import load
from compbank.cli import main as cli_main
from compbank.importer import FINDINGS, ImportResult, IncompleteImportError, import_document
from conftest import DATA
from corpus import FIXTURES

if TYPE_CHECKING:
    from pathlib import Path

    from compbank import Bank

BASE = (FIXTURES / "import" / "variants" / "class-code.txt").read_text(encoding="utf-8")
LEVEL_3_OF_7 = (
    "Level 3: *Allot time to responsibilities proportional to their prominence, priority, "
    "and impact.*"
)
PLAIN_3_OF_7 = LEVEL_3_OF_7.replace("*", "")
LEVEL_2_OF_7 = (
    "Level 2: Plan and perform work in a way that maximizes efficient performance; establish "
    "and adjust priorities to ensure timely completion of most critical assignments."
)
LISTED_3 = "- 3. Judgment and Decision Making\n"
LISTED_7 = "- 7. Self-Management\n"


def edited(*changes: tuple[str, str]) -> str:
    text = BASE
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load(DATA)


def levels(result: ImportResult) -> dict[int, tuple[int | None, bool | None]]:
    return {
        r["competency"]: (r["required_level"], r["prior_to_entry"])
        for r in result.class_document()["requirements"]
    }


def kinds(result: ImportResult) -> list[tuple[str, int | None]]:
    return [(f.kind, f.competency) for f in result.findings]


def test_the_unchanged_document_has_no_finding(bank: Bank) -> None:
    result = import_document(BASE, bank)
    assert kinds(result) == [("emphasis-lost", None)]  # 3 has no marked level
    assert levels(result) == {3: (None, None), 7: (3, None)}


# kind -> (the document's text, a finding it must hold, and each competency's
# (required level, prior to entry) in the class file it makes)
CASES: dict[str, tuple[str, tuple[str, int | None], dict[int, Any]]] = {
    "text-differs": (
        edited(("Evaluates new situations", "Evaluates novel situations")),
        ("text-differs", 3),
        {3: (None, None), 7: (3, None)},
    ),
    "line-break-in-sentence": (
        edited(("situations and reaches appropriate", "situations and\n\nreaches appropriate")),
        ("line-break-in-sentence", 3),
        {3: (None, None), 7: (3, None)},
    ),
    "garbled-name": (
        edited((LISTED_7, "- 7. Self-Manxagement\n")),
        ("garbled-name", 7),
        {3: (None, None), 7: (3, None)},
    ),
    "name-mismatch": (
        edited((LISTED_7, "- 7. Analytical Ability\n")),
        ("name-mismatch", 7),
        {3: (None, None), 7: (3, None)},
    ),
    "listed-not-described": (
        edited((LISTED_7, LISTED_7 + "- 8. Safety Focus\n")),
        ("listed-not-described", 8),
        {3: (None, None), 7: (3, None), 8: (None, None)},
    ),
    "described-not-listed": (
        edited((LISTED_3, "")),
        ("described-not-listed", 3),
        {3: (None, None), 7: (3, None)},
    ),
    "duplicate-listing": (
        edited((LISTED_7, LISTED_7 + LISTED_3)),
        ("duplicate-listing", 3),
        {3: (None, None), 7: (3, None)},
    ),
    # the opening marker lost: still read as required, and said so
    "unbalanced-emphasis": (
        edited((LEVEL_3_OF_7, LEVEL_3_OF_7.replace(": *", ": "))),
        ("unbalanced-emphasis", 7),
        {3: (None, None), 7: (3, None)},
    ),
    # no marker left: unknown, never guessed
    "emphasis-lost": (
        edited((LEVEL_3_OF_7, LEVEL_3_OF_7.replace("*", ""))),
        ("emphasis-lost", None),
        {3: (None, None), 7: (None, None)},
    ),
    # two levels marked: unknown, never guessed
    "ambiguous-emphasis": (
        edited((LEVEL_2_OF_7, LEVEL_2_OF_7.replace(": ", ": *") + "*")),
        ("ambiguous-emphasis", 7),
        {3: (None, None), 7: (None, None)},
    ),
    # an entry marked '*' but no footnote saying what '*' means: unknown
    "mark-without-footnote": (
        edited((LISTED_3, LISTED_3.replace("\n", "*\n"))),
        ("mark-without-footnote", None),
        {3: (None, None), 7: (3, None)},
    ),
    # markers around only part of a level's text: unknown, never guessed
    "partial-emphasis": (
        edited((LEVEL_3_OF_7, LEVEL_3_OF_7.replace("*Allot time", "*Allot time*").rstrip("*"))),
        ("partial-emphasis", 7),
        {3: (None, None), 7: (None, None)},
    ),
    # an entry without its number: read as the bank's competency of that name, and said so
    "unlisted-name": (
        edited((LISTED_3, "- Judgment and Decision Making\n"), (LISTED_7, "- Self-Management\n")),
        ("unlisted-name", 3),
        {3: (None, None), 7: (3, None)},
    ),
    # a list out of the bank's order (its columns scrambled): read in rising order, said so
    "list-order": (
        edited((LISTED_3 + LISTED_7, LISTED_7 + LISTED_3)),
        ("list-order", None),
        {3: (None, None), 7: (3, None)},
    ),
    # the footnote, but no entry marked: unknown, not "false" for every entry
    "footnote-without-marks": (
        edited((LISTED_7, LISTED_7 + "\n*Competencies necessary prior to job entry\n")),
        ("footnote-without-marks", None),
        {3: (None, None), 7: (3, None)},
    ),
}


#: Kinds only a PDF's fonts give (a text's markers do not say which style they stand for):
#: tests/test_import_pdf.py makes each from the styles of a level's words.
FONT_ONLY = {"emphasis-from-font", "other-emphasis", "emphasis-unannounced", "clipped-underline"}
#: Kinds only a copy of justified lines in pieces gives (pdftotext's, a viewer's):
#: tests/test_import_pieces_bank.py makes each.
PIECES_ONLY = {"pieces-as-bank"}


def test_every_kind_of_finding_has_its_case() -> None:
    assert set(CASES) | {"recorded-note"} | FONT_ONLY | PIECES_ONLY == set(FINDINGS)


def test_markers_holding_every_word_of_a_level_in_two_pairs_mark_it(bank: Bank) -> None:
    halves = LEVEL_3_OF_7.replace(
        "responsibilities proportional", "responsibilities* *proportional"
    )
    result = import_document(edited((LEVEL_3_OF_7, halves)), bank)
    assert levels(result) == {3: (None, None), 7: (3, None)}
    assert [c.status for c in result.comparisons] == ["identical", "identical"]


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_finding_is_made_by_its_change(kind: str, bank: Bank) -> None:
    text, finding, expected_levels = CASES[kind]
    result = import_document(text, bank)
    assert finding in kinds(result)
    assert levels(result) == expected_levels
    assert all(f.kind in FINDINGS for f in result.findings)


def test_a_note_the_bank_records_is_found_as_recorded(bank: Bank) -> None:
    source = DATA / "sources" / "7625-director-of-communications-services.txt"
    result = import_document(source, bank)
    (finding,) = [f for f in result.findings if f.kind == "recorded-note"]
    assert (finding.competency, finding.path, finding.recorded) == (59, "$.superior", True)


def test_the_marks_and_footnote_together_give_prior_to_entry(bank: Bank) -> None:
    text = edited(
        (LISTED_3, LISTED_3.replace("\n", "*\n")),
        (LISTED_7, LISTED_7 + "\n*Competencies necessary prior to job entry\n"),
    )
    result = import_document(text, bank)
    assert levels(result) == {3: (None, True), 7: (3, False)}
    assert not [k for k, _ in kinds(result) if "footnote" in k]


@pytest.mark.parametrize(
    ("level_line", "expected", "unbalanced"),
    [
        # the marker before the label counts as the opening one: balanced, required
        (f"*{PLAIN_3_OF_7}*", 3, False),
        (f"**{PLAIN_3_OF_7}**", 3, False),
        # the marker before the label alone still marks the level, half there
        (f"*{PLAIN_3_OF_7}", 3, True),
    ],
)
def test_a_marker_before_the_level_label_counts(
    level_line: str, expected: int, unbalanced: bool, bank: Bank
) -> None:
    result = import_document(edited((LEVEL_3_OF_7, level_line)), bank)
    assert levels(result)[7] == (expected, None)
    assert (("unbalanced-emphasis", 7) in kinds(result)) is unbalanced


def _import_json(document: Path) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli_main(["import", str(document), "--data", str(DATA), "--format", "json"])
    assert code == 0, err.getvalue()
    report: dict[str, Any] = json.loads(out.getvalue())
    return report


@pytest.mark.parametrize(
    "kind", ["ambiguous-emphasis", "footnote-without-marks", "duplicate-listing"]
)
def test_the_command_reports_the_finding_and_guesses_nothing(kind: str, tmp_path: Path) -> None:
    text, (finding, competency), expected_levels = CASES[kind]
    document = tmp_path / "model.txt"
    document.write_text(text, encoding="utf-8")
    report = _import_json(document)
    assert {"kind": finding, "competency": competency} in [
        {"kind": f["kind"], "competency": f["competency"]} for f in report["findings"]
    ]
    got = {
        r["competency"]: (r["required_level"], r["prior_to_entry"])
        for r in report["class_document"]["requirements"]
    }
    assert got == expected_levels


def test_a_marked_level_beside_a_part_marked_one_leaves_the_level_unknown(bank: Bank) -> None:
    # level 3 of 7 marked over all its text, level 2 over its first words only: which one the
    # document requires is not clear, so neither is read
    part_marked = LEVEL_2_OF_7.replace(": Plan and perform work", ": *Plan and perform work*")
    result = import_document(edited((LEVEL_2_OF_7, part_marked)), bank)
    assert ("ambiguous-emphasis", 7) in kinds(result)
    assert levels(result) == {3: (None, None), 7: (None, None)}


@pytest.mark.parametrize(
    ("kind", "label", "quoted"),
    [
        # two marked levels: the first of them; no one text to quote
        ("ambiguous-emphasis", "Level 2: ", False),
        # the part-marked level, quoted as printed
        ("partial-emphasis", "Level 3: ", True),
    ],
)
def test_an_emphasis_finding_points_at_the_level_it_concerns(
    kind: str, label: str, quoted: bool, bank: Bank
) -> None:
    text = CASES[kind][0]
    # competency 7 is described last: its level is the last line with the label
    line, printed = [(n, t) for n, t in enumerate(text.splitlines(), 1) if t.startswith(label)][-1]
    (finding,) = [f for f in import_document(text, bank).findings if f.kind == kind]
    assert (finding.competency, finding.line) == (7, line)
    assert finding.found == (printed if quoted else None)


def test_markers_inside_a_level_that_do_not_pair_up_leave_it_unknown(bank: Bank) -> None:
    # three markers: the second pair has lost its closing one, so part of the text may lie
    # outside the emphasis
    unpaired = LEVEL_3_OF_7.replace(
        "responsibilities proportional", "responsibilities* *proportional"
    )
    result = import_document(edited((LEVEL_3_OF_7, unpaired.rstrip("*"))), bank)
    assert ("partial-emphasis", 7) in kinds(result)
    assert levels(result) == {3: (None, None), 7: (None, None)}


def test_a_finding_after_an_unknown_listed_competency_points_at_its_requirement(
    bank: Bank,
) -> None:
    # "1." is listed, neither described nor in the bank: it is no requirement, so the
    # requirements after it keep their places (53 is the eighth, index 7)
    source = (DATA / "sources" / "7521-senior-electric-service-representative.txt").read_text(
        encoding="utf-8"
    )
    body = source.index("53. LEADERSHIP")
    copy = source[:body].replace("- 8. Safety Focus", "- 1. Unheard Of\n- 8. Safety Focus", 1)
    with pytest.raises(IncompleteImportError) as e:
        import_document(copy, bank)
    # the copy, read in part, names 53 too (once: 1 is the unknown competency's problem's)
    assert [p.code for p in e.value.problems] == ["import-unknown-competency", "import-bad-section"]
    assert e.value.problems[1].message.startswith("competency 53, which the list names")
    found = e.value.result.findings
    (finding,) = [f for f in found if f.kind == "listed-not-described" and f.competency == 53]
    assert finding.path == "$.requirements[7].competency"
