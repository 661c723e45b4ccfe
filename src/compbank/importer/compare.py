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

from compbank._checks import class_file_name, name_key, slugify
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
from compbank.importer.texts_compare import compare_texts
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from compbank._bank import Bank
    from compbank.importer.parse import Document, LevelText, ListEntry, Section
    from compbank.models import Competency

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

    # -- the list against the body --------------------------------------------------------

    def numbers(self) -> list[int]:
        """Every competency number the document lists or describes, in bank order."""
        listed: dict[int, int] = {}
        for entry in self.doc.entries:
            if entry.number in listed:
                self.find(
                    "duplicate-listing",
                    f"the list names {entry.number} again (first on line {listed[entry.number]})",
                    line=entry.line,
                    competency=entry.number,
                )
            else:
                listed[entry.number] = entry.line
        described = {s.number for s in self.doc.sections}
        return sorted(set(listed) | described)

    def check_names(self, number: int, index: int, section: Section | None) -> str:
        """Compare the list's and the body's names with the bank's; the name to use."""
        entry = next((e for e in self.doc.entries if e.number == number), None)
        known = self.bank.competencies.get(number)
        path = f"$.requirements[{index}].competency"
        self.check_listing(number, path, entry, section)
        if entry is not None:
            self.check_entry(number, path, entry, section)
        if section is not None and known is not None and not self._names(known, section.heading):
            other = self.bank.competency(section.heading)
            what = f"competency {other.number}" if other else "no competency"
            self.find(
                "name-mismatch",
                f"the body describes {number}. {section.heading}, but {what} of the bank "
                f"has that name; {number} is {known.name!r}",
                line=section.line,
                competency=number,
                path=path,
            )
        if known is not None:
            return known.name
        if entry is not None:
            return entry.name
        # only the body names it: its heading, as printed (the list's case is not invented)
        return section.heading if section else str(number)

    def check_listing(
        self, number: int, path: str, entry: ListEntry | None, section: Section | None
    ) -> None:
        """Whether the list and the body both have competency *number*."""
        if entry is None and section is not None:
            self.find(
                "described-not-listed",
                f"the body describes {number}. {section.heading}, which the list does not name",
                line=section.line,
                competency=number,
                path=path,
            )
        if section is None and entry is not None and number not in self.doc.unread:
            self.find(
                "listed-not-described",
                f"the list names {entry.found!r}, which the body does not describe",
                line=entry.line,
                competency=number,
                path=path,
            )

    def check_entry(
        self, number: int, path: str, entry: ListEntry, section: Section | None
    ) -> None:
        """Whether the list's name for competency *number* is the bank's (or the body's)."""
        known = self.bank.competencies.get(number)
        named = self.bank.competency(entry.name)

        def flag(kind: str, message: str, found: str | None = None) -> None:
            self.find(kind, message, line=entry.line, competency=number, path=path, found=found)

        if named is not None and named.number != number:
            message = (
                f"the list names {entry.found!r}, but {entry.name!r} is competency "
                f"{named.number} of the bank"
            )
            flag("name-mismatch", message)
        elif named is None and known is not None:
            if section is not None and self._names(known, section.heading):
                message = (
                    f"the list names {entry.found!r}; read as {number} {known.name}, "
                    f"which the body describes as {number}. {section.heading}"
                )
                flag("garbled-name", message, entry.found)
            else:
                message = (
                    f"the list names {entry.found!r}, but competency {number} of the bank is "
                    f"{known.name!r}"
                )
                flag("name-mismatch", message)
        elif (
            known is None
            and section is not None
            and name_key(entry.name) != name_key(section.heading)
        ):
            message = (
                f"the list names {entry.found!r} but the body describes {number}. {section.heading}"
            )
            flag("name-mismatch", message)

    @staticmethod
    def _names(c: Competency, name: str) -> bool:
        return name_key(name) in {name_key(n) for n in c.names}

    def find_unlisted_names(self) -> None:
        """A finding for each list entry printed without a number, numbered by its name."""
        for e in self.doc.entries:
            if e.by_name:
                self.find(
                    "unlisted-name",
                    f"the list names {e.name!r} without a number; it is read as the bank's "
                    f"{e.number}. {self.bank.competencies[e.number].name}",
                    line=e.line,
                    competency=e.number,
                    found=e.name,
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
        numbers = self.numbers()
        requirements: list[dict[str, Any]] = []
        garbled: list[dict[str, str]] = []
        unbalanced: list[dict[str, str]] = []
        unknown: list[int] = []
        font: list[int] = []
        marks = any(e.marked for e in self.doc.entries)
        footnote = self.doc.footnote_line is not None
        if marks and not footnote:
            line = next(e.line for e in self.doc.entries if e.marked)
            self.find(
                "mark-without-footnote",
                "list entries are marked '*' but no footnote says what the mark means; "
                "prior_to_entry is left unknown (null)",
                line=line,
            )
        elif footnote and not marks:
            self.find(
                "footnote-without-marks",
                "the footnote '*Competencies necessary prior to job entry' marks no entry "
                "of the list; prior_to_entry is left unknown (null)",
                line=self.doc.footnote_line,
            )
        self.find_unlisted_names()
        for index, number in enumerate(numbers):
            section = sections.get(number)
            entry = next((e for e in self.doc.entries if e.number == number), None)
            name = self.check_names(number, index, section)
            if (
                section is None
                and number not in self.bank.competencies
                and (number not in self.doc.unread)
            ):
                line = entry.line if entry else self.doc.header.line
                self.problems.append(
                    Problem(
                        "import-unknown-competency",
                        self.file,
                        self.where(line),
                        f"the list names {number}, which neither the body describes nor "
                        "the bank holds, so it cannot be recorded",
                    )
                )
                continue
            if section is not None:
                self.compare(section, name)
            level, lost = self.required_level(number, index, section, unbalanced, font)
            if lost:  # unclear emphasis has its own finding; lost emphasis is noted here
                unknown.append(number)
            prior = None
            if entry is not None and marks and footnote:
                prior = entry.marked
            requirements.append(
                {
                    "competency": number,
                    "required_level": level,
                    "prior_to_entry": prior,
                    "areas": [t.text for t in section.areas] if section else [],
                }
            )
        for f in self.findings:
            if f.kind == "garbled-name":
                assert f.competency is not None  # noqa: S101 (set for garbled-name)
                entry = next(e for e in self.doc.entries if e.number == f.competency)
                section = sections[f.competency]
                known = self.bank.competencies[f.competency]
                garbled.append(
                    {
                        "kind": "garbled-name",
                        "source": self.source,
                        "path": f.path,
                        "found": entry.found,
                        "action": f"Read as competency {f.competency}, {known.name}: the body "
                        f"of the document describes {f.competency}. {section.heading}, and no "
                        "bank competency has this name.",
                    }
                )
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
