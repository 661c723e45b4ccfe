"""Per-file work spread over worker processes, where that pays.

Checking a large data set is nearly all work that each file needs on its own (read, parse,
schema, structure, the checks of one record). `map_chunks` splits such work into chunks of
files, runs them in worker processes and returns the results in order; `worker_count` says
whether that is worth it. Starting a process costs something, and how much depends on how
the platform starts one:

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

import multiprocessing
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

T = TypeVar("T")
R = TypeVar("R")

#: Fewest files per worker, by start method, for workers to pay for their start. Measured
#: with ``benchmarks/run.py --workers`` on 2 cores: a forked worker starts and returns its
#: results in about 15 ms, the time to check some 200 valid files; a spawned one first spends
#: about 150 ms importing compbank (more on Windows and macOS), some 2,000 files' worth.
MIN_FILES_PER_WORKER = {"fork": 400, "spawn": 3_000}
#: Chunks per worker: enough that a worker given slow files (invalid ones, which jsonschema
#: explains) does not hold the others up, few enough that sending them costs nothing.
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
    methods = multiprocessing.get_all_start_methods()
    # fork is the default only on Linux; elsewhere (macOS) system libraries are not fork-safe
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return "fork"
    if allow_spawn and "spawn" in methods:
        return "spawn"
    return None


def worker_count(files: int, method: str | None, jobs: int | None = None) -> int:
    """How many worker processes to check *files* files with: 0 means here, in this process.

    *jobs* caps the count (1 means no workers); None uses every processor where the data set
    is large enough to pay for them.
    """
    if method is None or (jobs is not None and jobs <= 1):
        return 0
    workers = min(cpu_count() if jobs is None else jobs, files // MIN_FILES_PER_WORKER[method])
    return workers if workers >= 2 else 0


def _split(items: Sequence[T], chunks: int) -> list[Sequence[T]]:
    """*items* in *chunks* runs of consecutive items, of sizes differing by one at most."""
    size, extra = divmod(len(items), chunks)
    bounds = [i * size + min(i, extra) for i in range(chunks + 1)]
    return [items[bounds[i] : bounds[i + 1]] for i in range(chunks) if bounds[i] < bounds[i + 1]]


def _start_worker() -> None:
    # Ctrl-C is for the main process, which stops the work; workers would each print a
    # traceback. The cycle collector is off, as it is while loading in the main process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import gc  # noqa: PLC0415

    gc.disable()


def map_chunks(
    work: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    *,
    workers: int,
    method: str,
    done: Callable[[int], None] | None = None,
) -> list[R]:
    """``work(items)``, the items shared out among *workers* processes started by *method*.

    *work* returns one result per item; it is sent to the workers by name, so it must be a
    module-level function (or a `functools.partial` of one). The results come back in the
    order of *items*; *done* is called with the number of items of each chunk as it ends.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed  # noqa: PLC0415
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    chunks = _split(items, workers * CHUNKS_PER_WORKER)
    results: list[list[R] | None] = [None] * len(chunks)
    try:
        pool = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context(method), initializer=_start_worker
        )
    except (OSError, ImportError, ValueError):  # no semaphores, no such method: work here
        pool = None
    if pool is not None:
        try:
            futures = {pool.submit(work, chunk): i for i, chunk in enumerate(chunks)}
            for future in as_completed(futures):
                i = futures[future]
                results[i] = future.result()
                if done is not None:
                    done(len(chunks[i]))
        except (BrokenProcessPool, OSError):
            pass  # a worker died or could not start: what is missing is done here, below
        finally:
            # on Ctrl-C too: chunks not started are dropped, workers end after their chunk
            pool.shutdown(wait=True, cancel_futures=True)
    for i, result in enumerate(results):
        if result is None:
            results[i] = work(chunks[i])
            if done is not None:
                done(len(chunks[i]))
    return [r for result in results if result is not None for r in result]
