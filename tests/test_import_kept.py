"""Copies that once failed, kept: each must go on reading as it now does.

``tests/fixtures/import/kept/`` holds copies in other forms than the transcriptions of
``test_import_transcriptions.py``: each is named after its class and what it shows.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from compbank import DataError, load
from compbank.importer import IncompleteImportError, import_document
from compbank.importer.pdf_margins import margin_lines
from compbank.importer.pdf_words import PdfLine, Word
from compbank.importer.read_pdf import _reading
from compbank.importer.read_text import read_text

ROOT = Path(__file__).resolve().parents[1]
BANK = load(ROOT / "data")
KEPT = ROOT / "tests" / "fixtures" / "import" / "kept"


def test_a_list_in_two_columns_is_read_down_each_column() -> None:
    # pdftotext -layout of a PDF whose list is set in two columns: "8. Safety Focus   34. ..."
    result = import_document(KEPT / "7521-list-in-two-columns-layout.txt", BANK)
    assert [(e.number, e.name) for e in result.listed] == [
        (8, "Safety Focus"),
        (13, "Stress Tolerance"),
        (20, "Job Knowledge"),
        (28, "Supervision"),
        (34, "Customer Service"),
        (45, "Oral Communication"),
        (50, "Process Improvement"),
        (53, "Leadership"),
    ]
    assert not any(f.kind == "described-not-listed" for f in result.findings)


def _texts(text: str) -> list[str]:
    """The text of each block *text* reads into."""
    return [b.text for b in read_text(text).blocks]


def _line(page: int, baseline: float, text: str) -> PdfLine:
    words, x = [], 72.0
    for word in text.split():
        words.append(Word(word, x, x + 6 * len(word), baseline, 11.0, frozenset()))
        x += 6 * len(word) + 3
    return PdfLine(page, tuple(words))


@pytest.mark.parametrize("tails", ["g p j y p", "p ( y) y", "y),"])
def test_the_tails_of_letters_cut_off_at_a_page_break_are_no_line(tails: str) -> None:
    # a browser printing with tight line spacing leaves a line's descenders on the next
    # page: its letters', and its brackets' and commas' ("p ( y) y" of "precision
    # (vocabulary)", read as the end of a behavioral indicator)
    pages = [
        [_line(1, 700, "Level 1: Exchange specific, job-related information orally.")],
        [_line(2, 760, tails), _line(2, 740, "Level 2: Obtain general information.")],
    ]
    reading = _reading(pages)
    assert [b.text for b in reading.blocks] == [
        "Level 1: Exchange specific, job-related information orally.",
        "Level 2: Obtain general information.",
    ]
    assert reading.lines[1].text == tails  # still there to point at


@pytest.mark.parametrize("text", ["(a)", "( )", ", ;", "by", "Job"])
def test_brackets_or_a_word_alone_are_no_letters_tails(text: str) -> None:
    from compbank.importer.patterns import TAIL_LINE  # noqa: PLC0415

    assert TAIL_LINE.match(text) is None


def test_a_paragraph_in_capitals_is_refused_as_a_name_at_once() -> None:
    # "DEPARTMENT OF WATER AND POWER PERSONNEL SERVICES (2019)" after the list: each word
    # could be cut at each of its capitals, which once took minutes (this test would hang)
    result = import_document(KEPT / "7521-a-paragraph-in-capitals-after-the-list.txt", BANK)
    assert result.code == "7521"
    assert [e.number for e in result.listed] == [8, 13, 20, 28, 34, 45, 50, 53]


def test_an_items_line_at_its_text_indent_runs_on_the_item() -> None:
    # the bullet a character, a hanging indent: the item's second line has no bullet, and
    # ends short of the width (the next line's first word would have fitted) all the same
    def at(x: float, baseline: float, text: str) -> PdfLine:
        line = _line(1, baseline, text)
        shift = x - line.x0
        moved = (attrs.evolve(w, x0=w.x0 + shift, x1=w.x1 + shift) for w in line.words)
        return PdfLine(1, tuple(moved))

    bullet = Word("\u2022", 90.0, 95.0, 700.0, 11.0, frozenset())
    first = at(108, 700, "Displays knowledge of legal requirements including applicable Federal")
    pages = [
        [
            PdfLine(1, (bullet, *first.words)),
            at(108.5, 687, "State laws, Civil Service Commission"),
            at(108, 674, "Rules and Policies, and MOU provisions."),
            at(90, 661, "Evaluates work and gives feedback."),
        ]
    ]
    reading = _reading(pages)
    assert [(b.kind, b.text) for b in reading.blocks] == [
        (
            "item",
            (
                "Displays knowledge of legal requirements including applicable Federal "
                "State laws, Civil Service Commission Rules and Policies, and MOU provisions."
            ),
        ),
        ("paragraph", "Evaluates work and gives feedback."),
    ]


def test_a_copy_cut_inside_a_character_is_read_as_far_as_it_goes() -> None:
    # a copy cut at any byte may end inside a character of several bytes (here an en dash)
    text = next((ROOT / "data" / "sources").glob("7521-*.txt")).read_bytes()
    cut = text[: text.index("\u2013".encode()) + 2]
    with pytest.raises(IncompleteImportError) as caught:
        import_document(cut, BANK)
    assert caught.value.result.code == "7521"
    assert {p.code for p in caught.value.problems} == {"import-incomplete"}
    with pytest.raises(DataError) as refused:  # an invalid byte elsewhere: refused
        import_document(cut[:40] + b"\xff" + cut[40:], BANK)
    assert [p.code for p in refused.value.problems] == ["not-utf8"]


def test_letters_tails_at_a_page_break_are_no_line_in_text_either() -> None:
    # pdftotext of a PDF set with tight line spacing: a line's descenders at the next page's
    # top, under the running header
    header = "City of Los Angeles \u2013 Competency Model"
    pages = [
        f"{header}\n\nLevel 1: Exchange specific information orally.\n",
        f"{header}\n\ng p j\ny\nLevel 2: Obtain general information.\n",
        f"{header}\n   y        p\n\nLevel 3: Present a diverse array of information.\n",
    ]
    reading = read_text("\f".join(pages))
    assert [b.text for b in reading.blocks] == [
        "Level 1: Exchange specific information orally.",
        "Level 2: Obtain general information.",
        "Level 3: Present a diverse array of information.",
    ]
    # a viewer's copy (no page breaks): tails just after a label, the page's first line
    viewer = read_text(
        "Level 3: Of by become factors.\nExamples of Behavioral Indicators:\np\n"
        "Specific performance power and use.\nProvides in competencies.\n"
    )
    assert [b.text for b in viewer.blocks] == [
        "Level 3: Of by become factors.",
        "Examples of Behavioral Indicators:",
        "Specific performance power and use.",
        "Provides in competencies.",
    ]
    # a viewer's copy: tails between two sentences, a page break's (the next page's top)
    between = _texts(
        "Level 1: Exchange.\ny\nLevel 2: Obtain.\nLevel 3: Present.\nWith the or.\ng\n"
        "Impact. Alternatives.\n"
    )
    assert between == [
        "Level 1: Exchange.",
        "Level 2: Obtain.",
        "Level 3: Present.",
        "With the or.",
        "Impact. Alternatives.",
    ]
    # a letter alone amid a sentence may be a word of it: kept
    amid = _texts("Level 1: Exchange of\ng\nwith others.\nLevel 2: Obtain.\n")
    assert amid == [
        "Level 1: Exchange of g with others.",
        "Level 2: Obtain.",
    ]
    # in a copy with page breaks, a letter alone amid a page is no page break's tail: kept
    paged = _texts("Level 1: Exchange.\ny\nLevel 2: Obtain.\n\fLevel 3: Present.\n")
    assert paged[:2] == ["Level 1: Exchange. y", "Level 2: Obtain."]


def test_tails_after_a_pages_first_line_below_the_pages_top_tails_are_margin() -> None:
    # pdftotext's text of a Chromium PDF at tight line spacing: the tails of the last
    # line's letters at the next page's top (`p p`, `g`), then the page's first line (a
    # label), then one more tail: the page's first line had tails before it, so that one
    # was not taken for a tail at the page's top, and read as the first item (`p`)
    text = (
        "Level 3: Plans the work of others and reviews it.\nPage 1 of 2\n\n\fp p\ng\n"
        "Examples of Behavioral Indicators:\n\np\n\nReviews safety procedures.\nPage 2 of 2\n"
    )
    assert _texts(text) == [
        "Level 3: Plans the work of others and reviews it.",
        "Examples of Behavioral Indicators:",
        "Reviews safety procedures.",
    ]


def test_pieces_past_the_next_label_and_the_pages_footer_go_back() -> None:
    # pdftotext's text of a justified Chromium PDF: the last words of the satisfactory's
    # two first lines printed after `Superior` and the page's footer, one under the other,
    # the first in lower case: read as the superior's first paragraphs
    header = "City of Los Angeles \u2013 Competency Model\n"
    text = (
        f"{header}Uses words with precision (vocabulary) to convey exact information to the "
        "others in the unit today.\n\n-1-\n\n\f"
        f"{header}Performance Levels:\nSatisfactory\n"
        "Speaks clearly and audibly, providing the appropriate\n"
        "Typically conveys the message on the first attempt.\ndirectly.\nSuperior\n\n-2-\n\n"
        "information and level of detail.\nAnswers questions accurately and\n\n\f"
        f"{header}Speech is direct and to the point. Speaks convincingly and with authority "
        "when it is\nappropriate, with the words of the work.\n\n-3-\n"
    )
    assert _texts(text)[3:6] == [
        "Speaks clearly and audibly, providing the appropriate information and level of detail.",
        (
            "Typically conveys the message on the first attempt. Answers questions accurately "
            "and directly."
        ),
        "Superior",
    ]


def test_a_lines_words_printed_a_line_each_read_in_the_banks_order() -> None:
    # a copy that prints a justified line's words a line each (as a viewer does, and may
    # interleave two lines' words so): their order is not the copy's to vouch for. Where
    # they hold the bank's words in another order, they read as the bank's, and the
    # `pieces-as-bank` finding says so; they differed, as if the class's text did
    text = (
        ROOT / "tests/fixtures/import/plaintext/7521-senior-electric-service-representative.txt"
    ).read_text(encoding="utf-8")
    whole = "Level 1: Maintain awareness of unsafe conditions and actions to avoid injury.\n"
    stacked = "Level 1: Maintain awareness of\nconditions\nunsafe\nand\nactions\nto avoid injury.\n"
    assert whole in text
    read = import_document(text.replace(whole, stacked), BANK)
    (safety,) = [c for c in read.comparisons if c.number == 8]
    assert safety.status == "identical"
    assert [f.kind for f in read.findings if f.competency == 8] == ["pieces-as-bank"]


def test_a_names_last_word_after_the_lists_last_row_is_no_piece() -> None:
    # pdftotext's text of a justified Chromium PDF, the list in two columns given row by
    # row: "48. Shares Knowledge and" wrapped its last word, printed after the last row,
    # just before the sentence after the list. It was taken for a piece of a justified
    # line and went back into the introduction ("those that best Information")
    text = (
        "COMPETENCY MODEL FOR UTILITY EXECUTIVE SECRETARY (1336)\n"
        "The following competencies have been identified as those that best\n"
        "separate superior from satisfactory job performance in the class of UTILITY\n"
        "\n"
        "EXECUTIVE\n"
        "\n"
        "SECRETARY.\n"
        "\n"
        "(Numbers\n"
        "\n"
        "refers\n"
        "\n"
        "to\n"
        "\n"
        "the\n"
        "\n"
        "order\n"
        "\n"
        "of\n"
        "\n"
        "the\n"
        "\n"
        "competencies in the Competency Bank.)\n"
        "7. Self-Management\n"
        "\n"
        "34. Customer Service\n"
        "\n"
        "20. Job Knowledge\n"
        "\n"
        "45. Oral Communication\n"
        "\n"
        "22. Computer Proficiency\n"
        "\n"
        "47. Written Communication\n"
        "\n"
        "28. Supervision\n"
        "\n"
        "48. Shares Knowledge and\n"
        "\n"
        "32. Responsiveness and Follow-Up\n"
        "\n"
        "Information\n"
        "\n"
        "On the following pages are descriptions of each competency, including a\n"
        "definition, the level of the competency required for the class (italicized and\n"
        "\n"
        "bolded), examples of behavioral indicators, and satisfactory and superior\n"
        "performance levels.\n"
        "\n"
    )
    with pytest.raises(IncompleteImportError) as e:  # cut before the first heading
        import_document(text, BANK)
    assert e.value.result is not None
    (shares,) = [c for c in e.value.result.listed if c.number == 48]
    assert shares.name == "Shares Knowledge and Information"


def test_lines_of_letters_tails_at_a_page_break_are_margin() -> None:
    # a line set across a page break (Chromium at tight line spacing) leaves its letters'
    # descenders at the next page's top: one alone each, or a word's side by side ("pp")
    pages = [
        [_line(0, 700, "Maintains the vision of the work and the")],
        [
            _line(1, 760, "p p pp y g"),
            _line(1, 740, "\u201cspin\u201d."),
            _line(1, 720, "Maintains the vision of the work and the message."),
        ],
    ]
    assert margin_lines(pages) == {(1, 0)}
    # a word of such letters is no tail where it mixes descenders and ascenders ("by")
    assert margin_lines([[_line(0, 700, "by")], [_line(1, 700, "Level 1: Obtain.")]]) == set()


def test_letters_tails_after_the_pages_first_line_are_no_line() -> None:
    # pdftotext may print the page's first line (a label) before the tails above it
    text = (
        "Satisfactory\nIt meets the need.\nPage 4 of 7\n\n\fSuperior\n\np\n\ng\n\ny\n\n"
        "p p p\n\nIt exceeds the need in every product\nknown to the office.\n"
    )
    reading = read_text(text)
    assert [b.text for b in reading.blocks] == [
        "Satisfactory",
        "It meets the need.",
        "Superior",
        "It exceeds the need in every product known to the office.",
    ]


def test_letters_tails_after_the_pages_first_line_under_its_header_are_no_line() -> None:
    # the page's first line (a label) printed before the tails, under the running header;
    # the tails of a word's letters side by side ("gj"): they were read as the superior's
    # first words
    header = "City of Los Angeles \u2013 Competency Model"
    text = (
        f"{header}\n\nSatisfactory\nIt meets the need.\nPage 2 of 6\n\n"
        f"\f{header}\n\nSuperior\n\ngj\n\ng\n\n"
        "It exceeds the need in every product known\nto the office.\nPage 3 of 6\n\n"
        f"\f{header}\n\nLevel 1: Obtain.\n"
    )
    assert _texts(text) == [
        "Satisfactory",
        "It meets the need.",
        "Superior",
        "It exceeds the need in every product known to the office.",
        "Level 1: Obtain.",
    ]
    # a viewer's copy: tails of a capital's descender among them ("yJ"), after a label
    viewer = _texts(
        "Level of Competency Required by Job:\np\ny\nq\nyJ\n"
        "Level 1: Work to mathematical of nature.\n"
    )
    assert viewer == [
        "Level of Competency Required by Job:",
        "Level 1: Work to mathematical of nature.",
    ]
    # words of such letters alone amid a page are words, as a letter alone is
    amid = _texts("Level 1: Exchange.\nby\nLevel 2: Obtain.\n")
    assert amid == ["Level 1: Exchange. by", "Level 2: Obtain."]


def test_text_wrapped_wider_than_usual_is_read_as_wrapped() -> None:
    # pdftotext of a page in a 9 pt face: lines up to 145 characters, items' second lines
    # without their bullet ("... Civil" / "Service Commission Rules ...")
    result = import_document(KEPT / "1336-wrapped-wide-pdftotext.txt", BANK)
    assert result.code == "1336"
    assert {c.status for c in result.comparisons} == {"identical"}


def test_text_wrapped_wide_with_two_lines_printed_as_one_is_read_as_wrapped() -> None:
    # pdftotext prints a line ending in a dash and the next as one: the longest line, far
    # longer than the full lines, is no measure of the width
    lines = (KEPT / "1336-wrapped-wide-pdftotext.txt").read_text(encoding="utf-8").split("\n")
    k = next(k for k, line in enumerate(lines) if len(line) > 130 and len(lines[k + 1]) > 130)
    joined = [*lines[:k], f"{lines[k]} - {lines[k + 1]}", *lines[k + 2 :]]
    assert max(map(len, joined)) > 260
    reading = read_text("\n".join(joined))
    assert reading.wrapped
    assert len(reading.blocks) == len(read_text("\n".join(lines)).blocks)


def test_two_lines_printed_as_one_are_passed_over_in_a_proportional_face_too() -> None:
    # pdftotext of a page in a small proportional face: its full lines differ by their
    # characters' count (139, 137, 136, 135, ...); the line it joined after a dash (250)
    # was taken for the width, too wide to be wrapping, and every line read as a paragraph
    words = "Plans the work of others and sets its order " * 8
    lengths = (139, 137, 136, 135, 135, 134, 134, 134, 134, 133, 133, 132)
    lines = [words[: n - 1] + "s" for n in lengths]
    text = "\n".join([words[:249] + ".", *lines, "Ends here."])
    assert sorted(map(len, text.split("\n")))[-3:] == [137, 139, 250]
    assert read_text(text).wrapped


def test_a_line_joined_at_its_hyphen_a_little_longer_than_the_full_lines_is_passed_over() -> None:
    # pdftotext of pages in a proportional face, wider than 120 characters: full lines of
    # 95 to 123 characters, and one of 138, a line ending in a hyphen and the short rest of
    # the next printed as one, only 12% longer; measured by it, too few lines were near
    # full, and every line read as a paragraph (an item's two lines as two items)
    words = "Plans the work of others and sets its order " * 8
    lengths = (123, 122, 120, 116, 112, 108, 105, 100, 95)
    lines = [words[: n - 1] + "s" for n in lengths * 6]
    ends = [f"It ends {chr(97 + k % 26)}{chr(97 + k // 26)}." for k in range(150)]
    text = "\n".join([words[:137] + ".", *lines, *ends])
    assert read_text(text).wrapped


def test_two_lines_joined_at_their_hyphens_apart_at_the_top_are_passed_over() -> None:
    from compbank.importer.read_text import _width  # noqa: PLC0415

    # pdftotext of a justified Liberation Mono document, its full lines 76 to 80
    # characters: two lines ending in a hyphen printed with the next (96 and 87), neither
    # far longer than the next longest, both far longer than the full lines. Measured at
    # 96, a line's pieces went back in lines they do not fit (the level above the item)
    full = [80, 79, 79, 79, *[78] * 7, *[77] * 15, *[76] * 23, *[75] * 15, *[72] * 30]
    assert _width([96, 87, *full]) == 80
    assert _width([96, *full]) == 80  # one alone, as before
    # a proportional face's full lines, the longest a little apart: it is the width
    assert _width([105, 98, 97, 96, 95, *full]) == 105


def test_a_piece_goes_back_to_no_line_gone_back_itself() -> None:
    # pdftotext's text of justified items: a piece alone went back to the nearest line
    # above with room, a piece (`completed`) gone back to its own line already, and its
    # words were lost with it (`issues/concerns`). Every word of the copy is read
    text = (
        "32. RESPONSIVENESS AND FOLLOW-UP \u2013 Executes actions as requested or to\n"
        "which a commitment has been made; continues involvement as needed.\n"
        "Examples of Behavioral Indicators:\n"
        "\u2022 Willingly accepts assignments and completes the assigned work on\n"
        "time and reports.\n"
        "\u2022 Monitors\ncompleted\nwork.\nassignments/projects\nreviews their status.\n\n"
        "to\nsee\nthat\nall\nissues/concerns\n\n"
        "\u2022 Volunteers\nfor\nmore\ntasks\n"
        "when able to assure their timely completion of the work.\n\neach\n\n"
        "Performance Levels:\nSatisfactory\n"
        "Completes assigned work. Realistically appraises the likelihood of\n"
        "completing additional work before accepting or volunteering for it.\n"
    )
    read = " ".join(_texts(text)).split()
    assert sorted(read) == sorted(w for w in text.split() if w != "\u2022")


def test_a_runs_piece_goes_back_to_no_other_piece_of_its_run() -> None:
    from compbank.importer.text_runs import rejoin_pieces  # noqa: PLC0415

    # pdftotext's lines of a justified document in Liberation Mono (a synthetic record's
    # words), as numbered in the copy: spread over the lines they end, the run's last
    # piece (`changes/innovations`) went back to one of its own pieces (`a`) as the
    # nearest line above with room, and that piece then went back elsewhere: the words put
    # back in it went with it and were lost (and `ensure`, put back in it after, too)
    lines = [
        (581, "vision."),
        (582, "similarities/differences"),
        (587, "to"),
        (588, "a"),
        (589, "changes/innovations"),
        (597, "ensure"),
        (609, ""),
        (612, "Statements signs in."),
    ]
    out, _ = rejoin_pieces(lines, 55)
    assert sorted(" ".join(t for _, t in out).split()) == sorted(
        " ".join(t for _, t in lines).split()
    )


_SAFETY = (
    "46. SAFETY FOCUS \u2013 Performs work in a way that minimizes risk of injury to self.\n"
    "Level of Competency Required by Job:\n"
)
_LEVELS_2_3 = (
    "Level 2: Maintains awareness of unsafe conditions and actions to avoid injury.\n"
    "Level 3: Ensures a safe physical work environment for all.\n"
)
_LEVEL_1 = "Level 1: Follows safety rules and procedures to avoid injury to self and others."


@pytest.mark.parametrize(
    "printed",
    [
        # the label's pieces a paragraph each, then its line's last word, then the rest
        (
            "Level\n\n1:\n\nothers.\n\nFollows safety rules and procedures to avoid injury to "
            "self and\n\n"
        ),
        # the whole text first, after a blank line, then the label's pieces
        (
            "\nFollows safety rules and procedures to avoid injury to self and\nothers.\n"
            "Level\n\n1:\n\n"
        ),
        # the label's number first, on the text's first line, its "Level" after the text
        "1: Follows safety rules and procedures to avoid injury to self and\nothers.\nLevel\n\n",
    ],
    ids=["pieces-apart", "label-after", "number-first"],
)
def test_a_levels_label_in_pieces_on_either_side_of_its_text_goes_back_first(
    printed: str,
) -> None:
    # pdftotext's text of a justified Chromium PDF, labels in a synthetic bold (drawn
    # twice): "Level" and "1:" printed apart, between blank lines, before or after the
    # level's text, or on either side of it. The level was read with no text, or its text
    # as the level above's (or the definition's), and "Level" as a paragraph of its own
    texts = _texts(_SAFETY + printed + _LEVELS_2_3)
    assert texts[2:4] == [_LEVEL_1, _LEVELS_2_3.splitlines()[0]]


def test_a_word_alone_past_a_viewers_last_footer_is_no_running_footer() -> None:
    from compbank.importer.text_margins import content_lines  # noqa: PLC0415

    # a viewer's copy of justified lines, a word a line: the last line's last word (`and`)
    # printed past the last page's footer, the copy's last line. Found twice more among
    # the pages' words, it was taken for a running footer, and every `and` alone dropped
    def page(n: int, body: list[str]) -> list[str]:
        return [*body, f"Page {n} of 4"]

    lines = [
        "COMPETENCY MODEL FOR UTILITY EXECUTIVE SECRETARY",
        "7. SELF-MANAGEMENT \u2013 Organizes and plans for task accomplishment;",
        *page(1, ["manages", "time", "and", "works", "diligently to complete assigned work."]),
        *page(2, ["Level of Competency Required by Job:", "Level 1: Plans the work of others."]),
        *page(3, ["Level 2: Explain/reconcile", "information", "and", "provide alternatives."]),
        *page(4, ["Superior", "Shares job knowledge", "experience to serve as a coach to others."]),
        "and",
    ]
    kept, _ = content_lines(lines)
    assert [t for _, t in kept].count("and") == 3


def test_a_line_wider_than_any_wrapping_is_passed_over_among_wide_lines() -> None:
    # pages in a small face: full lines of 113 to 125 characters, one of 133 and one of 222
    # (two lines pdftotext printed as one, each): the 222 was taken for the width, too
    # wide for wrapping, and every line read as a paragraph
    words = "Plans the work of others and sets its order " * 8
    lengths = (125, 124, 124, 124, 121, 121, 120, 120, 118, 118, 117, 115, 113)
    lines = [words[: n - 1] + "s" for n in (133, *lengths * 4)]  # a fiftieth may stand out
    text = "\n".join([words[:221] + ".", *lines, "Ends here."])
    assert read_text(text).wrapped


def test_a_viewers_copy_ending_with_a_newline_is_a_copy_without_blank_lines() -> None:
    # a viewer's copy of a justified item, its line's two ends first, then the words
    # between a line each: the empty string after the copy's last newline was taken for a
    # blank line, so the words were read as the first line's own, printed a line each
    # after it ("Reviews safety hazards. procedures before ... with" and "known" apart)
    text = (
        "Examples of Behavioral Indicators:\n"
        "\u2022 Wears seat belt.\n"
        "\u2022 Ensures safe physical work environment by taking actions such as\n"
        "eliminating unstable stacks of materials, closing drawers so filing\n"
        "cabinets will not tip over, and keeping pathways clear of tripping\n"
        "hazards.\n"
        "\u2022 Reviews safety\nhazards.\nprocedures\nbefore\nbeginning\neach\njob\nwith\n"
        "known\n"
        "\u2022 Frequently checks safety equipment for proper condition and operation.\n"
    )
    for copy in (text, text.rstrip("\n")):
        items = _texts(copy)
        assert items[3] == "Reviews safety procedures before beginning each job with known hazards."


def test_a_viewers_copy_piece_alone_after_a_label_goes_back_to_its_line() -> None:
    # a viewer's copy: one piece of an item's justified line printed after the next label,
    # before its paragraph, in lower case; alone, it was read as the paragraph's first word
    text = (
        "\u2022\nThe Administration other every assigns, relevant efficient actions.\n"
        "\u2022\nDepartment, Tone considering when provided document of\n"
        "responsibility articles and a ends evaluates to of to used.\n"
        "\u2022\nRadio. will and/or involved.\n"
        "Performance Levels:\nSatisfactory\ndescription\n"
        "In-depth address. a utility in the work, improve/enhance manage money work line\n"
        "analyses/reviews of own information need Tailors and and execute work serve\n"
        "stressful are address and.\n"
    )
    texts = _texts(text)
    assert texts[1] == (
        "Department, Tone considering when provided document of description responsibility "
        "articles and a ends evaluates to of to used."
    )
    assert texts[5].startswith("In-depth address.")
    # a word with a capital stays where it stands
    own = _texts(text.replace("description", "Description"))
    assert own[4:6] == ["Satisfactory", "Description"]
    assert "Description" not in own[1]


def test_a_viewers_copy_piece_alone_ending_a_sentence_after_a_label_goes_back() -> None:
    # a viewer's copy: a justified line's last word, ending the sentence, printed after the
    # next line and past the next label (a page's header after it); in lower case, it is
    # no first line of the label's paragraph, though it ends a sentence
    text = (
        "Performance Levels:\n"
        "Satisfactory\n"
        "Sufficient job knowledge to perform work correctly\n"
        "Answers technical questions about work correctly.\n"
        "Superior\n"
        "independently.\n"
        "Expertise in technical job information sufficient to serve as a\n"
        "resource to others.\n"
    )
    assert _texts(text)[2:6] == [
        "Sufficient job knowledge to perform work correctly independently.",
        "Answers technical questions about work correctly.",
        "Superior",
        "Expertise in technical job information sufficient to serve as a resource to others.",
    ]
    # with a capital, it is the label's paragraph's own first line, and stays
    own = _texts(text.replace("independently.", "Independently."))
    assert own[3:5] == ["Superior", "Independently."]


def test_a_viewers_copy_of_pieces_ending_a_sentence_past_a_label_go_back() -> None:
    # a viewer's copy: an item's line's middle words, the last ending a sentence, printed
    # one under another past the next two labels (a page's break between); the first in
    # lower case, they are no paragraph of the label's, though the last ends a sentence
    text = (
        "Examples of Behavioral Indicators:\n"
        "\u2022 Level\nquestions\nMaintains\ncooperation/mutual the.\n"
        "Performance Levels:\n"
        "Satisfactory\n"
        "different\nself\nothers.\n"
        "Programs among and of and difficult mutual City seeks to service System for\n"
        "directs will credit necessary.\n"
    )
    texts = _texts(text)
    assert texts[1] == "Level questions Maintains different self others. cooperation/mutual the."
    assert texts[3:] == [
        "Satisfactory",
        (
            "Programs among and of and difficult mutual City seeks to service System for "
            "directs will credit necessary."
        ),
    ]
    # with a capital, they are the label's paragraph, a word a line: they stay
    own = _texts(text.replace("different", "Different"))
    assert own[4] == "Different self others."


def test_a_viewers_copy_number_alone_after_a_label_is_a_piece() -> None:
    # a viewer's copy: a line's word, a number and a comma, printed past the next label;
    # no paragraph's first line is a number alone ending no sentence: a piece, which the
    # line it goes back in says (the bank's order is taken where it holds the same words)
    text = (
        "Satisfactory\n"
        "Signs noted, and exemplary Establishes mitigation and way\n"
        "inefficiencies integration steps meet a reports, continuation to.\n"
        "Superior\n"
        "13,\n"
        "Affected explanations. needed employees certainty work objectives of\n"
        "change employees being Keeps task.\n"
    )
    assert read_text(text).pieced == {5}
    # one ending a sentence may be the label's paragraph, a line alone: no piece
    assert not read_text(text.replace("13,", "13.")).pieced


@pytest.mark.parametrize("word", ["results", "Recognizes"])
def test_a_viewers_copy_piece_alone_before_a_label_is_a_piece(word: str) -> None:
    # a viewer's copy: a justified line's last word printed after the next item, just
    # before the next label; after a sentence's end, ending none, in lower case or a word
    # alone (no item holds two sentences, and none is one word ending no sentence), it is
    # no line of that item's but a piece, which the line it goes back in says (the bank's
    # order is taken where it holds the same words: `pieces-as-bank`)
    text = (
        "\u2022\nBudget participation is to subtract, document and organization\n"
        "sufficient Quickly establishes information Verify or perform.\n"
        "\u2022\nThat of Identify well involved others Initiate negative.\n"
        f"{word}\n"
        "Performance Levels:\n"
        "Satisfactory\n"
        "This with the make the entities department.\n"
    )
    assert read_text(text).pieced == {6}
    # one that ends a sentence may be its item's last line, a word alone: no piece
    assert not read_text(text.replace(f"{word}\n", f"{word}.\n")).pieced


def test_words_in_capitals_alone_before_a_label_are_no_piece() -> None:
    # two words starting with a capital, ending no sentence, after a sentence's end and
    # before a label, may be a paragraph of their own: they stay
    text = (
        "\u2022\nBudget participation is to subtract, document and organization\n"
        "sufficient Quickly establishes information Verify or perform.\n"
        "\u2022\nThat of Identify well involved others Initiate negative.\n"
        "Recognizes Needs\n"
        "Performance Levels:\n"
        "Satisfactory\n"
        "This with the make the entities department.\n"
    )
    assert not read_text(text).pieced


def test_a_lines_middle_printed_after_its_next_line_before_a_label_goes_back() -> None:
    # pdftotext's text of a justified item: its first line's words after the first, set
    # far apart, printed as a paragraph of their own after the item's second line, just
    # before the next label; seven words, more than a piece has, in lower case after a
    # sentence's end, ending none: read as an item of its own
    text = (
        "\u2022 Uses safety equipment such as goggles, gloves, and earplugs as\n"
        "required or warranted.\n"
        "\u2022 Frequently\n"
        "operation.\n"
        "\n"
        "checks safety equipment for proper condition and\n"
        "\n"
        "Performance Levels:\n"
        "Satisfactory\n"
        "Maintains awareness of personal safety.\n"
    )
    texts = _texts(text)
    assert texts[:3] == [
        "Uses safety equipment such as goggles, gloves, and earplugs as required or warranted.",
        "Frequently checks safety equipment for proper condition and operation.",
        "Performance Levels:",
    ]
    # one that starts a sentence is a paragraph of its own, and stays
    own = _texts(text.replace("checks safety", "Checks safety"))
    assert own[2] == "Checks safety equipment for proper condition and"


def test_a_viewers_copy_of_pieces_past_the_next_label_at_a_pages_end_go_back() -> None:
    # a viewer's copy: a justified line's last words, one ending a sentence, printed one
    # under another after the rest of the page (past its footer), just under the next
    # section's label; they were read as that section's first lines
    text = (
        "Performance Levels:\n"
        "Satisfactory\n"
        "Considers the future when establishing current day-to-day operational\n"
        "improved organization and identifies specific actions to help create it.\n"
        "Superior\n"
        "8\n"
        "practices.\nEnvisions\nan\n"
        "Understands that the larger environment in which the organization exists is "
        "influenced by and\n"
        "influences the organization. Notwithstanding uncertainties, formulates a vision and "
        "plans to\n"
        "achieve it.\n"
    )
    texts = _texts(text)
    assert texts[2:5] == [
        (
            "Considers the future when establishing current day-to-day operational practices. "
            "Envisions an improved organization and identifies specific actions to help "
            "create it."
        ),
        "Superior",
        (
            "Understands that the larger environment in which the organization exists is "
            "influenced by and influences the organization. Notwithstanding uncertainties, "
            "formulates a vision and plans to achieve it."
        ),
    ]
    # the label's own paragraph, a few words a line, starts with a capital: it stays
    own = _texts(text.replace("practices.\nEnvisions", "Practices.\nEnvisions"))
    assert "operational improved organization" in own[2]
    assert own[3:5] == ["Superior", "Practices."]


def test_a_viewers_copy_of_pieces_ending_a_sentence_goes_back_to_their_line() -> None:
    # a viewer's copy: the words of an item's first line after its first ones, the last
    # ending a sentence (the item goes on after it), printed one under another after the
    # last item; they were read as the last item's further lines
    text = (
        "Examples of Behavioral Indicators:\n"
        "\u2022\n"
        "As from of responds relevant opposition, enhances manually of.\n"
        "\u2022\n"
        "2 for description Cross-checks\n"
        "sources a articles/reports,.\n"
        "\u2022\n"
        "Interpret of flow, as continual Write of activities to of sufficient trends\n"
        "LATAX, additional.\n"
        "\u2022\n"
        "Instruction the of Situations in and/or the to that such algebra activities.\n"
        "activity\nmakes\nin\nand\nto\nindependently.\n"
        "Performance Levels:\n"
        "Satisfactory\n"
    )
    texts = _texts(text)
    assert texts[2] == (
        "2 for description Cross-checks activity makes in and to independently. sources a "
        "articles/reports,."
    )
    assert (
        texts[4] == "Instruction the of Situations in and/or the to that such algebra activities."
    )


def test_a_viewers_copy_of_a_line_printed_its_two_ends_first_is_put_back_in_order() -> None:
    # a viewer's copy of a justified definition's second line: its first words, its last
    # (ending a sentence), then the words between a line each; they were read as a
    # paragraph in that order ("priority Considers objectives in. are retention, ...")
    text = (
        "Superior\n"
        "A Virtually work. requirements City work. in Committee resources operations\n"
        "feedback) work adjustments improve so position (substitute applied in possible\n"
        "timely work person, attacks. precise source.\n"
        "318. ASPECT SECRETARIAL PROVIDES \u2013 Ensure or to of Recognize a of volunteer\n"
        "priority Considers\nobjectives in.\n"
        "are\nretention,\nthe\nRecognizes\nadditional\ntheir\nFLSA,\nin\n"
        "Work and/or beyond that reconcile. City to can.\n"
        "And appropriate plans.\n"
    )
    texts = _texts(text)
    assert texts[2] == (
        "318. ASPECT SECRETARIAL PROVIDES \u2013 Ensure or to of Recognize a of volunteer "
        "priority Considers are retention, the Recognizes additional their FLSA, in "
        "objectives in."
    )
    assert texts[3] == "Work and/or beyond that reconcile. City to can."


def test_pieces_printed_after_their_lines_two_ends_go_back_between_them() -> None:
    # pdftotext printed an item's line as its first word, its last (ending a sentence) just
    # below, then the words between a paragraph each: those in capitals, no line going on
    # in lower case above them, were left alone (and went into the next lines that ended
    # short, an areas list's, further on)
    text = (
        "Examples of Behavioral Indicators:\n\n\u2022\n\n"
        "Keeps a record of every call and visit to the office, with its\n"
        "date and its outcome.\n\n\u2022\n\n"
        "Interpersonal\nEnterprise.\n\nConsiders\n\nObtains\n\nthe\n\ntime\n\ntruthful\n\n"
        "Performance Levels:\nSatisfactory\n"
        "Meets the need of the public and the office as a whole, in\nthe time given.\n"
    )
    texts = _texts(text)
    assert texts[2:4] == [
        "Interpersonal Considers Obtains the time truthful Enterprise.",
        "Performance Levels:",
    ]
    # too few words between to make the line full: the line is no line in pieces
    short = text.replace("\n\nthe\n\ntime\n\ntruthful", "")
    assert "Interpersonal Considers Obtains Enterprise." not in _texts(short)


def test_a_column_of_pieces_printed_past_the_next_label_goes_back_a_piece_a_line() -> None:
    # pdftotext printed the last words of a level's two lines one under another after the
    # next label, a blank line around them, the second starting with a capital: they were
    # read as the first two indicators
    text = (
        "Level 2: And Correctly want many Vigilant hazards. or manner of the practices in\n"
        "\n"
        "Level 3: Identifies conveys due justifications of\n"
        "compliance and for Situations levels productivity\n"
        "Commission in.\n"
        "Examples of Behavioral Indicators:\n"
        "\n"
        "equipment and\n"
        "Situations on\n"
        "\n"
        "Include setting complete to project telephone, use work relevant\n"
        "carries the customer-focused.\n"
        "The contrary and in local status. Freely job.\n"
    )
    texts = _texts(text)
    assert texts[1:4] == [
        (
            "Level 3: Identifies conveys due justifications of equipment and compliance and "
            "for Situations levels productivity Situations on Commission in."
        ),
        "Examples of Behavioral Indicators:",
        (
            "Include setting complete to project telephone, use work relevant carries the "
            "customer-focused."
        ),
    ]
    # the first in capitals: the first indicators, printed short
    own = _texts(text.replace("equipment and", "Equipment and"))
    assert own[own.index("Examples of Behavioral Indicators:") + 1] == "Equipment and"


def test_a_piece_taken_into_a_labels_block_goes_back_into_the_lines_above() -> None:
    # pdftotext printed the last words of a level's line (underlined apart from the rest)
    # in the block of the next label, just under it, a blank line after: they were read as
    # the first indicator, and each indicator as the one before
    text = (
        "Level 1: The Acknowledges used copy; appear at level time. pertinent involved for\n"
        "\n"
        "determine proportional of Completes purpose. it work. Council\n"
        "technology, Robert's supervision safety other Follows.\n"
        "Level 2: Identifies compliance for top level and job-related Answers adjustments. "
        "correctly\n"
        "information negative of task manner. submissions of parties. ambiguity Division "
        "information it\n"
        "Kept change. plan and copy.\n"
        "Examples of Behavioral Indicators:\n"
        "considerable resources\n"
        "\n"
        "Improvements for 28, well and/or available. Seeks correlations, written.\n"
        "Establishes noted, in is consistent requests Writes.\n"
        "Performance Levels:\n"
    )
    texts = _texts(text)
    assert texts[3:6] == [
        "Examples of Behavioral Indicators:",
        "Improvements for 28, well and/or available. Seeks correlations, written.",
        "Establishes noted, in is consistent requests Writes.",
    ]
    assert "considerable resources" in " ".join(texts[:2])
    # a line in capitals under a label is the first text it introduces
    own = _texts(text.replace("considerable resources", "Considerable resources"))
    assert own[4] == "Considerable resources"


def test_a_whole_line_in_pieces_at_a_pages_top_is_a_line_in_its_place() -> None:
    # pdftotext printed every word of page 5's first line (a justified line of a few long
    # words) as a paragraph of its own, its first too: no line above on its page could take
    # them, and they went into lines below that ended short, of other parts
    text = (
        "Superior\n"
        "Practices to seeks their sources development. issues\n"
        "specific and/or final means level and analyses/reviews\n"
        "necessary spent and.\n\n"
        "155. DISCIPLINE INITIATES \u2013 Of EEO, Recognize marks it\n"
        "accomplished\n\nthat\n\nidentifies\n\nothers\n\nincluding\n\n"
        "\finformation\n\ntakes\n\nconclusions/formulate\n\nthe\n\ncritical\n\n"
        "the necessary. activities.\n"
        "Level of Competency Required by Job:\n"
        "Level 1: Work work of to when Incorporates required the\n"
        "\n"
        "and range vastly times ways reference organized work\n"
    )
    assert _texts(text)[2:4] == [
        (
            "155. DISCIPLINE INITIATES \u2013 Of EEO, Recognize marks it accomplished that "
            "identifies others including information takes conclusions/formulate the critical "
            "the necessary. activities."
        ),
        "Level of Competency Required by Job:",
    ]


def test_pieces_ending_their_lines_paragraph_go_back_after_its_first_words() -> None:
    # the superior's last line: its first word, then the others a paragraph each, the last
    # ending the paragraph, before the next competency's heading; they went apart
    text = (
        "Level 1: Work work of to when Incorporates required the\n"
        "and range vastly times ways reference organized work.\n"
        "Superior\n"
        "It. ends intervene Taking work involved work. job. the\n"
        "Establishing\n\nwork\n\nmake\n\nobjective\n\nand\n\nseeks\n\nPhoto\n\nAlters.\n\n"
        "180. INTEREST \u2013 Words of it.\n"
    )
    assert _texts(text)[2:] == [
        (
            "It. ends intervene Taking work involved work. job. the Establishing work make "
            "objective and seeks Photo Alters."
        ),
        "180. INTEREST \u2013 Words of it.",
    ]
    # too few words to make a full line: pieces of other lines
    short = text.replace("\n\nseeks\n\nPhoto", "")
    assert _texts(short)[2:4] == [
        "It. ends intervene Taking work involved work. job. the Establishing",
        "work",
    ]


def test_a_descriptions_pieces_never_go_back_into_the_front_page() -> None:
    # pdftotext printed the first competency's heading and definition a word a paragraph;
    # "it", "accurately." and "different", no line near them taking them, went back into
    # the title block's line that ended short: the class code read "3032 it accurately."
    text = (
        "COMPETENCY MODEL FOR\n"
        "UNNECESSARY SUBMITTING INSTRUCTION ROUTINE (2021)\n"
        "Class Code: 3032\n"
        "The following competencies have been identified as those that best separate\n"
        "superior from satisfactory job performance in the class of UNNECESSARY\n"
        "SUBMITTING INSTRUCTION ROUTINE. (Numbers refers to the order of the\n"
        "competencies in the Competency Bank.)\n"
        "*96. Implement Within\n"
        "318. Aspect Secretarial Provides\n"
        "*Competencies necessary prior to job entry\n"
        "On the following pages are descriptions of each competency, including a\n"
        "definition, the level of the competency required for the class (underlined),\n"
        "examples of behavioral indicators, and satisfactory and superior performance\n"
        "levels.\n\n"
        "96.\n\nIMPLEMENT\n\nWITHIN\n\nObtain/provide/present.\n\n\u2013\n\n"
        "Respectful,\n\nit\n\naccurately.\n\nUses\n\ndifferent\n\n"
        "Level of Competency Required by Job:\n"
        "Level 1: In premises, for issues improvements technology use personnel Kept and\n"
        "customers. reconcile. staff their assign of for reference approach numbers.\n"
    )
    texts = _texts(text)
    assert texts[:3] == [
        "COMPETENCY MODEL FOR",
        "UNNECESSARY SUBMITTING INSTRUCTION ROUTINE (2021)",
        "Class Code: 3032",
    ]
    assert texts[7].startswith("On the following pages are descriptions")
    assert texts[7].endswith("satisfactory and superior performance levels.")


@pytest.mark.parametrize("dash", ["\u2013\n\nAre", "\u2013 Are"], ids=["alone", "with-a-word"])
def test_a_heading_printed_name_word_by_word_then_its_lines_tail_is_one_line(dash: str) -> None:
    # pdftotext printed a justified heading's line as its number, each word of its name,
    # its last words, then the dash (alone, or with the word after it) and the words
    # between, each a paragraph: the name stopped at its first word and the words went
    # into the lines above
    text = (
        "Superior\n"
        "Response. or when Plans, of audibly, of involvement substantive organization. of\n"
        "Facilitates any resources to and/or disrupted. well. far-reaching for technical.\n"
        "657.\n\nSOLUTION\n\nMET\n\nVARIOUS\n\nmanuals/programs in to proves.\n\n"
        f"{dash}\n\nprovisions\n\njob-related\n\nothers.\n\ncustomers,\n\n"
        "Level of Competency Required by Job:\n\n"
        "Level 1: Convincingly but levels others responsibilities individual assigns, the\n"
        "conclusions of need (italicized, possible and explanation such job resolve can.\n"
    )
    assert _texts(text)[2:4] == [
        (
            "657. SOLUTION MET VARIOUS \u2013 Are provisions job-related others. customers, "
            "manuals/programs in to proves."
        ),
        "Level of Competency Required by Job:",
    ]
    # no dash after the words: no heading's line
    plain = _texts(text.replace("\u2013\n\n", "").replace("\u2013 ", ""))
    assert not any(t.startswith("657. SOLUTION MET VARIOUS manuals") for t in plain)


_ABOVE_A_HEADING = (
    "Superior\n"
    "Response. or when Plans, of audibly, of involvement substantive organization. of\n"
    "Facilitates any resources to and/or disrupted. well. far-reaching for technical.\n"
)
_LEVELS_BELOW = (
    "Level 1: Convincingly but levels others responsibilities individual assigns, the\n"
    "conclusions of need (italicized, possible and explanation such job resolve can.\n"
)


def _paragraphs(*texts: str) -> str:
    """*texts*, each a paragraph of its own (a blank line after each)."""
    return "".join(f"{t}\n\n" for t in texts)


def test_a_heading_printed_word_by_word_interleaved_with_the_line_below_is_one_line() -> None:
    # pdftotext printed a justified heading's line and the line below it a word a
    # paragraph, their words interleaved: the name stopped at its first word, the words
    # between went into the text above. The heading's line holds every word, and as the
    # copy does not tell their order, it counts among the lines pieces went back in
    text = (
        _ABOVE_A_HEADING
        + _paragraphs("134.", "FREELY", "necessary", "WHILE", "needed.", "REPRESENTATIVES")
        + _paragraphs("guidance", "\u2013", "Work", "Knows", "substantive", "assignment")
        + _paragraphs("and", "practices.", "message", "justify", "correctly/avoids.")
        + "Level of Competency Required by Job:\n\n"
        + _LEVELS_BELOW
    )
    reading = read_text(text)
    texts = [b.text for b in reading.blocks]
    assert texts[2:4] == [
        (
            "134. FREELY WHILE REPRESENTATIVES \u2013 Work Knows substantive assignment and"
            " practices. message justify correctly/avoids. necessary needed. guidance"
        ),
        "Level of Competency Required by Job:",
    ]
    assert texts[1].endswith("far-reaching for technical.")
    assert text.split("\n").index("134.") + 1 in reading.pieced


@pytest.mark.parametrize("label", [False, True], ids=["", "label-among"])
def test_a_heading_whose_lines_tail_stands_among_its_names_words_is_one_line(label: bool) -> None:
    # pdftotext printed a justified heading's line a word a paragraph, its last words
    # between two words of its name (and the label below it before the dash): read as
    # "278. PORTIONS", the other words put into the text above
    dash = _paragraphs("Level of Competency Required by Job:") if label else ""
    text = (
        _ABOVE_A_HEADING
        + _paragraphs("278.", "PORTIONS", "MANUALLY", "priorities. safety a related.", "NOVEL")
        + dash
        + _paragraphs("\u2013", "Wordprocessing")
        + ("" if label else "Level of Competency Required by Job:\n")
        + _LEVELS_BELOW
    )
    reading = read_text(text)
    texts = [b.text for b in reading.blocks]
    assert texts[2:4] == [
        "278. PORTIONS MANUALLY NOVEL \u2013 Wordprocessing priorities. safety a related.",
        "Level of Competency Required by Job:",
    ]
    assert texts[1].endswith("far-reaching for technical.")
    assert not reading.pieced  # one line's words, in its order


def test_pieces_no_line_above_takes_go_into_no_areas_list() -> None:
    # pieces of the superior's lines printed after it, which no line above takes, went into
    # the next line below that ended short: an areas list's first item, past its title
    text = (
        "8. SAFETY FOCUS \u2013 Performs work in a way that minimizes risk of injury to self.\n"
        "Superior\n"
        "Tasks detail of the work are done before the time given and beyond the standard\n"
        "set by the supervisor for\n\neach.\n\nObtains\n\nReviews\n\n"
        "Portions Manually Novel Areas\n"
        "1. Procedures, Ensures awareness for for with be obtain systems of\n"
        "the unit and the time set and all of the levels forum. Assume all.\n"
    )
    texts = _texts(text)
    assert texts[-2:] == [
        "Portions Manually Novel Areas",
        (
            "1. Procedures, Ensures awareness for for with be obtain systems of the unit and "
            "the time set and all of the levels forum. Assume all."
        ),
    ]


def test_a_viewers_copy_drops_its_running_header_wherever_it_stands() -> None:
    # pages one after another, no page break left: the document's first line, found again
    # word for word, is the running header, even amid a paragraph
    header = "City of Los Angeles \u2013 Competency Model"
    text = (
        f"{header}\nLevel 1: Identify different means of doing work or suggest\n"
        f"{header}\nchanges in work product.\nLevel\n2:\nRe-engineer processes.\n"
        f"{header}\nLevel 3: Re-conceptualize purpose of function.\n"
    )
    assert _texts(text) == [
        "Level 1: Identify different means of doing work or suggest changes in work product.",
        "Level 2: Re-engineer processes.",  # the label alone on its line, its words after it
        "Level 3: Re-conceptualize purpose of function.",
    ]


def test_a_copy_cut_short_after_two_pages_drops_its_running_header() -> None:
    # a copy cut short on its second page: the header it gives at both pages' tops (with a
    # page break, or none, as a viewer's copy) is no text of the paragraph before it
    header = "City of Los Angeles \u2013 Flow Consistent (1563)"
    first = f"{header}\nLevel 1: Identify different means of doing work.\nSatisfactory\n"
    second = f"{header}\nLevel 2: Re-engineer processes.\nLevel 3: Re-conceptualize"
    for text in (f"{first}\f{second}", f"{first}{second}"):
        assert _texts(text) == [
            "Level 1: Identify different means of doing work.",
            "Satisfactory",
            "Level 2: Re-engineer processes.",
            "Level 3: Re-conceptualize",
        ]


@pytest.mark.parametrize("feed", ["\f", ""])
def test_a_paragraphs_last_line_on_both_pages_of_a_cut_copy_is_no_running_footer(
    feed: str,
) -> None:
    # a copy cut short on its second page: two paragraphs end in the same word on a line
    # of its own (`activities.`), one of them just above the first page's footer. On two
    # pages, at one's edge, it was taken for a running footer and dropped from both: a
    # line in lower case ending a sentence is a paragraph's end, no page's furniture
    header = "City of Los Angeles \u2013 Competency Model"
    first = (
        f"{header}\nSatisfactory\nMaintains awareness of personal safety during all work\n"
        "activities.\nPage 1 of 8\n"
    )
    second = (
        f"{header}\nSuperior\n"
        "Level 2: May encounter disagreement or criticism when performing job\n"
        "activities.\nLevel 3: Presentation and defense of position"
    )
    texts = _texts(f"{first}{feed}{second}")
    assert texts[1] == "Maintains awareness of personal safety during all work activities."
    assert (
        "Level 2: May encounter disagreement or criticism when performing job activities." in texts
    )


def test_a_copy_cut_short_inside_its_third_pages_header_drops_every_copy_of_it() -> None:
    # three pages, the third cut short inside its running header: the header's start there
    # is one more copy of it, so it repeats on every page and none is read as text
    header = "City of Los Angeles \u2013 Flow Consistent (1563)"
    for cut in (25, 6):  # "City o": a word or so is enough
        pages = [
            f"{header}\nLevel 1: Identify different means of doing work.\n- 1 -\n",
            f"{header}\nSatisfactory\nDepth of competencies describes circumstances.\n- 2 -\n",
            header[:cut],
        ]
        texts = _texts("".join(pages))
        assert texts == [
            "Level 1: Identify different means of doing work.",
            "Satisfactory",
            "Depth of competencies describes circumstances.",
        ]


def test_a_page_break_after_a_blank_line_parts_no_paragraph() -> None:
    # pdftotext ends a page with a blank line, then the form feed: an item running on over
    # the page break is one item; a new one after it is one of its own
    text = (
        "Examples of Behavioral Indicators:\n"
        "\u2022 In for performance; facilitate possible Commissions and boards\n"
        "goal for any specialists taking\n\n"
        "\fcomputer only use.\n"
        "\u2022 Making and activities. Refrains additional minimal stress.\n\n"
        "\fPerformance Levels:\n"
    )
    assert _texts(text) == [
        "Examples of Behavioral Indicators:",
        (
            "In for performance; facilitate possible Commissions and boards goal for any "
            "specialists taking computer only use."
        ),
        "Making and activities. Refrains additional minimal stress.",
        "Performance Levels:",
    ]


def test_numbers_alone_at_both_pages_edges_are_no_running_header() -> None:
    # list numbers alone on their lines (their names below) on the first page, an areas
    # item's number alone at the second's top: the same line, numbers blanked, is no header
    first = "*37.\n\nWastewater Options Efficient\n\n180.\n\nInterest Mathematical\n"
    second = "1.\n\nKnowledge of the principles of the trade sufficient to do the work.\n"
    texts = _texts(f"{first}\f{second}")
    assert texts[:2] == ["*37. Wastewater Options Efficient", "180. Interest Mathematical"]
    assert "1." in texts


def test_an_item_line_ending_near_the_width_may_run_on_in_upper_case() -> None:
    # pdftotext of a page whose bullets were drawn (Chromium): "... provisions," / "Civil ..."
    # ended short only by its characters' count: a soft break, not a new item
    width_line = (
        "Reads the whole of the document before writing a summary of it "
        "for others to read, at length."
    )
    text = (
        f"{width_line}\n"
        "Displays knowledge of legal requirements including Administrative Code provisions,\n"
        "Civil Service Commission Rules and MOU provisions.\n"
    )
    blocks = read_text(text).blocks
    assert [b.text[:24] for b in blocks] == ["Reads the whole of the d", "Displays knowledge of le"]
    assert blocks[1].soft_breaks == (9,)  # before "Civil"


def test_a_dash_a_wrapped_line_starts_with_is_a_word_where_bullets_are_glyphs() -> None:
    # pdftotext of a PDF whose items are marked "\u2022": a level's text wrapped before a
    # dash standing as a word ("... against to" / "- required ...") is one paragraph
    width_line = "Level 1: Maintain awareness of unsafe conditions and actions to avoid it."
    text = (
        f"{width_line}\n"
        "Level 2: Follow the safety rules and the procedures that apply to\n"
        "- required work in the field.\n"
        "\u2022 Wears seat belt.\n"
    )
    assert _texts(text) == [
        width_line,
        (
            "Level 2: Follow the safety rules and the procedures that apply to - required work "
            "in the field."
        ),
        "Wears seat belt.",
    ]
    # where the bullets are dashes, or the line before ends a sentence, the dash is a bullet
    for changed in (text.replace("\u2022", "-"), text.replace("apply to\n", "apply.\n")):
        assert len(read_text(changed).blocks) == 4


def test_a_lines_last_piece_past_the_next_label_at_its_pages_end_goes_back_to_it() -> None:
    # pdftotext printed the satisfactory's first line a word a paragraph, in its place,
    # and its last word after the rest of the page: past the label "Superior". It was read
    # as the superior's first word
    from compbank.importer.text_runs import rejoin_columns  # noqa: PLC0415

    pieces = ["job", "knowledge", "to", "perform", "work", "correctly"]
    lines = [
        "Performance Levels:",
        "Satisfactory",
        "Sufficient",
        *(line for piece in pieces for line in ("", piece)),
        "",
        "Answers technical questions about work correctly.",
        "",
        "Superior",
        "",
        "independently.",
        "",
        "Expertise in technical job information sufficient to serve as a",
        "resource to others. May develop training manuals/programs and/or give",
    ]
    numbered = list(enumerate(lines, start=1))
    page_break = len(lines) - 1  # the number of the superior's first line: page 2's first

    def texts(breaks: list[int]) -> list[str]:
        return [t for _, t in rejoin_columns(numbered, 70, breaks) if t]

    read = texts([page_break])
    assert "correctly independently." in read
    assert read[read.index("Superior") + 1].startswith("Expertise")
    # on the page, the superior's paragraph after it: its own first word, as printed
    same_page = texts([])
    assert same_page[same_page.index("Superior") + 1] == "independently."


def test_a_layout_list_in_two_columns_cut_before_its_width_shows_is_read_down() -> None:
    # pdftotext -layout of a page wider than 120 characters, cut in the list's second row:
    # too few lines to find the width, the text was read a line per paragraph and each row
    # as one entry, the second column's number cut short a word of the first's name
    intro = "The following competencies have been identified as those that best separate "
    text = (
        "      COMPETENCY MODEL FOR LOS EARPLUGS ENCOUNTERED SHARING (7941)\n\n"
        f" {intro}superior from satisfactory job performance in\n"
        " the class of LOS EARPLUGS ENCOUNTERED SHARING. (Numbers refers to the order of the "
        "competencies in the\n"
        " Competency Bank.)\n"
        "   2. Department Implemented Immediate" + " " * 24 + "473. Proficiency Metering Fulfill\n"
        "  39. Consistent Addresses" + " " * 36 + "649. "
    )
    assert _texts(text)[-4:] == [
        "2. Department Implemented Immediate",
        "39. Consistent Addresses",
        "473. Proficiency Metering Fulfill",
        "649.",
    ]
