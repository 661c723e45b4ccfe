"""Step 1 of importing: a competency-model document's text, read into plain records.

Two forms of text are read, and recognised by themselves:

- the form of ``data/sources/``: one paragraph or list item per line, list items marked
  ``- ``, the required level marked by emphasis (``*``, ``**`` or ``***`` around its text);
- plain text as extracted from the PDFs: lines hard-wrapped at a fixed width, a page number
  alone on a line between pages, list markers lost (one item per line, sometimes with blank
  lines between), ``Level 1:`` alone on its line with its text on the lines that follow.

A document is *wrapped* when no line is longer than `MAX_WRAP_WIDTH`. In a wrapped document a
line continues the one before unless that line ended short: the next line's first word would
have fitted on it (the widest line gives the width), or it starts a new item by its form (a
number, a bullet, a ``Level N:`` label, a section label). A line ending a sentence (or a
list introduction) ends its item when the next starts in upper case; a line starting in
lower case always continues. Page numbers are dropped together with the blank lines around
them, so that a page break never splits or ends a paragraph by itself.

Nothing here knows the bank; `compbank.importer.compare` compares what is read with it.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import attrs

from compbank._checks import slugify
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

#: Lines of documents in the sources' form are whole paragraphs; wrapped text is narrower.
MAX_WRAP_WIDTH = 120
#: Class titles are a few words; a longer one means the title block did not end.
MAX_TITLE = 100

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)
_BULLET = re.compile(r"^[-•▪◦]\s+")
_NUMBERED = re.compile(r"^\*?\s*\d{1,3}\.\s")
_LEVEL = re.compile(r"^(?P<lead>\*{0,3})\s*Level\s+(?P<n>\d)\s*:\s*(?P<rest>.*)$")
# "N. NAME - definition": the name in capitals, then an en dash, em dash or hyphen
_HEADING = re.compile(
    r"^(?P<n>\d{1,3})\.\s+(?P<name>[^a-z\u2013\u2014]*?[A-Z][^a-z\u2013\u2014]*?)"
    r"\s+[\u2013\u2014-]\s*(?P<text>.*)$"
)
_LIST_ENTRY = re.compile(r"^(?P<pre>\*?)\s*(?P<n>\d{1,3})\.\s+(?P<name>.*?[^*\s])\s*(?P<post>\*?)$")
_AREA_ITEM = re.compile(r"^\d{1,3}\.\s+(?P<text>.+)$")
_FOOTNOTE = re.compile(
    r"^\*\s*competencies\s+necessary\s+prior\s+to\s+job\s+entry\.?$", re.IGNORECASE
)
_HEADER = re.compile(r"^competency\s+model\s+for\b\s*(?P<rest>.*)$", re.IGNORECASE)
_CLASS_CODE = re.compile(
    r"\bCLASS\s+CODE:?\s*(?:\(\s*(?P<a>\d{4})\s*\)|(?P<b>\d{4})\b)", re.IGNORECASE
)
_PAREN_NUMBER = re.compile(r"\s*\(\s*(?P<n>\d{4})\s*\)\s*$")
_EMPHASIS_PHRASE = re.compile(
    r"required\s+for\s+the\s+class\s*(?P<phrase>\([^)]*\))", re.IGNORECASE
)
_YEAR_LIKE = range(1900, 2100)

_LABELS = {
    "levels": re.compile(
        r"^level\s+of\s+competency\s+required(?:\s+by\s+(?:the\s+)?job)?:?$", re.IGNORECASE
    ),
    "indicators": re.compile(r"^examples\s+of\s+behavioral\s+indicators:?$", re.IGNORECASE),
    "performance": re.compile(r"^performance\s+levels:?$", re.IGNORECASE),
    "satisfactory": re.compile(r"^satisfactory(?:\s+performance)?:?$", re.IGNORECASE),
    "superior": re.compile(r"^superior(?:\s+performance)?:?$", re.IGNORECASE),
    "areas": re.compile(r"^[A-Z][A-Za-z/&,\u2019' -]{0,60}\sAreas:?$"),
}
# In wrapped text, a line ending a sentence or introducing a list, followed by one starting
# in upper case, ends its item: no list item of the bank holds two sentences.
_FULL_STOP = re.compile(r"[.!?:][\"\u201d\u2019')\]]*$")
_SENTENCE_END = re.compile(r"[.!?:;][\"\u201d\u2019')\]]*$")


def normalize(text: str) -> str:
    """*text* with runs of whitespace made one space and no space at either end."""
    return " ".join(text.split())


def strip_emphasis(text: str) -> tuple[str, int, int]:
    """*text* without emphasis markers at its ends; also how many were found at each end."""
    inner = text.strip()
    lead = len(inner) - len(inner.lstrip("*"))
    inner = inner.lstrip("*")
    trail = len(inner) - len(inner.rstrip("*"))
    return inner.rstrip("*").strip(), lead, trail


def ends_sentence(text: str) -> bool:
    """Whether *text* ends as a sentence or a list introduction does."""
    return _SENTENCE_END.search(text) is not None


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

    number: int
    name: str
    line: int
    marked: bool  # carries the ``*`` of "necessary prior to job entry"

    @property
    def found(self) -> str:
        """The entry as printed, without list or footnote markers."""
        return f"{self.number}. {self.name}"


@attrs.frozen
class LevelText:
    """One ``Level N:`` description, with the emphasis markers found around it."""

    number: int
    text: Text
    lead: int  # emphasis markers before the text
    trail: int  # ... and after it

    @property
    def marked(self) -> bool:
        """Whether any emphasis marker survived on this level."""
        return bool(self.lead or self.trail)


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
        sections: The body's descriptions of competencies, in document order.
        wrapped: Whether the text is hard-wrapped (plain text from a PDF).
    """

    header: Header
    entries: tuple[ListEntry, ...]
    footnote_line: int | None
    emphasis_phrase: Text | None
    sections: tuple[Section, ...]
    wrapped: bool


@attrs.frozen
class _Unit:
    """A paragraph or item: consecutive lines read as one."""

    lines: tuple[tuple[int, str], ...]
    after_blank: bool
    soft: frozenset[int] = frozenset()  # indices of lines that may start an item as well

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def bullet(self) -> bool:
        return _BULLET.match(self.lines[0][1].strip()) is not None

    @property
    def text(self) -> str:
        """The normalized text, without list marker (emphasis markers kept)."""
        return _BULLET.sub("", normalize(" ".join(t for _, t in self.lines)), count=1)

    @property
    def plain(self) -> str:
        """The normalized text without list marker or emphasis markers at its ends."""
        return strip_emphasis(self.text)[0]


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0]


def _starts_unit(line: str) -> bool:
    """Whether *line* begins a new paragraph or item by its form alone."""
    plain = strip_emphasis(line)[0]
    return bool(
        _BULLET.match(line)
        or _NUMBERED.match(line)
        or _LEVEL.match(line)
        or _FOOTNOTE.match(line)
        or _HEADER.match(plain)
        or any(label.match(plain) for label in _LABELS.values())
    )


def _is_label(line: str) -> bool:
    plain = strip_emphasis(line)[0]
    return any(label.match(plain) for label in _LABELS.values())


def _content_lines(lines: Sequence[str]) -> list[tuple[int, str]]:
    """The lines that carry text, numbered from 1; page numbers and blanks around them go.

    Blank lines stay (as empty strings): they separate paragraphs.
    """
    kept: list[tuple[int, str]] = [
        (i, line.replace("\f", "").rstrip()) for i, line in enumerate(lines, start=1)
    ]
    drop: set[int] = set()
    for k, (_, text) in enumerate(kept):
        if _PAGE_NUMBER.match(text.strip()):
            drop.add(k)
            j = k - 1
            while j >= 0 and not kept[j][1].strip():
                drop.add(j)
                j -= 1
            j = k + 1
            while j < len(kept) and not kept[j][1].strip():
                drop.add(j)
                j += 1
    return [entry for k, entry in enumerate(kept) if k not in drop]


def _units(lines: list[tuple[int, str]], width: int | None) -> list[_Unit]:
    """Group lines into paragraphs and items (see the module docstring for the rules)."""
    units: list[_Unit] = []
    current: list[tuple[int, str]] = []
    soft: set[int] = set()
    after_blank = True
    blank = True
    for number, raw in lines:
        text = raw.strip()
        if not text:
            blank = True
            continue
        starts = blank or not current or _starts_unit(text) or _is_label(current[-1][1])
        if not starts:
            previous = current[-1][1].strip()
            if width is None:
                starts = True
            elif not text[0].islower():
                starts = (
                    _FULL_STOP.search(previous) is not None
                    or len(previous) + 1 + len(_first_word(text)) <= width
                )
                if not starts:
                    soft.add(len(current))
        if starts:
            if current:
                units.append(_Unit(tuple(current), after_blank, frozenset(soft)))
            current = []
            soft = set()
            after_blank = blank
        current.append((number, text))
        blank = False
    if current:
        units.append(_Unit(tuple(current), after_blank, frozenset(soft)))
    return units


def _word_positions(unit: _Unit) -> tuple[int, ...]:
    """The positions, in the unit's words, of the lines in `_Unit.soft`."""
    positions = []
    count = -1 if unit.bullet else 0
    for k, (_, line) in enumerate(unit.lines):
        if k in unit.soft:
            positions.append(count)
        count += len(line.split())
    return tuple(positions)


def _split_title_block(rest: str) -> tuple[str, str | None, list[str]]:
    """The title, the code given as "CLASS CODE", and the numbers in parentheses after it."""
    code = None
    code_match = _CLASS_CODE.search(rest)
    if code_match:
        code = code_match.group("a") or code_match.group("b")
        rest = (rest[: code_match.start()] + " " + rest[code_match.end() :]).strip()
    numbers: list[str] = []
    while (paren := _PAREN_NUMBER.search(rest)) is not None:
        numbers.insert(0, paren.group("n"))
        rest = rest[: paren.start()].rstrip()
    return rest, code, numbers


def _span(lines: Sequence[str], first: int, last: int) -> str:
    """The document's lines *first* to *last* (numbered from 1), exactly as found."""
    return "\n".join(lines[first - 1 : last]).strip()


class _Reader:
    """Reads one document; collects problems rather than stopping at the first."""

    def __init__(self, text: str, file: str, code: str | None) -> None:
        self.file = file
        self.code = code
        self.lines = text.split("\n")
        self.problems: list[Problem] = []
        content = _content_lines(self.lines)
        longest = max((len(t.strip()) for _, t in content), default=0)
        self.width = longest if longest <= MAX_WRAP_WIDTH else None
        self.units = _units(content, self.width)
        self.bulleted = any(u.bullet for u in self.units)

    def problem(self, code: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(code, self.file, f"line {line}" if line else "$", message))

    def text(self, units: Sequence[_Unit], text: str | None = None) -> Text:
        first, last = units[0].line, units[-1].lines[-1][0]
        soft: tuple[int, ...] = ()
        if text is None:
            text = normalize(" ".join(u.plain for u in units))
            if len(units) == 1 and units[0].soft:
                soft = _word_positions(units[0])
        return Text(text, _span(self.lines, first, last), first, last, soft)

    # -- the title block -------------------------------------------------------------------

    def header(self) -> Header | None:
        start = next(
            (k for k, u in enumerate(self.units) if _HEADER.match(strip_emphasis(u.text)[0])),
            None,
        )
        if start is None:
            self.problem(
                "import-no-header",
                None,
                'the document has no title "COMPETENCY MODEL FOR <CLASS TITLE>"',
            )
            return None
        block = [self.units[start]]
        for unit in self.units[start + 1 :]:
            if unit.after_blank or unit.bullet or _NUMBERED.match(unit.text):
                break
            block.append(unit)
        line = block[0].line
        joined = normalize(" ".join(u.text for u in block).replace("*", " "))
        match = _HEADER.match(joined)
        rest, code, numbers = _split_title_block(match.group("rest") if match else "")
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
        if code is None and numbers:
            code, numbers = self._code_from(numbers, line)
        elif code is not None and code in numbers:  # the code given twice
            numbers.remove(code)
        year = self._year(numbers, line)
        return Header(title, self._settle_code(code, line), year, line)

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

    def read(self) -> Document | None:
        header = self.header()
        first_heading = next(
            (k for k, u in enumerate(self.units) if _HEADING.match(u.text.replace("*", ""))),
            len(self.units),
        )
        entries: list[ListEntry] = []
        footnote_line = None
        for unit in self.units[:first_heading]:
            text = unit.text
            if _FOOTNOTE.match(text):
                footnote_line = unit.line
                continue
            m = _LIST_ENTRY.match(text)
            if m and (unit.bullet or _NUMBERED.match(text)):
                entries.append(
                    ListEntry(
                        int(m.group("n")),
                        normalize(m.group("name")),
                        unit.line,
                        bool(m.group("pre") or m.group("post")),
                    )
                )
        phrase = self.emphasis_phrase()
        sections = []
        heads = [
            k
            for k, u in enumerate(self.units)
            if k >= first_heading and _HEADING.match(u.text.replace("*", ""))
        ]
        for a, b in itertools.pairwise([*heads, len(self.units)]):
            section = self.section(self.units[a:b])
            if section is not None:
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
        if not entries and not sections:
            self.problem(
                "import-no-competencies",
                None,
                'the document lists and describes no competencies ("N. NAME - definition")',
            )
        if header is None or self.problems:
            return None
        return Document(
            header, tuple(entries), footnote_line, phrase, tuple(sections), self.width is not None
        )

    def emphasis_phrase(self) -> Text | None:
        joined = "\n".join(self.lines)
        m = _EMPHASIS_PHRASE.search(joined)
        if m is None:
            return None
        phrase = m.group("phrase")
        line = joined.count("\n", 0, m.start("phrase")) + 1
        return Text(normalize(phrase.replace("*", "")), phrase, line, line + phrase.count("\n"))

    # one pass over a section's parts in their order; split up, the states would scatter
    def section(self, units: list[_Unit]) -> Section | None:  # noqa: C901, PLR0912, PLR0915
        head = _HEADING.match(units[0].text.replace("*", ""))
        assert head is not None  # noqa: S101 (sections start at headings by construction)
        number = int(head.group("n"))
        heading = normalize(head.group("name"))
        line = units[0].line
        definition = [self.text([units[0]], strip_emphasis(head.group("text"))[0])]
        items: list[Text] = []
        levels: dict[int, tuple[list[_Unit], int]] = {}
        current_level: int | None = None
        indicators: list[Text] = []
        satisfactory: list[Text] = []
        superior: list[Text] = []
        areas: list[Text] = []
        areas_title = None
        state = "definition"
        for unit in units[1:]:
            plain = unit.plain
            label = next((k for k, rx in _LABELS.items() if rx.match(plain)), None)
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
                m = _LEVEL.match(_BULLET.sub("", unit.text, count=1))
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
                m = _AREA_ITEM.match(unit.plain)
                areas.append(self.text([unit], normalize(m.group("text")) if m else None))
            else:
                self.problem(
                    "import-bad-section",
                    unit.line,
                    f"competency {number}: unexpected text after 'Performance Levels' "
                    "(expected 'Satisfactory')",
                )
        level_texts = []
        for n in (1, 2, 3):
            if n not in levels:
                self.problem(
                    "import-bad-section", line, f"competency {number} has no level {n} description"
                )
                continue
            group, label_lead = levels[n]
            head_match = _LEVEL.match(_BULLET.sub("", group[0].text, count=1))
            assert head_match is not None  # noqa: S101 (group[0] matched _LEVEL above)
            whole = " ".join([head_match.group("rest"), *(u.text for u in group[1:])])
            text, lead, trail = strip_emphasis(whole)
            if not text:
                self.problem(
                    "import-bad-section",
                    group[0].line,
                    f"competency {number}: level {n} has no description",
                )
                continue
            level_texts.append(LevelText(n, self.text(group, text), label_lead + lead, trail))
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


def paragraphs_in_sentence(texts: Sequence[Text]) -> Iterator[tuple[Text, Text]]:
    """Pairs of consecutive paragraphs where the break falls inside a sentence.

    The first does not end a sentence and the second starts in lower case.
    """
    for a, b in itertools.pairwise(texts):
        if not ends_sentence(a.text) and b.text[:1].islower():
            yield a, b


def parse_document(
    text: str, file: str = "<document>", *, code: str | None = None
) -> tuple[Document | None, tuple[Problem, ...]]:
    """Read a competency-model document; (document, ()) or (None, problems).

    *file* names the document in problems, whose path is ``line N``. *code*, where given,
    is the class code: it settles a title block without one, and must agree with one that
    is there.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if not text.strip():
        return None, (Problem("empty-file", file, "$", "the document is empty"),)
    reader = _Reader(text, file, code)
    document = reader.read()
    return document, tuple(reader.problems)
