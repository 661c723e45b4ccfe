"""Reading a text document, step 3 (its end): the pieces of justified lines, back in them.

pdftotext (without ``-layout``) takes a gap between words wider than about one and a half
ems for one between columns: a justified line of a few long words comes out as its first
words, in their paragraph, and each further word as a paragraph of its own after that
paragraph, or after the rest of the page's column (`compbank.importer.text_pieces` finds
such pieces, `compbank.importer.text_ends` the lines they were taken from).
`rejoin_columns` puts each run of pieces back where it belongs: in its place, where the line
above it holds only the line's first words and its paragraph goes on below it; a column of
pieces a piece a line (`_Runs._column`); a whole line in pieces, its first word too, where
no line above has room (`_Runs._whole_line`); a run printed past the next section's label at
its page's end, at the end of the line above the label it ends (`_Runs._past_label`); else
at the end of the line before it that ended short, the run whole; else spread over the
lines it ends (`compbank.importer.text_spread`); what no line above takes, at the end of
the nearest line below that ended short (`_Runs._below`). Always on the run's own page.
"""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING

from compbank.importer.patterns import CLOSING_START, FULL_STOP, HEADING, LABELS, is_label
from compbank.importer.text_ends import (
    between_ends,
    ended,
    in_place,
    opened,
    stacked_words,
    whole,
)
from compbank.importer.text_pieces import (
    SHORT,
    blankless,
    first_word,
    next_text,
    piece_columns,
    piece_lines,
    starts_lower,
)
from compbank.importer.text_spread import Target, spread

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["rejoin_columns", "rejoin_pieces"]

#: An areas list's title: no piece before it is a piece of the list's lines.
_AREAS = LABELS["areas"]
#: How far back (in lines) such a piece's line may be: pdftotext prints the pieces after
#: the paragraph, or after the rest of the page's column.
_PIECE_REACH = 60
#: How much of the width a line ending a sentence, its paragraph going on in lower case,
#: fills once pieces go back to it (a full line of a proportional face, in an indented item).
_FILLED = 0.75
#: How many of the lines that ended short above a run of pieces it may be spread over.
_NEAREST = 6


def rejoin_columns(
    lines: Sequence[tuple[int, str]],
    width: int,
    breaks: Sequence[int] = (),
    known: Callable[[str], bool] | None = None,
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
    words, printed apart (see `text_ends.ended`): it goes back there first. Before all
    that, a run that is a whole line in pieces in its place stays there
    (`text_ends.in_place`), and so does a run printed after its line's first and last words
    (`text_ends.between_ends`); a run that no line takes whole is spread over the lines it ends
    (`_Runs._spread_placing`); a line full with the pieces it took takes no more. A column
    of pieces (one under another, no blank line between) goes back a piece a line
    (`_Runs._column`); pieces no line above takes end the nearest line below that ended
    short (`_Runs._below`).

    pdftotext prints each page whole before the next (a form feed parts them): a piece goes
    back to a line of its own page only. *breaks* are the numbers of the lines that start a
    page (none: one page, as in a viewer's copy).

    Where a run may be spread over its lines in several ways, each as good by their lengths
    and pdftotext's order (two lines each full with its own share of the pieces, and as
    full with another), *known* (whether a line's text is a known text's, as the bank
    holds its competencies) chooses the reading with the most lines it knows.
    """
    return rejoin_pieces(lines, width, breaks, known)[0]


def rejoin_pieces(
    lines: Sequence[tuple[int, str]],
    width: int,
    breaks: Sequence[int] = (),
    known: Callable[[str], bool] | None = None,
) -> tuple[list[tuple[int, str]], frozenset[int]]:
    """The lines with their pieces back (`rejoin_columns`), and the lines concerned.

    The lines concerned (by their numbers) are the pieces, gone back or not, and the lines
    they went back in.
    """
    runs = _Runs(lines, width, breaks, known)
    out = runs.put_back()
    return out, runs.concerned()


class _Runs:
    """The runs of pieces of a document's lines, put back one after another."""

    def __init__(
        self,
        lines: Sequence[tuple[int, str]],
        width: int,
        breaks: Sequence[int],
        known: Callable[[str], bool] | None,
    ) -> None:
        self.lines, self.width, self.known = lines, width, known
        self.out = list(lines)
        self.pieces = piece_lines(lines, width)
        self.chains = stacked_words(lines, width)
        self.opened = opened(lines, width, self.pieces, self.chains)
        self.dropped: set[int] = set()
        self.tails: dict[int, str] = {}  # pieces printed before their line, ending it
        # where the competencies' descriptions start: their first heading
        headings = (k for k, (_, t) in enumerate(lines) if HEADING.match(t.strip()))
        self.described = next(headings, len(lines))
        self.columns = set() if blankless(lines) else piece_columns(lines)
        # the page each line is on: the others' lines are no place for its pieces
        self.page = [bisect.bisect_right(breaks, n) for n, _ in lines]

    def put_back(self) -> list[tuple[int, str]]:
        """The lines, each run of pieces back where it belongs."""
        for run in _runs(self.lines, self.pieces, self.page):
            # in its place, else a column a piece a line, else between its line's two ends,
            # else the run whole, else its pieces spread over the lines they end (and what no
            # line above takes, below)
            found = self._on_page(
                in_place(self.lines, run, self.width, (self.dropped, self.chains)), run
            )
            if found is not None:  # the paragraph goes on: the blank lines around go too
                below = next_text(self.lines, run[-1] + 1, 1) or run[-1]
                blank = (j for j in range(found + 1, below) if not self.lines[j][1].strip())
                self.dropped.update(blank)
                self.opened[found] = False  # whole again
            if found is None and (
                self._column(run) or self._whole_line(run) or self._past_label(run)
            ):
                continue
            ends = None
            if found is None:  # between its line's two ends, printed before it
                taken = (self.dropped, self.chains)
                ends = self._on_page(between_ends(self.lines, run, self.width, taken), run)
            if ends is not None:
                self._put(ends, run)
                continue
            found = self._place(run, self.out, self.dropped) if found is None else found
            if found is not None:
                self._put(found, run)
            elif len(run) > 1:
                self._spread(run)
        return [line for k, line in enumerate(self.out) if k not in self.dropped]

    def concerned(self) -> frozenset[int]:
        """The numbers of the lines that are pieces, and of those that took pieces back."""
        return frozenset(
            number
            for k, (number, text) in enumerate(self.lines)
            if self.pieces[k] or (k not in self.dropped and self.out[k] != (number, text))
        )

    def _column(self, run: Sequence[int]) -> bool:
        """Put back a run printed as one column, a piece a line: each to its own line.

        Where the copy has blank lines, pieces one under another with none between stood one
        above another on the page: each goes back, top to bottom, to one of the nearest
        lines above that ended short (on its page, each with room for it). Whether it did.
        """
        lines = self.lines
        if len(run) < 2 or not all(k in self.columns for k in run):
            return False
        if any(lines[b][0] != lines[a][0] + 1 for a, b in itertools.pairwise(run)):
            return False
        found = self._near(run, most=len(run))[::-1]
        if len(found) < len(run) or any(
            len(whole(self.out, j, self.chains)) + 1 + len(lines[k][1].strip()) > self.width + 2
            for j, k in zip(found, run, strict=True)
        ):
            return False
        for j, k in zip(found, run, strict=True):
            self._put(j, [k])
        return True

    def _whole_line(self, run: Sequence[int]) -> bool:
        """Put back a run that is a whole line in pieces, its first word too: joined in place.

        pdftotext may print every word of a justified line of a few long words as a
        paragraph of its own. Where the line above has no room for them (it is full, or on
        the page before: the run starts its page) and ends amid a sentence, the paragraph
        going on below the run in lower case, and the run's words make a full line, the run
        is that line. Whether it was.
        """
        lines, width = self.lines, self.width
        above = next_text(lines, run[0] - 1, -1)
        below = next_text(lines, run[-1] + 1, 1)
        if above is None or below is None or self.page[below] != self.page[run[0]]:
            return False
        if FULL_STOP.search(lines[above][1]) or is_label(lines[above][1]):
            return False
        if self.page[above] == self.page[run[0]] and (self.opened[above] or self.pieces[above]):
            return False  # the line above takes them, or they are of its pieces
        words = " ".join(lines[k][1].strip() for k in run)
        following = first_word(lines[below][1])
        if not starts_lower(lines[below][1]) or len(words) > width + 2:
            return False
        if len(words) + 1 + len(following) <= SHORT * width:
            return False
        self.out[run[0]] = (lines[run[0]][0], words)
        self.dropped.update(run[1:])
        self.dropped.update(j for j in range(run[0] + 1, below) if not lines[j][1].strip())
        return True

    def _past_label(self, run: Sequence[int]) -> bool:
        """Put back a run printed past the next section's label, at its page's end.

        pdftotext may print a justified line's last words after the rest of its page's
        column: past the label of the section below (``Superior``, then ``independently.``).
        Where the run starts in lower case, ends a sentence and ends its page, it ends the
        nearest line above the label that ended short amid a sentence, the next line
        starting another (in a capital), where it has room. Whether it did.
        """
        lines = self.lines
        words = " ".join(lines[k][1].strip() for k in run)
        label = next_text(lines, run[0] - 1, -1)
        below = next_text(lines, run[-1] + 1, 1)
        if (
            label is None
            or not is_label(lines[label][1])
            or not starts_lower(words)
            or not FULL_STOP.search(words)
            or (below is not None and self.page[below] == self.page[run[0]])
        ):
            return False
        j = self._cut_short_above(label, run[0])
        if j is None:
            return False
        line = self._line_of(j)
        if len(line) > SHORT * self.width or len(line) + 1 + len(words) > self.width + 2:
            return False
        self._put(j, run)
        return True

    def _cut_short_above(self, label: int, first: int) -> int | None:
        """The nearest line above *label* that ends amid a sentence, the next starting another.

        In *label*'s section (None past its start), on the page of line *first*; the next
        line starts in a capital.
        """
        lines = self.lines
        for j in range(label - 1, max(-1, label - _PIECE_REACH), -1):
            text = lines[j][1].strip()
            if is_label(text) or _top(text) or self.page[j] != self.page[first]:
                return None
            after = next_text(lines, j + 1, 1)
            if not text or j in self.dropped or after is None or after >= label:
                continue
            ends = FULL_STOP.search(self.out[j][1].strip()) is not None
            if not ends and lines[after][1].strip()[:1].isupper():
                return j
        return None

    def _line_of(self, j: int) -> str:
        """The line line *j* ends: its first words, and the pieces in their place after them."""
        start = j
        while self.pieces[start]:
            up = next_text(self.lines, start - 1, -1)
            if up is None or up in self.dropped:
                break
            start = up
        texts = (self.out[i][1].strip() for i in range(start, j + 1) if i not in self.dropped)
        return " ".join(t for t in texts if t)

    def _target(self, first: int, words: str, texts: Sequence[tuple[int, str]]) -> int | None:
        """The line the pieces *words* (from line *first* on) go back to, if one has room."""
        lines, width = self.lines, self.width
        candidates = []
        for j in range(first - 1, max(-1, first - _PIECE_REACH), -1):
            if j + 1 < first and _top(lines[j + 1][1]):
                break  # past a heading or the list's closing sentence: another part's lines
            size = len(whole(texts, j, self.chains)) + 1 + len(words)
            if not self.opened[j] or size > width + 2 or self.page[j] != self.page[first]:
                continue
            if FULL_STOP.search(lines[j][1].strip()) and size < _FILLED * width:
                continue  # a line ending a sentence takes only what fills it
            lower = starts_lower(lines[j + 1][1])
            if lower or words[:1].islower():
                candidates.append((not lower, first - j, j))
        return min(candidates)[2] if candidates else None

    def _place(
        self, group: Sequence[int], texts: Sequence[tuple[int, str]], gone: set[int]
    ) -> int | None:
        """The line the pieces *group* go back to whole (as *texts* and *gone* stand)."""
        words = " ".join(self.lines[k][1].strip() for k in group)
        found = ended(self.lines, group, self.width, gone) if words[:1].islower() else None
        found = self._on_page(found, group)
        return self._target(group[0], words, texts) if found is None else found

    def _put(self, j: int, group: Sequence[int], *, tail: bool = False) -> None:
        """Put the pieces *group* back at line *j*; a line full with them takes no more.

        Pieces printed before their line (*tail*) end it: pieces put back later go before.
        """
        words = " ".join(self.lines[k][1].strip() for k in group)
        number, text = self.out[j]
        end = self.tails.get(j, "")
        head = text.rstrip()[: len(text.rstrip()) - len(end)].rstrip()
        parts = (head, end, words) if tail else (head, words, end)
        if tail:
            self.tails[j] = f"{end} {words}".strip()
        self.out[j] = (number, " ".join(t for t in parts if t))
        self.dropped.update(group)
        following = self.lines[j + 1][1].strip() if j + 1 < len(self.lines) else ""
        size = len(whole(self.out, j, self.chains)) + 1
        size += len(first_word(following)) if following else 0
        self.opened[j] = self.opened[j] and size <= self.width

    def _spread(self, run: Sequence[int]) -> None:
        """Put a run no line takes whole back, spread over the lines it ends."""
        trial, gone = list(self.out), set(self.dropped)
        start: list[int | None] = []
        first = self._reach(run)
        for k in run:  # each piece on its own, to the nearest line with room
            found = self._place([k], trial, gone)
            start.append(None if found is None or found < first else found)
            if start[-1] is not None:
                _join(trial, start[-1], [k], self.lines)
                gone.add(k)
        near = [j for j in self._near(run) if j >= first]
        spread_out = self._spread_placing(run, start, near)
        for j in sorted({j for j in spread_out if j is not None}):
            self._put(j, [k for k, t in zip(run, spread_out, strict=True) if t == j])
        self._below([k for k, t in zip(run, spread_out, strict=True) if t is None])

    def _below(self, left: Sequence[int]) -> None:
        """Put pieces no line above took back in the nearest lines below that ended short.

        pdftotext prints a column of pieces after the paragraph of its top one: pieces of a
        line below that paragraph (the next section's first line, as the satisfactory's
        beside the superior's) may come before their line. They end it, whatever pieces
        printed after its paragraph go back to it (`_put`). Lines on their page, not past
        a competency's heading or an areas list's title (the superior's pieces went into
        the list's lines that ended short); in a competency's description only (a title
        block's lines are no pieces of the introduction's); not a piece ending a sentence
        (a short paragraph of its own, as a piece alone may be: only a run's pieces come
        here).
        """
        if not left or left[0] < self.described:
            return
        lines = self.lines
        below = []
        for j in range(left[-1] + 1, min(len(lines), left[-1] + _PIECE_REACH)):
            text = lines[j][1].strip()
            if HEADING.match(text) or _AREAS.match(text) or self.page[j] != self.page[left[0]]:
                break
            if self.opened[j] and j not in self.dropped and not self.pieces[j]:
                below.append(j)
        for k in left:
            word = lines[k][1].strip()
            if FULL_STOP.search(word):  # a paragraph of its own, or a paragraph's end
                continue
            for j in below:
                size = len(whole(self.out, j, self.chains)) + 1 + len(word)
                # as above: a piece in upper case only where the paragraph goes on in lower
                cased = word[:1].islower() or starts_lower(lines[j + 1][1])
                if self.opened[j] and size <= self.width + 2 and cased:
                    self._put(j, [k], tail=True)
                    break

    def _on_page(self, found: int | None, run: Sequence[int]) -> int | None:
        """*found*, where it is a line of *run*'s page (pdftotext prints a page whole)."""
        return found if found is not None and self.page[found] == self.page[run[0]] else None

    def _near(self, run: Sequence[int], most: int = _NEAREST) -> list[int]:
        """The lines that ended short above *run* on its page, nearest first (see `_near`)."""
        near = _near(self.lines, run[0], self.opened, self.dropped, most)
        return [j for j in near if self.page[j] == self.page[run[0]]]

    def _reach(self, run: Sequence[int]) -> int:
        """The first line a run's pieces may be spread over.

        pdftotext prints a line's pieces after its paragraph, or after the rest of the
        page's column: a run with more of its page after it is of the lines of its own
        section (after the label or heading above it); a run at its page's end, of any.
        """
        below = next_text(self.lines, run[-1] + 1, 1)
        if below is None or self.page[below] != self.page[run[-1]]:
            return 0
        return next(
            (
                j
                for j in range(run[0] - 1, -1, -1)
                if is_label(self.lines[j][1]) or HEADING.match(self.lines[j][1].strip())
            ),
            0,
        )

    def _spread_placing(
        self, run: Sequence[int], start: Sequence[int | None], near: Sequence[int]
    ) -> list[int | None]:
        """The line each piece of *run* goes back to, the run spread over the lines it ends.

        The lines looked at are those the pieces went to one at a time (*start*) and those
        that ended short above the run, the nearest first (*near*); see
        `compbank.importer.text_spread`.
        """
        lines, width = self.lines, self.width
        words = [lines[k][1].strip() for k in run]
        chosen = sorted({*near, *(j for j in start if j is not None)})
        targets = []
        for j in chosen:
            lower = starts_lower(lines[j + 1][1]) if j + 1 < len(lines) else False
            following = lines[j + 1][1].strip() if j + 1 < len(lines) else ""
            takes = tuple(
                start[i] == j or (j in near and j < k and (lower or words[i][:1].islower()))
                for i, k in enumerate(run)
            )
            stop = FULL_STOP.search(lines[j][1].strip()) is not None
            targets.append(
                Target(
                    j,
                    whole(self.out, j, self.chains),
                    first_word(following) if following else "",
                    takes,
                    int(_FILLED * width) if stop else 0,
                )
            )
        at = [None if j is None else chosen.index(j) for j in start]
        known = self.known
        prefer = None if known is None else _knowing(known, words, targets)
        placing = spread(words, targets, width, at, prefer)
        return [None if t is None else chosen[t] for t in placing]


def _knowing(
    known: Callable[[str], bool], words: Sequence[str], targets: Sequence[Target]
) -> Callable[[Sequence[int | None]], int]:
    """A placing's score: how many of the lines it puts pieces back in read as *known* texts."""

    def score(placing: Sequence[int | None]) -> int:
        texts: dict[int, list[str]] = {}
        for word, t in zip(words, placing, strict=True):
            if t is not None:
                texts.setdefault(t, [targets[t].text]).append(word)
        return sum(known(" ".join(parts)) for parts in texts.values())

    return score


def _near(
    lines: Sequence[tuple[int, str]],
    first: int,
    opened: Sequence[bool],
    dropped: set[int],
    most: int = _NEAREST,
) -> list[int]:
    """The lines that ended short above line *first* a run may go to, nearest first (*most*).

    Not a competency's heading or past it: a line that ended short in another competency's
    section (or a heading, set in a larger face) is no place for some of a run's pieces;
    nor past the sentence after the list (`_top`).
    """
    out: list[int] = []
    for j in range(first - 1, max(-1, first - _PIECE_REACH), -1):
        if len(out) == most or HEADING.match(lines[j][1].strip()):
            break
        if opened[j] and j not in dropped:
            out.append(j)
        if CLOSING_START.match(lines[j][1].strip()):
            break  # the front page's: no place for the descriptions' pieces
    return out


def _top(text: str) -> bool:
    """Whether a line starts a part no piece below it goes back above.

    A competency's heading (the lines above are another competency's), or the sentence
    after the list (the lines above are the front page's: its title block, introduction
    and list, where a piece of a description put back would change the class's code,
    title or list).
    """
    text = text.strip()
    return HEADING.match(text) is not None or CLOSING_START.match(text) is not None


def _runs(
    lines: Sequence[tuple[int, str]], pieces: Sequence[bool], pages: Sequence[int]
) -> list[list[int]]:
    """The pieces in runs: one after another, blank lines or labels only between them.

    A run is of one page (*pages*: each line's).
    """
    runs: list[list[int]] = []
    last = -1
    for k, piece in enumerate(pieces):
        if piece:
            between = lines[last + 1 : k]
            if (
                runs
                and pages[k] == pages[last]
                and all(not t.strip() or is_label(t) for _, t in between)
            ):
                runs[-1].append(k)
            else:
                runs.append([k])
            last = k
    return runs


def _join(
    texts: list[tuple[int, str]], j: int, group: Sequence[int], lines: Sequence[tuple[int, str]]
) -> None:
    """Put the pieces *group* back at the end of line *j* of *texts*."""
    words = " ".join(lines[k][1].strip() for k in group)
    texts[j] = (texts[j][0], f"{texts[j][1].rstrip()} {words}")
