"""The bank as tidy tables: one fact per row, the layout the CSV and SQLite exports share.

Each `Table` names its columns, primary key and foreign keys once; `rows` fills every table
from a `Bank`. Rows come in primary-key order, so the same data always gives the same rows.
Positions count from 1, in the order of the data files. A value that is unknown is None
(an empty CSV field, an SQL NULL); flags are 1 or 0. The same description makes the
SQLite tables' keys and checks and the CSV export's Table Schemas (``datapackage.json``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from compbank._bank import Bank
    from compbank.models import Note

#: A cell: text, a whole number, or None where the value is unknown.
Value = str | int | None
Row = tuple[Value, ...]


#: The kinds of finding a note may record: the ``kind`` enum of both data schemas' notes
#: (tests check that they agree).
_SOURCE_NOTE_KINDS = (
    "joined-word",
    "split-word-pair",
    "missing-final-period",
    "line-break-in-sentence",
    "truncated-text",
    "garbled-name",
    "unbalanced-emphasis",
    "emphasis-lost",
)
#: The kinds of note each kind of record may carry, as its JSON Schema lists them: only a
#: class file says how its levels were read from a PDF's fonts.
NOTE_KINDS: dict[str, tuple[str, ...]] = {
    "competency": _SOURCE_NOTE_KINDS,
    "class": (*_SOURCE_NOTE_KINDS, "emphasis-from-font"),
}


@attrs.frozen(slots=True)
class Column:
    """A column: its name, what it holds, its type, and the values it allows.

    *type* is the column's Table Schema type: ``integer`` and ``boolean`` (a flag, 1 or 0)
    are SQL ``INTEGER``; ``string`` and ``date`` (``YYYY-MM-DD``) are SQL ``TEXT``. The SQL
    ``CHECK`` and the Table Schema constraints are both made from *minimum* and *enum*.
    """

    name: str
    description: str
    type: Literal["integer", "string", "date", "boolean"] = "string"
    #: Whether the value may be unknown (an empty CSV field, an SQL NULL).
    nullable: bool = False
    #: The least value allowed, if any.
    minimum: int | None = None
    #: The only values allowed, if not empty.
    enum: tuple[str | int, ...] = ()

    @property
    def sql_type(self) -> Literal["INTEGER", "TEXT"]:
        """The column's SQL type."""
        return "INTEGER" if self.type in ("integer", "boolean") else "TEXT"

    @property
    def allowed(self) -> tuple[str | int, ...]:
        """The only values allowed (a flag's are 0 and 1), or () if any value of the type is."""
        return (0, 1) if self.type == "boolean" else self.enum

    @property
    def check(self) -> str | None:
        """The SQL CHECK expression on the column, e.g. ``"level IN (1, 2, 3)"``, if any."""
        if self.allowed:
            values = ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in self.allowed)
            return f"{self.name} IN ({values})"
        if self.minimum is not None:
            return f"{self.name} >= {self.minimum}"
        return None


@attrs.frozen(slots=True)
class ForeignKey:
    """Columns of one table that name a row of another."""

    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@attrs.frozen(slots=True)
class Table:
    """One tidy table: what one row says, its columns and its keys."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        """The column names, in order (the CSV header)."""
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        """The column called *name*.

        Raises:
            KeyError: the table has no such column.
        """
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")


def _int(
    name: str, description: str, *, nullable: bool = False, minimum: int | None = None
) -> Column:
    return Column(name, description, "integer", nullable, minimum)


def _text(name: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, description, "string", nullable)


def _level(name: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, description, "integer", nullable, enum=(1, 2, 3))


def _position(of: str) -> Column:
    return _int("position", f"The order of {of}, counting from 1.", minimum=1)


def _competency(what: str = "The competency") -> Column:
    return _int("competency", f"{what}: its number in the bank (competencies.number).")


_CLASS_CODE = _text("class_code", "The class: its code (classes.code).")
_RECORD_VERSION = _int(
    "record_version",
    "The version of the record's data file, raised whenever its content changes.",
    minimum=1,
)


def _note_columns(record: str) -> tuple[Column, ...]:
    return (
        _position(f"the note among the {record}'s notes"),
        Column("kind", "What kind of finding this is.", enum=NOTE_KINDS[record]),
        _text("source", "The file name of the source document it was found in."),
        _text(
            "path",
            f"The JSON path, in the {record}'s data file, of the value concerned.",
        ),
        _text("found", "The source's text exactly as found there (line breaks kept)."),
        _text("action", "What the record keeps, and why."),
    )


_OF_COMPETENCY = ForeignKey(("competency",), "competencies", ("number",))
_OF_CLASS = ForeignKey(("class_code",), "classes", ("code",))

#: Every table, parents before children (the order the SQLite export creates them in).
TABLES: tuple[Table, ...] = (
    Table(
        "release",
        "the data release these tables were made from (one row)",
        (
            _text("data_version", "The data release version (MAJOR.MINOR.PATCH)."),
            Column("released", "The date the data was released.", "date"),
        ),
        ("data_version",),
    ),
    Table(
        "competencies",
        "one row per competency of the bank",
        (
            _int("number", "The competency's number in the Competency Bank.", minimum=1),
            _text("name", "The name as printed in the documents' competency lists."),
            _text("definition", "The definition as published after the dash of the heading."),
            _text("satisfactory", "Satisfactory performance, as published."),
            _text("superior", "Superior performance, as published."),
            _RECORD_VERSION,
        ),
        ("number",),
    ),
    Table(
        "competency_aliases",
        "other names a competency is known by",
        (
            _competency(),
            _position("the alias among the competency's aliases"),
            _text("alias", "Another spelling of the name, seen in a source document."),
        ),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "definition_items",
        "the items of a definition that ends in a list",
        (
            _competency(),
            _position("the item in the definition's list"),
            _text("text", "The item, as published."),
        ),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "levels",
        "the three level descriptions of each competency",
        (
            _competency(),
            _level("level", "The level: 1, 2 or 3."),
            _text("description", "What the competency asks at this level, as published."),
        ),
        ("competency", "level"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "behavioral_indicators",
        "the behavioral indicators of each competency",
        (
            _competency(),
            _position("the indicator, as published"),
            _text("text", "An example of a behavioral indicator, as published."),
        ),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "competency_sources",
        "the source documents each competency is transcribed from",
        (
            _competency(),
            _position("the source among the competency's sources"),
            _text(
                "source",
                "The file name of a published document that carries the competency (the "
                "documents are in the compbank package's data/sources/).",
            ),
        ),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "competency_notes",
        "what was found in a competency's sources and what the record keeps",
        (_competency(), *_note_columns("competency")),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "classes",
        "one row per job class with a competency model",
        (
            _text("code", "The four-digit class code."),
            _text("title", "The class title as published."),
            _int(
                "year",
                "The model's year where the document gives one; empty where it does not.",
                nullable=True,
            ),
            _text(
                "source",
                "The file name of the published document the model is transcribed from.",
            ),
            _RECORD_VERSION,
        ),
        ("code",),
    ),
    Table(
        "requirements",
        "each competency a class requires; required_level and prior_to_entry are empty "
        "where the source does not say",
        (
            _CLASS_CODE,
            _competency("The competency required"),
            _position("the competency in the class model's list"),
            _level(
                "required_level",
                "The level the class requires, where the source marks it by emphasis; empty "
                "where that marking did not survive (unknown, never guessed).",
                nullable=True,
            ),
            Column(
                "prior_to_entry",
                "1 where the document marks the competency as needed prior to job entry, 0 "
                "where it marks others so but not this one; empty where it does not say.",
                "boolean",
                nullable=True,
            ),
            _int(
                "page",
                "The page of the source PDF the required level was read from (or, where it "
                "is unknown, the competency's heading); empty for a class read from text.",
                nullable=True,
                minimum=1,
            ),
        ),
        ("class_code", "competency"),
        (
            _OF_CLASS,
            _OF_COMPETENCY,
            # a known required level must be one of the competency's levels
            ForeignKey(("competency", "required_level"), "levels", ("competency", "level")),
        ),
    ),
    Table(
        "class_areas",
        'the class-specific items of a required competency\'s "... Areas" list',
        (
            _CLASS_CODE,
            _competency("The required competency the list belongs to"),
            _position("the item in the list"),
            _text("text", "The item, as published."),
        ),
        ("class_code", "competency", "position"),
        (ForeignKey(("class_code", "competency"), "requirements", ("class_code", "competency")),),
    ),
    Table(
        "class_notes",
        "what was found in a class's source and what the record keeps",
        (_CLASS_CODE, *_note_columns("class")),
        ("class_code", "position"),
        (_OF_CLASS,),
    ),
)


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _note_rows(key: Value, notes: tuple[Note, ...]) -> list[Row]:
    return [(key, i, n.kind, n.source, n.path, n.found, n.action) for i, n in enumerate(notes, 1)]


def rows(bank: Bank) -> dict[str, tuple[Row, ...]]:
    """Every table's rows for *bank*, by table name, each in primary-key order.

    >>> rows(compbank.load())["requirements"][0]
    ('1230', 2, 1, None, None, None)
    """
    out: dict[str, list[Row]] = {t.name: [] for t in TABLES}
    out["release"].append((bank.data_version, bank.released))
    for c in bank.competencies.values():  # number order
        n = c.number
        out["competencies"].append(
            (n, c.name, c.definition, c.satisfactory, c.superior, c.record_version)
        )
        out["competency_aliases"] += [(n, i, a) for i, a in enumerate(c.aliases, 1)]
        out["definition_items"] += [(n, i, t) for i, t in enumerate(c.definition_items, 1)]
        out["levels"] += [(n, i, t) for i, t in enumerate(c.levels, 1)]
        out["behavioral_indicators"] += [
            (n, i, t) for i, t in enumerate(c.behavioral_indicators, 1)
        ]
        out["competency_sources"] += [(n, i, s) for i, s in enumerate(c.sources, 1)]
        out["competency_notes"] += _note_rows(n, c.notes)
    for jc in bank.classes.values():  # code order
        out["classes"].append((jc.code, jc.title, jc.year, jc.source, jc.record_version))
        # sorted by number, so that rows follow the primary key even in a hand-made bank
        for position, r in sorted(enumerate(jc.requirements, 1), key=lambda e: e[1].number):
            out["requirements"].append(
                (
                    jc.code,
                    r.number,
                    position,
                    r.required_level,
                    _flag(r.prior_to_entry),
                    r.page,
                )
            )
            out["class_areas"] += [(jc.code, r.number, i, t) for i, t in enumerate(r.areas, 1)]
        out["class_notes"] += _note_rows(jc.code, jc.notes)
    return {name: tuple(table_rows) for name, table_rows in out.items()}
