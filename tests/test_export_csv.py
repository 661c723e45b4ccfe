from __future__ import annotations

import csv
from collections import defaultdict
from typing import TYPE_CHECKING

import pytest

import compbank
from compbank.export import export_csv
from compbank.export.tables import TABLES, rows
from export_samples import small_bank

if TYPE_CHECKING:
    from pathlib import Path

    from compbank._bank import Bank


@pytest.fixture(scope="module")
def bank() -> Bank:
    return compbank.load()


@pytest.fixture(scope="module")
def out(bank: Bank, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("csv") / "export"
    export_csv(bank, path)
    return path


def read(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, strict=True))


def test_one_file_per_table_each_with_its_header(out: Path) -> None:
    tables = [f"{t.name}.csv" for t in TABLES]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*tables, "datapackage.json", "DATA-NOTICE.md"]
    )
    for table in TABLES:
        with (out / f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
            assert tuple(next(csv.reader(f))) == table.column_names


def test_counts(out: Path) -> None:
    assert len(read(out, "competencies")) == 26
    assert len(read(out, "levels")) == 78
    assert len(read(out, "classes")) == 5
    requirements = read(out, "requirements")
    assert len(requirements) == 45
    assert sum(1 for r in requirements if r["required_level"]) == 13
    assert len(read(out, "release")) == 1


def test_exact_values(out: Path, bank: Bank) -> None:
    competencies = {r["number"]: r for r in read(out, "competencies")}
    assert competencies["34"]["name"] == "Customer Service"
    assert competencies["34"]["definition"] == bank.competencies[34].definition
    levels = {(r["competency"], r["level"]): r["description"] for r in read(out, "levels")}
    assert levels["34", "2"] == (
        "Promotes positive customer service. Serves as a model of providing exemplary "
        "customer service."
    )
    requirement = next(
        r for r in read(out, "requirements") if (r["class_code"], r["competency"]) == ("7521", "13")
    )
    assert requirement == {
        "class_code": "7521",
        "competency": "13",
        "position": "2",
        "required_level": "2",
        "prior_to_entry": "",
        "page": "",
    }
    assert read(out, "release") == [{"data_version": bank.data_version, "released": bank.released}]


def test_tables_rebuild_the_bank(out: Path, bank: Bank) -> None:
    """Everything the bank says can be read back from the CSV files, in order."""
    by_competency: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for table, column in (
        ("levels", "description"),
        ("behavioral_indicators", "text"),
        ("definition_items", "text"),
        ("competency_aliases", "alias"),
        ("competency_sources", "source"),
    ):
        for row in read(out, table):
            by_competency[row["competency"]][table].append(row[column])
    for c in bank.competencies.values():
        parts = by_competency[str(c.number)]
        assert tuple(parts["levels"]) == c.levels
        assert tuple(parts["behavioral_indicators"]) == c.behavioral_indicators
        assert tuple(parts["definition_items"]) == c.definition_items
        assert tuple(parts["competency_aliases"]) == c.aliases
        assert tuple(parts["competency_sources"]) == c.sources
    notes = [(n["competency"], n["kind"], n["found"]) for n in read(out, "competency_notes")]
    assert notes == [
        (str(c.number), n.kind, n.found) for c in bank.competencies.values() for n in c.notes
    ]
    areas: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in read(out, "class_areas"):
        areas[row["class_code"], row["competency"]].append(row["text"])
    for jc in bank.classes.values():
        mine = sorted(
            (row for row in read(out, "requirements") if row["class_code"] == jc.code),
            key=lambda row: int(row["position"]),
        )
        assert [
            (int(row["competency"]), int(row["required_level"]) if row["required_level"] else None)
            for row in mine
        ] == [(r.number, r.required_level) for r in jc.requirements]
        for r in jc.requirements:
            assert tuple(areas[jc.code, str(r.number)]) == r.areas
    assert len(read(out, "class_notes")) == sum(len(jc.notes) for jc in bank.classes.values())


def test_utf8_without_bom_crlf_records_and_rfc4180_quoting(out: Path) -> None:
    raw = (out / "competencies.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.startswith(b"number,name,definition,satisfactory,superior,record_version\r\n")
    assert "\u201c".encode() in raw  # curly quotes from the sources, as UTF-8
    # a field with a comma is quoted; a quote inside a field is doubled
    assert b'"Interacts with recipients of services (internal or external customers) in a way' in (
        raw
    )
    notes = (out / "competency_notes.csv").read_bytes()
    assert b'"Ensures customers\' issue is\n\ncorrectly identified"' in notes


def test_values_unknown_flags_and_quotes_in_a_small_bank(tmp_path: Path) -> None:
    small = small_bank()
    export_csv(small, tmp_path / "out")
    assert read(tmp_path / "out", "requirements") == [
        {"class_code": "0001", "competency": "1", "position": "1", "required_level": "3",
         "prior_to_entry": "1", "page": ""},
        {"class_code": "0001", "competency": "2", "position": "2", "required_level": "",
         "prior_to_entry": "0", "page": ""},
        {"class_code": "0002", "competency": "2", "position": "1", "required_level": "1",
         "prior_to_entry": "", "page": ""},
    ]  # fmt: skip
    assert [r["year"] for r in read(tmp_path / "out", "classes")] == ["2020", ""]
    assert [r["alias"] for r in read(tmp_path / "out", "competency_aliases")] == [
        "CV Review",
        "Screening",
    ]
    assert read(tmp_path / "out", "levels")[1]["description"] == 'Résumé Review level "two".'
    raw = (tmp_path / "out" / "levels.csv").read_bytes()
    assert b'1,2,"R\xc3\xa9sum\xc3\xa9 Review level ""two""."\r\n' in raw
    assert read(tmp_path / "out", "competency_notes")[0]["found"] == "Line\nbreak, here"


def test_rows_are_in_primary_key_order(bank: Bank) -> None:
    for table in TABLES:
        table_rows = rows(bank)[table.name]
        key = [table.column_names.index(c) for c in table.primary_key]
        keys = [tuple(r[i] for i in key) for r in table_rows]
        assert keys == sorted(keys), table.name
        assert len(set(keys)) == len(keys), table.name


def test_same_data_same_bytes(bank: Bank, out: Path, tmp_path: Path) -> None:
    export_csv(bank, tmp_path / "again")
    for name in [f"{t.name}.csv" for t in TABLES] + ["datapackage.json", "DATA-NOTICE.md"]:
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name
