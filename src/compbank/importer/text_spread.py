"""Reading a text document: the pieces of several justified lines, each put back in its line.

Where pdftotext (without ``-layout``) prints the pieces of two justified lines or more one
after another, it prints them column by column: the pieces that stand one above another on
the page, top to bottom, then the next such column to their right. A run of pieces may so
hold, interleaved, the last words of two lines (``obtains``, ``responses``, ``additional``,
``with``, ... for ``Asks questions or otherwise obtains additional relevant`` and
``Discusses conclusions/possible responses with others before``). `spread` finds the
placing of such a run over the lines that ended short that best agrees with what a page
holds: each line, with its pieces back, full (the next line's first word would not have
fitted), and the pieces, at the places they take in their lines once justified, in the
order pdftotext reads columns.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["Target", "spread"]

#: How much shorter than the width a full line may be (in characters, of a proportional
#: face, or of an indented item's narrower lines) before the room left counts against it.
_SLACK = 0.1
#: How far apart (in characters) two pieces' places may be and still be read as touching.
_TOUCH = 1.0
#: The most placings looked at for one run; past it the run is left to be placed one
#: piece at a time.
_MOST_PLACINGS = 5_000


@attrs.frozen
class Target:
    """A line a run's pieces may go back to.

    Attributes:
        index: The line's place among the document's lines (which is above which).
        text: Its text, with what went back to it before.
        next_word: Its paragraph's next line's first word (which did not fit on it).
        takes: For each piece of the run, whether it may go back to this line.
        least: The least length it may reach with its pieces back (0: any).
    """

    index: int
    text: str
    next_word: str
    takes: tuple[bool, ...]
    least: int = 0


def spread(
    pieces: Sequence[str],
    targets: Sequence[Target],
    width: int,
    start: Sequence[int | None],
    prefer: Callable[[Sequence[int | None]], int] | None = None,
) -> list[int | None]:
    """The target (its position in *targets*) each piece goes back to, or None for none.

    *start* is a placing made piece by piece (each to the nearest line with room); it is
    kept unless another places more pieces, leaves less room in the lines, or reads the
    pieces more nearly in pdftotext's order. Where the placings are too many to look at,
    *start* is kept. Where several placings are as good, *prefer* (a score, the higher the
    better) may choose among them: the first found is kept unless another scores higher.
    """
    search = _Search(pieces, targets, width, start)
    if not search.walk(0):
        return list(start)
    if prefer is None:
        return search.best
    ties = _Search(pieces, targets, width, search.best, collect=True)
    if not ties.walk(0) or len(ties.ties) < 2:
        return search.best
    top = max(ties.ties, key=prefer)  # the first found of the highest score
    return list(top) if prefer(top) > prefer(search.best) else search.best


class _Search:
    """A depth-first search over the placings, cut where it cannot better the best found."""

    def __init__(
        self,
        pieces: Sequence[str],
        targets: Sequence[Target],
        width: int,
        start: Sequence[int | None],
        *,
        collect: bool = False,
    ) -> None:
        self.pieces, self.targets, self.width = pieces, targets, width
        self.best = list(start)
        # collecting: every placing as good as *start*, which is the best
        self.collect = collect
        self.ties: list[list[int | None]] = []
        self.best_cost = _cost(pieces, targets, width, self.best) or (len(pieces) + 1, 0.0, 0)
        self.fills = [len(t.text) for t in targets]
        self.placing: list[int | None] = []
        self.looked = 0
        # what each target may still take from piece i on (characters)
        self.rest = [
            [
                sum(1 + len(p) for p, takes in zip(pieces[i:], t.takes[i:], strict=True) if takes)
                for i in range(len(pieces) + 1)
            ]
            for t in targets
        ]

    def _hopeless(self, i: int) -> bool:
        """Whether no placing of the pieces from *i* on can better the best found."""
        unplaced = sum(p is None for p in self.placing)
        needs = [self._need(t) for t in range(len(self.targets))]
        left = sum(1 + len(p) for p in self.pieces[i:])
        room = max(
            sum(max(0.0, need - rest[i]) for need, rest in zip(needs, self.rest, strict=True)),
            sum(needs) - left,
        )
        best_unplaced, best_room, _ = self.best_cost
        return (unplaced, room) > (best_unplaced, best_room + 1e-9)

    def _need(self, t: int) -> float:
        """How much target *t* lacks, as filled now, to be full."""
        target = self.targets[t]
        full = (1 - _SLACK) * self.width - 1 - len(target.next_word)
        return max(0.0, full - self.fills[t])

    def walk(self, i: int) -> bool:
        """Look at the placings of the pieces from *i* on; False where there were too many."""
        self.looked += 1
        if self.looked > _MOST_PLACINGS:
            return False
        if i == len(self.pieces):
            cost = _cost(self.pieces, self.targets, self.width, self.placing)
            if cost is not None and self.collect and _same(cost, self.best_cost):
                self.ties.append(list(self.placing))
            elif cost is not None and cost < self.best_cost and not self.collect:
                self.best, self.best_cost = list(self.placing), cost
            return True
        if (self.best_cost == (0, 0.0, 0) and not self.collect) or self._hopeless(i):
            return True
        size = 1 + len(self.pieces[i])
        for t in sorted(range(len(self.targets)), key=self._need, reverse=True):
            if not self.targets[t].takes[i] or self.fills[t] + size > self.width + 2:
                continue
            self.fills[t] += size
            self.placing.append(t)
            finished = self.walk(i + 1)
            self.placing.pop()
            self.fills[t] -= size
            if not finished:
                return False
        self.placing.append(None)
        finished = self.walk(i + 1)
        self.placing.pop()
        return finished


def _same(a: tuple[int, float, int], b: tuple[int, float, int]) -> bool:
    """Whether two costs are equal (room, a sum of fractions, within rounding)."""
    return a[0] == b[0] and abs(a[1] - b[1]) < 1e-9 and a[2] == b[2]


def _cost(
    pieces: Sequence[str],
    targets: Sequence[Target],
    width: int,
    placing: Sequence[int | None],
) -> tuple[int, float, int] | None:
    """How far *placing* is from what a page holds: pieces left, room left, order broken.

    None where a line takes more than the width, or less than its least.
    """
    texts = [[t.text] for t in targets]
    for piece, t in zip(pieces, placing, strict=True):
        if t is not None:
            texts[t].append(piece)
    room = 0.0
    for target, parts in zip(targets, texts, strict=True):
        size = len(" ".join(parts))
        if size > width + 2 or (len(parts) > 1 and size < target.least):
            return None
        room += max(0.0, (1 - _SLACK) * width - size - 1 - len(target.next_word))
    places = _places(pieces, targets, width, placing, texts)
    broken = 0
    for a, b in itertools.combinations(range(len(pieces)), 2):
        ta, tb = placing[a], placing[b]
        if ta is None or tb is None or ta == tb:
            continue
        (a0, a1), (b0, b1) = places[a], places[b]
        if b0 < a1 + _TOUCH and a0 < b1 + _TOUCH:  # one column: top to bottom
            broken += targets[tb].index < targets[ta].index
        else:  # columns: left to right
            broken += b1 <= a0
    return (sum(t is None for t in placing), room, broken)


def _places(
    pieces: Sequence[str],
    targets: Sequence[Target],
    width: int,
    placing: Sequence[int | None],
    texts: Sequence[Sequence[str]],
) -> list[tuple[float, float]]:
    """Where each placed piece stands in its line once the line is justified (characters)."""
    stretch = []
    for parts in texts:
        line = " ".join(parts)
        gaps = line.count(" ")
        stretch.append(max(0, width - len(line)) / gaps if gaps else 0.0)
    ends = [len(t.text) for t in targets]
    spaces = [t.text.count(" ") for t in targets]
    out: list[tuple[float, float]] = []
    for piece, t in zip(pieces, placing, strict=True):
        if t is None:
            out.append((0.0, 0.0))
            continue
        spaces[t] += 1
        begin = ends[t] + 1 + stretch[t] * spaces[t]
        ends[t] += 1 + len(piece)
        spaces[t] += piece.count(" ")
        out.append((begin, begin + len(piece)))
    return out
