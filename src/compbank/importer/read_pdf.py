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

import itertools
import re
import statistics
import zlib
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from compbank.importer.blocks import Block, Line, Reading
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
)
from compbank.importer.pdf_columns import columns
from compbank.importer.pdf_rules import rules, shapes, underlined, with_markers
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
#: Bullet glyphs that may stand alone before an item's text, and the "o" sub-bullet.
# (no dashes: a line may start with the en dash of a heading "N. NAME \u2013 definition")
_BULLET_GLYPHS = frozenset(BULLET_GLYPHS + "o")


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


def _running(pages: Sequence[Sequence[PdfLine]]) -> set[tuple[int, int]]:
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


def _strip_bullet(words: list[Word]) -> tuple[list[Word], bool]:
    """The words without a leading bullet, and whether there was one."""
    first = words[0].text
    if len(words) > 1 and first in _BULLET_GLYPHS:
        if first == "o" and not words[1].text[:1].isupper():
            return words, False
        return words[1:], True
    if first[0] in _BULLET_GLYPHS - {"o"} and len(first) > 1:
        return [attrs.evolve(words[0], text=first[1:]), *words[1:]], True
    return words, False


def _runs_on(first: PdfLine, line: PdfLine) -> bool:
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


def _blocks(body: Sequence[tuple[int, PdfLine]]) -> list[Block]:  # noqa: C901, PLR0915 (one pass)
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
    current: list[tuple[int, PdfLine]] = []
    soft: list[int] = []
    after_blank = True

    def close() -> None:
        words: list[Word] = []
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

    previous: PdfLine | None = None
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
    pdfium_doc, pdfium = _pypdfium(name)

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
        raise PdfError(
            Problem(
                "pdf-support-missing",
                name,
                "$",
                f"reading PDF files needs pypdfium2; install it with: {INSTALL}",
            )
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
    words = underlined(words, rules(page.raw, pdfium))
    return with_markers(words, shapes(page.raw, pdfium))


def _clipped(line: PdfLine) -> bool:
    """Whether *line* holds only the tails of another's letters, cut off at a page break.

    A line set across a page break (a browser printing with tight line spacing) leaves the
    descenders of its letters at the next page's top, or their ascenders at the previous
    page's bottom: each a letter alone ("g p j y p"), which no line of text is.
    """
    return all(len(w.text) == 1 and w.text in _TAILS for w in line.words)


def _reading(page_lines: Sequence[Sequence[PdfLine]]) -> Reading:
    drop = _running(page_lines)
    lines: list[Line] = []
    body: list[tuple[int, PdfLine]] = []
    for p, page in enumerate(page_lines):
        for k, line in enumerate(page):
            number = len(lines) + 1
            boxes = tuple((w.x0, w.bottom, w.x1, w.top) for w in line.words)
            lines.append(Line(number, line.text, line.page, k + 1, boxes))
            if (p, k) not in drop and not _clipped(line):
                body.append((number, line))
    blocks = _blocks(columns(body))
    # a bullet alone on its line (its text on the next) starts the item that follows
    merged: list[Block] = []
    for block in blocks:
        if merged and merged[-1].text in _BULLET_GLYPHS and merged[-1].kind == "paragraph":
            gone = merged.pop()
            block = attrs.evolve(block, kind="item", lines=gone.lines + block.lines)  # noqa: PLW2901
        merged.append(block)
    # a bullet with no item after it is no block
    return Reading("pdf", tuple(lines), tuple(b for b in merged if b.text not in _BULLET_GLYPHS))
