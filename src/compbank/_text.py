r"""The rule every text of the data follows, and what breaks it.

A text (a name or alias, a definition or its items, a level, a behavioral indicator, a
performance text, a class title, an area, a note's action) is words joined by single spaces:

- nothing before the first word or after the last;
- no whitespace but one space between two words: no doubled space, tab, line break or
  no-break space;
- no control or format character (Unicode categories Cc, Cf, Zl, Zp): no BEL, byte-order
  mark, zero-width space, soft hyphen or line separator, which nobody sees in an editor;
- Unicode NFC: an accented letter is one character, not a letter and a combining accent.

A note's ``found`` quotes its source exactly as found there, so it may also hold line breaks
(U+000A, as the sources' lines end) between words and at its end; otherwise the same rule.

The schemas carry the rule as a pattern that every JSON Schema engine reads alike (Python's
`re` under jsonschema, jsonschema-rs, ECMA-262 validators such as ajv and editors): the
characters refused are listed as explicit ``\uXXXX`` ranges, because ``\s`` and ``\S`` mean
different sets in each engine, and since Python's ``$`` also matches before a final line
break, a pattern ending in ``$`` goes with ``"not"`` a string ending in one (`NO_FINAL_BREAK`),
which refuses that line break in every engine. (A lookahead, ``(?![\s\S])``, would say the
same in one pattern, but it sends jsonschema-rs to a backtracking engine that takes six times
as long over the data.) Two parts of the rule no such pattern can say are
checked by compbank itself (`compbank._checks.check_texts`): NFC, and the few format
characters beyond the Basic Multilingual Plane (an ECMA-262 pattern names those only with
its ``u`` flag, which not every engine sets).
"""

from __future__ import annotations

import re
import unicodedata

#: The characters no text may hold, but for the single space between words: Unicode's
#: White_Space and the categories Cc, Cf, Zl and Zp, as of Unicode 15.1 (Python 3.13).
#: Inclusive ranges of code points. A later Unicode may add format characters: the tests
#: compare this table with the running Python's Unicode database.
REFUSED: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0020),  # C0 controls (tab, line feed, ...) and the space itself
    (0x007F, 0x00A0),  # DEL, C1 controls (U+0085 next line), no-break space
    (0x00AD, 0x00AD),  # soft hyphen
    (0x0600, 0x0605),  # Arabic number signs
    (0x061C, 0x061C),  # Arabic letter mark
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x1680, 0x1680),  # Ogham space mark
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x2000, 0x200F),  # en quad .. hair space, zero-width space, joiners, direction marks
    (0x2028, 0x202F),  # line and paragraph separators, embeddings, narrow no-break space
    (0x205F, 0x2064),  # medium mathematical space, word joiner, invisible operators
    (0x2066, 0x206F),  # isolates and deprecated format characters
    (0x3000, 0x3000),  # ideographic space
    (0xFEFF, 0xFEFF),  # byte-order mark (zero-width no-break space)
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0001, 0xE0001),  # language tag
    (0xE0020, 0xE007F),  # tag characters
)


# \uXXXX ranges (what Python's re, Rust's regex and ECMA-262 all read) of the refused
# characters up to U+FFFF; \UXXXXXXXX ranges (Python's re only) of all of them
_BMP_RANGES = "".join(
    f"\\u{a:04X}" + (f"-\\u{b:04X}" if b > a else "") for a, b in REFUSED if b <= 0xFFFF
)
_ALL_RANGES = "".join(f"\\U{a:08X}-\\U{b:08X}" for a, b in REFUSED)
_WORD = f"[^{_BMP_RANGES}]+"
#: The schemas' pattern for a text (``$defs/text``), with `NO_FINAL_BREAK` beside it: together
#: the same in every JSON Schema engine.
TEXT_PATTERN = f"^{_WORD}( {_WORD})*$"
#: The schemas' pattern for a note's ``found``: line breaks may also stand between words and
#: at the end (so its ``$`` means the same in every engine without `NO_FINAL_BREAK`).
FOUND_PATTERN = f"^{_WORD}(( |\\n+){_WORD})*\\n*$"
#: What the schemas say beside a pattern that ends in ``$`` (as ``"not": NO_FINAL_BREAK``):
#: no line break at the end, which Python's ``$`` would let pass.
NO_FINAL_BREAK = {"type": "string", "pattern": "\\n$"}
#: The text rule's two patterns, each with whether its texts may hold line breaks.
LINE_BREAKS_BY_PATTERN = {TEXT_PATTERN: False, FOUND_PATTERN: True}

# the whole set of refused characters, astral ones included, for Python's re alone
_REFUSED_CHAR = re.compile(f"[{_ALL_RANGES}]")
_ASTRAL_REFUSED = re.compile(
    "[" + "".join(f"\\U{a:08X}-\\U{b:08X}" for a, b in REFUSED if a > 0xFFFF) + "]"
)
_TEXT = re.compile(TEXT_PATTERN)
_FOUND = re.compile(FOUND_PATTERN)

_KINDS = {
    "Cc": "a control character",
    "Cf": "a format character",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}


_NAMES = {"\t": "CHARACTER TABULATION", "\n": "LINE FEED", "\r": "CARRIAGE RETURN"}


def _char(ch: str) -> str:
    """A character for people: its code point and name (``U+200B ZERO WIDTH SPACE``)."""
    name = unicodedata.name(ch, "") or _NAMES.get(ch, "")
    return f"U+{ord(ch):04X} {name}".rstrip()


def _what(ch: str) -> str:
    kind = _KINDS.get(unicodedata.category(ch))
    return kind if kind is not None else "whitespace other than a space"


def matches_pattern(text: str, *, line_breaks: bool) -> bool:
    """Whether *text* passes the schemas' pattern: all of the rule but NFC and astral characters."""
    # fullmatch: the whole text, as an ECMA-262 engine reads ``$`` (and the schemas' rule)
    return (_FOUND if line_breaks else _TEXT).fullmatch(text) is not None


def beyond_pattern(text: str) -> bool:
    """Whether *text* breaks what no pattern says: NFC, or a refused character past U+FFFF."""
    return not unicodedata.is_normalized("NFC", text) or _ASTRAL_REFUSED.search(text) is not None


# the first byte of a character past U+FFFF in UTF-8
_ASTRAL_LEADS = (b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")


def file_beyond_pattern(raw: bytes) -> bool:
    r"""Whether a JSON file's UTF-8 *raw* bytes may hold a text that is `beyond_pattern`.

    Not if it has no ``\u`` escape and no character past U+FFFF, and is itself in NFC: so then
    is every string in it, whose quotes neither compose nor reorder with what they touch.
    Searching bytes is a memchr; the NFC check is a quick check.
    """
    if b"\\u" in raw or any(lead in raw for lead in _ASTRAL_LEADS):
        return True
    return not unicodedata.is_normalized("NFC", raw.decode("utf-8"))


def problem(text: str, *, line_breaks: bool = False) -> str | None:
    r"""What breaks the text rule in *text*, for people; None if nothing does.

    *line_breaks* is true for a note's ``found``, which may also hold line breaks.

    >>> problem("Customer Service") is None
    True
    >>> problem("Customer Service\n")
    'ends with U+000A LINE FEED; a text ends with its last word'
    >>> problem("Customer\u200bService")
    'holds U+200B ZERO WIDTH SPACE, a format character, at character 9'
    >>> problem("Re\u0301sume\u0301")
    'is not in Unicode NFC: U+0065 U+0301 at character 2 is U+00E9 in NFC; write the composed form'
    >>> problem("issue is\n\ncorrectly identified\n", line_breaks=True) is None
    True
    """
    if not text:
        return "is empty"
    if text[0].isspace():
        return f"begins with {_char(text[0])}; a text begins with its first word"
    breaks = "\n" if line_breaks else ""
    # a note's found may end with line breaks, as its source's line did
    end = text.rstrip(breaks) if breaks else text
    if end[-1].isspace():
        return f"ends with {_char(end[-1])}; a text ends with its last word"
    found = _between_words(end, breaks)
    if found is None and not unicodedata.is_normalized("NFC", text):
        return _not_nfc(text)
    return found


def _between_words(text: str, breaks: str) -> str | None:
    """What is wrong between the first and last words of *text*, which are not whitespace."""
    for i, ch in enumerate(text):
        # text[i + 1] exists wherever it is read: text[-1] is neither a space nor a break
        if ch == " ":
            if text[i + 1] == " ":
                return f"holds a doubled space at character {i + 1}"
            if text[i + 1] in breaks:
                return f"holds a space before a line break at character {i + 1}"
        elif ch in breaks:
            if text[i + 1] == " ":
                return f"holds a space after a line break at character {i + 2}"
        elif _REFUSED_CHAR.match(ch):
            return f"holds {_char(ch)}, {_what(ch)}, at character {i + 1}"
    return None


def _not_nfc(text: str) -> str:
    """Where *text* first departs from NFC, and what NFC writes there."""
    i = 0
    while i < len(text):
        # a character with the combining marks after it, which NFC may compose into one
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            return (
                f"is not in Unicode NFC: {_codes(cluster)} at character {i + 1} is"
                f" {_codes(composed)} in NFC; write the composed form"
            )
        i = j
    return "is not in Unicode NFC; write its characters composed (NFC)"


def _codes(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)
