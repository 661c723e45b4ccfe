"""A list set in two columns on a PDF page, read down each column.

A model's list of competencies may be set in two columns: each row of the page holds the
first column's entry, a gutter, and the second column's entry, on one baseline, so that a
page's lines (see `pdf_words`) give the entries row by row, and a name wrapped in its
column leaves its last words on the next line beside the other column's next entry.
`columns` takes a page's body lines and gives any run of them set so as the columns read:
each line parted at the gutter, the first column's parts, top to bottom, then the
second's, each knowing its column's right edge (so that a name wrapped in its column is
one block). `text_columns` does the same for text that keeps a page's layout.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

import attrs

from compbank.importer.columns import read_down, widest_gap
from compbank.importer.patterns import CLOSING_START, starts_block, starts_entry

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.pdf_words import PdfLine, Word

#: The narrowest stretch, in sizes of the text, that parts two columns, and the fewest
#: lines set in columns (a gap between words of one line is a space or two wide).
_GUTTER = 0.9
_COLUMN_LINES = 3
#: The narrowest a column's text is set, in sizes of the text, in the median of its lines.
_COLUMN_WIDTH = 4.0


def _segments(line: PdfLine) -> list[tuple[float, float]]:
    """The stretches of *line* its words cover, parted where a gap is wider than a column's."""
    out: list[tuple[float, float]] = []
    for w in line.words:
        if out and w.x0 - out[-1][1] < _GUTTER * w.size:
            out[-1] = (out[-1][0], max(out[-1][1], w.x1))
        else:
            out.append((w.x0, w.x1))
    return out


def _gutter(lines: Sequence[PdfLine]) -> tuple[float, float] | None:
    """The widest stretch between the words of *lines* that no line's words cross, if any."""
    covered = sorted(s for line in lines for s in _segments(line))
    size = statistics.median(line.size for line in lines)
    return widest_gap(covered, _GUTTER * size)


def columns(body: Sequence[tuple[int, PdfLine]]) -> list[tuple[int, PdfLine]]:
    """A page's body lines, any run of them set in two columns read down each column.

    A run of lines is set in columns where a stretch at least `_GUTTER` sizes wide runs
    down all of them with words on both sides: two lines or more on each side, side by
    side, each side's text `_COLUMN_WIDTH` sizes wide or more, most of its lines starting
    an entry (a number or a bullet: a list in columns, as a model's list is set; the gaps
    of justified lines may line up down a few lines, but not so). Each line is parted at
    it, the first column's lines read before the second's, each knowing its column's right
    edge (so that a name wrapped in its column is one). A browser's columns (CSS) and a
    table's set their lines at baselines of their own.
    """
    lines = [line for _, line in body]
    return read_down(body, lambda k: _column_run(lines, k), _read_down)


def _read_down(
    run: Sequence[tuple[int, PdfLine]], gutter: tuple[float, float]
) -> list[tuple[int, PdfLine]]:
    """The lines of *run* parted at *gutter*: the first column's, then the second's."""
    first: list[tuple[int, PdfLine]] = []
    second: list[tuple[int, PdfLine]] = []
    edge = max(line.x1 for _, line in run)
    for number, line in run:
        if left := tuple(_side(line, gutter, first=True)):
            first.append((number, attrs.evolve(line, words=left, edge=gutter[0])))
        if right := tuple(_side(line, gutter, first=False)):
            second.append((number, attrs.evolve(line, words=right, edge=edge)))
    return first + second


def _column_run(lines: Sequence[PdfLine], start: int) -> tuple[int, tuple[float, float]] | None:
    """Where the run of lines in columns starting at *start* ends, and its gutter; or None."""
    if not starts_entry(lines[start].text):
        return None  # a list in columns starts with an entry of its first column
    end = start + 1
    gutter = None
    while end < len(lines) and lines[end].page == lines[start].page:
        found = _gutter(lines[start : end + 1])
        if found is None or (gutter and not _in_columns(lines[start:end], lines[end], found)):
            break
        gutter, end = found, end + 1
    if gutter is None or end - start < _COLUMN_LINES:
        return None
    run = lines[start:end]
    left = [line.baseline for line in run if line.words[0].x1 <= gutter[0]]
    right = [line.baseline for line in run if line.words[-1].x0 >= gutter[1]]
    if len(left) < 2 or len(right) < 2:  # two lines a side
        return None
    # a column holds text: a list's numbers or bullets set apart by a tab are no column
    size = statistics.median(line.size for line in run)
    for side in (
        [_side(line, gutter, first=True) for line in run],
        [_side(line, gutter, first=False) for line in run],
    ):
        parts = [words for words in side if words]
        widths = [words[-1].x1 - words[0].x0 for words in parts]
        entries = [starts_entry(" ".join(w.text for w in words)) for words in parts]
        if statistics.median(widths) < _COLUMN_WIDTH * size or 2 * sum(entries) < len(parts):
            return None
    # the text after the columns: a line further down than the other column that starts
    # a block of its own by its form (a note under a list, a label), no entry of it
    while end - start > _COLUMN_LINES:
        last = lines[end - 1]
        other = right if last.words[0].x1 <= gutter[0] else left
        below = min(other) - last.baseline > 0.25 * size
        if not (below and starts_block(last.text) and not starts_entry(last.text)):
            break
        end -= 1
    return end, _gutter(lines[start:end]) or gutter


def _side(line: PdfLine, gutter: tuple[float, float], *, first: bool) -> list[Word]:
    """The words of *line* in the first column (left of *gutter*) or the second."""
    if first:
        return [w for w in line.words if w.x1 <= gutter[0]]
    return [w for w in line.words if w.x0 >= gutter[1]]


def _in_columns(run: Sequence[PdfLine], line: PdfLine, gutter: tuple[float, float]) -> bool:
    """Whether *line* is set in the columns of *run*.

    Each of its parts is an entry, or lines up with the start of a part of theirs or of
    its text after the number (a wrapped line). The gaps of a justified line may line up
    with a gutter; its words after them do not line up with a column, but in a monospaced
    face they may: the sentence after the list (``On the following pages ...``) is no
    line of it, whatever its gaps.
    """
    if CLOSING_START.match(line.text):
        return False
    for first in (True, False):
        part = _side(line, gutter, first=first)
        if not part or starts_entry(" ".join(w.text for w in part)):
            continue
        starts = [w.x0 for other in run for w in _side(other, gutter, first=first)[:2]]
        if not any(abs(part[0].x0 - x) <= 0.5 * line.size for x in starts):
            return False
    return True
