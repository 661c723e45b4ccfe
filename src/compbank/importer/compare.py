"""Comparing: what a read document means for the data, compared with the bank.

From a `parse.Document` and a `Bank`, `build` builds the class record, a bank record for
each competency the bank lacks, and the report: for every competency read, whether its
texts are identical to the bank's, differ (with a word-level diff of each differing text)
or are new; and every finding about the document (where its list and body disagree,
damaged texts, emphasis that does not say which level is required). Bank texts are never
replaced: a difference is reported, nothing more.

`build` runs the steps in order, each in a module of its own, each passing its result on:

1. `listing_check`: the list of competencies against the body, and the names of each
   against the bank's (`names_check`): the numbers to record, and the name of each;
2. `texts_compare`: each competency described against the bank, text by text
   (`text_paths` lays its texts over the bank's; `sentence_breaks` finds damaged ones;
   `pieces_order` reads in the bank's order the pieces a copy cannot order);
3. `required_levels`: each requirement's required level, from its emphasis;
4. `notes`: the class record's notes, from what the steps before found.

Their records (`Finding`, `CompetencyComparison`, ...) are defined in `findings`; this module
gives every one of their names too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs

from compbank._checks import class_file_name, slugify
from compbank._structure import SCHEMA_REF
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
from compbank.importer.notes import class_notes
from compbank.importer.required_levels import RequiredLevel, read_required_level
from compbank.importer.texts_compare import Compared, compare_texts

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from compbank._bank import Bank
    from compbank.importer.parse import Document, Section
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


def build(  # noqa: PLR0913 (the document, its bank, where its lines are, how it was read)
    document: Document,
    bank: Bank,
    file: str,
    where: Callable[[int | None], str],
    *,
    suffix: str = ".txt",
    pieced: frozenset[int] = frozenset(),
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
    (`Reading.where`). *suffix* is the source document's (``.txt`` or ``.pdf``);
    *pieced*, the lines that pieces of justified lines went back in (`Reading.pieced`).

    The findings come in the order of the steps, those about each competency together:
    the list's as a whole, then competency by competency its listing and names, its texts
    and its required level, then those of the class's notes.
    """
    header = document.header
    assert header.code is not None  # noqa: S101 (parse reports a missing code)
    source = source_name(header.code, header.title, suffix)
    record = f"classes/{class_file_name(header.code, header.title)}"
    phrase = document.emphasis_phrase
    listing = check_list(document, bank, record, file, where)
    sections = {s.number: s for s in document.sections}
    findings = list(listing.findings)
    compared: list[Compared] = []
    levels: dict[int, RequiredLevel] = {}
    for number in listing.numbers:
        findings += listing.about[number]
        if number in listing.unknown:  # a problem: nothing to record
            continue
        section = sections.get(number)
        if section is not None:
            name = listing.names[number]
            compared.append(
                compare_texts(
                    section, name, bank, source, bulleted=document.bulleted, pieced=pieced
                )
            )
            findings += compared[-1].findings
        index = len(levels)  # its requirement's place
        levels[number] = read_required_level(number, index, section, phrase, record)
        findings += levels[number].findings
    notes = class_notes(listing.garbled, levels, phrase, source, record)
    findings += notes.findings
    class_document: dict[str, Any] = {
        "$schema": SCHEMA_REF["job-class"],
        "schema_version": 1,
        "record_version": 1,
        "code": header.code,
        "title": header.title,
        "year": header.year,
        "source": source,
        "requirements": [
            _requirement(n, level, listing.prior.get(n), sections.get(n))
            for n, level in levels.items()
        ],
        "notes": list(notes.notes),
    }
    return (
        class_document,
        [c.new for c in compared if c.new is not None],
        [c.comparison for c in compared],
        _recorded(findings, record, notes.notes, _existing_notes(bank, header.code)),
        list(listing.unknown.values()),
    )


def _requirement(
    number: int, level: RequiredLevel, prior: bool | None, section: Section | None
) -> dict[str, Any]:
    """A requirement of the class record."""
    return {
        "competency": number,
        "required_level": level.level,
        "prior_to_entry": prior,
        "areas": [t.text for t in section.areas] if section else [],
    }


def _recorded(
    findings: Sequence[Finding],
    record: str,
    made: Sequence[dict[str, str]],
    existing: Sequence[dict[str, str]],
) -> list[Finding]:
    """*findings*, those about class *record* marked recorded where it already holds the note."""
    return [
        attrs.evolve(f, recorded=True)
        if f.record == record
        and any(n in existing for n in made if n["path"] == f.path and n["kind"] == f.kind)
        else f
        for f in findings
    ]


def _existing_notes(bank: Bank, code: str) -> list[dict[str, str]]:
    jc = bank.classes.get(code)
    if jc is None:
        return []
    return [attrs.asdict(n) for n in jc.notes]
