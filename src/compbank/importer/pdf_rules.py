"""Reading what a PDF page draws beside its text: underlines, and list markers drawn as shapes.

PDFium gives a page's paths, each of subpaths of points, filled or stroked. Two kinds of
them tell something of the words (see `pdf_words`):

- *rules*: thin horizontal subpaths, filled rectangles or stroked lines, at most `_RULE`
  points thick. A word is ``underline`` where rules drawn just under its baseline cover
  most of its width. A rule with a vertical one at an end is a box's border, no underline;
  so are the slices of a box drawn round several lines that follow from it (see
  `_borders`);
- *shapes*: small paths about as tall as wide (a disc, a circle, a square). One left of a
  line's first word, close to it and sized to its text, is a list's marker (as a browser
  draws a list's bullets): a bullet word is added there, and the item starts there as
  where its bullet is a character.
"""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any

import attrs

from compbank.importer.pdf_words import Word

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: A rule: its left and right ends and its height on the page, in points.
Rule = tuple[float, float, float]
#: A shape's bounds on the page: (left, bottom, right, top), in points.
Shape = tuple[float, float, float, float]

#: The thickest rule, in points, read as an underline (word processors draw theirs 0.3 to
#: 1.5 pt thick, by the font's size and weight).
_RULE = 2.5
#: The farthest apart, in points, the bottom of a box's slice round one line and the top
#: of the next.
_TOUCH = 6.0
#: The least and the most a list's marker drawn as a shape measures, in points.
_MARKER = (1.0, 10.0)
#: The bullet read for a list's marker drawn as a shape.
_MARKER_TEXT = "\u2022"


def _subpaths(obj: Any, pdfium: Any) -> list[list[tuple[float, float]]]:  # noqa: ANN401
    """The points of each subpath of the path *obj*, on the page."""
    m = pdfium.FS_MATRIX()
    pdfium.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[list[tuple[float, float]]] = []
    for k in range(pdfium.FPDFPath_CountSegments(obj)):
        segment = pdfium.FPDFPath_GetPathSegment(obj, k)
        if not pdfium.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        if not out or pdfium.FPDFPathSegment_GetType(segment) == pdfium.FPDF_SEGMENT_MOVETO:
            out.append([])
        out[-1].append(point)
    return out


def _pen(obj: Any, pdfium: Any) -> float | None:  # noqa: ANN401
    """The width of the path *obj*'s stroke on the page: 0 if filled only, None if not drawn."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return None
    if not stroke.value:
        # neither filled nor stroked: a clip, no ink
        return None if fill.value == pdfium.FPDF_FILLMODE_NONE else 0.0
    width = ctypes.c_float()
    m = pdfium.FS_MATRIX()
    pdfium.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
    pdfium.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
    return float(max(width.value, 0.0) * abs(m.a * m.d - m.b * m.c) ** 0.5)


def rules(page: Any, pdfium: Any, words: Sequence[Word] = ()) -> list[Rule]:  # noqa: ANN401
    """Thin horizontal rules drawn on *page*, boxes' borders aside: (left, right, height).

    A rule is a subpath, filled or stroked, at most `_RULE` thick: its thickness is
    measured from its points and its stroke's width (PDFium's bounds of a stroked path
    stand out by the whole width on each side: a line stroked 1.4 pt thick has bounds
    2.8 pt tall). A horizontal rule with a vertical one at an end is the bottom or top
    of a box (drawn side by side, as a table's borders, or a slice of a box round several
    lines, see `_borders`): a border, not an underline. A rule through the middle of
    *words* (the page's) is a strike-through, which no box's border is.
    """
    across: list[Rule] = []
    upright: list[tuple[float, float, float]] = []  # (x, bottom, top)
    for k in range(pdfium.FPDFPage_CountObjects(page)):
        obj = pdfium.FPDFPage_GetObject(page, k)
        if pdfium.FPDFPageObj_GetType(obj) != pdfium.FPDF_PAGEOBJ_PATH:
            continue
        pen = _pen(obj, pdfium)
        if pen is None:
            continue
        for points in _subpaths(obj, pdfium):
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
            tall, wide = top - bottom + pen, right - left + pen
            if not tall or not wide:
                continue  # a filled subpath with no area
            if tall <= _RULE and wide >= max(1.0, 2 * tall):
                across.append((left, right, (top + bottom) / 2))
            elif wide <= _RULE and tall >= max(1.0, 2 * wide):
                upright.append(((left + right) / 2, bottom, top))

    def side(x: float, y: float) -> tuple[float, float] | None:
        """The ends (bottom, top) of a vertical rule at *x* reaching height *y*, if one does."""
        at = (
            (lo, hi)
            for v, lo, hi in upright
            if abs(v - x) <= _RULE and lo - _RULE <= y <= hi + _RULE
        )
        return next(at, None)

    def lines(left: float, right: float, low: float, high: float) -> int:
        """How many lines of *words* have their baseline between *low* and *high*, there."""
        return len(
            {
                round(w.baseline)
                for w in words
                if low < w.baseline < high and w.x1 > left and w.x0 < right
            }
        )

    borders = _borders(across, side, lambda rule: _through(rule, words), lines)
    return [r for k, r in enumerate(across) if k not in borders]


def _through(rule: Rule, words: Sequence[Word]) -> bool:
    """Whether *rule* runs through the middle of one of *words*, over most of it."""
    left, right, y = rule
    return any(
        w.baseline + 0.1 * w.size <= y <= w.baseline + 0.6 * w.size
        and min(right, w.x1) - max(left, w.x0) >= 0.6 * (w.x1 - w.x0)
        for w in words
    )


def _borders(
    across: Sequence[Rule],
    side: Callable[[float, float], tuple[float, float] | None],
    struck: Callable[[Rule], bool],
    lines: Callable[[float, float, float, float], int] = lambda *_: 1,
) -> set[int]:
    """Which of the rules *across* are a box's borders (by index).

    A rule with a vertical one at an end (*side* gives its ends), and a rule of its span
    as far below it (above it) as the vertical one is tall, is a box's top (bottom): its
    slice's other side. A box drawn round text that runs over several lines is drawn by a
    browser as a slice per line, each with its top and bottom, the box's sides only where
    it begins and ends, every slice as tall as the sides. So a border makes the others
    borders too (`_Slices.linked`): its slice's other side, and the slice before or after.

    An underline has no side, nor a rule of its span a slice's height away on the side a
    slice's other side would be: a box just under an underlined level, a slice ending
    where the underline does, or as wide as the underline of the full line above it,
    leaves the underline one; so does an underline starting where a box starts, at the
    height of its top. A rule *struck* through text is no border and links none: a level
    struck through just above a box, its rule as long as the underline of the level
    above, made that underline a slice's top.
    """
    slices = _Slices(across, struck, lines)
    found: dict[int, tuple[float, bool]] = {}  # each border: its slice's height, is a top
    for k, (x0, x1, y) in enumerate(across):
        ends = side(x0, y) or side(x1, y)
        if k in slices.through or ends is None:
            continue
        height, top = ends[1] - ends[0], abs(y - ends[1]) < abs(y - ends[0])
        if slices.other_side(x0, x1, y, height if top else -height):
            found[k] = (height, top)
    todo = list(found)
    while todo:
        todo += slices.linked(todo.pop(), found)
    return set(found)


class _Slices:
    """The rules of a page, as a box's slices are told among them (see `_borders`)."""

    def __init__(
        self,
        across: Sequence[Rule],
        struck: Callable[[Rule], bool],
        lines: Callable[[float, float, float, float], int],
    ) -> None:
        self.across, self.lines = across, lines
        self.through = {k for k, rule in enumerate(across) if struck(rule)}

    def other_side(self, a: float, b: float, h: float, down: float) -> bool:
        """Whether a rule of span (*a*, *b*) lies *down* points below *h* (above: < 0)."""
        return any(
            _same(a2, a) and _same(b2, b) and _same(h - h2, down)
            for k, (a2, b2, h2) in enumerate(self.across)
            if k not in self.through
        )

    def linked(self, at: int, found: dict[int, tuple[float, bool]]) -> list[int]:
        """The borders the border *at* makes of the rules not *found* yet (added to it).

        Its slice's other side: the rule of its span a slice's height below a top (above
        a bottom). The slice after a bottom (its top) or before a top (its bottom): a rule
        overlapping it, `_TOUCH` points or less away (its ends may differ: a ragged line, a
        label before the box), with its own slice's other side and one line of text
        between them.
        """
        (x0, x1, y), (height, top) = self.across[at], found[at]
        down = height if top else -height  # from a top its bottom, from a bottom its top
        out = []
        for k, (a, b, h) in enumerate(self.across):
            if k in found or k in self.through:
                continue
            other = _same(a, x0) and _same(b, x1) and _same(y - h, down)
            touching = (
                abs(h - y) <= _TOUCH
                and min(b, x1) > max(a, x0)
                and self.other_side(a, b, h, -down)
                and self.lines(a, b, min(h, h + down), max(h, h + down)) == 1
            )
            if other or touching:
                found[k] = (height, not top)
                out.append(k)
        return out


def _same(a: float, b: float) -> bool:
    """Whether two places on the page are one, a rule's thickness apart or less."""
    return abs(a - b) <= _RULE


def underlined(words: list[Word], rules: Sequence[Rule]) -> list[Word]:
    """*words*, each ``underline`` where *rules* just under its baseline cover most of it."""
    for k, w in enumerate(words):
        if "underline" not in w.style and _underlined(w, rules):
            words[k] = attrs.evolve(w, style=w.style | {"underline"})
    return words


def _underlined(word: Word, rules: Sequence[Rule]) -> bool:
    """Whether rules just under *word*'s baseline cover most of its width."""
    covered = 0.0
    for left, right, y in rules:
        if word.baseline - 0.5 * word.size <= y <= word.baseline + 0.05 * word.size:
            covered += max(0.0, min(right, word.x1) - max(left, word.x0))
    return covered >= 0.6 * (word.x1 - word.x0)


def shapes(page: Any, pdfium: Any) -> list[Shape]:  # noqa: ANN401
    """Small drawn shapes on *page*, each about as tall as wide: (left, bottom, right, top).

    A list's markers drawn as shapes (a browser draws a disc, a circle or a square for
    each item, with no character in the text) are such shapes; a rule or a box is not.
    """
    out: list[Shape] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for k in range(pdfium.FPDFPage_CountObjects(page)):
        obj = pdfium.FPDFPage_GetObject(page, k)
        if pdfium.FPDFPageObj_GetType(obj) != pdfium.FPDF_PAGEOBJ_PATH:
            continue
        if _pen(obj, pdfium) is None:
            continue
        if not pdfium.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        wide, tall = right.value - left.value, top.value - bottom.value
        small, large = min(wide, tall), max(wide, tall)
        if _MARKER[0] <= small and large <= _MARKER[1] and large <= 1.6 * small:
            out.append((left.value, bottom.value, right.value, top.value))
    return out


def with_markers(words: list[Word], shapes: Sequence[Shape]) -> list[Word]:
    """*words* with a bullet word for each shape drawn as a list's marker.

    A marker stands left of a line's first word, close to it, within the height of its
    small letters, and sized to its text: there the item starts, as where its bullet
    is a character.
    """
    added: list[Word] = []
    for x0, y0, x1, y1 in shapes:
        middle = (y0 + y1) / 2
        beside = [
            w
            for w in words
            if w.baseline - 0.1 * w.size <= middle <= w.baseline + 0.7 * w.size
            and max(x1 - x0, y1 - y0) <= 0.7 * w.size
        ]
        after = [w for w in beside if w.x0 >= x1 - 0.05 * w.size]
        if not after or any(w.x1 > x0 and w.x0 < x1 for w in beside):
            continue
        first = min(after, key=lambda w: w.x0)
        if first.x0 - x1 > 2.5 * first.size or any(0 <= x0 - w.x1 < w.size for w in beside):
            continue  # far from the text, or within a line: no marker of an item
        added.append(Word(_MARKER_TEXT, x0, x1, first.baseline, first.size, frozenset(), y0, y1))
    return words + added
