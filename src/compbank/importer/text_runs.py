"""Reading a text document, step 3 (its end): the pieces of justified lines, back in them.

pdftotext (without ``-layout``) takes a gap between words wider than about one and a half
ems for one between columns: a justified line of a few long words comes out as its first
words, in their paragraph, and each further word as a paragraph of its own after that
paragraph, or after the rest of the page's column (`compbank.importer.text_pieces` finds
such pieces, `compbank.importer.text_ends` the lines they were taken from).
`rejoin_columns` puts each run of pieces back where it belongs: in its place, where the line
above it holds only the line's first words and its paragraph goes on below it; where its
shape tells (`compbank.importer.text_runs_shapes`: a column of pieces, a piece a line; a
whole line in pieces, its first word too, where no line above has room; a run printed past
the next section's label at its page's end); else at the end of the line before it that
ended short, the run whole; else spread over the lines it ends, and what no line above
takes at the end of the nearest line below that ended short
(`compbank.importer.text_runs_spread`). Always on the run's own page.
`compbank.importer.text_runs_state` holds the lines as the runs go back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compbank.importer.patterns import is_label
from compbank.importer.text_ends import between_ends, in_place
from compbank.importer.text_pieces import next_text
from compbank.importer.text_runs_shapes import column, past_label, whole_line
from compbank.importer.text_runs_spread import spread_run
from compbank.importer.text_runs_state import RunState

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["rejoin_columns", "rejoin_pieces"]


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
    (`text_runs_spread.spread_run`); a line full with the pieces it took takes no more. A column
    of pieces (one under another, no blank line between) goes back a piece a line
    (`text_runs_shapes.column`); pieces no line above takes end the nearest line below that
    ended short (`text_runs_spread.put_below`).

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
    state = RunState(lines, width, breaks, known)
    out = _put_back(state)
    return out, state.concerned()


def _put_back(state: RunState) -> list[tuple[int, str]]:
    """The lines, each run of pieces back where it belongs."""
    lines, width = state.lines, state.width
    for run in _runs(lines, state.pieces, state.page):
        # in its place, else a column a piece a line, else between its line's two ends,
        # else the run whole, else its pieces spread over the lines they end (and what no
        # line above takes, below)
        taken = (state.dropped, state.chains)
        found = state.on_page(in_place(lines, run, width, taken), run)
        if found is not None:  # the paragraph goes on: the blank lines around go too
            below = next_text(lines, run[-1] + 1, 1) or run[-1]
            blank = (j for j in range(found + 1, below) if not lines[j][1].strip())
            state.dropped.update(blank)
            state.opened[found] = False  # whole again
        if found is None and (
            column(state, run) or whole_line(state, run) or past_label(state, run)
        ):
            continue
        ends = None
        if found is None:  # between its line's two ends, printed before it
            ends = state.on_page(between_ends(lines, run, width, taken), run)
        if ends is not None:
            state.put(ends, run)
            continue
        found = state.place(run, state.out, state.dropped) if found is None else found
        if found is not None:
            state.put(found, run)
        elif len(run) > 1:
            spread_run(state, run)
    return [line for k, line in enumerate(state.out) if k not in state.dropped]


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
