"""The forms of a competency-model document's parts, shared by the readers and the parser.

A reader needs them to tell where a paragraph or item starts (a number, a bullet, a
``Level N:`` label, a section label); the parser needs them to tell what each block is.
"""

from __future__ import annotations

import re

#: Lines of documents in the sources' form are whole paragraphs; wrapped text is narrower.
MAX_WRAP_WIDTH = 120

#: A page number alone on a line: "7", "Page 7", "Page 7 of 9", "7 of 9", "7/9", "- 7 -".
PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013]?\s*\d{1,3}\s*[-\u2013]?(?:\s*(?:of|/)\s*\d{1,3})?$", re.IGNORECASE
)
#: The glyphs a bullet may be drawn with, the one list every reader derives its own from:
#: word processors' symbol-font bullets are private-use characters such as U+F0B7, U+F0A7
#: and U+F02D (the Symbol font's dash). Neither "-" nor the "o" sub-bullet is among them:
#: each is a bullet only in some places (see `BULLET`).
BULLET_GLYPHS = (
    "\u2022\u25aa\u25ab\u25e6\u25cf\u25cb\u25a0\u25a1\u2023\u2043\u2219\u00b7\u27a2\u2713\u2714"
    "\uf0b7\uf0a7\uf0a8\uf0d8\uf0fc\uf076\uf02d\u00a7"
)
#: A list entry's number alone: "28.", "*28." (a page number has no period).
LONE_NUMBER = re.compile(r"^(?:\*\d{1,3}\.?|\d{1,3}\.)$")
#: A bullet alone on its line: a glyph, a dash or an "o" (its item is on the next line).
LONE_BULLET = re.compile(rf"^[{re.escape(BULLET_GLYPHS + 'o-')}]$")
#: A list marker: a dash, or a bullet of any glyph, or an "o" sub-bullet before a capital.
BULLET = re.compile(rf"^(?:-\s+|[{re.escape(BULLET_GLYPHS)}]\s*(?=\S)|o\s+(?=[A-Z(\u201c\"]))")
#: A run of digits.
DIGITS = re.compile(r"\d+")
#: A word broken after its hyphen at a line's end: a letter or digit, then the hyphen.
HYPHEN_END = re.compile(r"[^\W_]-$")
#: A numbered entry: "3. Name", "*3. Name" (needed prior to job entry), "3 Name".
NUMBERED = re.compile(r"^\*?\s*\d{1,3}(?:\.\s|\s+(?=\*?[A-Z]))")
#: A numbered entry whose number and name a narrow tab gap parts, no space kept (a PDF's,
#: or its text's): "318.Aspect Secretarial", "*13.Stress Tolerance".
TIGHT_ENTRY = re.compile(r"^(?P<n>\*?\d{1,3}\.)(?=\*?[A-Z][a-z])")
LEVEL = re.compile(r"^(?P<lead>\*{0,3})\s*Level\s+(?P<n>\d)\s*:\s*(?P<rest>.*)$")
# "N. NAME - definition": the name in capitals, then an en dash, em dash or hyphen
HEADING = re.compile(
    r"^(?P<n>\d{1,3})\.\s+(?P<name>[^a-z\u2013\u2014]*?[A-Z][^a-z\u2013\u2014]*?)"
    r"\s+[\u2013\u2014-]\s*(?P<text>.*)$"
)
FOOTNOTE = re.compile(
    r"^\*\s*competencies\s+necessary\s+prior\s+to\s+job\s+entry\.?$", re.IGNORECASE
)
HEADER = re.compile(r"^competency\s+model\s+for\b\s*(?P<rest>.*)$", re.IGNORECASE)
LABELS = {
    "levels": re.compile(
        r"^level\s+of\s+competency\s+required(?:\s+by\s+(?:the\s+)?job)?:?$", re.IGNORECASE
    ),
    "indicators": re.compile(r"^examples\s+of\s+behavioral\s+indicators:?$", re.IGNORECASE),
    "performance": re.compile(r"^performance\s+levels:?$", re.IGNORECASE),
    "satisfactory": re.compile(r"^satisfactory(?:\s+performance)?:?$", re.IGNORECASE),
    "superior": re.compile(r"^superior(?:\s+performance)?:?$", re.IGNORECASE),
    "areas": re.compile(r"^[A-Z][A-Za-z/&,\u2019' -]{0,60}\sAreas:?$"),
}
#: A numbered line's number and what follows it: "34. Customer Service", "8. SAFETY FOCUS ...".
NUMBERED_TEXT = re.compile(r"^(?P<n>\d{1,3})\.\s+(?P<rest>\S.*)$")
#: A word in capitals: "SAFETY", "&", "SELF-DEVELOPMENT", "(CPR)".
CAPITALS = re.compile(r"^[^a-z]*[A-Z][^a-z]*$|^[&/\u2013-]$")
#: A word of a competency's name: capitalized, or one of the small words names hold. Names
#: run together are words parted by spaces: were the space optional, a word in capitals
#: could be cut at each capital, and a line that is no name would take time exponential in
#: its length to refuse.
NAME_WORD = r"(?:[A-Z][A-Za-z&/,\u2019'-]*|of|the|and|to|for|in|with|on|&|a)"
#: The most words of a competency's name.
MAX_NAME_WORDS = 8
#: The fewest letters of a name in capitals taken for a heading where the number is known.
MIN_CAPS = 6
#: Where one sentence ends and the next starts.
SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s+")
#: The introduction's first words, or the sentence after the list's.
INTRODUCTION_START = re.compile(
    r"^(?:the\s+following\s+competencies|on\s+the\s+following\s+pages)\b", re.IGNORECASE
)
#: The sentence after the list, which a copy cut short may end anywhere in.
CLOSING = "on the following pages are descriptions of each competency"
#: That sentence's start, which ends the document's front page (its title, introduction
#: and list): what comes after it describes the competencies.
CLOSING_START = re.compile(r"^on\s+the\s+following\s+pages\b", re.IGNORECASE)
#: The footnote after the list, which a copy cut short may end anywhere in (see
#: `footnote_start`).
FOOTNOTE_TEXT = "competencies necessary prior to job entry"
_FOOTNOTE_WORDS = re.compile(r"^\*\s*(?P<text>competencies\b.*?)\.?$", re.IGNORECASE)
_FOOTNOTE_CUT = re.compile(r"^\*\s*(?P<text>[a-z].*?)\.?$", re.IGNORECASE)
#: A line of letters' tails alone ("g p j y p", "y"), cut off from a line set across a page
#: break; the tails of a word's letters side by side ("gj", "pp", "yJ") are all descenders,
#: or all ascenders (a word is no such line: "by" mixes the two). Brackets reach both
#: ways, and a comma's tail below ("p ( y) y" of "precision (vocabulary)"); a letter is
#: among them.
TAIL_LINE = re.compile(
    r"^(?=.*[gjpqyJQbdfhklt])"
    r"(?:[gjpqyJQbdfhklt()\[\]{},;](?: [gjpqyJQbdfhklt()\[\]{},;])*"
    r"|[gjpqyJQ()\[\]{},;]+(?: [gjpqyJQ()\[\]{},;]+)*|[bdfhklt()\[\]{}]+(?: [bdfhklt()\[\]{}]+)*)$"
)
# In wrapped text, a line ending a sentence or introducing a list, followed by one starting
# in upper case, ends its item: no list item of the bank holds two sentences.
FULL_STOP = re.compile(r"[.!?:][\"\u201d\u2019')\]]*$")
SENTENCE_END = re.compile(r"[.!?:;][\"\u201d\u2019')\]]*$")


def normalize(text: str) -> str:
    """*text* with runs of whitespace made one space and no space at either end."""
    return " ".join(text.split())


def strip_emphasis(text: str) -> tuple[str, int, int]:
    """*text* without emphasis markers at its ends; also how many were found at each end."""
    inner = text.strip()
    lead = len(inner) - len(inner.lstrip("*"))
    inner = inner.lstrip("*")
    trail = len(inner) - len(inner.rstrip("*"))
    return inner.rstrip("*").strip(), lead, trail


def ends_sentence(text: str) -> bool:
    """Whether *text* ends as a sentence or a list introduction does."""
    return SENTENCE_END.search(text) is not None


def is_label(text: str) -> bool:
    """Whether *text* is a section label ("Examples of Behavioral Indicators:", ...)."""
    plain = strip_emphasis(text)[0]
    return any(label.match(plain) for label in LABELS.values())


def glyph_bulleted(line: str) -> bool:
    """Whether *line* starts an item with a bullet other than a dash or an ``o``."""
    text = line.strip()
    return text[:1] in BULLET_GLYPHS and bool(BULLET.match(text) or len(text) == 1)


def starts_entry(text: str) -> bool:
    """Whether *text* starts an entry of a list: a number or a bullet."""
    return bool(NUMBERED.match(text) or TIGHT_ENTRY.match(text) or BULLET.match(text))


def starts_block(text: str) -> bool:
    """Whether a line starting with *text* begins a new paragraph or item by its form alone."""
    plain = strip_emphasis(text)[0]
    return bool(
        BULLET.match(text)
        or NUMBERED.match(text)
        or TIGHT_ENTRY.match(text)
        or LEVEL.match(text)
        or footnote_start(text)  # whole, or a copy cut short inside it
        or HEADER.match(plain)
        or any(label.match(plain) for label in LABELS.values())
    )


def footnote_start(text: str, *, last: bool = False) -> bool:
    """Whether *text* is the note under the list, whole or cut short after its first word.

    Where *text* is a copy's last (*last*), cut short anywhere after its first letter: a
    marked name alone (``*Communication``, a list without numbers) would take its line.

    >>> footnote_start("*Competencies necessary prior to"), footnote_start("*Competent staff")
    (True, False)
    >>> footnote_start("*Competen"), footnote_start("*Competen", last=True)
    (False, True)
    """
    m = (_FOOTNOTE_CUT if last else _FOOTNOTE_WORDS).match(text.strip())
    return m is not None and FOOTNOTE_TEXT.startswith(normalize(m.group("text")).lower())


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph joined by spaces; a word broken after its hyphen is rejoined.

    >>> join_lines(["risks related to system-", "wide management"])
    'risks related to system-wide management'
    >>> join_lines(["see 1336-", "utility-executive-secretary.txt"])
    'see 1336-utility-executive-secretary.txt'
    >>> join_lines(["32. Responsiveness and Follow-", "Up"])
    '32. Responsiveness and Follow-Up'
    """
    out = ""
    for line in lines:
        text = line.strip()
        if out and HYPHEN_END.search(out) and text[:1].isalpha():
            out += text
        else:
            out = f"{out} {text}" if out else text
    return normalize(out)
