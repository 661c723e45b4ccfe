"""What the parser reads a document into: plain records, and the context its steps share.

The records (`Document` and its parts) are what each step of `compbank.importer.parse`
passes on, and what `compbank.importer.compare` compares with the bank; `Context` is what
every step reads with: the document's blocks, the bank's names of each competency number,
and the problems found so far, each naming its line (for a PDF, its page and line).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import attrs

from compbank._checks import name_key
from compbank.importer.levels import Inner, LevelEmphasis
from compbank.importer.patterns import normalize, strip_emphasis
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from compbank.importer.blocks import Block, Reading, Style

__all__ = [
    "Context",
    "Document",
    "Header",
    "LevelText",
    "ListEntry",
    "Section",
    "Text",
    "plain",
]


@attrs.frozen
class Text:
    """A paragraph or list item as read: its normalized text and where it stands.

    Attributes:
        text: The text, whitespace normalized, without list marker or emphasis markers.
        raw: The document's lines it was read from, exactly as found.
        line: The number (from 1) of its first line.
        last_line: The number of its last line.
        soft_breaks: Where, in wrapped text, a line filled the width, did not end a sentence
            and was followed by one starting in upper case, so that it may have ended an item
            as well as wrapped: the word positions (in ``text.split()``) after such lines.
    """

    text: str
    raw: str
    line: int
    last_line: int
    soft_breaks: tuple[int, ...] = ()

    def split(self, breaks: Sequence[int]) -> list[str]:
        """The text cut before each of the word positions *breaks* (from `soft_breaks`)."""
        words = self.text.split()
        edges = [0, *sorted(breaks), len(words)]
        return [" ".join(words[a:b]) for a, b in itertools.pairwise(edges) if b > a]


@attrs.frozen
class ListEntry:
    """One entry of the document's list of competencies, e.g. ``28. Supervision``."""

    number: int  # 0 where the list gives none: the comparison finds it by name
    name: str
    line: int
    marked: bool  # carries the ``*`` of "necessary prior to job entry"
    by_name: bool = False  # printed without a number, numbered by the bank's name

    @property
    def found(self) -> str:
        """The entry as printed, without list or footnote markers."""
        return f"{self.number}. {self.name}" if self.number and not self.by_name else self.name


@attrs.frozen
class LevelText:
    """One ``Level N:`` description, with the emphasis markers found around it."""

    number: int
    text: Text
    lead: int  # emphasis markers before the text
    trail: int  # ... and after it
    styles: tuple[Style, ...] | None = None  # each word's font styles, in a PDF
    inner: Inner | None = None  # what markers inside the text mark, where there are any

    @property
    def marked(self) -> bool:
        """Whether any emphasis marker survived on this level."""
        return bool(self.lead or self.trail or self.inner)

    @property
    def emphasis(self) -> LevelEmphasis:
        """The emphasis found on this level, for `compbank.importer.levels`."""
        return LevelEmphasis(self.number, self.lead, self.trail, self.styles, self.inner)


@attrs.frozen
class Section:
    """The body's description of one competency: its heading ``N. NAME - definition`` on."""

    number: int
    heading: str
    line: int
    definition: tuple[Text, ...]
    definition_items: tuple[Text, ...]
    levels: tuple[LevelText, ...]
    behavioral_indicators: tuple[Text, ...]
    satisfactory: tuple[Text, ...]
    superior: tuple[Text, ...]
    areas_title: str | None
    areas: tuple[Text, ...]

    def level(self, n: int) -> LevelText | None:
        """The description of level *n*, or None where the section has none."""
        return next((lv for lv in self.levels if lv.number == n), None)


@attrs.frozen
class Header:
    """What the document's title block says: class title, code and year."""

    title: str
    code: str | None
    year: int | None
    line: int


@attrs.frozen
class Document:
    """A competency-model document read into records, before any comparison with the bank.

    Attributes:
        header: Title, class code (None if the document gives none) and year.
        entries: The list of competencies, in document order.
        footnote_line: Line of the footnote "*Competencies necessary prior to job entry",
            or None where there is none.
        emphasis_phrase: The document's own statement of how the required level is marked,
            e.g. ``"(*italicized and underlined*)"``, exactly as found, or None.
        sections: The body's descriptions of competencies read in full, in document order.
        wrapped: Whether lines were joined into paragraphs (any form but the sources').
        unread: Competencies whose description could not be read in full (each has a
            problem); they are not among *sections*.
        bulleted: Whether any list item carries its bullet; a copy where none does (the
            text of a PDF whose list markers were drawn) cannot tell its items apart.
        list_as_found: The list's numbers in the order found, where *entries* are read in
            another (see `compbank.importer.listing.in_rising_order`); else empty.
        stray_part: Line of a competency's part (a label, a ``Level N:`` line) standing
            before the first heading read: a description whose heading could not be read,
            which a problem reports, naming the listed competencies the body does not
            describe. None where there is none.
    """

    header: Header
    entries: tuple[ListEntry, ...]
    footnote_line: int | None
    emphasis_phrase: Text | None
    sections: tuple[Section, ...]
    wrapped: bool
    unread: tuple[int, ...] = ()
    unread_lines: tuple[tuple[int, int], ...] = ()  # (number, line) of each
    bulleted: bool = True
    list_as_found: tuple[int, ...] = ()
    stray_part: int | None = None


@attrs.define
class Context:
    """What every step of reading one document reads with, and the problems they find.

    Attributes:
        reading: The document's blocks and lines, as a reader gave them.
        file: The document's name, for problems.
        names: The bank's names of each competency number, as keys (see `name_key`).
        every_name: Each of those keys, with its number.
        problems: What could not be read, in the order found.
    """

    reading: Reading
    file: str
    names: dict[int, set[str]]
    every_name: dict[str, int]
    problems: list[Problem] = attrs.field(factory=list)

    @classmethod
    def of(cls, reading: Reading, file: str, names: Mapping[int, Sequence[str]] | None) -> Context:
        """The context of reading *reading*, with the bank's *names* of each number."""
        keys = {n: {name_key(x) for x in found} for n, found in (names or {}).items()}
        return cls(reading, file, keys, {key: n for n, ks in keys.items() for key in ks})

    def problem(self, code: str, line: int | None, message: str) -> None:
        """Record a problem at the document's *line* (None: the whole document)."""
        self.problems.append(Problem(code, self.file, self.reading.where(line), message))

    def text(self, units: Sequence[Block], text: str | None = None) -> Text:
        """The `Text` of *units*: their text joined (or *text*), with where they stand."""
        first, last = units[0].line, units[-1].lines[-1]
        soft: tuple[int, ...] = ()
        if text is None:
            text = normalize(" ".join(plain(u) for u in units))
            if len(units) == 1:
                soft = units[0].soft_breaks
        return Text(text, self.reading.span(first, last), first, last, soft)


def plain(block: Block) -> str:
    """A block's text without emphasis markers at its ends."""
    return strip_emphasis(block.text)[0]
