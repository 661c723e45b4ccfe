"""What importing a document gives: `ImportResult` and its list's entries.

A document read only in part raises `IncompleteImportError`, which carries the partial
result.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

from compbank.importer.compare import DRIFT, CompetencyComparison, Finding, PlannedFile
from compbank.problems import DataError, Problem

if TYPE_CHECKING:
    from pathlib import Path

    from compbank.importer.evidence import Evidence

__all__ = ["ImportResult", "IncompleteImportError", "ListedCompetency"]


@attrs.frozen
class ListedCompetency:
    """One entry of the document's list of competencies, matched to the bank.

    Attributes:
        number: Its number.
        name: The name as printed.
        bank_name: The bank's name for that number, or None where it is new to the bank.
        prior_to_entry: Whether it is marked as needed prior to job entry (None: unknown).
        line: Where it is listed (``"line 12"``, ``"page 1 line 12"``).
    """

    number: int
    name: str
    bank_name: str | None
    prior_to_entry: bool | None
    line: str

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON-ready mapping."""
        return {**attrs.asdict(self), "status": "in bank" if self.bank_name else "new"}


@attrs.frozen
class ImportResult:
    """What importing one document found and would write.

    Attributes:
        document: The document's name (its path, or ``"<text>"``).
        code: The class code ("" in a partial result whose document gives none).
        title: The class title, as printed.
        year: The model's year where the document gives one.
        source: The file name the document is kept under in ``data/sources/``.
        class_file: The class file, relative to the data directory ("" where no code).
        comparisons: Every competency the document describes, compared with the bank.
        findings: Everything found about the document (kinds in `FINDINGS`).
        files: The files to write, and those left as they are.
        data_dir: The data directory compared with.
        form: The form it was read in: ``"sources"``, ``"wrapped"``, ``"pages"``, ``"pdf"``.
        listed: The document's list of competencies, each matched to the bank.
        announced: How the document says it marks the required level, as printed.
        problems: Each part that could not be read (empty where all was); a result with
            problems is partial, and is never written.
        where: Where each finding's line is (``"page 2 line 7"`` in a PDF), by line.
        evidence: Where each requirement's level and each finding stand in the document
            (`compbank.importer.evidence`), for the review; None where there is no class.
    """

    document: str
    code: str
    title: str
    year: int | None
    source: str
    class_file: str
    comparisons: tuple[CompetencyComparison, ...]
    findings: tuple[Finding, ...]
    files: tuple[PlannedFile, ...]
    data_dir: Path
    form: str = "sources"
    listed: tuple[ListedCompetency, ...] = ()
    announced: str | None = None
    problems: tuple[Problem, ...] = ()
    where: dict[int, str] = attrs.field(factory=dict, eq=False, repr=False)
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)

    def locate(self, line: int | None) -> str | None:
        """Where document line *line* is: ``"line 12"``, or ``"page 3 line 12"`` in a PDF."""
        if not line:
            return None
        return self.where.get(line, f"line {line}")

    @property
    def wrapped(self) -> bool:
        """Whether lines were joined into paragraphs (any form but the sources')."""
        return self.form != "sources"

    @property
    def complete(self) -> bool:
        """Whether every part of the document was read."""
        return not self.problems

    @property
    def levels_known(self) -> int:
        """How many requirements have a known required level."""
        if not self.class_file:
            return 0
        return sum(r["required_level"] is not None for r in self.class_document()["requirements"])

    @property
    def drift(self) -> tuple[Finding, ...]:
        """The findings where the document departs from the bank (kinds in `DRIFT`)."""
        return tuple(f for f in self.findings if f.kind in DRIFT)

    def class_document(self) -> dict[str, Any]:
        """The class file's content, as it would be written.

        Empty for a partial result that has no class code.
        """
        planned = next((f for f in self.files if f.file == self.class_file), None)
        if planned is None:
            return {}
        document: dict[str, Any] = json.loads(planned.content)
        return document

    def bank_documents(self) -> dict[str, dict[str, Any]]:
        """The new bank files' contents, by file (relative to the data directory)."""
        return {
            f.file: json.loads(f.content)
            for f in self.files
            if f.file.startswith("competency_bank/") and isinstance(f.content, str)
        }

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready mapping (what ``--format json`` prints)."""
        return {
            "document": self.document,
            "code": self.code,
            "title": self.title,
            "year": self.year,
            "source": self.source,
            "class_file": self.class_file,
            "data_dir": str(self.data_dir),
            "wrapped": self.wrapped,
            "form": self.form,
            "complete": self.complete,
            "announced": self.announced,
            "listed": [e.to_dict() for e in self.listed],
            "competencies": [c.to_dict() for c in self.comparisons],
            "findings": [{**f.to_dict(), "where": self.locate(f.line)} for f in self.findings],
            "problems": [p.to_dict() for p in self.problems],
            "files": [{"file": f.file, "action": f.action} for f in self.files],
            "class_document": self.class_document(),
            "new_competencies": self.bank_documents(),
        }


class IncompleteImportError(DataError):
    """A document read only in part: its problems, and the partial `ImportResult`."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__(result.problems)
        self.result = result
