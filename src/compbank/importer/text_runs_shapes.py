"""Reading a text document, step 3 (its end): runs of pieces that their shape places.

Before a run of pieces goes back at the end of the line above that ended short
(`compbank.importer.text_runs`), three shapes of run tell where it belongs by themselves:
a column of pieces, a piece a line (`column`); a whole line in pieces, its first word too
(`whole_line`); a run printed past the next section's label at its page's end
(`past_label`). Each puts the run back and says whether it did.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from compbank.importer.patterns import FULL_STOP, is_label
from compbank.importer.text_ends import whole
from compbank.importer.text_pieces import SHORT, first_word, next_text, starts_lower
from compbank.importer.text_runs_state import PIECE_REACH, top

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer.text_runs_state import RunState

__all__ = ["column", "past_label", "whole_line"]


def column(state: RunState, run: Sequence[int]) -> bool:
    """Put back a run printed as one column, a piece a line: each to its own line.

    Where the copy has blank lines, pieces one under another with none between stood one
    above another on the page: each goes back, top to bottom, to one of the nearest
    lines above that ended short (on its page, each with room for it). Whether it did.
    """
    lines = state.lines
    if len(run) < 2 or not all(k in state.columns for k in run):
        return False
    if any(lines[b][0] != lines[a][0] + 1 for a, b in itertools.pairwise(run)):
        return False
    found = state.near(run, most=len(run))[::-1]
    if len(found) < len(run) or any(
        len(whole(state.out, j, state.chains)) + 1 + len(lines[k][1].strip()) > state.width + 2
        for j, k in zip(found, run, strict=True)
    ):
        return False
    for j, k in zip(found, run, strict=True):
        state.put(j, [k])
    return True


def whole_line(state: RunState, run: Sequence[int]) -> bool:
    """Put back a run that is a whole line in pieces, its first word too: joined in place.

    pdftotext may print every word of a justified line of a few long words as a
    paragraph of its own. Where the line above has no room for them (it is full, or on
    the page before: the run starts its page) and ends amid a sentence, the paragraph
    going on below the run in lower case, and the run's words make a full line, the run
    is that line. Whether it was.
    """
    lines, width, page = state.lines, state.width, state.page
    above = next_text(lines, run[0] - 1, -1)
    below = next_text(lines, run[-1] + 1, 1)
    if above is None or below is None or page[below] != page[run[0]]:
        return False
    if FULL_STOP.search(lines[above][1]) or is_label(lines[above][1]):
        return False
    if page[above] == page[run[0]] and (state.opened[above] or state.pieces[above]):
        return False  # the line above takes them, or they are of its pieces
    words = state.words(run)
    following = first_word(lines[below][1])
    if not starts_lower(lines[below][1]) or len(words) > width + 2:
        return False
    if len(words) + 1 + len(following) <= SHORT * width:
        return False
    state.out[run[0]] = (lines[run[0]][0], words)
    state.dropped.update(run[1:])
    state.dropped.update(j for j in range(run[0] + 1, below) if not lines[j][1].strip())
    return True


def past_label(state: RunState, run: Sequence[int]) -> bool:
    """Put back a run printed past the next section's label, at its page's end.

    pdftotext may print a justified line's last words after the rest of its page's
    column: past the label of the section below (``Superior``, then ``independently.``).
    Where the run starts in lower case, ends a sentence and ends its page, it ends the
    nearest line above the label that ended short amid a sentence, the next line
    starting another (in a capital), where it has room. Whether it did.
    """
    lines = state.lines
    words = state.words(run)
    label = next_text(lines, run[0] - 1, -1)
    below = next_text(lines, run[-1] + 1, 1)
    if (
        label is None
        or not is_label(lines[label][1])
        or not starts_lower(words)
        or not FULL_STOP.search(words)
        or (below is not None and state.page[below] == state.page[run[0]])
    ):
        return False
    j = _cut_short_above(state, label, run[0])
    if j is None:
        return False
    line = _line_of(state, j)
    if len(line) > SHORT * state.width or len(line) + 1 + len(words) > state.width + 2:
        return False
    state.put(j, run)
    return True


def _cut_short_above(state: RunState, label: int, first: int) -> int | None:
    """The nearest line above *label* that ends amid a sentence, the next starting another.

    In *label*'s section (None past its start), on the page of line *first*; the next
    line starts in a capital.
    """
    lines = state.lines
    for j in range(label - 1, max(-1, label - PIECE_REACH), -1):
        text = lines[j][1].strip()
        if is_label(text) or top(text) or state.page[j] != state.page[first]:
            return None
        after = next_text(lines, j + 1, 1)
        if not text or j in state.dropped or after is None or after >= label:
            continue
        ends = FULL_STOP.search(state.out[j][1].strip()) is not None
        if not ends and lines[after][1].strip()[:1].isupper():
            return j
    return None


def _line_of(state: RunState, j: int) -> str:
    """The line line *j* ends: its first words, and the pieces in their place after them."""
    start = j
    while state.pieces[start]:
        up = next_text(state.lines, start - 1, -1)
        if up is None or up in state.dropped:
            break
        start = up
    texts = (state.out[i][1].strip() for i in range(start, j + 1) if i not in state.dropped)
    return " ".join(t for t in texts if t)
