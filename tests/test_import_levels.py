"""Reading the required level from emphasis (`compbank.importer.levels`), through its own API.

The verdict is the level only where exactly one level carries the emphasis, and otherwise
unknown with its reason and the levels concerned; these tests hold each reading that a
document's text cannot reach on its own (font styles come only from PDFs, whose end-to-end
tests are in tests/test_import_pdf.py; tests/test_import_findings.py makes each finding from
a text). Each case here was written for a mutant that the other tests let through
(benchmarks/mutation.md).
"""

from __future__ import annotations

import pytest

from compbank.importer.blocks import CLIPPED
from compbank.importer.levels import (
    LevelEmphasis,
    LevelReading,
    Verdict,
    inner_markers,
    read_level,
    required_level,
)

IT, BO, UN = "italic", "bold", "underline"
ANNOUNCED = frozenset({IT, UN})  # "(italicized and underlined)"
NOTHING: frozenset[str] = frozenset()


def words(*styles: set[str]) -> tuple[frozenset[str], ...]:
    """The font styles of a level's words, one set per word."""
    return tuple(frozenset(s) for s in styles)


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("Allot time to all.", None),
        ("*Allot time to all.*", None),  # markers at the ends only: not inner
        ("*Allot time* to all.", "part"),
        ("*Allot time* *to all.*", "whole"),
        ("**Allot time** **to all.**", "whole"),
        # three markers: the last pair has lost its closing one, so they do not pair up
        ("*Allot time* *to all.", "part"),
        ("*Allot time* *to* *all.", "part"),
        # a marker inside the first word: its first letter stands outside every pair
        ("X*-ray images*", "part"),
    ],
)
def test_inner_markers(text: str, inner: str | None) -> None:
    assert inner_markers(text) == inner


@pytest.mark.parametrize(
    ("level", "reading"),
    [
        (LevelEmphasis(2, inner="part"), LevelReading(2, "partial", "marker")),
        (LevelEmphasis(2, inner="whole"), LevelReading(2, "marked", "marker")),
        (LevelEmphasis(2, 1, 1), LevelReading(2, "marked", "marker")),
        (LevelEmphasis(2, 0, 1), LevelReading(2, "marked", "marker", unbalanced=True)),
        (LevelEmphasis(2), LevelReading(2, "plain", None)),
        # markers decide in a text form, whatever styles come with them
        (LevelEmphasis(2, 1, 1, words(set())), LevelReading(2, "marked", "marker")),
    ],
)
def test_a_levels_markers(level: LevelEmphasis, reading: LevelReading) -> None:
    assert read_level(level, ANNOUNCED) == reading


@pytest.mark.parametrize(
    ("styles", "reading"),
    [
        # every word in one emphasis: emphasis, but nothing says what it marks
        (words({BO}, {BO}), LevelReading(2, "unannounced", "font")),
        (words({IT, UN}, {IT, UN}), LevelReading(2, "unannounced", "font")),
        # words in different emphases, part emphasized, or none: no emphasis of the level
        (words({BO}, {IT}), LevelReading(2, "plain", None)),
        (words({BO}, set()), LevelReading(2, "plain", None)),
        (words(set(), set()), LevelReading(2, "plain", None)),
    ],
)
def test_font_emphasis_where_nothing_is_announced(
    styles: tuple[frozenset[str], ...], reading: LevelReading
) -> None:
    assert read_level(LevelEmphasis(2, styles=styles), NOTHING) == reading


FULL = words({IT, UN}, {IT, UN})
HALF = words({IT, UN}, set())
PLAIN = words(set(), set())


@pytest.mark.parametrize(
    ("levels", "wanted", "verdict"),
    [
        ((PLAIN, FULL, PLAIN), ANNOUNCED, Verdict(2, "font", None, (2,))),
        ((PLAIN, PLAIN, PLAIN), ANNOUNCED, Verdict(None, None, "lost")),
        # a marked level beside a part-marked one: either may be the required one
        ((HALF, PLAIN, FULL), ANNOUNCED, Verdict(None, None, "ambiguous-emphasis", (1, 3))),
        ((FULL, PLAIN, HALF), ANNOUNCED, Verdict(None, None, "ambiguous-emphasis", (1, 3))),
        ((PLAIN, FULL, FULL), ANNOUNCED, Verdict(None, None, "ambiguous-emphasis", (2, 3))),
        ((PLAIN, HALF, PLAIN), ANNOUNCED, Verdict(None, None, "partial-emphasis", (2,))),
        ((HALF, PLAIN, HALF), ANNOUNCED, Verdict(None, None, "partial-emphasis", (1, 3))),
        (
            (PLAIN, words({BO}, {BO}), PLAIN),
            ANNOUNCED,
            Verdict(None, None, "other-emphasis", (2,)),
        ),
        ((PLAIN, FULL, PLAIN), NOTHING, Verdict(None, None, "emphasis-unannounced", (2,))),
        ((PLAIN, HALF, PLAIN), NOTHING, Verdict(None, None, "lost")),
    ],
)
def test_the_verdict_from_fonts(
    levels: tuple[tuple[frozenset[str], ...], ...], wanted: frozenset[str], verdict: Verdict
) -> None:
    emphasis = [LevelEmphasis(n, styles=s) for n, s in enumerate(levels, 1)]
    assert required_level(emphasis, wanted) == verdict


BOLD_UNDERLINED = frozenset({BO, UN})  # "(bolded and underlined)"


@pytest.mark.parametrize(
    ("styles", "wanted", "reading"),
    [
        # the last words no underline could show under, bold as announced: marked, said so
        (
            words({BO, UN}, {BO, CLIPPED}),
            BOLD_UNDERLINED,
            LevelReading(2, "marked", "font", clipped=True),
        ),
        # ... not bold: part of the announced emphasis is missing where it could show
        (words({BO, UN}, {CLIPPED}), BOLD_UNDERLINED, LevelReading(2, "partial", "font")),
        # underline alone announced: an underline unseen is no underline
        (words({UN}, {CLIPPED}), frozenset({UN}), LevelReading(2, "partial", "font")),
        # no word shows the whole emphasis: nothing to read the unseen underline after
        (words({BO, CLIPPED}, {BO, CLIPPED}), BOLD_UNDERLINED, LevelReading(2, "other", "font")),
        # a plain level at the page's foot stays plain
        (words(set(), {CLIPPED}), BOLD_UNDERLINED, LevelReading(2, "plain", None)),
        (words({CLIPPED}, {CLIPPED}), NOTHING, LevelReading(2, "plain", None)),
        # an underline seen counts whatever the clip
        (words({BO, UN}, {BO, UN, CLIPPED}), BOLD_UNDERLINED, LevelReading(2, "marked", "font")),
    ],
)
def test_words_no_underline_could_show_under(
    styles: tuple[frozenset[str], ...], wanted: frozenset[str], reading: LevelReading
) -> None:
    assert read_level(LevelEmphasis(2, styles=styles), wanted) == reading


def test_a_level_read_with_its_underline_unseen_says_so() -> None:
    clipped = LevelEmphasis(2, styles=words({BO, UN}, {BO, CLIPPED}))
    plain = LevelEmphasis(1, styles=words(set()))
    verdict = required_level([plain, clipped], BOLD_UNDERLINED)
    assert verdict == Verdict(2, "font", None, (2,), clipped=True)


@pytest.mark.parametrize(
    ("levels", "verdict"),
    [
        ((LevelEmphasis(1), LevelEmphasis(2, 1, 1)), Verdict(2, "marker", None, (2,))),
        (
            (LevelEmphasis(1), LevelEmphasis(2, 2, 0)),
            Verdict(2, "marker", None, (2,), unbalanced=True),
        ),
        (
            (LevelEmphasis(1), LevelEmphasis(2, inner="part"), LevelEmphasis(3, 1, 1)),
            Verdict(None, None, "ambiguous-emphasis", (2, 3)),
        ),
        (
            (LevelEmphasis(1), LevelEmphasis(2, inner="part")),
            Verdict(None, None, "partial-emphasis", (2,)),
        ),
    ],
)
def test_the_verdict_from_markers(levels: tuple[LevelEmphasis, ...], verdict: Verdict) -> None:
    assert required_level(levels, frozenset({IT, BO, UN})) == verdict
