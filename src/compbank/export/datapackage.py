"""The CSV export's ``datapackage.json``: the tables described as a Frictionless Data Package.

The descriptor follows **Data Package 1.0** (profile ``tabular-data-package``), the version
that ``frictionless`` (the reference validator, 5.x) checks in full; it also reads Data
Package 2.0, but accepts some of its new properties (``categories``) without checking the
data against them. Each table of `compbank.export.tables` is a resource with its Table
Schema, made from the same description as the SQLite tables: types, descriptions, the values
allowed (levels 1 to 3, flags 1 or 0, the kinds of note), required fields, primary keys and
foreign keys. Each resource also gives its size and SHA-256 hash, so that a table changed
after the export no longer validates.

One SQLite foreign key is not in the Table Schema: ``requirements (competency,
required_level)`` to ``levels``. SQL skips a foreign key where one of its columns is empty
(an unknown level); Table Schema has no way to say so, and frictionless checks a key unless
all its columns are empty, so it would report every unknown level. The level is still
constrained to 1, 2 or 3 and every competency has all three levels, so the key adds nothing
there; the resource's description says what is left out.

The descriptor is JSON, two-space indented, keys in a fixed order: the same data gives the
same bytes.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from compbank import _terms
from compbank.export.tables import TABLES, Column, ForeignKey, Table

if TYPE_CHECKING:
    from collections.abc import Mapping

    from compbank._bank import Bank

#: The descriptor's file name, as the standard has it.
DESCRIPTOR = "datapackage.json"
#: The Data Package profile the descriptor follows (Data Package 1.0).
PROFILE = "tabular-data-package"
NAME = "compbank"
TITLE = "City of Los Angeles Competency Bank and class Competency Models"
KEYWORDS = ("competency", "competency model", "human resources", "los angeles")

#: How every CSV file is written (`compbank.export.csv`), as a CSV Dialect.
DIALECT: dict[str, Any] = {
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}

Json = dict[str, Any]


def table_schema_keys(table: Table) -> tuple[ForeignKey, ...]:
    """The foreign keys of *table* that a Table Schema can state as SQL means them.

    A key of several columns one of which may be empty is left out (see the module's
    docstring); a key of one column is checked only where it is not empty, as in SQL.
    """
    return tuple(
        fk
        for fk in table.foreign_keys
        if len(fk.columns) == 1 or not any(table.column(c).nullable for c in fk.columns)
    )


def field(column: Column) -> Json:
    """The Table Schema field descriptor of *column*."""
    out: Json = {"name": column.name, "type": column.type}
    if column.type == "date":
        out["format"] = "default"  # ISO 8601, YYYY-MM-DD
    out["description"] = column.description
    if column.type == "boolean":
        out["trueValues"] = ["1"]
        out["falseValues"] = ["0"]
    constraints: Json = {"required": not column.nullable}
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.type != "boolean" and column.allowed:
        constraints["enum"] = list(column.allowed)
    out["constraints"] = constraints
    return out


def _sentence(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}."


def _key_text(fk: ForeignKey) -> str:
    return f"({', '.join(fk.columns)}) to {fk.table} ({', '.join(fk.references)})"


def resource(table: Table, data: bytes) -> Json:
    """The resource descriptor of *table*, whose CSV file holds *data*."""
    keys = table_schema_keys(table)
    description = _sentence(table.description)
    for fk in table.foreign_keys:
        if fk not in keys:
            description += (
                f" The foreign key {_key_text(fk)} applies only where every one of its columns "
                "is known; Table Schema cannot say so, and it is declared in the SQLite export "
                "only."
            )
    schema: Json = {
        "fields": [field(c) for c in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.columns),
                "reference": {"resource": fk.table, "fields": list(fk.references)},
            }
            for fk in keys
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "dialect": DIALECT,
        "schema": schema,
    }


def sources(bank: Bank) -> list[Json]:
    """The published documents the data is transcribed from, in file-name order.

    Each is named by its heading and by its file in the compbank package's ``data/sources/``
    (no ``path``: the documents are not part of the export).
    """
    headings: dict[str, str] = {}
    for jc in bank.classes.values():
        year = f" ({jc.year})" if jc.year is not None else ""
        headings[jc.source] = (
            f"{_terms.CREATOR}: COMPETENCY MODEL FOR {jc.title}, CLASS CODE {jc.code}{year}"
        )
    for c in bank.competencies.values():
        for name in c.sources:
            headings.setdefault(name, _terms.CREATOR)
    return [
        {"title": f"{heading} (data/sources/{name} in compbank)"}
        for name, heading in sorted(headings.items())
    ]


def descriptor(bank: Bank, files: Mapping[str, bytes]) -> Json:
    """The Data Package descriptor of *bank*'s CSV export, whose files hold *files*.

    *files* maps each table's name to the bytes of its CSV file.
    """
    description = (
        f"The {len(bank.competencies)} competencies of the City of Los Angeles Competency "
        f"Bank and the competency models of {len(bank.classes)} job classes, as tidy tables: "
        "one fact per row, positions counting from 1, an empty field where a value is "
        "unknown (a required level the source does not mark is unknown, never guessed). "
        f"Data release {bank.data_version} of {bank.released}. {_terms.DATA_TERMS} "
        f"{_terms.DATA_NOTICE} says what is known of their provenance and terms."
    )
    return {
        "profile": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": description,
        "version": bank.data_version,
        "keywords": list(KEYWORDS),
        "licenses": [
            {
                "path": _terms.DATA_NOTICE,
                "title": "The City's texts: no licence stated by the sources, none granted",
            },
            {
                "name": _terms.CODE_LICENSE,
                "path": _terms.CODE_LICENSE_URL,
                "title": f"{_terms.CODE_LICENSE_TITLE}, for compbank's own work: the tables' "
                "layout and descriptions, and the notes (apart from the source text they quote)",
            },
        ],
        "contributors": [
            {"title": _terms.CREATOR, "role": "author"},
            {"title": "compbank maintainers", "role": "maintainer"},
        ],
        "sources": sources(bank),
        "resources": [resource(t, files[t.name]) for t in TABLES],
    }


def descriptor_bytes(bank: Bank, files: Mapping[str, bytes]) -> bytes:
    """The descriptor as UTF-8 JSON text, two-space indented, ending in a newline."""
    text = json.dumps(descriptor(bank, files), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
