"""Reading a text document, step 2: a heading that a tool printed in pieces, put back.

A heading set in a synthetic bold (its text drawn twice, filled and stroked, as Chromium
draws it) and justified may come out of ``pdftotext`` (without ``-layout``) in pieces: its
number, each word of its name and the dash a paragraph or a line of their own, or its
definition, from the dash on, printed before its number and name. `rejoin_definitions`
gives each such heading back as one line, ``N. NAME \u2013 definition``, before the pieces
of other lines are put back (`compbank.importer.text_pieces`). Before that,
`unglue_headings` gives a heading pdftotext printed on the end of the line before it a line
of its own again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from compbank.importer.patterns import (
    CAPITALS,
    HEADING,
    LONE_NUMBER,
    MAX_NAME_WORDS,
    is_label,
    join_lines,
    starts_block,
)
from compbank.importer.text_pieces import PIECE_WORDS, next_text

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["rejoin_definitions", "unglue_headings"]

#: A competency's heading without its definition: its number, and its name in capitals.
_BARE_HEADING = re.compile(r"^\d{1,3}\.\s+(?P<name>[^a-z\u2013\u2014]+)$")
#: A heading's number alone (a list's entry's may carry a star; no heading's does).
_HEADING_NUMBER = re.compile(r"^\d{1,3}\.$")
#: A line starting with a number: a list's entry, or its number alone.
_NUMBERED_LINE = re.compile(r"^\*?\d{1,3}\.(?:\s|\*?[A-Z]|$)")
#: The dash alone that parts a heading's name from its definition.
_DASHES = ("\u2013", "\u2014")
#: A line starting with the dash that parts a heading's name from its definition.
_DEFINITION_DASH = re.compile(r"^[\u2013\u2014]\s*\S")
#: The dash printed as a piece of a line printed a word a paragraph: alone, or with a word.
_DASH_PIECE = re.compile(r"^[\u2013\u2014](?:\s+\S+)?$")
#: The most lines of a heading's definition printed just before it.
_DEFINITION_LINES = 6
#: Where a heading may start glued to a word before it: a letter, then a number and a
#: period, a space and a capital (``and City20. JOB KNOWLEDGE``).
_GLUED = re.compile(r"(?<=[^\W\d_])(?=\d{1,3}\.\s+[A-Z])")


def unglue_headings(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """A heading printed on the end of the line before it, on a line of its own again.

    pdftotext (without ``-layout``) joins a word broken after its hyphen at a line's end to
    the next line of its block, the hyphen dropped. Where a competency's heading stands
    beside a page's last line, in its block and after it, that next line is the heading,
    glued to the word (``... and City20. JOB KNOWLEDGE``, from ``City-``, its word's
    ``specific`` on the next page). A line ending in a heading's number, period and name
    in capitals (its dash and definition after it or not) right after a letter is two
    lines: the word with its hyphen again, and the heading. Both keep the line's number.

    >>> unglue_headings([(4, "and City20. JOB KNOWLEDGE")])
    [(4, 'and City-'), (4, '20. JOB KNOWLEDGE')]
    >>> unglue_headings([(4, "and City 20. JOB KNOWLEDGE"), (5, "uses Form20. It is")])
    [(4, 'and City 20. JOB KNOWLEDGE'), (5, 'uses Form20. It is')]
    """
    out: list[tuple[int, str]] = []
    for number, text in lines:
        at = next((m.start() for m in _GLUED.finditer(text) if _heading(text[m.start() :])), None)
        if at is None:
            out.append((number, text))
        else:
            out.extend([(number, f"{text[:at]}-"), (number, text[at:])])
    return out


def _heading(text: str) -> bool:
    """Whether *text* is a heading's line: its number and name in capitals, its dash or not."""
    text = text.strip()
    found = _BARE_HEADING.match(text) or HEADING.match(text)
    return found is not None and _caps_words(found["name"]) is not None


def _caps_words(text: str) -> list[str] | None:
    """The words of *text* if every one is in capitals (a dash among them), else None."""
    words = text.split()
    return words if words and all(map(CAPITALS.match, words)) else None


def _name_end(lines: Sequence[tuple[int, str]], k: int, tail: int | None) -> int | None:
    """The last line of the heading line *k* starts, its name's words perhaps a line each.

    Line *k* holds a heading's number alone, or its number and its name in capitals; the
    words of its name may follow, each a paragraph of its own (a justified heading in a
    synthetic bold, printed a word a paragraph), after its line's *tail* where there is one
    (see `_line_tail`). None where line *k* is neither, or where no word of a name is found.
    """
    head = lines[k][1].strip()
    bare = _BARE_HEADING.match(head)
    if not LONE_NUMBER.match(head) and not (bare and _caps_words(bare["name"])):
        return None
    count, end = len(head.split()) - 1, k
    j = next_text(lines, (k if tail is None else tail) + 1, 1)
    while j is not None:
        words = _caps_words(lines[j][1].strip())
        if words is None or words[0] in _DASHES or count + len(words) > MAX_NAME_WORDS:
            break
        count, end = count + len(words), j
        j = next_text(lines, j + 1, 1)
    return end if count else None


def _line_tail(lines: Sequence[tuple[int, str]], k: int) -> int | None:
    """The line just below heading line *k* holding its line's last words, if there is one.

    pdftotext may print a justified heading's line with its two ends first: its number and
    its name's first words, then on the next line its last words (``96. IMPLEMENT WITHIN``,
    ``Obtain/provide/present.``), then the words between, each a line or a paragraph of its
    own: the rest of the name in capitals, or the dash. The line below line *k*, no blank
    line between, where it is such a piece (a few words, not in capitals, no form of its
    own) and the next line with text is a word of a name or the dash alone.
    """
    bare = _BARE_HEADING.match(lines[k][1].strip())
    if not (bare and _caps_words(bare["name"])) or k + 1 == len(lines):
        return None
    text = lines[k + 1][1].strip()
    if (
        lines[k + 1][0] != lines[k][0] + 1
        or not text
        or len(text.split()) > PIECE_WORDS
        or _caps_words(text)
        or starts_block(text)
        or is_label(text)
    ):
        return None
    j = next_text(lines, k + 2, 1)
    after = None if j is None else _caps_words(lines[j][1].strip())
    return k + 1 if after is not None and len(after) <= MAX_NAME_WORDS else None


def _heading_name(lines: Sequence[tuple[int, str]], k: int) -> tuple[int, int | None] | None:
    """The last line of the name of the heading line *k* starts, and its line's tail if any.

    The tail (see `_line_tail`) stands only where the dash follows the name after it; None
    where line *k* starts no heading's name (see `_name_end`).
    """
    tail = _line_tail(lines, k)
    end = _name_end(lines, k, tail)
    if tail is None and end is not None:
        after_name = _tail_after_name(lines, end)
        if after_name is not None:
            return after_name, after_name
    if tail is None or end is None:
        return None if end is None else (end, None)
    after = next_text(lines, max(end, tail) + 1, 1)
    dash = "" if after is None else lines[after][1].strip()
    if dash in _DASHES or _DEFINITION_DASH.match(dash):
        return max(end, tail), tail
    end = _name_end(lines, k, None)  # no heading's line in pieces after all
    return None if end is None else (end, None)


def _tail_after_name(lines: Sequence[tuple[int, str]], end: int) -> int | None:
    """The line after a heading's name, printed a word a paragraph, holding its line's tail.

    pdftotext may print a justified heading's line as its number, each word of its name,
    then its last words, then the dash and the words between (``657.``, ``SOLUTION``,
    ``MET``, ``VARIOUS``, ``manuals/programs in to proves.``, ``\u2013``, ``Are``, ...): the
    line with text after the name's last (*end*), where it has a few words, no form of its
    own and none in capitals only, and the dash alone comes next.
    """
    j = next_text(lines, end + 1, 1)
    if j is None:
        return None
    text = lines[j][1].strip()
    if (
        len(text.split()) > 2 * PIECE_WORDS
        or _caps_words(text)
        or starts_block(text)
        or is_label(text)
    ):
        return None
    dash = next_text(lines, j + 1, 1)
    return j if dash is not None and _DASH_PIECE.match(lines[dash][1].strip()) else None


def _with_tail(parts: list[str], tail: list[str]) -> list[str]:
    """*parts* of a heading's line with its *tail* put back at the end of its first line.

    The last part is the definition's next line where it holds more words than a piece
    (see `_first_words`): the tail goes before it.
    """
    at = len(parts) - (len(parts[-1].split()) > PIECE_WORDS)
    return [*parts[:at], *tail, *parts[at:]]


def _texts(lines: Sequence[tuple[int, str]], first: int, last: int, tail: int | None) -> list[str]:
    """The texts of lines *first* to *last*, blank lines and the line *tail* left out."""
    texts = (lines[j][1].strip() for j in range(first, last + 1) if j != tail)
    return [text for text in texts if text]


def _heading_rest(lines: Sequence[tuple[int, str]], k: int) -> int | None:
    """The line that goes on the heading whose number alone is line *k*, if there is one.

    pdftotext may print a justified heading's number a paragraph apart from its name, the
    dash and its definition's first words (``7.``, then ``SELF-MANAGEMENT \u2013 Organizes
    and plans for task``): the next line with text, where with the number it reads as a
    heading.
    """
    head = lines[k][1].strip()
    if not _HEADING_NUMBER.match(head):
        return None
    j = next_text(lines, k + 1, 1)
    if j is None or not HEADING.match(f"{head} {lines[j][1].strip()}"):
        return None
    return j


def _heading_above(lines: Sequence[tuple[int, str]], k: int) -> int | None:
    """The line starting the heading whose number alone is line *k*, printed after it.

    pdftotext may print a justified heading's number after the rest of its line and its
    definition's lines (``DEPARTMENT IMPLEMENTED \u2013 The ...``, ..., then ``2.``): the
    nearest line above, a few at most, no blank line or line of a form of its own between,
    that with the number before it reads as a heading.
    """
    head = lines[k][1].strip()
    if not _HEADING_NUMBER.match(head):
        return None
    for j in range(k - 1, max(-1, k - 1 - _DEFINITION_LINES), -1):
        text = lines[j][1].strip()
        if not text or starts_block(text) or lines[j + 1][0] != lines[j][0] + 1:
            return None
        if not text[:1].isdigit() and HEADING.match(f"{head} {text}"):
            return j
    return None


def _first_words(lines: Sequence[tuple[int, str]], dash: int) -> int:
    """The last line of a definition's first line, printed a word a line after its *dash*.

    A justified heading's line may come out a word a line (no blank line between), the dash
    alone among them: the words after the dash up to the definition's next line, which
    holds more words, and that line too, where it has no form of its own. pdftotext may
    print each word a paragraph (blank lines between): the words then, up to a label, a
    line of a form of its own, or a paragraph of more words (not taken).
    """
    last = dash
    j = next_text(lines, dash + 1, 1)
    while j is not None:
        text = lines[j][1].strip()
        if starts_block(text) or is_label(text):
            break
        more = len(text.split()) > PIECE_WORDS
        if more and j > last + 1:  # a paragraph of its own, after a blank line
            break
        last = j
        if more:
            break
        j = next_text(lines, j + 1, 1)
    return last


def _definition_before(lines: Sequence[tuple[int, str]], k: int) -> int | None:
    """The first of the lines just above line *k* that are a heading's definition, if any.

    They start with the dash; no blank line stands between them and *k*, and none of them
    has a form of its own.
    """
    for start in range(k - 1, max(-1, k - 1 - _DEFINITION_LINES), -1):
        text = lines[start][1].strip()
        if not text or starts_block(text):
            return None
        if _DEFINITION_DASH.match(text):
            return start
    return None


def rejoin_definitions(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """A heading in pieces, or its definition printed just before it, put back in one line.

    A heading set in a synthetic bold (its text drawn twice, filled and stroked, as Chromium
    draws it) may come out of pdftotext in pieces: its number, and each word of its name, a
    paragraph of its own (see `_name_end`), its definition after them from the dash on; or
    its number alone, the rest of its line after it (`_heading_rest`) or before it
    (`_heading_above`); or its definition
    before its number and name, ending the competency before (the dash and
    ``Performs work ...`` on the lines just above ``8. SAFETY FOCUS``: see
    `_definition_before`), where the name is followed neither by the dash nor by the next
    numbered line (a list's next entry). (A definition a paragraph apart above its heading
    is a block's: `compbank.importer.headings.Headings.displaced` takes it back.)
    """
    out = list(lines)
    dropped: set[int] = set()
    for k, (number, raw) in enumerate(lines):
        rest = None if k in dropped else _heading_rest(lines, k)
        if rest is not None:  # the number alone, the heading's name and dash below it
            out[k] = (number, f"{raw.strip()} {lines[rest][1].strip()}")
            dropped.update(range(k + 1, rest + 1))
            continue
        above = None if k in dropped else _heading_above(lines, k)
        if above is not None and above not in dropped:  # the number after its heading
            out[above] = (lines[above][0], f"{raw.strip()} {out[above][1].strip()}")
            dropped.add(k)
            continue
        found = None if k in dropped else _heading_name(lines, k)
        if found is None:
            continue
        end, tail = found
        after = next_text(lines, end + 1, 1)
        last_words = [] if tail is None else [lines[tail][1].strip()]
        name = _texts(lines, k, end, tail)
        dash = "" if after is None else lines[after][1].strip()
        if tail is not None and _DASH_PIECE.match(dash) and dash not in _DASHES:
            dash = dash[0]  # the dash and a word: the line's words after it a word a line
        if after is not None and _DEFINITION_DASH.match(dash):
            out[k] = (number, " ".join([*name, lines[after][1].strip(), *last_words]))
            dropped.update(range(k + 1, after + 1))
            continue
        if after is not None and dash in _DASHES:
            last = _first_words(lines, after)
            parts = _with_tail(_texts(lines, k, last, tail), last_words)
            out[k] = (number, " ".join(parts))
            dropped.update(range(k + 1, last + 1))
            continue
        # a list's entry (the next entry after it) takes nothing from above
        entry = after is not None and bool(_NUMBERED_LINE.match(lines[after][1].strip()))
        start = None if entry else _definition_before(lines, k)
        if start is not None and dropped.isdisjoint(range(start, k)):
            definition = join_lines([t for _, t in lines[start:k]])
            out[k] = (number, " ".join([*name, definition]))
            dropped.update(range(start, k))
            dropped.update(range(k + 1, end + 1))
    return [line for k, line in enumerate(out) if k not in dropped]
