"""Per-file work spread over worker processes, where that pays.

Checking a large data set is nearly all work that each file needs on its own (read, parse,
schema, the checks of one record). `map_chunks` cuts such work into chunks of files, shares
them between this process and worker processes, and returns the results in order;
`worker_count` says whether that is worth it. Starting a process costs something, and how
much depends on how the platform starts one:

- *fork* (Linux): a worker is a copy of this process, with compbank already imported; it
  starts in a few milliseconds. It is used only while this process runs a single thread,
  since a fork copies locks that another thread may hold.
- *spawn* (macOS, Windows, or a process with threads): a worker is a new interpreter that
  imports compbank again, a tenth of a second or more. It also imports the program's main
  module, which is safe only for a program that guards its work with
  ``if __name__ == "__main__"``; so it is used only where the caller knows that holds (the
  ``compbank`` command), never by default from the library.

Where worker processes cannot be started or break, the work is done here, so a result never
depends on them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from concurrent.futures import Executor

T = TypeVar("T")
R = TypeVar("R")

#: Fewest files per process, by start method, for more processes to pay for their start.
#: Measured with ``benchmarks/threshold.py`` (see benchmarks/README.md) on 2 cores shared
#: with other work, a file checked with jsonschema-rs costing about 50 µs: a forked worker
#: adds about 8 ms (its start, the pages it copies, sending results back), which a second
#: process wins back from a few hundred files while a core is free, but only from 2,000 to
#: 10,000 files while other work holds both; a spawned one adds 150 ms or more (it imports
#: compbank anew; more on macOS and Windows), won back from 5,000 files at best. Below these,
#: a check takes a tenth of a second or less anyway.
MIN_FILES_PER_WORKER = {"fork": 1_000, "spawn": 4_000}
#: How many times as much a file costs where jsonschema checks it alone (no jsonschema-rs).
PURE_FILE_COST = 8
#: Chunks per process: enough that a process given slow files (invalid ones, which
#: jsonschema explains) does not hold the others up, few enough that sending them costs
#: nothing.
CHUNKS_PER_WORKER = 8


def cpu_count() -> int:
    """The processors this process may run on."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13 and later
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def start_method(*, allow_spawn: bool) -> str | None:
    """How worker processes may be started here: ``"fork"``, ``"spawn"`` or None (not at all)."""
    # a worker of a multiprocessing pool (a daemon) may start no process of its own; a
    # process that never imported multiprocessing is none
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.current_process().daemon:
        return None
    # known without importing multiprocessing, which costs as much as checking 150 files:
    # fork is the default only on Linux (elsewhere, as on macOS, system libraries are not
    # fork-safe); spawn works wherever Python runs processes
    if sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1:
        return "fork"
    if allow_spawn and sys.platform != "emscripten" and sys.platform != "wasi":
        return "spawn"
    return None


def worker_count(
    files: int, method: str | None, jobs: int | None = None, *, pure: bool = False
) -> int:
    """How many processes to check *files* files with, this one included; 0: this one alone.

    *jobs* caps the count (1 means this one alone); None uses every processor where the data
    set is large enough to pay for them. *pure*: the files are checked by jsonschema alone.
    """
    if method is None or (jobs is not None and jobs <= 1):
        return 0
    work = files * (PURE_FILE_COST if pure else 1)
    workers = min(cpu_count() if jobs is None else jobs, work // MIN_FILES_PER_WORKER[method])
    return workers if workers >= 2 else 0


def _split(items: Sequence[T], chunks: int) -> list[Sequence[T]]:
    """*items* in *chunks* runs of consecutive items, of sizes differing by one at most."""
    size, extra = divmod(len(items), chunks)
    bounds = [i * size + min(i, extra) for i in range(chunks + 1)]
    return [items[bounds[i] : bounds[i + 1]] for i in range(chunks) if bounds[i] < bounds[i + 1]]


@contextlib.contextmanager
def interrupts_blocked() -> Iterator[None]:
    """Block SIGINT (Ctrl-C) in this thread while the block starts processes and threads.

    They start with it blocked too, so a Ctrl-C cannot reach a worker before it has set
    itself to ignore it (`ignore_interrupts`), nor stop this process halfway through
    starting one; it is delivered here once the block ends. Where signals cannot be
    blocked (Windows), the block simply runs.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the main process, which stops the work.

    A worker that took it would stop with a traceback of its own. A SIGINT that came while
    it was blocked (`interrupts_blocked`) is dropped, as it is ignored before it is unblocked.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _start_worker() -> None:
    # the cycle collector is off, as it is while loading in the main process
    ignore_interrupts()
    import gc  # noqa: PLC0415

    gc.disable()


class _Chunks(Generic[T, R]):
    """Consecutive runs of the items, and their results as they come (each set once)."""

    def __init__(
        self,
        work: Callable[[Sequence[T]], list[R]],
        items: Sequence[T],
        count: int,
        done: Callable[[int], None] | None,
    ) -> None:
        self.work = work
        self.items = _split(items, count)
        self.results: list[list[R] | None] = [None] * len(self.items)
        self.done = done

    def set(self, i: int, result: list[R]) -> None:
        self.results[i] = result
        if self.done is not None:
            self.done(len(self.items[i]))

    def do_here(self, i: int) -> None:
        self.set(i, self.work(self.items[i]))

    def share(self, pool: Executor) -> None:
        """Other processes take chunks from the first on, this one from the last on."""
        with interrupts_blocked():  # the workers are started by the first submit
            futures = [pool.submit(self.work, chunk) for chunk in self.items]
        for i in reversed(range(len(futures))):
            if not futures[i].cancel():  # another process has started it: they have met
                break
            self.do_here(i)
            for j in range(i):  # say what the others have done meanwhile
                if self.results[j] is None and futures[j].done():
                    self.set(j, futures[j].result())
        for i, future in enumerate(futures):
            if self.results[i] is None:
                self.set(i, future.result())

    def joined(self) -> list[R]:
        for i, result in enumerate(self.results):
            if result is None:  # not done elsewhere: done here
                self.do_here(i)
        return [r for result in self.results if result is not None for r in result]


def map_chunks(
    work: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    *,
    workers: int,
    method: str,
    done: Callable[[int], None] | None = None,
) -> list[R]:
    """``work(items)``, shared among *workers* processes: this one and others *method* starts.

    The items are cut into chunks, which the other processes take from the first on while
    this one takes them from the last on, until they meet: none waits long for another, and
    what this process does is never sent anywhere. *work* returns one result per item; it is
    sent to the other processes by name, so it must be a module-level function (or a
    `functools.partial` of one). The results come in the order of *items*; *done* is called
    with the number of items of each chunk done.
    """
    import multiprocessing  # noqa: PLC0415 (only where workers are started)
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    chunks = _Chunks(work, items, workers * CHUNKS_PER_WORKER, done)
    try:
        pool = ProcessPoolExecutor(
            workers - 1, mp_context=multiprocessing.get_context(method), initializer=_start_worker
        )
    except (OSError, ImportError, ValueError):  # no semaphores, no such method: all here
        return chunks.joined()
    try:
        # a worker that dies, cannot start, or fails in a way of its own leaves its chunks
        # to this process, below (the work is the same wherever it runs, so an error in the
        # work itself comes again there)
        with contextlib.suppress(Exception):
            chunks.share(pool)
    finally:
        # on Ctrl-C too: chunks not started are dropped, workers end after their chunk
        pool.shutdown(wait=True, cancel_futures=True)
    return chunks.joined()
