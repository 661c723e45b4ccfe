"""Step 2 of parsing, line by line: each line of the list as entries, in reading order.

A line of the list holds one entry, or one per column (`line_entries`); a name's last words wrapped
in its column come after it on a line of their own, or after the row's other entry
(`wrapped_name`, `rewrapped`); a list set in columns is read down each column in turn
(`by_columns`), and where a text gave it row by row, the columns are told apart
(`down_columns`) or, where they cannot be, the body's order may settle it
(`in_rising_order`). `compbank.importer.listing` reads the list with these.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import attrs

from compbank._checks import name_key
from compbank.importer.document import ListEntry
from compbank.importer.patterns import (
    CLOSING,
    MAX_NAME_WORDS,
    footnote_start,
    join_lines,
    normalize,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "LIST_ENTRY",
    "by_columns",
    "down_columns",
    "footnote_cut",
    "in_rising_order",
    "line_entries",
    "rewrapped",
    "without_closing",
    "wrapped_name",
]

#: A list entry: its number and name, ``*`` before the number or after the name.
LIST_ENTRY = re.compile(r"^(?P<pre>\*?)\s*(?P<n>\d{1,3})\.?\s+(?P<name>.*?[^*\s])\s*(?P<post>\*?)$")
# where a line of a list set in columns holds its next column's entry: "... 34. Customer"
_NEXT_ENTRY = re.compile(r"(?<=[A-Za-z)*-])\s+(?=\*?\d{1,3}\.\s+\*?[A-Z])")
# where an entry's name starts on its line, after its number: "  96. Implement" (at "I")
_NAME_START = re.compile(r"(?:^|(?<=\s))\*?\d{1,3}\.\s*\*?(?=[A-Z])")


def rewrapped(row: list[ListEntry], names: Mapping[int, set[str]]) -> list[ListEntry]:
    """*row*, with a name's last words given back where the row's last name took them.

    A two-column list given row by row (``pdftotext``) may print a name's wrapped last words
    on the line after the row (``32. Responsiveness and Follow- 59. Strategic Planning`` /
    ``Up``), which reads as the same paragraph. They are the name's of an entry before, where
    the last entry's name without them, and that entry's with them, are names *names* gives
    their numbers (the bank's, or the body's heading's); else nothing is told.
    """
    last = row[-1]
    words = last.name.split()
    if len(row) < 2 or name_key(last.name) in names.get(last.number, set()):
        return row
    for k in range(1, min(len(words), MAX_NAME_WORDS)):
        kept, moved = " ".join(words[:-k]), " ".join(words[-k:])
        if name_key(kept) not in names.get(last.number, set()):
            continue
        for i, entry in enumerate(row[:-1]):
            whole = join_lines([entry.name, moved])
            if name_key(whole) in names.get(entry.number, set()):
                return [
                    *row[:i],
                    attrs.evolve(entry, name=whole),
                    *row[i + 1 : -1],
                    attrs.evolve(last, name=kept),
                ]
    return row


def wrapped_name(names: Mapping[int, set[str]], rows: list[list[ListEntry]], text: str) -> bool:
    """Whether *text* ends the name of an entry just read, wrapped: then it is joined.

    A list in columns wraps a long name in its column; a text that gives the columns
    one after the other (``pdftotext``) prints its last words on a line of their own,
    which reads as a paragraph of its own; one that gives the rows one after the other
    prints them after the other column's entry, or after the row. They are the name's of
    an entry of the last row, or the one before it, where the name with them is a name
    *names* gives the entry's number (the bank's, or the body's heading's); else nothing is
    told.
    """
    for back in (1, 2):
        if len(rows) < back:
            break
        for at in range(len(rows[-back]) - 1, -1, -1):  # a row's last entry, then the others
            entry = rows[-back][at]
            whole = join_lines([entry.name, text])  # "Follow-" "Up": "Follow-Up"
            if name_key(whole) == name_key(entry.name):
                continue  # punctuation only (the dash of a heading's definition): no word
            if name_key(whole) in names.get(entry.number, set()):
                rows[-back][at] = attrs.evolve(entry, name=whole)
                return True
    return False


def line_entries(text: str, line: int) -> list[ListEntry]:
    """The entries of one line of the list: one, or one per column ("8. Safety Focus 34. ...")."""
    pieces = _NEXT_ENTRY.split(text)
    out = []
    for piece in pieces:
        m = LIST_ENTRY.match(piece)
        if m is None:  # not an entry after all: the line is one entry
            return _line_whole(text, line)
        out.append(
            ListEntry(
                int(m.group("n")),
                without_closing(normalize(m.group("name"))),
                line,
                bool(m.group("pre") or m.group("post")),
            )
        )
    return out


def _line_whole(text: str, line: int) -> list[ListEntry]:
    m = LIST_ENTRY.match(text)
    assert m is not None  # noqa: S101 (the caller matched it)
    name = without_closing(normalize(m.group("name")))
    return [ListEntry(int(m.group("n")), name, line, bool(m.group("pre") or m.group("post")))]


def by_columns(rows: Sequence[Sequence[ListEntry]], lines: Sequence[str]) -> list[ListEntry]:
    """The entries in reading order: a list set in columns is read down each column in turn.

    A line holding one entry where the others hold one per column is placed by where its
    name starts on the line as found (*lines*), where the text keeps the columns' places:
    an entry of the second column alone on its line is read in that column.
    """
    width = max((len(r) for r in rows), default=0)
    starts = [[m.end() for m in _NAME_START.finditer(line)] for line in lines]
    full = [s for r, s in zip(rows, starts, strict=True) if len(r) == width == len(s)]
    places = [min(s[c] for s in full) for c in range(width)] if full and width > 1 else []
    columns: list[list[ListEntry]] = [[] for _ in range(width)]
    for r, s in zip(rows, starts, strict=True):
        if len(r) == 1 < width and places and len(s) == 1:
            at = min(range(width), key=lambda c: abs(places[c] - s[0]))
            columns[at].append(r[0])
            continue
        for c, entry in enumerate(r):
            columns[c].append(entry)
    return [entry for column in columns for entry in column]


def down_columns(entries: list[ListEntry], rows: Sequence[Sequence[ListEntry]]) -> list[ListEntry]:
    """*entries* in the document's order where a text gave a two-column list across them.

    A list is in the bank's order (its numbers rise). A two-column list in ``pdftotext``'s
    text (or a viewer's copy) may come row by row, an entry a line (8, 34, 13, 45, ...) or
    both of a row's on one line and the others' a line each, or in pieces of each column as
    their lines' heights fall (a browser's columns, a name wrapped in one). Where the
    numbers as read do not rise, but the entries as the text gives them (*rows*, row by
    row) come from two columns as long as each other (within an entry), each rising as
    read, the first column's first, the columns are read one after the other; any other
    order is kept as found here (the body's order may settle it: `in_rising_order`).
    """
    numbers = [e.number for e in entries]
    if len(entries) < 3 or 0 in numbers or _rising(numbers):
        return entries
    given = [e for row in rows for e in row]
    ordered = sorted(numbers)
    if given[0].number != ordered[0]:
        return entries
    for size in sorted({len(given) // 2, (len(given) + 1) // 2}, reverse=True):
        first = [e for e in given if e.number <= ordered[size - 1]]
        second = [e for e in given if e.number > ordered[size - 1]]
        columns = (first, second)
        if all(_rising([e.number for e in c]) for c in columns):
            return first + second
    return entries


def in_rising_order(
    entries: Sequence[ListEntry], described: Sequence[int]
) -> tuple[ListEntry, ...] | None:
    """*entries* in rising order where they came out of it and the body's order says so.

    A list is in the bank's order: its numbers rise, and the body describes them in that
    order. A list in columns may come out of a PDF's text scrambled (row by row, or a name
    wrapped in one column throwing the rows out of step) where `down_columns` cannot tell
    the columns apart. Where the entries as read do not rise, each names a competency once,
    and the competencies the body describes (*described*, in its order) rise, or it
    describes none (a copy cut short before its first heading: nothing says otherwise),
    the list is read in rising order. None where it is read as found.
    """
    numbers = [e.number for e in entries]
    if 0 in numbers or len(set(numbers)) < len(numbers):
        return None
    if _rising(numbers) or not _rising(described):
        return None
    return tuple(sorted(entries, key=lambda e: e.number))


def _rising(numbers: Sequence[int]) -> bool:
    """Whether *numbers* rise, each above the one before."""
    return all(a < b for a, b in itertools.pairwise(numbers))


def footnote_cut(text: str) -> int | None:
    """Where the footnote after the list starts at *text*'s end, cut short; or None.

    A ``*`` before a word is no part of a name (an entry's mark stands before its number or
    after its name): ``870. Trade Writes For *Com`` is the last entry, then the note.
    """
    at = text.rfind(" *")
    return at if at > 0 and footnote_start(text[at + 1 :], last=True) else None


def without_closing(name: str) -> str:
    """A list entry's name without the start of the sentence or footnote after the list, cut."""
    note = footnote_cut(name)
    if note is not None:
        return name[:note].rstrip()
    # "... Skills On the following", or cut at "... Skills On", "... Skills O"
    at = name.find(" O")
    while at > 0:
        if CLOSING.startswith(name[at + 1 :].lower()):
            return name[:at]
        at = name.find(" O", at + 1)
    return name
