"""Reading a PDF page's characters into words, and its words into lines.

PDFium gives a page's characters in the order of its text, each with its box, its origin
on the baseline and its text object. A *word* is a run of characters on one baseline: a
space or a line break the file holds ends it, and so do a new baseline and a gap between
two characters' advance boxes wider than `_WORD_GAP` ems (where the file has no space).
Ligature glyphs are spelled out, and PDFium's marks for a hyphen that ends a line are
hyphens again. A word's size is its largest character's, its style its characters' most
common (italic and bold from the fonts, see `pdf_fonts`), bold too where most of its
characters are in a nameless font drawn thickened. A page's *lines* are its words grouped
by baseline, each left to right, top to bottom. A word's *floor* is the foot of the region
its text object may draw in (its clip, where it has one): a rule drawn under it lower than
that is not shown, and a producer may leave it out (a browser clips the page's text area).
"""

from __future__ import annotations

import ctypes
import statistics
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from compbank.importer.blocks import Style
from compbank.importer.pdf_fonts import Heights, PageFonts, address, thickened

if TYPE_CHECKING:
    from collections.abc import Sequence

#: What a character is read as where it is not itself: PDFium's marks for a hyphen that
#: ends a line, and ligature glyphs without their letters in the font's map.
_SPELLED = {
    "\ufffe": "-",
    "\x02": "-",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
#: The least blank between two characters' advance boxes, in ems, that parts two words where
#: the file has no space between them (and PDFium made none up): within a word the boxes
#: touch, or overlap where kerned, or part by a few hundredths of an em where a ligature's
#: box is shared out among its letters; between words stands a space, about a quarter em,
#: less the kerning around it (seen down to 0.106 em, in bold capitals). poppler's pdftotext
#: parts words at the same 0.1 em.
_WORD_GAP = 0.1

#: A character read: its text, left, right, baseline, size, style, bottom and top, its
#: font's key where that font is nameless (else None), and its text object's floor (else None).
_Char = tuple[str, float, float, float, float, Style, float, float, int | None, float | None]
#: A text object read: its font (see `pdf_fonts.TextFont`) and its floor (else None).
_Object = tuple[Style, float, int | None, float, float | None]


@attrs.frozen
class Word:
    """A word on a page: its text, left and right, baseline and size (in points), style.

    ``bottom`` and ``top`` are those of its characters' boxes, in points from the page's foot;
    ``floor`` the lowest height its text object's clip lets it draw at (None: no clip).
    """

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    style: Style
    bottom: float = 0.0
    top: float = 0.0
    floor: float | None = None


@attrs.frozen
class PdfLine:
    """A line of a page: its words, left to right.

    ``edge`` is the right edge of the column it is set in, where the page is set in columns
    (see `pdf_columns`).
    """

    page: int
    words: tuple[Word, ...]
    edge: float | None = None

    @property
    def text(self) -> str:
        """Its words' text, a space between each two."""
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        """Where its first word starts."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Where its last word ends."""
        return self.words[-1].x1

    @property
    def baseline(self) -> float:
        """Its words' baseline (the median)."""
        return statistics.median(w.baseline for w in self.words)

    @property
    def size(self) -> float:
        """Its words' size (the median)."""
        return statistics.median(w.size for w in self.words)


def page_words(textpage: Any, count: int, pdfium: Any) -> list[Word]:  # noqa: ANN401 (PDFium's)
    """The words of a page of *count* characters, in the order PDFium gives their characters."""
    if count <= 0:
        return []
    groups, heights = _characters(textpage, count, pdfium)
    return _thickened_bold([_word(chars) for chars in groups], groups, heights)


# one pass over a page's characters; PDFium's handles are ctypes objects, typed Any
def _characters(
    textpage: Any,  # noqa: ANN401
    count: int,
    pdfium: Any,  # noqa: ANN401
) -> tuple[list[list[_Char]], Heights]:
    """The characters of a page, grouped into words, and the heights of its letters by font."""
    tp = textpage.raw
    text = textpage.get_text_range(0, count)
    fonts = PageFonts(pdfium)
    objects: dict[int | None, _Object] = {}
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose = pdfium.FS_RECTF()
    loose_ref = ctypes.byref(loose)
    # PDFium's functions asked once per character, looked up once per page
    text_object, char_box = pdfium.FPDFText_GetTextObject, pdfium.FPDFText_GetCharBox
    origin, loose_box = pdfium.FPDFText_GetCharOrigin, pdfium.FPDFText_GetLooseCharBox
    heights: Heights = {}
    groups: list[list[_Char]] = []
    current: list[_Char] = []
    last_right = last_baseline = 0.0
    for i, read in enumerate(text[:count]):
        char = _SPELLED.get(read, read)
        if char.isspace() or char == "\x00":
            # a space, or a line break the file holds, ends the word; a line break PDFium
            # made up from the layout is left to the geometry below, since PDFium sometimes
            # puts one after every character of a line (seen at the top of a page)
            if (char == " " or not pdfium.FPDFText_IsGenerated(tp, i)) and current:
                groups.append(current)
                current = []
            continue
        obj = text_object(tp, i)
        key = address(obj)
        found = objects.get(key)
        if found is None:
            style, size, font_key, upright = (
                fonts.text_font(obj)
                if key
                else (frozenset(), pdfium.FPDFText_GetFontSize(tp, i), None, 0.0)
            )
            found = objects[key] = (
                style,
                size,
                font_key,
                upright,
                _floor(obj, pdfium) if key else None,
            )
        style, size, font_key, upright, floor = found
        char_box(tp, i, left, right, bottom, top)
        low, high = bottom.value, top.value
        if char.isalpha():
            heights.setdefault((font_key, char, upright), []).append(high - low)
        origin(tp, i, ox, oy)
        baseline = oy.value
        # the gap between characters is measured on their loose boxes (the glyphs' advance
        # widths), not their ink: in a fixed-width face a narrow glyph such as "r" or "." leaves
        # more blank ink-to-ink than a space does in a proportional one
        loose_box(tp, i, loose_ref)
        # a gap or a new baseline ends the word even where no space was written
        if current and (
            abs(baseline - last_baseline) > 0.5 * size or loose.left - last_right > _WORD_GAP * size
        ):
            groups.append(current)
            current = []
        last_right, last_baseline = loose.right, baseline
        current.append(
            (
                char,
                left.value,
                right.value,
                baseline,
                size or 1.0,
                style,
                low,
                high,
                font_key,
                floor,
            )
        )
    if current:
        groups.append(current)
    return groups, heights


def _word(chars: Sequence[_Char]) -> Word:
    """The word of *chars*: its size their largest, its style their most common."""
    _, _, _, _, sizes, styles, lows, highs, _, floors = zip(*chars, strict=True)
    style = styles[0]
    if styles.count(style) != len(styles):
        style = Counter(styles).most_common(1)[0][0]
    return Word(
        "".join(c[0] for c in chars),
        chars[0][1],
        chars[-1][2],
        chars[0][3],
        max(sizes),
        style,
        min(lows),
        max(highs),
        max((f for f in floors if f is not None), default=None),
    )


def _floor(obj: Any, pdfium: Any) -> float | None:  # noqa: ANN401 (PDFium's handles)
    """The foot of the text object *obj*'s clip, on the page: None where it has none.

    Where several paths clip it, the region is their common part: the highest foot.
    """
    clip = pdfium.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    feet: list[float] = []
    for k in range(pdfium.FPDFClipPath_CountPaths(clip)):
        ys = []
        for j in range(pdfium.FPDFClipPath_CountPathSegments(clip, k)):
            segment = pdfium.FPDFClipPath_GetPathSegment(clip, k, j)
            if pdfium.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                ys.append(y.value)
        if ys:
            feet.append(min(ys))
    return max(feet, default=None)


def _thickened_bold(
    words: list[Word], groups: Sequence[Sequence[_Char]], heights: Heights
) -> list[Word]:
    """*words* (of the characters *groups*), bold where most characters are drawn thickened."""
    thick = thickened(heights)
    if not thick:
        return words
    for k, (w, chars) in enumerate(zip(words, groups, strict=True)):
        if "bold" in w.style or all(c[8] is None for c in chars):
            continue
        fonts = Counter(c[8] for c in chars)
        if 2 * sum(n for font_key, n in fonts.items() if font_key in thick) >= fonts.total():
            words[k] = attrs.evolve(w, style=w.style | {"bold"})
    return words


def page_lines(words: Sequence[Word], page: int) -> list[PdfLine]:
    """*words* grouped by baseline into the lines of *page*, each left to right, top to bottom."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: -w.baseline):
        if rows and abs(rows[-1][0].baseline - w.baseline) <= 0.35 * max(w.size, 1.0):
            rows[-1].append(w)
        else:
            rows.append([w])
    return [PdfLine(page, tuple(sorted(r, key=lambda w: w.x0))) for r in rows]
