"""Reading a PDF's fonts into emphasis: italic and bold of each text object, as PDFium gives it.

A text object's characters are ``italic`` and ``bold`` by its font: the font's name (such
as ``Arial-BoldItalicMT``, a subset's ``ABCDEF+`` prefix aside), its descriptor's flags,
its weight and its italic angle; or as the producer drew them: a slanted text matrix is
italic, text filled and stroked is bold. `PageFonts` reads each text object of a page so,
asking each font once, with the object's size on the page.

A font that tells nothing of itself (no name, no flags, no weight: a Type 3 font) may be a
browser's bold, made from a regular face by thickening its outlines; `thickened` tells such
fonts from the heights of their letters against the same letters of the named fonts.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from typing import Any

from compbank.importer.blocks import Style

#: A text object's style, its size on the page, its font's key where that font is nameless
#: (else None), and its size upright in tenths of a point: the size letters' heights are
#: compared at.
TextFont = tuple[Style, float, int | None, float]
#: The heights of letters, by (nameless font's key or None, letter, size upright).
Heights = dict[tuple[int | None, str, float], list[float]]

_SUBSET = re.compile(r"^[A-Z]{6}\+")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|demi\b", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique|slanted|kursiv", re.IGNORECASE)
_FLAG_ITALIC = 1 << 6
_FLAG_FORCE_BOLD = 1 << 18
_BOLD_WEIGHT = 600
#: How much taller, as a share of the size, a nameless font's letters stand than the same
#: letters of the named fonts where they are thickened into bold (a browser's: 0.015 to
#: 0.017).
_THICK = 0.008


class PageFonts:
    """The fonts of one page's text objects, each font's style and namelessness asked once."""

    def __init__(self, pdfium: Any) -> None:  # noqa: ANN401 (pypdfium2.raw)
        self._pdfium = pdfium
        self._styles: dict[int | None, Style] = {}
        self._nameless: dict[int | None, bool] = {}
        self._size = ctypes.c_float()
        self._matrix = pdfium.FS_MATRIX()

    def text_font(self, text_object: Any) -> TextFont:  # noqa: ANN401 (a ctypes handle)
        """The style, size, nameless font and upright size of *text_object* (see `TextFont`)."""
        pdfium, matrix = self._pdfium, self._matrix
        pdfium.FPDFTextObj_GetFontSize(text_object, ctypes.byref(self._size))
        pdfium.FPDFPageObj_GetMatrix(text_object, ctypes.byref(matrix))
        size = self._size.value
        scale = (matrix.c**2 + matrix.d**2) ** 0.5 or 1.0
        font = pdfium.FPDFTextObj_GetFont(text_object)
        font_key = address(font)
        style = self._style(text_object, font, font_key)
        if font_key not in self._nameless:
            self._nameless[font_key] = _nameless(font, pdfium)
        return (
            style,
            size * scale,
            font_key if self._nameless[font_key] else None,
            # the size upright (a slanted matrix makes *scale* larger, not letters taller)
            round(size * (abs(matrix.d) if not matrix.b else scale), 1),
        )

    def _style(self, text_object: Any, font: Any, key: int | None) -> Style:  # noqa: ANN401
        """Italic and bold of a text object: its font's (*key* names it), or drawn so."""
        pdfium, matrix = self._pdfium, self._matrix
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = _font_style(font, pdfium)
        if matrix.d and abs(matrix.c) > 0.1 * abs(matrix.d) and "italic" not in style:
            style = style | {"italic"}  # a slanted text matrix: italic made by the producer
        mode = pdfium.FPDFTextObj_GetTextRenderMode(text_object)
        if mode == pdfium.FPDF_TEXTRENDERMODE_FILL_STROKE and "bold" not in style:
            style = style | {"bold"}  # filled and stroked: bold made by the producer
        return style


def address(handle: Any) -> int | None:  # noqa: ANN401 (a ctypes handle)
    """The address a PDFium handle (a ctypes pointer) holds, None for a null one.

    Read from the pointer's own buffer: three times as fast as ``ctypes.cast(handle,
    ctypes.c_void_p).value``, and asked once per character of a page (a browser draws
    each glyph as a text object of its own).
    """
    value: int | None = ctypes.c_void_p.from_buffer(handle).value
    return value


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


def _nameless(font: Any, pdfium: Any) -> bool:  # noqa: ANN401 (ctypes handles)
    """Whether *font* tells nothing of itself: no name, no flags, no weight (a Type 3 font)."""
    buf = ctypes.create_string_buffer(8)
    pdfium.FPDFFont_GetBaseFontName(font, buf, 8)
    if buf.value:
        return False
    return not pdfium.FPDFFont_GetFlags(font) and not pdfium.FPDFFont_GetWeight(font)


def thickened(heights: Heights) -> set[int]:
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
