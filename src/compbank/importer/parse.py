"""Step 1 of importing: a document's blocks, read into plain records.

The blocks come from one of the readers (`read_text`, `read_pages`, `read_pdf`), which turn
each input form into the same stream of paragraphs and list items (see `blocks`); nothing
here knows which form a document had, nor the bank: `compbank.importer.compare` compares
what is read with it, and `compbank.importer.levels` reads the required levels' emphasis.

A document is read as far as it can be: a competency whose description cannot be read is
left out with a problem naming its line (for a PDF, its page and line), and the rest is
kept, so that the report of a damaged or partial copy still gives its header, its list and
every competency read in full.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import attrs

from compbank._checks import name_key, slugify
from compbank.importer.levels import Inner, LevelEmphasis, inner_markers, without_markers
from compbank.importer.patterns import (
    FOOTNOTE,
    HEADER,
    HEADING,
    LABELS,
    LEVEL,
    MAX_WRAP_WIDTH,
    NUMBERED,
    ends_sentence,
    is_label,
    normalize,
    strip_emphasis,
)
from compbank.importer.read_text import read_text
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from compbank.importer.blocks import Block, Reading, Style

__all__ = [
    "MAX_TITLE",
    "MAX_WRAP_WIDTH",
    "Document",
    "Header",
    "LevelText",
    "ListEntry",
    "Section",
    "Text",
    "ends_sentence",
    "normalize",
    "paragraphs_in_sentence",
    "parse_document",
    "read_document",
    "strip_emphasis",
]

#: Class titles are a few words; a longer one means the title block did not end.
MAX_TITLE = 100

_LIST_ENTRY = re.compile(
    r"^(?P<pre>\*?)\s*(?P<n>\d{1,3})\.?\s+(?P<name>.*?[^*\s])\s*(?P<post>\*?)$"
)
# a competency's name alone, as a list without numbers gives it: "Customer Service"
_NAME_ONLY = re.compile(r"^\*?[A-Z][A-Za-z&/,\u2019' -]{1,58}[A-Za-z]\*?$")
# the sentence after the list, which a copy cut short may end anywhere in
_CLOSING = "on the following pages are descriptions of each competency"
# where a line of a list set in columns holds its next column's entry: "... 34. Customer"
_NEXT_ENTRY = re.compile(r"(?<=[A-Za-z)*])\s+(?=\*?\d{1,3}\.\s+\*?[A-Z])")
_NUMBERED_TEXT = re.compile(r"^(?P<n>\d{1,3})\.\s+(?P<rest>\S.*)$")
# a list entry whose number and name a narrow tab gap parts, no space kept: "318.Aspect ..."
_TIGHT_ENTRY = re.compile(r"^(?P<n>\*?\d{1,3}\.)(?=\*?[A-Z][a-z])")
# the footnote after the list, which a copy cut short may end anywhere in (past its first word)
_FOOTNOTE_TEXT = "competencies necessary prior to job entry"
_FOOTNOTE_CUT = re.compile(r"\s\*\s*(?P<text>competencies(?:\s.*)?)$", re.IGNORECASE)
# the sentence after the list: "On the following pages ..."
_CLOSING_START = re.compile(r"^on\s+the\s+following\s+pages\b", re.IGNORECASE)
# a heading's definition a text copy gave before it, with its dash, or with its name too
_DISPLACED = re.compile(
    r"^(?P<name>[^a-z\u2013\u2014]*?[A-Z][^a-z\u2013\u2014]*?)?\s*[\u2013\u2014-]\s+(?P<text>\S.*)$"
)
# where an entry's name starts on its line, after its number: "  96. Implement" (at "I")
_NAME_START = re.compile(r"(?:^|(?<=\s))\*?\d{1,3}\.\s*\*?(?=[A-Z])")
# the next entry of a list in columns, where a definition would start: "34." (not "40")
_ENTRY_NUMBER = re.compile(r"^\*?\d{1,3}\.")
# a word in capitals: "SAFETY", "&", "SELF-DEVELOPMENT", "(CPR)"
_CAPITALS = re.compile(r"^[^a-z]*[A-Z][^a-z]*$|^[&/\u2013-]$")
#: The most words of a competency's name.
_MAX_NAME_WORDS = 8
#: The fewest letters of a name in capitals taken for a heading where the number is known.
_MIN_CAPS = 6
# names run together: capitalized words, and the small words names hold
# words parted by spaces: were the space optional, a word in capitals could be cut at each
# capital, and a line that is no name would take time exponential in its length to refuse
_NAME_WORD = r"(?:[A-Z][A-Za-z&/,\u2019'-]*|of|the|and|to|for|in|with|on|&|a)"
_NAME_RUN = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD})*\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s+")
_AREA_ITEM = re.compile(r"^\d{1,3}\.\s+(?P<text>.+)$")
_CLASS_CODE = re.compile(
    r"\bCLASS\s+CODE:?\s*(?:\(\s*(?P<a>\d{4})\s*\)|(?P<b>\d{4})\b)", re.IGNORECASE
)
_PAREN_NUMBER = re.compile(r"\s*\(\s*(?P<n>\d{4})\s*\)\s*$")
# the title's end: the code and year, in any order ("(2016) CLASS CODE 1599", "(7521)")
_TITLE_END = re.compile(
    r"(?:\s*(?:\(\s*\d{4}\s*\)|\bCLASS\s+CODE\b:?(?:\s*(?:\(\s*\d{4}\s*\)|\d{4}\b))?))+",
    re.IGNORECASE,
)
# "CLASS CODE" with no number after it: the code's place, left empty
_EMPTY_CODE = re.compile(r"\bCLASS\s+CODE\b:?", re.IGNORECASE)
# a paragraph of the title block that gives its code or year: "CLASS CODE 1230", "(2016)"
_CODE_PIECE = re.compile(r"^(?:\(\s*\d{4}\s*\)\s*)*(?:class\s+code\b.{0,12})?$", re.IGNORECASE)
_INTRODUCTION_START = re.compile(
    r"^(?:the\s+following\s+competencies|on\s+the\s+following\s+pages)\b", re.IGNORECASE
)
_INTRODUCTION = re.compile(r"\s\bthe\s+following\s+competencies\b", re.IGNORECASE)
_EMPHASIS_PHRASE = re.compile(
    r"required\s+for\s+the\s+class\s*(?P<phrase>\([^)]*\))", re.IGNORECASE
)
_YEAR_LIKE = range(1900, 2100)


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


def _plain(block: Block) -> str:
    """A block's text without emphasis markers at its ends."""
    return strip_emphasis(block.text)[0]


def _title_block(rest: str) -> str:
    """The title block's text after "COMPETENCY MODEL FOR": the title, its code and year.

    The block ends after the code and year that follow the title, or where the introduction
    starts ("The following competencies ..."), blank line or not.
    """
    end = _TITLE_END.search(rest)
    if end is not None:
        return rest[: end.end()]
    intro = _INTRODUCTION.search(rest)
    return rest[: intro.start()] if intro else rest


def _split_title_block(rest: str) -> tuple[str, str | None, list[str], bool]:
    """The title, its code, the numbers in parentheses after it, and whether it is empty.

    The code is given as "CLASS CODE 1234"; where "CLASS CODE" stands with no number after
    it, the code's place is empty, and the numbers in parentheses are no code.
    """
    code = None
    code_match = _CLASS_CODE.search(rest)
    empty = False
    if code_match:
        code = code_match.group("a") or code_match.group("b")
        rest = (rest[: code_match.start()] + " " + rest[code_match.end() :]).strip()
    elif (slot := _EMPTY_CODE.search(rest)) is not None:
        empty = True
        rest = (rest[: slot.start()] + " " + rest[slot.end() :]).strip()
    numbers: list[str] = []
    while (paren := _PAREN_NUMBER.search(rest)) is not None:
        numbers.insert(0, paren.group("n"))
        rest = rest[: paren.start()].rstrip()
    return rest, code, numbers, empty


class _Reader:
    """Reads one document's blocks; collects problems rather than stopping at the first."""

    def __init__(
        self,
        reading: Reading,
        file: str,
        code: str | None,
        names: Mapping[int, Sequence[str]] | None = None,
    ) -> None:
        self.file = file
        # the bank's names of each competency, as keys (see `name_key`)
        self.names = {n: {name_key(x) for x in found} for n, found in (names or {}).items()}
        self.every_name = {key: n for n, keys in self.names.items() for key in keys}
        self.code = code
        self.reading = reading
        self.problems: list[Problem] = []
        self.cut_at: int | None = None  # the competency whose heading the copy ends at
        self.units = list(reading.blocks)
        self.bulleted = any(u.bullet for u in self.units)
        self.header_end = 0  # the last line of the title block
        self.after_header = 0  # the index of the first block after it
        # headings found where the list ended, read whatever follows their names, by block
        self.forced: dict[int, tuple[int, str, str]] = {}

    def problem(self, code: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(code, self.file, self.reading.where(line), message))

    def text(self, units: Sequence[Block], text: str | None = None) -> Text:
        first, last = units[0].line, units[-1].lines[-1]
        soft: tuple[int, ...] = ()
        if text is None:
            text = normalize(" ".join(_plain(u) for u in units))
            if len(units) == 1:
                soft = units[0].soft_breaks
        return Text(text, self.reading.span(first, last), first, last, soft)

    # -- the title block -------------------------------------------------------------------

    def header(self) -> Header | None:
        start = next(
            (k for k, u in enumerate(self.units) if HEADER.match(strip_emphasis(u.text)[0])),
            None,
        )
        if start is None:
            self.problem(
                "import-no-header",
                None,
                'the document has no title "COMPETENCY MODEL FOR <CLASS TITLE>"',
            )
            return None
        block = self._title_blocks(start)
        self.header_end = block[-1].lines[-1]
        self.after_header = start + len(block)
        line = block[0].line
        joined = normalize(" ".join(u.text for u in block).replace("*", " "))
        match = HEADER.match(joined)
        rest, code, numbers, empty = _split_title_block(
            _title_block(match.group("rest") if match else "")
        )
        title = normalize(rest)
        if not slugify(title):
            self.problem("import-no-header", line, "the title block names no class")
            return None
        if len(title) > MAX_TITLE:
            self.problem(
                "import-bad-header",
                line,
                f"the title block runs on for {len(title)} characters; a blank line should "
                "end it after the class code",
            )
            return None
        if code is None and numbers and not empty:
            code, numbers = self._code_from(numbers, line)
        elif code is not None and code in numbers:  # the code given twice
            numbers.remove(code)
        year = self._year(numbers, line)
        return Header(title, self._settle_code(code, line), year, line)

    def _title_blocks(self, start: int) -> list[Block]:
        """The blocks of the title block, found by what they say, however they are spaced.

        "COMPETENCY MODEL FOR", the title, the code and year may each be a paragraph of its
        own, with space between them: the block goes on while the title is still to come,
        while a paragraph gives a code or year, or (no code yet) goes on in capitals; it
        ends at the introduction, a list, a heading or a label.
        """
        block = [self.units[start]]
        for unit in self.units[start + 1 :]:
            plain = _plain(unit).replace("*", "").strip()
            if (
                unit.bullet
                or NUMBERED.match(unit.text)
                or _INTRODUCTION_START.match(plain)
                or is_label(plain)
            ):
                break
            joined = normalize(" ".join(_plain(u) for u in block).replace("*", " "))
            match = HEADER.match(joined)
            rest = match.group("rest") if match else ""
            ended = _TITLE_END.search(rest) is not None
            capitals = plain.upper() == plain and not ends_sentence(plain)
            if not unit.after_blank and not ended:
                block.append(unit)  # the title's lines run on
            elif (
                (plain and _CODE_PIECE.match(plain))
                or not rest.strip()
                or (not ended and capitals and len(rest) + len(plain) <= MAX_TITLE)
            ):
                block.append(unit)
            else:
                break
        return block

    def _settle_code(self, code: str | None, line: int) -> str | None:
        """The class code: the document's, which must agree with the one given, if any."""
        if self.code is not None:
            if code is not None and code != self.code:
                self.problem(
                    "import-code-conflict",
                    line,
                    f"the document gives class code {code}, not {self.code} as asked",
                )
            return self.code
        if code is None and not any(p.code == "import-ambiguous-code" for p in self.problems):
            self.problem(
                "import-no-code",
                line,
                'the document gives no class code (as "CLASS CODE 1234" or "(1234)" after '
                "the title); give it with --code",
            )
        return code

    def _year(self, numbers: list[str], line: int) -> int | None:
        """The year among the numbers after the title (all but the code), if one."""
        if len(numbers) > 1:
            self.problem(
                "import-bad-header",
                line,
                f"the title block gives {', '.join(f'({n})' for n in numbers)}; "
                "expected at most the class code and one year",
            )
            return None
        if not numbers:
            return None
        year = int(numbers[0])
        if not 1900 <= year <= 2999:  # the schema's range
            self.problem("import-bad-header", line, f"({year}) is not a year")
            return None
        return year

    def _code_from(self, numbers: list[str], line: int) -> tuple[str | None, list[str]]:
        """The class code among the numbers in parentheses after the title, and the rest."""
        if self.code is not None:
            return (self.code if self.code in numbers else None), [
                n for n in numbers if n != self.code
            ]
        if len(numbers) == 1 and int(numbers[0]) in _YEAR_LIKE:
            self.problem(
                "import-ambiguous-code",
                line,
                f"({numbers[0]}) after the title may be the class code or the year; give the "
                "class code with --code",
            )
            return None, []
        return numbers[0], numbers[1:]

    # -- the list and the body ---------------------------------------------------------------

    def read(self) -> Document | None:  # noqa: C901, PLR0912, PLR0915 (the parts in order)
        header = self.header()
        entries: list[ListEntry] = []
        rows: list[list[ListEntry]] = []  # each line of the list: one entry, or one per column
        unnumbered: list[ListEntry] = []
        footnote_line = None
        first_heading = len(self.units)
        closed = False  # the list's footnote or the sentence after it was read: it is complete
        for k, unit in enumerate(self.units):
            text = unit.text
            if k < self.after_header:
                continue
            if self.heading(unit, entries) is not None:
                first_heading = k
                break
            if entries and self.list_ended(unit, entries, closed=closed):
                first_heading = k
                break
            if FOOTNOTE.match(text):
                footnote_line = unit.line
                closed = True
                continue
            if _CLOSING_START.match(text):
                closed = True
            tight = _TIGHT_ENTRY.match(text)
            if tight:
                text = f"{tight.group('n')} {text[tight.end() :]}"
            m = _LIST_ENTRY.match(text)
            if m and (unit.bullet or NUMBERED.match(text)):
                rows.append(_row(text, unit.line))
                if _footnote_cut(text):
                    footnote_line, closed = unit.line, True  # cut short inside the footnote
            elif rows and not unit.after_blank and self.wrapped_name(rows, text):
                pass  # the last words of an entry's name, wrapped in its column
            elif header is not None:
                unnumbered += self.names_only(unit)
            entries = _by_columns(rows, [self.reading.line(r[0].line).text for r in rows])
        entries = _down_columns(entries, rows)
        if not entries:  # a list of names without numbers: matched to the bank by name
            entries = unnumbered
        self.heads = [
            k
            for k in range(first_heading, len(self.units))
            if self.heading(self.units[k], entries) is not None
            or self.bare_heading(self.units[k], entries)
        ]
        moved = self.displaced_definitions()
        phrase = self.emphasis_phrase()
        sections = []
        unread: list[int] = []
        unread_lines: list[tuple[int, int]] = []
        for a, b in itertools.pairwise([*self.heads, len(self.units)]):
            before = len(self.problems)
            section = self.section([u for u in self.units[a:b] if id(u) not in moved], entries)
            if len(self.problems) > before or self.cut_at == section.number:
                unread.append(section.number)  # read as far as it goes; reported, left out
                unread_lines.append((section.number, section.line))
            else:
                sections.append(section)
        seen: dict[int, int] = {}
        for section in sections:
            if section.number in seen:
                self.problem(
                    "import-bad-section",
                    section.line,
                    f"competency {section.number} is described twice (also on line "
                    f"{seen[section.number]})",
                )
            seen.setdefault(section.number, section.line)
        if not entries and not sections and not unread:
            self.problem(
                "import-no-competencies",
                None,
                'the document lists and describes no competencies ("N. NAME - definition")',
            )
        elif entries and not sections and not unread:
            self.problem(
                "import-incomplete",
                self.reading.blocks[-1].lines[-1] if self.reading.blocks else None,
                f"the document lists {len(entries)} competencies but describes none "
                f"({', '.join(str(e.number or e.name) for e in entries)}); "
                "it ends here (a copy cut short?)",
            )
        if header is None:
            return None
        return Document(
            header,
            tuple(entries),
            footnote_line,
            phrase,
            tuple(sections),
            self.reading.wrapped,
            tuple(unread),
            tuple(unread_lines),
            self.bulleted,
        )

    def list_ended(self, unit: Block, entries: Sequence[ListEntry], *, closed: bool) -> bool:
        """Whether *unit*, after the list's *entries*, is the first competency's heading.

        A numbered line after the list's footnote or closing sentence, or one in capitals
        after a list in title case, starts a competency: so does one cut short at its name
        (``37. WASTEWATER OPTIONS EFFIC``) or whose definition lost its first word. It is
        kept as a heading (see `heading`); the section reports what cannot be read.
        """
        m = _NUMBERED_TEXT.match(unit.text.replace("*", ""))
        if m is None:
            return False
        number, words = int(m.group("n")), m.group("rest").split()
        known = {name_key(e.name) for e in entries if e.number == number}
        known |= self.names.get(number, set())
        size = next(
            (
                k
                for k in range(min(len(words), _MAX_NAME_WORDS), 0, -1)
                if name_key(" ".join(words[:k])) in known
            ),
            0,
        )
        caps = size or next(
            (k for k, word in enumerate(words) if not _CAPITALS.match(word)), len(words)
        )
        name = " ".join(words[:caps])
        in_capitals = bool(caps) and all(_CAPITALS.match(w) for w in words[:caps])
        title_case = all(any(c.islower() for c in e.name) for e in entries)
        if not caps or not (closed or (in_capitals and title_case)):
            return False
        if not closed and len(re.sub(r"[^A-Z]", "", name)) < 2:  # "A", "I": a word
            return False
        self.forced[id(unit)] = (number, name, " ".join(words[caps:]))
        return True

    def displaced_definitions(self) -> set[int]:
        """The blocks that are the definitions of the headings after them, by block.

        A text copy may give a heading's definition, with the dash that parts it from the
        name (``\u2013 Plans ...``), just before the heading in capitals, which then stands alone;
        or the name and definition (``EARPLUGS TASKS \u2013 40 ...``) before the number alone
        (``783.``): the heading takes them back, where the name is the number's.
        """
        moved: set[int] = set()
        for k in self.heads:
            head = self.forced.get(id(self.units[k]))
            before = self.units[k - 1] if k > self.after_header else None
            if head is None or head[2] or before is None or k - 1 in self.heads:
                continue
            m = _DISPLACED.match(before.text.replace("*", ""))
            if m is None or bool(m.group("name")) == bool(head[1]):
                continue
            name = head[1] or normalize(m.group("name"))
            if not head[1] and not (
                name_key(name) in self.names.get(head[0], set())
                or len(re.sub(r"[^A-Z]", "", name)) >= _MIN_CAPS
            ):
                continue
            self.forced[id(self.units[k])] = (head[0], name, m.group("text"))
            moved.add(id(before))
        return moved

    def bare_heading(self, unit: Block, entries: Sequence[ListEntry]) -> bool:
        """Whether *unit* is a listed competency's heading in capitals, alone on its line.

        ``37. WASTEWATER OPTIONS EFFICIENT``, its definition elsewhere (a text copy may give
        it before the heading) or lost: kept as a heading (see `heading`), so that the
        section reports it unread rather than joining it to the competency before.
        """
        plain = unit.text.replace("*", "")
        alone = re.match(r"^(?P<n>\d{1,3})\.$", plain)
        if alone is not None and int(alone.group("n")) in {e.number for e in entries}:
            self.forced[id(unit)] = (int(alone.group("n")), "", "")  # its name and text lost
            return True
        m = _NUMBERED_TEXT.match(plain)
        if m is None or int(m.group("n")) not in {e.number for e in entries}:
            return False
        number, words = int(m.group("n")), m.group("rest").split()
        known = {name_key(e.name) for e in entries if e.number == number}
        known |= self.names.get(number, set())
        name = " ".join(words)
        if not all(_CAPITALS.match(w) for w in words) or not (
            name_key(name) in known or len(re.sub(r"[^A-Z]", "", name)) >= _MIN_CAPS
        ):
            return False
        self.forced[id(unit)] = (number, name, "")
        return True

    def heading(self, unit: Block, entries: Sequence[ListEntry]) -> tuple[int, str, str] | None:
        """The number, name and definition of a competency's heading, if *unit* is one.

        ``N. NAME - definition`` with its dash; else ``N.``, the name, then the definition
        starting with a capital (or with a number, after a name in capitals): the name as
        the document's list or the bank gives it for that number (in any case), or else in
        capitals (where the list and the bank know no name for the number, or the capitals
        name no competency at all). A heading found where the list ended (see `list_ended`)
        is one whatever follows its name.
        """
        if id(unit) in self.forced:
            return self.forced[id(unit)]
        plain = unit.text.replace("*", "")
        m = HEADING.match(plain)
        if m is not None:
            return int(m.group("n")), m.group("name"), m.group("text")
        m = _NUMBERED_TEXT.match(plain)
        if m is None:
            return None
        number, words = int(m.group("n")), m.group("rest").split()
        known = {name_key(e.name) for e in entries if e.number == number}
        known |= self.names.get(number, set())
        for k in range(min(len(words) - 1, _MAX_NAME_WORDS), 0, -1):
            if name_key(" ".join(words[:k])) in known:
                listed = any(e.number == number for e in entries)
                return _split_heading(number, words, k) or _lost_start(number, words, k, listed)
        caps = 0
        while caps < len(words) and _CAPITALS.match(words[caps]):
            caps += 1
        if caps and words[caps - 1] in ("A", "I") and caps < len(words):
            caps -= 1  # "A person who ...": the definition's first word
        name = " ".join(words[:caps])
        if not caps or (
            known and (len(name.replace(" ", "")) < _MIN_CAPS or name_key(name) in self.every_name)
        ):
            return None
        return _split_heading(number, words, caps)

    def wrapped_name(self, rows: list[list[ListEntry]], text: str) -> bool:
        """Whether *text* ends the name of an entry just read, wrapped: then it is joined.

        A list in columns wraps a long name in its column; a text that gives the columns
        one after the other (``pdftotext``) prints its last words on a line of their own,
        which reads as a paragraph of its own; one that gives the rows one after the other
        prints them after the other column's entry. They are the name's of the last entry,
        or the one before it, where the name with them is the bank's name for the entry's
        number; else nothing is told.
        """
        for back in (1, 2):
            if len(rows) < back:
                break
            entry = rows[-back][-1]
            whole = f"{entry.name} {text}"
            if name_key(whole) == name_key(entry.name):
                continue  # punctuation only (the dash of a heading's definition): no word
            if name_key(whole) in self.names.get(entry.number, set()):
                rows[-back][-1] = attrs.evolve(entry, name=whole)
                return True
        return False

    def names_only(self, unit: Block) -> list[ListEntry]:
        """The list entries of a paragraph that gives competencies' names without numbers.

        A name alone (``Customer Service``), or names run together (``Safety Focus Stress
        Tolerance``, also after the introduction's last sentence), cut where the bank's
        names are; words no name of the bank's covers are kept as one entry, reported later.
        """
        text = unit.text
        marked = text.startswith("*") or text.endswith("*")
        plain = text.strip("*").strip()
        if _INTRODUCTION_START.match(plain):
            ends = list(_SENTENCE_BREAK.finditer(plain))
            plain = plain[ends[-1].end() :] if ends else ""
            marked = False
        if not plain or not _NAME_RUN.match(plain):
            return []
        if not self.every_name:
            if not _NAME_ONLY.match(plain):
                return []
            return [ListEntry(0, normalize(plain), unit.line, marked)]
        return [ListEntry(0, name, unit.line, marked) for name in self.split_names(plain)]

    def split_names(self, text: str) -> list[str]:
        """*text* cut into the bank's names, longest first; other words kept together."""
        words = text.split()
        out: list[str] = []
        other: list[str] = []
        at = 0
        while at < len(words):
            size = next(
                (
                    k
                    for k in range(min(_MAX_NAME_WORDS, len(words) - at), 0, -1)
                    if name_key(" ".join(words[at : at + k])) in self.every_name
                ),
                0,
            )
            if size:
                if other:
                    out.append(" ".join(other))
                    other = []
                out.append(" ".join(words[at : at + size]))
                at += size
            else:
                other.append(words[at])
                at += 1
        if other:
            out.append(" ".join(other))
        return out

    def emphasis_phrase(self) -> Text | None:
        joined = "\n".join(line.text for line in self.reading.lines)
        m = _EMPHASIS_PHRASE.search(joined)
        if m is not None:
            phrase = m.group("phrase")
            line = joined.count("\n", 0, m.start("phrase")) + 1
            end = line + phrase.count("\n")
            return Text(normalize(phrase.replace("*", "")), phrase, line, end)
        # the sentence runs on across a page break, a running header or footer between
        # its lines: its paragraph, read without them, says it
        for block in self.reading.blocks:
            m = _EMPHASIS_PHRASE.search(block.text)
            if m is not None and block.lines:
                phrase = m.group("phrase")
                line = next(
                    (n for n in block.lines if "(" in self.reading.lines[n - 1].text),
                    block.lines[-1],
                )
                return Text(normalize(phrase.replace("*", "")), phrase, line, line)
        return None

    # one pass over a section's parts in their order; split up, the states would scatter
    def section(  # noqa: C901, PLR0912, PLR0915
        self, units: list[Block], entries: Sequence[ListEntry]
    ) -> Section:
        head = self.heading(units[0], entries)
        assert head is not None  # noqa: S101 (sections start at headings by construction)
        number = int(head[0])
        heading = normalize(head[1])
        line = units[0].line
        definition = [self.text([units[0]], strip_emphasis(head[2])[0])]
        start = head[2][:1]
        if not start or not (start.isupper() or start.isdigit() or start in '\u201c"('):
            # a heading the copy ends at is the cut's, which `import-incomplete` names: once
            if not start and units[-1].line == self.reading.blocks[-1].line:
                self.cut_at = number  # unread, as a section with a problem is
            else:
                self.problem(
                    "import-bad-section",
                    line,
                    f"competency {number}, {heading}: its heading is read, but its definition "
                    f"does not follow it ({head[2][:30]!r}): the copy is cut short or lost words",
                )
            return Section(number, heading, line, tuple(definition), (), (), (), (), (), None, ())
        whole = " ".join([head[2], *(u.text for u in units[1:])])
        if len(_SENTENCE_BREAK.findall(whole)) > 1 and not any(
            LEVEL.match(_plain(u)) or _part_label(_plain(u)) for u in units[1:]
        ):
            self.problem(
                "import-bad-section",
                line,
                f"competency {number}, {heading}: its name and the start of its definition "
                f"({head[2][:50]!r}...) can be read, but not where its definition, levels, "
                "behavioral indicators and performance levels part: their labels are gone",
            )
            return Section(number, heading, line, tuple(definition), (), (), (), (), (), None, ())
        bunched = [
            u
            for u, v in itertools.pairwise(units[1:])
            if (m := LEVEL.match(_plain(u))) and not m.group("rest").strip() and LEVEL.match(v.text)
        ]
        if bunched:
            self.problem(
                "import-bad-section",
                bunched[0].line,
                f"competency {number}, {heading}: its labels 'Level 1:', 'Level 2:' and "
                "'Level 3:' stand together before the levels' texts, so which text is which "
                "level's, and where its behavioral indicators and performance levels start, "
                "cannot be told",
            )
            return Section(number, heading, line, tuple(definition), (), (), (), (), (), None, ())
        items: list[Text] = []
        levels: dict[int, tuple[list[Block], int]] = {}
        current_level: int | None = None
        indicators: list[Text] = []
        satisfactory: list[Text] = []
        superior: list[Text] = []
        areas: list[Text] = []
        areas_units: list[list[Block]] = []
        areas_title = None
        state = "definition"
        for unit in units[1:]:
            plain = _plain(unit)
            label = next((k for k, rx in LABELS.items() if rx.match(plain)), None)
            if state == "definition" and label is None and LEVEL.match(unit.text):
                state = "levels"  # its label lost: the levels start all the same
            if label is not None:
                if not self._next_state(state, label):
                    self.problem(
                        "import-bad-section",
                        unit.line,
                        f"competency {number}: {plain!r} is out of place here",
                    )
                state = label
                if label == "areas":
                    areas_title = plain.rstrip(":")
                continue
            if state == "definition":
                intro = (definition + items)[-1].text.endswith(":") or bool(items)
                if unit.bullet or (intro and not self.bulleted):
                    items.append(self.text([unit]))
                else:
                    definition.append(self.text([unit]))
            elif state == "levels":
                m = LEVEL.match(unit.text)
                if m:
                    n = int(m.group("n"))
                    if n not in (1, 2, 3):
                        self.problem(
                            "import-bad-section",
                            unit.line,
                            f"competency {number}: level {n}? levels are 1, 2 and 3",
                        )
                        current_level = None
                        continue
                    if n in levels:
                        self.problem(
                            "import-bad-section",
                            unit.line,
                            f"competency {number} describes level {n} twice",
                        )
                    levels[n] = ([unit], len(m.group("lead")))
                    current_level = n
                elif current_level is None:
                    self.problem(
                        "import-bad-section",
                        unit.line,
                        f"competency {number}: text before its first 'Level N:' description",
                    )
                else:
                    levels[current_level][0].append(unit)
            elif state == "indicators":
                indicators.append(self.text([unit]))
            elif state in ("satisfactory", "superior"):
                (satisfactory if state == "satisfactory" else superior).append(self.text([unit]))
            elif state == "areas":
                m = _AREA_ITEM.match(_plain(unit))
                if m is None and areas_units:  # a numbered item's lines run on: one item
                    areas_units[-1].append(unit)
                    continue
                areas_units.append([unit])
                areas.append(self.text([unit], normalize(m.group("text")) if m else None))
            else:
                self.problem(
                    "import-bad-section",
                    unit.line,
                    f"competency {number}: unexpected text after 'Performance Levels' "
                    "(expected 'Satisfactory')",
                )
        if any(len(group) > 1 for group in areas_units):
            areas = []
            for group in areas_units:
                whole = normalize(" ".join(_plain(u) for u in group))
                m = _AREA_ITEM.match(whole)
                areas.append(self.text(group, normalize(m.group("text")) if m else whole))
        level_texts = []
        for n in (1, 2, 3):
            if n not in levels:
                self.problem(
                    "import-bad-section", line, f"competency {number} has no level {n} description"
                )
                continue
            group, label_lead = levels[n]
            head_match = LEVEL.match(group[0].text)
            assert head_match is not None  # noqa: S101 (group[0] matched _LEVEL above)
            whole = " ".join([head_match.group("rest"), *(u.text for u in group[1:])])
            text, lead, trail = strip_emphasis(whole)
            inner = inner_markers(whole)
            if inner is not None:
                text = without_markers(text)
            styles = _level_styles(group, group[0].text[: head_match.start("rest")])
            if not text:
                self.problem(
                    "import-bad-section",
                    group[0].line,
                    f"competency {number}: level {n} has no description",
                )
                continue
            level_texts.append(
                LevelText(n, self.text(group, text), label_lead + lead, trail, styles, inner)
            )
        for part, found in (
            ("'Examples of Behavioral Indicators'", indicators),
            ("'Satisfactory' performance", satisfactory),
            ("'Superior' performance", superior),
        ):
            if not found:
                self.problem("import-bad-section", line, f"competency {number} has no {part}")
        return Section(
            number,
            heading,
            line,
            tuple(definition),
            tuple(items),
            tuple(level_texts),
            tuple(indicators),
            tuple(satisfactory),
            tuple(superior),
            areas_title,
            tuple(areas),
        )

    @staticmethod
    def _next_state(state: str, label: str) -> bool:
        """Whether *label* may follow *state* (a section's parts come in this order)."""
        order = ["definition", "levels", "indicators", "performance", "satisfactory", "superior"]
        if label == "areas":
            return state in ("superior", "satisfactory")
        if label == "superior":
            return state in ("satisfactory", "performance")
        if label == "satisfactory":
            return state in ("performance", "indicators")
        return order.index(label) > order.index(state) if state in order else False


def _row(text: str, line: int) -> list[ListEntry]:
    """The entries of one line of the list: one, or one per column ("8. Safety Focus 34. ...")."""
    pieces = _NEXT_ENTRY.split(text)
    out = []
    for piece in pieces:
        m = _LIST_ENTRY.match(piece)
        if m is None:  # not an entry after all: the line is one entry
            return _row_whole(text, line)
        out.append(
            ListEntry(
                int(m.group("n")),
                _without_closing(normalize(m.group("name"))),
                line,
                bool(m.group("pre") or m.group("post")),
            )
        )
    return out


def _row_whole(text: str, line: int) -> list[ListEntry]:
    m = _LIST_ENTRY.match(text)
    assert m is not None  # noqa: S101 (the caller matched it)
    name = _without_closing(normalize(m.group("name")))
    return [ListEntry(int(m.group("n")), name, line, bool(m.group("pre") or m.group("post")))]


def _by_columns(rows: Sequence[Sequence[ListEntry]], lines: Sequence[str]) -> list[ListEntry]:
    """The entries in reading order: a list set in columns is read down each column in turn.

    A line holding one entry where the others hold one per column is placed by where its
    name starts on the line as found (*lines*), where the text keeps the columns' places:
    an entry of the second column alone on its line is read in that column.
    """
    width = max((len(r) for r in rows), default=0)
    starts = [[m.end() for m in _NAME_START.finditer(line)] for line in lines]
    full = [s for r, s in zip(rows, starts, strict=True) if len(r) == width == len(s)]
    places = [min(s[c] for s in full) for c in range(width)] if full and width > 1 else []
    columns: list[list[ListEntry]] = [[] for _ in range(width)]
    for r, s in zip(rows, starts, strict=True):
        if len(r) == 1 < width and places and len(s) == 1:
            at = min(range(width), key=lambda c: abs(places[c] - s[0]))
            columns[at].append(r[0])
            continue
        for c, entry in enumerate(r):
            columns[c].append(entry)
    return [entry for column in columns for entry in column]


def _down_columns(entries: list[ListEntry], rows: Sequence[Sequence[ListEntry]]) -> list[ListEntry]:
    """*entries* in the document's order where a text gave a two-column list across them.

    A list is in the bank's order (its numbers rise). A two-column list in ``pdftotext``'s
    text (or a viewer's copy) may come row by row, an entry a line (8, 34, 13, 45, ...), or
    in pieces of each column as their lines' heights fall (a browser's columns, a name
    wrapped in one). Where the numbers as read do not rise but come from two columns as
    long as each other (within an entry), each rising as read, the first column's first,
    the columns are read one after the other; any other order is kept as found.
    """
    numbers = [e.number for e in entries]
    if len(entries) < 3 or any(len(r) != 1 for r in rows) or 0 in numbers:
        return entries
    if all(a < b for a, b in itertools.pairwise(numbers)):
        return entries
    ordered = sorted(numbers)
    if entries[0].number != ordered[0]:
        return entries
    for size in sorted({len(entries) // 2, (len(entries) + 1) // 2}, reverse=True):
        first = [e for e in entries if e.number <= ordered[size - 1]]
        second = [e for e in entries if e.number > ordered[size - 1]]
        columns = (first, second)
        if all(a.number < b.number for c in columns for a, b in itertools.pairwise(c)):
            return first + second
    return entries


def _footnote_cut(text: str) -> bool:
    """Whether *text* ends with the footnote after the list, cut short past its first word."""
    m = _FOOTNOTE_CUT.search(text)
    return m is not None and _FOOTNOTE_TEXT.startswith(normalize(m.group("text")).lower())


def _without_closing(name: str) -> str:
    """A list entry's name without the start of the sentence or footnote after the list, cut."""
    m = _FOOTNOTE_CUT.search(name)
    if m is not None and _footnote_cut(name):
        return name[: m.start()]
    at = name.find(" On ")
    while at > 0:
        if _CLOSING.startswith(name[at + 1 :].lower()):
            return name[:at]
        at = name.find(" On ", at + 1)
    return name


def _part_label(text: str) -> bool:
    """Whether *text* is a label parting a description (an areas title does not)."""
    return any(rx.match(text) for k, rx in LABELS.items() if k != "areas")


def _lost_start(
    number: int, words: Sequence[str], k: int, listed: bool
) -> tuple[int, str, str] | None:
    """A listed competency's heading whose definition lost its first words, if it is one.

    ``20. JOB KNOWLEDGE ws information ...``: the name (its first *k* words) in capitals,
    then a word in lower case. Its section reports it, where it would otherwise be read into
    the competency before it.
    """
    if listed and words[k][:1].islower() and all(_CAPITALS.match(w) for w in words[:k]):
        return number, " ".join(words[:k]), " ".join(words[k:])
    return None


def _split_heading(number: int, words: Sequence[str], k: int) -> tuple[int, str, str] | None:
    """A heading's number, name (its first *k* words) and definition, if one follows."""
    rest = words[k:]
    if not rest:
        return None
    # a definition may start with a number after a name in capitals ("EARPLUGS TASKS 40
    # for ..."), not with the next entry of a list in columns ("34.")
    numeral = (
        rest[0][:1].isdigit()
        and not _ENTRY_NUMBER.match(rest[0])
        and all(_CAPITALS.match(w) for w in words[:k])
    )
    if not (rest[0][:1].isupper() or rest[0][:1] in '\u201c"(' or numeral):
        return None
    text = " ".join(rest)
    if (
        _INTRODUCTION_START.match(text)
        or _CLOSING.startswith(text.lower())
        or _FOOTNOTE_TEXT.startswith(text.lower())
    ):
        return None  # the list's last entry, then the sentence or footnote after the list (cut)
    return number, " ".join(words[:k]), " ".join(rest)


def paragraphs_in_sentence(texts: Sequence[Text]) -> Iterator[tuple[Text, Text]]:
    """Pairs of consecutive paragraphs where the break falls inside a sentence.

    The first does not end a sentence and the second starts in lower case.
    """
    for a, b in itertools.pairwise(texts):
        if not ends_sentence(a.text) and b.text[:1].islower():
            yield a, b


def read_document(
    reading: Reading,
    file: str = "<document>",
    *,
    code: str | None = None,
    names: Mapping[int, Sequence[str]] | None = None,
) -> tuple[Document | None, tuple[Problem, ...]]:
    """Read a document's blocks as far as they go: (document, problems).

    The document is None only where it has no title block; otherwise it holds everything
    read in full, and *problems* name each part that was not (an empty tuple: all was).
    *names* gives the bank's names of each competency number: the list's names run together
    are cut where they are, and headings without their dash are told from their definitions.
    """
    if not any(b.text.strip() for b in reading.blocks):
        return None, (Problem("empty-file", file, "$", "the document is empty"),)
    reader = _Reader(reading, file, code, names)
    document = reader.read()
    return document, tuple(reader.problems)


def parse_document(
    text: str, file: str = "<document>", *, code: str | None = None
) -> tuple[Document | None, tuple[Problem, ...]]:
    """Read a competency-model document's text; (document, ()) or (None, problems).

    *file* names the document in problems, whose path is ``line N``. *code*, where given,
    is the class code: it settles a title block without one, and must agree with one that
    is there.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    document, problems = read_document(read_text(text), file, code=code)
    if problems:
        return None, problems
    return document, ()


def _level_styles(group: Sequence[Block], label: str) -> tuple[Style, ...] | None:
    """The font styles of a level's words, its ``Level N:`` label left out; None in text."""
    if any(u.styles is None for u in group):
        return None
    styles: list[Style] = []
    for k, u in enumerate(group):
        assert u.styles is not None  # noqa: S101 (checked above)
        styles += u.styles[len(label.split()) :] if k == 0 else u.styles
    return tuple(styles)
