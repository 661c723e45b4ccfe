"""The last step of the comparison: the class record's notes, which a reviewer reads.

The class file keeps a note of each reading the import had to make and the data should
remember: a list name read as the body's heading says (``garbled-name``), a level read from
emphasis markers that do not pair up (``unbalanced-emphasis``), required levels read from a
PDF's fonts (``emphasis-from-font``), required levels unknown because no level carries
emphasis (``emphasis-lost``). `class_notes` writes them from what the earlier steps passed
on; the last two are found here too, once for all the requirements they concern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from compbank.importer.findings import Finding

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from compbank.importer.names_check import Garbled
    from compbank.importer.parse import Text
    from compbank.importer.required_levels import RequiredLevel, Unbalanced


@attrs.frozen
class Notes:
    """The class record's notes, and the findings made in writing them, each in order."""

    notes: tuple[dict[str, str], ...]
    findings: tuple[Finding, ...]


def class_notes(
    garbled: Sequence[Garbled],
    levels: Mapping[int, RequiredLevel],
    phrase: Text | None,
    source: str,
    record: str,
) -> Notes:
    """The notes of class *record* read from document *source*.

    *garbled* are the list's garbled names; *levels* each requirement's required level, by
    competency number in the order of the requirements; *phrase* the document's statement
    of how it marks the required level, None where it makes none.
    """
    notes = [_garbled_note(g, source) for g in garbled]
    notes += [_unbalanced_note(r.unbalanced, source) for r in levels.values() if r.unbalanced]
    findings = []
    font = [n for n, r in levels.items() if r.from_font]
    if font:
        found, note = _font_note(font, phrase, source, record)
        findings.append(found)
        notes.append(note)
    lost = [n for n, r in levels.items() if r.lost]
    if lost:
        found, lost_note = _lost_note(lost, phrase, source, record)
        findings.append(found)
        notes += [lost_note] if lost_note else []
    return Notes(tuple(notes), tuple(findings))


def _garbled_note(g: Garbled, source: str) -> dict[str, str]:
    return {
        "kind": "garbled-name",
        "source": source,
        "path": g.path,
        "found": g.found,
        "action": f"Read as competency {g.number}, {g.name}: "
        + (
            f"the body of the document describes {g.number}. {g.heading}"
            if g.heading is not None
            else "the list gives that name without its hyphen (as a copy's text drops one "
            "where the name broke across lines)"
        )
        + ", and no bank competency has this name.",
    }


def _unbalanced_note(u: Unbalanced, source: str) -> dict[str, str]:
    return {
        "kind": "unbalanced-emphasis",
        "source": source,
        "path": u.path,
        "found": u.level.text.raw,
        "action": f"Read level {u.level.number} as required: {u.why}.",
    }


def _font_note(
    font: Sequence[int], phrase: Text | None, source: str, record: str
) -> tuple[Finding, dict[str, str]]:
    """The finding and the note saying which required levels were read from the font."""
    assert phrase is not None  # noqa: S101 (font emphasis is read only where announced)
    which = _which(font)
    finding = Finding(
        "emphasis-from-font",
        f"the required levels of {which} were read from the font: their text carries "
        f"the emphasis the document announces, {phrase.text}",
        phrase.line,
        None,
        record,
        "$.requirements",
        found=phrase.raw,
    )
    action = (
        f"Read the required levels of {which} from the PDF's fonts and underlines: the "
        "whole text of one level of each carries the emphasis the document announces, "
        "and no other level's does."
    )
    return finding, _requirements_note("emphasis-from-font", phrase.raw, action, source)


def _lost_note(
    lost: Sequence[int], phrase: Text | None, source: str, record: str
) -> tuple[Finding, dict[str, str] | None]:
    """The finding and the note saying which required levels no emphasis marks.

    No note where the document does not say how it marks the required level: there is
    nothing a copy lost.
    """
    which = _which(lost)
    if phrase is None:
        message = (
            f"no level of {which} carries emphasis, and the document does not say how "
            "it marks the required level; left unknown (null)"
        )
        return Finding("emphasis-lost", message, None, None, record, "$.requirements"), None
    message = (
        f"no level of {which} carries emphasis; the document says the required level is "
        f"marked {phrase.text}; left unknown (null)"
    )
    finding = Finding(
        "emphasis-lost", message, phrase.line, None, record, "$.requirements", found=phrase.raw
    )
    action = (
        f"The document marks the required level by emphasis, but no level of {which} "
        "carries any in this copy; "
        + ("their required levels are" if len(lost) > 1 else "its required level is")
        + " unknown (null)."
    )
    return finding, _requirements_note("emphasis-lost", phrase.raw, action, source)


def _requirements_note(kind: str, found: str, action: str, source: str) -> dict[str, str]:
    """A class note of *kind* on the requirements as a whole, quoting *found*."""
    return {
        "kind": kind,
        "source": source,
        "path": "$.requirements",
        "found": found,
        "action": action,
    }


def _which(numbers: Sequence[int]) -> str:
    """How a finding names *numbers*: "competency 34" or "competencies 2, 34"."""
    listed = ", ".join(str(n) for n in numbers)
    return f"competencies {listed}" if len(numbers) > 1 else f"competency {listed}"
