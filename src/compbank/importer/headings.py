"""Step 3 of parsing: which blocks are the competencies' headings, and what they say.

Each heading is read into its number, its name and its definition's first words. A heading
is ``N. NAME - definition`` with its dash, or without it where the name is the list's or
the bank's for that number, or in capitals. Where the list ends, a numbered line may start
a competency whatever follows its name (it is cut short, or its definition lost words):
such a heading is kept, forced, so that its section reports what cannot be read rather
than its text being joined to the competency before it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeAlias

from compbank._checks import name_key
from compbank.importer.patterns import (
    CAPITALS,
    CLOSING,
    FOOTNOTE_TEXT,
    HEADING,
    INTRODUCTION_START,
    MAX_NAME_WORDS,
    MIN_CAPS,
    NUMBERED_TEXT,
    normalize,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.blocks import Block
    from compbank.importer.document import Context, ListEntry

__all__ = ["Head", "Headings"]

#: A heading as read: the competency's number, its name and its definition's first words.
Head: TypeAlias = tuple[int, str, str]

# a heading's definition a text copy gave before it, with its dash, or with its name too
_DISPLACED = re.compile(
    r"^(?P<name>[^a-z\u2013\u2014]*?[A-Z][^a-z\u2013\u2014]*?)?\s*[\u2013\u2014-]\s+(?P<text>\S.*)$"
)
# the next entry of a list in columns, where a definition would start: "34." (not "40")
_ENTRY_NUMBER = re.compile(r"^\*?\d{1,3}\.")


class Headings:
    """The headings of one document's competencies, with the bank's names to tell them by."""

    def __init__(self, context: Context) -> None:
        self.context = context
        # headings found where the list ended, read whatever follows their names, by block
        self.forced: dict[int, Head] = {}

    def find(self, start: int, entries: Sequence[ListEntry]) -> list[int]:
        """The indexes of the blocks from *start* on that are headings, the list *entries*'s.

        A number alone (``2.``, its name and definition lost or given before it) is a
        heading only after a heading of a lower number: the body describes the list's
        competencies in their order, and a number alone after a higher one is an item's
        (an areas item's number, its text on the lines after it).
        """
        units = self.context.reading.blocks
        heads: list[int] = []
        last = 0
        for k in range(start, len(units)):
            head = self.heading(units[k], entries)
            end = k == len(units) - 1
            if head is None and self.bare_heading(units[k], entries, after=last, end=end):
                head = self.forced[id(units[k])]
            if head is not None:
                heads.append(k)
                last = head[0]
        return heads

    def names(self, heads: Sequence[int], entries: Sequence[ListEntry]) -> dict[int, set[str]]:
        """The names the headings *heads* (blocks' indexes, see `find`) give, as keys."""
        out: dict[int, set[str]] = {}
        for k in heads:
            head = self.heading(self.context.reading.blocks[k], entries)
            if head is not None and head[1]:
                out.setdefault(head[0], set()).add(name_key(head[1]))
        return out

    def _listed(self, entries: Sequence[ListEntry]) -> list[int]:
        """The numbers of the list's *entries*; a name without its number, the bank's for it.

        An entry-level model's list gives names alone: a heading of one of them is a listed
        competency's heading as much as one whose list gives the number.
        """
        every = self.context.every_name
        return [e.number or every.get(name_key(e.name), 0) for e in entries]

    def _known(self, number: int, entries: Sequence[ListEntry]) -> set[str]:
        """The names *number* has, as keys: the list's (*entries*) and the bank's."""
        return {name_key(e.name) for e in entries if e.number == number} | self.context.names.get(
            number, set()
        )

    def heading(self, unit: Block, entries: Sequence[ListEntry]) -> Head | None:
        """The number, name and definition of a competency's heading, if *unit* is one.

        ``N. NAME - definition`` with its dash; else ``N.``, the name, then the definition
        starting with a capital (or with a number, after a name in capitals): the name as
        the document's list or the bank gives it for that number (in any case), or else in
        capitals (where the list and the bank know no name for the number, or the capitals
        name no competency at all). A heading found where the list ended (see `ends_list`)
        is one whatever follows its name.
        """
        if id(unit) in self.forced:
            return self.forced[id(unit)]
        plain = unit.text.replace("*", "")
        m = HEADING.match(plain)
        if m is not None:
            return int(m.group("n")), m.group("name"), m.group("text")
        m = NUMBERED_TEXT.match(plain)
        if m is None:
            return None
        number, words = int(m.group("n")), m.group("rest").split()
        known = self._known(number, entries)
        for k in range(min(len(words) - 1, MAX_NAME_WORDS), 0, -1):
            if name_key(" ".join(words[:k])) in known:
                listed = number in self._listed(entries)
                return _split_heading(number, words, k) or _lost_start(number, words, k, listed)
        caps = 0
        while caps < len(words) and CAPITALS.match(words[caps]):
            caps += 1
        if caps and words[caps - 1] in ("A", "I") and caps < len(words):
            caps -= 1  # "A person who ...": the definition's first word
        name = " ".join(words[:caps])
        if not caps or (
            known
            and (len(name.replace(" ", "")) < MIN_CAPS or name_key(name) in self.context.every_name)
        ):
            return None
        return _split_heading(number, words, caps)

    def bare_heading(
        self, unit: Block, entries: Sequence[ListEntry], *, after: int, end: bool = False
    ) -> bool:
        """Whether *unit* is a listed competency's heading in capitals, alone on its line.

        ``37. WASTEWATER OPTIONS EFFICIENT``, its definition elsewhere (a text copy may give
        it before the heading) or lost: kept as a heading (see `heading`), so that the
        section reports it unread rather than joining it to the competency before. Its
        number alone is one only where it is higher than *after*, the heading's before it.
        At the copy's *end*, a number alone without its period may be one cut short (``12``
        of ``129.``): the heading of the one listed competency above *after* whose number
        starts so, and none where two do.
        """
        plain = unit.text.replace("*", "")
        alone = re.match(r"^(?P<n>\d{1,3})(?P<period>\.?)$", plain)
        if alone is not None:
            digits, whole = alone.group("n"), bool(alone.group("period"))
            if not (whole or end):
                return False
            numbers = [
                n
                for n in self._listed(entries)
                if n > after and (n == int(digits) if whole else str(n).startswith(digits))
            ]
            if len(numbers) != 1:
                return False
            self.forced[id(unit)] = (numbers[0], "", "")  # its name and text lost
            return True
        m = NUMBERED_TEXT.match(plain)
        if m is None or int(m.group("n")) not in self._listed(entries):
            return False
        number, words = int(m.group("n")), m.group("rest").split()
        known = self._known(number, entries)
        name = " ".join(words)
        if not all(CAPITALS.match(w) for w in words) or not (
            name_key(name) in known or len(re.sub(r"[^A-Z]", "", name)) >= MIN_CAPS
        ):
            return False
        self.forced[id(unit)] = (number, name, "")
        return True

    def ends_list(self, unit: Block, entries: Sequence[ListEntry], *, closed: bool) -> bool:
        """Whether *unit*, after the list's *entries*, is the first competency's heading.

        A numbered line after the list's footnote or closing sentence, or one in capitals
        after a list in title case, starts a competency: so does one cut short at its name
        (``37. WASTEWATER OPTIONS EFFIC``) or whose definition lost its first word. It is
        kept as a heading (see `heading`); the section reports what cannot be read.
        """
        m = NUMBERED_TEXT.match(unit.text.replace("*", ""))
        if m is None:
            return False
        number, words = int(m.group("n")), m.group("rest").split()
        known = self._known(number, entries)
        size = next(
            (
                k
                for k in range(min(len(words), MAX_NAME_WORDS), 0, -1)
                if name_key(" ".join(words[:k])) in known
            ),
            0,
        )
        caps = size or next(
            (k for k, word in enumerate(words) if not CAPITALS.match(word)), len(words)
        )
        name = " ".join(words[:caps])
        in_capitals = bool(caps) and all(CAPITALS.match(w) for w in words[:caps])
        title_case = all(any(c.islower() for c in e.name) for e in entries)
        if not caps or not (closed or (in_capitals and title_case)):
            return False
        if not closed and len(re.sub(r"[^A-Z]", "", name)) < 2:  # "A", "I": a word
            return False
        self.forced[id(unit)] = (number, name, " ".join(words[caps:]))
        return True

    def displaced(self, heads: Sequence[int], after_header: int) -> set[int]:
        """The blocks that are the definitions of the headings after them, by block.

        A text copy may give a heading's definition, with the dash that parts it from the
        name (``\u2013 Plans ...``), just before the heading in capitals, which then stands alone;
        or the name and definition (``EARPLUGS TASKS \u2013 40 ...``) before the number alone
        (``783.``): the heading takes them back, where the name is the number's.
        """
        units = self.context.reading.blocks
        moved: set[int] = set()
        for k in heads:
            head = self.forced.get(id(units[k]))
            before = units[k - 1] if k > after_header else None
            if head is None or head[2] or before is None or k - 1 in heads:
                continue
            m = _DISPLACED.match(before.text.replace("*", ""))
            if m is None or bool(m.group("name")) == bool(head[1]):
                continue
            name = head[1] or normalize(m.group("name"))
            if not head[1] and not (
                name_key(name) in self.context.names.get(head[0], set())
                or len(re.sub(r"[^A-Z]", "", name)) >= MIN_CAPS
            ):
                continue
            self.forced[id(units[k])] = (head[0], name, m.group("text"))
            moved.add(id(before))
        return moved


def _lost_start(number: int, words: Sequence[str], k: int, listed: bool) -> Head | None:
    """A listed competency's heading whose definition lost its first words, if it is one.

    ``20. JOB KNOWLEDGE ws information ...``: the name (its first *k* words) in capitals,
    then a word in lower case. Its section reports it, where it would otherwise be read into
    the competency before it.
    """
    if listed and words[k][:1].islower() and all(CAPITALS.match(w) for w in words[:k]):
        return number, " ".join(words[:k]), " ".join(words[k:])
    return None


def _split_heading(number: int, words: Sequence[str], k: int) -> Head | None:
    """A heading's number, name (its first *k* words) and definition, if one follows."""
    rest = words[k:]
    if not rest:
        return None
    # a definition may start with a number after a name in capitals ("EARPLUGS TASKS 40
    # for ..."), not with the next entry of a list in columns ("34.")
    numeral = (
        rest[0][:1].isdigit()
        and not _ENTRY_NUMBER.match(rest[0])
        and all(CAPITALS.match(w) for w in words[:k])
    )
    if not (rest[0][:1].isupper() or rest[0][:1] in '\u201c"(' or numeral):
        return None
    text = " ".join(rest)
    if (
        INTRODUCTION_START.match(text)
        or CLOSING.startswith(text.lower())
        or FOOTNOTE_TEXT.startswith(text.lower())
    ):
        return None  # the list's last entry, then the sentence or footnote after the list (cut)
    return number, " ".join(words[:k]), " ".join(rest)
