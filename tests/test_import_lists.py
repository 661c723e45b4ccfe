"""Reading a model's list of competencies, and telling its end from the first competency.

Each test gives the smallest copy that shows one way a list is given: cut short, set in
columns, its numbers and names run together, its last entry followed by a heading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compbank import load
from compbank.importer import ImportResult, IncompleteImportError, import_document, report

ROOT = Path(__file__).resolve().parents[1]
BANK = load(ROOT / "data")
LAYOUT = (ROOT / "tests/fixtures/import/kept/7521-list-in-two-columns-layout.txt").read_text(
    encoding="utf-8"
)
LISTED = [
    (8, "Safety Focus"),
    (13, "Stress Tolerance"),
    (20, "Job Knowledge"),
    (28, "Supervision"),
    (34, "Customer Service"),
    (45, "Oral Communication"),
    (50, "Process Improvement"),
    (53, "Leadership"),
]
TITLE = "COMPETENCY MODEL FOR SENIOR ELECTRIC SERVICE REPRESENTATIVE (7521)"
INTRODUCTION = (
    "The following competencies have been identified as those that best separate superior "
    "from satisfactory job performance in the class of SENIOR ELECTRIC SERVICE "
    "REPRESENTATIVE. (Numbers refers to the order of the competencies in the Competency Bank.)"
)
CLOSING = (
    "On the following pages are descriptions of each competency, including a definition, the "
    "level of the competency required for the class (bolded), examples of behavioral "
    "indicators, and satisfactory and superior performance levels."
)


def _entries(marked: bool = False) -> list[str]:
    return [f"{'*' if marked else ''}{n}. {name}" for n, name in LISTED]


def _incomplete(copy: str) -> tuple[ImportResult, str]:
    with pytest.raises(IncompleteImportError) as e:
        import_document(copy, BANK)
    return e.value.result, " ".join(p.message for p in e.value.problems)


def _page_one(*after_list: str, marked: bool = False) -> str:
    return " ".join(["1", TITLE, INTRODUCTION, *_entries(marked), *after_list])


def test_a_transcription_cut_at_its_first_heading_lists_it_not() -> None:
    # the second page cut inside its heading: "2 8. SAFETY FOC" is no ninth entry
    with pytest.raises(IncompleteImportError) as e:
        import_document(_page_one(CLOSING) + "\n\n2 8. SAFETY FOC", BANK)
    result, messages = e.value.result, e.value.problems[0].message
    assert [(e.number, e.name) for e in result.listed] == LISTED
    # one problem: the cut, at the heading it ends in
    assert [p.code for p in e.value.problems] == ["import-incomplete"]
    assert "competency 8 (...'8. SAFETY FOC')" in messages
    assert "13, 20, 28, 34, 45, 50, 53" in messages


def test_a_heading_in_capitals_after_a_list_in_title_case_ends_the_list() -> None:
    # no closing sentence: the heading's definition lost its first word ("s, ...")
    copy = _page_one() + "\n\n2 8. SAFETY FOCUS s, work in a way that minimizes risk."
    result, messages = _incomplete(copy)
    assert [(e.number, e.name) for e in result.listed] == LISTED
    assert "competency 8, SAFETY FOCUS: its heading is read" in messages


@pytest.mark.parametrize("cut", ["*Competencies ne", "*Competencies", "*Com", "*C"])
def test_a_transcription_cut_inside_the_footnote_keeps_the_last_entry_and_the_marks(
    cut: str,
) -> None:
    # a "*" before a word is no part of a name: the last entry ends there ("*Com" had been
    # read into "Leadership *Com")
    result, _ = _incomplete(_page_one(cut, marked=True))
    assert [(e.number, e.name) for e in result.listed] == LISTED
    assert [e.prior_to_entry for e in result.listed] == [True] * len(LISTED)


@pytest.mark.parametrize("cut", ["On the follo", "On", "O"])
def test_a_copy_cut_in_the_sentence_after_the_list_keeps_the_last_name_whole(cut: str) -> None:
    # "53. Leadership On": the sentence after the list, cut at its first word, or in it
    result, _ = _incomplete(_page_one(cut))
    assert [(e.number, e.name) for e in result.listed] == LISTED


@pytest.mark.parametrize("wrapped", ["\nUp", " Up"])
def test_a_name_wrapped_at_its_hyphen_after_a_row_of_two_entries_is_whole(wrapped: str) -> None:
    # pdftotext of a two-column list, row by row: the row "32. ... Follow-" / "59. ..." on
    # one line (no split after a hyphen), and the name's last word "Up" on the next, a
    # paragraph of its own or the row's: 59 was lost into 32's name, or named "... Up"
    rows = [
        "3. Judgment and Decision",
        "42. Resolves Conflict",
        "Making",
        "17. Innovation",
        "47. Written Communication",
        "28. Supervision",
        "53. Leadership",
        "30. Fiscal Management",
        "56. Awareness of the City",
        "Environment",
        f"32. Responsiveness and Follow- 59. Strategic Planning{wrapped}",
    ]
    copy = "\n".join(
        [
            "COMPETENCY MODEL FOR DIRECTOR OF COMMUNICATIONS SERVICES (7625)",
            "The following competencies have been identified as those that best separate",
            "superior from satisfactory job performance in the class of DIRECTOR OF",
            "COMMUNICATIONS SERVICES. (Numbers refers to the order of the competencies in",
            "the Competency Bank.)",
            *rows,
            CLOSING,
        ]
    )
    result, _ = _incomplete(copy)
    assert [(e.number, e.name) for e in result.listed] == [
        (n, BANK.competencies[n].name) for n in (3, 17, 28, 30, 32, 42, 47, 53, 56, 59)
    ]


def test_a_name_wrapped_over_two_lines_of_its_own_is_whole() -> None:
    # pdftotext of a two-column list in a narrow face, column by column: 56's last words on
    # two lines, each a paragraph of its own; neither alone ends the name, both together do
    lines = [
        "COMPETENCY MODEL FOR DIRECTOR OF COMMUNICATIONS SERVICES (7625)",
        "The following competencies have been identified as those that best separate",
        "superior from satisfactory job performance in the class of DIRECTOR OF",
        "COMMUNICATIONS SERVICES. (Numbers refers to the order of the competencies in",
        "the Competency Bank.)",
        "3. Judgment and Decision Making",
        "17. Innovation",
        "56. Awareness of",
        "the City",
        "Environment",
        "59. Strategic Planning",
        CLOSING,
    ]
    result, _ = _incomplete("\n".join(lines))
    assert [(e.number, e.name) for e in result.listed] == [
        (n, BANK.competencies[n].name) for n in (3, 17, 56, 59)
    ]


def test_a_name_wrapped_at_its_hyphen_in_a_layout_column_is_whole() -> None:
    from compbank.importer.text_columns import list_columns  # noqa: PLC0415

    rows = [
        " 7. Self-                           34. Customer Service",
        "    Management                      45. Oral Communication",
        " 20. Job Knowledge                  47. Written Communication",
    ]
    out = [t for _, t in list_columns(list(enumerate(rows, start=1)))]
    assert out[0] == "7. Self-Management"


def test_a_competency_whose_definition_starts_with_a_number_is_named() -> None:
    copy = "\n\n".join(
        [
            _page_one(CLOSING),
            "2 8. SAFETY FOCUS Performs work safely. Wears seat belt. Uses gloves.",
            "3 13. STRESS TOLERANCE 40 hours a week under pressure. Stays calm. Meets dates.",
        ]
    )
    _, messages = _incomplete(copy)
    assert "competency 13, STRESS TOLERANCE" in messages


def test_a_competency_whose_definition_lost_its_first_word_is_named() -> None:
    # a transcription drops words: "Knows information ..." became "ws information ..."
    copy = "\n\n".join(
        [
            _page_one(CLOSING),
            "2 8. SAFETY FOCUS Performs work safely. Wears seat belt. Uses gloves.",
            "3 13. STRESS TOLERANCE Maintains performance. Stays calm. Meets dates.",
            "4 20. JOB KNOWLEDGE ws information required to perform a job. Knows it well.",
        ]
    )
    _, messages = _incomplete(copy)
    assert "competency 20, JOB KNOWLEDGE" in messages
    # not read into the competency before it
    assert "competency 13, STRESS TOLERANCE" in messages
    assert (
        "ws information"
        not in messages.split("competency 13, STRESS TOLERANCE")[1].split("competency 20")[0]
    )


def _layout(tmp_path: Path, copy: str) -> ImportResult:
    path = tmp_path / "7521.txt"
    path.write_text(copy, encoding="utf-8")
    return import_document(path, BANK)


def test_a_heading_whose_definition_text_gave_before_it_takes_it_back(tmp_path: Path) -> None:
    # pdftotext of a browser's PDF: "\u2013 definition" on the line before "8. SAFETY FOCUS",
    # and "STRESS TOLERANCE \u2013 definition" before "13." alone; neither is read into
    # another competency's text
    dash = " \u2013 "
    copy = LAYOUT
    for number in ("8. ", "13. "):
        at = copy.index(f"\n{number}{'SAFETY' if number == '8. ' else 'STRESS'}") + 1
        line = copy[at:].split("\n", 1)[0]
        head, definition = line.split(dash, 1)
        if number == "8. ":
            moved = f"\u2013 {definition}\n{head}"
        else:
            moved = f"{head.removeprefix(number)}{dash}{definition}\n{number.strip()}\n"
        copy = copy[:at] + moved + copy[at + len(line) :]
    result = _layout(tmp_path, copy)
    assert [(e.number, e.name) for e in result.listed] == LISTED
    assert {c.number: c.status for c in result.comparisons} == dict.fromkeys(
        [n for n, _ in LISTED], "identical"
    )


def test_a_list_entry_with_no_space_after_its_number_is_read(tmp_path: Path) -> None:
    # a PDF's narrow tab gap after a wide number: "318.Aspect Secretarial Provides"
    rows = [entry.replace(". ", ".", 1) if k % 2 else entry for k, entry in enumerate(_entries())]
    result = _layout(tmp_path, _list_lines(rows))
    assert [(e.number, e.name) for e in result.listed] == LISTED


def _list_lines(rows: list[str]) -> str:
    lines = LAYOUT.split("\n")
    first = next(k for k, line in enumerate(lines) if line.startswith(" 8. Safety Focus"))
    return "\n".join([*lines[:first], *rows, *lines[first + 4 :]])


def test_a_two_column_list_given_row_by_row_is_read_down_each_column(tmp_path: Path) -> None:
    # pdftotext (default) of a borderless two-column table: 8, 34, 13, 45, ...
    entries = _entries()
    rows = [line for k in range(4) for line in (entries[k], "", entries[k + 4], "")]
    result = _layout(tmp_path, _list_lines(rows))
    assert [(e.number, e.name) for e in result.listed] == LISTED


def test_an_entry_alone_on_its_line_keeps_its_column(tmp_path: Path) -> None:
    # pdftotext -layout: the first row's entries on lines of their own, the second indented
    entries = _entries()
    rows = [f" {entries[0]}", f"{' ' * 54}{entries[4]}"] + [
        f"{entries[k]:<54}{entries[k + 4]}" for k in range(1, 4)
    ]
    result = _layout(tmp_path, _list_lines(rows))
    assert [(e.number, e.name) for e in result.listed] == LISTED


def test_a_name_wrapped_in_its_column_is_read_whole(tmp_path: Path) -> None:
    # pdftotext (default) of a list in two columns whose "Job Knowledge" wrapped in its
    # column: the columns one after the other, or the rows one after the other (its last
    # word then after the other column's entry, taking a row of its own)
    e = _entries()
    one_after = [e[0], e[1], "20. Job", "Knowledge", e[3], "", *e[4:]]
    row_by_row = [e[0], e[4], e[1], e[5], "20. Job", e[6], "Knowledge", e[7], e[3]]
    for rows in (one_after, row_by_row):
        result = _layout(tmp_path, _list_lines(rows))
        assert [(x.number, x.name) for x in result.listed] == LISTED


def test_a_name_wrapped_in_its_column_is_completed_as_the_bodys_heading_names_it(
    tmp_path: Path,
) -> None:
    # pdftotext (default) of a justified PDF, its two-column list given row by row, blank
    # lines between: "Base", the last word of "20. Job Knowledge Base" (a name the bank
    # does not hold), after the other column's entry. It was taken for a piece of a
    # justified line and put into the introduction, whose first line ended short, and the
    # entry read as "Job Knowledge"
    from compbank.importer.read_text import read_text  # noqa: PLC0415

    e = _entries()
    rows = [e[0], e[4], e[1], e[5], e[2], e[6], "Base", e[7], e[3]]
    copy = _list_lines([line for row in rows for line in (row, "")])
    copy = copy.replace("JOB KNOWLEDGE", "JOB KNOWLEDGE BASE").replace(
        "superior from satisfactory job\n", "superior from\nsatisfactory job "
    )
    blocks = [b.text for b in read_text(copy).blocks]
    assert "Base" in blocks
    assert not any("Base" in b for b in blocks if b.startswith("The following"))
    result = _layout(tmp_path, copy)
    assert [(x.number, x.name) for x in result.listed] == [
        (n, "Job Knowledge Base" if n == 20 else name) for n, name in LISTED
    ]
    # the bank's name for 20 is another: the name, as the list and the body give it, is
    # reported against it
    assert any(
        f.kind == "name-mismatch" and "'20. Job Knowledge Base'" in f.message
        for f in result.findings
    )


@pytest.mark.parametrize("note", ["*Competencies necessary", "*Competen"])
def test_a_list_whose_copy_is_cut_inside_the_note_under_it_keeps_its_last_entry(
    note: str,
) -> None:
    # numbers alone before their names (pdftotext of a list typed with tabs), the copy cut
    # inside the note under the list: the last number went without its name, and the
    # marks without the note that says what they mean
    marked = {13, 45}
    entries = [f"{'*' if n in marked else ''}{n}. {name}" for n, name in LISTED]
    copy = _list_lines([line for entry in entries for line in entry.split(" ", 1)])
    copy = copy[: copy.index("53.\nLeadership\n")] + "53.\nLeadership\n" + note
    result, _ = _incomplete(copy)
    assert [(x.number, x.name, x.prior_to_entry) for x in result.listed] == [
        (n, name, n in marked) for n, name in LISTED
    ]


def test_a_two_column_list_cut_in_its_second_row_is_read_down_each_column() -> None:
    # pdftotext -layout cut short in the list's second row: two lines are a list in
    # columns where the text ends in them. Read as a paragraph, "Knowledge" went to the
    # second column's entry and "45. Or" was lost
    e = _entries()
    rows = [f" {'20. Job':<53}{e[4]}", f"     {'Knowledge':<49}{e[5]}"]
    copy = _list_lines(rows)
    result, _ = _incomplete(copy[: copy.index("45. Oral") + len("45. Or")])
    listed = [(x.number, x.name) for x in result.listed]
    assert listed == [(20, "Job Knowledge"), (34, "Customer Service"), (45, "Or")]


def test_words_after_an_entry_that_make_no_name_of_the_bank_are_no_part_of_it(
    tmp_path: Path,
) -> None:
    e = _entries()
    rows = [e[0], e[1], "20. Job", "Knowledge Base", e[3], "", *e[4:]]
    result = _layout(tmp_path, _list_lines(rows))
    assert (20, "Job") in [(x.number, x.name) for x in result.listed]
    # a dash alone (a heading's, its definition printed before it) adds no word to a name
    rows = [*e, "\u2013"]
    result = _layout(tmp_path, _list_lines(rows))
    assert [(x.number, x.name) for x in result.listed] == LISTED


def test_a_two_column_list_given_in_pieces_is_read_down_each_column(tmp_path: Path) -> None:
    # pdftotext (default) of a browser's two columns: each column's lines at heights of
    # their own, the text gives them in pieces as the heights fall: 8, 34, 45, 13, ...
    e = _entries()
    rows = [e[0], e[4], e[5], e[1], e[2], e[6], e[3], e[7]]
    result = _layout(tmp_path, _list_lines(rows))
    assert [(x.number, x.name) for x in result.listed] == LISTED
    # a list out of order that two rising columns cannot give is read as the body's rising
    # order gives it, and the order found is reported
    rows = [e[1], e[0], e[4], e[2], e[5], e[3], e[6], e[7]]
    result = _layout(tmp_path, _list_lines(rows))
    assert [(x.number, x.name) for x in result.listed] == LISTED
    found = [f.found for f in result.findings if f.kind == "list-order"]
    assert found == ["13, 8, 34, 20, 45, 28, 50, 53"]


def test_numbers_alone_before_their_names_are_read_up_to_the_sentence_after_the_list(
    tmp_path: Path,
) -> None:
    # a viewer's copy of a list typed with a tab after each number (pdftotext took the gap
    # for one between columns): each number alone, its name on the next line, the last
    # name straight before the sentence after the list
    rows = [line for entry in _entries() for line in entry.split(" ", 1)]
    copy = _list_lines(rows).replace(
        "Leadership\n\nOn the following", "Leadership\nOn the following"
    )
    assert "53.\nLeadership\nOn the following" in copy
    result = _layout(tmp_path, copy)
    assert [(e.number, e.name) for e in result.listed] == LISTED
    # a copy cut short inside that sentence: the last name is still the last entry's (it
    # went back, with the sentence's first words, into a line above as their pieces)
    for end in ("On the", "On the follo"):
        cut = copy[: copy.index("On the following")] + end
        with pytest.raises(IncompleteImportError) as e:
            import_document(cut, BANK)
        assert [(x.number, x.name) for x in e.value.result.listed] == LISTED, end


def test_a_two_column_list_whose_first_row_is_one_line_is_read_down_each_column(
    tmp_path: Path,
) -> None:
    # pdftotext (default) of a LibreOffice list in two columns: the first row's entries on
    # one line, the other rows' entries a line each: 8 34, 13, 45, 20, 50, ...
    e = _entries()
    rows = [f"{e[0]} {e[4]}", e[1], e[5], e[2], e[6], e[3], e[7]]
    result = _layout(tmp_path, _list_lines(rows))
    assert [(x.number, x.name) for x in result.listed] == LISTED


def _tight() -> list[str]:
    """The entries, those of two-digit numbers with no space after the number (a tab gap)."""
    tight = zip(LISTED, _entries(), strict=True)
    return [e.replace(". ", ".", 1) if n > 10 else e for (n, _), e in tight]


def test_an_entry_no_space_parts_is_no_piece_of_a_justified_line(tmp_path: Path) -> None:
    # "13.Stress Tolerance" alone between blank lines starts a line of its own
    spaced = [line for entry in _tight() for line in (entry, "")]
    result = _layout(tmp_path, _list_lines(spaced))
    assert [(x.number, x.name) for x in result.listed] == LISTED


def test_a_number_alone_before_its_name_ends_before_an_entry_no_space_parts(
    tmp_path: Path,
) -> None:
    e = _tight()
    parted = [e[0], "13.", "Stress Tolerance", *e[2:]]
    result = _layout(tmp_path, _list_lines(parted))
    assert [(x.number, x.name) for x in result.listed] == LISTED


#: A two-column list as pdftotext gave it, a wrapped name throwing its rows out of step.
SCRAMBLED = [8, 34, 13, 50, 45, 20, 28, 53]


def _scrambled() -> str:
    """The layout copy with its list given in the `SCRAMBLED` order."""
    entries = dict(zip([n for n, _ in LISTED], _entries(), strict=True))
    return _list_lines([line for n in SCRAMBLED for line in (entries[n], "")])


def test_a_list_scrambled_out_of_its_columns_is_read_in_the_bodys_rising_order(
    tmp_path: Path,
) -> None:
    # pdftotext of a two-column list whose wrapped names threw its rows out of step: no two
    # rising columns give it; the body describes the same competencies in rising order
    result = _layout(tmp_path, _scrambled())
    assert [(e.number, e.name) for e in result.listed] == LISTED
    (finding,) = [f for f in result.findings if f.kind == "list-order"]
    assert finding.found == "8, 34, 13, 50, 45, 20, 28, 53"
    assert "8, 13, 20, 28, 34, 45, 50, 53, the order the body describes them in" in (
        finding.message
    )
    assert all(c.status == "identical" for c in result.comparisons)
    # the report gives it with the list and the body
    shown = report.text(result)
    with_list = shown.split("List and body:")[1].split("Required levels and marks:")[0]
    assert "[list-order] line" in with_list


def test_a_scrambled_list_of_a_copy_cut_before_its_body_is_read_in_rising_order(
    tmp_path: Path,
) -> None:
    # the same list, the copy cut short after it, before the first heading: no body says
    # otherwise, and a list is in the bank's order; the copy is reported read in part
    copy = _scrambled()
    path = tmp_path / "7521.txt"
    path.write_text(copy[: copy.index("\n8. SAFETY FOCUS")], encoding="utf-8")
    with pytest.raises(IncompleteImportError) as e:
        import_document(path, BANK)
    result = e.value.result
    assert [(x.number, x.name) for x in result.listed] == LISTED
    (finding,) = [f for f in result.findings if f.kind == "list-order"]
    assert finding.found == "8, 34, 13, 50, 45, 20, 28, 53"
    assert "the bank's order (the copy ends before the body)" in finding.message


def test_a_list_out_of_order_is_kept_as_found_where_the_body_does_not_rise(
    tmp_path: Path,
) -> None:
    # the body's order is the witness: where it does not rise either, nothing is reordered
    copy = _scrambled()
    first, second = copy.index("\n8. SAFETY FOCUS"), copy.index("\n13. STRESS TOLERANCE")
    third = copy.index("\n20. JOB KNOWLEDGE")
    swapped = copy[:first] + copy[second:third] + copy[first:second] + copy[third:]
    result = _layout(tmp_path, swapped)
    assert [e.number for e in result.listed] == SCRAMBLED
    assert "list-order" not in {f.kind for f in result.findings}
