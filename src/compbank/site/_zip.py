"""Zip files that hold the same bytes for the same files: no times, owners or disk order.

Every entry is dated the data's release day (zip files keep no earlier date than 1980),
has the permissions ``rw-r--r--`` and says it was made on Unix, whatever the machine, and
entries go in the order of their names.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

_EARLIEST = dt.date(1980, 1, 1)  # the zip format counts years from 1980
_UNIX = 3  # "made by" Unix, so that the permissions below are read as Unix ones


def write_zip(folder: Path, path: Path, released: str) -> None:
    """Write every file under *folder* into the new zip file *path*, under *folder*'s name.

    *released* (``YYYY-MM-DD``) dates every entry; a date that cannot be read dates them
    1 January 1980.
    """
    try:
        day = max(dt.date.fromisoformat(released), _EARLIEST)
    except ValueError:
        day = _EARLIEST
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(path, "x", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            name = f"{folder.name}/{file.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.create_system = _UNIX
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, file.read_bytes())
