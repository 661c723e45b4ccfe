"""Reading a PDF into blocks: text in reading order, emphasis from the fonts and rules.

The City's models are PDFs made in a word processor. This reader (PDFium, through
pypdfium2: the fastest of the libraries measured, see ``benchmarks/README.md``) takes each
character with its position, baseline and font, and builds, page by page:

1. *words* (`pdf_words`): characters of one baseline, split at spaces and gaps; each word's
   style is ``italic`` and ``bold`` from its font (`pdf_fonts`: the font's name, such as
   ``Arial-BoldItalicMT``, its descriptor's flags, its weight, its italic angle, text drawn
   filled and stroked, a slanted text matrix, or a nameless font whose letters are drawn
   thicker than the same letters of the named ones: a browser's bold made from a regular
   face) and ``underline`` where thin rules (filled rectangles or stroked lines) are drawn
   just under its baseline across most of its width, a box's borders aside (a rule with a
   vertical one at an end, and the slices of a box drawn round several lines that follow
   from it); a list's marker drawn as a shape (a disc, a circle, a square) left of a line's
   first word is read as a bullet (`pdf_rules`);
2. *lines* (`pdf_words`): words of one baseline, top to bottom; page numbers alone on a
   line, running headers and footers (lines at a page's top or bottom that repeat on the
   other pages, numbers aside) and the tails of letters cut off at a page break are
   dropped (`pdf_margins`); a list set in two columns is read down each column
   (`pdf_columns`);
3. *blocks* (`pdf_blocks`): lines joined into paragraphs and list items by the page's
   geometry: a line continues the one before unless a wider gap stands between them, the
   one before ended short of the right edge (the next line's first word would have fitted
   on it), or the line starts a new item by its form (a bullet of any glyph, a number, a
   ``Level N:`` label, a section label). A paragraph that runs on at the top of the next
   page stays one.

A PDF is refused, with one problem naming the file, where it is empty, cut short, damaged,
encrypted, has no text layer, or goes beyond the limits below; those limits keep the time
and memory of a read bounded whatever the file holds.
"""

from __future__ import annotations

import functools
import re
import zlib
from typing import TYPE_CHECKING, Any

from compbank.importer.blocks import Line, Reading
from compbank.importer.pdf_blocks import blocks
from compbank.importer.pdf_columns import columns
from compbank.importer.pdf_margins import margin_lines
from compbank.importer.pdf_rules import paths, rules, shapes, underlined, with_markers
from compbank.importer.pdf_words import PdfLine, Word, page_lines, page_words
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

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

_STREAM = re.compile(rb"(?<!end)stream\r?\n")


class PdfError(Exception):
    """A PDF that cannot be read; carries the one problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _refused(name: str, code: str, message: str) -> PdfError:
    """The error that refuses the PDF *name* with a problem of *code*."""
    return PdfError(Problem(code, name, "$", message))


def is_pdf(data: bytes) -> bool:
    """Whether *data* is a PDF by its content: ``%PDF-`` in its first 1024 bytes.

    A file that holds only the start of ``%PDF-`` (a PDF cut within its first bytes) is
    one too: read as text, it would be reported as a document with no title and no
    competencies, where it is a PDF cut short.

    >>> is_pdf(b"%PDF-1.7"), is_pdf(b"%P"), is_pdf(b"%"), is_pdf(b"% a comment")
    (True, True, True, False)
    """
    return b"%PDF-" in data[:1024] or (bool(data) and b"%PDF-".startswith(data))


def _check_bytes(data: bytes, name: str) -> None:
    """Refuse, before PDFium sees it, a PDF too large, cut short or with a stream too big."""
    fail = functools.partial(_refused, name)
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


def read_pdf(data: bytes, name: str) -> Reading:
    """Read the PDF *data* (named *name* in problems) into blocks.

    Raises:
        PdfError: the PDF cannot be read (its problem says why), or pypdfium2, which
            reads PDFs, is not installed.
    """
    _check_bytes(data, name)
    pdfium_doc, pdfium = _pypdfium(name)
    fail = functools.partial(_refused, name)
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
        budget = MAX_CHARS
        lines: list[list[PdfLine]] = []
        for p in range(pages):
            page = document[p]
            textpage = page.get_textpage()
            try:
                count = pdfium.FPDFText_CountChars(textpage.raw)
                budget -= max(count, 0)
                if budget < 0:
                    raise fail("pdf-too-large", f"the PDF has more than {MAX_CHARS} characters")
                words = _page_words(page, textpage, count, pdfium)
            finally:
                textpage.close()
                page.close()
            lines.append(page_lines(words, p + 1))
    finally:
        document.close()
    if not any(lines):
        raise fail(
            "pdf-no-text",
            "the PDF has no text layer (its pages are images, as a scan's are); "
            "compbank reads text, not images: use the document's original or an OCR'd copy",
        )
    return _reading(lines)


def _pypdfium(name: str) -> tuple[Any, Any]:
    """pypdfium2 and its raw PDFium functions.

    Raises:
        PdfError: pypdfium2 is not installed.
    """
    try:
        import pypdfium2 as pdfium_doc  # noqa: PLC0415 (an optional dependency)
        import pypdfium2.raw as pdfium  # noqa: PLC0415
    except ImportError:
        raise _refused(
            name,
            "pdf-support-missing",
            f"reading PDF files needs pypdfium2; install it with: {INSTALL}",
        ) from None
    return pdfium_doc, pdfium


# PDFium's handles are ctypes objects, typed Any
def _page_words(page: Any, textpage: Any, count: int, pdfium: Any) -> list[Word]:  # noqa: ANN401
    """The words of a page of *count* characters, styled by their fonts and the rules under them.

    A list's marker drawn as a shape beside a line adds a bullet word.
    """
    words = page_words(textpage, count, pdfium)
    if not words:
        return words
    drawn = paths(page.raw, pdfium)
    words = underlined(words, rules(drawn, pdfium, words))
    return with_markers(words, shapes(drawn, pdfium))


def _reading(pages: Sequence[Sequence[PdfLine]]) -> Reading:
    """The document read from its pages' lines: every line, and the body's blocks."""
    drop = margin_lines(pages)
    lines: list[Line] = []
    body: list[tuple[int, PdfLine]] = []
    for p, page in enumerate(pages):
        for k, line in enumerate(page):
            number = len(lines) + 1
            boxes = tuple((w.x0, w.bottom, w.x1, w.top) for w in line.words)
            lines.append(Line(number, line.text, line.page, k + 1, boxes))
            if (p, k) not in drop:
                body.append((number, line))
    return Reading("pdf", tuple(lines), tuple(blocks(columns(body))))
