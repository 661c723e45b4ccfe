"""Reading documents into records: the text forms, and documents that cannot be read."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compbank import DataError, load
from compbank.importer import import_document
from compbank.importer.compare import diff_segments, render_diff
from compbank.importer.parse import Document, Text, parse_document
from compbank.importer.read_text import read_text
from compbank.importer.text_paths import _as_bank, _read_list

if TYPE_CHECKING:
    from collections.abc import Callable

    from compbank import Bank, Problem
    from compbank.importer.blocks import Block

ROOT = Path(__file__).resolve().parents[1]
SOURCE_7625 = ROOT / "data" / "sources" / "7625-director-of-communications-services.txt"

HEAD = """COMPETENCY MODEL FOR
IMPORT TEST ANALYST
CLASS CODE 4243

2. Mathematics

"""

# one competency in the plain-text form, wrapped at 60 characters, with a page number inside
# a paragraph and "Level N:" alone on its line
PLAIN = (
    HEAD
    + """2. MATHEMATICS \u2013 Performs arithmetic or higher-level
mathematical computations accurately.

Level of Competency Required by Job:

Level 1:
Perform arithmetic computations (add, subtract, multiply,
divide, ratios, percentages).

Level 2: Use algebra (substitute numbers for letters in a
formula).

Level 3:

Apply and interpret calculus.

Examples of Behavioral Indicators:

Quickly and accurately performs arithmetic computations.
Appropriately selects and applies formulas for stated

7

purpose.

Correctly identifies an appropriate analysis.
Performance Levels:

Satisfactory
Knows mathematical requirements of the job and performs them
correctly. Verifies work to ensure accuracy.

Superior

Identifies additional opportunities for the application of
mathematics in work.
"""
)


@functools.cache
def _bank() -> Bank:
    return load(ROOT / "data")


def _read(text: str) -> Document:
    document, problems = parse_document(text, "doc.txt")
    assert problems == ()
    assert document is not None
    return document


def test_plain_text_is_read_across_wraps_and_pages() -> None:
    document = _read(PLAIN)
    assert document.wrapped
    (section,) = document.sections
    assert section.definition[0].text == (
        "Performs arithmetic or higher-level mathematical computations accurately."
    )
    assert [lv.text.text for lv in section.levels] == [
        "Perform arithmetic computations (add, subtract, multiply, divide, ratios, percentages).",
        "Use algebra (substitute numbers for letters in a formula).",
        "Apply and interpret calculus.",
    ]
    assert [t.text for t in section.behavioral_indicators] == [
        "Quickly and accurately performs arithmetic computations.",
        "Appropriately selects and applies formulas for stated purpose.",
        "Correctly identifies an appropriate analysis.",
    ]
    # the page number is gone, and the item it interrupted spans the page break
    assert section.behavioral_indicators[1].line == 26
    assert section.behavioral_indicators[1].last_line == 30
    assert [t.text for t in section.satisfactory] == [
        (
            "Knows mathematical requirements of the job and performs them correctly. "
            "Verifies work to ensure accuracy."
        )
    ]


def test_sources_form_keeps_emphasis_counts_and_raw_lines() -> None:
    document = _read(SOURCE_7625.read_text(encoding="utf-8"))
    assert not document.wrapped
    innovation = next(s for s in document.sections if s.number == 17)
    level = innovation.level(2)
    assert level is not None
    assert (level.lead, level.trail) == (0, 2)
    assert level.text.raw.startswith("- Level 2: Re-engineer")
    assert level.text.text.endswith("work product or service.")
    fiscal = next(s for s in document.sections if s.number == 30)
    assert [(lv.number, lv.lead, lv.trail) for lv in fiscal.levels if lv.marked] == [(2, 1, 1)]
    assert document.emphasis_phrase is not None
    assert document.emphasis_phrase.raw == "(*italicized, bolded, and underlined*)"
    assert [e.found for e in document.entries][2] == "28. Supervision ery Knowledge"


@pytest.mark.parametrize(
    ("change", "code", "line"),
    [
        (("Level 3:\n\nApply", "Level 4:\n\nApply"), "import-bad-section", 19),
        (("Level 1:\nPerform", "Perform"), "import-bad-section", 12),
        (("Performance Levels:\n", "Performance Levels:\nToo soon.\n"), "import-bad-section", 34),
        (("Examples of Behavioral", "Superior\nExamples of Behavioral"), "import-bad-section", 23),
        (("Superior\n\nIdentifies", "Identifies"), "import-bad-section", 7),
        (("CLASS CODE 4243", "CLASS CODE 4243 (1776)"), "import-bad-header", 1),
        (("COMPETENCY MODEL FOR\nIMPORT TEST ANALYST", "TEST ANALYST"), "import-no-header", None),
    ],
)
def test_unreadable_documents_name_the_line(
    change: tuple[str, str], code: str, line: int | None
) -> None:
    old, new = change
    assert old in PLAIN
    document, problems = parse_document(PLAIN.replace(old, new, 1), "doc.txt")
    assert document is None
    assert (problems[0].code, problems[0].path) == (code, f"line {line}" if line else "$")
    assert problems[0].file == "doc.txt"


def test_a_competency_described_twice_is_a_problem() -> None:
    body = PLAIN[len(HEAD) :]
    _, problems = parse_document(PLAIN + "\n" + body, "doc.txt")
    assert [p.code for p in problems] == ["import-bad-section"]
    assert "described twice" in problems[0].message


def test_empty_document() -> None:
    assert [p.code for p in parse_document(" \n\n", "doc.txt")[1]] == ["empty-file"]


def test_soft_breaks_take_the_banks_reading_only_where_one_gives_it() -> None:
    # "...employees" filled the line; the next line may continue it or start an item
    item = Text("Supervises employees Budget processes", "raw", 1, 2, (2,))
    assert _read_list([item], ["Supervises employees", "Budget processes"]) == [
        ("Supervises employees", 1),
        ("Budget processes", 1),
    ]
    assert _read_list([item], ["Supervises employees Budget processes"]) == [
        ("Supervises employees Budget processes", 1)
    ]
    assert _read_list([item], ["something else"]) == [("Supervises employees Budget processes", 1)]
    assert _read_list([item], None) == [("Supervises employees Budget processes", 1)]


def test_word_diff_and_its_rendering() -> None:
    segments = diff_segments(
        "one two three four five six seven eight nine ten assignments.",
        "one two three four five six seven eight nine ten assignments",
    )
    assert [(s.op, s.text) for s in segments] == [
        ("same", "one two three four five six seven eight nine ten"),
        ("bank", "assignments."),
        ("document", "assignments"),
    ]
    assert render_diff(segments) == "… seven eight nine ten [-assignments.-] {+assignments+}"
    assert [(s.op, s.text) for s in diff_segments("same words", "same words")] == [
        ("same", "same words")
    ]


_DOCUMENTS = [
    p.read_text(encoding="utf-8")
    for p in (
        SOURCE_7625,
        ROOT / "tests" / "fixtures" / "import" / "plaintext" / SOURCE_7625.name,
    )
]


@settings(max_examples=60, deadline=None)
@given(
    document=st.sampled_from(_DOCUMENTS),
    cut=st.tuples(st.floats(0, 1), st.integers(0, 30)),
    noise=st.text(alphabet="*-\u2013:()0123456789 LevelAZ\f", max_size=30),
)
def test_damaged_documents_are_read_or_refused_never_crash(
    document: str, cut: tuple[float, int], noise: str
) -> None:
    lines = document.split("\n")
    start = int(cut[0] * (len(lines) - 1))
    damaged = "\n".join([*lines[:start], noise, *lines[start + cut[1] :]])
    problems: tuple[Problem, ...] = ()
    try:
        result = import_document(damaged, _bank())
    except DataError as e:
        problems = e.problems
    if problems:
        assert all(p.path == "$" or p.path.startswith("line ") for p in problems)
    else:
        assert result.code == "7625"


# -- pdftotext's columns of a justified line -------------------------------------------------

# what pdftotext (without -layout) prints for a justified line whose gaps are wide: its first
# words in their paragraph, then each further word as a paragraph of its own, some after
# the page's end; and a typed list number apart from its name
COLUMNS = """The items of this list are justified so that their lines fill the width of
the page, which is fifty characters or so wide.

\uf0b7

Accurately interprets
computations.

and

presents

Performance Levels:

7

results

of

mathematical/statistical

Satisfactory
*28.

Supervision

COMPETENCY MODEL FOR

SENIOR ANALYST
"""


def _blocks(text: str) -> tuple[Block, ...]:
    """*text*'s blocks, as the text reader gives them."""
    return read_text(text).blocks


def _texts(text: str) -> list[str]:
    """The text of each of *text*'s blocks."""
    return [b.text for b in _blocks(text)]


def test_pieces_of_a_justified_line_go_back_where_they_fit() -> None:
    texts = [(b.kind, b.text) for b in _blocks(COLUMNS)]
    whole = "Accurately interprets and presents results of mathematical/statistical computations."
    assert ("item", whole) in texts
    assert ("paragraph", "Performance Levels:") in texts
    assert ("paragraph", "*28. Supervision") in texts
    # lines in upper case standing alone stay as they are: a title block, not pieces
    assert texts[-2:] == [("paragraph", "COMPETENCY MODEL FOR"), ("paragraph", "SENIOR ANALYST")]
    assert not any(t in {"and", "presents", "results", "of"} for _, t in texts)


def test_the_last_words_of_a_full_line_printed_apart_end_it() -> None:
    # pdftotext may print a full line's last words as a paragraph of their own after it (a
    # line set in two fonts): they end that line, not the line above that ended short
    text = (
        "A line ended short\nhere, in a paragraph a piece could go back to.\n\n"
        "8. SAFETY FOCUS \u2013 Performs work in a way that minimizes risk of injury to self or\n\n"
        "others.\n\nLevel of Competency Required by Job:\n\n"
        "Level 1: Maintain awareness of unsafe conditions and actions to avoid injury.\n"
    )
    texts = _texts(text)
    assert texts[:3] == [
        "A line ended short here, in a paragraph a piece could go back to.",
        (
            "8. SAFETY FOCUS \u2013 Performs work in a way that minimizes risk of injury to self "
            "or others."
        ),
        "Level of Competency Required by Job:",
    ]
    # where the paragraph goes on below the piece in lower case, the piece is no line's end
    on = text.replace("Level of Competency Required by Job:", "which it goes on with.")
    assert _blocks(on)[1].text.endswith("injury to self or")


def test_no_piece_goes_back_to_a_list_entry() -> None:
    # a list entry's line ends there, however short: the pieces of a justified line after
    # it (a heading's, printed a word a paragraph) are not its words
    text = (
        "3. Judgment and Decision Making\n53. Leadership\n"
        "On the following pages are descriptions of each competency, including\n"
        "a definition and the level of the competency required for the class.\n\n"
        "3. JUDGMENT AND DECISION MAKING \u2013 Accurately assesses situations,\nseeks\n\n"
        "new\n\ninformation\n\nif necessary, and applies all available information to reach\n"
    )
    texts = _texts(text)
    assert texts[1] == "53. Leadership"
    assert texts[2].startswith("On the following pages")
    # nor to the note under the list: it is whole (the pieces below, printed apart from a
    # line further on, have no line above to go back to)
    noted = (
        "3. Judgment and Decision Making\n*53. Leadership\n"
        "*Competencies necessary prior to job entry\n"
        "On the following pages are descriptions of each competency, including\n"
        "a definition and the level of the competency required for the class.\n\n"
        "it\n\naccurately.\n\n"
    )
    texts = _texts(noted)
    assert texts[2] == "*Competencies necessary prior to job entry"
    assert texts[3].startswith("On the following pages")


def test_an_item_number_alone_is_no_piece() -> None:
    # an areas item's number alone at a page's top, its text below: it stays the item's
    text = (
        "Superior\nWorks well with others and adapts the changes in Level\n"
        "makes the systems run well every day of the week.\nInterest Areas\n\n1.\n\n"
        "For party employees other than the operations and areas of work, all\n"
        "parties, tasks.\n"
    )
    texts = _texts(text)
    assert "Works well with others and adapts the changes in Level makes" in texts[1]
    assert texts[-2:] == [
        "1.",
        "For party employees other than the operations and areas of work, all parties, tasks.",
    ]


def test_an_items_last_word_a_number_takes_no_bullet_after_it_for_a_name() -> None:
    # an item's last word, a number, wrapped alone ("... experience" / "28."), the next
    # item's bullet alone below it: the number and the bullet were read as a list entry
    text = (
        "Examples of Behavioral Indicators:\n\n\u2022\n\n"
        "Plans the work of others and reviews their standards, knowledge and experience\n"
        "28.\n\n\u2022\n\nAnswers questions directly.\n\n\u2022\n\nReports on it.\n"
    )
    texts = _texts(text)
    assert texts[1:] == [
        "Plans the work of others and reviews their standards, knowledge and experience 28.",
        "Answers questions directly.",
        "Reports on it.",
    ]


def test_a_sentence_alone_after_a_label_is_no_piece() -> None:
    # a list whose bullets were drawn, not printed: its first item, a short sentence alone
    # after the label, is no piece of the justified line above that ended short
    text = (
        "Ensures all employees recognize their duty and are\n"
        "properly trained for it, whatever the work they do.\n\n"
        "Examples of Behavioral Indicators:\n\n   Admits mistakes.\n\n"
        "   Answers questions directly and thoroughly, and in the time a customer has.\n"
    )
    texts = _texts(text)
    assert texts[0].startswith("Ensures all employees recognize their duty and are properly")
    assert "Admits" not in texts[0]
    assert texts[1:3] == ["Examples of Behavioral Indicators:", "Admits mistakes."]


def test_a_line_running_on_over_a_page_break_is_no_piece() -> None:
    text = (
        "A line ended short\nhere, in a paragraph a piece could go back to.\n\n"
        "This paragraph of the page runs on with its words set full across the page so\n"
        "that it reaches the width, and its last full line goes on to the next page as\n\n"
        "7\n\nservice.\n\nAnother paragraph after it ends there.\n"
    )
    texts = _texts(text)
    assert texts[0] == "A line ended short here, in a paragraph a piece could go back to."
    assert texts[1].endswith("goes on to the next page as service.")


def test_an_areas_item_whose_number_stands_alone_is_an_item_of_its_own() -> None:
    # a text copy may give an item's number on a line of its own, its text after it
    source = ROOT / "data" / "sources" / "7521-senior-electric-service-representative.txt"
    text = source.read_text(encoding="utf-8")
    apart = text.replace("\n1. Knowledge of common", "\n1.\nKnowledge of common").replace(
        "\n2. Knowledge of pertinent", "\n2.\nKnowledge of pertinent"
    )
    assert apart != text
    whole, _ = parse_document(text)
    parted, problems = parse_document(apart)
    assert whole is not None
    assert parted is not None
    assert not problems
    areas = [[t.text for t in s.areas] for s in parted.sections]
    assert areas == [[t.text for t in s.areas] for s in whole.sections]
    assert len(areas[0]) == 2


def test_an_areas_number_alone_that_a_listed_competency_has_is_no_heading() -> None:
    # 9375 lists "3. Judgment and Decision Making", described first; "3." alone among the
    # Technology Application Areas is the third item's number, not competency 3 again
    source = ROOT / "data" / "sources" / "9375-director-of-systems.txt"
    text = source.read_text(encoding="utf-8")
    apart = text.replace("\n3. Knowledge of new", "\n3.\nKnowledge of new")
    assert apart != text
    whole, _ = parse_document(text)
    parted, problems = parse_document(apart)
    assert whole is not None
    assert parted is not None
    assert not problems
    areas = [[t.text for t in s.areas] for s in parted.sections]
    assert areas == [[t.text for t in s.areas] for s in whole.sections]
    assert len(areas[1]) == 5


_SYNTHETIC_BOLD = (
    "Superior\nAnticipates hazards and acts to prevent accidents before they occur, and\n"
    "shares what was learned with others.\n"
    "\u2013 Accurately assesses situations, seeks new information if necessary, and\n"
    "applies all available information to reach sound decisions.\n"
    "3. JUDGMENT AND DECISION MAKING\n\n"
    "Level of Competency Required by Job:\n"
    "Level 1: Makes decisions in routine situations by following established rules.\n\n"
    "8.\n\nSAFETY\n\nFOCUS\n\n\u2013 Performs work in a way that minimizes risk of injury to\n\n"
    "self or others.\n\nLevel of Competency Required by Job:\n"
)


def test_a_synthetic_bold_headings_definition_before_it_or_in_pieces_is_put_back() -> None:
    # pdftotext prints a heading drawn in a synthetic bold apart from its definition: the
    # definition just above its number and name, or the number, each word of the name and
    # the definition a paragraph each; both are read as the heading line they were
    texts = _texts(_SYNTHETIC_BOLD)
    assert texts[1] == (
        "Anticipates hazards and acts to prevent accidents before they occur, and shares "
        "what was learned with others."
    )
    assert texts[2] == (
        "3. JUDGMENT AND DECISION MAKING \u2013 Accurately assesses situations, seeks new "
        "information if necessary, and applies all available information to reach sound "
        "decisions."
    )
    assert texts[5] == (
        "8. SAFETY FOCUS \u2013 Performs work in a way that minimizes risk of injury to"
    )
    assert texts[6] == "self or others."  # a paragraph in lower case: the definition's end
    assert "SAFETY" not in texts
    assert "FOCUS" not in texts


def test_a_heading_printed_a_word_a_paragraph_takes_its_definitions_words_after_the_dash() -> None:
    # a justified heading whose line is the whole definition: pdftotext printed its number,
    # name, dash and each word of the definition a paragraph of its own
    text = (
        "Superior\nObjectively considers the entire system.\n\n"
        "53.\n\nLEADERSHIP\n\n\u2013\n\nInfluences\n\nothers\n\ntoward\n\ngoal\n\n"
        "accomplishment.\nLevel of Competency Required by Job:\n"
        "Level 1: Assume responsibility for operations or a situation when necessary.\n"
    )
    texts = _texts(text)
    assert texts[2:4] == [
        "53. LEADERSHIP \u2013 Influences others toward goal accomplishment.",
        "Level of Competency Required by Job:",
    ]
    # a paragraph of more words after the pieces is no piece of the heading's line
    longer = text.replace(
        "accomplishment.\nLevel", "accomplishment.\n\nSets the direction for a unit.\nLevel"
    )
    assert _texts(longer)[2:4] == [
        "53. LEADERSHIP \u2013 Influences others toward goal accomplishment.",
        "Sets the direction for a unit.",
    ]


def test_a_headings_line_printed_its_two_ends_first_is_put_back_in_order() -> None:
    # pdftotext printed a justified heading's number and first name word, then its line's
    # last word, then the words between, a paragraph each
    text = (
        "Superior\nObjectively considers the entire system.\n"
        "53. HUMAN\naccomplishment.\n\nRESOURCES\n\n\u2013\n\nInfluences\n\nothers\n\n"
        "toward\n\ngoal\n\nLevel of Competency Required by Job:\n"
        "Level 1: Assume responsibility for operations or a situation when necessary.\n"
    )
    heading = "53. HUMAN RESOURCES \u2013 Influences others toward goal accomplishment."
    assert _texts(text)[2:4] == [heading, "Level of Competency Required by Job:"]
    # the definition's next line after the pieces: the line's end goes before it
    longer = text.replace("goal\n\nLevel", "goal\nIt sets the direction for a unit.\nLevel")
    assert _texts(longer)[2] == f"{heading} It sets the direction for a unit."
    # the dash and its words on one line after the name: the end goes after them
    dashed = text.replace(
        "\u2013\n\nInfluences\n\nothers\n\ntoward\n\ngoal", ("\u2013 Influences others toward goal")
    )
    assert _texts(dashed)[2] == heading
    # no dash after the name: no heading's line for this step (the pieces go back between
    # the line's two ends later, as any line's)
    from compbank.importer.text_headings import rejoin_definitions  # noqa: PLC0415

    plain = list(enumerate(text.replace("\u2013\n\n", "").split("\n"), start=1))
    assert rejoin_definitions(plain) == (plain, frozenset())


def test_a_headings_words_a_paragraph_each_end_at_a_pages_margin() -> None:
    # pdftotext printed a justified heading's line a word a paragraph, its last word just
    # before a page's end; the next page's first line (its running header left out) was
    # taken as the definition's next line, and its level's label left without its text
    from compbank.importer.text_headings import rejoin_definitions  # noqa: PLC0415

    words = ["278.", "PORTIONS", "MANUALLY", "NOVEL", "\u2013", "Wordprocessing"]
    lines = [(2 * k + 1, word) for k, word in enumerate(words)]
    level = "And subtract, body (FMS), Provides and respect"
    headed, _ = rejoin_definitions([*lines, (16, level)])
    assert headed == [(1, "278. PORTIONS MANUALLY NOVEL \u2013 Wordprocessing"), (16, level)]
    # the line just after the words (no blank line, nor margin, between) is taken
    headed, _ = rejoin_definitions([*lines, (12, level)])
    assert headed == [(1, f"278. PORTIONS MANUALLY NOVEL \u2013 Wordprocessing {level}")]


def test_a_headings_number_a_paragraph_apart_from_its_name_and_dash_goes_back() -> None:
    # pdftotext printed a justified heading's number apart from the rest of its line
    text = (
        "superior performance levels.\n\n7.\n\n"
        "SELF-MANAGEMENT \u2013 Organizes and plans for task\n"
        "accomplishment; manages time and works diligently.\n"
        "Level of Competency Required by Job:\n"
    )
    texts = _texts(text)
    assert texts[1] == (
        "7. SELF-MANAGEMENT \u2013 Organizes and plans for task accomplishment; manages time "
        "and works diligently."
    )
    # a number alone before a line that with it reads as no heading (no dash) stays alone
    entry = text.replace("SELF-MANAGEMENT \u2013 Organizes", "Self-Management Organizes")
    assert _texts(entry)[1] == "7."


def test_a_headings_number_printed_after_its_name_and_definition_goes_back() -> None:
    # pdftotext printed a justified heading's number after the rest of its line and its
    # definition's lines, the sentence before them ending the introduction
    text = (
        "indicators, and satisfactory and superior performance levels.\n"
        "SAFETY FOCUS \u2013 Performs work in a way that minimizes risk of injury to self\n"
        "or others.\n8.\n\nLevel of Competency Required by Job:\n"
    )
    texts = _texts(text)
    assert texts[1:3] == [
        (
            "8. SAFETY FOCUS \u2013 Performs work in a way that minimizes risk of injury to "
            "self or others."
        ),
        "Level of Competency Required by Job:",
    ]
    # a blank line between: the number is no heading's above it
    apart = text.replace("or others.\n8.", "or others.\n\n8.")
    assert "8." in _texts(apart)


def test_a_heading_in_pieces_takes_its_definition_from_above() -> None:
    # both at once: the definition above the number, the name's words a paragraph each
    text = (
        "Superior\nSpeaks clearly and with authority when it is appropriate to the point.\n"
        "\u2013 Communicates orally in a clear, concise, and effective\nmanner.\n"
        "45.\n\nORAL\n\nCOMMUNICATION\n\nLevel of Competency Required by Job:\n"
    )
    texts = _texts(text)
    assert texts[1:] == [
        "Speaks clearly and with authority when it is appropriate to the point.",
        (
            "45. ORAL COMMUNICATION \u2013 Communicates orally in a clear, concise, and "
            "effective manner."
        ),
        "Level of Competency Required by Job:",
    ]


def test_a_heading_whose_definition_follows_it_takes_nothing_from_above() -> None:
    # a number and a name alone whose definition follows (past a blank line) leave the
    # lines above them as they are, dash or not; so do a list's entries in capitals
    after = _SYNTHETIC_BOLD.replace(
        "3. JUDGMENT AND DECISION MAKING\n\n",
        "3. JUDGMENT AND DECISION MAKING\n\n\u2013 Makes sound decisions.\n\n",
    )
    texts = _texts(after)
    assert texts[2].startswith("\u2013 Accurately assesses situations")
    assert texts[3] == "3. JUDGMENT AND DECISION MAKING \u2013 Makes sound decisions."
    entries = "Lists:\n\u2013 on a page of its own\n3.\n\nJUDGMENT\n\n8. SAFETY FOCUS\n"
    assert _texts(entries)[-2:] == ["3. JUDGMENT", "8. SAFETY FOCUS"]


def test_the_note_under_the_list_is_a_paragraph_of_its_own() -> None:
    # the note's line is whole: the sentence after it starts a paragraph, however near the
    # width the note's line comes (it was read into the note, and the note lost)
    text = (
        "performance in the class of LOGICAL COMPETENCIES HIGH.\n\n"
        "   37. Wastewater Options       530. Computer Repeat\n"
        "   39. Consistent Addresses     *707. Open Oneself\n\n"
        "*Competencies necessary prior to job entry\n"
        "On the following pages are descriptions of each\n"
        "competency, including a definition, the level of the\n"
    )
    texts = _texts(text)
    assert "*Competencies necessary prior to job entry" in texts
    assert texts[-1].startswith("On the following pages are descriptions of each competency")


def test_a_dash_alone_among_a_justified_lines_pieces_is_a_word_where_bullets_are_glyphs() -> None:
    # the items' bullets are glyphs: a dash alone is a word of a justified line printed
    # apart, not a bullet starting the next item
    text = (
        "Examples of Behavioral Indicators:\n"
        "\u2022 Abstract, with stress. a action and effective anticipated depth\nchecks.\n"
        "\u2022 Static,\nand/or\ncompliance;\norganization compliance.\n\n"
        "opportunities\n\n-\n\nObtains\n\nor\n\n"
        "\u2022 For the others, product, projects of message is (angles,\ndisagreement.\n"
    )
    texts = _texts(text)
    assert (
        texts[2] == "Static, and/or compliance; opportunities - Obtains or organization compliance."
    )
    assert len(texts) == 4
    # where the bullets are dashes, a dash alone stays one
    dashes = text.replace("\u2022 ", "- ")
    assert "Obtains" in _texts(dashes)


def test_pieces_go_back_to_a_line_ending_a_sentence_whose_paragraph_goes_on() -> None:
    # a justified line may end a sentence and still lose its last words to pieces: where its
    # paragraph goes on in lower case, the pieces that fill it go back there
    text = (
        "Examples of Behavioral Indicators:\n"
        "\u2022 Plans the work of others and sets out the steps to take, then checks them\n"
        "twice.\n\n"
        "\u2022 Reviews work products for accuracy.\n"
        "completeness and timeliness before they are released to the public.\n\n"
        "and with\n\nthe\n\nsupervisor\n\n"
        "Performance Levels:\n"
    )
    texts = _texts(text)
    assert texts[2] == (
        "Reviews work products for accuracy. and with the supervisor completeness and "
        "timeliness before they are released to the public."
    )
    # not where the pieces would leave the line well short of the width
    short = text.replace("and with\n\nthe\n\nsupervisor", "and")
    assert "and" in _texts(short)


def test_a_paragraph_going_on_after_an_opening_quote_goes_on_in_lower_case() -> None:
    # "\u201cwant." starts in lower case: the line above ended short inside its paragraph
    text = (
        "Examples of Behavioral Indicators:\n"
        "\u2022 Establishes a clear and complete record of every decision made by the group in\n"
        "the year.\n\n"
        "\u2022 Increased\n\u201cwant.\n\n"
        "Establishes\n\nvolunteer\n\navailable\n\n"
        "Performance Levels:\n"
    )
    texts = _texts(text)
    assert texts[2] == "Increased Establishes volunteer available \u201cwant."


def test_a_heading_printed_a_word_a_line_with_its_dash_alone_is_one_line() -> None:
    # no blank line between: the number, each word of the name, the dash, the first words
    # of the definition, then its next line
    text = (
        "satisfactory and superior performance levels.\n"
        "88.\nFORUM\nPRACTICES\nNEEDED\n\u2013\nAnd/or\noverhead\nrequired:\n"
        "Commissions/Boards, repeat activities steps knowledge Service use\n"
        "found prominence, such improved for and.\n"
        "Level of Competency Required by Job:\n"
    )
    texts = _texts(text)
    assert texts[1] == (
        "88. FORUM PRACTICES NEEDED \u2013 And/or overhead required: Commissions/Boards, "
        "repeat activities steps knowledge Service use found prominence, such improved for and."
    )


def test_pieces_one_under_another_in_a_copy_without_blank_lines_go_back() -> None:
    # a viewer's copy: the pieces pdftotext printed a paragraph each come one under another,
    # after the paragraph they follow; a paragraph's last line a word a line stays in place
    text = (
        "Examples of Behavioral Indicators:\n"
        "In novel is open-ended processing, work.\n"
        "influential individual which the service of the department as a whole.\n"
        "Role possible in the new of are required as all.\n"
        "communicating\nlarge,\nand\nproper\n"
        "Performance Levels:\n"
        "Satisfactory\n"
        "Actions first of to will politicians competencies that are justification.\n"
        "Mentions\nConducts\nswitchboards, and.\n"
        "Superior\n"
    )
    texts = _texts(text)
    assert texts[1] == (
        "In novel is open-ended processing, work. communicating large, and proper "
        "influential individual which the service of the department as a whole."
    )
    assert texts[2] == "Role possible in the new of are required as all."
    assert "Mentions" in texts


def test_the_pieces_of_two_justified_lines_printed_column_by_column_go_back_each_to_its_own() -> (
    None
):
    # pdftotext prints the pieces of two justified lines column by column (to, to, the, ...):
    # one at a time, each to the nearest line with room, they all went to the second line;
    # spread over both, each line is full once more
    text = (
        "Examples of Behavioral Indicators:\n\u2022\n\n"
        "Refrains from use of unnecessary words, phrases, or jargon in what\n"
        "is said to others, and keeps to the point of what is being asked.\n\n\u2022\n\n"
        "Provides a level of detail appropriate\n(avoids too much or too little detail).\n\n"
        "\u2022\n\nSpeaks at a level appropriate to the audience in terms of\n"
        "terminology, sentence structure, and simplicity/complexity of\n"
        "ideas expressed.\n\n\u2022\n\nUses words with\ninformation.\n\n"
        "precision\n\n(vocabulary)\n\nto\n\nto\n\nthe\n\nsituation\n\nconvey\n\nexact\n\n"
        "Performance Levels:\n"
    )
    texts = _texts(text)
    assert (
        "Provides a level of detail appropriate to the situation "
        "(avoids too much or too little detail)."
    ) in texts
    assert "Uses words with precision (vocabulary) to convey exact information." in texts
    assert texts[-1] == "Performance Levels:"


def test_a_whole_line_in_pieces_in_its_place_is_put_back_there() -> None:
    # each word of a justified line after its first a paragraph of its own, in their place:
    # the paragraph goes on below them in lower case, and with them the line is full
    text = (
        "Level 3: Knowledge is abstract, conceptual, and/or complex and\n"
        "may be supported by a well-defined academic discipline or\n"
        "authoritative\n\nsources\n\n(e.g.,\n\nlaws,\n\nordinances,\n\ngovernment\n\n"
        "guidelines/regulations/codes). Situations in which it is applied\n"
        "may vary greatly or be novel.\n"
    )
    whole = (
        "Level 3: Knowledge is abstract, conceptual, and/or complex and may be supported by a "
        "well-defined academic discipline or authoritative sources (e.g., laws, ordinances, "
        "government guidelines/regulations/codes). Situations in which it is applied may vary "
        "greatly or be novel."
    )
    assert _texts(text) == [whole]
    # where the paragraph does not go on below them, they are no line in its place
    ended = text.replace("guidelines/regulations/codes). Situations", "Guidelines. Situations")
    assert len(_texts(ended)) > 1


def test_a_line_in_pieces_after_its_first_word_ending_a_sentence_is_put_back_there() -> None:
    # the line's first word ends a sentence ("job."), the next starts one: the pieces are
    # still that line's, in their place (they went to the next section's line)
    text = (
        "Satisfactory\nKnows and correctly applies current technology as required on the\n"
        "job.\n\nExtends\n\nuse\n\nof\n\ncurrent\n\ntechnology\n\nto\n\nimprove\n\n"
        "efficiency\n\nof\n\naccomplishing additional tasks.\nSuperior\n"
        "Recognizes opportunities to apply technology to improve work processes\n"
    )
    assert _texts(text)[1] == (
        "Knows and correctly applies current technology as required on the job. Extends use "
        "of current technology to improve efficiency of accomplishing additional tasks."
    )


def test_pieces_go_back_after_a_lines_words_printed_a_line_each() -> None:
    # pdftotext printed the line's next words a line each in its paragraph (12, has no
    # lower case, so that line could not take them): the pieces go after the last of them
    text = (
        "Examples of Behavioral Indicators:\n"
        "\u2022 Keeps the work area in order so that others can find what they\n"
        "need when the supervisor is away from the work site for the day.\n"
        "\u2022 Follows the rules in\nSection\n12,\nthe department, and the orders of the day.\n\n"
        "the\n\nsafety\n\nprocedures\n\nof\n\n"
        "\u2022 Wears the safety equipment the work calls for.\n"
    )
    assert _texts(text)[2] == (
        "Follows the rules in Section 12, the safety procedures of the department, "
        "and the orders of the day."
    )


def test_a_viewer_copys_pieces_after_a_paragraphs_short_last_line_go_back() -> None:
    # one under another after the paragraph's last line, itself short and ending a sentence
    text = (
        "Level 2: Supervises a larger workgroup of employees performing various types of work.\n"
        "Level 3: Supervises employees\nsubordinate supervisors.\n"
        "including\nprovision\nof\ncoaching\nand\nadvice\nto\n"
        "Examples of Behavioral Indicators:\n\u2022\nPlans, assigns, and monitors work progress.\n"
    )
    assert _texts(text)[1] == (
        "Level 3: Supervises employees including provision of coaching and advice to "
        "subordinate supervisors."
    )
    # an item's first line printed a word a line, after its bullet: in its place
    item = (
        "Examples of Behavioral Indicators:\n\u2022\nImplements.\nplans\nto\nschedule.\n"
        "and reports on them.\n\u2022\nPlans, assigns, and monitors work progress.\n"
    )
    assert _texts(item)[1] == "Implements. plans to schedule. and reports on them."


def test_a_viewer_copys_pieces_after_a_label_are_no_paragraph_of_it() -> None:
    # the pieces of lines above, printed one under another after "Satisfactory": they go
    # back to a line above, not into the satisfactory performance
    text = (
        "Examples of Behavioral Indicators:\n\u2022\n"
        "Evaluates circumstances, determining what needs to be done, and\n"
        "individual responsibility for performing specific actions is assigned.\n\u2022\n"
        "Monitors work in progress, provides feedback to those involved,\n"
        "adjustments to work plans/processes to ensure goal attainment.\n"
        "Performance Levels:\nSatisfactory\nensuring\nand\nmakes\n"
        "Assumes responsibility for work of others when required or necessary. Ensures actions\n"
        "taken to achieve objectives, and evaluates results to determine any follow-up needed.\n"
    )
    texts = _texts(text)
    assert texts[-2] == "Satisfactory"
    assert texts[-1].startswith("Assumes responsibility for work of others")
    assert sum("ensuring" in t for t in texts[1:3]) == 1
    # a paragraph the label introduces, printed a few words a line, stays its paragraph
    own = text.replace("ensuring\nand\nmakes\n", "Depth of\nknowledge.\nclearly\nstated\n")
    assert "Depth of knowledge. clearly stated" in _texts(own)[-2]


def test_a_line_full_with_the_pieces_it_took_takes_no_more() -> None:
    from compbank.importer.text_runs import rejoin_columns  # noqa: PLC0415

    lines = [
        "Level 3: Are various",
        "installation, and the rest of the paragraph.",
        "",
        "other",
        "",
        "their",
        "",
        "work",
        "",
        "An item that ends its paragraph here.",
        "",
        "way",
        "",
        "that",
        "",
    ]
    out = [t for _, t in rejoin_columns(list(enumerate(lines, start=1)), 48)]
    # the first run fills the line (installation, would not fit after it): the second,
    # which has room there, is no piece of it
    assert out[0] == "Level 3: Are various other their work"
    assert "way" in out
    assert "that" in out


def test_a_run_is_spread_over_lines_of_its_own_competency_only() -> None:
    from compbank.importer.text_runs_state import near_lines as _near  # noqa: PLC0415

    lines = list(
        enumerate(
            [
                "A line of the first competency that ended",
                "short in its paragraph.",
                "9. NEXT ONE \u2013 Its definition, a line that ended",
                "short too.",
                "A line of the second one that ended",
                "short as well.",
                "",
                "piece",
            ],
            start=1,
        )
    )
    opened = [True, False, True, False, True, False, False, False]
    assert _near(lines, 7, opened, set()) == [4]
    assert _near(lines, 7, opened, {4}) == []


def test_a_line_set_in_from_the_margin_is_no_piece() -> None:
    # pdftotext -layout of a justified PDF, its items' bullets drawn (none in the text): a
    # short item alone between blank lines went into the item above, whose first line ended
    # short of the justified lines' width
    full = "Level 1: Write notes/e-mails.          Completes      forms    with    some     open"
    lines = [
        *[full.replace("1", str(k)).ljust(100, "x") for k in range(1, 7)],
        "",
        "   Sufficiently few errors in spelling, punctuation, grammar to not",
        "   interfere with the intended message or distract the reader.",
        "",
        "   Composes materials efficiently.",
        "",
        "   Information is presented in a well organized manner.",
    ]
    texts = _texts("\n".join(lines))
    assert "Composes materials efficiently." in texts
    assert texts[-3] == (
        "Sufficiently few errors in spelling, punctuation, grammar to not interfere with the "
        "intended message or distract the reader."
    )


def test_a_piece_goes_back_past_no_competencys_heading() -> None:
    from compbank.importer.text_runs import rejoin_columns  # noqa: PLC0415

    # a paragraph's last line alone after the next competency's heading ("circumstances,."
    # printed apart): it went back to an item of the competency before that ended short
    lines = [
        "The to are that plans of as Council, changes their of encountered,",
        "Formulates phrases,.",
        "Performance Levels:",
        "930. PATIENCE PUBLICATION \u2013 Minimal for assure implement or any work.",
        "",
        "circumstances,.",
        "",
    ]
    out = [t for _, t in rejoin_columns(list(enumerate(lines, start=1)), 80)]
    assert out[0] == lines[0]
    assert "circumstances,." in out


def test_a_piece_goes_back_to_a_line_of_its_own_page_only() -> None:
    # pdftotext prints a page whole before the next (a form feed between): a piece after a
    # paragraph of page 2 is none of page 1's lines, however short one of them ended
    page1 = (
        "\u2022 Various and learning that doing necessary\n"
        "convincing perform correctly a description of it.\n"
    )
    page2 = (
        "\fSuperior\nIt ends in a way that one reads work done for the job.\n"
        "Establishing work that makes objectives and seeks photos.\n\n"
        "the\n"
    )
    texts = _texts(page1 + page2)
    assert texts[0] == (
        "Various and learning that doing necessary convincing perform correctly a "
        "description of it."
    )
    assert texts[-1] == "the"
    # the same lines on one page: the piece goes back to the line that ended short
    assert "necessary the" in _texts(page1 + page2.replace("\f", ""))[0]


_SUPERVISION = (
    "o\n\nCivil Service Commission Rules and Policies related to the management of\n"
    "employees\n\n"
    "Level of Competency Required by Job:\n"
    "Level 1: Supervises small workgroup of employees performing the same or highly related\n"
    "work.\n"
    "Performance Levels:\nSatisfactory\n"
    "Proficiency in supervision sufficient to supervise a workgroup\n"
    "orientation, interpersonal concerns, and personnel administration.\n\n"
    "in\n\nterms\n\nto\n\nothers\n\nof\n\ntask\n\n"
)
_SUPERIOR = (
    "Superior\nProficiency in supervision sufficient to serve as a resource to others and/or\n"
    "represent department position in a public forum.\n"
)


def test_a_run_with_more_of_its_page_after_it_is_spread_over_its_own_section_only() -> None:
    # pieces printed after the satisfactory paragraph, the superior's below on the same
    # page: they are the section's, never an item's of the definition above the labels
    texts = _texts(_SUPERVISION + _SUPERIOR)
    item = "Civil Service Commission Rules and Policies related to the management of employees"
    assert texts[0] == item
    assert texts[5].startswith("Proficiency in supervision sufficient to supervise a workgroup in")
    # a run at its page's end (pdftotext prints there what is left of the page's column)
    # may be any line's of its page
    assert _texts(_SUPERVISION + "\f" + _SUPERIOR)[0] != item


def test_pieces_printed_one_under_another_go_back_a_line_each() -> None:
    # one column of pieces (no blank line between them), each of the line beside it
    text = (
        "Level 1: Supervises small workgroup of employees performing the same or highly related\n"
        "work.\n"
        "Examples of Behavioral Indicators:\n"
        "\u2022\n\nAccepts that even when many factors are unknown or their certainty\n"
        "questionable, that which is known with any degree of certainty can\n"
        "effectively used to formulate plans.\n\nis\nbe\n\nPerformance Levels:\n"
    )
    assert _texts(text)[2] == (
        "Accepts that even when many factors are unknown or their certainty is questionable, "
        "that which is known with any degree of certainty can be effectively used to formulate "
        "plans."
    )


def test_a_piece_no_line_above_takes_ends_the_nearest_line_below_that_ended_short() -> None:
    # pdftotext printed the satisfactory's last piece before its label (beside the
    # indicators' last, in one column): it ends that line, after the piece printed after it
    text = (
        "707. TRADE WRITES \u2013 Errors the the a know City the or and effects.\n"
        "Examples of Behavioral Indicators:\n"
        "\u2022 Addresses elimination. to and 33, information organizational\n"
        "efficiency interact ensure.\n"
        "\u2022 Need is Enlists continual properly necessary laws and Kept.\n\n"
        "Advanced\n\nwork\n\n"
        "Performance Levels:\nSatisfactory\n"
        "Issues current if discipline and\n"
        "correctly Willingly the Conducts work remaining.\n\n"
        "reach in\n\n"
        "Superior\nTo the has appears to and additional codes.\n"
    )
    texts = _texts(text)
    assert "Advanced" not in texts
    assert texts[texts.index("Satisfactory") + 1] == (
        "Issues current if discipline and reach in Advanced work correctly Willingly the "
        "Conducts work remaining."
    )
    # before the competencies' descriptions (a title block, the introduction), no piece
    # goes down
    untitled = text.split("\n", 1)[1]
    assert "Advanced" in _texts(untitled)
    # nor does a piece alone, or one that ends a sentence: a short paragraph of its own
    alone = text.replace("Advanced\n\nwork\n\n", "And appropriate plans.\n\n")
    assert "And appropriate plans." in _texts(alone)
    alone = text.replace("Advanced\n\nwork\n\n", "Advanced\n\n")
    assert "Advanced" in _texts(alone)


def test_pieces_two_lines_allow_in_two_readings_are_read_as_a_known_text_has_them() -> None:
    # "Asks questions or otherwise" and "Discusses conclusions/possible" are as full, and
    # the pieces as much in pdftotext's order, with relevant/others one way or the other
    text = (
        "3. JUDGMENT AND DECISION MAKING \u2013 Accurately assesses situations,\n"
        "Level of Competency Required by Job:\n"
        "Level 1: Training and guidelines needed to respond to immediate\n"
        "situations within very specific function are provided (or supervisor\n"
        "available to assist).\n"
        "Examples of Behavioral Indicators:\n\u2022\n\n"
        "Asks questions or otherwise\ninformation to make a decision.\n\n\u2022\n\n"
        "Discusses conclusions/possible\ntaking action as necessary.\n\n\u2022\n\n"
        "Considers impact of decisions on all affected parties.\n\n"
        "obtains\n\nresponses\n\nadditional\n\nwith\n\nrelevant\n\nothers\n\nbefore\n"
    )
    held = (
        "Asks questions or otherwise obtains additional relevant information to make a "
        "decision. Discusses conclusions/possible responses with others before taking action "
        "as necessary."
    )

    def known(line: str) -> bool:
        words = " ".join(line.split()).removeprefix("\u2022 ")
        return bool(words) and words in held

    def items(known: Callable[[str], bool] | None) -> list[str]:
        return [b.text for b in read_text(text, known).blocks if b.kind == "item"][:2]

    assert items(known) == [
        "Asks questions or otherwise obtains additional relevant information to make a decision.",
        "Discusses conclusions/possible responses with others before taking action as necessary.",
    ]
    # without a known text, one of the readings, the pieces all back
    assert sorted(" ".join(items(None)).split()) == sorted(held.split())


def test_spread_fills_each_line_and_keeps_pdftotexts_column_order() -> None:
    from compbank.importer.text_spread import Target, spread  # noqa: PLC0415

    pieces = ["precision", "(vocabulary)", "to", "to", "the", "situation", "convey", "exact"]
    everywhere = (True,) * len(pieces)
    targets = [
        Target(12, "Provides a level of detail appropriate", "(avoids", everywhere),
        Target(20, "Uses words with", "information.", everywhere),
    ]
    start = [1] * len(pieces)  # the nearest line with room took them all
    placing = spread(pieces, targets, 68, start)
    assert placing == [1, 1, 0, 1, 0, 0, 1, 1]
    # a line may take only the pieces it is marked to take
    barred = [Target(12, targets[0].text, "(avoids", (False,) * len(pieces)), targets[1]]
    assert 0 not in spread(pieces, barred, 68, start)
    # what no line has room for is left where it is
    assert spread(["unplaceable"], [Target(3, "x" * 60, "y", (True,))], 68, [None]) == [None]


def test_a_level_label_alone_takes_its_first_lines_words_printed_a_paragraph_each() -> None:
    # a justified level's first line printed a word a paragraph after its label: the words
    # are the level's, in their place, not pieces of lines above
    text = (
        "2. DEPARTMENT IMPLEMENTED IMMEDIATE \u2013 The to for a from When complementary and\n"
        "courtesy and quantity retention, in to Mayors\u2019 suggest Administrative for it\n"
        "Performs\n\n"
        "Level of Competency Required by Job:\n\n"
        "Level 1:\n\nThe Acknowledges\n\nused\n\ncopy;\n\nappear\n\n"
        "considerable resources determine proportional of Completes purpose.\n"
        "Level 2: Levels of and noted, Knows develops and Federal others level be.\n"
    )
    texts = _texts(text)
    assert texts[0].endswith("Administrative for it Performs")
    assert texts[1:3] == [
        "Level of Competency Required by Job:",
        (
            "Level 1: The Acknowledges used copy; appear considerable resources determine "
            "proportional of Completes purpose."
        ),
    ]


_LEVELS_AROUND = (
    "Level of Competency Required by Job:\n\n{one}\n\n"
    "Level 2: Knowledge conclusions the if as awareness to discussion facilitate marks\n"
    "programs breadth and designated of Articulates.\n\n{three}\n"
    "Examples of Behavioral Indicators:\n"
)


def test_a_level_line_printed_its_two_ends_first_is_put_back_in_order() -> None:
    # pdftotext printed a justified level's label, then its line's last word, then the
    # words between: the last word, ending a sentence, went first
    one = "Level 1:\n\nothers.\n\nNo such logically be of: formulates its underlined)"
    text = _LEVELS_AROUND.format(one=one, three="Level 3: Work factors deal provided.")
    level = "Level 1: No such logically be of: formulates its underlined) others."
    assert _texts(text)[1] == level
    # a viewer's copy: the same lines without blank lines
    assert _texts(text.replace("\n\n", "\n"))[1] == level
    # words not ending a sentence are the line's first words: they stay first
    first = one.replace("others.", "Others")
    text = _LEVELS_AROUND.format(one=first, three="Level 3: Work factors deal provided.")
    assert _texts(text)[1:3] == [
        "Level 1: Others",
        "No such logically be of: formulates its underlined)",
    ]


def test_a_level_label_printed_after_its_texts_first_lines_goes_before_them() -> None:
    # pdftotext printed level 3's label after its first two lines, its text going on below
    # it in lower case
    three = (
        "The procedures, mix Monitor does to maximum\n"
        "accomplishment; assignment when differing accuracy. Correctly\n"
        "Level 3:\n\nwork factors deal All provided an Continues which events."
    )
    text = _LEVELS_AROUND.format(one="Level 1: No such logically be.", three=three)
    level = (
        "Level 3: The procedures, mix Monitor does to maximum accomplishment; assignment "
        "when differing accuracy. Correctly work factors deal All provided an Continues which "
        "events."
    )
    assert _texts(text)[2:4] == [
        (
            "Level 2: Knowledge conclusions the if as awareness to discussion facilitate marks "
            "programs breadth and designated of Articulates."
        ),
        level,
    ]
    # a viewer's copy: a paragraph starts after a sentence's end
    assert _texts(text.replace("\n\n", "\n"))[3] == level
    # the text below the label starting a sentence of its own: the label stays where it is
    own = _texts(
        _LEVELS_AROUND.format(one="Level 1: No such.", three=three.replace("work", "Work"))
    )
    at = own.index("Level 3:")
    assert own[at - 1].startswith("The procedures, mix Monitor")
    assert own[at + 1] == "Work factors deal All provided an Continues which events."


def test_items_without_bullets_take_the_banks_cuts_past_a_word_that_lost_its_hyphen() -> None:
    # the words agree with the bank's but for a hyphen pdftotext dropped at a line's end:
    # the bank's cuts are taken, the word kept as the copy gives it
    texts = [
        Text("Keeps a record of customer-service calls. Reviews.", "", 3, 3),
        Text("Answers questions.", "", 4, 4),
    ]
    bank = ["Keeps a record of customer-service calls.", "Reviews.", "Answers questions."]
    lost = [Text(t.text.replace("customer-service", "customerservice"), "", 3, 3) for t in texts]
    assert _as_bank(texts, bank) == [(bank[0], 3), ("Reviews.", 3), ("Answers questions.", 4)]
    assert _as_bank(lost, bank) == [
        ("Keeps a record of customerservice calls.", 3),
        ("Reviews.", 3),
        ("Answers questions.", 3),
    ]
    # another word is no agreement
    other = [Text("Keeps a record of all calls. Reviews. Answers questions.", "", 3, 3)]
    assert _as_bank(other, bank) is None


def test_bullets_one_under_another_start_items_that_end_short_without_a_full_stop() -> None:
    # at a page's top pdftotext printed two items' bullets alone, one under another, then
    # their texts; the first item ends short of the width with no full stop (a name)
    text = (
        "Includes knowledge of the following, sufficient to supervise employees well:\n"
        "o Methods of selecting new employees for a workgroup and training them all\n\n"
        "o\no\n\n"
        "Motivating employees and teambuilding\n"
        "Performance Management (assigning, monitoring, facilitating, reviewing and\n"
        "evaluating work, and providing feedback)\n"
        "o Supporting and developing employees through delegation and participation\n"
    )
    items = [b.text for b in read_text(text).blocks if b.kind == "item"]
    assert items == [
        "Methods of selecting new employees for a workgroup and training them all",
        "Motivating employees and teambuilding",
        (
            "Performance Management (assigning, monitoring, facilitating, reviewing and "
            "evaluating work, and providing feedback)"
        ),
        "Supporting and developing employees through delegation and participation",
    ]
    # a line that ended short, then one in capitals, with no bullet waiting: one item still
    single = text.replace("o\no\n\n", "o ").replace("teambuilding\n", "teambuilding for\n")
    texts = [b.text for b in read_text(single).blocks]
    assert any(t.startswith("Motivating employees and teambuilding for Performance") for t in texts)


def test_items_numbers_printed_one_under_another_number_the_texts_after_them() -> None:
    # pdftotext printed an areas list's numbers apart from their items (a tab after each),
    # one under another, the items' texts after them: each number starts the next item
    text = (
        "Job Knowledge Areas\n1.\n\n2.\n\n"
        "Knowledge of the City's budget and personnel systems sufficient to plan\n"
        "the work of the unit.\n"
        "Knowledge of the laws, rules and policies that apply to the work of the\n"
        "unit, sufficient to apply them.\n\n"
        "8. SAFETY FOCUS \u2013 Performs work in a way that minimizes risk of injury.\n"
    )
    assert _texts(text)[1:3] == [
        (
            "1. Knowledge of the City's budget and personnel systems sufficient to plan the work "
            "of the unit."
        ),
        (
            "2. Knowledge of the laws, rules and policies that apply to the work of the unit, "
            "sufficient to apply them."
        ),
    ]
    # numbers that do not follow each other are no such run: a list's, each its own line
    listed = text.replace("1.\n\n2.\n\n", "28.\n\n34.\n\n")
    assert _texts(listed)[1:3] == ["28.", "34."]


def test_a_heading_pdftotext_glued_to_a_hyphened_word_before_it_is_a_line_again() -> None:
    # pdftotext joins a word broken after its hyphen to the next line it prints: at a
    # page's end, the heading set beside the definition's last line there
    text = (
        "Superior\nMaintains personal responsibility for all work accomplishment.\n"
        "\u2013 Knows information required to perform a specific job. Includes both widely\n"
        "available courses of study (for example, chemistry, human resources management, "
        "graphic arts) and City20. JOB KNOWLEDGE\n\n"
        "\fspecific information (parking regulation and ticketing practices; purchasing "
        "procedures; provisions of the City\nCharter).\nLevel of Competency Required by Job:\n"
    )
    texts = _texts(text)
    assert texts[2:4] == [
        (
            "20. JOB KNOWLEDGE \u2013 Knows information required to perform a specific job. "
            "Includes both widely available courses of study (for example, chemistry, human "
            "resources management, graphic arts) and City-specific information (parking "
            "regulation and ticketing practices; purchasing procedures; provisions of the "
            "City Charter)."
        ),
        "Level of Competency Required by Job:",
    ]
    # a number after a letter that starts no heading in capitals is the line's own
    plain = text.replace("City20. JOB KNOWLEDGE", "City20. Job knowledge")
    assert any("and City20. Job knowledge specific information" in t for t in _texts(plain))
