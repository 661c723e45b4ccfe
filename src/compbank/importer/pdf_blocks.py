"""Joining a PDF's body lines into blocks: paragraphs and list items, by the page's geometry.

The body's lines come numbered, in reading order (see `read_pdf`: the margins' lines left
out, a list in columns read down each column). A line continues the block before it unless
a wider gap than the usual one between baselines stands between them, the line before is a
label or a ``Level N:`` alone, the line starts a block by its form (a bullet of any glyph,
a number, a ``Level N:`` label, a section label), or the line before ended short of the
right edge of the page's text or of its column (the line's first word would have fitted on
it) and the line starts in no lower case letter and not at the text's indent of the item
it would run on. A paragraph that runs on at the top of the next page stays one.

A block's text is its lines' words, a word broken after its hyphen at a line's end made
whole again, without its leading bullet (an item's); each word keeps its style. Each line
that runs on a block and starts in no lower case letter stands after a soft break (see
`Block.soft_breaks`). A bullet alone on its line starts the item that follows it; one with
no item after it is no block.
"""

from __future__ import annotations

import itertools
import statistics
from typing import TYPE_CHECKING

import attrs

from compbank.importer.blocks import Block
from compbank.importer.patterns import (
    BULLET_GLYPHS,
    HYPHEN_END,
    LEVEL,
    is_label,
    normalize,
    starts_block,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.pdf_words import PdfLine, Word

#: Bullet glyphs that may stand alone before an item's text, and the "o" sub-bullet.
# (no dashes: a line may start with the en dash of a heading "N. NAME \u2013 definition")
_BULLET_GLYPHS = frozenset(BULLET_GLYPHS + "o")


def blocks(body: Sequence[tuple[int, PdfLine]]) -> list[Block]:
    """The numbered lines of *body* joined into paragraphs and items (see above)."""
    made = (_block(lines, soft, after_blank) for lines, soft, after_blank in _groups(body))
    return _lone_bullets([block for block in made if block is not None])


def _groups(
    body: Sequence[tuple[int, PdfLine]],
) -> list[tuple[list[tuple[int, PdfLine]], list[int], bool]]:
    """The lines of each block, where its soft breaks stand (by line), and whether a gap did."""
    gaps = [
        a.baseline - b.baseline
        for (_, a), (_, b) in itertools.pairwise(body)
        if a.page == b.page and 0 < a.baseline - b.baseline < 3 * a.size
    ]
    pitch = statistics.median(gaps) if gaps else 14.0
    right: dict[int, float] = {}
    for _, line in body:
        right[line.page] = max(right.get(line.page, 0.0), line.x1)
    groups: list[tuple[list[tuple[int, PdfLine]], list[int], bool]] = []
    previous: PdfLine | None = None
    for number, line in body:
        if previous is None:
            new = blank = True
        else:
            current, soft, _ = groups[-1]
            edge = previous.edge or right[previous.page]
            new, blank, runs_on = _break(previous, line, current[0][1], pitch, edge)
            if runs_on:
                soft.append(len(current))
        if new:
            groups.append(([], [], blank))
        groups[-1][0].append((number, line))
        previous = line
    return groups


def _break(
    previous: PdfLine, line: PdfLine, first: PdfLine, pitch: float, edge: float
) -> tuple[bool, bool, bool]:
    """Whether *line* starts a block after *previous*, a wide gap before it, a soft break.

    *first* is the first line of the block *previous* ends, *pitch* the usual distance
    between baselines, *edge* the right edge of *previous*'s text.
    """
    text = line.text
    gap = previous.baseline - line.baseline if previous.page == line.page else pitch
    wide = gap > 1.35 * pitch
    first_word = line.words[0]
    space = 0.3 * first_word.size
    full = previous.x1 + space + (first_word.x1 - first_word.x0) > edge
    new = (
        wide
        or starts_block(text)
        or is_label(previous.text)
        or bool(LEVEL.match(previous.text) and len(previous.words) <= 2)
        or (not full and not text[:1].islower() and not _runs_on(first, line))
    )
    # a full line, then one in upper case: the paragraph runs on, or an item without
    # a bullet ended there (its bullet lost, or drawn as a shape, as Chromium draws
    # a list's discs); the comparison takes the bank's reading of the list
    return new, wide, not new and not text[:1].islower()


def _runs_on(first: PdfLine, line: PdfLine) -> bool:
    """Whether *line* runs on the item whose first line is *first*, by its indent.

    Where the bullet is a character, an item's lines after its first have none and start
    at its text's indent (a hanging indent), right of the bullet: whatever the line before
    them, they are no new item (each of which has its bullet) and no paragraph after the
    list (which starts left of the text, at the margin or the bullet).
    """
    if len(first.words) < 2 or first.words[0].text not in _BULLET_GLYPHS:
        return False
    bullet, indent = first.words[0].x0, first.words[1].x0
    tolerance = 0.25 * first.size
    return line.x0 > bullet + tolerance and abs(line.x0 - indent) <= tolerance


def _block(
    lines: Sequence[tuple[int, PdfLine]], soft: Sequence[int], after_blank: bool
) -> Block | None:
    """The block of *lines*, soft breaks before its lines *soft*; None where it has no text."""
    words: list[Word] = []
    starts: list[int] = []  # where each line's words start
    for _, line in lines:
        first = line.words[0]
        starts.append(len(words))
        if words and HYPHEN_END.search(words[-1].text) and first.text[:1].isalpha():
            # a word broken after its hyphen at the line's end is one word again
            words[-1] = attrs.evolve(words[-1], text=words[-1].text + first.text)
            words += line.words[1:]
        else:
            words += line.words
    before = len(words)
    words, bullet = _strip_bullet(words)
    text = normalize(" ".join(w.text for w in words))
    if not text:
        return None
    styles = tuple(w.style for w in words)
    skip = before - len(words)  # a bullet that was a word of its own
    positions = tuple(starts[k] - skip for k in soft)
    numbers = tuple(n for n, _ in lines)
    return Block("item" if bullet else "paragraph", text, numbers, after_blank, positions, styles)


def _strip_bullet(words: list[Word]) -> tuple[list[Word], bool]:
    """The words without a leading bullet, and whether there was one."""
    first = words[0].text
    if len(words) > 1 and first in _BULLET_GLYPHS:
        if first == "o" and not words[1].text[:1].isupper():
            return words, False
        return words[1:], True
    if first[0] in _BULLET_GLYPHS - {"o"} and len(first) > 1:
        return [attrs.evolve(words[0], text=first[1:]), *words[1:]], True
    return words, False


def _lone_bullets(blocks: Sequence[Block]) -> list[Block]:
    """*blocks*, each bullet alone on its line joined to the item after it, or left out."""
    merged: list[Block] = []
    for block in blocks:
        if merged and merged[-1].text in _BULLET_GLYPHS and merged[-1].kind == "paragraph":
            gone = merged.pop()
            block = attrs.evolve(block, kind="item", lines=gone.lines + block.lines)  # noqa: PLW2901
        merged.append(block)
    # a bullet with no item after it is no block
    return [b for b in merged if b.text not in _BULLET_GLYPHS]
