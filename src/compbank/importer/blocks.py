"""The one shape every input form is read into: blocks of text with where they came from.

Each reader (`read_text` for the sources' form and wrapped plain text, `read_pages` for the
one-line-per-page transcription, `read_pdf` for PDF files) turns a document into a `Reading`:
its lines, numbered from 1 in reading order, and its `Block` s, the paragraphs and list items
in order. The parser (`compbank.importer.parse`) and the comparison with the bank read only
blocks; they never ask which form the document had.

A block's ``text`` is its words, whitespace normalized, without its list marker. In text
forms, emphasis survives only as the ``*`` markers of the sources' form, kept in the text
for the parser to read; a PDF's emphasis comes from its fonts and drawn rules and is given
word by word in ``styles`` (one set of ``"italic"``, ``"bold"``, ``"underline"`` per word
of ``text.split()``, and `CLIPPED` where no underline could show under the word).
`Block.spans` shows the same as runs.
"""

from __future__ import annotations

from typing import Literal

import attrs

Kind = Literal["paragraph", "item"]
Style = frozenset[str]
#: In a word's style: no underline could show under it, the region its text may draw in
#: ending above where the page's underlines lie (a browser clips a page's text area, and
#: leaves out an underline drawn below it). Underlined or not, the page does not say.
CLIPPED = "underline-clipped"
#: A box on a PDF page: ``(x0, y0, x1, y1)`` in points, from the page's bottom left corner.
Box = tuple[float, float, float, float]


@attrs.frozen
class Line:
    """One line of a document as read: its number, its page and line on that page, its text.

    Attributes:
        number: The line's number in the whole document, from 1 (in a PDF: in reading order,
            page after page).
        text: The line as found (a PDF's: its characters in reading order).
        page: The page it is on (PDF and paged text), else None.
        page_line: Its line number on that page, from 1, where there is a page.
        boxes: In a PDF, the box of each word of ``text.split()`` on its page (the bounds
            of its characters' boxes); None in text forms.
    """

    number: int
    text: str
    page: int | None = None
    page_line: int | None = None
    boxes: tuple[Box, ...] | None = attrs.field(default=None, eq=False, repr=False)

    def where(self) -> str:
        """``"line 12"``, or ``"page 3 line 12"`` where the line has a page."""
        if self.page is not None:
            return f"page {self.page} line {self.page_line}"
        return f"line {self.number}"


@attrs.frozen
class Span:
    """A run of words of a block in one emphasis style (see `Block.spans`)."""

    text: str
    style: Style


@attrs.frozen
class Block:
    """A paragraph or list item, read from one or more consecutive lines.

    Attributes:
        kind: ``"item"`` where the block had a list marker (a bullet of any glyph), else
            ``"paragraph"``.
        text: Its words, whitespace normalized, without its list marker.
        lines: The line numbers (into `Reading.lines`) it was read from.
        after_blank: Whether a blank line (or a wider gap) stood before it.
        soft_breaks: Word positions (in ``text.split()``) after lines that filled the width,
            did not end a sentence and were followed by one starting in upper case: the
            line was wrapped, or maybe ended an item as well.
        styles: In a PDF, the emphasis of each word of ``text.split()``; None in text forms.
    """

    kind: Kind
    text: str
    lines: tuple[int, ...]
    after_blank: bool = True
    soft_breaks: tuple[int, ...] = ()
    styles: tuple[Style, ...] | None = None

    @property
    def line(self) -> int:
        """The number of its first line."""
        return self.lines[0]

    @property
    def bullet(self) -> bool:
        """Whether it is a list item."""
        return self.kind == "item"

    def spans(self) -> tuple[Span, ...]:
        """Its words as runs of one emphasis style each (one plain run in text forms)."""
        words = self.text.split()
        if self.styles is None:
            return (Span(self.text, frozenset()),) if words else ()
        runs: list[Span] = []
        for word, style in zip(words, self.styles, strict=True):
            if runs and runs[-1].style == style:
                runs[-1] = Span(f"{runs[-1].text} {word}", style)
            else:
                runs.append(Span(word, style))
        return tuple(runs)


@attrs.frozen
class Reading:
    """A document read into blocks, with its lines for reference.

    Attributes:
        form: Which reader read it: ``"sources"``, ``"wrapped"``, ``"pages"`` or ``"pdf"``.
        lines: Every line, in order; ``lines[n - 1].number == n``.
        blocks: The paragraphs and list items, in reading order.
        pieced: The numbers of the lines that are pieces of justified lines, which a tool
            printed apart, or that such pieces were put back in (see
            `compbank.importer.text_runs`), or bullets or items' numbers printed one under
            another apart from their items (wrapped text only): where several went back in
            nearby lines, their order among those lines, or where an item ends, is a
            reading, not what the copy shows.
        cut_margin: The number of the copy's last line where it is a page's running
            header or footer cut short (text extracted from a PDF): the copy ends there,
            mid-line, as no document does. None elsewhere.
    """

    form: str
    lines: tuple[Line, ...]
    blocks: tuple[Block, ...]
    pieced: frozenset[int] = frozenset()
    cut_margin: int | None = None

    @property
    def wrapped(self) -> bool:
        """Whether lines were joined into paragraphs (anything but the sources' form)."""
        return self.form != "sources"

    def line(self, number: int) -> Line:
        """Line *number* (from 1)."""
        return self.lines[number - 1]

    def where(self, number: int | None) -> str:
        """Where line *number* is, as problems give it: ``"line 12"``, ``"page 3 line 12"``."""
        if number is None or not 1 <= number <= len(self.lines):
            return "$"
        return self.line(number).where()

    def span(self, first: int, last: int) -> str:
        """The text of lines *first* to *last*, exactly as found."""
        return "\n".join(line.text for line in self.lines[first - 1 : last]).strip()
