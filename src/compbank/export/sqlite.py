"""The SQLite export: one database with the tables of `compbank.export.tables` and views.

Every table has its primary key and foreign keys (enforced while the file is written, and
checkable by readers with ``PRAGMA foreign_keys = ON``). The views join the tables into the
questions people ask most:

- ``class_competency_levels``: each competency a class requires, with the class title, the
  competency name, the required level and that level's description (empty where unknown);
- ``competency_usage``: each competency with how many classes require it, at how many known
  levels, and the lowest and highest known level;
- ``class_summary``: each class with its count of competencies, known levels and areas.

``PRAGMA user_version`` is `LAYOUT_VERSION`. The same data written by the same SQLite
version gives the same bytes: nothing in the file depends on the time or on the machine.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from compbank import _atomic
from compbank.export.tables import TABLES, Column, Table, rows

if TYPE_CHECKING:
    from pathlib import Path

    from compbank._bank import Bank

#: The version of the database layout, stored as ``PRAGMA user_version``; raised whenever a
#: table or view changes in a way readers must know about.
LAYOUT_VERSION = 1

VIEWS: dict[str, str] = {
    "class_competency_levels": """
SELECT r.class_code, c.title AS class_title, r.position,
       r.competency, k.name AS competency_name,
       r.required_level, l.description AS level_description, r.prior_to_entry
  FROM requirements AS r
  JOIN classes AS c ON c.code = r.class_code
  JOIN competencies AS k ON k.number = r.competency
  LEFT JOIN levels AS l ON l.competency = r.competency AND l.level = r.required_level
 ORDER BY r.class_code, r.position""",
    "competency_usage": """
SELECT k.number AS competency, k.name,
       count(r.class_code) AS classes,
       count(r.required_level) AS known_levels,
       min(r.required_level) AS min_level,
       max(r.required_level) AS max_level
  FROM competencies AS k
  LEFT JOIN requirements AS r ON r.competency = k.number
 GROUP BY k.number, k.name
 ORDER BY k.number""",
    "class_summary": """
SELECT c.code AS class_code, c.title,
       (SELECT count(*) FROM requirements AS r WHERE r.class_code = c.code) AS competencies,
       (SELECT count(r.required_level) FROM requirements AS r
         WHERE r.class_code = c.code) AS known_levels,
       (SELECT count(*) FROM class_areas AS a WHERE a.class_code = c.code) AS areas
  FROM classes AS c
 ORDER BY c.code""",
}


def _column_sql(column: Column) -> str:
    sql = f"{column.name} {column.sql_type}"
    if not column.nullable:
        sql += " NOT NULL"
    if column.check:
        sql += f" CHECK ({column.check})"
    return sql


def create_table_sql(table: Table) -> str:
    """The ``CREATE TABLE`` statement for *table*.

    Tables are not ``STRICT``: readers with an SQLite older than 3.37 could not open them.
    """
    parts = [_column_sql(c) for c in table.columns]
    parts.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    parts += [
        f"FOREIGN KEY ({', '.join(fk.columns)}) REFERENCES {fk.table} ({', '.join(fk.references)})"
        for fk in table.foreign_keys
    ]
    body = ",\n  ".join(parts)
    return f"CREATE TABLE {table.name} (\n  {body}\n)"


def write_database(bank: Bank, path: Path) -> None:
    """Fill the new, empty database file *path* with *bank*'s tables and the views."""
    all_rows = rows(bank)
    # autocommit mode, so that the one transaction below is exactly the one written
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA page_size = 4096")  # fixed, not the build's default
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        conn.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")
        for table in TABLES:
            conn.execute(create_table_sql(table))
            marks = ", ".join("?" * len(table.columns))
            conn.executemany(f"INSERT INTO {table.name} VALUES ({marks})", all_rows[table.name])  # noqa: S608 (names are ours)
        for name, select in VIEWS.items():
            conn.execute(f"CREATE VIEW {name} AS\n{select.strip()}")
        conn.execute("COMMIT")
    finally:
        conn.close()


def export_sqlite(bank: Bank, path: Path, *, force: bool = False) -> None:
    """Write *bank* as one SQLite database at *path*, atomically.

    Raises:
        FileExistsError: *path* exists and *force* is false, or *path* is a directory.
        FileNotFoundError: the folder *path* would go in does not exist.
    """
    _atomic.check_destination(path, force=force)
    with _atomic.new_file(path) as tmp:
        write_database(bank, tmp)
