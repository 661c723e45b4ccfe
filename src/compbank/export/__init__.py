"""Exports of the bank for spreadsheets, SQL and competency platforms.

>>> from pathlib import Path
>>> from compbank.export import export_csv, export_sqlite, write_case
>>> bank = compbank.load()
>>> export_sqlite(bank, Path("compbank.sqlite"))

- `export_csv`: a directory of CSV tables, one fact per row (`compbank.export.tables`);
- `export_sqlite`: one SQLite database with the same tables, their keys, and views;
- `export_case` / `write_case`: a 1EdTech CASE 1.0 CFPackage (JSON).

Every export is deterministic (the same data gives the same bytes) and written atomically
(built beside its destination, then moved into place). None replaces an existing path
unless asked to with ``force=True``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from compbank.export.case import export_case, write_case
from compbank.export.csv import export_csv
from compbank.export.sqlite import export_sqlite

if TYPE_CHECKING:
    from pathlib import Path

    from compbank._bank import Bank

__all__ = [
    "FORMATS",
    "Format",
    "default_name",
    "export",
    "export_case",
    "export_csv",
    "export_sqlite",
    "write_case",
]

#: A format `export` writes.
Format = Literal["csv", "sqlite", "case"]
#: The export formats, in the order the command line lists them.
FORMATS: tuple[Format, ...] = ("csv", "sqlite", "case")


def default_name(data_version: str, fmt: Format) -> str:
    """The name an export is given when none is: it says the data version and the format.

    >>> [default_name("1.0.0", f) for f in FORMATS]
    ['compbank-1.0.0-csv', 'compbank-1.0.0.sqlite', 'compbank-1.0.0-case.json']
    """
    return {
        "csv": f"compbank-{data_version}-csv",
        "sqlite": f"compbank-{data_version}.sqlite",
        "case": f"compbank-{data_version}-case.json",
    }[fmt]


def export(bank: Bank, fmt: Format, path: Path, *, force: bool = False) -> None:
    """Write *bank* in format *fmt* to *path* (a directory for ``"csv"``, else a file).

    Raises:
        FileExistsError: *path* exists and *force* is false, or it is something the
            export may not replace.
        FileNotFoundError: the folder *path* would go in does not exist.
    """
    writers = {"csv": export_csv, "sqlite": export_sqlite, "case": write_case}
    writers[fmt](bank, path, force=force)
