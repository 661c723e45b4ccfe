"""Reading a text document, step 1: its lines, without the page furniture around them.

Text extracted from a PDF (``pdftotext``, a viewer's copy) keeps each page's page number,
running header and footer, and may keep the tails of letters a page break cut off ("g p j
y p"): `content_lines` drops them, together with the blank lines around them, so that a
page break alone neither ends nor splits a paragraph. A running header or footer is a line
at a page's top or bottom that repeats on most pages (numbers aside), or, in a copy whose
page breaks are gone, its first or last line found again.

Which lines are page numbers, `compbank.importer.page_numbers` says: a number alone on a
copy's last line, or amid a page's text, is a page number only where it is the number that
page takes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compbank.importer.page_numbers import cut_number, line_text, page_numbers, paged
from compbank.importer.patterns import (
    DIGITS,
    FULL_STOP,
    HEADER,
    LONE_BULLET,
    LONE_NUMBER,
    PAGE_NUMBER,
    TAIL_LINE,
    is_label,
    normalize,
    starts_block,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["content_lines"]

#: How many lines at each end of a page may be a running header or footer.
_EDGE = 3
#: A running header or footer is a line, not a paragraph.
_LONGEST = 160
#: How many times a copy without page breaks holds its first or last line, at least, for
#: that line to be a running header or footer.
_UNPAGED_COPIES = 3
#: The fewest characters of a line cut short at the copy's end to be taken for its start.
_CUT_START = 5


def _pages(kept: Sequence[tuple[int, str]]) -> list[list[int]]:
    """The indices of *kept* on each page: pages end at form feeds, or else at page numbers.

    A viewer's copy has no form feeds. Where a copy has them, a number alone is no page's
    end: it may be a justified line's piece (``40``), printed a paragraph of its own.
    """
    fed = paged(kept)
    pages: list[list[int]] = [[]]
    text_on_page = False
    for k, (_, text) in enumerate(kept):
        if text.startswith("\f") and text_on_page:
            pages.append([])
            text_on_page = False
        pages[-1].append(k)
        text_on_page = text_on_page or bool(text.replace("\f", "").strip())
        if not fed and PAGE_NUMBER.match(text.replace("\f", "").strip()):
            pages.append([])
            text_on_page = False
    return [p for p in pages if p]


def _edge_lines(
    kept: Sequence[tuple[int, str]], pages: Sequence[Sequence[int]]
) -> tuple[dict[int, str], list[set[int]]]:
    """Each text line's key (its text, numbers blanked), and each page's edge lines."""
    key: dict[int, str] = {}
    edges: list[set[int]] = []
    for page in pages:
        # bullets and list numbers alone on their line and page numbers are never headers;
        # pdftotext may put a column of bullets or numbers before the header, so they do not
        # count among the edge's lines
        texts = [
            k
            for k in page
            if line_text(kept[k][1])
            and not LONE_BULLET.match(line_text(kept[k][1]))
            and not LONE_NUMBER.match(line_text(kept[k][1]))
            and not PAGE_NUMBER.match(line_text(kept[k][1]))
        ]
        key.update((k, DIGITS.sub("#", normalize(line_text(kept[k][1])))) for k in texts)
        edges.append(set(texts[:_EDGE] + texts[-_EDGE:]))
    return key, edges


def _running(kept: Sequence[tuple[int, str]]) -> tuple[set[int], int | None]:  # noqa: C901
    """Indices of running headers and footers: lines at a page's edge repeated on most pages.

    Lines are compared with their numbers blanked ("Page 3 of 9", a date), and a line that
    has the form of a part of the document (a label, a number, a bullet) is never one. A
    line found on three pages in four or more (on both pages of a copy of two, one cut
    short), at the page's top or bottom on a third of them or more, is a running header or
    footer wherever it stands: pdftotext, which
    orders a page's text by columns and blocks, may print a header (or its second line) in
    the middle of the page, and the text of a page in pieces. A line in lower case ending
    a sentence is a paragraph's end, never one: two paragraphs may end in the same word.
    (Each exception below says why.)

    And the index of the copy's last line where it is one of them cut short (see
    `_cut_end`), else None.
    """
    pages = [p for p in _pages(kept) if any(line_text(kept[k][1]) for k in p)]
    if len(pages) < 2:
        return _unpaged_running(kept), None
    key, edges = _edge_lines(kept, pages)
    cut = _cut_end(key, [min(k for k in page if k in key) for page in pages if key.keys() & page])
    on_page: dict[str, set[int]] = {}
    at_edge: dict[str, set[int]] = {}
    for p, page in enumerate(pages):
        for k in page:
            if k in key:
                on_page.setdefault(key[k], set()).add(p)
                if k in edges[p]:
                    at_edge.setdefault(key[k], set()).add(p)
    # on most pages (pdftotext may give a page's text as two, or part of the next), at the
    # page's top or bottom on a third of them or more; on both of two (a copy cut short)
    needed = 2 if len(pages) == 2 else max(3, -(-3 * len(pages) // 4))
    repeated = {
        text
        for text, found in on_page.items()
        if len(found) >= needed
        and 3 * len(at_edge.get(text, ())) >= len(pages)
        # in lower case ending a sentence: a paragraph's last line (``activities.``)
        and not (text[:1].islower() and FULL_STOP.search(text))
    }
    out = set()
    titles: set[str] = set()
    for p, page in enumerate(pages):
        for k in page:
            text = line_text(kept[k][1])
            if key.get(k) not in repeated or len(text) >= _LONGEST:
                continue
            if HEADER.match(text) and key[k] not in titles:
                titles.add(key[k])  # the title as a running header: its first copy is the title
                continue
            if p in at_edge[key[k]] and k not in edges[p]:
                continue  # the header is at this page's edge: this copy is the document's
            if k > 0 and HEADER.match(line_text(kept[k - 1][1])):
                continue  # the title block's second line (the code, as the header gives it)
            if not starts_block(text) or HEADER.match(text):
                out.add(k)
    return out, (cut if cut in out else None)


def _cut_end(key: dict[int, str], tops: Sequence[int]) -> int | None:
    """Key the copy's last line as the line it is the start of, where it is one cut short.

    A copy cut short may end inside its last page's running header: that header's first
    words, the start of a line the copy gives whole before, count as one more copy of it.
    Fewer characters than `_CUT_START` (``Cit``) count only as the first line of their page
    and the start of the line every page before opens with (*tops*: each page's first
    line). The index of that line, or None.
    """
    if not key:
        return None
    last = max(key)
    cut = key[last]
    whole = [t for k, t in key.items() if k != last and t != cut and t.startswith(cut)]
    if len(cut) < _CUT_START:  # a few letters: only the line every page before opens with
        opening = {key[k] for k in tops if k != last}
        whole = [t for t in whole if opening == {t}] if last in tops else []
    if not whole:
        return None
    key[last] = whole[0]
    return last


def _tails(kept: Sequence[tuple[int, str]], furniture: set[int]) -> set[int]:
    """Lines of letters' tails cut off at a page break, beside the page's furniture.

    A line set across a page break (a browser printing with tight line spacing) leaves the
    descenders of its letters at the next page's top, or their ascenders at the previous
    page's bottom: each a letter alone ("g p j y p"), which pdftotext prints as a line. Such
    lines count only where nothing but blank lines, other such lines and the page's
    furniture (a running header, a page number, a form feed) part them from the page break,
    or the page's first line alone (after its running header), which pdftotext may print
    before them. In a copy without page breaks (a viewer's), tails just after a label count
    too, the label taken for the page's first line, and tails between two sentences (see
    `_between`); a letter alone amid a sentence may be a word of it.
    """
    # pdftotext -layout keeps the letters where they stood: words apart by many spaces
    tails = {k for k, (_, t) in enumerate(kept) if TAIL_LINE.match(" ".join(t.split()))}
    unpaged = not paged(kept)
    out: set[int] = set()
    k = 0
    while k < len(kept):
        if k not in tails:
            k += 1
            continue
        start = end = k  # the run of tails, blanks and furniture around line k
        while start > 0 and (start - 1 in tails | furniture or not line_text(kept[start - 1][1])):
            start -= 1
        while end + 1 < len(kept) and (
            end + 1 in tails | furniture or not line_text(kept[end + 1][1])
        ):
            end += 1
        run = range(start, end + 1)
        broken = (
            any(j in furniture or "\f" in kept[j][1] for j in run)
            or (end + 1 < len(kept) and kept[end + 1][1].startswith("\f"))
            # the page's first line (after its running header and the tails at the page's
            # top), printed before them (a label: "Superior")
            or (start > 0 and _first_on_page(kept, furniture | tails, start - 1))
            or (unpaged and start > 0 and is_label(line_text(kept[start - 1][1])))
            or (unpaged and start > 0 and end + 1 < len(kept) and _between(kept, start, end))
        )
        if broken:
            out.update(j for j in run if j in tails)
        k = end + 1
    return out


def _between(kept: Sequence[tuple[int, str]], start: int, end: int) -> bool:
    """Whether lines *start* to *end* stand between a sentence's end and another's start.

    The line before ends a sentence (a full stop, or a colon), the line after starts a
    sentence (a capital) or a block (an item, a heading, a label). Letters' tails alone
    there are no sentence of their own, nor a word of either: a page break's.
    """
    before, after = line_text(kept[start - 1][1]), line_text(kept[end + 1][1])
    return bool(FULL_STOP.search(before)) and (after[:1].isupper() or starts_block(after))


def _first_on_page(kept: Sequence[tuple[int, str]], furniture: set[int], k: int) -> bool:
    """Whether line *k* is its page's first, but for the page's furniture and blank lines."""
    for j in range(k, -1, -1):
        if kept[j][1].startswith("\f"):
            return True
        if j < k and j not in furniture and line_text(kept[j][1]):
            return False
    return False


def _unpaged_running(kept: Sequence[tuple[int, str]]) -> set[int]:
    """Running headers and footers of a copy whose page breaks are gone (a viewer's copy).

    The pages run one after another, with no form feed or page number to part them; the
    document's first line (the first page's top), found again word for word, or its last
    (the last page's bottom), found again at least twice, is a header or footer wherever it
    stands. (Once is enough for the first: a copy cut short may keep two pages only, and a
    document's first line is its header or its title; a last line may be an item's, which
    another competency may repeat; nor a word alone in lower case, a piece of a justified
    line that a viewer printed past the last page's footer, as ``and``.)
    """
    texts = [k for k, (_, t) in enumerate(kept) if line_text(t)]
    key = {k: DIGITS.sub("#", normalize(line_text(kept[k][1]))) for k in texts}
    out: set[int] = set()
    for edge, copies, last in ((texts[:1], 2, False), (texts[-1:], _UNPAGED_COPIES, True)):
        for k in edge:
            text = line_text(kept[k][1])
            if starts_block(text) or LONE_NUMBER.match(text) or HEADER.match(text):
                continue
            if last and " " not in text and text[:1].islower():
                continue
            if len(text) >= _LONGEST:
                continue
            found = [j for j in texts if key[j] == key[k]]
            if len(found) >= copies:
                out.update(found)
    return out


def content_lines(lines: Sequence[str]) -> tuple[list[tuple[int, str]], int | None]:
    """The lines that carry text, numbered from 1, without page furniture.

    Page numbers, running headers and footers, and the blank lines around them (and before
    a form feed) go, so that a page break alone neither ends nor splits a paragraph.

    Blank lines stay (as empty strings): they separate paragraphs.

    And the number of the copy's last line where it is a running header or footer cut
    short (``City of Los Ange``): the copy ends inside a page's margin, mid-line, as no
    document does; else None.
    """
    kept: list[tuple[int, str]] = [(i, line.rstrip()) for i, line in enumerate(lines, start=1)]
    furniture, cut_margin = _running(kept)
    if not paged(kept):
        # pages parted by numbers alone (a viewer's copy), which may be a line's pieces
        # (``40``): the copy's first line found again is a running header wherever it stands
        furniture |= _unpaged_running(kept)
    furniture.update(page_numbers(kept, furniture))
    cut = cut_number(lines)
    furniture.discard(cut)
    furniture.update(_tails(kept, furniture))
    drop = set(furniture)
    # a page break (a form feed before the next page's first line) parts no paragraph: the
    # blank lines before it go, as those around the page's furniture
    breaks = [k for k, (_, t) in enumerate(kept) if t.startswith("\f") and line_text(t)]
    for k in [*furniture, *breaks]:
        j = k - 1
        while j >= 0 and not line_text(kept[j][1]):
            drop.add(j)
            j -= 1
    for k in furniture:
        j = k + 1
        while j < len(kept) and not line_text(kept[j][1]):
            drop.add(j)
            j += 1
    out: list[tuple[int, str]] = []
    for k, (i, t) in enumerate(kept):
        if k == cut and out and out[-1][1].strip():
            out.append((i, ""))  # a number cut short is no word of the line above
        if k not in drop:
            out.append((i, t.replace("\f", "")))
    return out, (None if cut_margin is None else kept[cut_margin][0])
