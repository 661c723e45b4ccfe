"""Which lines of a text document are its pages' numbers, and which are numbers of its text.

A number alone on its line is a page number where it stands at a page's top or foot, past
the running header and footer (`page_numbers`). Elsewhere it may be a word of the text: a
copy cut short may end inside a competency's number (``12`` of ``129.``: `cut_number`), and
pdftotext may print a justified line's words a line each, a number among them (``Level``,
``2``, ``issues``). Such a number is a page number only where it is the number its page
takes: one more than the page number before it, or than the page breaks before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compbank.importer.patterns import DIGITS, PAGE_NUMBER

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["cut_number", "line_text", "page_numbers", "paged"]

#: The most words of a line that is a justified line's word or two, printed a line each.
_PIECE_WORDS = 2


def line_text(line: str) -> str:
    """A line's text without form feeds and surrounding blanks."""
    return line.replace("\f", "").strip()


def paged(kept: Sequence[tuple[int, str]]) -> bool:
    """Whether form feeds part the copy's pages (a viewer's copy has none)."""
    return any("\f" in t for _, t in kept)


def cut_number(lines: Sequence[str]) -> int | None:
    """The index of the copy's last line where it is a number cut short, not a page number.

    A copy cut inside a competency's number ("12" of "129. NAME") ends with a number alone,
    as a page does with its page number. A page number is the one its page takes: one more
    than the page number before it, or, where there is none, one more than the page breaks
    (form feeds) before it. A number alone at the copy's end, no page break after it, that
    is not its page's number, is a cut.
    """
    texts = [k for k, line in enumerate(lines) if line_text(line)]
    if not texts or any("\f" in line for line in lines[texts[-1] :]):
        return None
    last = texts[-1]
    if not line_text(lines[last]).isdigit() or not PAGE_NUMBER.match(line_text(lines[last])):
        return None
    numbers = [
        int(line_text(line))
        for line in lines[:last]
        if line_text(line).isdigit() and PAGE_NUMBER.match(line_text(line))
    ]
    breaks = sum(1 for line in lines[:last] if line.startswith("\f") and line_text(line))
    expected = numbers[-1] + 1 if numbers else breaks + 1
    return last if int(line_text(lines[last])) != expected else None


def page_numbers(kept: Sequence[tuple[int, str]], running: set[int]) -> list[int]:
    """The lines that are page numbers.

    Each line a page number's form takes but a number alone amid its page's text (`_amid`)
    that is not its page's number (one more than the page number before it, or than the
    form feeds before it, where there is none): a word. In a copy without form feeds (a
    viewer's), the page number before it may have any of the forms (``- 5 -``).
    """
    fed = paged(kept)
    out: list[int] = []
    last = 0  # the last page number, where it is a number alone
    breaks = 0  # the form feeds so far
    for k, (_, t) in enumerate(kept):
        breaks += "\f" in t
        text = line_text(t)
        if not PAGE_NUMBER.match(text):
            continue
        if text.isdigit():
            amid = _amid(kept, k, running) if fed else last > 0 and _among_pieces(kept, k)
            if amid and int(text) != (last or breaks) + 1:
                continue
            last = int(text)
        elif not fed and (number := DIGITS.search(text)) is not None:
            last = int(number.group())  # "- 5 -", "Page 5 of 9": its page's number too
        out.append(k)
    return out


def _amid(kept: Sequence[tuple[int, str]], k: int, running: set[int]) -> bool:
    """Whether line *k*, a number alone, stands amid its page's text: a word, no page number.

    In a copy whose pages end at form feeds, a page number is at its page's top or foot
    (past the running header or footer, *running*); a number alone between two of the
    page's lines of text is a word a justified line's gaps set apart (``Level`` / ``2``).
    """
    if "\f" in kept[k][1]:
        return False
    for step in (1, -1):
        j = k + step
        while 0 <= j < len(kept) and (not line_text(kept[j][1]) or j in running):
            if "\f" in kept[j][1]:
                return False
            j += step
        if not 0 <= j < len(kept) or (step == 1 and "\f" in kept[j][1]):
            return False
    return True


def _among_pieces(kept: Sequence[tuple[int, str]], k: int) -> bool:
    """Whether line *k* stands between two lines of a word or two each (a copy without pages).

    A justified line's words that a tool printed a line each: a number among them is one
    of them; a page number stands between a page's full lines, or its header and footer.
    """
    near = [kept[j][1] for j in (k - 1, k + 1) if 0 <= j < len(kept)]
    return len(near) == 2 and all(0 < len(line_text(t).split()) <= _PIECE_WORDS for t in near)
