"""Reading the one-line-per-page transcription into blocks.

Some copies of the models are transcriptions in which each page became one long line that
starts with its page number, and the labels between parts were lost (``Level 1:``,
``Examples of Behavioral Indicators:``, ``Satisfactory``). What can still be told apart by
its form is cut into blocks: the title block, the introduction's sentences, each numbered
entry or heading, and any label or ``Level N:`` that survived. The parts whose labels were
lost cannot be told apart, so the parser reports them as not read; the header and the list
are read all the same.
"""

from __future__ import annotations

import re

from compbank.importer.blocks import Block, Line, Reading
from compbank.importer.patterns import normalize

#: A page line is long: a page of a model holds a few thousand characters.
MIN_PAGE_LINE = 250
_PAGE_START = re.compile(r"^\s*(?P<n>\d{1,3})\s+(?=\S)")
# where a new block starts inside a page's line
_CUT = re.compile(
    r"\s+(?="
    r"competency\s+model\s+for\b"
    r"|the\s+following\s+competencies\b"
    r"|on\s+the\s+following\s+pages\b"
    r"|\*?\d{1,3}\.\s+\*?[A-Z]"
    r"|level\s+[1-3]\s*:"
    r"|level\s+of\s+competency\s+required"
    r"|examples\s+of\s+behavioral\s+indicators"
    r"|performance\s+levels\b"
    r"|\*\s*competencies\s+necessary\s+prior"
    r")",
    re.IGNORECASE,
)


def is_pages(text: str) -> bool:
    """Whether *text* is in the one-line-per-page form: every line a page, numbered."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    pages = [line for line in lines if len(line) >= MIN_PAGE_LINE and _PAGE_START.match(line)]
    return len(pages) * 5 >= len(lines) * 4 and len(pages) >= 1


def read_pages(text: str) -> Reading:
    """Read a one-line-per-page transcription into blocks."""
    raw = text.split("\n")
    lines: list[Line] = []
    blocks: list[Block] = []
    for number, line in enumerate(raw, start=1):
        m = _PAGE_START.match(line)
        page = int(m.group("n")) if m and len(line) >= MIN_PAGE_LINE else None
        lines.append(Line(number, line, page, 1 if page is not None else None))
        body = line[m.end() :] if page is not None and m else line
        for part in _CUT.split(body):
            words = normalize(part)
            if words:
                blocks.append(Block("paragraph", words, (number,)))
    return Reading("pages", tuple(lines), tuple(blocks))
