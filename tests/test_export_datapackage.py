"""The CSV export's datapackage.json: frictionless validates it, keys included, and it says
what the SQLite export says."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from contextlib import closing
from typing import TYPE_CHECKING, Any, cast

import frictionless
import pytest
from frictionless.resources import TableResource

import compbank
from compbank import _terms
from compbank.export import export_csv, export_sqlite
from compbank.export.datapackage import table_schema_keys
from compbank.export.tables import NOTE_KINDS, TABLES
from conftest import DATA, SCHEMA, read_json
from export_samples import small_bank

if TYPE_CHECKING:
    from pathlib import Path

    from compbank._bank import Bank


@pytest.fixture(scope="module")
def bank() -> Bank:
    return compbank.load(DATA)


@pytest.fixture(scope="module")
def out(bank: Bank, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("datapackage") / "export"
    export_csv(bank, path)
    return path


@pytest.fixture(scope="module")
def descriptor(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = read_json(out / "datapackage.json")
    return loaded


def problems(path: Path) -> list[tuple[str, int | None, str]]:
    """Every error frictionless reports for the package at *path*: (table, row, type)."""
    report = frictionless.validate(path / "datapackage.json")
    found: list[tuple[str, int | None, str]] = [("", None, e.type) for e in report.errors]
    for task in report.tasks:
        found += [(task.name, getattr(e, "row_number", None), e.type) for e in task.errors]
    return found


LEVEL_34_3 = (
    "Develop customer-oriented procedures; identifies changes in procedures to enhance "
    "customer service and ensures they are implemented."
)


def resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in descriptor["resources"]}


def test_a_fresh_export_validates_with_no_error(out: Path) -> None:
    report = frictionless.validate(out / "datapackage.json")
    assert problems(out) == []
    assert report.valid
    # every table was read, whole
    assert sorted(t.name for t in report.tasks) == sorted(t.name for t in TABLES)
    rows = {t.name: t.stats.get("rows") for t in report.tasks}
    assert rows["requirements"] == 45
    assert rows["levels"] == 78


def test_a_small_bank_with_aliases_flags_and_a_year_validates_too(tmp_path: Path) -> None:
    export_csv(small_bank(), tmp_path / "small")
    assert problems(tmp_path / "small") == []


def rewrite(folder: Path, table: str, old: str, new: str) -> None:
    """Replace *old* by *new* (once) in *table*'s CSV file, and record the file's new size and
    hash in the descriptor, so that what is checked is the content and not the hash."""
    path = folder / f"{table}.csv"
    text = path.read_bytes().decode("utf-8")
    assert text.count(old) == 1, (table, old)
    data = text.replace(old, new).encode("utf-8")
    path.write_bytes(data)
    descriptor = read_json(folder / "datapackage.json")
    (entry,) = (r for r in descriptor["resources"] if r["name"] == table)
    entry["bytes"] = len(data)
    entry["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


@pytest.mark.parametrize(
    "case",
    [
        # a requirement of a competency the bank lacks (14 is not a bank number)
        ("requirements", "7521,13,2,2,,\r\n", "7521,14,2,2,,\r\n", 21, "foreign-key"),
        # a requirement of a class there is not
        ("requirements", "7521,13,2,2,,\r\n", "7522,13,2,2,,\r\n", 21, "foreign-key"),
        # an area of a competency its class does not require (a key of two columns)
        ("class_areas", "1336,20,1,", "1336,2,1,", 2, "foreign-key"),
        # a note of a competency the bank lacks
        ("competency_notes", "\r\n22,1,joined-word,", "\r\n23,1,joined-word,", 3, "foreign-key"),
        # a level outside 1..3, where it is a key and where it is required
        ("levels", "\r\n34,3,", "\r\n34,4,", 49, "constraint-error"),
        ("requirements", "7521,13,2,2,,\r\n", "7521,13,2,4,,\r\n", 21, "constraint-error"),
        # a flag that is no flag
        ("requirements", "7521,13,2,2,,\r\n", "7521,13,2,2,2,\r\n", 21, "type-error"),
        # a note kind the schemas do not know
        ("competency_notes", ",joined-word,", ",joined-words,", 3, "constraint-error"),
        # a text that is required, empty
        ("levels", f"34,3,{LEVEL_34_3}\r\n", "34,3,\r\n", 49, "constraint-error"),
        # the same primary key twice
        ("levels", "\r\n34,3,", "\r\n34,2,", 49, "primary-key"),
    ],
)
def test_a_broken_copy_is_reported(
    out: Path, tmp_path: Path, case: tuple[str, str, str, int, str]
) -> None:
    """(table, text, its replacement, the row reported, the error) for each way of breaking
    a table."""
    table, old, new, row, error = case
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    rewrite(copy, table, old, new)
    assert problems(copy) == [(table, row, error)]


def test_a_table_edited_after_the_export_fails_its_hash(out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    path = copy / "competencies.csv"
    path.write_bytes(path.read_bytes().replace(b"Customer Service", b"Customer Care"))
    assert ("competencies", None, "hash-count") in problems(copy)


def test_the_package_says_what_release_where_from_and_under_what_terms(
    descriptor: dict[str, Any], bank: Bank, out: Path
) -> None:
    assert descriptor["profile"] == "tabular-data-package"  # Data Package 1.0
    assert descriptor["name"] == "compbank"
    assert descriptor["version"] == bank.data_version == "1.0.0"
    sources = [s["title"] for s in descriptor["sources"]]
    files = sorted(p.name for p in (DATA / "sources").iterdir())
    assert len(sources) == len(files) == 5
    for title, name, jc in zip(sources, files, bank.classes.values(), strict=True):
        assert title.startswith(_terms.CREATOR)
        assert f"data/sources/{name}" in title
        assert jc.source == name
        assert f"{jc.title}, CLASS CODE {jc.code}" in title
    contributors = {c["title"]: c["role"] for c in descriptor["contributors"]}
    assert contributors == {_terms.CREATOR: "author", "compbank maintainers": "maintainer"}
    notice, code = descriptor["licenses"]
    assert notice["path"] == "DATA-NOTICE.md"
    assert (out / "DATA-NOTICE.md").read_text(encoding="utf-8") == (
        (DATA.parent / "DATA-NOTICE.md").read_text(encoding="utf-8")
    )
    assert code["name"] == "MIT"
    assert "no licence" in descriptor["description"]


def test_a_resource_per_table_with_its_file_columns_and_descriptions(
    descriptor: dict[str, Any], out: Path
) -> None:
    by_name = resources(descriptor)
    assert list(by_name) == [t.name for t in TABLES]
    for table in TABLES:
        entry = by_name[table.name]
        data = (out / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
        assert entry["description"]
        fields = entry["schema"]["fields"]
        assert [f["name"] for f in fields] == list(table.column_names)
        assert all(f["description"] for f in fields)


def test_types_and_constraints(descriptor: dict[str, Any]) -> None:
    by_name = resources(descriptor)

    def field(table: str, name: str) -> dict[str, Any]:
        (found,) = (f for f in by_name[table]["schema"]["fields"] if f["name"] == name)
        assert isinstance(found, dict)
        return found

    assert field("levels", "level")["constraints"] == {"required": True, "enum": [1, 2, 3]}
    assert field("requirements", "required_level")["constraints"] == {
        "required": False,
        "enum": [1, 2, 3],
    }
    flag = field("requirements", "prior_to_entry")
    assert (flag["type"], flag["trueValues"], flag["falseValues"]) == ("boolean", ["1"], ["0"])
    for record in ("competency", "class"):
        assert field(f"{record}_notes", "kind")["constraints"]["enum"] == list(NOTE_KINDS[record])
    assert field("release", "released")["type"] == "date"
    assert field("classes", "year") == {
        "name": "year",
        "type": "integer",
        "description": field("classes", "year")["description"],
        "constraints": {"required": False},
    }
    assert field("competencies", "number")["constraints"] == {"required": True, "minimum": 1}


def test_note_kinds_are_the_schemas_own() -> None:
    for record, name in (
        ("competency", "competency.schema.json"),
        ("class", "job-class.schema.json"),
    ):
        schema = read_json(SCHEMA / name)
        assert tuple(schema["$defs"]["note"]["properties"]["kind"]["enum"]) == NOTE_KINDS[record]


def test_keys_and_columns_match_the_sqlite_export(
    descriptor: dict[str, Any], bank: Bank, tmp_path: Path
) -> None:
    export_sqlite(bank, tmp_path / "bank.sqlite")
    by_name = resources(descriptor)
    left_out = []
    with closing(sqlite3.connect(tmp_path / "bank.sqlite")) as db:
        for table in TABLES:
            schema = by_name[table.name]["schema"]
            info = db.execute(f"PRAGMA table_info({table.name})").fetchall()
            pk = [name for _, name in sorted((r[5], r[1]) for r in info if r[5])]
            assert schema["primaryKey"] == pk, table.name
            for row, f in zip(info, schema["fields"], strict=True):
                assert row[1] == f["name"]
                assert row[2] == ("INTEGER" if f["type"] in ("integer", "boolean") else "TEXT")
                assert bool(row[3]) == f["constraints"]["required"], (table.name, f["name"])
            sql_keys: dict[int, tuple[str, list[str], list[str]]] = {}
            for r in db.execute(f"PRAGMA foreign_key_list({table.name})"):
                key = sql_keys.setdefault(r[0], (r[2], [], []))
                key[1].append(r[3])
                key[2].append(r[4])
            declared = [
                (k["reference"]["resource"], k["fields"], k["reference"]["fields"])
                for k in schema.get("foreignKeys", [])
            ]
            left_out += [(table.name, *key) for key in sql_keys.values() if key not in declared]
            assert all(key in sql_keys.values() for key in declared), table.name
    # the one key Table Schema cannot state: it applies only where the level is known
    assert left_out == [
        ("requirements", "levels", ["competency", "required_level"], ["competency", "level"])
    ]
    assert "declared in the SQLite export only" in by_name["requirements"]["description"]


def test_only_keys_of_several_columns_with_an_empty_one_are_left_out() -> None:
    for table in TABLES:
        for fk in table.foreign_keys:
            partly_unknown = len(fk.columns) > 1 and any(
                table.column(c).nullable for c in fk.columns
            )
            assert (fk not in table_schema_keys(table)) == partly_unknown


def test_frictionless_reads_typed_values(out: Path) -> None:
    package = frictionless.Package(out / "datapackage.json")
    tables = {name: package.get_resource(name) for name in ("requirements", "release")}
    assert all(isinstance(t, TableResource) for t in tables.values())
    requirements = cast("TableResource", tables["requirements"]).read_rows()
    row = next(r for r in requirements if (r["class_code"], r["competency"]) == ("7521", 13))
    assert row.to_dict() == {
        "class_code": "7521",
        "competency": 13,
        "position": 2,
        "required_level": 2,
        "prior_to_entry": None,
        "page": None,
    }
    (release,) = cast("TableResource", tables["release"]).read_rows()
    assert str(release["released"]) == "2026-11-22"
