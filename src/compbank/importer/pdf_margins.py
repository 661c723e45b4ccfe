"""The lines of a PDF's pages that are no text of the document: what its margins hold.

A page's lines (see `pdf_words`) may hold, besides the document's text, its page number,
a running header or footer that repeats on every page, or the tails of the letters of a
line set across a page break. `margin_lines` tells which lines are such, so that the body
is read without them (they stay among the document's lines, to point at):

- a page number alone on a line among a page's first two or last two;
- a running header or footer: a line among a page's first two or last two whose text,
  numbers aside, stands so on all the pages but one at least (two pages at least), unless
  it starts a block by its form (a label, an entry); the title (``Competency Model for
  ...``) running as a header is the title where it first stands, and a header after;
- a line of the tails of another's letters, cut off at a page break (see `_clipped`).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from compbank.importer.patterns import (
    DIGITS,
    HEADER,
    PAGE_NUMBER,
    TAIL_LINE,
    normalize,
    starts_block,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.pdf_words import PdfLine


def margin_lines(pages: Sequence[Sequence[PdfLine]]) -> set[tuple[int, int]]:
    """(page, index) of the lines of *pages* that are no text of the body (see above)."""
    clipped = {
        (p, k) for p, lines in enumerate(pages) for k, line in enumerate(lines) if _clipped(line)
    }
    return _running(pages) | clipped


def _running(pages: Sequence[Sequence[PdfLine]]) -> set[tuple[int, int]]:
    """(page, index) of page numbers and running headers and footers."""
    drop: set[tuple[int, int]] = set()
    edges: list[list[int]] = []
    for p, lines in enumerate(pages):
        idx = list(range(len(lines)))
        edge = idx[:2] + idx[-2:]
        edges.append(sorted(set(edge)))
        for k in set(edge):
            if PAGE_NUMBER.match(lines[k].text.strip()):
                drop.add((p, k))
    if len(pages) < 2:
        return drop
    key = {
        (p, k): DIGITS.sub("#", normalize(pages[p][k].text))
        for p, edge in enumerate(edges)
        for k in edge
    }
    counts = Counter(text for _, text in {(p, key[p, k]) for p, e in enumerate(edges) for k in e})
    needed = max(2, len(pages) - 1)
    titles: set[str] = set()
    for (p, k), text in sorted(key.items()):
        line = pages[p][k].text
        if counts[text] < needed:
            continue
        if HEADER.match(line) and text not in titles:
            titles.add(text)  # the title as a running header: its first copy is the title
            continue
        if not starts_block(line) or HEADER.match(line):
            drop.add((p, k))
    return drop


def _clipped(line: PdfLine) -> bool:
    """Whether *line* holds only the tails of another's letters, cut off at a page break.

    A line set across a page break (a browser printing with tight line spacing) leaves the
    descenders of its letters at the next page's top, or their ascenders at the previous
    page's bottom: each a letter alone ("g p j y p"), or the tails of a word's letters side
    by side ("pp"), which no line of text is (`TAIL_LINE`).
    """
    return TAIL_LINE.match(line.text) is not None
