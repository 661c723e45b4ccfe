"""The CSV export: a directory with one file per table of `compbank.export.tables`.

Each file is UTF-8 without a byte-order mark, starts with a header row of the column names,
and is quoted as RFC 4180 says: fields holding a comma, a quote or a line break are quoted,
quotes inside are doubled, and records end in CRLF. An unknown value is an empty field.
"""

from __future__ import annotations

import csv
import io
import os
from typing import TYPE_CHECKING

from compbank import _atomic
from compbank.export.tables import TABLES, rows

if TYPE_CHECKING:
    from pathlib import Path

    from compbank._bank import Bank
    from compbank.export.tables import Row, Table


def table_text(table: Table, table_rows: tuple[Row, ...]) -> str:
    """One table as CSV text: the header row, then the rows."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 ends records in CRLF
    writer.writerow(table.column_names)
    writer.writerows(["" if v is None else v for v in row] for row in table_rows)
    return buffer.getvalue()


def write_tables(bank: Bank, directory: Path) -> None:
    """Write one ``<table>.csv`` per table into the existing, empty *directory*."""
    all_rows = rows(bank)
    for table in TABLES:
        with (directory / f"{table.name}.csv").open("wb") as f:
            f.write(table_text(table, all_rows[table.name]).encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())


def export_csv(bank: Bank, path: Path, *, force: bool = False) -> None:
    """Write *bank* as a directory of CSV tables at *path*, atomically.

    Raises:
        FileExistsError: *path* exists and *force* is false, or it is not a directory of
            CSV files (which *force* never replaces).
        FileNotFoundError: the folder *path* would go in does not exist.
    """
    _atomic.check_destination(path, force=force, directory=True)
    _atomic.write_directory(path, lambda tmp: write_tables(bank, tmp))
