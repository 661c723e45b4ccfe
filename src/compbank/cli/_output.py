"""What the subcommands share: finding the data directory and wording counts.

Only the standard library is imported here, so that ``compbank --help`` stays fast.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from compbank.cli import UsageError

if TYPE_CHECKING:
    from compbank import Bank


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 file``, ``2 files``; *words* for irregular plurals.

    >>> plural(1, "problem"), plural(3, "class", "classes")
    ('1 problem', '3 classes')
    """
    return f"{n} {word if n == 1 else (words or word + 's')}"


def shown(path: Path) -> Path:
    """*path* relative to the current directory when it lies below it, so output stays short."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def find_checkout_data(start: Path | None = None) -> Path | None:
    """The ``data/`` of the checkout holding *start* (the current directory), or None.

    A checkout is the nearest folder, walking up, that has ``data/release.json`` and
    ``schema/``.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "release.json").is_file() and (folder / "schema").is_dir():
            return folder / "data"
    return None


def default_data_dir() -> tuple[Path, str]:
    """The data a subcommand uses when given none, and a phrase saying which it is.

    The current checkout's ``data/`` if there is one, else the data shipped in the package.
    """
    found = find_checkout_data()
    if found is not None:
        return shown(found), "the checkout's data"
    from compbank._paths import packaged_data_dir  # noqa: PLC0415 (only when needed)

    return packaged_data_dir(), "the packaged data"


def data_dir_argument(value: str) -> Path:
    """A DATA_DIR given on the command line, which must be an existing directory."""
    path = Path(value)
    if not path.exists():
        raise UsageError(f"{value}: no such directory")
    if not path.is_dir():
        raise UsageError(f"{value}: not a directory")
    return path


def text_width() -> int:
    """Columns to wrap text to: the terminal's width (``COLUMNS`` if set), within 60..100."""
    return max(60, min(shutil.get_terminal_size((80, 24)).columns, 100))


def load_bank(data: str | None) -> Bank:
    """The bank of the data directory *data*, or of the packaged data if None.

    Invalid data is reported like ``compbank validate`` reports it, and ends the command with
    exit status 1.
    """
    import compbank  # noqa: PLC0415 (loading needs the library's heavier parts)

    root = data_dir_argument(data) if data is not None else None
    try:
        return compbank.load(root)
    except compbank.DataError as e:
        for p in e.problems:
            echo(p, err=True)
        n = len(e.problems)
        where = root if root is not None else "the packaged data"
        echo(f"{plural(n, 'problem')} in {where}; nothing done; run compbank validate", err=True)
        raise SystemExit(1) from None


def echo(*lines: object, err: bool = False) -> None:
    """Write each of *lines* and a newline to standard output (standard error if *err*)."""
    stream = sys.stderr if err else sys.stdout
    for line in lines:
        stream.write(f"{line}\n")
