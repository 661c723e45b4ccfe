"""Reading a PDF into blocks: text in reading order, emphasis from the fonts and rules.

The City's models are PDFs made in a word processor. This reader (PDFium, through
pypdfium2: the fastest of the libraries measured, see ``benchmarks/README.md``) takes each
character with its position, baseline and font, and builds, page by page:

1. *words*: characters of one baseline, split at spaces and gaps; each word's style is
   ``italic`` and ``bold`` from its font (the font's name, such as ``Arial-BoldItalicMT``,
   its descriptor's flags, its weight, its italic angle, text drawn filled and stroked, a
   slanted text matrix, or a nameless font whose letters are drawn thicker than the same
   letters of the named ones: a browser's bold made from a regular face) and ``underline``
   where thin rules (filled rectangles or stroked lines) are drawn just under its baseline
   across most of its width, a box's borders aside (a rule with a vertical one at an end,
   and the slices of a box drawn round several lines that follow from it);
   a list's marker drawn as a shape (a disc, a circle, a square) left of a line's first
   word is read as a bullet;
2. *lines*: words of one baseline, top to bottom; page numbers alone on a line and running
   headers and footers (lines at a page's top or bottom that repeat on the other pages,
   numbers aside) are dropped;
3. *blocks*: lines joined into paragraphs and list items by the page's geometry: a line
   continues the one before unless a wider gap stands between them, the one before ended
   short of the right edge (the next line's first word would have fitted on it), or the
   line starts a new item by its form (a bullet of any glyph, a number, a ``Level N:``
   label, a section label). A paragraph that runs on at the top of the next page stays one.

A PDF is refused, with one problem naming the file, where it is empty, cut short, damaged,
encrypted, has no text layer, or goes beyond the limits below; those limits keep the time
and memory of a read bounded whatever the file holds.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
import zlib
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from compbank.importer.blocks import Block, Line, Reading, Style
from compbank.importer.patterns import (
    BULLET_GLYPHS,
    DIGITS,
    HEADER,
    HYPHEN_END,
    LEVEL,
    PAGE_NUMBER,
    is_label,
    normalize,
    starts_block,
    starts_entry,
)
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: The largest PDF read, in bytes.
MAX_BYTES = 50 * 1024 * 1024
#: The most pages read: a competency model has about ten.
MAX_PAGES = 300
#: The most characters read in the whole document.
MAX_CHARS = 2_000_000
#: The largest a compressed stream may grow when decompressed, in bytes.
MAX_STREAM = 64 * 1024 * 1024
#: The install command for PDF support.
INSTALL = "pip install 'compbank[pdf]'"

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|demi\b", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique|slanted|kursiv", re.IGNORECASE)
_FLAG_ITALIC = 1 << 6
_FLAG_FORCE_BOLD = 1 << 18
_BOLD_WEIGHT = 600
#: The least blank between two characters' advance boxes, in ems, that parts two words where
#: the file has no space between them (and PDFium made none up): within a word the boxes
#: touch, or overlap where kerned, or part by a few hundredths of an em where a ligature's
#: box is shared out among its letters; between words stands a space, about a quarter em,
#: less the kerning around it (seen down to 0.106 em, in bold capitals). poppler's pdftotext
#: parts words at the same 0.1 em.
_WORD_GAP = 0.1
#: Bullet glyphs that may stand alone before an item's text, and the "o" sub-bullet.
# (no dashes: a line may start with the en dash of a heading "N. NAME \u2013 definition")
_BULLET_GLYPHS = frozenset(BULLET_GLYPHS + "o")
#: The thickest rule, in points, read as an underline (word processors draw theirs 0.3 to
#: 1.5 pt thick, by the font's size and weight).
_RULE = 2.5
#: The narrowest stretch, in sizes of the text, that parts two columns, and the fewest
#: lines set in columns (a gap between words of one line is a space or two wide).
_GUTTER = 0.9
_COLUMN_LINES = 3
#: The narrowest a column's text is set, in sizes of the text, in the median of its lines.
_COLUMN_WIDTH = 4.0
#: How much taller, as a share of the size, a nameless font's letters stand than the same
#: letters of the named fonts where they are thickened into bold (a browser's: 0.015 to
#: 0.017).
_THICK = 0.008
#: The farthest apart, in points, the top and bottom of a box's slice round one line, and
#: the bottom of one slice and the top of the next.
_SLICE = 20.0
_TOUCH = 6.0
#: The least and the most a list's marker drawn as a shape measures, in points.
_MARKER = (1.0, 10.0)
#: The bullet read for a list's marker drawn as a shape.
_MARKER_TEXT = "\u2022"


#: The letters whose descenders or ascenders reach past a line's box: what a page break
#: may cut off a line set across it.
_TAILS = frozenset("gjpqybdfhklt")


class PdfError(Exception):
    """A PDF that cannot be read; carries the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def is_pdf(data: bytes) -> bool:
    """Whether *data* is a PDF by its content: ``%PDF-`` in its first 1024 bytes.

    A file that holds only the start of ``%PDF-`` (a PDF cut within its first bytes) is
    one too: read as text, it would be reported as a document with no title and no
    competencies, where it is a PDF cut short.

    >>> is_pdf(b"%PDF-1.7"), is_pdf(b"%P"), is_pdf(b"%"), is_pdf(b"% a comment")
    (True, True, True, False)
    """
    return b"%PDF-" in data[:1024] or (bool(data) and b"%PDF-".startswith(data))


@attrs.frozen
class _Word:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    style: Style
    # the bottom and top of its characters' boxes, in points from the page's foot
    bottom: float = 0.0
    top: float = 0.0


@attrs.frozen
class _Line:
    page: int
    words: tuple[_Word, ...]
    # the right edge of the column it is set in, where the page is set in columns
    edge: float | None = None

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def baseline(self) -> float:
        return statistics.median(w.baseline for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)


def _check_bytes(data: bytes, name: str) -> None:
    """Refuse, before PDFium sees it, a PDF too large, cut short or with a stream too big."""

    def fail(code: str, message: str) -> PdfError:
        return PdfError(Problem(code, name, "$", message))

    if len(data) > MAX_BYTES:
        raise fail(
            "pdf-too-large",
            f"the PDF is {len(data) / 2**20:.0f} MiB; at most {MAX_BYTES // 2**20} MiB is read",
        )
    if b"%%EOF" not in data[-2048:]:
        raise fail(
            "pdf-truncated",
            "the PDF is cut short (it does not end with %%EOF): a partial download or copy",
        )
    # a small compressed stream can hold gigabytes (a "zip bomb"); measure each one first
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 400) : m.start()]
        if b"FlateDecode" not in head[head.rfind(b"obj") + 1 :]:
            continue
        end = data.find(b"endstream", m.end())
        if end < 0:
            raise fail("pdf-unreadable", "the PDF is damaged: a stream has no end")
        inflater = zlib.decompressobj()
        size = 0
        chunk = data[m.end() : end]
        try:
            while chunk and size <= MAX_STREAM:
                size += len(inflater.decompress(chunk, 1 << 20))
                chunk = inflater.unconsumed_tail
        except zlib.error:
            continue  # PDFium judges damaged streams itself
        if size > MAX_STREAM:
            raise fail(
                "pdf-too-large",
                f"a stream at byte {m.end()} decompresses to more than "
                f"{MAX_STREAM // 2**20} MiB; streams that large are not read",
            )


def _font_style(font: Any, pdfium: Any) -> Style:  # noqa: ANN401 (ctypes handles)
    """Italic and bold from a font: its name, its descriptor's flags, weight and angle."""
    buf = ctypes.create_string_buffer(256)
    pdfium.FPDFFont_GetBaseFontName(font, buf, 256)
    name = _SUBSET.sub("", buf.value.decode("latin-1"))
    flags = pdfium.FPDFFont_GetFlags(font)
    weight = pdfium.FPDFFont_GetWeight(font)
    angle = ctypes.c_int(0)
    pdfium.FPDFFont_GetItalicAngle(font, ctypes.byref(angle))
    style = set()
    if _ITALIC_NAME.search(name) or flags & _FLAG_ITALIC or angle.value:
        style.add("italic")
    if _BOLD_NAME.search(name) or flags & _FLAG_FORCE_BOLD or weight >= _BOLD_WEIGHT:
        style.add("bold")
    return frozenset(style)


def _style(  # noqa: PLR0913, PLR0917 (the object, its font and matrix, as PDFium gives them)
    fonts: dict[int | None, Style],
    text_object: Any,  # noqa: ANN401 (ctypes handles)
    font: Any,  # noqa: ANN401
    key: int | None,
    matrix: Any,  # noqa: ANN401
    pdfium: Any,  # noqa: ANN401
) -> Style:
    """Italic and bold of a text object: its font's (*key* names it), or drawn so."""
    style = fonts.get(key)
    if style is None:
        style = fonts[key] = _font_style(font, pdfium)
    if matrix.d and abs(matrix.c) > 0.1 * abs(matrix.d) and "italic" not in style:
        style = style | {"italic"}  # a slanted text matrix: italic made by the producer
    mode = pdfium.FPDFTextObj_GetTextRenderMode(text_object)
    if mode == pdfium.FPDF_TEXTRENDERMODE_FILL_STROKE and "bold" not in style:
        style = style | {"bold"}  # filled and stroked: bold made by the producer
    return style


def _nameless(font: Any, pdfium: Any) -> bool:  # noqa: ANN401 (ctypes handles)
    """Whether *font* tells nothing of itself: no name, no flags, no weight (a Type 3 font)."""
    buf = ctypes.create_string_buffer(8)
    pdfium.FPDFFont_GetBaseFontName(font, buf, 8)
    if buf.value:
        return False
    return not pdfium.FPDFFont_GetFlags(font) and not pdfium.FPDFFont_GetWeight(font)


def _thickened(heights: dict[tuple[int | None, str, float], list[float]]) -> set[int]:
    """The nameless fonts whose letters are drawn thicker than the same letters elsewhere.

    A browser draws the bold of a face it has no bold file for by thickening the regular
    face's outlines, and prints them as a font of its own with no name (a Type 3 font): a
    letter of it stands taller than the same letter at the same size in the named fonts
    by the thickening, a few hundredths of the size (and the same letters drawn from a
    face's outlines unthickened stand exactly as tall). Where a nameless font's letters are
    taller so, in the median over the letters the named fonts also draw (a browser makes
    a font of a few letters for a ligature), its text is bold; with no named letters to
    compare, nothing is told.
    """
    named = {
        (letter, size): statistics.median(found)
        for (font, letter, size), found in heights.items()
        if font is None
    }
    rises: dict[int, list[float]] = {}
    for (font, letter, size), found in heights.items():
        if font is not None and (letter, size) in named and size > 0:
            rise = (statistics.median(found) - named[letter, size]) / size
            rises.setdefault(font, []).append(rise)
    return {font for font, found in rises.items() if statistics.median(found) >= _THICK}


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


def _rules(page: Any, pdfium: Any) -> list[tuple[float, float, float]]:  # noqa: ANN401
    """Thin horizontal rules drawn on *page*, boxes' borders aside: (left, right, height).

    A rule is a subpath, filled or stroked, at most `_RULE` thick: its thickness is
    measured from its points and its stroke's width (PDFium's bounds of a stroked path
    stand out by the whole width on each side: a line stroked 1.4 pt thick has bounds
    2.8 pt tall). A horizontal rule with a vertical one at an end is the bottom or top
    of a box (drawn side by side, as a table's borders, or a slice of a box round several
    lines, see `_borders`): a border, not an underline.
    """
    across: list[tuple[float, float, float]] = []
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

    def side(x: float, y: float) -> bool:
        return any(abs(v - x) <= _RULE and lo - _RULE <= y <= hi + _RULE for v, lo, hi in upright)

    borders = _borders(across, side)
    return [r for k, r in enumerate(across) if k not in borders]


def _borders(
    across: Sequence[tuple[float, float, float]], side: Callable[[float, float], bool]
) -> set[int]:
    """Which of the rules *across* are a box's borders (by index).

    A rule with a vertical one at an end is a box's side: a box drawn round text that runs
    over several lines is drawn by a browser as a slice per line, each with its top and
    bottom, the box's sides only where it begins and ends. So a border's slice makes the
    others borders too: the rule of the same length close above or below it (its slice's
    other side, `_SLICE` points or less away) and the one touching it from the next slice
    (an end in common, `_TOUCH` points or less away). An underline has no side; those of
    the lines of a paragraph are a line apart, and none is linked to a side.
    """

    def same(a: float, b: float) -> bool:
        return abs(a - b) <= _RULE

    found = {k for k, (x0, x1, y) in enumerate(across) if side(x0, y) or side(x1, y)}
    todo = list(found)
    while todo:
        x0, x1, y = across[todo.pop()]
        for k, (a, b, h) in enumerate(across):
            if k in found:
                continue
            slice_ = same(a, x0) and same(b, x1) and abs(h - y) <= _SLICE
            touch = (same(a, x0) or same(b, x1)) and abs(h - y) <= _TOUCH
            if slice_ or touch:
                found.add(k)
                todo.append(k)
    return found


def _shapes(page: Any, pdfium: Any) -> list[tuple[float, float, float, float]]:  # noqa: ANN401
    """Small drawn shapes on *page*, each about as tall as wide: (left, bottom, right, top).

    A list's markers drawn as shapes (a browser draws a disc, a circle or a square for
    each item, with no character in the text) are such shapes; a rule or a box is not.
    """
    out: list[tuple[float, float, float, float]] = []
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


def _with_markers(
    words: list[_Word], shapes: Sequence[tuple[float, float, float, float]]
) -> list[_Word]:
    """*words* with a bullet word for each shape drawn as a list's marker.

    A marker stands left of a line's first word, close to it, within the height of its
    small letters, and sized to its text: there the item starts, as where its bullet
    is a character.
    """
    added: list[_Word] = []
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
        added.append(_Word(_MARKER_TEXT, x0, x1, first.baseline, first.size, frozenset(), y0, y1))
    return words + added


def _underlined(word: _Word, rules: Sequence[tuple[float, float, float]]) -> bool:
    """Whether rules just under *word*'s baseline cover most of its width."""
    covered = 0.0
    for left, right, y in rules:
        if word.baseline - 0.5 * word.size <= y <= word.baseline + 0.05 * word.size:
            covered += max(0.0, min(right, word.x1) - max(left, word.x0))
    return covered >= 0.6 * (word.x1 - word.x0)


# one pass over a page's characters; PDFium's handles are ctypes objects, typed Any
def _page_words(  # noqa: C901, PLR0912, PLR0915
    page: Any,  # noqa: ANN401
    textpage: Any,  # noqa: ANN401
    pdfium: Any,  # noqa: ANN401
    budget: list[int],
) -> list[_Word]:
    """The words of a page, in the order PDFium gives their characters."""
    tp = textpage.raw
    count = pdfium.FPDFText_CountChars(tp)
    budget[0] -= max(count, 0)
    if budget[0] < 0:
        raise OverflowError
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    rules = _rules(page.raw, pdfium)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    styles: dict[int | None, tuple[Style, float, int | None, float]] = {}
    fonts: dict[int | None, Style] = {}
    words: list[_Word] = []
    current: list[tuple[str, float, float, float, float, Style, float, float, int | None]] = []
    # each word's font where it is a nameless one, and the heights of letters by font
    nameless: list[Counter[int | None] | None] = []
    nameless_fonts: dict[int | None, bool] = {}
    heights: dict[tuple[int | None, str, float], list[float]] = {}

    def close() -> None:
        if current:
            word = "".join(c[0] for c in current)
            sizes = [c[4] for c in current]
            style = Counter(c[5] for c in current).most_common(1)[0][0]
            bottom = min(c[6] for c in current)
            top = max(c[7] for c in current)
            in_nameless = any(c[8] is not None for c in current)
            nameless.append(Counter(c[8] for c in current) if in_nameless else None)
            words.append(
                _Word(
                    word,
                    current[0][1],
                    current[-1][2],
                    current[0][3],
                    max(sizes),
                    style,
                    bottom,
                    top,
                )
            )
            current.clear()

    size_buf = ctypes.c_float()
    matrix = pdfium.FS_MATRIX()
    loose = pdfium.FS_RECTF()
    last_right = 0.0
    for i in range(min(count, len(text))):
        char = text[i]
        if char in "\ufffe\x02":  # PDFium's marks for a hyphen that ends a line
            char = "-"
        elif char in _LIGATURES:  # a ligature glyph without its letters in the font's map
            char = _LIGATURES[char]
        if char.isspace() or char == "\x00":
            # a space, or a line break the file holds, ends the word; a line break PDFium
            # made up from the layout is left to the geometry below, since PDFium sometimes
            # puts one after every character of a line (seen at the top of a page)
            if char == " " or not pdfium.FPDFText_IsGenerated(tp, i):
                close()
            continue
        obj = pdfium.FPDFText_GetTextObject(tp, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value
        found = styles.get(key)
        if found is None:
            if key:
                pdfium.FPDFTextObj_GetFontSize(obj, ctypes.byref(size_buf))
                pdfium.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
                scale = (matrix.c**2 + matrix.d**2) ** 0.5 or 1.0
                font = pdfium.FPDFTextObj_GetFont(obj)
                font_key = ctypes.cast(font, ctypes.c_void_p).value
                style = _style(fonts, obj, font, font_key, matrix, pdfium)
                if font_key not in nameless_fonts:
                    nameless_fonts[font_key] = _nameless(font, pdfium)
                found = (
                    style,
                    size_buf.value * scale,
                    font_key if nameless_fonts[font_key] else None,
                    # the size upright (a slanted matrix makes *scale* larger, not letters taller)
                    round(size_buf.value * (abs(matrix.d) if not matrix.b else scale), 1),
                )
            else:
                found = (frozenset(), pdfium.FPDFText_GetFontSize(tp, i), None, 0.0)
            styles[key] = found
        style, size, font_key, upright = found
        pdfium.FPDFText_GetCharBox(tp, i, left, right, bottom, top)
        if char.isalpha():
            heights.setdefault((font_key, char, upright), []).append(top.value - bottom.value)
        pdfium.FPDFText_GetCharOrigin(tp, i, ox, oy)
        # the gap between characters is measured on their loose boxes (the glyphs' advance
        # widths), not their ink: in a fixed-width face a narrow glyph such as "r" or "." leaves
        # more blank ink-to-ink than a space does in a proportional one
        pdfium.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(loose))
        if current:
            last = current[-1]
            # a gap or a new baseline ends the word even where no space was written
            if abs(oy.value - last[3]) > 0.5 * size or loose.left - last_right > _WORD_GAP * size:
                close()
        last_right = loose.right
        current.append(
            (
                char,
                left.value,
                right.value,
                oy.value,
                size or 1.0,
                style,
                bottom.value,
                top.value,
                font_key,
            )
        )
    close()
    thickened = _thickened(heights)
    for k, (w, font_keys) in enumerate(zip(words, nameless, strict=True)):
        if font_keys is None or "bold" in w.style:
            continue
        thick = sum(n for font_key, n in font_keys.items() if font_key in thickened)
        if 2 * thick >= font_keys.total():
            words[k] = attrs.evolve(w, style=w.style | {"bold"})
    for k, w in enumerate(words):
        if "underline" not in w.style and _underlined(w, rules):
            words[k] = attrs.evolve(w, style=w.style | {"underline"})
    return _with_markers(words, _shapes(page.raw, pdfium))


def _lines(words: Sequence[_Word], page: int) -> list[_Line]:
    """Words grouped by baseline, each line left to right, lines top to bottom."""
    rows: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: -w.baseline):
        if rows and abs(rows[-1][0].baseline - w.baseline) <= 0.35 * max(w.size, 1.0):
            rows[-1].append(w)
        else:
            rows.append([w])
    return [_Line(page, tuple(sorted(r, key=lambda w: w.x0))) for r in rows]


def _running(pages: Sequence[Sequence[_Line]]) -> set[tuple[int, int]]:
    """(page, index) of page numbers and running headers and footers."""
    drop: set[tuple[int, int]] = set()
    edges: list[list[int]] = []
    for p, lines in enumerate(pages):
        idx = list(range(len(lines)))
        edge = idx[:2] + idx[-2:]
        edges.append(sorted(set(edge)))
        for k in set(edge):
            if PAGE_NUMBER.match(lines[k].text.strip()):
                drop.add((p, k))
    if len(pages) < 2:
        return drop
    key = {
        (p, k): DIGITS.sub("#", normalize(pages[p][k].text))
        for p, edge in enumerate(edges)
        for k in edge
    }
    counts = Counter(text for _, text in {(p, key[p, k]) for p, e in enumerate(edges) for k in e})
    needed = max(2, len(pages) - 1)
    titles: set[str] = set()
    for (p, k), text in sorted(key.items()):
        line = pages[p][k].text
        if counts[text] < needed:
            continue
        if HEADER.match(line) and text not in titles:
            titles.add(text)  # the title as a running header: its first copy is the title
            continue
        if not starts_block(line) or HEADER.match(line):
            drop.add((p, k))
    return drop


def _strip_bullet(words: list[_Word]) -> tuple[list[_Word], bool]:
    """The words without a leading bullet, and whether there was one."""
    first = words[0].text
    if len(words) > 1 and first in _BULLET_GLYPHS:
        if first == "o" and not words[1].text[:1].isupper():
            return words, False
        return words[1:], True
    if first[0] in _BULLET_GLYPHS - {"o"} and len(first) > 1:
        return [attrs.evolve(words[0], text=first[1:]), *words[1:]], True
    return words, False


def _segments(line: _Line) -> list[tuple[float, float]]:
    """The stretches of *line* its words cover, parted where a gap is wider than a column's."""
    out: list[tuple[float, float]] = []
    for w in line.words:
        if out and w.x0 - out[-1][1] < _GUTTER * w.size:
            out[-1] = (out[-1][0], max(out[-1][1], w.x1))
        else:
            out.append((w.x0, w.x1))
    return out


def _gutter(lines: Sequence[_Line]) -> tuple[float, float] | None:
    """The widest stretch between the words of *lines* that no line's words cross, if any."""
    covered = sorted(s for line in lines for s in _segments(line))
    size = statistics.median(line.size for line in lines)
    best: tuple[float, float] | None = None
    reach = covered[0][1]
    for left, right in covered[1:]:
        if left - reach >= _GUTTER * size and (best is None or left - reach > best[1] - best[0]):
            best = (reach, left)
        reach = max(reach, right)
    return best


def _columns(body: Sequence[tuple[int, _Line]]) -> list[tuple[int, _Line]]:
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
    out: list[tuple[int, _Line]] = []
    i = 0
    while i < len(lines):
        run = _column_run(lines, i)
        if run is None:
            out.append(body[i])
            i += 1
            continue
        end, gutter = run
        first: list[tuple[int, _Line]] = []
        second: list[tuple[int, _Line]] = []
        edge = max(line.x1 for line in lines[i:end])
        for number, line in body[i:end]:
            if left := tuple(_side(line, gutter, first=True)):
                first.append((number, attrs.evolve(line, words=left, edge=gutter[0])))
            if right := tuple(_side(line, gutter, first=False)):
                second.append((number, attrs.evolve(line, words=right, edge=edge)))
        out += first + second
        i = end
    return out


def _column_run(lines: Sequence[_Line], start: int) -> tuple[int, tuple[float, float]] | None:
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


def _side(line: _Line, gutter: tuple[float, float], *, first: bool) -> list[_Word]:
    """The words of *line* in the first column (left of *gutter*) or the second."""
    if first:
        return [w for w in line.words if w.x1 <= gutter[0]]
    return [w for w in line.words if w.x0 >= gutter[1]]


def _in_columns(run: Sequence[_Line], line: _Line, gutter: tuple[float, float]) -> bool:
    """Whether *line* is set in the columns of *run*.

    Each of its parts is an entry, or lines up with the start of a part of theirs or of
    its text after the number (a wrapped line). The gaps of a justified line may line up
    with a gutter; its words after them do not line up with a column.
    """
    for first in (True, False):
        part = _side(line, gutter, first=first)
        if not part or starts_entry(" ".join(w.text for w in part)):
            continue
        starts = [w.x0 for other in run for w in _side(other, gutter, first=first)[:2]]
        if not any(abs(part[0].x0 - x) <= 0.5 * line.size for x in starts):
            return False
    return True


def _runs_on(first: _Line, line: _Line) -> bool:
    """Whether *line* runs on the item whose first line is *first*, by its indent.

    Where the bullet is a character, an item's lines after its first have none and start
    at its text's indent (a hanging indent), right of the bullet: whatever the line before
    them, they are no new item (each of which has its bullet) and no paragraph after the
    list (which starts left of the text, at the margin or the bullet).
    """
    if len(first.words) < 2 or first.words[0].text not in _BULLET_GLYPHS:
        return False
    bullet, indent = first.words[0].x0, first.words[1].x0
    tolerance = 0.25 * first.size
    return line.x0 > bullet + tolerance and abs(line.x0 - indent) <= tolerance


def _blocks(body: Sequence[tuple[int, _Line]]) -> list[Block]:  # noqa: C901, PLR0915 (one pass)
    """Lines joined into paragraphs and items by the page's geometry."""
    gaps = [
        a.baseline - b.baseline
        for (_, a), (_, b) in itertools.pairwise(body)
        if a.page == b.page and 0 < a.baseline - b.baseline < 3 * a.size
    ]
    pitch = statistics.median(gaps) if gaps else 14.0
    right: dict[int, float] = {}
    for _, line in body:
        right[line.page] = max(right.get(line.page, 0.0), line.x1)
    out: list[Block] = []
    current: list[tuple[int, _Line]] = []
    soft: list[int] = []
    after_blank = True

    def close() -> None:
        words: list[_Word] = []
        starts: list[int] = []  # where each line's words start
        for _, line in current:
            first = line.words[0]
            starts.append(len(words))
            if words and HYPHEN_END.search(words[-1].text) and first.text[:1].islower():
                # a word broken after its hyphen at the line's end is one word again
                words[-1] = attrs.evolve(words[-1], text=words[-1].text + first.text)
                words += line.words[1:]
            else:
                words += line.words
        before = len(words)
        words, bullet = _strip_bullet(words)
        text = normalize(" ".join(w.text for w in words))
        if not text:
            return
        styles = tuple(w.style for w in words)
        skip = before - len(words)  # a bullet that was a word of its own
        positions = tuple(starts[k] - skip for k in soft)
        numbers = tuple(n for n, _ in current)
        out.append(
            Block("item" if bullet else "paragraph", text, numbers, after_blank, positions, styles)
        )

    previous: _Line | None = None
    for number, line in body:
        text = line.text
        new = previous is None
        blank = previous is None
        if previous is not None:
            same_page = previous.page == line.page
            gap = previous.baseline - line.baseline if same_page else pitch
            wide = gap > 1.35 * pitch
            blank = wide
            first_word = line.words[0]
            space = 0.3 * first_word.size
            edge = previous.edge or right[previous.page]
            full = previous.x1 + space + (first_word.x1 - first_word.x0) > edge
            new = (
                wide
                or starts_block(text)
                or is_label(previous.text)
                or bool(LEVEL.match(previous.text) and len(previous.words) <= 2)
                or (not full and not text[:1].islower() and not _runs_on(current[0][1], line))
            )
            # a full line, then one in upper case: the paragraph runs on, or an item without
            # a bullet ended there (its bullet lost, or drawn as a shape, as Chromium draws
            # a list's discs); the comparison takes the bank's reading of the list
            if not new and not text[:1].islower():
                soft.append(len(current))
        if new:
            if current:
                close()
            current = []
            soft = []
            after_blank = blank
        current.append((number, line))
        previous = line
    if current:
        close()
    return out


def read_pdf(data: bytes, name: str) -> Reading:
    """Read the PDF *data* (named *name* in problems) into blocks.

    Raises:
        PdfError: the PDF cannot be read (its problem says why), or pypdfium2, which
            reads PDFs, is not installed.
    """
    _check_bytes(data, name)
    try:
        import pypdfium2 as pdfium_doc  # noqa: PLC0415 (an optional dependency)
        import pypdfium2.raw as pdfium  # noqa: PLC0415
    except ImportError:
        raise PdfError(
            Problem(
                "pdf-support-missing",
                name,
                "$",
                f"reading PDF files needs pypdfium2; install it with: {INSTALL}",
            )
        ) from None

    def fail(code: str, message: str) -> PdfError:
        return PdfError(Problem(code, name, "$", message))

    try:
        document = pdfium_doc.PdfDocument(data)
    except pdfium_doc.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium.FPDF_ERR_PASSWORD:
            raise fail("pdf-encrypted", "the PDF is encrypted; save an unprotected copy") from None
        raise fail("pdf-unreadable", f"not a readable PDF ({e})") from None
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise fail("pdf-too-large", f"the PDF has {pages} pages; at most {MAX_PAGES} are read")
        budget = [MAX_CHARS]
        page_lines: list[list[_Line]] = []
        for p in range(pages):
            page = document[p]
            textpage = page.get_textpage()
            try:
                words = _page_words(page, textpage, pdfium, budget)
            except OverflowError:
                raise fail(
                    "pdf-too-large", f"the PDF has more than {MAX_CHARS} characters"
                ) from None
            finally:
                textpage.close()
                page.close()
            page_lines.append(_lines(words, p + 1))
    finally:
        document.close()
    if not any(page_lines):
        raise fail(
            "pdf-no-text",
            "the PDF has no text layer (its pages are images, as a scan's are); "
            "compbank reads text, not images: use the document's original or an OCR'd copy",
        )
    return _reading(page_lines)


def _clipped(line: _Line) -> bool:
    """Whether *line* holds only the tails of another's letters, cut off at a page break.

    A line set across a page break (a browser printing with tight line spacing) leaves the
    descenders of its letters at the next page's top, or their ascenders at the previous
    page's bottom: each a letter alone ("g p j y p"), which no line of text is.
    """
    return all(len(w.text) == 1 and w.text in _TAILS for w in line.words)


def _reading(page_lines: Sequence[Sequence[_Line]]) -> Reading:
    drop = _running(page_lines)
    lines: list[Line] = []
    body: list[tuple[int, _Line]] = []
    for p, page in enumerate(page_lines):
        for k, line in enumerate(page):
            number = len(lines) + 1
            boxes = tuple((w.x0, w.bottom, w.x1, w.top) for w in line.words)
            lines.append(Line(number, line.text, line.page, k + 1, boxes))
            if (p, k) not in drop and not _clipped(line):
                body.append((number, line))
    blocks = _blocks(_columns(body))
    # a bullet alone on its line (its text on the next) starts the item that follows
    merged: list[Block] = []
    for block in blocks:
        if merged and merged[-1].text in _BULLET_GLYPHS and merged[-1].kind == "paragraph":
            gone = merged.pop()
            block = attrs.evolve(block, kind="item", lines=gone.lines + block.lines)  # noqa: PLW2901
        merged.append(block)
    # a bullet with no item after it is no block
    return Reading("pdf", tuple(lines), tuple(b for b in merged if b.text not in _BULLET_GLYPHS))
