"""What reading a list set in two columns takes in every form: its gutter, and its runs.

A list set in two columns is read the same way in text that keeps a page's layout (see
`text_columns`, which measures in characters) and on a PDF page (see `pdf_columns`, which
measures in points): `widest_gap` finds the gutter between the columns from the stretches
the lines' words cover, and `read_down` gives a document's lines with each run of them set
in columns read as the form reads such a run, down each column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: A measure across the page: characters (int) or points (float).
N = TypeVar("N", int, float)
#: A line of a document, as its reader holds it.
L = TypeVar("L")
#: A run's gutter, as its reader measures it.
G = TypeVar("G")


def widest_gap(spans: Sequence[tuple[N, N]], least: N) -> tuple[N, N] | None:
    """The widest stretch, *least* wide or more, between the sorted *spans* that none covers."""
    if not spans:
        return None
    best: tuple[N, N] | None = None
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach >= least and (best is None or start - reach > best[1] - best[0]):
            best = (reach, start)
        reach = max(reach, end)
    return best


def read_down(
    lines: Sequence[L],
    run: Callable[[int], tuple[int, G] | None],
    columns: Callable[[Sequence[L], G], list[L]],
) -> list[L]:
    """*lines*, each run of them set in columns given as *columns* reads it.

    *run* tells, from the index of a line, where a run in columns starting there ends and
    its gutter, or None where none starts there; *columns* reads a run's lines, given its
    gutter, down each column.
    """
    out: list[L] = []
    k = 0
    while k < len(lines):
        found = run(k)
        if found is None:
            out.append(lines[k])
            k += 1
            continue
        end, gutter = found
        out += columns(lines[k:end], gutter)
        k = end
    return out
