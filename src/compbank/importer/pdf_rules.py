"""Reading what a PDF page draws beside its text: underlines, and list markers drawn as shapes.

PDFium gives a page's paths, each of subpaths of points, filled or stroked. Two kinds of
them tell something of the words (see `pdf_words`):

- *rules*: thin horizontal subpaths, filled rectangles or stroked lines, at most `_RULE`
  points thick. A word is ``underline`` where rules drawn just under its baseline cover
  most of its width. A box's borders are no underlines (`compbank.importer.pdf_boxes`
  tells them);
- *shapes*: small paths about as tall as wide (a disc, a circle, a square). One left of a
  line's first word, close to it and sized to its text, is a list's marker (as a browser
  draws a list's bullets): a bullet word is added there, and the item starts there as
  where its bullet is a character.
"""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any

import attrs

from compbank.importer.blocks import CLIPPED
from compbank.importer.pdf_boxes import Rule, borders
from compbank.importer.pdf_words import Word, page_lines

if TYPE_CHECKING:
    from collections.abc import Sequence

#: A shape's bounds on the page: (left, bottom, right, top), in points.
Shape = tuple[float, float, float, float]

#: The thickest rule, in points, read as an underline (word processors draw theirs 0.3 to
#: 1.5 pt thick, by the font's size and weight).
_RULE = 2.5
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


def paths(page: Any, pdfium: Any) -> list[tuple[Any, float]]:  # noqa: ANN401
    """The paths drawn on *page* (filled or stroked), each with its stroke's width (see `_pen`).

    Asked once a page: a browser draws each character as an object of its own, so going
    through a page's objects costs as much as reading its text.
    """
    out: list[tuple[Any, float]] = []
    get_object, get_type = pdfium.FPDFPage_GetObject, pdfium.FPDFPageObj_GetType
    path = pdfium.FPDF_PAGEOBJ_PATH
    for k in range(pdfium.FPDFPage_CountObjects(page)):
        obj = get_object(page, k)
        if get_type(obj) == path:
            pen = _pen(obj, pdfium)
            if pen is not None:
                out.append((obj, pen))
    return out


def rules(
    drawn: Sequence[tuple[Any, float]],
    pdfium: Any,  # noqa: ANN401
    words: Sequence[Word] = (),
) -> list[Rule]:
    """Thin horizontal rules among a page's *drawn* `paths`, boxes' borders aside.

    Each as (left, right, height).

    A rule is a subpath, filled or stroked, at most `_RULE` thick: its thickness is
    measured from its points and its stroke's width (PDFium's bounds of a stroked path
    stand out by the whole width on each side: a line stroked 1.4 pt thick has bounds
    2.8 pt tall). A box's top or bottom (drawn whole, as a table's borders, or as a slice
    of a box round several lines) is a border, not an underline: which rules are is told
    with the page's vertical rules and *words* (see `compbank.importer.pdf_boxes`).
    """
    across: list[Rule] = []
    upright: list[tuple[float, float, float]] = []  # (x, bottom, top)
    for obj, pen in drawn:
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

    found = borders(across, upright, words)
    return [r for k, r in enumerate(across) if k not in found]


def underlined(words: list[Word], rules: Sequence[Rule]) -> list[Word]:
    """*words*, each ``underline`` where *rules* just under its baseline cover most of it.

    A word is `CLIPPED` where no underline could show under it: one as far below its
    baseline as the shallowest of the page's underlines falls below its line's floor (the
    foot of the region its text may draw in; see `pdf_words`), where a producer leaves it
    out. The words of a line share their floor: PDFium gives a text object's clip only
    where its glyphs reach past it (a word with a descender), not where they lie within.
    """
    depths: list[float] = []
    for k, w in enumerate(words):
        depth = _depth(w, rules)
        if depth is None and w.x1 > w.x0:  # (a word of no width: covered, by no rule)
            continue
        if depth is not None:
            depths.append(depth)
        if "underline" not in w.style:
            words[k] = attrs.evolve(w, style=w.style | {"underline"})
    floors: dict[int, float] = {}  # by word (its id): its line's floor
    for line in page_lines(words, 0):
        feet = [w.floor for w in line.words if w.floor is not None]
        floors.update((id(w), max(feet)) for w in line.words if feet)
    if not depths or not floors:
        return words
    for k, w in enumerate(words):
        floor = floors.get(id(w))
        if "underline" not in w.style and floor is not None and w.baseline - min(depths) < floor:
            words[k] = attrs.evolve(w, style=w.style | {CLIPPED})
    return words


def _depth(word: Word, rules: Sequence[Rule]) -> float | None:
    """How far below *word*'s baseline the rules that cover most of its width lie, or None."""
    covered = 0.0
    heights: list[float] = []
    for left, right, y in rules:
        if word.baseline - 0.5 * word.size <= y <= word.baseline + 0.05 * word.size:
            overlap = max(0.0, min(right, word.x1) - max(left, word.x0))
            if overlap:
                covered += overlap
                heights.append(y)
    if not heights or covered < 0.6 * (word.x1 - word.x0):
        return None
    return word.baseline - max(heights)


def shapes(drawn: Sequence[tuple[Any, float]], pdfium: Any) -> list[Shape]:  # noqa: ANN401
    """Small shapes among a page's *drawn* `paths`, each about as tall as wide.

    Each as (left, bottom, right, top).

    A list's markers drawn as shapes (a browser draws a disc, a circle or a square for
    each item, with no character in the text) are such shapes; a rule or a box is not.
    """
    out: list[Shape] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj, _ in drawn:
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
