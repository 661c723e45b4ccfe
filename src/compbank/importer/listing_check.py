"""The first step of the comparison: the document's list of competencies against its body.

The list names the competencies the class requires; the body describes each under a
heading. `check_list` finds where the two disagree (a competency listed twice, listed but
not described, described but not listed), checks the names each gives against the bank's
(`compbank.importer.names_check`), and reads what the list's ``*`` marks say. It gives
every number the document lists or describes, in bank order, with the name to record each
under, and a problem for each listed number that can be neither read nor found in the bank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from compbank.importer.findings import Finding
from compbank.importer.names_check import Garbled, Given, check_names
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from compbank._bank import Bank
    from compbank.importer.parse import Document, ListEntry


@attrs.frozen
class ListCheck:
    """The list against the body: what the class records, and what was found.

    Attributes:
        numbers: Every competency number the document lists or describes, in bank order.
        names: The name to record each under (see `names_check.Names`).
        prior: Whether each listed competency is marked as needed prior to job entry, where
            the document's footnote says what the mark means (empty where it does not).
        unknown: By number, the problem of each competency the list names but neither the
            body describes nor the bank holds: it cannot be recorded.
        findings: The findings about the list as a whole, in order.
        about: By number, the findings about each competency's listing and names, in order.
        garbled: The list's garbled names, in order.
    """

    numbers: tuple[int, ...]
    names: dict[int, str]
    prior: dict[int, bool]
    unknown: dict[int, Problem]
    findings: tuple[Finding, ...]
    about: dict[int, tuple[Finding, ...]]
    garbled: tuple[Garbled, ...]


def check_list(
    document: Document, bank: Bank, record: str, file: str, where: Callable[[int | None], str]
) -> ListCheck:
    """Check *document*'s list against its body and the bank; the findings are on *record*.

    A problem names *file*, and the place of its line as *where* gives it.
    """
    numbers, findings = _numbers(document, record)
    findings += _order(document, record)
    findings += _marks(document, record)
    findings += _unlisted_names(document, bank, record)
    first: dict[int, ListEntry] = {}
    for e in document.entries:
        first.setdefault(e.number, e)
    sections = {s.number: s for s in document.sections}
    names: dict[int, str] = {}
    about: dict[int, tuple[Finding, ...]] = {}
    unknown: dict[int, Problem] = {}
    garbled: list[Garbled] = []
    for index, number in enumerate(numbers):
        entry, section = first.get(number), sections.get(number)
        # its place among the requirements: the unknown numbers before it are none
        path = f"$.requirements[{index - len(unknown)}].competency"
        given = Given(number, entry, section, record, path)
        named = check_names(bank, given)
        about[number] = (*_check_listing(given, document.unread), *named.findings)
        names[number] = named.name
        garbled += [named.garbled] if named.garbled else []
        if section is None and number not in bank.competencies and number not in document.unread:
            line = entry.line if entry else document.header.line
            message = (
                f"the list names {number}, which neither the body describes nor the bank "
                "holds, so it cannot be recorded"
            )
            unknown[number] = Problem("import-unknown-competency", file, where(line), message)
    marked = any(e.marked for e in document.entries) and document.footnote_line is not None
    prior = {n: e.marked for n, e in first.items()} if marked else {}
    return ListCheck(tuple(numbers), names, prior, unknown, tuple(findings), about, tuple(garbled))


def _numbers(document: Document, record: str) -> tuple[list[int], list[Finding]]:
    """Every competency number the document lists or describes, in bank order; repeats."""
    listed: dict[int, int] = {}
    findings = []
    for entry in document.entries:
        if entry.number in listed:
            message = f"the list names {entry.number} again (first on line {listed[entry.number]})"
            findings.append(
                Finding("duplicate-listing", message, entry.line, entry.number, record, "$")
            )
        else:
            listed[entry.number] = entry.line
    described = {s.number for s in document.sections}
    return sorted(set(listed) | described), findings


def _order(document: Document, record: str) -> list[Finding]:
    """A finding where the list is read in another order than found (a list in columns)."""
    if not document.list_as_found:
        return []
    found = ", ".join(map(str, document.list_as_found))
    read = ", ".join(str(e.number) for e in document.entries)
    witness = (
        "the order the body describes them in"
        if document.sections
        else "the bank's order (the copy ends before the body)"
    )
    message = (
        f"the list came out of the document as {found}, not in the bank's order; it is read "
        f"as {read}, {witness}"
    )
    line = min(e.line for e in document.entries)
    return [Finding("list-order", message, line, None, record, "$", found=found)]


def _marks(document: Document, record: str) -> list[Finding]:
    """Whether the list's '*' marks and the footnote saying what they mean come together."""
    marks = any(e.marked for e in document.entries)
    footnote = document.footnote_line
    if marks and footnote is None:
        line = next(e.line for e in document.entries if e.marked)
        message = (
            "list entries are marked '*' but no footnote says what the mark means; "
            "prior_to_entry is left unknown (null)"
        )
        return [Finding("mark-without-footnote", message, line, None, record, "$")]
    if footnote is not None and not marks:
        message = (
            "the footnote '*Competencies necessary prior to job entry' marks no entry "
            "of the list; prior_to_entry is left unknown (null)"
        )
        return [Finding("footnote-without-marks", message, footnote, None, record, "$")]
    return []


def _unlisted_names(document: Document, bank: Bank, record: str) -> list[Finding]:
    """A finding for each list entry printed without a number, numbered by its name."""
    return [
        Finding(
            "unlisted-name",
            f"the list names {e.name!r} without a number; it is read as the bank's "
            f"{e.number}. {bank.competencies[e.number].name}",
            e.line,
            e.number,
            record,
            "$",
            found=e.name,
        )
        for e in document.entries
        if e.by_name
    ]


def _check_listing(given: Given, unread: Sequence[int]) -> list[Finding]:
    """Whether the list and the body both have a competency (or it is *unread*)."""
    number, entry, section = given.number, given.entry, given.section
    found = []
    if entry is None and section is not None:
        message = f"the body describes {number}. {section.heading}, which the list does not name"
        found.append(given.finding("described-not-listed", message, section.line))
    if section is None and entry is not None and number not in unread:
        message = f"the list names {entry.found!r}, which the body does not describe"
        found.append(given.finding("listed-not-described", message, entry.line))
    return found
