"""Step 4 of parsing: each competency's description, cut into its parts and read.

A description runs from its heading to the next: the definition (and its items), the
``Level N:`` descriptions after "Level of Competency Required by Job:", the behavioral
indicators, the satisfactory and superior performance, and sometimes an "... Areas" list.
Parts come in that order, each after its label. What cannot be read is reported, never
guessed: a description whose labels are gone (a web transcription), or whose ``Level N:``
labels stand together before the texts, is kept as its heading and definition only, and
left unread.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import attrs

from compbank.importer.document import LevelText, Section, Text, plain
from compbank.importer.levels import inner_markers, without_markers
from compbank.importer.patterns import (
    LABELS,
    LEVEL,
    SENTENCE_BREAK,
    ends_sentence,
    normalize,
    strip_emphasis,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.blocks import Block, Style
    from compbank.importer.document import Context, ListEntry
    from compbank.importer.headings import Head, Headings

__all__ = ["read_sections"]

_AREA_ITEM = re.compile(r"^\d{1,3}\.\s+(?P<text>.+)$")
# an item's number alone, its text in the blocks after it (a text copy may part them)
_AREA_NUMBER = re.compile(r"^\d{1,3}\.$")
# the order of a description's parts
_ORDER = ["definition", "levels", "indicators", "performance", "satisfactory", "superior"]


def read_sections(  # noqa: PLR0913 (the steps before give each)
    context: Context,
    headings: Headings,
    heads: Sequence[int],
    moved: set[int],
    entries: Sequence[ListEntry],
    *,
    bulleted: bool,
) -> tuple[tuple[Section, ...], tuple[tuple[int, int], ...]]:
    """The descriptions read in full, and the (number, line) of each that could not be.

    *heads* are the indexes of the headings' blocks; *moved*, the blocks a heading took
    back as its definition (see `Headings.displaced`); *bulleted*, whether any item of
    the document carries its bullet (where none does, items cannot be told from the
    paragraphs before them but by a colon).
    """
    units = context.reading.blocks
    sections: list[Section] = []
    unread: list[tuple[int, int]] = []
    for a, b in itertools.pairwise([*heads, len(units)]):
        part = [u for u in units[a:b] if id(u) not in moved]
        head = headings.heading(part[0], entries)
        assert head is not None  # noqa: S101 (sections start at headings by construction)
        section, whole = _read_section(context, part, head, bulleted=bulleted)
        if whole:
            sections.append(section)
        else:  # read as far as it goes; reported, left out
            unread.append((section.number, section.line))
    seen: dict[int, int] = {}
    for section in sections:
        if section.number in seen:
            context.problem(
                "import-bad-section",
                section.line,
                f"competency {section.number} is described twice (also on line "
                f"{seen[section.number]})",
            )
        seen.setdefault(section.number, section.line)
    return tuple(sections), tuple(unread)


@attrs.define
class _Parts:
    """A description's parts as they are found, in order."""

    definition: list[Text]
    items: list[Text] = attrs.field(factory=list)
    levels: dict[int, tuple[list[Block], int]] = attrs.field(factory=dict)  # blocks, lead
    indicators: list[Text] = attrs.field(factory=list)
    satisfactory: list[Text] = attrs.field(factory=list)
    superior: list[Text] = attrs.field(factory=list)
    areas: list[Text] = attrs.field(factory=list)
    areas_units: list[list[Block]] = attrs.field(factory=list)
    areas_title: str | None = None


def _read_section(
    context: Context, units: Sequence[Block], head: Head, *, bulleted: bool
) -> tuple[Section, bool]:
    """The description *units* hold, its heading read as *head*; and whether it is whole."""
    before = len(context.problems)
    number, heading, line = int(head[0]), normalize(head[1]), units[0].line
    parts = _Parts([context.text([units[0]], strip_emphasis(head[2])[0])])
    if not _readable(context, units, number, heading, head[2]):
        section = Section(
            number, heading, line, tuple(parts.definition), (), (), (), (), (), None, ()
        )
        return section, False
    _sort_parts(context, number, units[1:], parts, bulleted=bulleted)
    areas = _areas(context, parts)
    levels = _level_texts(context, number, line, parts.levels)
    for name, found in (
        ("'Examples of Behavioral Indicators'", parts.indicators),
        ("'Satisfactory' performance", parts.satisfactory),
        ("'Superior' performance", parts.superior),
    ):
        if not found:
            context.problem("import-bad-section", line, f"competency {number} has no {name}")
    section = Section(
        number,
        heading,
        line,
        tuple(parts.definition),
        tuple(parts.items),
        tuple(levels),
        tuple(parts.indicators),
        tuple(parts.satisfactory),
        tuple(parts.superior),
        parts.areas_title,
        tuple(areas),
    )
    return section, len(context.problems) == before


def _readable(
    context: Context, units: Sequence[Block], number: int, heading: str, rest: str
) -> bool:
    """Whether the description's parts can be told apart; if not, a problem says why.

    Not where the definition does not follow the heading (*rest*, the heading's text after
    the name), nor where the labels parting the description are gone or stand together.
    A heading the copy ends at, or a description it ends amid a sentence in, is the cut's,
    which `import-incomplete` names: it is left unread without a problem of its own. Not
    a description that goes on to the copy's end and ends a sentence there.
    """
    line = units[0].line
    start = rest[:1]
    if not start or not (start.isupper() or start.isdigit() or start in '\u201c"('):
        cut = units[-1].line == context.reading.blocks[-1].line and (
            len(units) == 1 or not ends_sentence(units[-1].text)
        )
        if start or not cut:
            context.problem(
                "import-bad-section",
                line,
                f"competency {number}, {heading}: its heading is read, but its definition "
                f"does not follow it ({rest[:30]!r}): the copy is cut short or lost words",
            )
        return False
    whole = " ".join([rest, *(u.text for u in units[1:])])
    if len(SENTENCE_BREAK.findall(whole)) > 1 and not any(
        LEVEL.match(plain(u)) or _part_label(plain(u)) for u in units[1:]
    ):
        context.problem(
            "import-bad-section",
            line,
            f"competency {number}, {heading}: its name and the start of its definition "
            f"({rest[:50]!r}...) can be read, but not where its definition, levels, "
            "behavioral indicators and performance levels part: their labels are gone",
        )
        return False
    bunched = [
        u
        for u, v in itertools.pairwise(units[1:])
        if (m := LEVEL.match(plain(u))) and not m.group("rest").strip() and LEVEL.match(v.text)
    ]
    if bunched:
        context.problem(
            "import-bad-section",
            bunched[0].line,
            f"competency {number}, {heading}: its labels 'Level 1:', 'Level 2:' and "
            "'Level 3:' stand together before the levels' texts, so which text is which "
            "level's, and where its behavioral indicators and performance levels start, "
            "cannot be told",
        )
        return False
    return True


def _sort_parts(
    context: Context, number: int, units: Sequence[Block], parts: _Parts, *, bulleted: bool
) -> None:
    """Each of *units* into its part of *parts*, by the labels before it."""
    current_level: int | None = None
    state = "definition"
    for unit in units:
        text = plain(unit)
        label = next((k for k, rx in LABELS.items() if rx.match(text)), None)
        if state == "definition" and label is None and LEVEL.match(unit.text):
            state = "levels"  # its label lost: the levels start all the same
        if label is not None:
            if not _next_state(state, label):
                context.problem(
                    "import-bad-section",
                    unit.line,
                    f"competency {number}: {text!r} is out of place here",
                )
            state = label
            if label == "areas":
                parts.areas_title = text.rstrip(":")
            continue
        if state == "definition":
            intro = (parts.definition + parts.items)[-1].text.endswith(":") or bool(parts.items)
            item = unit.bullet or (intro and not bulleted)
            (parts.items if item else parts.definition).append(context.text([unit]))
        elif state == "levels":
            current_level = _level_part(context, number, unit, parts.levels, current_level)
        elif state in ("indicators", "satisfactory", "superior"):
            found = {"indicators": parts.indicators, "satisfactory": parts.satisfactory}
            found.get(state, parts.superior).append(context.text([unit]))
        elif state == "areas":
            _area_part(context, unit, parts)
        else:
            context.problem(
                "import-bad-section",
                unit.line,
                f"competency {number}: unexpected text after 'Performance Levels' "
                "(expected 'Satisfactory')",
            )


def _next_state(state: str, label: str) -> bool:
    """Whether *label* may follow *state* (a section's parts come in this order)."""
    if label == "areas":
        return state in ("superior", "satisfactory")
    if label == "superior":
        return state in ("satisfactory", "performance")
    if label == "satisfactory":
        return state in ("performance", "indicators")
    return _ORDER.index(label) > _ORDER.index(state) if state in _ORDER else False


def _level_part(
    context: Context,
    number: int,
    unit: Block,
    levels: dict[int, tuple[list[Block], int]],
    current: int | None,
) -> int | None:
    """*unit*, among the levels: a ``Level N:`` description's start, or its next line.

    Returns the level the lines after it continue (None: none yet).
    """
    m = LEVEL.match(unit.text)
    if m is None:
        if current is None:
            context.problem(
                "import-bad-section",
                unit.line,
                f"competency {number}: text before its first 'Level N:' description",
            )
        else:
            levels[current][0].append(unit)
        return current
    n = int(m.group("n"))
    if n not in (1, 2, 3):
        context.problem(
            "import-bad-section",
            unit.line,
            f"competency {number}: level {n}? levels are 1, 2 and 3",
        )
        return None
    if n in levels:
        context.problem(
            "import-bad-section", unit.line, f"competency {number} describes level {n} twice"
        )
    levels[n] = ([unit], len(m.group("lead")))
    return n


def _level_texts(
    context: Context, number: int, line: int, levels: dict[int, tuple[list[Block], int]]
) -> list[LevelText]:
    """The three level descriptions, with the emphasis found on each."""
    out = []
    for n in (1, 2, 3):
        if n not in levels:
            context.problem(
                "import-bad-section", line, f"competency {number} has no level {n} description"
            )
            continue
        group, label_lead = levels[n]
        head_match = LEVEL.match(group[0].text)
        assert head_match is not None  # noqa: S101 (group[0] matched LEVEL before)
        whole = " ".join([head_match.group("rest"), *(u.text for u in group[1:])])
        text, lead, trail = strip_emphasis(whole)
        inner = inner_markers(whole)
        if inner is not None:
            text = without_markers(text)
        styles = _level_styles(group, group[0].text[: head_match.start("rest")])
        if not text:
            context.problem(
                "import-bad-section",
                group[0].line,
                f"competency {number}: level {n} has no description",
            )
            continue
        out.append(LevelText(n, context.text(group, text), label_lead + lead, trail, styles, inner))
    return out


def _area_part(context: Context, unit: Block, parts: _Parts) -> None:
    """*unit*, in an areas list: an item (or its number alone), or the next line of one."""
    m = _AREA_ITEM.match(plain(unit))
    if m is None and parts.areas_units and not _AREA_NUMBER.match(plain(unit)):
        parts.areas_units[-1].append(unit)
        return
    parts.areas_units.append([unit])
    parts.areas.append(context.text([unit], normalize(m.group("text")) if m else None))


def _areas(context: Context, parts: _Parts) -> list[Text]:
    """The areas list's items; an item whose lines ran on, read as one."""
    if not any(len(group) > 1 for group in parts.areas_units):
        return parts.areas
    areas = []
    for group in parts.areas_units:
        whole = normalize(" ".join(plain(u) for u in group))
        m = _AREA_ITEM.match(whole)
        areas.append(context.text(group, normalize(m.group("text")) if m else whole))
    return areas


def _part_label(text: str) -> bool:
    """Whether *text* is a label parting a description (an areas title does not)."""
    return any(rx.match(text) for k, rx in LABELS.items() if k != "areas")


def _level_styles(group: Sequence[Block], label: str) -> tuple[Style, ...] | None:
    """The font styles of a level's words, its ``Level N:`` label left out; None in text."""
    if any(u.styles is None for u in group):
        return None
    styles: list[Style] = []
    for k, u in enumerate(group):
        assert u.styles is not None  # noqa: S101 (checked above)
        styles += u.styles[len(label.split()) :] if k == 0 else u.styles
    return tuple(styles)
