"""Reading a text document, step 3 (its end): the lines as runs of pieces go back in them.

`RunState` holds what `compbank.importer.text_runs` changes a run at a time: the lines as
they stand (``out``), those gone into others (``dropped``), those that ended short and
still have room (``opened``), the page each line is on; and the steps every way of putting
a run back shares: the line a run goes back to whole (`RunState.place`), putting pieces
back there (`RunState.put`), the lines that ended short above a run (`RunState.near`).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from compbank.importer.patterns import CLOSING_START, FULL_STOP, HEADING
from compbank.importer.text_ends import ended, opened, stacked_words, whole
from compbank.importer.text_pieces import (
    blankless,
    first_word,
    piece_columns,
    piece_lines,
    starts_lower,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["FILLED", "PIECE_REACH", "RunState", "near_lines", "top"]

#: How far back (in lines) a piece's line may be: pdftotext prints a line's pieces after
#: its paragraph, or after the rest of the page's column.
PIECE_REACH = 60
#: How much of the width a line ending a sentence, its paragraph going on in lower case,
#: fills once pieces go back to it (a full line of a proportional face, in an indented item).
FILLED = 0.75
#: How many of the lines that ended short above a run of pieces it may be spread over.
_NEAREST = 6


class RunState:
    """A document's lines, as the runs of its pieces go back in them one after another."""

    def __init__(
        self,
        lines: Sequence[tuple[int, str]],
        width: int,
        breaks: Sequence[int],
        known: Callable[[str], bool] | None,
    ) -> None:
        self.lines, self.width, self.known = lines, width, known
        self.out = list(lines)
        self.pieces = piece_lines(lines, width)
        self.chains = stacked_words(lines, width)
        self.opened = opened(lines, width, self.pieces, self.chains)
        self.dropped: set[int] = set()
        self.tails: dict[int, str] = {}  # pieces printed before their line, ending it
        # where the competencies' descriptions start: their first heading
        headings = (k for k, (_, t) in enumerate(lines) if HEADING.match(t.strip()))
        self.described = next(headings, len(lines))
        self.columns = set() if blankless(lines) else piece_columns(lines)
        # the page each line is on: the others' lines are no place for its pieces
        self.page = [bisect.bisect_right(breaks, n) for n, _ in lines]

    def concerned(self) -> frozenset[int]:
        """The numbers of the lines that are pieces, and of those that took pieces back."""
        return frozenset(
            number
            for k, (number, text) in enumerate(self.lines)
            if self.pieces[k] or (k not in self.dropped and self.out[k] != (number, text))
        )

    def words(self, group: Sequence[int]) -> str:
        """The words of the lines *group*, one after another."""
        return " ".join(self.lines[k][1].strip() for k in group)

    def target(
        self, first: int, words: str, texts: Sequence[tuple[int, str]], gone: set[int]
    ) -> int | None:
        """The line the pieces *words* (from line *first* on) go back to, if one has room.

        Not a line *gone*: a piece gone back to its own line (its words would go with it).
        """
        lines, width = self.lines, self.width
        candidates = []
        for j in range(first - 1, max(-1, first - PIECE_REACH), -1):
            if j + 1 < first and top(lines[j + 1][1]):
                break  # past a heading or the list's closing sentence: another part's lines
            size = len(whole(texts, j, self.chains)) + 1 + len(words)
            if j in gone or not self.opened[j] or size > width + 2:
                continue
            if self.page[j] != self.page[first]:
                continue
            if FULL_STOP.search(lines[j][1].strip()) and size < FILLED * width:
                continue  # a line ending a sentence takes only what fills it
            lower = starts_lower(lines[j + 1][1])
            if lower or words[:1].islower():
                candidates.append((not lower, first - j, j))
        return min(candidates)[2] if candidates else None

    def place(
        self, group: Sequence[int], texts: Sequence[tuple[int, str]], gone: set[int]
    ) -> int | None:
        """The line the pieces *group* go back to whole (as *texts* and *gone* stand)."""
        words = self.words(group)
        found = ended(self.lines, group, self.width, gone) if words[:1].islower() else None
        found = self.on_page(found, group)
        return self.target(group[0], words, texts, gone) if found is None else found

    def put(self, j: int, group: Sequence[int], *, tail: bool = False) -> None:
        """Put the pieces *group* back at line *j*; a line full with them takes no more.

        Pieces printed before their line (*tail*) end it: pieces put back later go before.
        """
        words = self.words(group)
        number, text = self.out[j]
        end = self.tails.get(j, "")
        head = text.rstrip()[: len(text.rstrip()) - len(end)].rstrip()
        parts = (head, end, words) if tail else (head, words, end)
        if tail:
            self.tails[j] = f"{end} {words}".strip()
        self.out[j] = (number, " ".join(t for t in parts if t))
        self.dropped.update(group)
        following = self.lines[j + 1][1].strip() if j + 1 < len(self.lines) else ""
        size = len(whole(self.out, j, self.chains)) + 1
        size += len(first_word(following)) if following else 0
        self.opened[j] = self.opened[j] and size <= self.width

    def on_page(self, found: int | None, run: Sequence[int]) -> int | None:
        """*found*, where it is a line of *run*'s page (pdftotext prints a page whole)."""
        return found if found is not None and self.page[found] == self.page[run[0]] else None

    def near(self, run: Sequence[int], most: int = _NEAREST) -> list[int]:
        """The lines that ended short above *run* on its page, nearest first (`near_lines`)."""
        near = near_lines(self.lines, run[0], self.opened, self.dropped, most)
        return [j for j in near if self.page[j] == self.page[run[0]]]


def near_lines(
    lines: Sequence[tuple[int, str]],
    first: int,
    opened: Sequence[bool],
    dropped: set[int],
    most: int = _NEAREST,
) -> list[int]:
    """The lines that ended short above line *first* a run may go to, nearest first (*most*).

    Not a competency's heading or past it: a line that ended short in another competency's
    section (or a heading, set in a larger face) is no place for some of a run's pieces;
    nor past the sentence after the list (`top`).
    """
    out: list[int] = []
    for j in range(first - 1, max(-1, first - PIECE_REACH), -1):
        if len(out) == most or HEADING.match(lines[j][1].strip()):
            break
        if opened[j] and j not in dropped:
            out.append(j)
        if CLOSING_START.match(lines[j][1].strip()):
            break  # the front page's: no place for the descriptions' pieces
    return out


def top(text: str) -> bool:
    """Whether a line starts a part no piece below it goes back above.

    A competency's heading (the lines above are another competency's), or the sentence
    after the list (the lines above are the front page's: its title block, introduction
    and list, where a piece of a description put back would change the class's code,
    title or list).
    """
    text = text.strip()
    return HEADING.match(text) is not None or CLOSING_START.match(text) is not None
