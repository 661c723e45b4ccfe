"""Writing a file or folder in one step: built beside its destination, then moved into place.

A reader of the destination sees the old content or the new, never half of it. Temporary
files and folders are created with the usual permissions (the umask applies), unlike
`tempfile`'s private ones, because data files and exports are made to be shared.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import threading
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterator
    from pathlib import Path


def check_destination(
    path: Path,
    *,
    force: bool,
    directory: bool = False,
    own: Callable[[Path], str | None] | None = None,
    also: Collection[str] = (),
) -> None:
    """Refuse, before any work is done, a destination the export may not write.

    *own*, for a directory export, says why an existing directory is not one this export
    made (None where it is); by default a directory of nothing but ``.csv`` files and the
    files named in *also* (the other files a CSV export writes) is.

    Raises:
        FileExistsError: *path* exists and *force* is false, or it exists and is not
            something this export may replace (a directory where a file goes, or a
            directory holding anything but ``.csv`` files and *also* where a CSV export
            goes).
        FileNotFoundError: the folder *path* would go in does not exist.
    """
    if path.name in ("", ".", ".."):
        raise FileExistsError(f"{str(path)!r} names an existing folder, not a new export")
    parent = path.absolute().parent
    if not parent.is_dir():
        raise FileNotFoundError(f"{parent} is not an existing directory")
    if not (path.exists() or path.is_symlink()):
        return
    if not force:
        raise FileExistsError(f"{path} already exists; use --force to replace it")
    if directory:
        _check_own_directory(path, own, also)
    elif path.is_dir():
        raise FileExistsError(f"{path} is a directory; not replacing it")


def _check_own_directory(
    path: Path, own: Callable[[Path], str | None] | None, also: Collection[str]
) -> None:
    """Refuse an existing *path* that is not a directory this export made."""
    # --force replaces an earlier export, never a folder of something else
    if not path.is_dir() or path.is_symlink():
        raise FileExistsError(f"{path} exists and is not a directory; not replacing it")
    if own is not None:
        why = own(path)
        if why is not None:
            raise FileExistsError(f"{path} {why}; not replacing it")
        return
    others = sorted(p.name for p in path.iterdir() if not _is_csv_export_file(p, also))
    if others:
        raise FileExistsError(
            f"{path} holds files that are not CSV tables ({', '.join(others[:3])}); "
            "not replacing it"
        )


def _is_csv_export_file(p: Path, also: Collection[str]) -> bool:
    """Whether *p* is a file a CSV export writes: a table, or one of *also*."""
    return (p.suffix == ".csv" or p.name in also) and p.is_file() and not p.is_symlink()


def _sibling(path: Path) -> Path:
    """A fresh hidden name in *path*'s folder."""
    return path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"


def _fsync_dir(path: Path) -> None:
    # Make the rename itself durable; not possible (nor needed) on every platform.
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def new_file(path: Path) -> Iterator[Path]:
    """Yield a temporary file beside *path* to build; on success it replaces *path*.

    The temporary file exists and is empty when yielded. If the block raises, it is
    removed and *path* is left as it was.
    """
    tmp: Path | None = None
    try:
        # a Ctrl-C between creating the file and knowing it would leave it behind
        with interrupts_held():
            tmp = _new_sibling(path)
        yield tmp
        tmp.replace(path)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _new_sibling(path: Path) -> Path:
    """A new empty file beside *path*, under a fresh hidden name."""
    for _ in range(100):
        tmp = _sibling(path)
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(  # pragma: no cover (a hundred random names all taken)
        f"could not create a temporary file beside {path}"
    )


def write_file(path: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Write *data* to *path* atomically: bytes, or a function writing to the open file."""
    with new_file(path) as tmp, tmp.open("wb") as f:
        if isinstance(data, bytes):
            f.write(data)
        else:
            data(f)
        f.flush()
        os.fsync(f.fileno())


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT) until the block has run: steps that belong together all happen.

    A SIGINT meanwhile is delivered again once the block ends (a `KeyboardInterrupt`, by
    default). Only the main thread receives signals, so elsewhere the block simply runs.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            signal.raise_signal(signal.SIGINT)


def write_directory(path: Path, fill: Callable[[Path], None]) -> None:
    """Build a directory with *fill* beside *path*, then put it in place of *path*.

    A directory cannot replace another in one step, so an existing *path* is first moved
    aside, then the new one moved in, then the old one deleted; if the second move fails,
    the old one is moved back.
    """
    tmp: Path | None = None
    try:
        with interrupts_held():  # as in `new_file`
            made = _sibling(path)
            made.mkdir(0o777)
            tmp = made
        fill(tmp)
        _fsync_dir(tmp)
        # a Ctrl-C between the moves would leave the old directory aside, not in its place
        with interrupts_held():
            if path.exists():
                old = _sibling(path)
                path.rename(old)
                try:
                    tmp.rename(path)
                except BaseException:
                    old.rename(path)
                    raise
                shutil.rmtree(old)
            else:
                tmp.rename(path)
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_dir(path.parent)
