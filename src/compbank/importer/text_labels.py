"""Reading a text document, step 2 (its end): a level's label printed apart from its text.

pdftotext (without ``-layout``) takes the wide gaps of a justified line for gaps between
columns, and a label in a synthetic bold (drawn twice, as Chromium draws it) for a column
of its own. A level's line may come out with its label in pieces (``Level``, then ``2:``),
its first line's words a paragraph each after the label, its line's last words first
(``Level 1:``, ``others.``, then the words between), or the label after its text's first
lines. `rejoin_levels` gives each such level back with its label first and its first
line whole, before the pieces of other lines are put back
(`compbank.importer.text_runs`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from compbank.importer.patterns import FULL_STOP, HEADING, is_label, starts_block
from compbank.importer.text_pieces import blankless, next_text, starts_lower, word_piece

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["rejoin_levels"]

#: A level's label alone, its text on the lines after it.
_LEVEL_ALONE = re.compile(r"^Level\s+[1-3]:$")
#: A level's number and colon alone, its "Level" on the line before.
_LEVEL_NUMBER = re.compile(r"^[1-3]:$")
#: A level's number and colon first on a line of its text, its "Level" on a line below.
_NUMBER_FIRST = re.compile(r"^[1-3]:\s+\S")
#: The most lines of a level's text printed before its label.
_LINES_BEFORE = 4


def rejoin_levels(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """A level's label and its first line put back together, as the module says.

    A ``Level`` alone on its line, its ``N:`` alone on the next (blank lines between, as
    pdftotext prints the pieces of a justified line): one line, ``Level N:``; then the
    label before its text where it was printed after its first lines (`_label_below`),
    and its first line's words after it (`_level_words`).
    """
    out: list[tuple[int, str]] = []
    for number, raw in lines:
        above = len(out) - 1
        while above >= 0 and not out[above][1].strip():
            above -= 1
        if above >= 0 and out[above][1].strip() == "Level" and _LEVEL_NUMBER.match(raw.strip()):
            out[above] = (out[above][0], f"Level {raw.strip()}")
            del out[above + 1 :]  # the blank lines between
        else:
            out.append((number, raw))
    return _level_words(_labels_first(_number_first(out)))


def _number_first(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """A level's ``N:`` printed first, before its text, its ``Level`` alone after it: joined.

    pdftotext may print a label in pieces on either side of the level's text: ``1: Ample
    ...`` then ``Level`` alone below it, before the next label. The ``Level`` goes back
    before its number.
    """
    out = list(lines)
    dropped: set[int] = set()
    for k, (number, raw) in enumerate(lines):
        if not _NUMBER_FIRST.match(raw.strip()):
            continue
        for j in range(k + 1, min(len(lines), k + 2 + _LINES_BEFORE)):
            text = lines[j][1].strip()
            if text == "Level":
                out[k] = (number, f"Level {raw.strip()}")
                dropped.add(j)
                break
            if is_label(text) or starts_block(text):
                break
    return [line for k, line in enumerate(out) if k not in dropped]


def _label_below(lines: Sequence[tuple[int, str]], k: int, *, unparted: bool) -> int | None:
    """The first line of the text whose label alone is line *k*, printed after it; or None.

    pdftotext may print a level's label after its text's first lines (a paragraph of their
    own, just above the label, no blank line between), its text going on below the label
    in lower case: ``The procedures ... accuracy. Correctly``, ``Level 3:``, ``work
    factors ...``. The paragraph's first line, where it has no form of its own, starts
    with a capital, and its last (just above the label) ends amid a sentence. In a copy
    without blank lines (*unparted*), a paragraph starts after a sentence's end.
    """
    if not _LEVEL_ALONE.match(lines[k][1].strip()) or k == 0:
        return None
    if FULL_STOP.search(lines[k - 1][1].strip()) or not lines[k - 1][1].strip():
        return None
    below = next((j for j in range(k + 1, len(lines)) if lines[j][1].strip()), None)
    if below is None or not starts_lower(lines[below][1]):
        return None
    first = k - 1
    while first > 0 and k - first < _LINES_BEFORE:
        if _starts_paragraph(lines, first, unparted=unparted):
            break
        first -= 1
    else:
        return None  # more lines than a level's first ones, or the copy's first
    return _plain_start(lines, first)


def _label_after(lines: Sequence[tuple[int, str]], k: int, *, unparted: bool) -> int | None:
    """The first line of the text whose label alone is line *k*, printed whole before it.

    pdftotext may print a level's label (its ``Level`` and ``N:`` apart) after the whole
    of its text: the label has no text of its own below (a label follows it), and just
    above it stands a paragraph with no label, after a blank line, that starts with a
    capital and ends a sentence. Not in a copy without blank lines (*unparted*), where
    the paragraph's start cannot be told from the text of the level before.
    """
    if unparted or not _LEVEL_ALONE.match(lines[k][1].strip()) or k == 0:
        return None
    below = next_text(lines, k + 1, 1)
    if below is None or not (is_label(lines[below][1]) or starts_block(lines[below][1].strip())):
        return None
    if not FULL_STOP.search(lines[k - 1][1].strip()):
        return None
    first = k - 1
    while k - first <= _LINES_BEFORE and first > 0 and lines[first - 1][1].strip():
        first -= 1
    if first == 0 or k - first > _LINES_BEFORE or lines[first - 1][1].strip():
        return None
    return _plain_start(lines, first)


def _plain_start(lines: Sequence[tuple[int, str]], first: int) -> int | None:
    """*first*, where its line may start a level's text: of no form, with a capital."""
    text = lines[first][1].strip()
    plain = not (starts_block(text) or is_label(text) or HEADING.match(text))
    return first if plain and text[:1].isupper() else None


def _starts_paragraph(lines: Sequence[tuple[int, str]], k: int, *, unparted: bool) -> bool:
    """Whether line *k* starts a paragraph: after a blank line, or after page furniture.

    In a copy *unparted* by blank lines (a viewer's), after a line ending a sentence.
    """
    above = lines[k - 1][1].strip()
    if not above or lines[k][0] != lines[k - 1][0] + 1:
        return True
    return unparted and FULL_STOP.search(above) is not None


def _labels_first(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each level's label printed after its text's first lines put before them."""
    out = list(lines)
    dropped: set[int] = set()
    unparted = blankless(lines)
    for k, (_, raw) in enumerate(lines):
        first = _label_below(lines, k, unparted=unparted)
        if first is None:
            first = _label_after(lines, k, unparted=unparted)
        if first is None:
            continue
        out[first] = (lines[first][0], f"{raw.strip()} {lines[first][1].strip()}")
        dropped.add(k)
        # its text goes on below the label: the blank lines between part no paragraph
        j = k + 1
        while j < len(lines) and not lines[j][1].strip():
            dropped.add(j)
            j += 1
    return [line for k, line in enumerate(out) if k not in dropped]


def _level_words(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """A ``Level N:`` alone, its first line's words after it a paragraph each: one line.

    The words stand in their order, between blank lines, up to the level's next line (which
    holds more words); where that line goes on in lower case, it follows with no blank line
    between, so that the level's words go on there (and the pieces of its first line that
    pdftotext printed after it go back to that line: `rejoin_columns`). Where the words end
    a sentence and that line, a paragraph of one line, does not and ends the level's text,
    the words are its line's last, printed first (`_tail_first`): they go after it.
    """
    out = list(lines)
    dropped: set[int] = set()
    for k, (number, raw) in enumerate(lines):
        if not _LEVEL_ALONE.match(raw.strip()):
            continue
        words: list[int] = []
        j = next_text(lines, k + 1, 1)
        while j is not None and word_piece(lines[j][1].strip()):
            words.append(j)
            j = next_text(lines, j + 1, 1)
        if not words:
            continue
        parts = [raw.strip(), *(lines[w][1].strip() for w in words)]
        if j is not None and _tail_first(lines, words, j):
            parts = [raw.strip(), lines[j][1].strip(), *parts[1:]]
            out[k] = (number, " ".join(parts))
            dropped.update(range(k + 1, j + 1))
            continue
        out[k] = (number, " ".join(parts))
        dropped.update(range(k + 1, words[-1] + 1))
        if j is not None and starts_lower(lines[j][1]):
            dropped.update(range(words[-1] + 1, j))  # the blank lines before its next line
    return [line for k, line in enumerate(out) if k not in dropped]


def _tail_first(lines: Sequence[tuple[int, str]], words: Sequence[int], j: int) -> bool:
    """Whether the *words* after a level's label are its line's last, line *j* the rest.

    pdftotext may print a justified level's line with its two ends first: the label, then
    its last words (``Level 1:``, ``others.``), then the words between, a line (*j*). So
    where the words end a sentence and *j* does not, starts with a capital, and ends the
    level's text: what follows it, past blank lines, is a line of a form of its own (the
    next level, a label) or a heading.
    """
    text = lines[j][1].strip()
    if not FULL_STOP.search(lines[words[-1]][1].strip()) or FULL_STOP.search(text):
        return False
    if not text[:1].isupper() or starts_block(text) or is_label(text):
        return False
    after = next_text(lines, j + 1, 1)
    if after is None:
        return False
    following = lines[after][1].strip()
    return starts_block(following) or is_label(following) or bool(HEADING.match(following))
