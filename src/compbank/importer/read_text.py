"""Reading a text document into blocks: the sources' form, and wrapped plain text.

Two forms are told apart by their lines' width:

- the form of ``data/sources/``: one paragraph or list item per line, list items marked
  ``- ``, the required level marked by emphasis (``*``, ``**`` or ``***`` around its text);
- plain text as extracted from a PDF (poppler's ``pdftotext``, with or without ``-layout``,
  or copied from a viewer): lines hard-wrapped at a fixed width, indented or not, page
  numbers alone on a line, running headers and footers at each page's top and bottom,
  bullets of any glyph or none, ``Level 1:`` alone on its line.

A document is *wrapped* when no line is longer than `MAX_WRAP_WIDTH`, or, set in a small face,
when many of its lines nearly reach the longest (see `_wide_wrap`). In a wrapped document a
line continues the one before unless that line ended short: the next line's first word would
have fitted on it (the widest line gives the width), or it starts a new item by its form (a
number, a bullet, a ``Level N:`` label, a section label). A line ending a sentence (or a
list introduction) ends its item when the next starts in upper case; a line starting in
lower case always continues.

The steps, in order: `text_margins` drops the page furniture (page numbers, running
headers and footers, letters' tails cut off at a page break, and the blank lines around
them), so that a page break never splits or ends a paragraph by itself; a heading that
pdftotext glued to the end of the line before it gets a line of its own again
(`text_headings.unglue_headings`); in wrapped text, `text_columns` reads a list set in two
columns down each column, `text_headings` puts a heading printed in pieces back in one
line, and `text_pieces` puts back what a tool printed apart (a number alone before its
name, ``Level`` before its ``N:``), `text_runs` the pieces of justified lines (in the lines
`text_ends` finds ended short); `blocks` then groups the lines into paragraphs and items.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from compbank.importer.blocks import Block, Kind, Line, Reading
from compbank.importer.patterns import (
    BULLET,
    FOOTNOTE,
    FULL_STOP,
    LONE_BULLET,
    LONE_NUMBER,
    MAX_WRAP_WIDTH,
    SENTENCE_END,
    glyph_bulleted,
    is_label,
    join_lines,
    normalize,
    starts_block,
)
from compbank.importer.text_columns import list_columns
from compbank.importer.text_headings import rejoin_definitions, unglue_headings
from compbank.importer.text_labels import rejoin_levels
from compbank.importer.text_margins import content_lines
from compbank.importer.text_pieces import SHORT, first_word, rejoin_numbers, word_piece
from compbank.importer.text_runs import rejoin_pieces

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: A line this much longer than the next is no measure of the width (two lines joined),
#: where lines as long as the next, within `_ALIKE`, share a width (full lines of a
#: proportional face differ by their characters' count: 139, 137, 136, 135).
_OUTLIER = 1.15
_ALIKE = 0.95
#: An item's number alone on its line (an areas list's).
_ITEM_NUMBER = re.compile(r"^(\d{1,2})\.$")
#: The widest wrapping read as such (see `_wide_wrap`), and how near a line comes to the
#: longest to be full, and how many full lines a wrapped text of that width shows at least.
_WIDEST_WRAP = 200
_NEAR_FULL = 0.85
_FULL_LINES = 10


def _bulleted(line: str) -> bool:
    """Whether *line* starts an item with a bullet, or is a bullet alone."""
    return bool(BULLET.match(line) or LONE_BULLET.match(line.strip()))


def _number_runs(lines: Sequence[tuple[int, str]]) -> set[int]:
    """The lines that are items' numbers alone, printed one under another before their texts.

    As bullets may be (see `blocks`): two numbers or more that follow each other (``1.``,
    ``2.``), blank lines only between them, then a line of text.
    """
    out: set[int] = set()
    run: list[int] = []
    last = 0  # the number of the run's last line
    for k, (_, raw) in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        found = _ITEM_NUMBER.match(text)
        if found and run and int(found[1]) == last + 1:
            run.append(k)
        else:
            if len(run) >= 2 and not found:
                out.update(run)
            run = [k] if found else []
        last = int(found[1]) if found else 0
    return out


def _stacked_markers(lines: Sequence[tuple[int, str]], numbers: set[int]) -> set[int]:
    """The bullets and items' numbers printed alone one under another, apart from their items.

    Their items' texts follow them, and where an item ends the copy does not say. *numbers*
    are the items' numbers so printed (`_number_runs`).
    """
    texts = [k for k, (_, raw) in enumerate(lines) if raw.strip()]
    bullets: set[int] = set()
    for k, after in itertools.pairwise(texts):
        if LONE_BULLET.match(lines[k][1].strip()) and LONE_BULLET.match(lines[after][1].strip()):
            bullets.update((k, after))
    return bullets | numbers


#: The fewest words alone on their lines, one under another, that are a line's printed apart.
_WORD_STACK = 3


def _word_stacks(lines: Sequence[tuple[int, str]]) -> set[int]:
    """The numbers of lines that are a justified line's words printed a line each.

    A viewer's copy (and pdftotext's text) may print the words of a justified line one
    under another, and those of two lines interleaved: where `_WORD_STACK` lines or more
    one after another hold a word each (no bullet, number or label), the copy does not say
    the words' order. They count among the lines pieces went back in
    (`blocks.Reading.pieced`).
    """
    out: set[int] = set()
    run: list[int] = []
    for k, (number, raw) in enumerate(lines):
        text = raw.strip()
        alone = len(text.split()) == 1 and word_piece(text)
        if alone and run and lines[run[-1]][0] == number - 1:
            run.append(k)
            continue
        if len(run) >= _WORD_STACK:
            out.update(lines[j][0] for j in run)
        run = [k] if alone else []
    if len(run) >= _WORD_STACK:
        out.update(lines[j][0] for j in run)
    return out


def _item_ended(previous: str, text: str, width: int | None) -> bool:
    """Whether *previous*, an item's line, ended it, the line *text* after it (in capitals).

    Where it ends a sentence, or ended short of the width (an item without a full stop).
    """
    short = width is not None and len(previous.strip()) + 1 + len(first_word(text)) <= (
        SHORT * width
    )
    return FULL_STOP.search(previous) is not None or short


def blocks(  # noqa: C901, PLR0912, PLR0915 (one pass over the lines)
    lines: list[tuple[int, str]], width: int | None, numbers: set[int]
) -> list[Block]:
    """Group lines into paragraphs and items (see the module docstring for the rules).

    *numbers* are the lines that are items' numbers printed one under another before
    their texts (`_number_runs`): each starts the next item, as a bullet alone does.
    """
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

    # bullets alone on their lines, not yet given to an item: one, or several printed one
    # under another, their items' text after them (a tab after each bullet, which pdftotext
    # took for a gap between columns): each starts the next item
    stacked: list[tuple[int, str]] = []
    fresh = False  # the last line with text was such a bullet: the next line is an item
    first = 0  # the indentation of the current block's first line
    # where the items are marked by a glyph (•), a dash a wrapped paragraph's line starts
    # with, its line before ending amid a sentence, is a word of it (" - "), not a bullet
    glyphs = width is not None and any(glyph_bulleted(t) for _, t in lines)
    for k, (number, raw) in enumerate(lines):
        text = raw.strip()
        if not text:
            blank = True
            continue
        if LONE_BULLET.match(text) or k in numbers:  # a marker alone: the next line is an item
            stacked.append((number, text))
            fresh = True
            continue
        dash_word = (
            glyphs
            and not blank
            and bool(current)
            and text.startswith("- ")
            and not _bulleted(current[0][1])
            and not is_label(current[-1][1])
            and not SENTENCE_END.search(current[-1][1].strip())
        )
        starts = (
            blank
            or not current
            or fresh
            or (starts_block(text) and not dash_word)
            or is_label(current[-1][1])
            or FOOTNOTE.match(current[-1][1].strip()) is not None  # a note is whole
            # a competency's number alone (its name and definition given before it), not
            # after an item's line, where it is the item's last word wrapped ("... 28.")
            or (LONE_NUMBER.match(text) is not None and not _bulleted(current[0][1]))
        )
        indent = len(raw) - len(raw.lstrip())
        if (
            stacked
            and not starts
            and text[0].isupper()
            and _item_ended(current[-1][1], text, width)
        ):
            starts = True  # the next of the items whose bullets stand one under another
        if not starts and width is not None and _bulleted(current[0][1]) and indent >= first:
            # in a document with bullets, the lines under an item's first continue it (not
            # those set further left than it, as pdftotext -layout sets the next paragraph)
            pass
        elif not starts:
            previous = current[-1][1].strip()
            if width is None:
                starts = True
            elif not text[0].islower():
                # a line that ended short only by its characters' count may have been full
                # in a proportional face (a list item's bullet drawn, not printed, as
                # Chromium draws them): a soft break, which the comparison reads both ways
                starts = (
                    FULL_STOP.search(previous) is not None
                    or len(previous) + 1 + len(first_word(text)) <= SHORT * width
                )
                if not starts:
                    soft.add(len(current))
        if starts:
            if current:
                close()
            current = []
            soft = set()
            after_blank = blank
            first = indent
        if blank and not fresh:
            stacked.clear()  # the items after the bullets have ended
        if stacked and (fresh or (starts and not starts_block(text))):
            current.append(stacked.pop(0))
        fresh = False
        current.append((number, text))
        blank = False
    if current:
        close()
    return out


def _wide_wrap(lengths: Sequence[int]) -> int | None:
    """The width of text wrapped wider than `MAX_WRAP_WIDTH`, if it is: else None.

    pdftotext of a page set in a small face gives lines up to 150 characters or so; their
    wrapping shows all the same, as many lines (a tenth at least) that nearly reach the
    longest. A paragraph per line (the sources' form) leaves only a few lines that long.
    The longest is that of the full lines, as `_width` finds it: not a line far longer than
    all the others (two lines that pdftotext printed as one), nor, where as few stand out
    as wrapped text may hold (a fiftieth), a line wider than any wrapping read. Where the
    longest leaves too few lines near it, a line or two above lengths that three lines or
    more reach are passed over however little longer: in a proportional face the full
    lines' lengths spread, and a line pdftotext joined to the next at its hyphen may be
    only a little longer than the longest of them.
    """
    longest = _width(lengths)
    if longest > _WIDEST_WRAP:
        wrappable = [n for n in lengths if n <= _WIDEST_WRAP]
        if len(lengths) - len(wrappable) > len(lengths) // 50:
            return None
        longest = _width(wrappable)
    ordered = sorted((n for n in lengths if n <= longest), reverse=True)
    tops = [longest] + [
        ordered[k] for k in (1, 2) if len(ordered) > k + 2 and ordered[k + 2] >= _ALIKE * ordered[k]
    ]
    for top in tops:
        near = sum(1 for n in lengths if n >= _NEAR_FULL * top)
        if near >= max(_FULL_LINES, len(lengths) // 10):
            return top
    return None


def _width(lengths: Sequence[int]) -> int:
    """The width wrapped text was wrapped at: the length its longest lines reach.

    Not a line or two far longer than all the others: a tool may print two lines as one
    (``pdftotext`` joins a line ending in a dash to the next), and the width that gives
    would make every full line look short. The longest line, or the two longest (of any
    two lengths), are passed over where the longest is far longer than the next length
    three lines or more reach (the width all the full lines share).
    """
    ordered = sorted(lengths, reverse=True)
    for k in (1, 2):
        longer = len(ordered) > k + 2 and ordered[0] > _OUTLIER * ordered[k]
        if longer and ordered[k + 2] >= _ALIKE * ordered[k]:
            return ordered[k]
    return ordered[0] if ordered else 0


def read_text(text: str, known: Callable[[str], bool] | None = None) -> Reading:
    """Read *text* (the sources' form or wrapped plain text) into blocks.

    *known* tells a known text's line (see `compbank.importer.text_runs.rejoin_columns`).
    """
    raw_lines = text.split("\n")
    content, cut_margin = content_lines(raw_lines)
    content = unglue_headings(content)  # before the width: the glued line is the longest
    lengths = [len(t.strip()) for _, t in content if t.strip()]
    narrow = [n for n in lengths if n <= MAX_WRAP_WIDTH]
    # wrapped text may hold a stray long line (an address, a table row); paragraphs do not
    wrapped = lengths and len(lengths) - len(narrow) <= len(lengths) // 50
    width = _width(narrow) if wrapped else _wide_wrap(lengths)
    if width is not None:
        headed, interleaved = rejoin_definitions(list_columns(content))
        breaks = [n for n, line in enumerate(raw_lines, start=1) if "\f" in line]
        content, taken = rejoin_pieces(rejoin_numbers(rejoin_levels(headed)), width, breaks, known)
        taken |= interleaved  # a heading's line put back from two lines' words interleaved
        numbers = _number_runs(content)
        # and the markers printed one under another, apart from their items
        taken |= {content[k][0] for k in _stacked_markers(content, numbers)}
        # and a line's words printed a line each, where a viewer may interleave two lines'
        taken |= _word_stacks(content)
    else:  # a line per paragraph; a wide text's list may still give its numbers alone, or
        # stand in two columns (a copy that keeps the layout, cut short before its width shows)
        content, taken, numbers = rejoin_numbers(list_columns(content)), frozenset(), set()
    lines = tuple(Line(n, t) for n, t in enumerate(raw_lines, start=1))
    form = "wrapped" if width is not None else "sources"
    return Reading(form, lines, tuple(blocks(content, width, numbers)), taken, cut_margin)
