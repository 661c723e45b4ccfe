"""The second step of the comparison: a competency the document describes, against the bank.

For a competency the bank holds, `compare_texts` lays the document's texts over the bank's
(`compbank.importer.text_paths`) and finds each text that differs, with its word diff, each
paragraph break inside a sentence, and each note the bank keeps about this document on a
text that now reads as the bank has it; where the copy's lines came in pieces whose order
it cannot tell, `compbank.importer.pieces_order` reads them in the bank's order. A
competency the bank lacks is new: the result holds the bank record to write for it. Bank
texts are never replaced: a difference is reported, nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from compbank._checks import competency_file_name, slugify
from compbank._structure import SCHEMA_REF
from compbank.importer.findings import (
    CompetencyComparison,
    FieldDiff,
    Finding,
    diff_segments,
    render_diff,
)
from compbank.importer.pieces_order import in_bank_order, pieces_finding
from compbank.importer.sentence_breaks import Break, break_finding, break_note, find_breaks
from compbank.importer.text_paths import bank_texts, document_texts

if TYPE_CHECKING:
    from compbank._bank import Bank
    from compbank.importer.parse import Section
    from compbank.models import Competency


@attrs.frozen
class Compared:
    """A competency compared with the bank.

    Attributes:
        comparison: How it compares.
        findings: What the comparison found, in order.
        new: The bank record to write for a competency new to the bank, else None.
    """

    comparison: CompetencyComparison
    findings: tuple[Finding, ...]
    new: dict[str, Any] | None = None


def compare_texts(  # noqa: PLR0913 (the section, its bank, and how the copy was read)
    section: Section,
    name: str,
    bank: Bank,
    source: str,
    *,
    bulleted: bool,
    pieced: frozenset[int] = frozenset(),
) -> Compared:
    """Compare the competency *section* describes, named *name*, with *bank*.

    *source* is the document's file name in ``data/sources/``; *bulleted*, whether any of
    its list items carries its bullet (see `parse.Document`); *pieced*, the lines that
    pieces of justified lines went back in (`blocks.Reading.pieced`). Where such pieces went
    back in the section's lines and its texts that differ from the bank's hold the bank's
    words, each as often, in another order, the copy cannot tell the two orders apart: the
    texts read as the bank's, and a ``pieces-as-bank`` finding says so.
    """
    number = section.number
    known = bank.competencies.get(number)
    breaks = find_breaks(section)
    if known is not None:
        return _compare_known(section, known, source, breaks, bulleted=bulleted, pieced=pieced)
    record = f"competency_bank/{number:03d}-{slugify(name)}.json"
    comparison = CompetencyComparison(
        number, name, section.line, "new", (), record, source_listed=False
    )
    notes = [break_note(b, source) for b in breaks]
    findings = tuple(break_finding(number, record, b, recorded=False) for b in breaks)
    return Compared(comparison, findings, _bank_document(section, name, source, notes))


def _compare_known(  # noqa: PLR0913 (as compare_texts)
    section: Section,
    known: Competency,
    source: str,
    breaks: list[Break],
    *,
    bulleted: bool,
    pieced: frozenset[int],
) -> Compared:
    """Compare a competency the bank holds with the bank's record of it, text by text."""
    number = section.number
    record = f"competency_bank/{competency_file_name(known)}"
    mine, theirs = document_texts(section, known, bulleted=bulleted), bank_texts(known)
    diffs = _differences(mine, theirs, section.line)
    findings = []
    ordered = in_bank_order(diffs, section, pieced)
    if ordered is not None:
        findings.append(pieces_finding(diffs, number, known.name, record))
        diffs = ordered
    notes = {n.path: n for n in known.notes if n.source == source}
    for d in diffs:
        note = notes.pop(d.path, None)
        findings.append(
            Finding(
                "text-differs",
                f"{number} {known.name} {d.path} differs from the bank: {render_diff(d.segments)}"
                + (f" (recorded in the bank as {note.kind})" if note else ""),
                d.line,
                number,
                record,
                d.path,
                recorded=note is not None,
            )
        )
    for b in breaks:
        note = notes.pop(b[0], None)
        findings.append(break_finding(number, record, b, recorded=note is not None))
    findings.extend(
        Finding(
            "recorded-note",
            f"{number} {known.name} {note.path}: the bank records {note.kind} here, "
            "and this text reads as the bank keeps it",
            mine.get(note.path, (None, section.line))[1],
            number,
            record,
            note.path,
            recorded=True,
            found=note.found,
        )
        for note in notes.values()
    )
    comparison = CompetencyComparison(
        number,
        known.name,
        section.line,
        "differs" if diffs else "identical",
        tuple(diffs),
        record,
        # the same document in another form (its PDF, its text) counts as named
        _stem(source) in {_stem(s) for s in known.sources},
    )
    return Compared(comparison, tuple(findings))


def _differences(
    mine: dict[str, tuple[str, int]], theirs: dict[str, str], line: int
) -> list[FieldDiff]:
    """Each text that differs between the document's (*mine*) and the bank's (*theirs*).

    A text the document lacks is placed at *line*, its section's.
    """
    diffs = []
    for path in [*theirs, *(p for p in mine if p not in theirs)]:
        bank_text = theirs.get(path)
        doc_text, at = mine.get(path, (None, line))
        if bank_text == doc_text:
            continue
        segments = diff_segments(bank_text or "", doc_text or "")
        diffs.append(FieldDiff(path, at, bank_text, doc_text, segments))
    return diffs


def _bank_document(
    section: Section, name: str, source: str, notes: list[dict[str, str]]
) -> dict[str, Any]:
    """The bank record of a competency new to the bank, as the document describes it."""
    return {
        "$schema": SCHEMA_REF["competency"],
        "schema_version": 1,
        "record_version": 1,
        "number": section.number,
        "name": name,
        "aliases": [],
        "definition": " ".join(t.text for t in section.definition),
        "definition_items": [t.text for t in section.definition_items],
        "levels": {str(lv.number): lv.text.text for lv in section.levels},
        "behavioral_indicators": [t.text for t in section.behavioral_indicators],
        "satisfactory": " ".join(t.text for t in section.satisfactory),
        "superior": " ".join(t.text for t in section.superior),
        "sources": [source],
        "notes": notes,
    }


def _stem(source: str) -> str:
    """A source's file name without its suffix (``.txt``, ``.pdf``)."""
    return source.rsplit(".", 1)[0]
