"""Work shared with worker processes, where that pays: the one way compbank works in parallel.

Two kinds of work use it. Checking a large data set is nearly all work that each file needs
on its own (read, parse, schema, the checks of one record): `map_chunks` cuts it into chunks
of files and returns the results in order; `worker_count` says whether that is worth it. A
large site is two kinds of work of about the same size that share nothing but the loaded
bank, the pages and the downloads: `alongside` has a forked worker write the downloads
while this process writes the pages.

Either way the chunks are shared the same way: workers take them from the first on, while
this process (once the block of `alongside` has run) takes them from the last on, until
they meet, so that none waits long for another. Each chunk is claimed in memory both sides
share before it is begun, so it is done once; what a worker could not do (it died, or
failed in a way of its own) is done here, so a result never depends on the workers. Ctrl-C
is for this process alone: workers ignore it and are stopped when this process stops.

Starting a process costs something, and how much depends on how the platform starts one:

- *fork* (Linux): a worker is a copy of this process, with compbank already imported and
  the work in memory (nothing is sent to it but the chunk's number); it starts in a few
  milliseconds. It is used only while this process runs a single thread (`can_fork`), since
  a fork copies locks that another thread may hold.
- *spawn* (macOS, Windows, or a process with threads): a worker is a new interpreter that
  imports compbank again, a tenth of a second or more, and is sent the work and its chunk.
  It also imports the program's main module, which is safe only for a program that guards
  its work with ``if __name__ == "__main__"``; so it is used only where the caller knows
  that holds (the ``compbank`` command), never by default from the library; and never for
  `alongside`, whose work (functions over the loaded bank) can only be inherited.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from concurrent.futures import Future, ProcessPoolExecutor

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


#: Seconds to wait for the claims' lock, which each side holds for a moment only: longer
#: means a process died holding it, and the chunk is then done here (work done twice gives
#: the same result).
CLAIM_TIMEOUT = 10


def cpu_count() -> int:
    """The processors this process may run on."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13 and later
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a worker can be forked here safely: Linux, and only one thread running.

    Known without importing multiprocessing, which costs as much as checking 150 files:
    fork is the default only on Linux (elsewhere, as on macOS, system libraries are not
    fork-safe). Threads started by compiled extensions, which `threading` does not see,
    count too.
    """
    if not (sys.platform.startswith("linux") and hasattr(os, "fork")):
        return False
    if threading.active_count() != 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # noqa: PTH208 (a count, no paths)
    except OSError:
        return False


def start_method(*, allow_spawn: bool) -> str | None:
    """How worker processes may be started here: ``"fork"``, ``"spawn"`` or None (not at all)."""
    # a worker of a multiprocessing pool (a daemon) may start no process of its own; a
    # process that never imported multiprocessing is none
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.current_process().daemon:
        return None
    if can_fork():
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


def _claim(claims: Any, chunk: int) -> bool | None:  # noqa: ANN401 (a shared ctypes array)
    """Take *chunk* for this process: True, False if another has it, None if none can say."""
    lock = claims.get_lock()
    if not lock.acquire(timeout=CLAIM_TIMEOUT):
        return None
    try:
        if claims[chunk]:
            return False
        claims[chunk] = 1
        return True
    finally:
        lock.release()


#: In a worker: the claims of the chunks it shares, from `_start_worker`.
_worker_claims: Any = None
#: Where workers are forked: the chunks being shared, which they find here as this
#: process left them, so that only a chunk's number need be sent (and a closure can be
#: the work).
_forked: _Shared[Any, Any] | None = None


def _start_worker(claims: Any) -> None:  # noqa: ANN401 (a shared ctypes array)
    global _worker_claims  # noqa: PLW0603 (set once, in the worker)
    _worker_claims = claims
    ignore_interrupts()
    # the cycle collector is off, as it is in the main process while it loads or writes
    import gc  # noqa: PLC0415

    gc.disable()


def _do_sent(
    chunk: int, work: Callable[[Sequence[T]], list[R]], items: Sequence[T]
) -> list[R] | None:
    """In a worker: *work* on the chunk's *items*, None if another process has claimed it."""
    if not _claim(_worker_claims, chunk):
        return None
    return work(items)


def _do_forked(chunk: int) -> list[Any] | None:
    """In a forked worker: `_do_sent` with the work and the items it inherited."""
    if _forked is None:  # pragma: no cover (a forked worker inherits them)
        return None
    return _do_sent(chunk, _forked.work, _forked.chunks[chunk])


class _Shared(Generic[T, R]):
    """Chunks of items shared by this process and workers, and their results as they come."""

    def __init__(
        self,
        work: Callable[[Sequence[T]], list[R]],
        items: Sequence[T],
        count: int,
        done: Callable[[int], None] | None,
    ) -> None:
        self.work = work
        self.chunks = _split(items, count)
        self.results: list[list[R] | None] = [None] * len(self.chunks)
        self.done = done
        self.claims: Any = None
        self.futures: dict[int, Future[list[R] | None]] = {}

    def set(self, i: int, result: list[R]) -> None:
        self.results[i] = result
        if self.done is not None:
            self.done(len(self.chunks[i]))

    def do_here(self, i: int) -> None:
        self.set(i, self.work(self.chunks[i]))

    def start(self, others: int, method: str) -> ProcessPoolExecutor | None:
        """Start *others* workers and give them every chunk; None where none can start."""
        global _forked  # noqa: PLW0603 (what forked workers inherit)
        import multiprocessing  # noqa: PLC0415 (only where workers are started)
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

        context = multiprocessing.get_context(method)
        try:
            self.claims = context.Array("b", len(self.chunks))
            pool = ProcessPoolExecutor(
                others, mp_context=context, initializer=_start_worker, initargs=(self.claims,)
            )
        except (OSError, ImportError, ValueError):  # no semaphores, no such method
            return None
        if method == "fork":
            _forked = self
        # a worker that cannot start leaves its chunks to this process (`join_in`)
        with interrupts_blocked(), contextlib.suppress(Exception):  # the first submit starts them
            for i, chunk in enumerate(self.chunks):
                self.futures[i] = (
                    pool.submit(_do_forked, i)
                    if method == "fork"
                    else pool.submit(_do_sent, i, self.work, chunk)
                )
        return pool

    def _collect(self, i: int) -> None:
        """Keep what a worker returned for chunk *i*, if it did (not if it died or failed)."""
        future = self.futures.get(i)
        if future is None or self.results[i] is not None:
            return
        try:
            result = future.result()
        except Exception:  # noqa: BLE001 (a worker that died or failed: done here, in `finish`)
            return
        if result is not None:
            self.set(i, result)

    def join_in(self) -> None:
        """Take chunks from the last on until a worker's are met, then wait for theirs."""
        for i in reversed(range(len(self.chunks))):
            if _claim(self.claims, i) is False:
                break  # a worker has begun this one, and so every one before it
            self.do_here(i)
            for j in range(i):  # say what the workers have done meanwhile
                future = self.futures.get(j)
                if future is not None and future.done():
                    self._collect(j)
        for i in range(len(self.chunks)):
            self._collect(i)

    def finish(self) -> list[R]:
        """Every result in order, the chunks no worker did done here."""
        for i, result in enumerate(self.results):
            if result is None:
                self.do_here(i)
        return [r for result in self.results if result is not None for r in result]


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers at once: this process stops, and their work is not wanted."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14 and later
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


@contextlib.contextmanager
def _sharing(shared: _Shared[T, R], *, workers: int, method: str | None) -> Iterator[_Shared[T, R]]:
    """Share the chunks of *shared* among *workers* processes (this one included).

    The workers start on the chunks at once; this process runs the ``with`` block, then
    takes chunks from the last on. After the block, ``.finish()`` gives the results. If
    the block raises, the workers are stopped and the exception goes on.
    """
    global _forked  # noqa: PLW0603
    pool = shared.start(workers - 1, method) if method is not None and workers >= 2 else None
    if pool is None:
        yield shared
        return
    try:
        yield shared
        shared.join_in()
    except BaseException:
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _forked = None


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
    this one takes them from the last on, until they meet. *work* returns one result per
    item; where workers are spawned it is sent to them by name, so it must then be a
    module-level function (or a `functools.partial` of one). The results come in the order
    of *items*; *done* is called with the number of items of each chunk done.
    """
    shared = _Shared(work, items, workers * CHUNKS_PER_WORKER, done)
    with _sharing(shared, workers=workers, method=method):
        pass
    return shared.finish()


@contextlib.contextmanager
def alongside(jobs: Sequence[Callable[[], object]], *, parallel: bool) -> Iterator[None]:
    """Do *jobs*, which depend on nothing but themselves, while the ``with`` block runs.

    Where *parallel* and `can_fork`, a forked worker takes them from the first on while
    the block runs; then this process takes from the last on those the worker has not
    begun. Elsewhere they run here, after the block. Whatever a job raised is raised here
    (it is done here again); if the block raises, the worker is stopped and the block's
    exception goes on. Put the longest jobs first.
    """

    def run(numbers: Sequence[int]) -> list[None]:
        for n in numbers:
            jobs[n]()
        return [None] * len(numbers)

    method = "fork" if parallel and can_fork() else None
    shared = _Shared(run, range(len(jobs)), len(jobs), None)
    with _sharing(shared, workers=2, method=method):
        yield
    shared.finish()
