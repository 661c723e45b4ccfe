"""Step 2 of importing: what a read document means for the data, compared with the bank.

From a `parse.Document` and a `Bank` this builds the class record, a bank record for each
competency the bank lacks, and the report: for every competency read, whether its texts are
identical to the bank's, differ (with a word-level diff of each differing text) or are new;
and every finding about the document (where its list and body disagree, damaged texts,
emphasis that does not say which level is required). Bank texts are never replaced: a
difference is reported, nothing more.

Its records (`Finding`, `CompetencyComparison`, ...) are defined in `findings`; this module
gives every one of their names too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs

from compbank._checks import class_file_name, slugify
from compbank._structure import SCHEMA_REF
from compbank.importer import levels as emphasis
from compbank.importer.findings import (
    DRIFT,
    FINDINGS,
    FIXES,
    CompetencyComparison,
    FieldDiff,
    Finding,
    Segment,
    Status,
    diff_segments,
    render_diff,
)
from compbank.importer.listing_check import check_list
from compbank.importer.texts_compare import compare_texts

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from compbank._bank import Bank
    from compbank.importer.parse import Document, LevelText, Section
    from compbank.problems import Problem

__all__ = [
    "DRIFT",
    "FINDINGS",
    "FIXES",
    "CompetencyComparison",
    "FieldDiff",
    "FileAction",
    "Finding",
    "PlannedFile",
    "Segment",
    "Status",
    "build",
    "diff_segments",
    "render_diff",
    "source_name",
]

FileAction = Literal["create", "replace", "unchanged", "kept"]


@attrs.frozen
class PlannedFile:
    """A file the import would write (or leaves alone), relative to the data directory.

    ``create``: it does not exist; ``replace``: it exists with other content (class files
    only, and only with ``force``); ``unchanged``: it exists with this content; ``kept``: it
    exists with other content and is left as it is.
    """

    file: str
    action: FileAction
    content: str | bytes = attrs.field(repr=False, eq=False)


def source_name(code: str, title: str, suffix: str = ".txt") -> str:
    """The file name a document is kept under in ``data/sources/``."""
    return f"{code}-{slugify(title)}{suffix}"


class _Builder:
    """Builds the records, comparisons and findings for one document."""

    def __init__(
        self,
        document: Document,
        bank: Bank,
        file: str,
        where: Callable[[int | None], str],
        suffix: str,
    ) -> None:
        self.doc = document
        self.bank = bank
        self.file = file
        self.where = where
        header = document.header
        assert header.code is not None  # noqa: S101 (parse reports a missing code)
        self.code = header.code
        self.source = source_name(header.code, header.title, suffix)
        self.class_record = f"classes/{class_file_name(header.code, header.title)}"
        self.findings: list[Finding] = []
        self.problems: list[Problem] = []
        self.comparisons: list[CompetencyComparison] = []
        self.new_competencies: list[dict[str, Any]] = []

    def find(  # noqa: PLR0913 (the fields of a Finding, all but two by keyword)
        self,
        kind: str,
        message: str,
        *,
        line: int | None,
        competency: int | None = None,
        record: str | None = None,
        path: str = "$",
        recorded: bool = False,
        found: str | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                kind, message, line, competency, record or self.class_record, path, recorded, found
            )
        )

    def compare(self, section: Section, name: str) -> None:
        """Compare a competency's texts with the bank (see `texts_compare`)."""
        compared = compare_texts(section, name, self.bank, self.source, bulleted=self.doc.bulleted)
        self.findings += compared.findings
        self.comparisons.append(compared.comparison)
        if compared.new is not None:
            self.new_competencies.append(compared.new)

    # -- the class record -----------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        sections = {s.number: s for s in self.doc.sections}
        listing = check_list(self.doc, self.bank, self.class_record, self.file, self.where)
        self.findings += listing.findings
        requirements: list[dict[str, Any]] = []
        unbalanced: list[dict[str, str]] = []
        unknown: list[int] = []
        font: list[int] = []
        for index, number in enumerate(listing.numbers):
            self.findings += listing.about[number]
            section = sections.get(number)
            if number in listing.unknown:
                self.problems.append(listing.unknown[number])
                continue
            if section is not None:
                self.compare(section, listing.names[number])
            level, lost = self.required_level(number, index, section, unbalanced, font)
            if lost:  # unclear emphasis has its own finding; lost emphasis is noted here
                unknown.append(number)
            requirements.append(
                {
                    "competency": number,
                    "required_level": level,
                    "prior_to_entry": listing.prior.get(number),
                    "areas": [t.text for t in section.areas] if section else [],
                }
            )
        garbled = [
            {
                "kind": "garbled-name",
                "source": self.source,
                "path": g.path,
                "found": g.found,
                "action": f"Read as competency {g.number}, {g.name}: the body of the document "
                f"describes {g.number}. {g.heading}, and no bank competency has this name.",
            }
            for g in listing.garbled
        ]
        notes = garbled + unbalanced + self.font_note(font) + self.lost_note(unknown)
        return {
            "$schema": SCHEMA_REF["job-class"],
            "schema_version": 1,
            "record_version": 1,
            "code": self.code,
            "title": self.doc.header.title,
            "year": self.doc.header.year,
            "source": self.source,
            "requirements": requirements,
            "notes": notes,
        }

    def required_level(
        self,
        number: int,
        index: int,
        section: Section | None,
        notes: list[dict[str, str]],
        font: list[int],
    ) -> tuple[int | None, bool]:
        """The level the emphasis marks, or None; never a guess. Also: whether it was lost.

        The reading itself is `compbank.importer.levels.required_level`'s; this records
        what it says as findings and notes.
        """
        if section is None:
            return None, True
        phrase = self.doc.emphasis_phrase
        wanted = emphasis.announced(phrase.text if phrase else None)
        verdict = emphasis.required_level([lv.emphasis for lv in section.levels], wanted)
        path = f"$.requirements[{index}].required_level"
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
        if verdict.reason in messages:
            self.find(
                verdict.reason or "",
                messages[verdict.reason or ""],
                line=line,
                competency=number,
                path=path,
                found=first.text.raw if first and verdict.reason != "ambiguous-emphasis" else None,
            )
            return None, False
        if verdict.level is None:
            return None, True
        lv = section.level(verdict.level)
        assert lv is not None  # noqa: S101 (the verdict names one of the section's levels)
        if verdict.how == "font":
            font.append(number)
        if verdict.unbalanced:
            self.unbalanced(number, path, lv, notes)
        return verdict.level, False

    def unbalanced(
        self, number: int, path: str, lv: LevelText, notes: list[dict[str, str]]
    ) -> None:
        """Record a level read from emphasis markers that do not pair up."""
        if lv.lead == 0:
            why = (
                f"its description ends with the emphasis marker {'*' * lv.trail} but the "
                "opening marker is missing"
            )
        elif lv.trail == 0:
            why = (
                f"its description begins with the emphasis marker {'*' * lv.lead} but the "
                "closing marker is missing"
            )
        else:
            why = f"its description opens with {'*' * lv.lead} but closes with {'*' * lv.trail}"
        notes.append(
            {
                "kind": "unbalanced-emphasis",
                "source": self.source,
                "path": path,
                "found": lv.text.raw,
                "action": f"Read level {lv.number} as required: {why}.",
            }
        )
        self.find(
            "unbalanced-emphasis",
            f"{number}: level {lv.number} read as required; {why}",
            line=lv.text.line,
            competency=number,
            path=path,
            found=lv.text.raw,
        )

    def font_note(self, font: Sequence[int]) -> list[dict[str, str]]:
        """The note saying which required levels were read from the font."""
        if not font:
            return []
        phrase = self.doc.emphasis_phrase
        assert phrase is not None  # noqa: S101 (font emphasis is read only where announced)
        which = _which(font)
        self.find(
            "emphasis-from-font",
            f"the required levels of {which} were read from the font: their text carries "
            f"the emphasis the document announces, {phrase.text}",
            line=phrase.line,
            path="$.requirements",
            found=phrase.raw,
        )
        return self.requirements_note(
            "emphasis-from-font",
            phrase.raw,
            f"Read the required levels of {which} from the PDF's fonts and underlines: the "
            "whole text of one level of each carries the emphasis the document announces, "
            "and no other level's does.",
        )

    def lost_note(self, unknown: Sequence[int]) -> list[dict[str, str]]:
        if not unknown:
            return []
        several = len(unknown) > 1
        which = _which(unknown)
        phrase = self.doc.emphasis_phrase
        if phrase is None:
            self.find(
                "emphasis-lost",
                f"no level of {which} carries emphasis, and the document does not say how "
                "it marks the required level; left unknown (null)",
                line=None,
                path="$.requirements",
            )
            return []
        action = (
            f"The document marks the required level by emphasis, but no level of {which} "
            "carries any in this copy; "
            + ("their required levels are" if several else "its required level is")
            + " unknown (null)."
        )
        self.find(
            "emphasis-lost",
            f"no level of {which} carries emphasis; the document says the required level is "
            f"marked {phrase.text}; left unknown (null)",
            line=phrase.line,
            path="$.requirements",
            found=phrase.raw,
        )
        return self.requirements_note("emphasis-lost", phrase.raw, action)

    def requirements_note(self, kind: str, found: str, action: str) -> list[dict[str, str]]:
        """A class note of *kind* on the requirements as a whole, quoting *found*."""
        return [
            {
                "kind": kind,
                "source": self.source,
                "path": "$.requirements",
                "found": found,
                "action": action,
            }
        ]


def _which(numbers: Sequence[int]) -> str:
    """How a finding names *numbers*: "competency 34" or "competencies 2, 34"."""
    listed = ", ".join(str(n) for n in numbers)
    return f"competencies {listed}" if len(numbers) > 1 else f"competency {listed}"


def build(
    document: Document,
    bank: Bank,
    file: str,
    where: Callable[[int | None], str],
    suffix: str = ".txt",
) -> tuple[
    dict[str, Any],
    list[dict[str, Any]],
    list[CompetencyComparison],
    list[Finding],
    list[Problem],
]:
    """The class document, new bank documents, comparisons, findings and problems.

    A problem is a competency that the document names but that can be neither read nor
    found in the bank; *where* says where a document line is, as the problem gives it
    (`Reading.where`). *suffix* is the source document's (``.txt`` or ``.pdf``).
    """
    builder = _Builder(document, bank, file, where, suffix)
    class_document = builder.build()
    # a finding about the class is recorded when the class file already holds its note
    existing = _existing_notes(bank, builder.code)
    made = class_document["notes"]
    findings = [
        attrs.evolve(f, recorded=True)
        if f.record == builder.class_record
        and any(n in existing for n in made if n["path"] == f.path and n["kind"] == f.kind)
        else f
        for f in builder.findings
    ]
    return class_document, builder.new_competencies, builder.comparisons, findings, builder.problems


def _existing_notes(bank: Bank, code: str) -> list[dict[str, str]]:
    jc = bank.classes.get(code)
    if jc is None:
        return []
    return [attrs.asdict(n) for n in jc.notes]
