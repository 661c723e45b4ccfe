"""Doing jobs in a second process while this one does other work, where that pays.

A large site is two kinds of work of about the same size that share nothing but the loaded
bank: the downloads (the exports, the JSON files and their zip files) and the pages. Pure
Python holds one core, so a child made with ``fork`` takes the download jobs one after the
other while this process writes the pages; it shares the bank as it is (nothing is
pickled or loaded again) and costs about 10-20 ms to start. Once the pages are written,
this process takes the jobs the child has not begun, from the last one back, so that
both end at about the same time whichever side had more to do.

Forking is used only where it is safe and cheap: on Linux (elsewhere the default way to
start a process imports and loads everything again), and in a process running a single
thread (a fork copies only the thread calling it, so a lock another thread held would stay
held in the child). Anywhere else the jobs simply run first, in this process: the files
written are the same either way.

It pays on a busy machine too: two processes get more turns on the cores than one does,
which is worth more than what the fork costs (both processes copy the memory pages they
then write to: 0.2 to 0.3 s of system time for a thousand classes).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compbank._parallel import ignore_interrupts, interrupts_blocked

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

#: Seconds to wait for the other process to let go of the jobs' claims: it holds them
#: for a moment only, so waiting longer means it has died holding them.
CLAIM_TIMEOUT = 60


def can_fork() -> bool:
    """Whether a child can be forked here safely: Linux, and only one thread running."""
    if sys.platform != "linux" or threading.active_count() != 1:
        return False
    try:  # threads started by compiled extensions, which `threading` does not see
        return sum(1 for _ in Path("/proc/self/task").iterdir()) == 1
    except OSError:
        return False


class _Claims:
    """Which jobs a process has taken, in memory both processes share."""

    def __init__(self, claims: Any) -> None:  # noqa: ANN401 (a shared ctypes array)
        self._claims = claims

    def take(self, job: int) -> bool:
        """Take *job* for this process; False if the other one has taken it."""
        lock = self._claims.get_lock()
        if not lock.acquire(timeout=CLAIM_TIMEOUT):
            raise OSError("the other process writing the site stopped while taking a job")
        try:
            if self._claims[job]:
                return False
            self._claims[job] = 1
            return True
        finally:
            lock.release()


def _run(jobs: Sequence[Callable[[], None]], claims: _Claims, send: Connection) -> None:
    """In the child: do the jobs not taken, from the first; send None or what was raised."""
    ignore_interrupts()  # the parent stops this process on Ctrl-C
    try:
        for n, job in enumerate(jobs):
            if claims.take(n):
                job()
    except BaseException as e:  # noqa: BLE001 (every failure goes back to the parent)
        try:
            send.send(e)
        except Exception:  # noqa: BLE001 (an exception that cannot be pickled)
            send.send(RuntimeError(f"{type(e).__name__}: {e}"))
    else:
        send.send(None)
    finally:
        send.close()


def _start(
    jobs: Sequence[Callable[[], None]],
) -> tuple[BaseProcess, _Claims, Connection] | None:
    """A forked child doing *jobs*: (the child, the claims, the end that hears from it).

    None where no child can be had (no shared memory or semaphores, or no process).
    """
    import multiprocessing  # noqa: PLC0415 (only large sites need it)

    context = multiprocessing.get_context("fork")
    pipe: tuple[Connection, Connection] | None = None
    try:
        claims = _Claims(context.Array("b", len(jobs)))
        pipe = receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_run, args=(jobs, claims, send), name="compbank-site")
        with interrupts_blocked():
            child.start()
    except OSError:
        for end in pipe or ():
            end.close()
        return None
    send.close()  # the child's end: once the child has gone, receiving ends
    return child, claims, receive


@contextlib.contextmanager
def alongside(jobs: Sequence[Callable[[], None]], *, parallel: bool) -> Iterator[None]:
    """Do *jobs*, which depend on nothing but themselves, while the ``with`` block runs.

    A forked child takes them in order from the first; when the block ends, this process
    takes from the last those the child has not begun, then waits for the child. Whatever
    a job raised is raised here. Without *parallel*, or where `can_fork` is false, the jobs
    run in order before the block. If the block raises, the child is stopped and the
    block's exception goes on.
    """
    if not (parallel and can_fork()):
        for job in jobs:
            job()
        yield
        return
    started = _start(jobs)
    if started is None:  # no shared memory or semaphores here, or no process to be had
        for job in jobs:
            job()
        yield
        return
    child, claims, receive = started
    try:
        yield
        for n in reversed(range(len(jobs))):
            if not claims.take(n):
                break  # the child has begun this one, and so every one before it
            jobs[n]()
    except BaseException:
        child.terminate()
        child.join()
        receive.close()
        raise
    try:
        error = receive.recv()
    except EOFError:  # the child died without a word (killed, or out of memory)
        child.join()
        error = OSError(f"the process writing the downloads ended with code {child.exitcode}")
    finally:
        receive.close()
        child.join()
    if error is not None:
        raise error
