"""A competency's texts by their JSON path in a bank record: the document's and the bank's.

The comparison with the bank (`compbank.importer.texts_compare`) lays a section the parser
read over the bank's record of the competency, text by text: the definition, its items,
the levels, the behavioral indicators, satisfactory and superior. Where a copy leaves a
list's reading open (wrapped lines that may or may not end an item, items that lost their
bullets), the reading that gives the bank's list is taken where the words agree; otherwise
the text as read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.parse import Section, Text
    from compbank.models import Competency


def document_texts(
    section: Section, bank: Competency | None, *, bulleted: bool
) -> dict[str, tuple[str, int]]:
    """Each text of a section by its JSON path in a bank record, with its line.

    Where wrapped text leaves open whether a line ended a list item (see
    `Text.soft_breaks`), the reading that gives the bank's list is taken, if one does.
    """
    definition, listed = _definition(section, bank)
    out: dict[str, tuple[str, int]] = {"$.definition": (definition, section.line)}
    items = _read_list(listed, bank.definition_items if bank else None)
    # a copy whose items carry no bullet: the bank's cuts where the words agree
    unbulleted = None if bulleted else bank
    if unbulleted is not None:
        found = _as_bank(
            [*section.definition, *section.definition_items],
            [unbulleted.definition, *unbulleted.definition_items],
        )
        if found is not None:
            out["$.definition"] = (found[0][0], section.line)
            items = found[1:]
    for i, (text, line) in enumerate(items):
        out[f"$.definition_items[{i}]"] = (text, line)
    for lv in section.levels:
        out[f"$.levels['{lv.number}']"] = (lv.text.text, lv.text.line)
    indicators = _read_list(
        section.behavioral_indicators, bank.behavioral_indicators if bank else None
    )
    if unbulleted is not None:
        indicators = (
            _as_bank(section.behavioral_indicators, unbulleted.behavioral_indicators) or indicators
        )
    for i, (text, line) in enumerate(indicators):
        out[f"$.behavioral_indicators[{i}]"] = (text, line)
    for key, part in (("satisfactory", section.satisfactory), ("superior", section.superior)):
        if part:
            out[f"$.{key}"] = (" ".join(t.text for t in part), part[0].line)
    return out


def bank_texts(c: Competency) -> dict[str, str]:
    """Each text of a bank competency by its JSON path."""
    out = {"$.definition": c.definition}
    out.update({f"$.definition_items[{i}]": t for i, t in enumerate(c.definition_items)})
    out.update({f"$.levels['{n}']": c.level(n) for n in (1, 2, 3)})
    out.update({f"$.behavioral_indicators[{i}]": t for i, t in enumerate(c.behavioral_indicators)})
    out["$.satisfactory"] = c.satisfactory
    out["$.superior"] = c.superior
    return out


def _definition(section: Section, bank: Competency | None) -> tuple[str, Sequence[Text]]:
    """A section's definition, and its items.

    Where a text lost the items' bullets (a PDF whose list markers were drawn, not
    printed), the items read as more paragraphs of the definition: where the bank's
    definition is its first paragraphs exactly and the bank has items, the paragraphs
    after them are taken as the items (the comparison then says whether they are the
    bank's).
    """
    paragraphs = section.definition
    whole = " ".join(t.text for t in paragraphs)
    if bank is None or section.definition_items or not bank.definition_items:
        return whole, section.definition_items
    for k in range(1, len(paragraphs)):
        if " ".join(t.text for t in paragraphs[:k]) == bank.definition:
            return bank.definition, paragraphs[k:]
    return whole, section.definition_items


def _as_bank(texts: Sequence[Text], bank: Sequence[str]) -> list[tuple[str, int]] | None:
    """*texts* cut as the bank's items are, each with its line; None unless their words agree.

    A copy none of whose items carries its bullet cannot tell where an item ends (a line
    that ends a sentence, then one in upper case: a new item or the same?): where its
    words are the bank's, it says nothing against the bank's reading, which is taken. A
    word the copy gives without a hyphen of the bank's (``pdftotext`` joins a word broken
    after its hyphen at a line's end: ``customerservice``) agrees; it is kept as the copy
    gives it.
    """
    words = [(word, t.line) for t in texts for word in t.text.split()]
    wanted = [w for item in bank for w in item.split()]
    if len(words) != len(wanted) or not all(
        a == b or a.replace("-", "") == b.replace("-", "")
        for (a, _), b in zip(words, wanted, strict=True)
    ):
        return None
    out: list[tuple[str, int]] = []
    at = 0
    for item in bank:
        size = len(item.split())
        line = words[at][1] if at < len(words) else (texts[-1].line if texts else 0)
        out.append((" ".join(w for w, _ in words[at : at + size]), line))
        at += size
    return out


def _read_list(items: Sequence[Text], bank: Sequence[str] | None) -> list[tuple[str, int]]:
    """The items of a list, each with its line, cut at soft breaks where the bank's list is.

    The bank's items are laid over the document's words in order: the list reads as the
    bank's where each bank item is the next words of one document item and every cut inside
    a document item falls at one of its soft breaks (one pass, however many soft breaks).
    """
    plain = [(t.text, t.line) for t in items]
    if bank is None or not any(t.soft_breaks for t in items):
        return plain
    wanted = iter(bank)
    reading: list[tuple[str, int]] = []
    for t in items:
        words = t.text.split()
        soft = set(t.soft_breaks)
        at = 0
        while at < len(words):
            item = next(wanted, None)
            size = len(item.split()) if item else 0
            if not item or " ".join(words[at : at + size]) != item:
                return plain
            at += size
            if at < len(words) and at not in soft:
                return plain
            reading.append((item, t.line))
    if next(wanted, None) is not None:
        return plain
    return reading
