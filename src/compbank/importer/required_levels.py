"""The third step of the comparison: each requirement's required level, and what was found.

`compbank.importer.levels` reads which level of a competency its emphasis marks;
`read_required_level` reads it for one requirement of the class, with the emphasis the
document announces, and says what it found: a level left unknown because the emphasis is
unclear (more than one level, part of a level, emphasis of another kind, emphasis the
document does not announce), a level read from markers that do not pair up, or one read
with its underline unseen where the page could show none (`clipped-underline`). A level
whose competency carries no emphasis at all is unknown too: the class notes
(`compbank.importer.notes`) say so once for all of them. A level is never guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from compbank.importer import levels as emphasis
from compbank.importer.findings import Finding

if TYPE_CHECKING:
    from compbank.importer.parse import LevelText, Section, Text


#: The reasons of a `levels.Verdict` whose emphasis is unclear, each a kind of finding.
_UNCLEAR = ("ambiguous-emphasis", "partial-emphasis", "other-emphasis", "emphasis-unannounced")


@attrs.frozen
class Unbalanced:
    """A level read as required from emphasis markers that do not pair up.

    Attributes:
        path: The JSON path of the requirement's level in the class record.
        level: The level as read.
        why: How its markers fail to pair up, for people.
    """

    path: str
    level: LevelText
    why: str


@attrs.frozen
class RequiredLevel:
    """A requirement's required level, as its emphasis says, and what the reading found.

    Attributes:
        level: The level, or None where it is unknown.
        lost: Whether it is unknown for want of any emphasis (or of the competency's text).
        from_font: Whether it was read from a PDF's fonts and underlines.
        unbalanced: The level's markers, where they do not pair up.
        findings: What the reading found, in order.
    """

    level: int | None
    lost: bool = False
    from_font: bool = False
    unbalanced: Unbalanced | None = None
    findings: tuple[Finding, ...] = ()


def read_required_level(
    number: int, index: int, section: Section | None, phrase: Text | None, record: str
) -> RequiredLevel:
    """The required level of competency *number*, requirement *index* of class *record*.

    *section* is its description, None where it was not read; *phrase* the document's
    statement of how it marks the required level, None where it makes none.
    """
    if section is None:
        return RequiredLevel(None, lost=True)
    wanted = emphasis.announced(phrase.text if phrase else None)
    verdict = emphasis.required_level([lv.emphasis for lv in section.levels], wanted)
    path = f"$.requirements[{index}].required_level"
    if verdict.reason in _UNCLEAR:
        message, line, found = _unclear(number, section, verdict, phrase)
        reason = verdict.reason or ""
        unclear = Finding(reason, message, line, number, record, path, found=found)
        return RequiredLevel(None, findings=(unclear,))
    if verdict.level is None:
        return RequiredLevel(None, lost=True)
    lv = section.level(verdict.level)
    assert lv is not None  # noqa: S101 (the verdict names one of the section's levels)
    from_font = verdict.how == "font"
    if verdict.clipped:
        clipped = Finding(
            "clipped-underline",
            f"{number}: level {lv.number} read as required: some of its words show no "
            "underline, but none could show under them (the region the page draws them in "
            "ends just below their baseline); they carry the rest of the announced emphasis, "
            "the level's other words all of it",
            lv.text.line,
            number,
            record,
            path,
            found=lv.text.raw,
        )
        return RequiredLevel(verdict.level, from_font=from_font, findings=(clipped,))
    if not verdict.unbalanced:
        return RequiredLevel(verdict.level, from_font=from_font)
    why = _why(lv)
    finding = Finding(
        "unbalanced-emphasis",
        f"{number}: level {lv.number} read as required; {why}",
        lv.text.line,
        number,
        record,
        path,
        found=lv.text.raw,
    )
    unbalanced = Unbalanced(path, lv, why)
    return RequiredLevel(
        verdict.level, from_font=from_font, unbalanced=unbalanced, findings=(finding,)
    )


def _unclear(
    number: int, section: Section, verdict: emphasis.Verdict, phrase: Text | None
) -> tuple[str, int, str | None]:
    """Why a level is left unknown where the emphasis does not say which it is.

    The finding's message, its line, and the text found where showing it helps.
    """
    reason = verdict.reason or ""
    listed = ", ".join(str(n) for n in verdict.levels)
    first = section.level(verdict.levels[0]) if verdict.levels else None
    line = first.text.line if first else section.line
    announced = phrase.text if phrase else "(nothing)"
    messages = {
        "ambiguous-emphasis": f"{number}: levels {listed} all carry emphasis; the required "
        "level is left unknown (null)",
        "partial-emphasis": f"{number}: only part of the text of level {listed} carries "
        f"the announced emphasis {announced}; the required level is left unknown (null)",
        "other-emphasis": f"{number}: level {listed} carries emphasis, but not the "
        f"announced {announced}; the required level is left unknown (null)",
        "emphasis-unannounced": f"{number}: level {listed} carries emphasis, but the "
        "document does not say how it marks the required level; left unknown (null)",
    }
    found = first.text.raw if first and reason != "ambiguous-emphasis" else None
    return messages[reason], line, found


def _why(lv: LevelText) -> str:
    """How a level's emphasis markers fail to pair up, for people."""
    if lv.lead == 0:
        return (
            f"its description ends with the emphasis marker {'*' * lv.trail} but the "
            "opening marker is missing"
        )
    if lv.trail == 0:
        return (
            f"its description begins with the emphasis marker {'*' * lv.lead} but the "
            "closing marker is missing"
        )
    return f"its description opens with {'*' * lv.lead} but closes with {'*' * lv.trail}"
