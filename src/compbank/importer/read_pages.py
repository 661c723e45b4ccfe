"""Reading documents whose every page became one long line into blocks.

Two kinds of copy have a page per line:

- transcriptions in which each page became one long line that starts with its page number,
  and the labels between parts were lost (``Level 1:``, ``Examples of Behavioral
  Indicators:``, ``Satisfactory``);
- text copied from a PDF viewer that joins a page's lines with spaces (as pdf.js may): the
  labels and bullets are there, the line breaks are not, and each page still carries its
  running header and page number.

What can still be told apart by its form is cut into blocks: the title block, the
introduction's sentences, each numbered entry or heading, each label or ``Level N:`` that
survived, each bulleted item. A page's running header and footer (the words every page
starts or ends with, numbers aside) are dropped. Within a block, each sentence end followed
by a capital is a soft break (see `Block.soft_breaks`): a list whose bullets were lost is
read as the bank's where one of its readings gives it. The parts whose labels were lost
cannot be told apart, so the parser reports them as not read; the header and the list are
read all the same.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from compbank.importer.blocks import Block, Kind, Line, Reading
from compbank.importer.patterns import DIGITS, normalize

if TYPE_CHECKING:
    from collections.abc import Sequence

#: A page line is long: a page of a model holds a few thousand characters.
MIN_PAGE_LINE = 250
_PAGE_START = re.compile(r"^\s*(?P<n>\d{1,3})\s+(?=\S)")
#: A page's number alone, where a copy is cut short just after it.
_PAGE_ALONE = re.compile(r"^\s*(?P<n>\d{1,3})\s*$")
#: The bullet glyphs that cut a page's line into items: a subset of `BULLET_GLYPHS` on
#: purpose. Here a glyph stands mid-line among running text, where a cut that is no item's
#: start splits a paragraph, so only the common bullets cut: not "\u00b7" (a separator in
#: running headers), "\u00a7" (a section sign), nor the check marks and arrows text may hold.
_CUT_GLYPHS = "\u2022\u25aa\u25cf\uf0b7\uf0a7"
# where a new block starts inside a page's line
_CUT = re.compile(
    r"\s+(?="
    r"competency\s+model\s+for\b"
    r"|the\s+following\s+competencies\b"
    r"|on\s+the\s+following\s+pages\b"
    r"|\*?\d{1,3}\.\s+\*?[A-Z]"
    r"|level\s+[1-3]\s*:"
    r"|level\s+of\s+competency\s+required"
    r"|examples\s+of\s+behavioral\s+indicators"
    r"|performance\s+levels\b"
    r"|\*\s*competencies\s+necessary\s+prior"
    # kept labels and bullets, as a viewer's copy has them (case matters: "superior" is a
    # word of the introduction too)
    r"|(?-i:Satisfactory|Superior)(?:\s+(?-i:[A-Z\u201c\"(])|$)"
    rf"|[{_CUT_GLYPHS}]\s"
    r"|(?-i:o\s+[A-Z])"
    r")"
    # a label's text runs on after it
    r"|(?<=required\sby\sjob:)\s+"
    r"|(?<=behavioral\sindicators:)\s+"
    r"|(?<=performance\slevels:)\s+"
    r"|(?<=(?-i:Satisfactory))\s+(?=(?-i:[A-Z\u201c\"(]))"
    r"|(?<=(?-i:Superior))\s+(?=(?-i:[A-Z\u201c\"(]))"
    # "... work. Job Knowledge Areas 1. Knowledge of ...": the areas' title stands alone
    r"|(?<=[.!?])\s+(?=(?-i:[A-Z][A-Za-z/&,\u2019' -]{0,60}\sAreas\s+\d{1,3}\.))"
    r"|(?<=\s(?-i:Areas))\s+(?=\d{1,3}\.\s)",
    re.IGNORECASE,
)
_BULLET = re.compile(rf"^(?:[{_CUT_GLYPHS}]|o(?=\s+[A-Z]))\s+")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')\]]*$")


#: The lines a document-sharing site prints around a transcription: the document's size
#: picker, the page picker, the download link, the word "Transcription".
CHROME = re.compile(
    r"^(?:size:\s*(?:\d+\s*)?px|start\s+display\s+at\s+page:?|download\s+[\"\u201c].*|"
    r"transcription|download\s*(?:pdf)?)$",
    re.IGNORECASE,
)


def chrome(lines: Sequence[str]) -> set[int]:
    """The indices of a site's page chrome among *lines*: its marks, and all before the last.

    The title the site prints above its chrome is chrome too: everything before the last
    chrome mark that comes before the first page.
    """
    marks = [k for k, line in enumerate(lines) if CHROME.match(line.strip())]
    if not marks:
        return set()
    first_page = next(
        (k for k, line in enumerate(lines) if k > marks[0] and _PAGE_START.match(line)),
        len(lines),
    )
    before = [k for k in marks if k < first_page]
    last = before[-1] if before else -1
    return set(range(last + 1)) | set(marks)


def _numbered(lines: Sequence[str]) -> bool:
    """Whether *lines* (each holding text) start with their page numbers, one after another.

    The last may be its page number alone: a copy cut short just after it.

    >>> _numbered(["1 COMPETENCY MODEL FOR ...", "2 8. SAFETY FOCUS ...", "3 "])
    True
    """
    numbers = []
    for k, line in enumerate(lines):
        m = _PAGE_START.match(line)
        if m is None and k == len(lines) - 1:
            m = _PAGE_ALONE.match(line)
        if m is None:
            return False
        numbers.append(int(m.group("n")))
    return bool(numbers) and all(b == a + 1 for a, b in itertools.pairwise(numbers))


def _content(text: str) -> list[str]:
    """The lines of *text* that hold text, chrome left out."""
    lines = text.split("\n")
    skip = chrome(lines)
    return [line for k, line in enumerate(lines) if line.strip() and k not in skip]


def is_pages(text: str) -> bool:
    """Whether *text* is in a page-per-line form, its chrome aside.

    Either every line starts with its page number, the numbers running on one after another
    (a transcription, however short its pages or cut its last one), or every line but the
    last is as long as a page (a viewer's copy; the last may be cut short).
    """
    lines = _content(text)
    if not lines:
        return False
    if _numbered(lines):
        return True
    return all(len(line) >= MIN_PAGE_LINE for line in lines[:-1]) and (
        len(lines) > 1 or len(lines[0]) >= MIN_PAGE_LINE
    )


def _furniture(pages: list[list[str]]) -> tuple[int, int]:
    """How many words every page starts and ends with (numbers aside): header and footer."""
    if len(pages) < 2:
        return 0, 0
    keys = [[DIGITS.sub("#", w) for w in words] for words in pages]
    shortest = min(len(k) for k in keys)
    head = 0
    while head < shortest and len({k[head] for k in keys}) == 1:
        head += 1
    tail = 0
    while tail < shortest - head and len({k[-1 - tail] for k in keys}) == 1:
        tail += 1
    return head, tail


def _soft_breaks(words: list[str]) -> tuple[int, ...]:
    """Word positions after a sentence's end, before a capital: where an item may end."""
    return tuple(
        k
        for k in range(1, len(words))
        if _SENTENCE_END.search(words[k - 1]) and words[k][:1].isupper()
    )


def read_pages(text: str) -> Reading:
    """Read a page-per-line document into blocks (its chrome left out)."""
    raw = text.split("\n")
    skip = chrome(raw)
    numbered = _numbered([line for k, line in enumerate(raw) if line.strip() and k not in skip])
    bodies: dict[int, list[str]] = {}
    lines: list[Line] = []
    count = 0
    for k, line in enumerate(raw):
        number = k + 1
        page = None
        words = line.split()
        if k not in skip and words:
            count += 1
            page = count
            if numbered:
                page, words = int(words[0]), words[1:]
                if words[:1] == [str(page)]:  # the page's own number, printed after the site's
                    words = words[1:]
        lines.append(Line(number, line, page, 1 if page is not None else None))
        bodies[number] = words if page is not None else []
    paged = [n for n, line in zip(bodies, lines, strict=True) if line.page is not None]
    head, tail = _furniture([bodies[n] for n in paged])
    # the title is on the first page only: a header repeating it stays there
    first = paged[0] if paged else None
    blocks: list[Block] = []
    for number, words in bodies.items():
        if number in paged:
            start = head if number != first or not _starts_title(words, head) else 0
            words = words[start : len(words) - tail]  # noqa: PLW2901
        bulleted = False  # a bullet cut off from its item ("• Level 1: ...")
        for part in _CUT.split(" ".join(words)):
            kind: Kind = "item" if bulleted else "paragraph"
            bullet = _BULLET.match(part + " ")
            if bullet:
                kind, part = "item", part[bullet.end() :]  # noqa: PLW2901
            found = normalize(part)
            bulleted = bool(bullet) and not found
            if found:
                blocks.append(
                    Block(kind, found, (number,), soft_breaks=_soft_breaks(found.split()))
                )
    return Reading("pages", tuple(lines), tuple(blocks))


def _starts_title(words: list[str], head: int) -> bool:
    """Whether the words every page starts with begin the title block itself."""
    return head > 0 and " ".join(words[:3]).lower() == "competency model for"
