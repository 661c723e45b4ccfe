"""Progress on a terminal for the commands that can run long (validate, import, site).

A bar appears on standard error only when it is a terminal, only when the caller has not
asked for machine-readable output, and only once the work has run for about a second, so
short runs, pipes and ``--format json`` stay as they were.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from tqdm import tqdm

T = TypeVar("T")

#: Seconds of work before a bar is shown.
DELAY = 1.0


def _tqdm() -> type[tqdm[Any]]:
    """The tqdm bar, without its monitor thread.

    The monitor only tunes how often a bar redraws; a thread left running would keep this
    process from forking its workers (`compbank._parallel`, `compbank.site`), which they do
    only while one thread runs.
    """
    from tqdm import tqdm  # noqa: PLC0415 (imported only where a bar may show)

    tqdm.monitor_interval = 0
    return tqdm


def wanted() -> bool:
    """Whether a bar may be shown: standard error is a terminal."""
    return sys.stderr.isatty()


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    unit: str = "file",
    label: str = "",
    enabled: bool = True,
) -> Iterator[T]:
    """Yield *items*, showing a progress bar on standard error where `wanted` allows it."""
    if not enabled or not wanted():
        yield from items
        return
    with _tqdm()(
        items, total=total, unit=unit, desc=label or None, delay=DELAY, leave=False, file=sys.stderr
    ) as bar:
        yield from bar


@contextlib.contextmanager
def progress_callback(
    *, unit: str = "file", label: str = "", enabled: bool = True
) -> Iterator[Callable[[int, int], None]]:
    """A function ``report(done, total)`` for work that counts its own progress.

    The bar is the one `progress` shows, under the same conditions; it is made on the first
    report, once the work knows its total, and closed when the ``with`` block ends::

        with progress_callback(label="checking") as report:
            result = run_check(path, progress=report)
    """
    if not enabled or not wanted():
        yield _ignore
        return
    bar_type = _tqdm()
    bars: list[tqdm[NoReturn]] = []

    def report(done: int, total: int) -> None:
        if not bars:
            bars.append(
                bar_type(
                    total=total,
                    unit=unit,
                    desc=label or None,
                    delay=DELAY,
                    leave=False,
                    file=sys.stderr,
                )
            )
        bar = bars[0]
        bar.total = total
        bar.update(done - bar.n)

    try:
        yield report
    finally:
        for bar in bars:
            bar.close()


def _ignore(done: int, total: int) -> None:
    """Progress reported where no bar is shown."""
