"""The CSV export: a directory with one file per table of `compbank.export.tables`.

Each file is UTF-8 without a byte-order mark, starts with a header row of the column names,
and is quoted as RFC 4180 says: fields holding a comma, a quote or a line break are quoted,
quotes inside are doubled, and records end in CRLF. An unknown value is an empty field.

Beside the tables, ``datapackage.json`` describes them as a Frictionless Data Package
(`compbank.export.datapackage`), and ``DATA-NOTICE.md`` says where the texts come from and
what their terms are; the descriptor's licences point at it.
"""

from __future__ import annotations

import csv
import io
import os
from typing import TYPE_CHECKING

from compbank import _atomic, _terms
from compbank.export.datapackage import DESCRIPTOR, descriptor_bytes
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


#: The files an export writes besides the ``.csv`` tables; ``force`` may replace them.
OTHER_FILES = frozenset({DESCRIPTOR, _terms.DATA_NOTICE})


def _write(path: Path, data: bytes, *, sync: bool) -> None:
    with path.open("wb") as f:
        f.write(data)
        if sync:
            f.flush()
            os.fsync(f.fileno())


def write_tables(bank: Bank, directory: Path, *, sync: bool = True) -> None:
    """Write the tables, ``datapackage.json`` and the data notice into *directory*.

    *directory* exists and is empty; each table is one ``<table>.csv``. Each file is synced
    to disk unless *sync* is false (for a folder that is itself part of something larger
    put in place at once, such as a site).
    """
    all_rows = rows(bank)
    files = {}
    for table in TABLES:
        files[table.name] = table_text(table, all_rows[table.name]).encode("utf-8")
        _write(directory / f"{table.name}.csv", files[table.name], sync=sync)
    _write(directory / DESCRIPTOR, descriptor_bytes(bank, files), sync=sync)
    _write(directory / _terms.DATA_NOTICE, _terms.data_notice().encode("utf-8"), sync=sync)


def export_csv(bank: Bank, path: Path, *, force: bool = False) -> None:
    """Write *bank* as a directory of CSV tables, described by ``datapackage.json``, atomically.

    Raises:
        FileExistsError: *path* exists and *force* is false, or it is not a directory of
            CSV files (which *force* never replaces).
        FileNotFoundError: the folder *path* would go in does not exist.
    """
    _atomic.check_destination(path, force=force, directory=True, also=OTHER_FILES)
    _atomic.write_directory(path, lambda tmp: write_tables(bank, tmp))
