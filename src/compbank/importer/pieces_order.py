"""The second step of the comparison, for a copy whose lines came in pieces: their order.

pdftotext (without ``-layout``) and a viewer's copy print the last words of a justified
line apart, and where two lines' pieces come interleaved the copy cannot say which line
each belongs to (`compbank.importer.text_runs` puts them back as best it can); bullets (or
items' numbers) printed one under another before their items leave it unsaid where each
item ends. Where such pieces went back in a competency's lines, or such markers stand
among them, and its texts that differ from the bank's hold the bank's words, each as
often, in another order, `in_bank_order` reads them in the bank's order, and
`pieces_finding` says so (``pieces-as-bank``). A text with a word of its own, texts each
whole in another's place out of the bank's order (the document's order of its texts), or
a competency whose lines hold no pieces, differs as it reads.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import attrs

from compbank.importer.findings import FieldDiff, Finding, diff_segments

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.parse import Section

__all__ = ["in_bank_order", "pieces_finding"]


def in_bank_order(
    diffs: Sequence[FieldDiff], section: Section, pieced: frozenset[int]
) -> list[FieldDiff] | None:
    """The differences that remain with *section*'s texts read in the bank's order, or None.

    None where no text differs, where no piece went back in the section's lines (*pieced*:
    `blocks.Reading.pieced`), or where the texts are not the bank's words in another order
    (`_reordered`).
    """
    if not diffs or not _pieced(section, pieced):
        return None
    return _reordered(diffs)


def pieces_finding(diffs: Sequence[FieldDiff], number: int, name: str, record: str) -> Finding:
    """The ``pieces-as-bank`` finding for the texts *diffs* read in the bank's order."""
    paths = ", ".join(d.path for d in diffs)
    return Finding(
        "pieces-as-bank",
        f"{number} {name}: the copy printed parts of its lines apart (pieces of justified"
        " lines, or bullets one under another), which go back in more than one way; "
        f"{paths} read in the bank's order, which holds the same words",
        diffs[0].line,
        number,
        record,
        diffs[0].path,
    )


def _pieced(section: Section, pieced: frozenset[int]) -> bool:
    """Whether pieces of justified lines went back in any of *section*'s lines."""
    texts = [
        *section.definition,
        *section.definition_items,
        *(lv.text for lv in section.levels),
        *section.behavioral_indicators,
        *section.satisfactory,
        *section.superior,
    ]
    last = max((t.last_line for t in texts), default=section.line)
    return any(section.line <= n <= last for n in pieced)


def _reordered(diffs: Sequence[FieldDiff]) -> list[FieldDiff] | None:
    """The differing texts read in the bank's order, where they hold the bank's words.

    None unless the document's differing texts hold the bank's words, each as often, in
    another order, and the texts that are whole texts of the bank's stand in the bank's
    order (the document may order its texts otherwise: pieces of lines do not). A word the
    copy gives without a hyphen of the bank's (pdftotext joins a word broken after its
    hyphen at a line's end) counts as the bank's and stays as the copy gives it: the
    differences that remain, such words only. A word broken after its hyphen whose halves
    went back in other places reads as the bank's.
    """
    # texts whole in others' places, out of the bank's order: the document's order of them
    # (a text whole one place on, as a piece read as an item of its own leaves it, is not)
    place = {d.bank: k for k, d in enumerate(diffs) if d.bank}
    wholes = [place[d.document] for d in diffs if d.document in place]
    if wholes != sorted(wholes):
        return None
    bank = Counter(w for d in diffs for w in (d.bank or "").split())
    document = Counter(w for d in diffs for w in (d.document or "").split())
    if Counter(map(_unhyphenated, bank.elements())) != Counter(
        map(_unhyphenated, document.elements())
    ):
        # a word broken after its hyphen at a line's end, its halves among the pieces
        # ("Re-" / "conceptualize.", read "Re-use" and "conceptualize."): the bank's words
        return [] if _halves(bank) == _halves(document) else None
    spelled: dict[str, list[str]] = {}  # the copy's spelling of each word it gives otherwise
    for word in (document - bank).elements():
        spelled.setdefault(_unhyphenated(word), []).append(word)
    missing = bank - document
    out = []
    moved = False  # whether any word is read elsewhere than the copy put it
    for d in diffs:
        if d.bank is None:  # a text the bank lacks: its words are the bank's texts'
            moved = True
            continue
        words = d.bank.split()
        for k, word in enumerate(words):
            if missing[word]:
                missing[word] -= 1
                words[k] = spelled[_unhyphenated(word)].pop(0)
        text = " ".join(words)
        moved = moved or text != d.document
        if text != d.bank:
            out.append(attrs.evolve(d, document=text, segments=diff_segments(d.bank, text)))
    return out if moved else None


def _halves(words: Counter[str]) -> Counter[str]:
    """*words*, each cut at its hyphens (the hyphens dropped): the parts a line may end in."""
    return Counter(part for word in words.elements() for part in word.split("-") if part)


def _unhyphenated(word: str) -> str:
    """*word* without its hyphens."""
    return word.replace("-", "")
