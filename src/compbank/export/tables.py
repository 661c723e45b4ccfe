"""The bank as tidy tables: one fact per row, the layout the CSV and SQLite exports share.

Each `Table` names its columns, primary key and foreign keys once; `rows` fills every table
from a `Bank`. Rows come in primary-key order, so the same data always gives the same rows.
Positions count from 1, in the order of the data files. A value that is unknown is None
(an empty CSV field, an SQL NULL); flags are 1 or 0.
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


@attrs.frozen(slots=True)
class Column:
    """A column: its name, its SQL type and whether it may be empty (NULL)."""

    name: str
    type: Literal["INTEGER", "TEXT"] = "TEXT"
    nullable: bool = False
    #: An SQL CHECK expression on the column, e.g. ``"level IN (1, 2, 3)"``.
    check: str | None = None


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


def _int(name: str, *, nullable: bool = False, check: str | None = None) -> Column:
    return Column(name, "INTEGER", nullable, check)


def _text(name: str, *, nullable: bool = False) -> Column:
    return Column(name, "TEXT", nullable)


_POSITION = _int("position", check="position >= 1")
_NOTE_COLUMNS = (
    _POSITION,
    _text("kind"),
    _text("source"),
    _text("path"),
    _text("found"),
    _text("action"),
)
_OF_COMPETENCY = ForeignKey(("competency",), "competencies", ("number",))
_OF_CLASS = ForeignKey(("class_code",), "classes", ("code",))

#: Every table, parents before children (the order the SQLite export creates them in).
TABLES: tuple[Table, ...] = (
    Table(
        "release",
        "the data release these tables were made from (one row)",
        (_text("data_version"), _text("released")),
        ("data_version",),
    ),
    Table(
        "competencies",
        "one row per competency of the bank",
        (
            _int("number", check="number >= 1"),
            _text("name"),
            _text("definition"),
            _text("satisfactory"),
            _text("superior"),
            _int("record_version"),
        ),
        ("number",),
    ),
    Table(
        "competency_aliases",
        "other names a competency is known by",
        (_int("competency"), _POSITION, _text("alias")),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "definition_items",
        "the items of a definition that ends in a list",
        (_int("competency"), _POSITION, _text("text")),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "levels",
        "the three level descriptions of each competency",
        (_int("competency"), _int("level", check="level IN (1, 2, 3)"), _text("description")),
        ("competency", "level"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "behavioral_indicators",
        "the behavioral indicators of each competency",
        (_int("competency"), _POSITION, _text("text")),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "competency_sources",
        "the source documents each competency is transcribed from",
        (_int("competency"), _POSITION, _text("source")),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "competency_notes",
        "what was found in a competency's sources and what the record keeps",
        (_int("competency"), *_NOTE_COLUMNS),
        ("competency", "position"),
        (_OF_COMPETENCY,),
    ),
    Table(
        "classes",
        "one row per job class with a competency model",
        (
            _text("code"),
            _text("title"),
            _int("year", nullable=True),
            _text("source"),
            _int("record_version"),
        ),
        ("code",),
    ),
    Table(
        "requirements",
        "each competency a class requires; required_level and prior_to_entry are empty "
        "where the source does not say",
        (
            _text("class_code"),
            _int("competency"),
            _POSITION,
            _int("required_level", nullable=True, check="required_level IN (1, 2, 3)"),
            _int("prior_to_entry", nullable=True, check="prior_to_entry IN (0, 1)"),
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
        (_text("class_code"), _int("competency"), _POSITION, _text("text")),
        ("class_code", "competency", "position"),
        (ForeignKey(("class_code", "competency"), "requirements", ("class_code", "competency")),),
    ),
    Table(
        "class_notes",
        "what was found in a class's source and what the record keeps",
        (_text("class_code"), *_NOTE_COLUMNS),
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
    ('1230', 2, 1, None, None)
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
                (jc.code, r.number, position, r.required_level, _flag(r.prior_to_entry))
            )
            out["class_areas"] += [(jc.code, r.number, i, t) for i, t in enumerate(r.areas, 1)]
        out["class_notes"] += _note_rows(jc.code, jc.notes)
    return {name: tuple(table_rows) for name, table_rows in out.items()}
