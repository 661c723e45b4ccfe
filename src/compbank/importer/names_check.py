"""The names of a competency, the list's and the body's heading's, against the bank's.

A list entry names a competency by its number and a name; the body describes it under a
heading. `check_names` finds where either name is another competency's, or no
competency's: a list name that is no competency's, where the body's heading names the
competency of that number, is a garbled name, read as the heading says; so is one that is
the bank's name for its number but for the hyphens a copy's text lost. It also says which
name the competency is recorded under.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from compbank._checks import name_key
from compbank.importer.findings import Finding

if TYPE_CHECKING:
    from compbank._bank import Bank
    from compbank.importer.parse import ListEntry, Section
    from compbank.models import Competency


@attrs.frozen
class Garbled:
    """A list entry that names no competency of the bank, read as the body's heading says.

    Attributes:
        number: The competency it is read as.
        path: The JSON path of the requirement's competency in the class record.
        found: The entry as printed.
        name: The bank's name of the competency.
        heading: The body's heading of the competency, without its number; None where the
            entry is the bank's name but for the hyphens a copy's text lost (see
            `_dehyphenated`).
    """

    number: int
    path: str
    found: str
    name: str
    heading: str | None


@attrs.frozen
class Given:
    """A competency number as the document gives it, and where the findings about it go.

    Attributes:
        number: The number.
        entry: Its list entry (the first, where the list names it twice), None where the
            list does not name it.
        section: Its description, None where the body has none read in full.
        record: The class record the findings are on.
        path: The JSON path of the requirement's competency in *record*.
    """

    number: int
    entry: ListEntry | None
    section: Section | None
    record: str
    path: str

    def finding(self, kind: str, message: str, line: int, found: str | None = None) -> Finding:
        """A finding of *kind* about this competency."""
        return Finding(kind, message, line, self.number, self.record, self.path, found=found)


@attrs.frozen
class Names:
    """A competency's names checked against the bank's.

    Attributes:
        name: The name to record it under: the bank's, else the list's, else the body's
            heading.
        findings: Each name that is another competency's or no competency's, in order.
        garbled: The list's name read as the body's heading, where it is garbled.
    """

    name: str
    findings: tuple[Finding, ...]
    garbled: Garbled | None


def check_names(bank: Bank, given: Given) -> Names:
    """Check the names the list and the body give a competency against the bank's."""
    number, entry, section = given.number, given.entry, given.section
    known = bank.competencies.get(number)
    findings, garbled = _check_entry(bank, given, entry) if entry else ([], None)
    if section is not None and known is not None and not _names(known, section.heading):
        other = bank.competency(section.heading)
        what = f"competency {other.number}" if other else "no competency"
        message = (
            f"the body describes {number}. {section.heading}, but {what} of the bank "
            f"has that name; {number} is {known.name!r}"
        )
        findings.append(given.finding("name-mismatch", message, section.line))
    if known is not None:
        name = known.name
    elif entry is not None:
        name = entry.name
    else:  # only the body names it: its heading, as printed (the list's case is not invented)
        name = section.heading if section else str(number)
    return Names(name, tuple(findings), garbled)


def _check_entry(
    bank: Bank, given: Given, entry: ListEntry
) -> tuple[list[Finding], Garbled | None]:
    """Whether the list's name for a competency (*entry*) is the bank's (or the body's)."""
    number, section = given.number, given.section
    known = bank.competencies.get(number)
    named = bank.competency(entry.name)
    if named is not None and named.number != number:
        message = (
            f"the list names {entry.found!r}, but {entry.name!r} is competency "
            f"{named.number} of the bank"
        )
    elif named is None and known is not None:
        heading = section.heading if section is not None else None
        if heading is not None and _names(known, heading):
            says = f"which the body describes as {number}. {heading}"
        elif _dehyphenated(entry.name, known):
            heading, says = None, "the bank's name for it but for a hyphen the copy lost"
        else:
            says = ""
        if says:
            message = f"the list names {entry.found!r}; read as {number} {known.name}, {says}"
            garbled = Garbled(number, given.path, entry.found, known.name, heading)
            return [given.finding("garbled-name", message, entry.line, entry.found)], garbled
        message = (
            f"the list names {entry.found!r}, but competency {number} of the bank is {known.name!r}"
        )
    elif (
        known is None and section is not None and name_key(entry.name) != name_key(section.heading)
    ):
        message = (
            f"the list names {entry.found!r} but the body describes {number}. {section.heading}"
        )
    else:
        return [], None
    return [given.finding("name-mismatch", message, entry.line)], None


def _dehyphenated(name: str, c: Competency) -> bool:
    """Whether *name* is one of *c*'s names with its hyphens dropped.

    pdftotext drops the hyphen a name broke at across lines: ``Responsiveness and FollowUp``.
    """
    return any("-" in n and name_key(n.replace("-", "")) == name_key(name) for n in c.names)


def _names(c: Competency, name: str) -> bool:
    """Whether *name* is one of *c*'s names."""
    return name_key(name) in {name_key(n) for n in c.names}
