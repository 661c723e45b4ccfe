"""Reading a text document into blocks: the sources' form, and wrapped plain text.

Two forms are told apart by their lines' width:

- the form of ``data/sources/``: one paragraph or list item per line, list items marked
  ``- ``, the required level marked by emphasis (``*``, ``**`` or ``***`` around its text);
- plain text as extracted from a PDF (poppler's ``pdftotext``, with or without ``-layout``,
  or copied from a viewer): lines hard-wrapped at a fixed width, indented or not, page
  numbers alone on a line, running headers and footers at each page's top and bottom,
  bullets of any glyph or none, ``Level 1:`` alone on its line.

A document is *wrapped* when no line is longer than `MAX_WRAP_WIDTH`. In a wrapped document a
line continues the one before unless that line ended short: the next line's first word would
have fitted on it (the widest line gives the width), or it starts a new item by its form (a
number, a bullet, a ``Level N:`` label, a section label). A line ending a sentence (or a
list introduction) ends its item when the next starts in upper case; a line starting in
lower case always continues. Page numbers are dropped together with the blank lines around
them, so that a page break never splits or ends a paragraph by itself; so are running
headers and footers: lines at a page's top or bottom that repeat on most pages (numbers
aside).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from compbank.importer.blocks import Block, Kind, Line, Reading
from compbank.importer.patterns import (
    BULLET,
    FULL_STOP,
    HEADER,
    MAX_WRAP_WIDTH,
    PAGE_NUMBER,
    is_label,
    join_lines,
    normalize,
    starts_block,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

#: How many lines at each end of a page may be a running header or footer.
_EDGE = 3
#: A running header or footer is a line, not a paragraph.
_LONGEST = 160
_DIGITS = re.compile(r"\d+")
_LONE_BULLET = re.compile(
    r"^[\u2022\u25aa\u25e6\u25cf\u25a0\u2023\u2043\u2219\u00b7\u27a2\uf0b7\uf0a7\uf0a8\uf0d8\uf0fc\u00a7o-]$"
)


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0]


def _pages(kept: Sequence[tuple[int, str]]) -> list[list[int]]:
    """The indices of *kept* on each page: pages end at form feeds and page numbers."""
    pages: list[list[int]] = [[]]
    text_on_page = False
    for k, (_, text) in enumerate(kept):
        if text.startswith("\f") and text_on_page:
            pages.append([])
            text_on_page = False
        pages[-1].append(k)
        text_on_page = text_on_page or bool(text.replace("\f", "").strip())
        if PAGE_NUMBER.match(text.replace("\f", "").strip()):
            pages.append([])
            text_on_page = False
    return [p for p in pages if p]


def _running(kept: Sequence[tuple[int, str]]) -> set[int]:
    """Indices of running headers and footers: lines at a page's edge repeated on most pages.

    Lines are compared with their numbers blanked ("Page 3 of 9", a date), and a line that
    has the form of a part of the document (a label, a number, a bullet) is never one.
    """
    pages = _pages(kept)
    if len(pages) < 3:
        return set()
    edges: list[list[int]] = []
    for page in pages:
        texts = [k for k in page if kept[k][1].replace("\f", "").strip()]
        edges.append(texts[:_EDGE] + texts[-_EDGE:])
    key = {k: _DIGITS.sub("#", normalize(kept[k][1].replace("\f", ""))) for e in edges for k in e}
    seen = Counter(k for k in {(p, key[i]) for p, e in enumerate(edges) for i in e})
    counts = Counter(text for _, text in seen)
    needed = max(3, len(pages) - 1)  # on every page, or all but the first
    out = set()
    titles: set[str] = set()
    for edge in edges:
        for k in edge:
            text = kept[k][1].replace("\f", "").strip()
            if counts[key[k]] < needed or len(text) >= _LONGEST:
                continue
            if HEADER.match(text) and key[k] not in titles:
                titles.add(key[k])  # the title as a running header: its first copy is the title
                continue
            if not starts_block(text) or HEADER.match(text):
                out.add(k)
    return out


def content_lines(lines: Sequence[str]) -> list[tuple[int, str]]:
    """The lines that carry text, numbered from 1, without page furniture.

    Page numbers, running headers and footers, and the blank lines around page numbers go.

    Blank lines stay (as empty strings): they separate paragraphs.
    """
    kept: list[tuple[int, str]] = [(i, line.rstrip()) for i, line in enumerate(lines, start=1)]
    drop = _running(kept)
    for k, (_, text) in enumerate(kept):
        if PAGE_NUMBER.match(text.replace("\f", "").strip()):
            drop.add(k)
            j = k - 1
            while j >= 0 and not kept[j][1].replace("\f", "").strip():
                drop.add(j)
                j -= 1
            j = k + 1
            while j < len(kept) and not kept[j][1].replace("\f", "").strip():
                drop.add(j)
                j += 1
    return [(i, t.replace("\f", "")) for k, (i, t) in enumerate(kept) if k not in drop]


def blocks(lines: list[tuple[int, str]], width: int | None) -> list[Block]:  # noqa: C901
    """Group lines into paragraphs and items (see the module docstring for the rules)."""
    out: list[Block] = []
    current: list[tuple[int, str]] = []
    soft: set[int] = set()
    after_blank = True
    blank = True

    def close() -> None:
        joined = join_lines([t for _, t in current])
        marker = BULLET.match(joined)
        first = joined
        kind: Kind = "item" if marker else "paragraph"
        text = normalize(joined[marker.end() :]) if marker else joined
        numbers = tuple(n for n, _ in current)
        skip = len(first[: marker.end()].split()) if marker else 0
        positions = tuple(
            len(" ".join(t for _, t in current[:k]).split()) - skip for k in sorted(soft)
        )
        out.append(Block(kind, text, numbers, after_blank, positions))

    bullet: tuple[int, str] | None = None
    for number, raw in lines:
        text = raw.strip()
        if not text:
            blank = True
            continue
        if _LONE_BULLET.match(text):  # a bullet alone on its line: the next line is an item
            bullet = (number, text)
            continue
        starts = (
            blank
            or not current
            or bullet is not None
            or starts_block(text)
            or is_label(current[-1][1])
        )
        if not starts and width is not None and BULLET.match(current[0][1]):
            pass  # in a document with bullets, the lines under an item's first continue it
        elif not starts:
            previous = current[-1][1].strip()
            if width is None:
                starts = True
            elif not text[0].islower():
                starts = (
                    FULL_STOP.search(previous) is not None
                    or len(previous) + 1 + len(_first_word(text)) <= width
                )
                if not starts:
                    soft.add(len(current))
        if starts:
            if current:
                close()
            current = []
            soft = set()
            after_blank = blank
        if bullet is not None:
            current.append((bullet[0], bullet[1]))
            bullet = None
        current.append((number, text))
        blank = False
    if current:
        close()
    return out


def read_text(text: str) -> Reading:
    """Read *text* (the sources' form or wrapped plain text) into blocks."""
    raw_lines = text.split("\n")
    content = content_lines(raw_lines)
    lengths = [len(t.strip()) for _, t in content if t.strip()]
    narrow = [n for n in lengths if n <= MAX_WRAP_WIDTH]
    # wrapped text may hold a stray long line (an address, a table row); paragraphs do not
    wrapped = lengths and len(lengths) - len(narrow) <= len(lengths) // 50
    width = max(narrow, default=0) if wrapped else None
    lines = tuple(Line(n, t) for n, t in enumerate(raw_lines, start=1))
    return Reading(
        "wrapped" if width is not None else "sources", lines, tuple(blocks(content, width))
    )
