"""Paragraph breaks inside a sentence: damage a copy does to a competency's texts.

A copy may break a paragraph inside a sentence: the paragraph before does not end a
sentence, the one after begins in lower case (`parse.paragraphs_in_sentence`). The
sentence is read whole all the same. `find_breaks` finds each such break in a section's
definition, satisfactory and superior texts; the comparison with the bank
(`compbank.importer.texts_compare`) reports each as a finding, or notes it in the bank
record of a competency new to the bank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compbank.importer.findings import Finding
from compbank.importer.parse import paragraphs_in_sentence

if TYPE_CHECKING:
    from compbank.importer.parse import Section, Text

#: A paragraph break inside a sentence: the text's JSON path, the paragraphs before and after.
Break = tuple[str, "Text", "Text"]


def find_breaks(section: Section) -> list[Break]:
    """Paragraph breaks inside a sentence: (path, paragraph before, paragraph after)."""
    found = []
    for path, part in (
        ("$.definition", section.definition),
        ("$.satisfactory", section.satisfactory),
        ("$.superior", section.superior),
    ):
        found += [(path, a, b) for a, b in paragraphs_in_sentence(part)]
    return found


def break_finding(number: int, record: str, brk: Break, *, recorded: bool) -> Finding:
    """The finding of a break in competency *number*, on its bank file *record*."""
    path, a, b = brk
    return Finding(
        "line-break-in-sentence",
        f"{number} {path}: a paragraph break inside a sentence, between lines "
        f"{a.last_line} and {b.line}",
        b.line,
        number,
        record,
        path,
        recorded=recorded,
        found=_break_found(a, b),
    )


def break_note(brk: Break, source: str) -> dict[str, str]:
    """The note of a break in the bank record of a new competency, from document *source*."""
    path, a, b = brk
    return {
        "kind": "line-break-in-sentence",
        "source": source,
        "path": path,
        "found": _break_found(a, b),
        "action": "Kept the sentence whole; this copy breaks the paragraph inside it.",
    }


def _break_found(a: Text, b: Text) -> str:
    """The words around a paragraph break, as found: the sentence's start to two words on."""
    head = a.raw.rstrip()
    cut = max(head.rfind(". "), head.rfind(".\n"))
    head = head[cut + 2 :] if cut >= 0 else head
    gap = "\n" * (b.line - a.last_line)
    tail = " ".join(b.raw.split()[:2])
    return f"{head}{gap}{tail}"
