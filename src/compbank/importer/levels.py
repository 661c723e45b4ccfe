"""Which level of a competency is required, read from its emphasis; never guessed.

A competency-model document marks the required level of each competency by emphasis, and
says how in its introduction: "the level of the competency required for the class
(italicized, bolded, and underlined)". Emphasis reaches the importer in one of two ways:

- *markers*: the sources' text form keeps ``*``, ``**`` or ``***`` around the level's text.
  Their count does not say which styles they stood for (the sources mark levels announced
  as italic, bold and underlined with a single ``*``), so any marker marks the level, and
  markers that do not pair up (a closing ``**`` alone) still do, with a finding; markers
  inside the text (`inner_markers`) mark it only where their pairs hold every word;
- *font styles*: a PDF gives each word's styles (italic, bold from the font; underline from
  the rules drawn under it). A level is marked where every word of its text carries every
  style the document announces; a word no underline could show under (its page clipped
  above where underlines lie) carries the underline unseen where it carries the rest of the
  announced emphasis, and some of the level's words show the whole of it.

The level is then the one marked level of the competency. Anything less clear leaves it
unknown (None) and says why: two marked levels (``ambiguous-emphasis``), a level only part
of whose words carry the announced emphasis (``partial-emphasis``), a level whose whole text
carries emphasis of another kind than announced (``other-emphasis``), font emphasis in a
document that does not announce how it marks the level (``emphasis-unannounced``). The
``Level N:`` label is not part of the text: it may carry the emphasis or not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

import attrs

from compbank.importer.blocks import CLIPPED

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.blocks import Style

#: The words of an announced phrase that name each style.
_STYLE_WORDS = {
    "italic": re.compile(r"\bitalic", re.IGNORECASE),
    "bold": re.compile(r"\bbold", re.IGNORECASE),
    "underline": re.compile(r"\bunderlin", re.IGNORECASE),
}

How = Literal["marker", "font"]
#: Markers inside a level's text: pairs that hold all its words, or only part of them.
Inner = Literal["whole", "part"]

_MARKERS = re.compile(r"\*+")


def inner_markers(text: str) -> Inner | None:
    """What emphasis markers inside *text* (not only at its ends) mark, or None if none.

    ``"whole"`` where pairs of markers hold every word (a level emphasized line by line);
    ``"part"`` where some words stand outside every pair, or the markers do not pair up.

    >>> inner_markers("*Allot time to all.*") is None  # markers at the ends only
    True
    >>> inner_markers("*Allot time* to all.")
    'part'
    >>> inner_markers("*Allot time* *to all.*")
    'whole'
    """
    inner = text.strip().strip("*")
    if "*" not in inner:
        return None
    parts = _MARKERS.split(text.strip())
    if len(parts) % 2 == 0:  # an odd number of markers: they do not pair up
        return "part"
    return "part" if any(p.strip() for p in parts[0::2]) else "whole"


def without_markers(text: str) -> str:
    """*text* without any emphasis markers, whitespace normalized.

    >>> without_markers("*Allot time*  to all.")
    'Allot time to all.'
    """
    return " ".join(_MARKERS.sub("", text).split())


def announced(phrase: str | None) -> frozenset[str]:
    """The styles an announced phrase names, e.g. ``{"italic", "underline"}``; empty if none.

    >>> sorted(announced("(italicized, bolded, and underlined)"))
    ['bold', 'italic', 'underline']
    >>> sorted(announced("(in bold type)"))
    ['bold']
    """
    if phrase is None:
        return frozenset()
    return frozenset(style for style, rx in _STYLE_WORDS.items() if rx.search(phrase))


@attrs.frozen
class LevelEmphasis:
    """The emphasis found on one level's text.

    Attributes:
        number: The level, 1 to 3.
        lead: Emphasis markers (``*``) before its text (text forms).
        trail: ... and after it.
        styles: The font styles of each word of its text (PDF), or None in text forms.
        inner: What markers inside its text mark (`inner_markers`), where there are any.
    """

    number: int
    lead: int = 0
    trail: int = 0
    styles: tuple[Style, ...] | None = None
    inner: Inner | None = None


@attrs.frozen
class LevelReading:
    """What one level's emphasis says, against the announced emphasis.

    ``state`` is ``"marked"`` (the level carries the announced emphasis, or markers),
    ``"plain"`` (no emphasis over its whole text), ``"partial"`` (part of its words carry
    the announced emphasis), ``"other"`` (every word carries emphasis, none the whole
    announced emphasis) or
    ``"unannounced"`` (font emphasis, and nothing announced to check it against).
    """

    number: int
    state: Literal["marked", "plain", "partial", "other", "unannounced"]
    how: How | None
    unbalanced: bool = False
    clipped: bool = False


def read_level(level: LevelEmphasis, wanted: frozenset[str]) -> LevelReading:  # noqa: PLR0911
    """What *level*'s emphasis says, where the document announces the styles *wanted*."""
    if level.inner == "part":
        return LevelReading(level.number, "partial", "marker")
    if level.inner == "whole":
        return LevelReading(level.number, "marked", "marker")
    if level.lead or level.trail:
        return LevelReading(level.number, "marked", "marker", level.lead != level.trail)
    if not level.styles:
        return LevelReading(level.number, "plain", None)
    styles = [s - {CLIPPED} for s in level.styles]
    if not wanted:
        if all(styles) and len(set(styles)) == 1:
            return LevelReading(level.number, "unannounced", "font")
        return LevelReading(level.number, "plain", None)
    full = [wanted <= s for s in styles]
    # a word no underline could show under carries the marking where it carries the rest
    # of it, and there is a rest (an underline alone, unseen, is nothing to read)
    rest = wanted - {"underline"}
    hidden = [
        not f and "underline" in wanted and bool(rest) and rest <= s and CLIPPED in clipped
        for f, s, clipped in zip(full, styles, level.styles, strict=True)
    ]
    if all(f or h for f, h in zip(full, hidden, strict=True)) and any(full):
        return LevelReading(level.number, "marked", "font", clipped=any(hidden))
    if any(full):
        return LevelReading(level.number, "partial", "font")
    if all(styles):  # every word emphasized, none as announced (bold where bold+italic is)
        return LevelReading(level.number, "other", "font")
    # a word or two in italic inside a level's text marks nothing
    return LevelReading(level.number, "plain", None)


@attrs.frozen
class Verdict:
    """The required level of one competency as its emphasis gives it, or why not.

    Attributes:
        level: The required level, or None (unknown).
        how: How it was read: ``"marker"`` or ``"font"``; None where unknown.
        reason: Why it is unknown: ``"lost"`` (no emphasis), ``"ambiguous-emphasis"``,
            ``"partial-emphasis"``, ``"other-emphasis"`` or ``"emphasis-unannounced"``;
            None where the level is known.
        levels: The levels the reason concerns (e.g. both marked levels).
        unbalanced: The level was read from markers that do not pair up.
        clipped: The level was read with an underline unseen under some of its words, where
            none could show (see `compbank.importer.blocks.CLIPPED`).
    """

    level: int | None
    how: How | None
    reason: str | None
    levels: tuple[int, ...] = ()
    unbalanced: bool = False
    clipped: bool = False


def required_level(levels: Sequence[LevelEmphasis], wanted: frozenset[str]) -> Verdict:
    """The required level of a competency whose levels carry the emphasis *levels*.

    *wanted* is the emphasis the document announces (see `announced`).
    """
    readings = [read_level(lv, wanted) for lv in levels]
    marked = [r for r in readings if r.state == "marked"]
    partial = [r for r in readings if r.state == "partial"]
    if len(marked) + len(partial) > 1 and marked:
        found = tuple(r.number for r in marked + partial)
        return Verdict(None, None, "ambiguous-emphasis", tuple(sorted(found)))
    if len(marked) == 1:
        m = marked[0]
        return Verdict(m.number, m.how, None, (m.number,), m.unbalanced, m.clipped)
    for state, reason in (
        ("partial", "partial-emphasis"),
        ("other", "other-emphasis"),
        ("unannounced", "emphasis-unannounced"),
    ):
        found = tuple(r.number for r in readings if r.state == state)
        if found:
            return Verdict(None, None, reason, found)
    return Verdict(None, None, "lost")
