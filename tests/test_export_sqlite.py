from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import TYPE_CHECKING

import pytest

import compbank
from compbank.export import export_sqlite
from compbank.export.sqlite import LAYOUT_VERSION, VIEWS
from compbank.export.tables import TABLES, rows
from export_samples import small_bank

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from compbank._bank import Bank


@pytest.fixture(scope="module")
def bank() -> Bank:
    return compbank.load()


@pytest.fixture(scope="module")
def path(bank: Bank, tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("sqlite") / "bank.sqlite"
    export_sqlite(bank, p)
    return p


@pytest.fixture
def db(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        yield conn


@pytest.fixture
def writable(path: Path, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(path.read_bytes())
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        yield conn


def count(db: sqlite3.Connection, sql: str) -> int:
    n: int = db.execute(sql).fetchone()[0]
    return n


def test_counts(db: sqlite3.Connection) -> None:
    assert count(db, "SELECT count(*) FROM competencies") == 26
    assert count(db, "SELECT count(*) FROM levels") == 78
    assert count(db, "SELECT count(*) FROM classes") == 5
    assert count(db, "SELECT count(*) FROM requirements") == 45
    assert count(db, "SELECT count(required_level) FROM requirements") == 13
    assert count(db, "SELECT count(*) FROM class_competency_levels") == 45


def test_every_table_holds_exactly_the_rows_of_the_bank(db: sqlite3.Connection, bank: Bank) -> None:
    expected = rows(bank)
    for table in TABLES:
        columns = ", ".join(table.column_names)
        got = db.execute(f"SELECT {columns} FROM {table.name}").fetchall()  # noqa: S608
        assert sorted(got) == list(expected[table.name]), table.name


def test_columns_and_primary_keys_as_declared(db: sqlite3.Connection) -> None:
    for table in TABLES:
        info = db.execute(f"PRAGMA table_info({table.name})").fetchall()
        assert tuple(r[1] for r in info) == table.column_names
        pk = sorted((r[5], r[1]) for r in info if r[5])
        assert tuple(name for _, name in pk) == table.primary_key
        assert {r[1]: r[3] == 0 for r in info} == {c.name: c.nullable for c in table.columns}


def test_foreign_keys_hold_and_are_declared(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    declared = {(r[2], r[3], r[4]) for r in db.execute("PRAGMA foreign_key_list(requirements)")}
    assert declared == {
        ("classes", "class_code", "code"),
        ("competencies", "competency", "number"),
        ("levels", "competency", "competency"),
        ("levels", "required_level", "level"),
    }


@pytest.mark.parametrize(
    "statement",
    [
        # a competency the bank does not have
        "INSERT INTO requirements VALUES ('1230', 999, 10, NULL, NULL, NULL)",
        # a class that does not exist
        "INSERT INTO requirements VALUES ('0000', 34, 1, NULL, NULL, NULL)",
        # an area of a competency the class does not require
        "INSERT INTO class_areas VALUES ('1230', 59, 1, 'text')",
        # a level outside 1..3
        "INSERT INTO levels VALUES (34, 4, 'text')",
        # a flag that is no flag
        "INSERT INTO requirements VALUES ('1230', 59, 10, 2, 2, NULL)",
    ],
)
def test_keys_and_checks_are_enforced(writable: sqlite3.Connection, statement: str) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        writable.execute(statement)


def test_class_competency_levels_view(db: sqlite3.Connection, bank: Bank) -> None:
    db.row_factory = sqlite3.Row
    row = db.execute(
        "SELECT * FROM class_competency_levels WHERE class_code = '7521' AND competency = 13"
    ).fetchone()
    assert dict(row) == {
        "class_code": "7521",
        "class_title": "SENIOR ELECTRIC SERVICE REPRESENTATIVE",
        "position": 2,
        "competency": 13,
        "competency_name": "Stress Tolerance",
        "required_level": 2,
        "level_description": bank.competencies[13].level(2),
        "prior_to_entry": None,
    }
    for r in db.execute("SELECT * FROM class_competency_levels"):
        requirement = bank.classes[r["class_code"]].requirement(r["competency"])
        assert requirement is not None
        assert r["required_level"] == requirement.required_level
        assert r["level_description"] == requirement.level_text


def test_competency_usage_view_agrees_with_the_bank(db: sqlite3.Connection, bank: Bank) -> None:
    usage = {r[0]: r[1:] for r in db.execute("SELECT * FROM competency_usage")}
    assert sorted(usage) == list(bank.competencies)
    for number, (name, classes, known, low, high) in usage.items():
        assert name == bank.competencies[number].name
        assert classes == len(bank.classes_requiring(number))
        assert known == len(bank.classes_requiring(number, min_level=1))
        levels = [
            r.required_level
            for jc in bank.classes_requiring(number)
            if (r := jc.requirement(number)) is not None and r.required_level is not None
        ]
        assert (low, high) == ((min(levels), max(levels)) if levels else (None, None))
    assert usage[34][:2] == ("Customer Service", 3)


def test_class_summary_view(db: sqlite3.Connection) -> None:
    assert db.execute("SELECT * FROM class_summary WHERE class_code = '7521'").fetchone() == (
        "7521",
        "SENIOR ELECTRIC SERVICE REPRESENTATIVE",
        8,
        2,
        7,
    )


def test_views_and_layout_version(db: sqlite3.Connection) -> None:
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert names == set(VIEWS)
    assert count(db, "PRAGMA user_version") == LAYOUT_VERSION


def test_flags_and_years_of_a_small_bank(tmp_path: Path) -> None:
    export_sqlite(small_bank(), tmp_path / "small.sqlite")
    with closing(sqlite3.connect(tmp_path / "small.sqlite")) as db:
        assert db.execute(
            "SELECT class_code, competency, required_level, prior_to_entry FROM requirements"
        ).fetchall() == [("0001", 1, 3, 1), ("0001", 2, None, 0), ("0002", 2, 1, None)]
        assert db.execute("SELECT code, year FROM classes").fetchall() == [
            ("0001", 2020),
            ("0002", None),
        ]
        assert db.execute("SELECT alias FROM competency_aliases").fetchall() == [
            ("CV Review",),
            ("Screening",),
        ]


def test_same_data_same_bytes(bank: Bank, path: Path, tmp_path: Path) -> None:
    export_sqlite(bank, tmp_path / "again.sqlite")
    assert (tmp_path / "again.sqlite").read_bytes() == path.read_bytes()
