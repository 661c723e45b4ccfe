"""Reading a text document into blocks: the sources' form, and wrapped plain text.

Two forms are told apart by their lines' width:

- the form of ``data/sources/``: one paragraph or list item per line, list items marked
  ``- ``, the required level marked by emphasis (``*``, ``**`` or ``***`` around its text);
- plain text as extracted from a PDF (poppler's ``pdftotext``, with or without ``-layout``,
  or copied from a viewer): lines hard-wrapped at a fixed width, indented or not, page
  numbers alone on a line, running headers and footers at each page's top and bottom,
  bullets of any glyph or none, ``Level 1:`` alone on its line.

A document is *wrapped* when no line is longer than `MAX_WRAP_WIDTH`, or, set in a small face,
when many of its lines nearly reach the longest (see `_wide_wrap`). In a wrapped document a
line continues the one before unless that line ended short: the next line's first word would
have fitted on it (the widest line gives the width), or it starts a new item by its form (a
number, a bullet, a ``Level N:`` label, a section label). A line ending a sentence (or a
list introduction) ends its item when the next starts in upper case; a line starting in
lower case always continues. Page numbers are dropped together with the blank lines around
them, so that a page break never splits or ends a paragraph by itself; so are running
headers and footers: lines at a page's top or bottom that repeat on most pages (numbers
aside), or, in a copy whose page breaks are gone, its first or last line found again; and
lines of letters' tails a page break cut off ("g p j y p") beside them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from compbank.importer.blocks import Block, Kind, Line, Reading
from compbank.importer.patterns import (
    BULLET,
    BULLET_GLYPHS,
    DIGITS,
    FULL_STOP,
    HEADER,
    INTRODUCTION_START,
    MAX_WRAP_WIDTH,
    NAME_WORD,
    PAGE_NUMBER,
    SENTENCE_END,
    is_label,
    join_lines,
    normalize,
    starts_block,
)
from compbank.importer.text_columns import list_columns

if TYPE_CHECKING:
    from collections.abc import Sequence

#: How many lines at each end of a page may be a running header or footer.
_EDGE = 3
#: A running header or footer is a line, not a paragraph.
_LONGEST = 160
#: The most words of a piece of a justified line that pdftotext printed as its own column.
_PIECE_WORDS = 3
#: How far back (in lines) such a piece's line may be: pdftotext prints the pieces after
#: the paragraph, or after the rest of the page's column.
_PIECE_REACH = 60
#: A line this much longer than the next is no measure of the width (two lines joined),
#: where lines as long as the next, within `_ALIKE`, share a width.
_OUTLIER = 1.15
_ALIKE = 0.98
#: A line this much of the width long, or less, ended well short of it (in characters, of
#: a proportional face: a full line may be a tenth shorter than the longest).
_SHORT = 0.8
#: A list entry's number alone: "28.", "*28." (a page number has no period).
_LONE_NUMBER = re.compile(r"^(?:\*\d{1,3}\.?|\d{1,3}\.)$")
#: The most words of a list entry's name ("Awareness of the City Environment").
_ENTRY_WORDS = 8
#: The widest wrapping read as such (see `_wide_wrap`), and how near a line comes to the
#: longest to be full, and how many full lines a wrapped text of that width shows at least.
_WIDEST_WRAP = 200
_NEAR_FULL = 0.85
_FULL_LINES = 10
#: How many times a copy without page breaks holds its first or last line, at least, for
#: that line to be a running header or footer.
_UNPAGED_COPIES = 3
#: A level's number and colon alone, its "Level" on the line before.
_LEVEL_NUMBER = re.compile(r"^[1-3]:$")
#: A line of letters' tails alone ("g p j y p", "y"), cut off from a line at a page break.
_TAIL_LINE = re.compile(r"^[gjpqybdfhklt](?: [gjpqybdfhklt])*$")
#: A bullet alone on its line: a glyph, a dash or an "o" (its item is on the next line).
# a list entry alone on its line: its number and a name ("53. Leadership")
_ENTRY_LINE = re.compile(rf"^\*?\d{{1,3}}\.\s+{NAME_WORD}(?:\s+{NAME_WORD})*\*?$")
_LONE_BULLET = re.compile(rf"^[{re.escape(BULLET_GLYPHS + 'o-')}]$")


def _text(line: str) -> str:
    """A line's text without form feeds and surrounding blanks."""
    return line.replace("\f", "").strip()


def _bulleted(line: str) -> bool:
    """Whether *line* starts an item with a bullet, or is a bullet alone."""
    return bool(BULLET.match(line) or _LONE_BULLET.match(line.strip()))


def _glyph_bulleted(line: str) -> bool:
    """Whether *line* starts an item with a bullet other than a dash or an ``o``."""
    text = line.strip()
    return text[:1] in BULLET_GLYPHS and bool(BULLET.match(text) or len(text) == 1)


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0]


def _pages(kept: Sequence[tuple[int, str]]) -> list[list[int]]:
    """The indices of *kept* on each page: pages end at form feeds and page numbers."""
    pages: list[list[int]] = [[]]
    text_on_page = False
    for k, (_, text) in enumerate(kept):
        if text.startswith("\f") and text_on_page:
            pages.append([])
            text_on_page = False
        pages[-1].append(k)
        text_on_page = text_on_page or bool(text.replace("\f", "").strip())
        if PAGE_NUMBER.match(text.replace("\f", "").strip()):
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
        # bullets alone on their line and page numbers are never headers; pdftotext may put
        # a column of bullets before the header, so they do not count among the edge's lines
        texts = [
            k
            for k in page
            if _text(kept[k][1])
            and not _LONE_BULLET.match(_text(kept[k][1]))
            and not PAGE_NUMBER.match(_text(kept[k][1]))
        ]
        key.update((k, DIGITS.sub("#", normalize(_text(kept[k][1])))) for k in texts)
        edges.append(set(texts[:_EDGE] + texts[-_EDGE:]))
    return key, edges


def _running(kept: Sequence[tuple[int, str]]) -> set[int]:  # noqa: C901 (each exception says why)
    """Indices of running headers and footers: lines at a page's edge repeated on most pages.

    Lines are compared with their numbers blanked ("Page 3 of 9", a date), and a line that
    has the form of a part of the document (a label, a number, a bullet) is never one. A
    line found on three pages in four or more, at the page's top or bottom on a third of
    them or more, is a running header or footer wherever it stands: pdftotext, which
    orders a page's text by columns and blocks, may print a header (or its second line) in
    the middle of the page, and the text of a page in pieces.
    """
    pages = [p for p in _pages(kept) if any(_text(kept[k][1]) for k in p)]
    if len(pages) < 3:
        return _unpaged_running(kept)
    key, edges = _edge_lines(kept, pages)
    on_page: dict[str, set[int]] = {}
    at_edge: dict[str, set[int]] = {}
    for p, page in enumerate(pages):
        for k in page:
            if k in key:
                on_page.setdefault(key[k], set()).add(p)
                if k in edges[p]:
                    at_edge.setdefault(key[k], set()).add(p)
    # on most pages (pdftotext may give a page's text as two, or part of the next), at the
    # page's top or bottom on a third of them or more
    needed = max(3, -(-3 * len(pages) // 4))
    repeated = {
        text
        for text, found in on_page.items()
        if len(found) >= needed and 3 * len(at_edge.get(text, ())) >= len(pages)
    }
    out = set()
    titles: set[str] = set()
    for p, page in enumerate(pages):
        for k in page:
            text = _text(kept[k][1])
            if key.get(k) not in repeated or len(text) >= _LONGEST:
                continue
            if HEADER.match(text) and key[k] not in titles:
                titles.add(key[k])  # the title as a running header: its first copy is the title
                continue
            if p in at_edge[key[k]] and k not in edges[p]:
                continue  # the header is at this page's edge: this copy is the document's
            if k > 0 and HEADER.match(_text(kept[k - 1][1])):
                continue  # the title block's second line (the code, as the header gives it)
            if not starts_block(text) or HEADER.match(text):
                out.add(k)
    return out


def _tails(kept: Sequence[tuple[int, str]], furniture: set[int]) -> set[int]:
    """Lines of letters' tails cut off at a page break, beside the page's furniture.

    A line set across a page break (a browser printing with tight line spacing) leaves the
    descenders of its letters at the next page's top, or their ascenders at the previous
    page's bottom: each a letter alone ("g p j y p"), which pdftotext prints as a line. Such
    lines count only where nothing but blank lines, other such lines and the page's
    furniture (a running header, a page number, a form feed) part them from the page break.
    """
    # pdftotext -layout keeps the letters where they stood: words apart by many spaces
    tails = {k for k, (_, t) in enumerate(kept) if _TAIL_LINE.match(" ".join(t.split()))}
    out: set[int] = set()
    k = 0
    while k < len(kept):
        if k not in tails:
            k += 1
            continue
        start = end = k  # the run of tails, blanks and furniture around line k
        while start > 0 and (start - 1 in tails | furniture or not _text(kept[start - 1][1])):
            start -= 1
        while end + 1 < len(kept) and (end + 1 in tails | furniture or not _text(kept[end + 1][1])):
            end += 1
        run = range(start, end + 1)
        broken = any(j in furniture or "\f" in kept[j][1] for j in run) or (
            end + 1 < len(kept) and kept[end + 1][1].startswith("\f")
        )
        if broken:
            out.update(j for j in run if j in tails)
        k = end + 1
    return out


def _unpaged_running(kept: Sequence[tuple[int, str]]) -> set[int]:
    """Running headers and footers of a copy whose page breaks are gone (a viewer's copy).

    The pages run one after another, with no form feed or page number to part them; the
    document's first line (the first page's top) or its last (the last page's bottom),
    found again at least twice word for word, is a header or footer wherever it stands.
    """
    texts = [k for k, (_, t) in enumerate(kept) if _text(t)]
    key = {k: DIGITS.sub("#", normalize(_text(kept[k][1]))) for k in texts}
    out: set[int] = set()
    for edge in texts[:1] + texts[-1:]:
        text = _text(kept[edge][1])
        if starts_block(text) or HEADER.match(text) or len(text) >= _LONGEST:
            continue
        found = [k for k in texts if key[k] == key[edge]]
        if len(found) >= _UNPAGED_COPIES:
            out.update(found)
    return out


def content_lines(lines: Sequence[str]) -> list[tuple[int, str]]:
    """The lines that carry text, numbered from 1, without page furniture.

    Page numbers, running headers and footers, and the blank lines around them go, so that
    a page break alone neither ends nor splits a paragraph.

    Blank lines stay (as empty strings): they separate paragraphs.
    """
    kept: list[tuple[int, str]] = [(i, line.rstrip()) for i, line in enumerate(lines, start=1)]
    furniture = _running(kept)
    furniture.update(k for k, (_, t) in enumerate(kept) if PAGE_NUMBER.match(_text(t)))
    furniture.update(_tails(kept, furniture))
    drop = set(furniture)
    for k in furniture:
        j = k - 1
        while j >= 0 and not _text(kept[j][1]):
            drop.add(j)
            j -= 1
        j = k + 1
        while j < len(kept) and not _text(kept[j][1]):
            drop.add(j)
            j += 1
    return [(i, t.replace("\f", "")) for k, (i, t) in enumerate(kept) if k not in drop]


def _open(lines: Sequence[tuple[int, str]], k: int, width: int, pieces: Sequence[bool]) -> bool:
    """Whether line *k* ended short inside its paragraph: a justified line's first words."""
    text = lines[k][1].strip()
    following = lines[k + 1][1].strip() if k + 1 < len(lines) else ""
    return bool(
        text
        and following
        and not pieces[k + 1]
        and not FULL_STOP.search(text)
        and not is_label(text)
        and not _ENTRY_LINE.match(text)  # a list entry ends its line, however short
        and not starts_block(following)
        and any(c.islower() for c in text)
        and len(text) + 1 + len(_first_word(following)) <= width
    )


def _pieces(lines: Sequence[tuple[int, str]], width: int) -> list[bool]:
    """Which lines may be pieces of a justified line: a few words alone, of no form."""
    out: list[bool] = []
    previous = ""  # the last line before this one that holds text
    for k, (number, raw) in enumerate(lines):
        text = raw.strip()
        before = lines[k - 1] if k else (0, "")
        after = lines[k + 1] if k + 1 < len(lines) else (0, "")
        out.append(
            bool(text)
            and len(text.split()) <= _PIECE_WORDS
            # alone: blank lines around it, or lines dropped (a page number, a running
            # header) that part it from a piece, a label, or a line that ended well short
            # of the width (a paragraph's last; a full one runs on over the page break)
            and (
                not before[1].strip()
                or (
                    before[0] != number - 1
                    and (
                        out[k - 1]
                        or is_label(before[1])
                        or len(before[1].strip()) + 1 + len(text) <= _SHORT * width
                    )
                )
            )
            and (not after[1].strip() or after[0] != number + 1)
            and not starts_block(text)
            and not is_label(text)
            and not _LONE_BULLET.match(text)
            and not _LONE_NUMBER.match(text)  # an item's number, its text below
            and not _LONE_BULLET.match(previous)  # an item's text, after its bullet
        )
        previous = text or previous
    return out


def _rejoin_levels(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """A ``Level`` alone on its line, its ``N:`` alone on the next: one line, ``Level N:``.

    pdftotext (without ``-layout``) takes the wide gaps of a justified line for gaps between
    columns and may print each of its words on a line of its own, the label's too.
    """
    out: list[tuple[int, str]] = []
    for number, raw in lines:
        if out and out[-1][1].strip() == "Level" and _LEVEL_NUMBER.match(raw.strip()):
            out[-1] = (out[-1][0], f"Level {raw.strip()}")
        else:
            out.append((number, raw))
    return out


def rejoin_numbers(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """A list number alone on its line, with its text alone a line or two below: one line.

    Alone: a blank line after the text, or the next entry (its number alone or not), or a
    block of another form (the note under the list), or the sentence after the list.

    A number typed before a tab ("28.<tab>Supervision") leaves a gap that pdftotext (without
    ``-layout``) may take for one between columns, printing the number and the text as two
    paragraphs. A page number ("28", no period) is gone before this.
    """
    out = list(lines)
    dropped: set[int] = set()
    for k, (number, raw) in enumerate(lines):
        if k in dropped or not _LONE_NUMBER.match(raw.strip()):
            continue
        j = k + 1
        while j < len(lines) and j <= k + 2 and not lines[j][1].strip():
            j += 1
        if j >= len(lines) or not lines[j][1].strip():
            continue
        text = lines[j][1].strip()
        # alone: a blank line after it, or the next entry's number, or the next entry
        following = lines[j + 1][1].strip() if j + 1 < len(lines) else ""
        alone = (
            not following
            or bool(_LONE_NUMBER.match(following))
            or starts_block(following)
            or bool(INTRODUCTION_START.match(following))  # the sentence after the list
        )
        if alone and len(text.split()) <= _ENTRY_WORDS and not starts_block(text):
            out[k] = (number, f"{raw.strip()} {text}")
            dropped.update(range(k + 1, j + 1))
    return [line for k, line in enumerate(out) if k not in dropped]


def rejoin_columns(  # noqa: C901 (the runs of pieces, then where each goes)
    lines: Sequence[tuple[int, str]], width: int
) -> list[tuple[int, str]]:
    """Pieces of justified lines that pdftotext printed as columns of their own, put back.

    pdftotext (without ``-layout``) takes a gap between words wider than about one and a
    half ems for one between columns: a justified line of a few long words comes out as its
    first words, in their paragraph, and each further word as a paragraph of its own after
    that paragraph (or a few after it, at the end of a page). Such a piece is a line of a
    few words alone between blank lines, of no form of its own (no bullet, number or label).
    A run of pieces (labels may stand among them) goes back at the end of a line before it
    that ended short inside its paragraph (not ending a sentence, its paragraph going on
    below it) and still has room for it within the text's width: the nearest whose
    paragraph goes on in lower case, else the nearest. A run in upper case is only joined
    to a line whose paragraph goes on in lower case, so that a title block set on lines of
    its own stays as it is. A piece in lower case just below a full line that ends amid a
    sentence, where nothing goes on below the piece in lower case, is that line's last
    words, printed apart (see `_ended`): it goes back there first.
    """
    out = list(lines)
    runs: list[list[int]] = []
    last = -1
    pieces = _pieces(lines, width)
    for k, piece in enumerate(pieces):
        if piece:
            if runs and all(not t.strip() or is_label(t) for _, t in lines[last + 1 : k]):
                runs[-1].append(k)
            else:
                runs.append([k])
            last = k
    opened = [_open(lines, j, width, pieces) for j in range(len(lines))]

    def target(first: int, words: str) -> int | None:
        """The line the pieces *words* (from line *first* on) go back to, if one has room."""
        candidates = []
        for j in range(first - 1, max(-1, first - _PIECE_REACH), -1):
            if not opened[j] or len(out[j][1].strip()) + 1 + len(words) > width + 2:
                continue
            lower = lines[j + 1][1].strip()[:1].islower()
            if lower or words[:1].islower():
                candidates.append((not lower, first - j, j))
        return min(candidates)[2] if candidates else None

    dropped: set[int] = set()
    for run in runs:
        # the run whole, else each of its pieces on its own
        for group in (run, *([k] for k in run)) if len(run) > 1 else (run,):
            if not dropped.isdisjoint(group):
                continue
            words = " ".join(lines[k][1].strip() for k in group)
            found = _ended(lines, group, width, dropped) if words[:1].islower() else None
            found = target(group[0], words) if found is None else found
            if found is not None:
                out[found] = (out[found][0], f"{out[found][1].rstrip()} {words}")
                dropped.update(group)
    return [line for k, line in enumerate(out) if k not in dropped]


def _next_text(lines: Sequence[tuple[int, str]], k: int, step: int) -> int | None:
    """The nearest line from *k* on (*step*: 1 down, -1 up) with text, past blank lines only.

    None where there is none, or where lines were dropped between (a page number, a
    running header: a page break).
    """
    j = k
    while 0 <= j < len(lines) and not lines[j][1].strip():
        if 0 <= j + step < len(lines) and abs(lines[j + step][0] - lines[j][0]) != 1:
            return None
        j += step
    return j if 0 <= j < len(lines) else None


def _ended(
    lines: Sequence[tuple[int, str]], group: Sequence[int], width: int, dropped: set[int]
) -> int | None:
    """The full line a piece in lower case ends, printed apart after it, if it is one.

    The line just above the piece (blank lines between, no page break) is full and ends
    amid a sentence, and its paragraph does not go on below the piece: the piece is its
    last words, which pdftotext printed as a paragraph of their own (a line's last word in
    another font, a synthetic bold heading's definition).
    """
    words = " ".join(lines[k][1].strip() for k in group)
    above = _next_text(lines, group[0] - 1, -1)
    if above is None or above in group or above in dropped:
        return None
    text = lines[above][1].strip()
    below = _next_text(lines, group[-1] + 1, 1)
    if (
        FULL_STOP.search(text)
        or is_label(text)
        or len(text) + 1 + len(_first_word(words)) <= _SHORT * width
        or (below is not None and lines[below][1].strip()[:1].islower())
    ):
        return None
    return above


def blocks(  # noqa: C901, PLR0912, PLR0915 (one pass over the lines)
    lines: list[tuple[int, str]], width: int | None
) -> list[Block]:
    """Group lines into paragraphs and items (see the module docstring for the rules)."""
    out: list[Block] = []
    current: list[tuple[int, str]] = []
    soft: set[int] = set()
    after_blank = True
    blank = True

    def close() -> None:
        joined = join_lines([t for _, t in current])
        marker = BULLET.match(joined)
        first = joined
        kind: Kind = "item" if marker else "paragraph"
        text = normalize(joined[marker.end() :]) if marker else joined
        numbers = tuple(n for n, _ in current)
        skip = len(first[: marker.end()].split()) if marker else 0
        positions = tuple(
            len(" ".join(t for _, t in current[:k]).split()) - skip for k in sorted(soft)
        )
        out.append(Block(kind, text, numbers, after_blank, positions))

    # bullets alone on their lines, not yet given to an item: one, or several printed one
    # under another, their items' text after them (a tab after each bullet, which pdftotext
    # took for a gap between columns): each starts the next item
    stacked: list[tuple[int, str]] = []
    fresh = False  # the last line with text was such a bullet: the next line is an item
    first = 0  # the indentation of the current block's first line
    # where the items are marked by a glyph (•), a dash a wrapped paragraph's line starts
    # with, its line before ending amid a sentence, is a word of it (" - "), not a bullet
    glyphs = width is not None and any(_glyph_bulleted(t) for _, t in lines)
    for number, raw in lines:
        text = raw.strip()
        if not text:
            blank = True
            continue
        if _LONE_BULLET.match(text):  # a bullet alone on its line: the next line is an item
            stacked.append((number, text))
            fresh = True
            continue
        dash_word = (
            glyphs
            and not blank
            and bool(current)
            and text.startswith("- ")
            and not _bulleted(current[0][1])
            and not is_label(current[-1][1])
            and not SENTENCE_END.search(current[-1][1].strip())
        )
        starts = (
            blank
            or not current
            or fresh
            or (starts_block(text) and not dash_word)
            or is_label(current[-1][1])
            # a competency's number alone (its name and definition given before it), not
            # after an item's line, where it is the item's last word wrapped ("... 28.")
            or (_LONE_NUMBER.match(text) is not None and not _bulleted(current[0][1]))
        )
        indent = len(raw) - len(raw.lstrip())
        if stacked and not starts and FULL_STOP.search(current[-1][1]) and text[0].isupper():
            starts = True  # the next of the items whose bullets stand one under another
        if not starts and width is not None and _bulleted(current[0][1]) and indent >= first:
            # in a document with bullets, the lines under an item's first continue it (not
            # those set further left than it, as pdftotext -layout sets the next paragraph)
            pass
        elif not starts:
            previous = current[-1][1].strip()
            if width is None:
                starts = True
            elif not text[0].islower():
                # a line that ended short only by its characters' count may have been full
                # in a proportional face (a list item's bullet drawn, not printed, as
                # Chromium draws them): a soft break, which the comparison reads both ways
                starts = (
                    FULL_STOP.search(previous) is not None
                    or len(previous) + 1 + len(_first_word(text)) <= _SHORT * width
                )
                if not starts:
                    soft.add(len(current))
        if starts:
            if current:
                close()
            current = []
            soft = set()
            after_blank = blank
            first = indent
        if blank and not fresh:
            stacked.clear()  # the items after the bullets have ended
        if stacked and (fresh or (starts and not starts_block(text))):
            current.append(stacked.pop(0))
        fresh = False
        current.append((number, text))
        blank = False
    if current:
        close()
    return out


def _wide_wrap(lengths: Sequence[int]) -> int | None:
    """The width of text wrapped wider than `MAX_WRAP_WIDTH`, if it is: else None.

    pdftotext of a page set in a small face gives lines up to 150 characters or so; their
    wrapping shows all the same, as many lines (a tenth at least) that nearly reach the
    longest. A paragraph per line (the sources' form) leaves only a few lines that long.
    """
    longest = max(lengths, default=0)
    if longest > _WIDEST_WRAP:
        return None
    near = sum(1 for n in lengths if n >= _NEAR_FULL * longest)
    return longest if near >= max(_FULL_LINES, len(lengths) // 10) else None


def _width(lengths: Sequence[int]) -> int:
    """The width wrapped text was wrapped at: the length its longest lines reach.

    Not a line or two alone far longer than all the others: a tool may print two lines as
    one (``pdftotext`` joins a line ending in a dash to the next), and the width that gives
    would make every full line look short. Such a line is passed over where three lines or
    more reach the next length (the width all the full lines share).
    """
    ordered = sorted(lengths, reverse=True)
    for k in (1, 2):
        longer = len(ordered) > k + 2 and ordered[k - 1] > _OUTLIER * ordered[k]
        if longer and ordered[k + 2] >= _ALIKE * ordered[k]:
            return ordered[k]
    return ordered[0] if ordered else 0


def read_text(text: str) -> Reading:
    """Read *text* (the sources' form or wrapped plain text) into blocks."""
    raw_lines = text.split("\n")
    content = content_lines(raw_lines)
    lengths = [len(t.strip()) for _, t in content if t.strip()]
    narrow = [n for n in lengths if n <= MAX_WRAP_WIDTH]
    # wrapped text may hold a stray long line (an address, a table row); paragraphs do not
    wrapped = lengths and len(lengths) - len(narrow) <= len(lengths) // 50
    width = _width(narrow) if wrapped else _wide_wrap(lengths)
    if width is not None:
        content = rejoin_columns(rejoin_numbers(_rejoin_levels(list_columns(content))), width)
    else:  # a line per paragraph; a wide text's list may still give its numbers alone
        content = rejoin_numbers(content)
    lines = tuple(Line(n, t) for n, t in enumerate(raw_lines, start=1))
    return Reading(
        "wrapped" if width is not None else "sources", lines, tuple(blocks(content, width))
    )
