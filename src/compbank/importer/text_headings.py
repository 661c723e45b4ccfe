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


def _heading_name(
    lines: Sequence[tuple[int, str]], k: int
) -> tuple[int, list[int], int | None] | None:
    """The last line of heading line *k*'s name, the pieces among it, a label among them.

    Line *k* holds a heading's number alone, or its number and its name in capitals; the
    words of its name may follow, each a line or a paragraph of its own (a justified
    heading in a synthetic bold, printed a word a paragraph). pdftotext may print other
    words of the heading's line among them, or after them, before the dash: its last words
    (``96. IMPLEMENT WITHIN``, ``Obtain/provide/present.``), or the words of the line below
    it interleaved with its own (``134.``, ``FREELY``, ``necessary``, ``WHILE``,
    ``needed.``, ...), and even the label after it (``Level of Competency Required by
    Job:``). Such lines (a few words each, none of a form of its own but the label, not in
    capitals only) are taken only where the dash comes next, alone, with a word or with
    the definition's first line; without it, the name is its words up to the first.
    None where line *k* starts no heading's name, or where no word of a name is found.
    """
    head = lines[k][1].strip()
    bare = _BARE_HEADING.match(head)
    if not LONE_NUMBER.match(head) and not (bare and _caps_words(bare["name"])):
        return None
    count, end, first_other, label = len(head.split()) - 1, k, None, None
    others: list[int] = []
    j = next_text(lines, k + 1, 1)
    while j is not None:
        text = lines[j][1].strip()
        words = _caps_words(text)
        if words is not None and words[0] not in _DASHES:
            if count + len(words) > MAX_NAME_WORDS:
                break
            count += len(words)
        elif _other_piece(text) and len(others) < MAX_NAME_WORDS:
            others.append(j)
        elif is_label(text) and label is None and count:
            label = j
        else:
            break
        end = j
        if (others or label is not None) and first_other is None:
            first_other = j
        j = next_text(lines, j + 1, 1)
    dash = "" if j is None else lines[j][1].strip()
    if first_other is not None and not (dash in _DASHES or _DEFINITION_DASH.match(dash)):
        end, others, label = _last_text(lines, k, first_other), [], None  # up to the first
    if not count:
        return None
    return end, others, label


def _last_text(lines: Sequence[tuple[int, str]], k: int, stop: int) -> int:
    """The last line with text from line *k* up to (not with) line *stop*."""
    return next((i for i in range(stop - 1, k, -1) if lines[i][1].strip()), k)


def _other_piece(text: str) -> bool:
    """Whether *text* may be a piece of a heading's line among its name's words printed apart.

    A few words, not in capitals only (a word of the name), of no form of its own.
    """
    return (
        bool(text)
        and text not in _DASHES
        and len(text.split()) <= 2 * PIECE_WORDS
        and not starts_block(text)
        and not is_label(text)
        and not _DEFINITION_DASH.match(text)
    )


def _with_tail(parts: list[str], tail: list[str]) -> list[str]:
    """*parts* of a heading's line with the pieces *tail* put back at the end of its first line.

    The last part is the definition's next line where it holds more words than a piece
    (see `_first_words`): the tail goes before it.
    """
    at = len(parts) - (len(parts[-1].split()) > PIECE_WORDS)
    return [*parts[:at], *tail, *parts[at:]]


def _texts(
    lines: Sequence[tuple[int, str]], first: int, last: int, others: Sequence[int]
) -> list[str]:
    """The texts of lines *first* to *last*, blank lines and the lines *others* left out."""
    texts = (lines[j][1].strip() for j in range(first, last + 1) if j not in others)
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
        if more and lines[j][0] > lines[last][0] + 1:  # a paragraph of its own (a blank line
            break  # or a page's margin before it)
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


def rejoin_definitions(
    lines: Sequence[tuple[int, str]],
) -> tuple[list[tuple[int, str]], frozenset[int]]:
    """A heading in pieces, or its definition printed just before it, put back in one line.

    A heading set in a synthetic bold (its text drawn twice, filled and stroked, as Chromium
    draws it) may come out of pdftotext in pieces: its number, and each word of its name, a
    paragraph of its own, other words of its line among them or after them (see
    `_heading_name`), its definition after them from the dash on; or
    its number alone, the rest of its line after it (`_heading_rest`) or before it
    (`_heading_above`); or its definition
    before its number and name, ending the competency before (the dash and
    ``Performs work ...`` on the lines just above ``8. SAFETY FOCUS``: see
    `_definition_before`), where the name is followed neither by the dash nor by the next
    numbered line (a list's next entry). (A definition a paragraph apart above its heading
    is a block's: `compbank.importer.headings.Headings.displaced` takes it back.)

    Also the numbers of the headings' lines put back from two lines' words interleaved
    (more than one piece among its name's words), whose order the copy does not tell.
    """
    out = list(lines)
    dropped: set[int] = set()
    pieced: set[int] = set()
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
        end, others, label = found
        after = next_text(lines, end + 1, 1)
        last_words = [lines[j][1].strip() for j in others]
        apart = [*others, *([] if label is None else [label])]  # not the name's
        name = _texts(lines, k, end, apart)
        if len(others) > 1:
            pieced.update(lines[j][0] for j in (k, *others))
        dash = "" if after is None else lines[after][1].strip()
        if others and _DASH_PIECE.match(dash) and dash not in _DASHES:
            dash = dash[0]  # the dash and a word: the line's words after it a word a line
        if after is not None and _DEFINITION_DASH.match(dash):
            out[k] = (number, " ".join([*name, lines[after][1].strip(), *last_words]))
            dropped.update(j for j in range(k + 1, after + 1) if j != label)
            continue
        if after is not None and dash in _DASHES:
            last = _first_words(lines, after)
            parts = _with_tail(_texts(lines, k, last, apart), last_words)
            out[k] = (number, " ".join(parts))
            dropped.update(j for j in range(k + 1, last + 1) if j != label)
            continue
        # a list's entry (the next entry after it) takes nothing from above
        entry = after is not None and bool(_NUMBERED_LINE.match(lines[after][1].strip()))
        start = None if entry else _definition_before(lines, k)
        if start is not None and dropped.isdisjoint(range(start, k)):
            definition = join_lines([t for _, t in lines[start:k]])
            out[k] = (number, " ".join([*name, definition]))
            dropped.update(range(start, k))
            dropped.update(range(k + 1, end + 1))
    return [line for k, line in enumerate(out) if k not in dropped], frozenset(pieced)
