"""Pieces of justified lines that go back in more than one order: read in the bank's.

pdftotext (without ``-layout``) and a viewer's copy print the last words of a justified
line apart, and where two lines' pieces come interleaved the copy cannot say which line
each belongs to. Where the texts so read hold a competency's bank words, each as often, in
another order, they read as the bank's, and a ``pieces-as-bank`` finding says so; a text
with a word of its own, or a copy whose lines took no pieces, differs as it reads.
"""

from __future__ import annotations

import pytest

from compbank import Bank, load
from compbank.importer.document import LevelText, Section, Text
from compbank.importer.read_text import read_text
from compbank.importer.texts_compare import Compared, compare_texts

#: Competency 3's indicators 1 and 4 with their pieces in each other's lines, as pdftotext's
#: column order allows (the words of both, each as often).
SWAPPED = (
    "Asks questions or otherwise obtains additional responses with information to make a decision.",
    "Discusses conclusions/possible relevant others before taking action as necessary.",
)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load()


def _section(bank: Bank, number: int, indicators: dict[int, str]) -> Section:
    """Competency *number* as the bank has it, its heading at line 10, an item a line from 20.

    *indicators* replaces the bank's behavioral indicators by their place, or adds some.
    """
    c = bank.competencies[number]

    def text(words: str, line: int) -> Text:
        return Text(words, words, line, line)

    count = max([len(c.behavioral_indicators), *(k + 1 for k in indicators)])
    items = [indicators.get(k) or c.behavioral_indicators[k] for k in range(count)]
    return Section(
        number,
        f"{number}. {c.name.upper()}",
        10,
        (text(c.definition, 10),),
        (),
        tuple(LevelText(n, text(t, 10 + n), 0, 0) for n, t in enumerate(c.levels, start=1)),
        tuple(text(t, 20 + k) for k, t in enumerate(items)),
        (text(c.satisfactory, 30),),
        (text(c.superior, 31),),
        None,
        (),
    )


def _compare(bank: Bank, indicators: dict[int, str], pieced: set[int], number: int = 3) -> Compared:
    return compare_texts(
        _section(bank, number, indicators),
        bank.competencies[number].name,
        bank,
        "9999-test.txt",
        bulleted=True,
        pieced=frozenset(pieced),
    )


def _read(compared: Compared) -> tuple[str, list[str]]:
    return compared.comparison.status, [f.kind for f in compared.findings]


def test_the_bank_words_in_another_order_where_pieces_went_back_read_as_the_banks(
    bank: Bank,
) -> None:
    swapped = {1: SWAPPED[0], 4: SWAPPED[1]}
    compared = _compare(bank, swapped, {21})
    assert _read(compared) == ("identical", ["pieces-as-bank"])
    (finding,) = compared.findings
    assert (finding.competency, finding.path, finding.line) == (
        3,
        "$.behavioral_indicators[1]",
        21,
    )
    assert "$.behavioral_indicators[1], $.behavioral_indicators[4]" in finding.message
    # a piece read as an item of its own moves the items after it one place on, whole and
    # in the bank's order: pieces still
    items = bank.competencies[3].behavioral_indicators
    split = dict(enumerate([items[0], *items[1].split(" relevant "), *items[2:]]))
    split[1] += " relevant"
    assert _read(_compare(bank, split, {21})) == ("identical", ["pieces-as-bank"])
    # pieces that went back in another competency's lines say nothing of this one's order
    differs = ("differs", ["text-differs", "text-differs"])
    assert _read(_compare(bank, swapped, {5, 40})) == differs
    # a copy that took no pieces shows its words in its own order
    assert _read(_compare(bank, swapped, set())) == differs


def test_a_word_of_the_copys_own_differs_as_it_reads(bank: Bank) -> None:
    differs = ("differs", ["text-differs", "text-differs"])
    worded = {1: SWAPPED[0], 4: SWAPPED[1].replace("taking", "making")}
    assert _read(_compare(bank, worded, {21})) == differs
    # a word short (or one more) is no order of the bank's words
    short = {1: SWAPPED[0], 4: SWAPPED[1].replace(" as necessary", " necessary")}
    assert _read(_compare(bank, short, {21})) == differs
    # nor are texts in another order, each whole: the document's order of its texts
    items = bank.competencies[3].behavioral_indicators
    reordered = {1: items[4], 4: items[1]}
    assert _read(_compare(bank, reordered, {21})) == differs
    # nor is a word in another spelling than a lost hyphen
    comma = {1: SWAPPED[0], 4: SWAPPED[1].replace("others", "others,")}
    assert _read(_compare(bank, comma, {21})) == differs


def test_a_word_the_copy_gives_without_its_hyphen_still_differs_there_alone(bank: Bank) -> None:
    # competency 34's indicators 3 and 6, "customer" gone from one to the other, and the
    # copy's "customerfocused." (pdftotext joins a word broken after its hyphen at a line's end)
    three, six = bank.competencies[34].behavioral_indicators[3::3]
    swapped = {
        3: three.replace("of customer complaint", "of complaint"),
        6: six.replace("are customer-focused.", "customer are customerfocused."),
    }
    # the hyphen lost alone: no word in another order, nothing read in the bank's
    lost = {6: six.replace("customer-focused.", "customerfocused.")}
    assert _read(_compare(bank, lost, {23}, number=34)) == ("differs", ["text-differs"])
    compared = _compare(bank, swapped, {23}, number=34)
    assert _read(compared) == ("differs", ["pieces-as-bank", "text-differs"])
    (diff,) = compared.comparison.differences
    assert (diff.path, diff.bank, diff.document) == (
        "$.behavioral_indicators[6]",
        six,
        six.replace("customer-focused.", "customerfocused."),
    )


def test_a_word_broken_at_its_hyphen_its_halves_apart_reads_as_the_banks(bank: Bank) -> None:
    # competency 47's "re-writing", broken after its hyphen at a line's end: "re-" went
    # back before another item's word ("re-errors"), "writing" stayed
    one, two = bank.competencies[47].behavioral_indicators[1:3]
    halves = {
        1: one.replace("few errors", "few re-errors"),
        2: two.replace("re-writing", "writing"),
    }
    compared = _compare(bank, halves, {21}, number=47)
    assert _read(compared) == ("identical", ["pieces-as-bank"])
    # a half that is no part of the bank's word is the copy's own
    other = {1: one.replace("few errors", "few un-errors"), 2: halves[2]}
    differs = ("differs", ["text-differs", "text-differs"])
    assert _read(_compare(bank, other, {21}, number=47)) == differs


def test_a_reading_names_the_lines_pieces_went_back_in() -> None:
    text = (
        "3. JUDGMENT AND DECISION MAKING \u2013 Accurately assesses situations,\n"
        "Examples of Behavioral Indicators:\n\u2022\n\n"
        "Asks questions or otherwise\ninformation to make a decision.\n\n\u2022\n\n"
        "Discusses conclusions/possible\ntaking action as necessary.\n\n\u2022\n\n"
        "Considers impact of decisions on all affected parties.\n\n"
        "obtains\n\nresponses\n\nadditional\n\nwith\n\nrelevant\n\nothers\n\nbefore\n"
    )
    reading = read_text(text)
    assert reading.form == "wrapped"
    # the lines the pieces went back in, and the pieces
    assert {reading.line(n).text for n in reading.pieced} == {
        "Asks questions or otherwise",
        "Discusses conclusions/possible",
        *["obtains", "responses", "additional", "with", "relevant", "others", "before"],
    }
    whole = text.replace("otherwise\n", "otherwise obtains additional relevant\n").replace(
        "conclusions/possible\n", "conclusions/possible responses with others before\n"
    )
    assert read_text(whole.split("\n\nobtains")[0] + "\n").pieced == frozenset()


def test_bullets_one_under_another_leave_their_items_ends_unsaid() -> None:
    # at a page's top pdftotext printed two items' bullets alone, then their texts: where
    # the first ends, the copy does not say (a line short of the width in a proportional
    # face may be full)
    text = (
        "Includes knowledge of the following, sufficient to supervise the workgroup well:\n"
        "o Methods of selecting new employees for a workgroup and training them all\n\n"
        "o\no\n\n"
        "Supporting and developing employees through delegation and participation\n"
        "Taking disciplinary action including progressive discipline\n"
    )
    reading = read_text(text)
    assert {reading.line(n).text for n in reading.pieced} == {"o"}
    assert sorted(reading.pieced) == [4, 5]
    # one bullet alone before its item leaves nothing unsaid
    single = text.replace("o\no\n\n", "o\n\n")
    assert read_text(single).pieced == frozenset()
