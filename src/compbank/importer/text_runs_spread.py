"""Reading a text document, step 3 (its end): a run no line takes whole, spread.

A run of pieces that no line above has room for whole goes back spread over the lines it
ends (`spread_run`): the placing is chosen by `compbank.importer.text_spread`, over the
lines each piece would go to alone and those that ended short above the run. What no
line above takes ends the nearest line below that ended short (`put_below`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compbank.importer.patterns import FULL_STOP, HEADING, LABELS, is_label
from compbank.importer.text_ends import whole
from compbank.importer.text_pieces import first_word, next_text, starts_lower
from compbank.importer.text_runs_state import FILLED, PIECE_REACH
from compbank.importer.text_spread import Target, spread

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from compbank.importer.text_runs_state import RunState

__all__ = ["put_below", "spread_run"]

#: An areas list's title: no piece before it is a piece of the list's lines.
_AREAS = LABELS["areas"]


def spread_run(state: RunState, run: Sequence[int]) -> None:
    """Put a run no line takes whole back, spread over the lines it ends."""
    trial, gone = list(state.out), set(state.dropped)
    start: list[int | None] = []
    first = _reach(state, run)
    for k in run:  # each piece on its own, to the nearest line with room (not the run's)
        found = state.place([k], trial, gone | set(run))
        j = None if found is None or found < first else found
        start.append(j)
        if j is not None:  # tried there: the next pieces find the line with it
            trial[j] = (trial[j][0], f"{trial[j][1].rstrip()} {state.words([k])}")
            gone.add(k)
    near = [j for j in state.near(run) if j >= first]
    spread_out = _spread_placing(state, run, start, near)
    for j in sorted({j for j in spread_out if j is not None}):
        state.put(j, [k for k, t in zip(run, spread_out, strict=True) if t == j])
    put_below(state, [k for k, t in zip(run, spread_out, strict=True) if t is None])


def put_below(state: RunState, left: Sequence[int]) -> None:
    """Put pieces no line above took back in the nearest lines below that ended short.

    pdftotext prints a column of pieces after the paragraph of its top one: pieces of a
    line below that paragraph (the next section's first line, as the satisfactory's
    beside the superior's) may come before their line. They end it, whatever pieces
    printed after its paragraph go back to it (`RunState.put`). Lines on their page, not
    past a competency's heading or an areas list's title (the superior's pieces went into
    the list's lines that ended short); in a competency's description only (a title
    block's lines are no pieces of the introduction's); not a piece ending a sentence
    (a short paragraph of its own, as a piece alone may be: only a run's pieces come
    here).
    """
    if not left or left[0] < state.described:
        return
    lines = state.lines
    below = []
    for j in range(left[-1] + 1, min(len(lines), left[-1] + PIECE_REACH)):
        text = lines[j][1].strip()
        if HEADING.match(text) or _AREAS.match(text) or state.page[j] != state.page[left[0]]:
            break
        if state.opened[j] and j not in state.dropped and not state.pieces[j]:
            below.append(j)
    for k in left:
        word = lines[k][1].strip()
        if FULL_STOP.search(word):  # a paragraph of its own, or a paragraph's end
            continue
        for j in below:
            size = len(whole(state.out, j, state.chains)) + 1 + len(word)
            # as above: a piece in upper case only where the paragraph goes on in lower
            cased = word[:1].islower() or starts_lower(lines[j + 1][1])
            if state.opened[j] and size <= state.width + 2 and cased:
                state.put(j, [k], tail=True)
                break


def _reach(state: RunState, run: Sequence[int]) -> int:
    """The first line a run's pieces may be spread over.

    pdftotext prints a line's pieces after its paragraph, or after the rest of the
    page's column: a run with more of its page after it is of the lines of its own
    section (after the label or heading above it); a run at its page's end, of any.
    """
    lines = state.lines
    below = next_text(lines, run[-1] + 1, 1)
    if below is None or state.page[below] != state.page[run[-1]]:
        return 0
    return next(
        (
            j
            for j in range(run[0] - 1, -1, -1)
            if is_label(lines[j][1]) or HEADING.match(lines[j][1].strip())
        ),
        0,
    )


def _spread_placing(
    state: RunState, run: Sequence[int], start: Sequence[int | None], near: Sequence[int]
) -> list[int | None]:
    """The line each piece of *run* goes back to, the run spread over the lines it ends.

    The lines looked at are those the pieces went to one at a time (*start*) and those
    that ended short above the run, the nearest first (*near*); see
    `compbank.importer.text_spread`.
    """
    lines, width = state.lines, state.width
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
                whole(state.out, j, state.chains),
                first_word(following) if following else "",
                takes,
                int(FILLED * width) if stop else 0,
            )
        )
    at = [None if j is None else chosen.index(j) for j in start]
    known = state.known
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
