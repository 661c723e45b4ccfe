"""Reading a text document, step 3: the lines of justified text that ended short.

pdftotext (without ``-layout``) prints the pieces of a justified line apart
(`compbank.importer.text_pieces`); the line they were taken from is left short inside its
paragraph. `opened` finds such lines: where pieces may go back (`compbank.importer.text_runs`
puts them there). `stacked_words` finds a line's words printed a line each just below it,
`in_place` a whole line printed in pieces in its place, `ended` a full line's last words
printed apart after it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from compbank.importer.patterns import FOOTNOTE, FULL_STOP, NAME_WORD, is_label, starts_block
from compbank.importer.text_pieces import (
    PIECE_WORDS,
    SHORT,
    blankless,
    first_word,
    next_text,
    starts_lower,
    word_piece,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["ended", "in_place", "opened", "stacked_words", "whole"]

#: A list entry alone on its line: its number and a name ("53. Leadership").
_ENTRY_LINE = re.compile(rf"^\*?\d{{1,3}}\.\s+{NAME_WORD}(?:\s+{NAME_WORD})*\*?$")


def _open(lines: Sequence[tuple[int, str]], k: int, width: int, pieces: Sequence[bool]) -> bool:
    """Whether line *k* ended short inside its paragraph: a justified line's first words."""
    text = lines[k][1].strip()
    following = lines[k + 1][1].strip() if k + 1 < len(lines) else ""
    return bool(
        text
        and following
        and not pieces[k + 1]
        # a sentence's end ends its paragraph, unless the paragraph goes on in lower case
        and (not FULL_STOP.search(text) or starts_lower(following))
        and not is_label(text)
        and not _ENTRY_LINE.match(text)  # a list entry ends its line, however short
        and not FOOTNOTE.match(text)  # so does the note under the list
        and not starts_block(following)
        and any(c.islower() for c in text)
        and len(text) + 1 + len(first_word(following)) <= width
    )


def opened(
    lines: Sequence[tuple[int, str]], width: int, pieces: Sequence[bool], chains: dict[int, int]
) -> list[bool]:
    """Which lines ended short inside their paragraph: pieces of lines may go back to them.

    As `_open` says, but where a line's words were printed a line each after it
    (`stacked_words`), the last of those in its place: pieces go back after them.
    """
    opened = [_open(lines, j, width, pieces) for j in range(len(lines))]
    for end, begin in chains.items():
        opened[begin:end] = [False] * (end - begin)
        following = first_word(lines[end + 1][1])
        opened[end] = len(whole(lines, end, chains)) + 1 + len(following) <= width
    return opened


def stacked_words(lines: Sequence[tuple[int, str]], width: int) -> dict[int, int]:
    """A line's words that pdftotext printed a line each, in its paragraph, by where they end.

    Between a line that ended short amid a sentence and the paragraph's next line (which
    goes on in lower case), a line or more of a few words each, of no form of their own,
    with no blank line between: the first line's further words, so that pieces of it that
    follow the paragraph go back after the last of them. Gives, for the last such line, the
    line they began on. Not in a copy without blank lines, where the pieces of lines stand
    so (`compbank.importer.text_pieces.piece_lines`).
    """
    if blankless(lines):
        return {}

    def goes_on(end: int) -> bool:
        return (
            end < len(lines)
            and lines[end][0] == lines[end - 1][0] + 1
            and starts_lower(lines[end][1])
        )

    chains: dict[int, int] = {}
    k = 0
    while k < len(lines):
        end = k + 1
        while end < len(lines) and lines[end][0] == lines[end - 1][0] + 1:
            if not word_piece(lines[end][1].strip()):
                break
            end += 1
        # the paragraph's next line may be short too: the last line before one in lower case
        while end > k + 1 and not goes_on(end):
            end -= 1
        text = lines[k][1].strip()
        if (
            end > k + 1
            and text
            and not FULL_STOP.search(text)
            and not is_label(text)
            and len(whole(lines, end - 1, {end - 1: k})) <= width + 2
        ):
            chains[end - 1] = k
            k = end
        else:
            k += 1
    return chains


def whole(texts: Sequence[tuple[int, str]], j: int, chains: dict[int, int]) -> str:
    """Line *j*'s text, with the words printed a line each before it where it ends them."""
    return " ".join(texts[i][1].strip() for i in range(chains.get(j, j), j + 1))


def in_place(
    lines: Sequence[tuple[int, str]],
    run: Sequence[int],
    width: int,
    taken: tuple[set[int], dict[int, int]],
) -> int | None:
    """The line a run of pieces ends in its place, if it is one: a whole line in pieces.

    pdftotext may print each word of a justified line after its first a paragraph of its
    own, in their place: the line above them holds only the line's first words, and the
    paragraph goes on below them in lower case. With the pieces back, that line is full
    (the next line's first word would not have fitted on it). The line's first words may
    end a sentence (``job.``, then ``Extends``, ``use``, ...): where the pieces start one,
    in a capital, they go back there too. The line may be its paragraph's last, the run
    ending it (its last piece ends a sentence, the line above does not): then the line
    with them fills the width by itself.
    """
    dropped, chains = taken
    above = next_text(lines, run[0] - 1, -1)
    below = next_text(lines, run[-1] + 1, 1)
    if above is None or below is None or above in dropped:
        return None
    text = whole(lines, above, chains)
    words = " ".join(lines[k][1].strip() for k in run)
    size = len(text) + 1 + len(words)
    if not starts_lower(lines[below][1]):  # the run ends the paragraph, if any line
        last = FULL_STOP.search(words) is not None and not FULL_STOP.search(text)
        fills = SHORT * width < size <= width + 2
        return above if last and fills and not is_label(text) else None
    following = first_word(lines[below][1])
    fits = size <= width + 2 and size + 1 + len(following) > SHORT * width
    ends = FULL_STOP.search(text) is not None and not lines[run[0]][1].strip()[:1].isupper()
    ends = ends or is_label(text)
    return above if fits and not ends else None


def between_ends(
    lines: Sequence[tuple[int, str]],
    run: Sequence[int],
    width: int,
    taken: tuple[set[int], dict[int, int]],
) -> int | None:
    """The line whose two ends pdftotext printed before a run of its pieces, if it is one.

    pdftotext may print a justified line's first words, then on the next line its last
    (ending a sentence: ``Interpersonal``, ``Enterprise.``), then the words between, a
    paragraph each: the run. Its first words' line, where with the run and its last words
    it makes a full line (the words between go back at its end, its last words after them).
    """
    dropped, chains = taken
    last = next_text(lines, run[0] - 1, -1)
    if last is None or last == 0 or last in dropped:
        return None
    first = last - 1
    tail, head = lines[last][1].strip(), lines[first][1].strip()
    if (
        lines[last][0] != lines[first][0] + 1
        or not head
        or first in dropped
        or not FULL_STOP.search(tail)
        or len(tail.split()) > PIECE_WORDS
        or FULL_STOP.search(head)
        or is_label(head)
    ):
        return None
    words = " ".join(lines[k][1].strip() for k in run)
    size = len(whole(lines, first, chains)) + 1 + len(words) + 1 + len(tail)
    return first if SHORT * width < size <= width + 2 else None


def ended(
    lines: Sequence[tuple[int, str]], group: Sequence[int], width: int, dropped: set[int]
) -> int | None:
    """The full line a piece in lower case ends, printed apart after it, if it is one.

    The line just above the piece (blank lines between, no page break) is full and ends
    amid a sentence, and its paragraph does not go on below the piece: the piece is its
    last words, which pdftotext printed as a paragraph of their own (a line's last word in
    another font, a synthetic bold heading's definition).
    """
    words = " ".join(lines[k][1].strip() for k in group)
    above = next_text(lines, group[0] - 1, -1)
    if above is None or above in group or above in dropped:
        return None
    text = lines[above][1].strip()
    below = next_text(lines, group[-1] + 1, 1)
    if (
        FULL_STOP.search(text)
        or is_label(text)
        or len(text) + 1 + len(first_word(words)) <= SHORT * width
        or (below is not None and starts_lower(lines[below][1]))
    ):
        return None
    return above
