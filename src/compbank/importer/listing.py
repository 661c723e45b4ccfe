"""Step 2 of parsing: the class's list of competencies, up to the first one's heading.

A list entry is ``N. Name`` (``*`` marking one needed prior to job entry), one or two to a
line where the list is set in columns; a text copy may wrap a long name onto a line of its
own, give a two-column list row by row, or give names alone, run together (an entry-level
model), which are cut where the bank's names are. The footnote after the list and the
sentence after it close it; a copy cut short may end inside either.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from compbank._checks import name_key
from compbank.importer.document import ListEntry
from compbank.importer.list_rows import (
    LIST_ENTRY,
    by_columns,
    down_columns,
    footnote_cut,
    line_entries,
    rewrapped,
    without_closing,
    wrapped_name,
)
from compbank.importer.patterns import (
    CLOSING_START,
    INTRODUCTION_START,
    MAX_NAME_WORDS,
    NAME_WORD,
    NUMBERED,
    SENTENCE_BREAK,
    TIGHT_ENTRY,
    ends_sentence,
    footnote_start,
    join_lines,
    normalize,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from compbank.importer.blocks import Block
    from compbank.importer.document import Context
    from compbank.importer.headings import Headings

__all__ = ["ListRead", "read_list"]

# a competency's name alone, as a list without numbers gives it: "Customer Service"
_NAME_ONLY = re.compile(r"^\*?[A-Z][A-Za-z&/,\u2019' -]{1,58}[A-Za-z]\*?$")
# names run together (see `NAME_WORD`), a star before or after a name needed prior to entry
_NAME_RUN = re.compile(rf"^\*?{NAME_WORD}\*?(?:\s+\*?{NAME_WORD}\*?)*\s*$")


@attrs.frozen
class ListRead:
    """The list as read.

    Attributes:
        entries: The list's entries, in the document's order (down each column).
        footnote_line: The line of the footnote "*Competencies necessary prior to job
            entry" (or where a copy cut short ends inside it), or None.
        end: The index of the block where the list ended: the first competency's heading,
            or the number of blocks where none follows.
        loose: Whether a paragraph among the entries was left unread: the last words of
            a name wrapped apart from it, which the body's headings may tell.
    """

    entries: tuple[ListEntry, ...]
    footnote_line: int | None
    end: int
    loose: bool = False


def read_list(
    context: Context,
    headings: Headings,
    start: int,
    *,
    titled: bool,
    headed: Mapping[int, set[str]] | None = None,
) -> ListRead:
    """The list of the blocks from *start* (after the title block; *titled*: there is one).

    A name's last words wrapped apart from it are joined where they make a name the bank
    has for its number, or the body's heading has (*headed*: each number's, as keys).
    """
    units = context.reading.blocks
    names = _merged(context.names, headed or {})
    entries: list[ListEntry] = []
    rows: list[list[ListEntry]] = []  # each line of the list: one entry, or one per column
    unnumbered: list[ListEntry] = []
    wrapped = _Wrapped(names)
    footnote_line = None
    end = len(units)
    closed = False  # the list's footnote or the sentence after it was read: it is complete
    opens, past = _closing(units, start)
    for k in range(start, len(units)):
        unit = units[k]
        text = unit.text
        # names alone (no numbered entry) end only at the footnote or the sentence after
        listed = entries or (unnumbered if closed else [])
        if headings.heading(unit, entries) is not None or (
            listed and headings.ends_list(unit, listed, closed=closed)
        ):
            end = k  # the first competency's heading
            break
        if footnote_start(text, last=k == len(units) - 1):  # whole, or a copy cut in it
            footnote_line = unit.line
            closed = True
            continue
        closed = closed or k >= opens
        if k >= past:  # no entry past the sentence after the list (see `_closing`)
            continue
        text = TIGHT_ENTRY.sub(r"\g<n> ", text)
        m = LIST_ENTRY.match(text)
        if m and (unit.bullet or NUMBERED.match(text)):
            wrapped.end()
            rows.append(rewrapped(line_entries(text, unit.line), names))
            if footnote_cut(text) is not None:
                footnote_line, closed = unit.line, True  # cut short inside the footnote
        elif rows and not closed:
            wrapped.add(rows, text)
        elif titled:
            unnumbered += _names_only(context.every_name, unit)
        entries = by_columns(rows, [context.reading.line(r[0].line).text for r in rows])
    entries = down_columns(entries, rows)
    if not entries:  # a list of names without numbers: matched to the bank by name
        entries = unnumbered
    return ListRead(tuple(entries), footnote_line, end, wrapped.end())


def _closing(units: Sequence[Block], start: int) -> tuple[int, int]:
    """Where the sentence after the list (``On the following pages ...``) starts and ends.

    The indexes of its first block and of the block after its end, from *start*; past
    the blocks there are (both) where there is none, or (the second) where it ends not.
    A numbered line after it is no list entry: a competency's areas (``1. Knowledge of
    ...``), where its heading could not be read.
    """
    opens = next((k for k in range(start, len(units)) if CLOSING_START.match(units[k].text)), None)
    if opens is None:
        return len(units), len(units)
    ends = next((k for k in range(opens, len(units)) if ends_sentence(units[k].text)), None)
    return opens, len(units) if ends is None else ends + 1


@attrs.define
class _Wrapped:
    """The lines after a list's last entry: the last words of an entry's name, or loose.

    A list in columns wraps a long name in its column, its last words on a line of their
    own or more (`wrapped_name` says whose they are); a line that ends no name is loose.
    """

    names: Mapping[int, set[str]]
    #: The lines read since the last entry that end no name yet, alone or together.
    pending: list[str] = attrs.Factory(list)
    loose: bool = False

    def add(self, rows: list[list[ListEntry]], text: str) -> None:
        """Read *text*, a line after *rows*: alone, or with the lines before it that ended none."""
        self.pending.append(text)
        if wrapped_name(self.names, rows, text):
            self.loose = self.loose or len(self.pending) > 1
            self.pending = []
        elif len(self.pending) > 1 and wrapped_name(self.names, rows, join_lines(self.pending)):
            self.pending = []

    def end(self) -> bool:
        """Close the lines read (an entry follows, or the list ends); whether any was loose."""
        self.loose = self.loose or bool(self.pending)
        self.pending = []
        return self.loose


def _merged(*names: Mapping[int, set[str]]) -> dict[int, set[str]]:
    """Each number's names in any of *names*."""
    out: dict[int, set[str]] = {}
    for each in names:
        for number, keys in each.items():
            out[number] = out.get(number, set()) | keys
    return out


def _names_only(every_name: Mapping[str, int], unit: Block) -> list[ListEntry]:
    """The list entries of a paragraph that gives competencies' names without numbers.

    A name alone (``Customer Service``), or names run together (``Safety Focus Stress
    Tolerance``, also after the introduction's last sentence), cut where the bank's
    names are; words no name of the bank's covers are kept as one entry, reported later.
    A star before a name (or after it) marks it needed prior to job entry, among names run
    together too (``Safety Focus *Stress Tolerance``). A copy cut short in the footnote or
    the sentence after the list (``... Leadership On the followi``) ends with the names.
    """
    text = without_closing(unit.text)
    marked = text.startswith("*") or text.endswith("*")
    plain = text.strip("*").strip()
    if INTRODUCTION_START.match(plain):
        ends = list(SENTENCE_BREAK.finditer(plain))
        plain = plain[ends[-1].end() :] if ends else ""
        marked = False
    if not plain or not _NAME_RUN.match(plain):
        return []
    if not every_name:
        if not _NAME_ONLY.match(plain):
            return []
        return [ListEntry(0, normalize(plain), unit.line, marked)]
    return [
        ListEntry(0, name, unit.line, marked or starred)
        for name, starred in _split_names(every_name, plain)
    ]


def _split_names(every_name: Mapping[str, int], text: str) -> list[tuple[str, bool]]:
    """*text* cut into the bank's names, longest first; other words kept together.

    Each name with whether a star marks it (before its first word or after its last).

    >>> _split_names({"safety focus": 8, "stress tolerance": 13}, "Safety Focus *Stress Tolerance")
    [('Safety Focus', False), ('Stress Tolerance', True)]
    """
    words = text.split()
    plain = [w.strip("*") for w in words]
    out: list[tuple[str, bool]] = []

    def add(first: int, last: int) -> None:
        starred = words[first].startswith("*") or words[last - 1].endswith("*")
        out.append((" ".join(plain[first:last]), starred))

    other = None  # where words no name covers started
    at = 0
    while at < len(words):
        size = next(
            (
                k
                for k in range(min(MAX_NAME_WORDS, len(words) - at), 0, -1)
                if name_key(" ".join(plain[at : at + k])) in every_name
            ),
            0,
        )
        if size:
            if other is not None:
                add(other, at)
                other = None
            add(at, at + size)
            at += size
        else:
            other = at if other is None else other
            at += 1
    if other is not None:
        add(other, len(words))
    return out
