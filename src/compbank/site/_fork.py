"""Doing one job in a second process while this one does another, where that pays.

A large site is two jobs of about the same size that share nothing but the loaded bank: the
downloads (the exports, the JSON files and their zip files) and the pages. Pure Python
holds one core, so the downloads are written by a child made with ``fork``, which shares
the bank as it is (nothing is pickled or loaded again) and costs about 10-20 ms to start.

Forking is used only where it is safe and cheap: on Linux (elsewhere the default way to
start a process imports and loads everything again), and in a process running a single
thread (a fork copies only the thread calling it, so a lock another thread held would stay
held in the child). Anywhere else the job simply runs first, in this process: the files
written are the same either way.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from multiprocessing.connection import Connection


def can_fork() -> bool:
    """Whether a child can be forked here safely: Linux, and only one thread running."""
    if sys.platform != "linux" or threading.active_count() != 1:
        return False
    try:  # threads started by compiled extensions, which `threading` does not see
        return sum(1 for _ in Path("/proc/self/task").iterdir()) == 1
    except OSError:
        return False


def _run(job: Callable[[], None], send: Connection) -> None:
    """In the child: do *job*, then send None, or the exception it raised."""
    try:
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


@contextlib.contextmanager
def alongside(job: Callable[[], None], *, parallel: bool) -> Iterator[None]:
    """Do *job* in a forked child while the ``with`` block runs; raise what *job* raised.

    Without *parallel*, or where `can_fork` is false, *job* runs before the block. If the
    block raises, the child is stopped and the block's exception goes on.
    """
    if not (parallel and can_fork()):
        job()
        yield
        return
    import multiprocessing  # noqa: PLC0415 (only large sites need it)

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(job, send), name="compbank-site-downloads")
    child.start()
    send.close()  # the child's end: once the child has gone, receiving ends
    try:
        yield
    except BaseException:
        child.terminate()
        child.join()
        receive.close()
        raise
    try:
        error = receive.recv()
    except EOFError:  # the child died without a word (killed, or out of memory)
        error = OSError(f"the process writing the downloads ended with code {child.exitcode}")
    finally:
        receive.close()
        child.join()
    if error is not None:
        raise error
