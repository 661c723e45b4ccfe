"""The text forms common tools give, read into the same records; and fuzzed documents.

Each variant below is one of the sources changed the way a tool or a person changes it; it
must give the committed class file's requirements (levels unknown where emphasis is gone).
The fuzz tests mutate the sources (lines dropped, repeated, swapped, cut, case changed,
labels removed): only problems and findings may come out, never a traceback.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compbank import DataError, Problem, load
from compbank.cli import main
from compbank.importer import import_document
from compbank.importer.read_text import read_text

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BANK = load(DATA)
SOURCES = ROOT / "data" / "sources"
PLAINTEXT = ROOT / "tests" / "fixtures" / "import" / "plaintext"
S1230 = (SOURCES / "1230-customer-service-representative.txt").read_text(encoding="utf-8")
S7521 = (SOURCES / "7521-senior-electric-service-representative.txt").read_text(encoding="utf-8")
P1230 = (PLAINTEXT / "1230-customer-service-representative.txt").read_text(encoding="utf-8")
P7521 = (PLAINTEXT / "7521-senior-electric-service-representative.txt").read_text(encoding="utf-8")
TITLE_1230 = "**COMPETENCY MODEL FOR\nCUSTOMER SERVICE REPRESENTATIVE\nCLASS CODE 1230**\n\n"


def requirements(code: str, *, levels: bool = True) -> list[dict[str, object]]:
    (path,) = (DATA / "classes").glob(f"{code}-*.json")
    reqs: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["requirements"]
    return reqs if levels else [{**r, "required_level": None} for r in reqs]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("COMPETENCY MODEL FOR CUSTOMER SERVICE REPRESENTATIVE (2016) CLASS CODE 1230\n", 2016),
        ("competency model for customer service representative (2016) class code 1230\n", 2016),
        ("Competency Model for Customer Service Representative CLASS CODE (1230)\n", None),
        ("Competency Model for Customer Service Representative (1230) (2016)\n", 2016),
        (
            (
                "City of Los Angeles\nCOMPETENCY MODEL FOR CUSTOMER SERVICE REPRESENTATIVE\n"
                "CLASS CODE 1230\n"
            ),
            None,
        ),
    ],
)
def test_title_blocks_with_or_without_a_blank_line(title: str, year: int | None) -> None:
    for blank in ("\n", ""):
        result = import_document(S1230.replace(TITLE_1230, title + blank), BANK)
        assert (result.code, result.year) == ("1230", year)
        assert result.title.upper() == "CUSTOMER SERVICE REPRESENTATIVE"
        assert result.class_document()["requirements"] == requirements("1230")


def test_plain_text_title_runs_into_the_introduction() -> None:
    text = P1230.replace("CLASS CODE 1230\n\nThe following", "CLASS CODE 1230\nThe following")
    assert text != P1230
    result = import_document(text, BANK)
    assert result.code == "1230"
    assert result.class_document()["requirements"] == requirements("1230", levels=False)


@pytest.mark.parametrize(
    ("pattern", "replacement"),
    [
        (r"^- (\d+)\. ", r"\1. "),  # no list markers
        (r"^- (\d+)\. ", r"\1 "),  # numbers without periods
        (r"^- (\d+)\. ", "\u2022 \\1. "),  # a bullet glyph
        (r"^- (\d+)\. ", "\uf0b7\t\\1. "),  # a Symbol-font bullet, as Word's PDFs give it
        (r"^- (\d+)\. ", r"- "),  # names without numbers: matched by name
        (r"^(- \d+\. .*)$", r"\1\n"),  # a blank line between entries
        (r"^- (\d+)\. ", "\uf0b7\n\n\\1. "),  # a bullet alone on its line (pdftotext)
    ],
)
def test_list_forms(pattern: str, replacement: str) -> None:
    text = re.sub(pattern, replacement, S7521, flags=re.MULTILINE)
    assert text != S7521
    result = import_document(text, BANK)
    assert [e.number for e in result.listed] == [8, 13, 20, 28, 34, 45, 50, 53]
    assert result.class_document()["requirements"] == requirements("7521")


@pytest.mark.parametrize("glyph", ["\u25cb", "\u2713", "\uf076"])
def test_a_bullet_of_any_glyph_alone_on_its_line_in_wrapped_text(glyph: str) -> None:
    # pdftotext prints a bullet on a line of its own, its item's text after it
    text = P7521.replace("\nWears seat belt.\n", f"\n{glyph}\n\nWears seat belt.\n")
    assert text != P7521
    reading = read_text(text)
    assert reading.form == "wrapped"
    (item,) = [b for b in reading.blocks if b.text.startswith("Wears seat belt.")]
    assert item.bullet
    assert glyph not in {b.text for b in reading.blocks}
    result = import_document(text, BANK)
    assert result.class_document()["requirements"] == requirements("7521", levels=False)


def test_prior_to_entry_marks_with_their_footnote() -> None:
    text = S7521.replace("- 8. Safety Focus", "- *8. Safety Focus").replace(
        "- 53. Leadership", "- 53. Leadership\n\n*Competencies necessary prior to job entry"
    )
    result = import_document(text, BANK)
    assert [(e.number, e.prior_to_entry) for e in result.listed][:2] == [(8, True), (13, False)]
    prior = [r["prior_to_entry"] for r in result.class_document()["requirements"]]
    assert prior == [True] + [False] * 7


def test_levels_as_list_items_and_labels_alone() -> None:
    text = re.sub(r"^Level ([1-3]): ", r"- Level \1:\n", S7521, flags=re.MULTILINE)
    result = import_document(text, BANK)
    assert result.class_document()["requirements"] == requirements("7521")


def test_text_copied_from_a_viewer() -> None:
    # a viewer's copy: bullets as "•", no blank lines, a running header and page numbers
    lines = []
    body = [line for line in P1230.split("\n") if not re.fullmatch(r"\d+", line.strip())]
    for k, line in enumerate(body):
        if k and k % 40 == 0:
            lines += ["Page 3 of 9", "City of Los Angeles \u2013 Competency Models"]
        if line.strip():
            lines.append(line)
    lines = ["City of Los Angeles \u2013 Competency Models", *lines]
    result = import_document("\n".join(lines) + "\n", BANK)
    assert result.class_document()["requirements"] == requirements("1230", levels=False)
    texts = [b.text for b in read_text("\n".join(lines)).blocks]
    assert not any("City of Los Angeles" in t or t.startswith("Page ") for t in texts)


# -- fuzz ------------------------------------------------------------------------------------

_LABEL = re.compile(
    r"^(Level [1-3]:|Examples of Behavioral Indicators:|Satisfactory|Superior|"
    r"Performance Levels:|Level of Competency Required by Job:)\s*"
)
_DOCUMENTS = [S1230, S7521, P1230]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A source with a few lines dropped, repeated, swapped, cut, recased or unlabelled."""
    lines = draw(st.sampled_from(_DOCUMENTS)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        k = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "case", "label", "end"]))
        if how == "drop":
            del lines[k]
        elif how == "repeat":
            lines.insert(k, lines[k])
        elif how == "swap" and k + 1 < len(lines):
            lines[k], lines[k + 1] = lines[k + 1], lines[k]
        elif how == "cut":
            lines[k] = lines[k][: draw(st.integers(0, max(len(lines[k]) - 1, 0)))]
        elif how == "case":
            lines[k] = draw(st.sampled_from([str.upper, str.lower, str.title]))(lines[k])
        elif how == "label":
            lines[k] = _LABEL.sub("", lines[k])
        else:
            lines = lines[: k + 1]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@given(document=mutated())
def test_fuzz_import_document_gives_problems_and_findings_only(document: str) -> None:
    problems: tuple[Problem, ...] = ()
    try:
        result = import_document(document, BANK)
    except DataError as e:
        problems = e.problems
    if problems:
        assert all(p.path == "$" or p.path.startswith("line ") for p in problems)
    else:
        assert result.code


@given(document=mutated())
def test_fuzz_the_command_never_fails_with_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, document: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "model.txt"
    path.write_text(document, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["import", str(path), "--data", str(DATA), "--format", "json"])
    assert code in (0, 1)
    report = json.loads(out.getvalue())
    assert (code == 0) == (report["status"] == "read")
    if code == 1:
        assert report["problems"]
