"""Reading a text document, step 3: what a tool printed apart, put back together.

``pdftotext`` (without ``-layout``) and a viewer's copy print some lines in pieces: a list
number alone before its name (a tab after the number, taken for a gap between columns:
`rejoin_numbers`), and the words of a justified line whose wide gaps were taken for gaps
between columns, each a paragraph of its own after its paragraph, or in a copy without
blank lines one under another (`piece_lines` finds them, `compbank.importer.text_runs`
puts them back). Each step takes the document's lines (numbered, blank lines kept) and
gives them back with the pieces joined where they belong. (A heading in pieces is put back
first: `compbank.importer.text_headings`; a level's label apart from its text, then:
`compbank.importer.text_labels`.)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from compbank.importer.patterns import (
    CLOSING,
    CLOSING_START,
    FULL_STOP,
    INTRODUCTION_START,
    LONE_BULLET,
    LONE_NUMBER,
    MAX_NAME_WORDS,
    footnote_start,
    glyph_bulleted,
    is_label,
    starts_block,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "PIECE_WORDS",
    "SHORT",
    "first_word",
    "next_text",
    "piece_lines",
    "rejoin_numbers",
    "starts_lower",
    "word_piece",
]

#: The most words of a piece of a justified line that pdftotext printed as its own column.
PIECE_WORDS = 3
#: A line this much of the width long, or less, ended well short of it (in characters, of
#: a proportional face: a full line may be a tenth shorter than the longest).
SHORT = 0.8
#: What may stand before a sentence's first letter.
_OPENING = "\u201c\u2018\"'(["
#: A whole sentence of a few words: "Admits mistakes."
_SENTENCE = re.compile(r"^[A-Z][^.!?]*\s[^.!?]*[.!?]$")
#: A list's entry (or a competency's heading): "2. Department", "*315. Concise Compliance".
_ENTRY = re.compile(r"^\*?\d{1,3}\.\s*\*?[A-Z]")


def starts_lower(text: str) -> bool:
    """Whether *text* starts in lower case, past opening quotes and brackets (``\u201cwant.``)."""
    return text.strip().lstrip(_OPENING)[:1].islower()


def first_word(text: str) -> str:
    """The first word of *text* (not blank)."""
    return text.split(maxsplit=1)[0]


def blankless(lines: Sequence[tuple[int, str]]) -> bool:
    """Whether no blank line parts the lines' texts (a viewer's copy)."""
    texts = [k for k, (_, t) in enumerate(lines) if t.strip()]
    return not texts or all(t.strip() for _, t in lines[texts[0] : texts[-1]])


def piece_lines(lines: Sequence[tuple[int, str]], width: int) -> list[bool]:
    """Which lines may be pieces of a justified line: a few words alone, of no form.

    A dash alone is a bullet, but a word where the document's bullets are glyphs (``•``).
    The copy's last line, where it would be its only piece and starts with a capital, is
    none: justified lines give pieces throughout, and a copy cut short may end with the
    first letters of a line of its own (``Pa`` of a footer's ``Page 2 of 8``, a sentence's
    first word).
    """
    glyphs = any(glyph_bulleted(t) for _, t in lines)

    def bullet(text: str) -> bool:
        return LONE_BULLET.match(text) is not None and not (glyphs and text == "-")

    stacked = _stacked_pieces(lines) if blankless(lines) else piece_columns(lines)
    stranded = _stranded(lines) | _under_label(lines)
    out: list[bool] = []
    previous = ""  # the last line before this one that holds text
    for k, (number, raw) in enumerate(lines):
        text = raw.strip()
        before = lines[k - 1] if k else (0, "")
        after = lines[k + 1] if k + 1 < len(lines) else (0, "")
        if k in stranded:
            out.append(True)
            previous = text
            continue
        out.append(
            bool(text)
            and len(text.split()) <= PIECE_WORDS
            # set in from the margin: a copy that keeps the page's layout, its lines whole
            # (pdftotext without -layout starts every line at the margin)
            and raw[:1] not in (" ", "\t")
            # alone: blank lines around it, or lines dropped (a page number, a running
            # header) that part it from a piece, a label, or a line that ended well short
            # of the width (a paragraph's last; a full one runs on over the page break)
            and (
                k in stacked
                or not before[1].strip()
                # taken into a label's block: in lower case just under it, a blank line below
                or (is_label(before[1]) and starts_lower(text) and not after[1].strip())
                or (
                    before[0] != number - 1
                    and (
                        out[k - 1]
                        or is_label(before[1])
                        or len(before[1].strip()) + 1 + len(text) <= SHORT * width
                    )
                )
            )
            and (k in stacked or not after[1].strip() or after[0] != number + 1)
            and not starts_block(text)
            and not is_label(text)
            and not bullet(text)
            and not LONE_NUMBER.match(text)  # an item's number, its text below
            and not bullet(previous)  # an item's text, after its bullet
            # a sentence of its own just after a label: the first item it introduces
            and not (is_label(previous) and _SENTENCE.match(text))
            and not _in_list(lines, k)
            # the note under the list, a copy cut inside its first word
            and not footnote_start(text, last=next_text(lines, k + 1, 1) is None)
        )
        previous = text or previous
    last = next_text(lines, len(lines) - 1, -1)
    if last is not None and out[last] and sum(out) == 1 and not starts_lower(lines[last][1]):
        out[last] = False
    return out


def _in_list(lines: Sequence[tuple[int, str]], k: int) -> bool:
    """Whether line *k* stands between a list's entries: a name's words wrapped in its column.

    A list in two columns that pdftotext gives row by row prints the words a name wrapped
    after the other column's entry, before the next row's (or, after the last row, before
    the note under the list or the sentence after it): no piece of a justified line, which
    is printed after its paragraph or its page's column, not inside a list going on.
    """
    above, below = next_text(lines, k - 1, -1), next_text(lines, k + 1, 1)
    if above is None or not _ENTRY.match(lines[above][1].strip()):
        return False
    if below is None:
        return False
    after = lines[below][1].strip()
    return (
        bool(_ENTRY.match(after))
        or footnote_start(after, last=next_text(lines, below + 1, 1) is None)
        or CLOSING_START.match(after) is not None
    )


def _stacked_pieces(lines: Sequence[tuple[int, str]]) -> set[int]:
    """Lines that are pieces of justified lines in a copy without blank lines (a viewer's).

    There the pieces pdftotext printed a paragraph each come one under another: two lines
    or more of a few words each and of no form, after a line that ends a sentence (the
    paragraph they follow) or a label, before a line that does not go on in lower case (one
    of a form of its own, or a new paragraph's). The last of them ends no sentence (a
    justified line is no paragraph's last, and a paragraph's last line printed a word a line
    is in its place), unless they follow a sentence's end: the words of a line above that
    ended one amid its paragraph; or a label, the first in lower case (``Satisfactory``,
    ``different``, ``self``, ``others.``), as no paragraph of the label's starts. That
    paragraph's last line may be as short (``subordinate
    supervisors.``): the pieces start after it. One piece alone is one only where it
    stands in lower case (or is a number ending no sentence, ``13,``) between a label and
    its paragraph's first line (``Satisfactory``,
    ``description``, ``In-depth ...``; ``Superior``, ``independently.``, ``Expertise ...``),
    ending a sentence or not; or, ending none, between a line that ends one and a label
    (``... negative.``, ``results``, ``Performance Levels:``): no paragraph starts so; and
    there a word alone with a capital too (``Recognizes``): no item holds two sentences,
    and none is a word ending no sentence.
    """
    short = [word_piece(t.strip()) for _, t in lines]
    out: set[int] = set()
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and short[end]:
            end += 1
        following = lines[end][1] if end < len(lines) else ""
        start = _stack_start(lines, k, end)
        # the last ends a sentence: a paragraph's last line, printed a word a line in its
        # place; unless they follow a sentence's end, pieces of a line above
        ended = end > k and _ends(lines[end - 1]) and not (start == k and _ends(lines[k - 1]))
        # one alone, in lower case (or a number ending no sentence, ``13,``), between a
        # label and the first line of its paragraph, or ending no sentence between one that
        # does and a label; there a word alone with a capital too (``Recognizes``)
        alone = lines[start][1].strip() if end - start == 1 else ""
        in_lower = bool(alone) and (
            starts_lower(alone) or (alone[0].isdigit() and not _ends(lines[start]))
        )
        single = (in_lower and is_label(lines[start - 1][1])) or (
            bool(alone)
            and (in_lower or " " not in alone)
            and _ends(lines[start - 1])
            and not _ends(lines[start])
            and is_label(following)
        )
        # under a label, the first in lower case: no paragraph of the label's, ended or not
        lowered = (
            0 < start < end and is_label(lines[start - 1][1]) and starts_lower(lines[start][1])
        )
        several = end - start >= 2 and (not ended or lowered)
        if (several or single) and not starts_lower(following):
            out.update(range(start, end))
        k = max(end, k + 1)
    return out


def _under_label(lines: Sequence[tuple[int, str]]) -> set[int]:
    """Lines of a few words one under another just under a label, at a page's end.

    pdftotext may print the last words of a paragraph's justified lines after the next
    label and the page's footer (``Superior``, ``information and level of detail.``,
    ``Answers questions accurately and``, then the next page): two lines or more of up to
    twice a piece's words, of no form, the first in lower case (no paragraph of the
    label's starts so), the last ending no sentence, then a page break (lines dropped) or
    a blank line, and no line going on in lower case. They are pieces of the lines above
    the label.
    """
    out: set[int] = set()
    for k in range(1, len(lines)):
        if not is_label(lines[k - 1][1]) or not starts_lower(lines[k][1]):
            continue
        end = k
        while (
            end < len(lines)
            and 0 < len(lines[end][1].split()) <= 2 * PIECE_WORDS
            and not starts_block(lines[end][1].strip())
            and not is_label(lines[end][1])
            and (end == k or lines[end][0] == lines[end - 1][0] + 1)
        ):
            end += 1
        if end - k < 2 or _ends(lines[end - 1]):
            continue
        if end < len(lines) and lines[end][1].strip() and lines[end][0] == lines[end - 1][0] + 1:
            continue  # the paragraph goes on below: no page break nor blank line after them
        below = next_text(lines, end, 1)
        if below is None or not starts_lower(lines[below][1]):
            out.update(range(k, end))
    return out


def _stranded(lines: Sequence[tuple[int, str]]) -> set[int]:
    """Lines of words, blank lines around, that are a line's middle printed after it.

    A line alone between a sentence's end and a label, in lower case and ending no
    sentence, is no paragraph (none starts so) nor the end of the one above (it ended):
    the words between a justified line's first and its next line, printed after both
    (``• Frequently`` / ``operation.`` / ``checks safety equipment for proper condition
    and`` / ``Performance Levels:``), however many they are.
    """
    out: set[int] = set()
    for k, (_, text) in enumerate(lines):
        above, below = next_text(lines, k - 1, -1), next_text(lines, k + 1, 1)
        if (
            k
            and above is not None
            and below is not None
            and above < k - 1
            and below > k + 1
            and starts_lower(text)
            and not _ends(lines[k])
            and _ends(lines[above])
            and is_label(lines[below][1])
        ):
            out.add(k)
    return out


def piece_columns(lines: Sequence[tuple[int, str]]) -> set[int]:
    """Pieces pdftotext printed one under another as a paragraph of their own (blank lines).

    Pieces of consecutive justified lines standing one above another on the page make one
    column: two lines or more of a few words each, of no form, in lower case, none ending a
    sentence, with blank lines (or a page's edge) around them and none between. Or under a
    label (printed past it: ``equipment and``, ``Situations on`` under ``Examples of
    Behavioral Indicators:``), the first in lower case as no paragraph starts, the others
    in any case; a blank line between them and the label or none.
    """
    out: set[int] = set()
    k = 0
    while k < len(lines):
        above = next_text(lines, k - 1, -1) if k else None
        labelled = above is not None and is_label(lines[above][1]) and starts_lower(lines[k][1])
        end = k
        while (
            end < len(lines)
            and (end == k or lines[end][0] == lines[end - 1][0] + 1)
            and word_piece(text := lines[end][1].strip())
            and (starts_lower(text) or labelled)
            and not _ends(lines[end])
        ):
            end += 1
        if end - k >= 2 and _alone(lines, k, end, labelled=labelled):
            out.update(range(k, end))
        k = max(end, k + 1)
    return out


def _alone(lines: Sequence[tuple[int, str]], k: int, end: int, *, labelled: bool = False) -> bool:
    """Whether lines *k* to *end* (not included) have blank lines or a page's edge around.

    Above them, a label may stand instead (*labelled*).
    """

    def parted(a: int, b: int) -> bool:
        return not lines[a][1].strip() or not lines[b][1].strip() or lines[b][0] != lines[a][0] + 1

    above = k == 0 or labelled or parted(k - 1, k)
    return above and (end == len(lines) or parted(end - 1, end))


def _stack_start(lines: Sequence[tuple[int, str]], k: int, end: int) -> int:
    """Where pieces one under another start among the short lines *k* to *end* (*end*: none).

    After a sentence's end just before them; or after the first of them where it is a
    paragraph's short last line ending a sentence (its paragraph's lines above it); or
    after the first two where the second ends a sentence: a justified line's two ends,
    printed before the words between (``priority Considers``, ``objectives in.``); or
    after a label, where none of them ends a sentence or the first starts in lower case
    (no paragraph does: the last words of a line above, ``practices.``, ``Envisions``,
    ``an``, printed past the next section's label at a page's end).
    """
    if k == 0:
        return end
    before = lines[k - 1][1].strip()
    if _ends(lines[k - 1]):
        return k
    if k + 1 < end and _ends(lines[k]) and before and not _lone_or_label(before):
        return k + 1
    # a justified line's two ends, printed first: its first words, its last ending a sentence
    if k + 2 < end and _ends(lines[k + 1]) and before and not _lone_or_label(before):
        return k + 2
    # after a label only where none of them ends a sentence (else they are the paragraph
    # the label introduces, printed a few words a line), or where they start in lower case
    whole = not any(_ends(lines[j]) for j in range(k, end))
    return k if is_label(before) and (whole or starts_lower(lines[k][1])) else end


def _lone_or_label(text: str) -> bool:
    """Whether *text* is a bullet alone or a label: no paragraph's line."""
    return LONE_BULLET.match(text) is not None or is_label(text)


def _ends(line: tuple[int, str]) -> bool:
    """Whether *line* ends a sentence."""
    return FULL_STOP.search(line[1].strip()) is not None


def word_piece(text: str) -> bool:
    """Whether *text* is a few words of no form of their own (a piece of a justified line)."""
    return (
        0 < len(text.split()) <= PIECE_WORDS
        and not starts_block(text)
        and not is_label(text)
        and not LONE_BULLET.match(text)
        and not LONE_NUMBER.match(text)
    )


def rejoin_numbers(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """A list number alone on its line, with its text alone a line or two below: one line.

    Alone: a blank line after the text, or the next entry (its number alone or not), or a
    block of another form, or the note under the list (whole, or where a copy is cut
    short inside it), or the sentence after the list (whole, or where a copy is cut short
    inside it: ``On the``).

    A number typed before a tab ("28.<tab>Supervision") leaves a gap that pdftotext (without
    ``-layout``) may take for one between columns, printing the number and the text as two
    paragraphs. A page number ("28", no period) is gone before this.
    """
    out = list(lines)
    dropped: set[int] = set()
    for k, (number, raw) in enumerate(lines):
        if k in dropped or not LONE_NUMBER.match(raw.strip()):
            continue
        j = k + 1
        while j < len(lines) and j <= k + 2 and not lines[j][1].strip():
            j += 1
        if j >= len(lines) or not lines[j][1].strip():
            continue
        text = lines[j][1].strip()
        # alone: a blank line after it, or the next entry's number, or the next entry
        following = lines[j + 1][1].strip() if j + 1 < len(lines) else ""
        alone = (
            not following
            or bool(LONE_NUMBER.match(following))
            or starts_block(following)
            or bool(INTRODUCTION_START.match(following))  # the sentence after the list
            # the note under the list, or a copy cut in it
            or footnote_start(following, last=next_text(lines, j + 2, 1) is None)
            # a copy cut in the sentence after the list
            or (next_text(lines, j + 2, 1) is None and CLOSING.startswith(following.lower()))
        )
        # a bullet alone is no name: the next item's, its text below (the number an item's
        # last word, wrapped: "... experience" / "28."); nor a number alone (numbers printed
        # one under another, their items' texts below them)
        named = not starts_block(text) and not LONE_BULLET.match(text)
        named = named and not LONE_NUMBER.match(text)  # nor is the next item's number
        if alone and len(text.split()) <= MAX_NAME_WORDS and named:
            out[k] = (number, f"{raw.strip()} {text}")
            dropped.update(range(k + 1, j + 1))
    return [line for k, line in enumerate(out) if k not in dropped]


def next_text(lines: Sequence[tuple[int, str]], k: int, step: int) -> int | None:
    """The nearest line from *k* on (*step*: 1 down, -1 up) with text, past blank lines only.

    None where there is none, or where lines were dropped between (a page number, a
    running header: a page break).
    """
    j = k
    while 0 <= j < len(lines) and not lines[j][1].strip():
        if 0 <= j + step < len(lines) and abs(lines[j + step][0] - lines[j][0]) != 1:
            return None
        j += step
    return j if 0 <= j < len(lines) else None
