"""Where each thing read stands in the document: the evidence a reviewer checks.

After an import, this step says for each requirement where its required level was read
(the level's text: its page and, in a PDF, the box on that page enclosing its characters,
or its lines in a text form) or why the level is unknown, and where each finding is. The
review (`compbank.review`) shows these places as crops of the rendered pages or as the
source's lines; the class file of a PDF keeps each requirement's page.

It reads what the earlier steps made (the `Reading` with its lines' word boxes, the parsed
`Document`, the class record and the findings) and changes none of them.

Boxes are ``(x0, y0, x1, y1)`` in PDF points in the page's user space (origin at the
bottom left), rounded outwards to hundredths so that they still enclose the characters.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import attrs

from compbank.importer import levels as emphasis
from compbank.importer.patterns import LEVEL

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from compbank.importer.blocks import Box, Line, Reading
    from compbank.importer.compare import Finding
    from compbank.importer.parse import Document, LevelText, Section

__all__ = ["Evidence", "FindingEvidence", "Place", "RequirementEvidence", "collect"]

#: Why a required level is unknown, for people, by the reason `levels.required_level` gives.
WHY_UNKNOWN = {
    "lost": "no level of its text carries the emphasis that marks the required level",
    "ambiguous-emphasis": "more than one level carries the emphasis",
    "partial-emphasis": "only part of a level's text carries the announced emphasis",
    "other-emphasis": "a level carries emphasis of another kind than the document announces",
    "emphasis-unannounced": "a level carries emphasis, but the document does not say what "
    "emphasis marks the required level",
    "not-described": "the document does not describe this competency",
}

#: The findings about a competency's levels: their place is the levels' text.
_LEVEL_FINDINGS = frozenset(
    {"ambiguous-emphasis", "partial-emphasis", "other-emphasis", "emphasis-unannounced"}
)


@attrs.frozen
class Place:
    """A place in a document.

    Attributes:
        lines: The document's lines (numbers into `Reading.lines`) it covers.
        page: The page (from 1) it starts on, where the document has pages.
        bbox: In a PDF, the box on *page* that encloses its characters on that page.
    """

    lines: tuple[int, ...] = ()
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None


@attrs.frozen
class RequirementEvidence:
    """Where a requirement's level was read, or why it is unknown.

    Attributes:
        number: The competency's number.
        required_level: The level read as required, or None.
        place: The text of that level; where it is unknown, the competency's heading.
        why: Why the level is unknown (a key of `WHY_UNKNOWN`), or None where it is known.
        levels: The levels the reason concerns (both marked levels, say).
        all_levels: Where the level is unknown, the place of the three levels' texts
            together (on the page the first starts on), to see that none is marked.
    """

    number: int
    required_level: int | None
    place: Place
    why: str | None = None
    levels: tuple[int, ...] = ()
    all_levels: Place = Place()


@attrs.frozen
class FindingEvidence:
    """Where a finding is: its kind, its message, its place (empty where it has none)."""

    kind: str
    message: str
    place: Place
    competency: int | None = None


@attrs.frozen
class Evidence:
    """The places of a document's requirements and findings.

    Attributes:
        form: The form the document was read in (``"pdf"``, ``"sources"``...).
        requirements: One per requirement of the class record, in its order.
        findings: One per finding, in the order found.
        lines: The document's lines as read (the places' line numbers index them from 1).
    """

    form: str
    requirements: tuple[RequirementEvidence, ...]
    findings: tuple[FindingEvidence, ...]
    lines: tuple[Line, ...] = attrs.field(default=(), eq=False, repr=False)

    def pages(self) -> dict[int, int]:
        """The page of each requirement, by competency number, where it has one."""
        return {r.number: r.place.page for r in self.requirements if r.place.page is not None}


def _outward(box: Box) -> Box:
    x0, y0, x1, y1 = box
    return (
        math.floor(x0 * 100) / 100,
        math.floor(y0 * 100) / 100,
        math.ceil(x1 * 100) / 100,
        math.ceil(y1 * 100) / 100,
    )


def _union(boxes: Iterable[Box]) -> Box | None:
    found = list(boxes)
    if not found:
        return None
    return _outward(
        (
            min(b[0] for b in found),
            min(b[1] for b in found),
            max(b[2] for b in found),
            max(b[3] for b in found),
        )
    )


class _Places:
    """Places from line numbers, over the lines a reading kept in its blocks."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        # running headers, footers and page numbers are in no block: never part of a place
        self.body = frozenset(n for b in reading.blocks for n in b.lines)
        self.block_of = {n: b.lines for b in reading.blocks for n in b.lines}

    def place(self, first: int, last: int, *, skip_label: bool = False) -> Place:
        """The place of lines *first* to *last*; *skip_label*: without a ``Level N:`` label."""
        numbers = [n for n in range(first, last + 1) if n in self.body]
        if not numbers:
            return Place()
        boxes: list[tuple[int, Box]] = []
        for k, n in enumerate(numbers):
            line = self.reading.line(n)
            if line.boxes is None or line.page is None:
                continue
            words = list(line.boxes)
            if k == 0 and skip_label:
                m = LEVEL.match(line.text)
                label = len(line.text[: m.start("rest")].split()) if m else 0
                words = words[label:]
            boxes += [(line.page, b) for b in words]
        pages = [self.reading.line(n).page for n in numbers]
        page = boxes[0][0] if boxes else next((p for p in pages if p is not None), None)
        bbox = _union(b for p, b in boxes if p == page)
        return Place(tuple(numbers), page, bbox)

    def level(self, lv: LevelText) -> Place:
        return self.place(lv.text.line, lv.text.last_line, skip_label=True)

    def levels(self, section: Section, numbers: Sequence[int]) -> Place:
        """The place of the levels *numbers* of *section*, together."""
        chosen = [lv for lv in section.levels if lv.number in numbers] or list(section.levels)
        if not chosen:
            return self.place(section.line, section.line)
        first = min(lv.text.line for lv in chosen)
        last = max(lv.text.last_line for lv in chosen)
        return self.place(first, last, skip_label=True)

    def block(self, line: int | None) -> Place:
        """The place of the paragraph or item holding *line*."""
        if line is None or not 1 <= line <= len(self.reading.lines):
            return Place()
        lines = self.block_of.get(line, (line,))
        return self.place(lines[0], lines[-1])


def collect(
    reading: Reading,
    document: Document,
    requirements: Sequence[dict[str, Any]],
    findings: Sequence[Finding],
) -> Evidence:
    """The places of the *requirements* (the class record's) and the *findings*.

    A known level's place is the text of that level (without its ``Level N:`` label); an
    unknown one's is the competency's heading, with the reason the level is unknown.
    """
    places = _Places(reading)
    sections = {s.number: s for s in document.sections}
    phrase = document.emphasis_phrase
    wanted = emphasis.announced(phrase.text if phrase else None)
    out = []
    for r in requirements:
        number = r["competency"]
        level = r["required_level"]
        section = sections.get(number)
        if section is None:
            out.append(RequirementEvidence(number, level, Place(), "not-described"))
            continue
        lv = section.level(level) if level is not None else None
        if lv is not None:
            out.append(RequirementEvidence(number, level, places.level(lv)))
            continue
        verdict = emphasis.required_level([x.emphasis for x in section.levels], wanted)
        heading = places.place(section.line, section.line)
        out.append(
            RequirementEvidence(
                number,
                None,
                Place(heading.lines, heading.page),
                verdict.reason or "lost",
                verdict.levels,
                places.levels(section, ()),
            )
        )
    found = []
    for f in findings:
        section = sections.get(f.competency) if f.competency is not None else None
        if f.kind in _LEVEL_FINDINGS and section is not None:
            why = emphasis.required_level([x.emphasis for x in section.levels], wanted)
            place = places.levels(section, why.levels)
        else:
            place = places.block(f.line)
        found.append(FindingEvidence(f.kind, f.message, place, f.competency))
    return Evidence(reading.form, tuple(out), tuple(found), reading.lines)
