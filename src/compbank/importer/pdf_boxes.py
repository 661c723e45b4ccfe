"""Reading what a PDF page draws beside its text, step 2: which rules are a box's borders.

A rule (see `compbank.importer.pdf_rules`) under a line may be its underline, or the
bottom of a box drawn round it, or the top of a box round the line below. A browser draws a
box round text over several lines as a slice per line, each with its top and bottom, the
box's sides only where it begins and ends; a word processor draws it whole, or as a table's
borders. `borders` tells a box's rules from the rest: from the rules a side meets, slice by
slice (`_Slices`), never through a rule struck through text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.pdf_words import Word

__all__ = ["Rule", "borders"]

#: A rule: its left and right ends and its height on the page, in points.
Rule = tuple[float, float, float]
#: A border found: its slice's height, whether it is the slice's top, whether the slice is
#: closed (a side at each of its ends: the whole box, no slice before or after it).
_Border = tuple[float, bool, bool]
#: How far apart, in points, two ends or heights may be and be one (a thick rule's width).
_SAME = 2.5
#: The farthest apart, in points, the bottom of a box's slice round one line and the top
#: of the next.
_TOUCH = 6.0


def borders(
    across: Sequence[Rule], upright: Sequence[tuple[float, float, float]], words: Sequence[Word]
) -> set[int]:
    """Which of the rules *across* are a box's borders (by index).

    *upright* are the page's vertical rules, (x, bottom, top); *words*, its words.

    A rule with a vertical one at an end, and a rule of its span as far below it (above it)
    as the vertical one is tall, is a box's top (bottom): its slice's other side. So is a
    rule with a vertical one rising from an end round one line of text, with no top: a
    browser leaves out the top of a slice on a page's first line (beyond the page's text
    area), the last slice of a box going on from the page before. A box
    drawn round text that runs over several lines is drawn by a browser as a slice per
    line, each with its top and bottom, the box's sides only where it begins and ends,
    every slice as tall as the sides. So a border makes the others borders too
    (`_Slices.linked`): its slice's other side, and the slice before or after, where its
    slice is not closed, a side at each end (a box round one line, or drawn whole).

    An underline has no side, nor a rule of its span a slice's height away on the side a
    slice's other side would be: a box just under an underlined level, a slice ending
    where the underline does, or as wide as the underline of the full line above it,
    leaves the underline one; so does an underline starting where a box starts, at the
    height of its top. A rule struck through text is no border and links none (a level
    struck through just above a box, its rule as long as the underline of the level
    above, made that underline a slice's top), unless a side stands at each of its ends:
    a box's top may cross the feet of the letters of the line above.
    """
    slices = _Slices(across, upright, words)
    found: dict[int, _Border] = {}
    for k, (x0, x1, y) in enumerate(across):
        left, right = _side(upright, x0, y), _side(upright, x1, y)
        ends = left or right
        if k in slices.through or ends is None:
            continue
        height, top = ends[1] - ends[0], abs(y - ends[1]) < abs(y - ends[0])
        if slices.other_side(x0, x1, y, height if top else -height) or (
            not top and _same(ends[0], y) and slices.lines(x0, x1, y, y + height) == 1
        ):
            found[k] = (height, top, bool(left and right))
    todo = list(found)
    while todo:
        todo += slices.linked(todo.pop(), found)
    return set(found)


def _side(
    upright: Sequence[tuple[float, float, float]], x: float, y: float
) -> tuple[float, float] | None:
    """The ends (bottom, top) of a vertical rule of *upright* at *x* reaching *y*, if any."""
    at = ((lo, hi) for v, lo, hi in upright if _same(v, x) and lo - _SAME <= y <= hi + _SAME)
    return next(at, None)


class _Slices:
    """The rules of a page, as a box's slices are told among them (see `borders`)."""

    def __init__(
        self,
        across: Sequence[Rule],
        upright: Sequence[tuple[float, float, float]],
        words: Sequence[Word],
    ) -> None:
        self.across, self.upright, self.words = across, upright, words
        # struck through text: no border, and linked to none; but where a side stands at
        # each of its ends (a box's top crossing the feet of the letters of the line above)
        self.through = {
            k
            for k, (x0, x1, y) in enumerate(across)
            if _through((x0, x1, y), words)
            and not (_side(upright, x0, y) and _side(upright, x1, y))
        }

    def other_side(self, a: float, b: float, h: float, down: float) -> bool:
        """Whether a rule of span (*a*, *b*) lies *down* points below *h* (above: < 0)."""
        return any(
            _same(a2, a) and _same(b2, b) and _same(h - h2, down)
            for k, (a2, b2, h2) in enumerate(self.across)
            if k not in self.through
        )

    def sided(self, a: float, b: float, h: float, down: float) -> bool:
        """Whether a side at an end of a rule of span (*a*, *b*) at *h* reaches *down* below.

        A browser leaves out a slice's border beyond the page's text area (a slice's top
        on a page's first line): its side, at the slice's start or end, still spans it.
        """
        low, high = min(h, h - down), max(h, h - down)
        return any(
            (_same(x, a) or _same(x, b)) and _same(lo, low) and _same(hi, high)
            for x, lo, hi in self.upright
        )

    def lines(self, left: float, right: float, low: float, high: float) -> int:
        """How many lines of words have their baseline between *low* and *high*, there."""
        return len(
            {
                round(w.baseline)
                for w in self.words
                if low < w.baseline < high and w.x1 > left and w.x0 < right
            }
        )

    def linked(self, at: int, found: dict[int, _Border]) -> list[int]:
        """The borders the border *at* makes of the rules not *found* yet (added to it).

        Its slice's other side: the rule of its span a slice's height below a top (above
        a bottom), the nearest to that height. The slice after a bottom (its top) or
        before a top (its bottom), where *at*'s slice is not closed: a rule overlapping
        it, `_TOUCH` points or less away (its ends may differ: a ragged line, a label
        before the box), that is a slice's side (`_slice`). (Two words underlined one
        above the other, as wide, a line apart, are such a pair: a closed box just under
        them links them not.)
        """
        (x0, x1, y), (height, top, closed) = self.across[at], found[at]
        down = height if top else -height  # from a top its bottom, from a bottom its top
        # the other side: of the rules of its span about a slice's height away, the nearest
        # to it (at tight line spacing a slice's top lies a little over the bottom of the
        # slice above, both about the height away)
        spans = [
            k
            for k, (a, b, h) in enumerate(self.across)
            if k not in self.through and _same(a, x0) and _same(b, x1) and _same(y - h, down)
        ]
        nearest = min(spans, key=lambda k: abs(y - self.across[k][2] - down), default=None)
        out = []
        for k, (a, b, h) in enumerate(self.across):
            if k in found or k in self.through:
                continue
            other = k == nearest
            touching = (
                not closed
                and abs(h - y) <= _TOUCH
                and min(b, x1) > max(a, x0)
                and self._slice(a, b, h, -down)
            )
            if other or touching:
                found[k] = (height, not top, closed and other)
                out.append(k)
        return out

    def _slice(self, a: float, b: float, h: float, down: float) -> bool:
        """Whether the rule of span (*a*, *b*) at *h* is a side of a slice reaching *down*.

        A slice has its other side there, or a side at an end spanning it (`sided`), and
        holds one line of text. Or it holds none and has a side only: a slice on the next
        page, whose top (and side) a browser draws under this page's last line too.
        """
        low, high = min(h, h - down), max(h, h - down)
        if self.other_side(a, b, h, down):
            return self.lines(a, b, low, high) == 1
        return self.sided(a, b, h, down) and self.lines(a, b, low, high) <= 1


def _through(rule: Rule, words: Sequence[Word]) -> bool:
    """Whether *rule* runs through the middle of one of *words*, over most of it."""
    left, right, y = rule
    return any(
        w.baseline + 0.1 * w.size <= y <= w.baseline + 0.6 * w.size
        and min(right, w.x1) - max(left, w.x0) >= 0.6 * (w.x1 - w.x0)
        for w in words
    )


def _same(a: float, b: float) -> bool:
    """Whether two places on the page are one, a rule's thickness apart or less."""
    return abs(a - b) <= _SAME
