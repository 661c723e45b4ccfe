"""A model's list set in two columns: read down each column, a name wrapped in its column whole.

In text that keeps the page's layout (``pdftotext -layout``) and in a PDF, where a browser's
columns set each column's lines at baselines of their own. Lines that only look like
columns (a justified paragraph's gaps lined up, a list's numbers set apart by a tab, the
note under the list) are read as they are.
"""

from __future__ import annotations

from compbank.importer import read
from compbank.importer.text_columns import list_columns

LAYOUT = """\
   2. Department Implemented          473. Proficiency Metering Fulfill
      Immediate                       649. State Designated
  39. Consistent Addresses            657. Solution Met Various
*155. Discipline Initiates            698. Typically Audibly
 317. Meet Previously                      Optimally
 *Competencies necessary prior to job entry
"""


def _numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.splitlines(), start=1))


def test_a_list_in_two_columns_is_read_down_each_column() -> None:
    out = list_columns(_numbered(LAYOUT))
    assert out == [
        (1, "2. Department Implemented Immediate"),
        (3, "39. Consistent Addresses"),
        (4, "*155. Discipline Initiates"),
        (5, "317. Meet Previously"),
        (1, "473. Proficiency Metering Fulfill"),
        (2, "649. State Designated"),
        (3, "657. Solution Met Various"),
        (4, "698. Typically Audibly Optimally"),
        (6, " *Competencies necessary prior to job entry"),
    ]


def test_a_note_under_the_list_even_cut_short_is_no_wrapped_name() -> None:
    cut = LAYOUT.replace(" *Competencies necessary prior to job entry", " *Compete")
    out = list_columns(_numbered(cut))
    assert (5, "317. Meet Previously") in out
    assert out[-1] == (6, " *Compete")


def test_a_copy_cut_inside_an_entrys_number_keeps_it_out_of_the_name_above() -> None:
    # "*3" of "*373." at the copy's end, in the first column: no word of the name above it
    cut = (
        "2. Department Implemented     *707. Open Oneself\n"
        "Immediate\n"
        "315. Concise Compliance       768. Audibly Regression\n"
        "                              Basic\n"
        "*3"
    )
    out = list_columns(_numbered(cut))
    assert (3, "315. Concise Compliance") in out
    assert (5, "*3") in out


def test_lines_that_only_look_like_columns_are_kept() -> None:
    justified = """\
1. Plans   the   work   of   others   and   checks   it   for   errors
and   omissions,   reports   to   the   manager   and   keeps   records
of   the   work   done   by   the   unit   and   by   the   other   units
"""
    tabbed = """\
 96.      Implement Within
129.      Rarely Commitments
135.      Applied Missing
"""
    for text in (justified, tabbed):
        assert list_columns(_numbered(text)) == _numbered(text)


def _two_column_pdf() -> bytes:
    """A PDF list in two columns, each column's lines at baselines of their own (as a
    browser sets CSS columns), a name wrapped in the first; a justified paragraph after."""
    from fpdf import FPDF  # noqa: PLC0415

    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(72, 80, "COMPETENCY MODEL FOR")
    for y, text in [(120, "2. Department Implemented"), (133, "Immediate")]:
        pdf.text(72, y, text)
    for y, text in [(159, "96. Implement Within"), (185, "134. Freely While")]:
        pdf.text(72, y, text)
    for y, text in [(120, "315. Concise Compliance"), (146, "576. Selects No")]:
        pdf.text(300, y, text)
    for y, text in [(172, "657. Solution Met Various"), (198, "707. Open Oneself")]:
        pdf.text(300, y, text)
    pdf.text(72, 230, "*Competencies necessary prior to job entry")
    return bytes(pdf.output())


def test_a_pdf_list_in_columns_is_read_down_each_column() -> None:
    reading, _ = read(_two_column_pdf())
    texts = [b.text for b in reading.blocks]
    assert texts == [
        "COMPETENCY MODEL FOR",
        "2. Department Implemented Immediate",
        "96. Implement Within",
        "134. Freely While",
        "315. Concise Compliance",
        "576. Selects No",
        "657. Solution Met Various",
        "707. Open Oneself",
        "*Competencies necessary prior to job entry",
    ]


def test_an_entry_pushed_into_the_gutter_by_a_long_name_keeps_its_column() -> None:
    # pdftotext -layout sets text on a grid of characters: a long name in the first column
    # pushes the second column's entry left, a space after it
    text = """\
2. Mathematics                    20. Job Knowledge
3. Judgment and Decision Making 22. Computer Proficiency
4. Analytical Ability             34. Customer Service
6. Attention to Detail            40. Credibility
13. Stress Tolerance
"""
    assert [t for _, t in list_columns(_numbered(text))] == [
        "2. Mathematics",
        "3. Judgment and Decision Making",
        "4. Analytical Ability",
        "6. Attention to Detail",
        "13. Stress Tolerance",
        "20. Job Knowledge",
        "22. Computer Proficiency",
        "34. Customer Service",
        "40. Credibility",
    ]


def test_the_sentence_after_a_pdf_list_in_columns_is_no_line_of_them() -> None:
    # a justified line of the sentence after the list, in a monospaced face: its gap lines
    # up with the gutter and its words after it with the second column; its start was read
    # as the first column's last line, its end as the second's, ending the list in between
    from fpdf import FPDF  # noqa: PLC0415

    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.set_font("Courier", size=11)
    pdf.text(72, 80, "COMPETENCY MODEL FOR")
    rows = [("3. Judgment", "42. Resolves Conflict"), ("17. Innovation", "47. Written")]
    rows += [("28. Supervision", "53. Leadership")]
    for k, (first, second) in enumerate(rows):
        pdf.text(72, 120 + 26 * k, first)
        pdf.text(300, 120 + 26 * k, second)
    pdf.text(72, 210, "On the following pages")
    pdf.text(300, 210, "are descriptions of each")
    reading, _ = read(bytes(pdf.output()))
    assert [b.text for b in reading.blocks] == [
        "COMPETENCY MODEL FOR",
        "3. Judgment",
        "17. Innovation",
        "28. Supervision",
        "42. Resolves Conflict",
        "47. Written",
        "53. Leadership",
        "On the following pages are descriptions of each",
    ]


def test_the_sentence_after_a_text_list_in_columns_is_no_line_of_them() -> None:
    # the same in text that keeps the layout: the justified line's gap where the gutter is
    text = """\
3. Judgment                  42. Resolves Conflict
17. Innovation               47. Written
28. Supervision              53. Leadership
On the following pages       are descriptions of each
"""
    assert [t for _, t in list_columns(_numbered(text))][-2:] == [
        "53. Leadership",
        "On the following pages       are descriptions of each",
    ]
