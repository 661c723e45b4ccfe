"""The second step of the comparison: a competency the document describes, against the bank.

For a competency the bank holds, `compare_texts` lays the document's texts over the bank's
(`compbank.importer.text_paths`) and finds each text that differs, with its word diff, each
paragraph break inside a sentence, and each note the bank keeps about this document on a
text that now reads as the bank has it. A competency the bank lacks is new: the result
holds the bank record to write for it. Bank texts are never replaced: a difference is
reported, nothing more.
"""

from __future__ import annotations

from collections import Counter
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
from compbank.importer.sentence_breaks import Break, break_finding, break_note, find_breaks
from compbank.importer.text_paths import bank_texts, document_texts

if TYPE_CHECKING:
    from collections.abc import Sequence

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
    ordered = _in_bank_order(diffs) if diffs and _pieced(section, pieced) else None
    if ordered is not None:
        paths = ", ".join(d.path for d in diffs)
        findings.append(
            Finding(
                "pieces-as-bank",
                f"{number} {known.name}: pieces of justified lines, printed apart in the copy,"
                f" go back in its lines in more than one order; {paths} read in the bank's,"
                " which holds the same words",
                diffs[0].line,
                number,
                record,
                diffs[0].path,
            )
        )
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


def _pieced(section: Section, pieced: frozenset[int]) -> bool:
    """Whether pieces of justified lines went back in any of *section*'s lines."""
    texts = [
        *section.definition,
        *section.definition_items,
        *(lv.text for lv in section.levels),
        *section.behavioral_indicators,
        *section.satisfactory,
        *section.superior,
    ]
    last = max((t.last_line for t in texts), default=section.line)
    return any(section.line <= n <= last for n in pieced)


def _in_bank_order(diffs: Sequence[FieldDiff]) -> list[FieldDiff] | None:
    """The differing texts read in the bank's order, where they hold the bank's words.

    None unless the document's differing texts hold the bank's words, each as often, in
    another order, and the texts that are whole texts of the bank's stand in the bank's
    order (the document may order its texts otherwise: pieces of lines do not). A word the
    copy gives without a hyphen of the bank's (pdftotext joins a word broken after its
    hyphen at a line's end) counts as the bank's and stays as the copy gives it: the
    differences that remain, such words only.
    """
    # texts whole in others' places, out of the bank's order: the document's order of them
    # (a text whole one place on, as a piece read as an item of its own leaves it, is not)
    place = {d.bank: k for k, d in enumerate(diffs) if d.bank}
    wholes = [place[d.document] for d in diffs if d.document in place]
    if wholes != sorted(wholes):
        return None
    bank = Counter(w for d in diffs for w in (d.bank or "").split())
    document = Counter(w for d in diffs for w in (d.document or "").split())
    if Counter(map(_unhyphenated, bank.elements())) != Counter(
        map(_unhyphenated, document.elements())
    ):
        return None
    spelled: dict[str, list[str]] = {}  # the copy's spelling of each word it gives otherwise
    for word in (document - bank).elements():
        spelled.setdefault(_unhyphenated(word), []).append(word)
    missing = bank - document
    out = []
    moved = False  # whether any word is read elsewhere than the copy put it
    for d in diffs:
        if d.bank is None:  # a text the bank lacks: its words are the bank's texts'
            moved = True
            continue
        words = d.bank.split()
        for k, word in enumerate(words):
            if missing[word]:
                missing[word] -= 1
                words[k] = spelled[_unhyphenated(word)].pop(0)
        text = " ".join(words)
        moved = moved or text != d.document
        if text != d.bank:
            out.append(attrs.evolve(d, document=text, segments=diff_segments(d.bank, text)))
    return out if moved else None


def _unhyphenated(word: str) -> str:
    """*word* without its hyphens."""
    return word.replace("-", "")


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
