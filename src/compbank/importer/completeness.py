"""Whether a document was read in full; its list's entries matched to the bank.

`numbered` numbers the entries a list gives by name only, `listed` matches each entry to the
bank, and `cut_short` says where a copy ends as no model does (mid-sentence, at a heading,
inside a page's running header or footer) and which listed competencies it never reaches;
`unheaded` names those no heading was read of in a document read in part otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from compbank.importer.parse import Document, ends_sentence
from compbank.importer.patterns import LONE_NUMBER
from compbank.importer.result import ListedCompetency
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank._bank import Bank
    from compbank.importer.blocks import Reading

__all__ = ["cut_short", "listed", "numbered", "unheaded"]


def numbered(
    document: Document, bank: Bank, reading: Reading, name: str
) -> tuple[Document, list[Problem]]:
    """The document with each list entry printed without a number numbered by its name."""
    if all(e.number for e in document.entries):
        return document, []
    entries = []
    problems = []
    for e in document.entries:
        found = bank.competency(e.name) if not e.number else None
        if e.number:
            entries.append(e)
        elif found is not None:
            entries.append(attrs.evolve(e, number=found.number, by_name=True))
        else:
            problems.append(
                Problem(
                    "import-unknown-competency",
                    name,
                    reading.where(e.line),
                    f"the list names {e.name!r} without a number, and no competency of the "
                    "bank has that name",
                )
            )
    return attrs.evolve(document, entries=tuple(entries)), problems


def listed(document: Document, bank: Bank, reading: Reading) -> tuple[ListedCompetency, ...]:
    """The document's list, each entry with the bank's name for its number.

    Whether an entry is needed prior to job entry is known only where the document marks
    entries and explains the mark in the note under the list.
    """
    marks = any(e.marked for e in document.entries) and document.footnote_line is not None
    out = []
    for e in document.entries:
        known = bank.competencies.get(e.number)
        out.append(
            ListedCompetency(
                e.number,
                e.name,
                known.name if known else None,
                e.marked if marks else None,
                reading.where(e.line),
            )
        )
    return tuple(out)


def _ends_document(text: str) -> bool:
    """Whether *text* ends as a model's last text does: a sentence's end, not an item's ``;``.

    An item may end with ``;`` or ``:`` where the next goes on; no model's last text does.
    """
    return ends_sentence(text) and text.rstrip("\"\u201d\u2019')]")[-1:] not in (";", ":")


def cut_short(document: Document, reading: Reading, bank: Bank, name: str) -> list[Problem]:
    """A problem where the document ends mid-sentence, or at a heading: a copy cut short.

    Or where it ends inside a page's running header or footer (`Reading.cut_margin`), past
    a sentence's end: a copy cut short at a page's top or foot. The problem names each
    listed competency the document never reached.

    Not where the bank records that very text as truncated in the source (7625's last
    sentence is): there the text read is the bank's, and the note says so already.
    """
    if not document.sections and not document.unread:
        return []
    last_block = reading.blocks[-1]
    # a heading's number alone the copy ends at ("129.", or "12" of it): no sentence's end
    alone = last_block.text.strip()
    at_heading = (LONE_NUMBER.match(alone) is not None or alone.isdigit()) and any(
        line == last_block.line for _, line in document.unread_lines
    )
    last_number = max(
        [(s.line, s.number) for s in document.sections]
        + [(line, n) for n, line in document.unread_lines]
    )[1]
    reached = {s.number for s in document.sections} | set(document.unread)
    missing = [e.number for e in document.entries if e.number not in reached]
    end = _unended(document, reading, bank, last_number, at_heading=at_heading)
    if end is not None:
        line, text, titled = end
        where = (
            "at the heading of"
            if at_heading
            else "after the title of an areas list, with no item, in"
            if titled
            else "mid-sentence in"
        )
        said = f"the document ends {where} competency {last_number} (...{text[-40:]!r})"
    elif reading.cut_margin is not None:
        line = reading.cut_margin
        said = (
            "the document ends inside a page's running header or footer "
            f"({reading.span(line, line)!r}), after competency {last_number}"
        )
    elif (number := _number_at_end(reading, missing)) is not None:
        line, heading = number
        said = (
            f"the document ends at {reading.line(line).text.strip()!r}, its page's number "
            f"or the start of competency {heading}'s heading"
        )
    else:
        return []
    never = (
        f"; it never reaches {', '.join(str(n) for n in missing)}, which the list names"
        if missing
        else ""
    )
    message = f"{said}: a copy cut short?{never}"
    return [Problem("import-incomplete", name, reading.where(line), message)]


def _number_at_end(reading: Reading, missing: Sequence[int]) -> tuple[int, int] | None:
    """The copy's last line, a number read as its page's, where a heading may start there.

    A copy cut just after a heading's first digits (``2`` of ``21. TECHNOLOGY ...``) ends
    with the number its page would print at its foot, and no page break after it tells
    the two apart. Where a listed competency the copy never reaches (*missing*) has a
    number that starts with it, the copy may be cut there: (the line, that competency).
    """
    if reading.form == "pdf":
        return None
    for line in reversed(reading.lines):
        if "\f" in line.text:  # a page break after it: the page ends, with its number
            return None
        text = line.text.strip()
        if text:
            break
    else:
        return None
    if not text.isdigit() or any(line.number in b.lines for b in reading.blocks):
        return None
    heading = next((n for n in missing if str(n).startswith(text)), None)
    return None if heading is None else (line.number, heading)


def _unended(
    document: Document, reading: Reading, bank: Bank, last_number: int, *, at_heading: bool
) -> tuple[int, str, bool] | None:
    """Where the document's last text ends as no model's does, and that text; or None.

    And whether it is the title of an areas list with no item (``Safety Focus Areas``):
    no model's list of areas is empty.
    """
    last_block = reading.blocks[-1]
    if document.sections and document.sections[-1].number == last_number:
        last = document.sections[-1]
        if last.areas_title is not None and not last.areas:
            return last_block.lines[-1], last.areas_title, True
        text = last.areas or last.superior or last.satisfactory or last.behavioral_indicators
        if not text or _ends_document(text[-1].text):
            return None
        known = bank.competencies.get(last.number)
        if known is not None and any(n.kind == "truncated-text" for n in known.notes):
            whole = " ".join(t.text for t in text)
            if whole in (known.superior, known.satisfactory, *known.behavioral_indicators):
                return None
        return text[-1].last_line, text[-1].text, False
    if _ends_document(last_block.text) and not at_heading:
        return None
    return last_block.lines[-1], last_block.text, False


def unheaded(
    document: Document, reading: Reading, bank: Bank, name: str, problems: Sequence[Problem]
) -> list[Problem]:
    """A problem naming the listed competencies no heading was read of, in a part-read copy.

    A document some part of which could not be read (*problems*) may hold the description
    of a competency its list names among those parts: its heading printed in pieces past
    reading, its parts read into the competency before (which a problem names), or its
    heading read last with nothing readable after it. Those neither read in full nor
    reported as read in part (`Document.unread`, each with its problem) are named, in one
    problem. Not where a copy cut short says which it never reaches (`cut_short`), nor
    where the problem of a description before the first heading read names them
    (`Document.stray_part`), nor one the bank does not hold (`import-unknown-competency`
    names it); a document read in full that lists a competency it does not describe is no
    problem (the `listed-not-described` finding says so).
    """
    if (
        not problems
        or document.stray_part is not None
        or any(p.code == "import-incomplete" for p in problems)
    ):
        return []
    said = {s.number for s in document.sections} | set(document.unread)
    missing = [
        e for e in document.entries if e.number in bank.competencies and e.number not in said
    ]
    if not missing:
        return []
    numbers = ", ".join(str(e.number) for e in missing)
    message = (
        f"competency {numbers}, which the list names: its heading was not read, and its "
        "description may be among the parts not read"
        if len(missing) == 1
        else f"competencies {numbers}, which the list names: their headings were not read, "
        "and their descriptions may be among the parts not read"
    )
    return [Problem("import-bad-section", name, reading.where(missing[0].line), message)]
