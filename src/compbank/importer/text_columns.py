"""A list set in two columns, in text that keeps the page's layout (``pdftotext -layout``).

Such text prints each row of the page as a line: the first column's entry, spaces, the
second column's. A name wrapped in its column leaves its last words alone on the next
line, at its column's place, beside the other column's next entry (or a line of its own
where the columns' lines fall apart, as a browser's columns do). Read line by line, a
wrapped word joins the wrong entry and the entries come row by row.

`list_columns` finds such runs of lines and gives their lines as the columns read: the
first column's entries, top to bottom, each with its wrapped words, then the second's. A
run is a list in columns only where all of these hold (a justified paragraph's wide gaps
may line up down a few lines, but not so):

- a gutter of `GUTTER` spaces or more runs down all its lines at one place;
- it starts with an entry (a number or a bullet) of the first column;
- it holds `LINES` lines or more (two, where the text ends in them: a copy cut short);
- each column holds two lines or more, most of them entries, `WIDTH` characters wide or
  more in the median (a list's numbers set apart from their names by a tab are no column);
- each line's part in a column is an entry, or starts where a part of that column does
  (or its text after the number: a wrapped name), and starts no block of another form
  (the list's note under it, a label).
"""

from __future__ import annotations

import re
import statistics
from typing import TYPE_CHECKING

from compbank.importer.columns import read_down, widest_gap
from compbank.importer.patterns import CLOSING_START, join_lines, starts_block, starts_entry

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The fewest spaces between the columns.
GUTTER = 3
#: The narrowest a column's text is, in characters, in the median of its lines.
WIDTH = 8
#: The fewest lines of a list in columns (blank lines aside).
LINES = 3

_WORD = re.compile(r"\S+")
_NOTE = re.compile(r"^\*[^\W\d_]")
_ENTRY_START = re.compile(r"(?<= )\*?\d{1,3}\.(?=\s)")
#: An entry's number alone, cut short or not: no word of a name.
_NUMBER_CUT = re.compile(r"^\*?\d{1,3}\.?$")
#: How far (in characters) an entry pushed by a long name beside it may stand from its place.
_SQUEEZE = 4


def _after(part: str) -> bool:
    """Whether *part* starts the text after a list: another block, or its note (cut or not).

    Or the sentence after it: a justified line of it may have a gap where the gutter is.
    """
    if not part or starts_entry(part):
        return False
    return starts_block(part) or _NOTE.match(part) is not None or bool(CLOSING_START.match(part))


def _gutter(lines: Sequence[str]) -> tuple[int, int] | None:
    """The widest run of columns, `GUTTER` wide or more, that no word of *lines* crosses."""
    spans = sorted((m.start(), m.end()) for line in lines for m in _WORD.finditer(line))
    return widest_gap(spans, GUTTER)


def _squeezed(line: str, gutter: tuple[int, int]) -> int | None:
    """Where the second column's entry starts in *line*, pushed into the gutter, if it is.

    A long name in the first column pushes the second column's entry left of its place
    (``pdftotext -layout`` sets text on a grid of characters): an entry's number a space
    after the name, a few characters from where the column starts, is its start.
    """
    for m in _ENTRY_START.finditer(line):
        if abs(m.start() - gutter[1]) <= _SQUEEZE and line[: m.start()].strip():
            return m.start()
    return None


def _parts(line: str, gutter: tuple[int, int]) -> tuple[str, str]:
    if line[gutter[0] : gutter[1]].strip():
        at = _squeezed(line, gutter)
        if at is not None:
            return line[:at].strip(), line[at:].strip()
    return line[: gutter[0]].strip(), line[gutter[1] :].strip()


def _starts(line: str, gutter: tuple[int, int], side: int) -> list[int]:
    """Where the first two words of *line*'s part in column *side* (0 or 1) start."""
    lo, hi = (0, gutter[0]) if side == 0 else (gutter[1], len(line))
    return [m.start() for m in _WORD.finditer(line) if lo <= m.start() < hi][:2]


def _lines_up(run: Sequence[str], line: str, gutter: tuple[int, int]) -> bool:
    """Whether each part of *line* is an entry or starts where a part of its column does."""
    for side, part in enumerate(_parts(line, gutter)):
        if not part or starts_entry(part):
            continue
        first = _starts(line, gutter, side)[0]
        if not any(abs(first - x) <= 1 for other in run for x in _starts(other, gutter, side)):
            return False
    return True


def _run(lines: Sequence[tuple[int, str]], start: int) -> tuple[int, tuple[int, int]] | None:
    """Where the list in columns starting at line *start* ends, and its gutter; or None."""
    if not starts_entry(lines[start][1].strip()):
        return None
    texts = [lines[start][1]]
    clean = list(texts)  # the lines no word of which crosses the gutter
    gutter = _gutter(texts)
    end = start + 1
    while end < len(lines):
        raw = lines[end][1]
        if raw.strip():
            found = _gutter([*clean, raw])
            if found is not None and _lines_up(clean, raw, found):
                clean.append(raw)
            elif gutter is not None and _squeezed(raw, gutter) is not None:
                found = gutter  # an entry pushed into the gutter by a long name beside it
            else:
                break
            if any(_after(p) for p in _parts(raw, found)):
                break  # the list's note, or a label: the text after it
            texts.append(raw)
            gutter = found
        elif not lines[end - 1][1].strip():
            break  # two blank lines: the list has ended
        end += 1
    while end > start and not lines[end - 1][1].strip():
        end -= 1
    # fewer lines only where the text ends in them: a copy cut short inside the list
    short = len(texts) < (LINES if end < len(lines) else 2)
    if gutter is None or short or not _hold_lists(texts, gutter):
        return None
    return end, gutter


def _hold_lists(texts: Sequence[str], gutter: tuple[int, int]) -> bool:
    """Whether each column of *texts* holds two lines or more, mostly entries, wide enough."""
    for side in (0, 1):
        parts = [p for p in (_parts(t, gutter)[side] for t in texts) if p]
        if len(parts) < 2 or 2 * sum(map(starts_entry, parts)) < len(parts):
            return False
        if statistics.median(len(p) for p in parts) < WIDTH:
            return False
    return True


def list_columns(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """*lines* (numbered), any list in two columns read down each column, names whole."""
    return read_down(lines, lambda k: _run(lines, k), _read_down)


def _read_down(run: Sequence[tuple[int, str]], gutter: tuple[int, int]) -> list[tuple[int, str]]:
    """The lines of *run* parted at *gutter*: the first column's entries, then the second's."""
    columns: tuple[list[tuple[int, str]], list[tuple[int, str]]] = ([], [])
    for number, raw in run:
        for column, part in zip(columns, _parts(raw, gutter), strict=True):
            if not part:
                continue
            # a wrapped name's last words; not an entry's number cut short ("*3" of "*373.")
            if column and not starts_entry(part) and not _NUMBER_CUT.match(part):
                column[-1] = (column[-1][0], join_lines([column[-1][1], part]))
            else:
                column.append((number, part))
    return columns[0] + columns[1]
