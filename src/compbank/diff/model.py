"""Step 2: the results of a diff, as data; `render` turns them into Markdown or JSON.

A `DataDiff` holds a `RecordDiff` per record that differs; a changed record lists its
`FieldChange`s, and a class also its `LevelEdit`s, `RequirementEntry`s and `AreaChange`s.

>>> edit = LevelEdit(13, "Stress Tolerance", old=2, new=3)
>>> edit.direction
'raised'
>>> LevelEdit(13, "Stress Tolerance", old=2, new=None).direction
'now unknown'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from compbank.diff.words import WordOp

#: Every warning code with what it means.
WARNINGS: dict[str, str] = {
    "version-not-bumped": "a record's content changed but its record_version was not raised",
    "number-renamed": "a competency number now names a different competency",
    "changelog-not-updated": "the data changed but CHANGELOG.md did not",
    "unreadable-file": "a data file could not be read as a JSON object, so it is not compared",
}

RecordKind = Literal["competency", "job-class", "release"]
Status = Literal["added", "removed", "changed"]


@attrs.frozen
class FieldChange:
    """One value of a record that differs.

    Attributes:
        path: JSON path of the value in the record, e.g. ``"$.levels['2']"``.
        label: The value for people, e.g. ``"Level 2"`` or ``"Behavioral indicator 3"``.
        status: ``"changed"``, or ``"added"``/``"removed"`` where only one side has it.
        old: The base's value (None when added).
        new: The head's value (None when removed).
        words: The word diff where both values are texts, else None.
    """

    path: str
    label: str
    status: Literal["added", "removed", "changed"]
    old: Any = None
    new: Any = None
    words: tuple[WordOp, ...] | None = None


@attrs.frozen
class LevelEdit:
    """A class requires a competency at another level. A level of None is unknown.

    Not to be confused with `compbank.LevelChange`, which compares two loaded classes and
    holds the `Competency` itself; a diff also reads data that does not load, so it holds the
    competency's number and name.
    """

    competency: int
    name: str
    old: int | None
    new: int | None

    @property
    def direction(self) -> Literal["raised", "lowered", "now known", "now unknown"]:
        """How the level moved."""
        if self.old is None:
            return "now known"
        if self.new is None:
            return "now unknown"
        return "raised" if self.new > self.old else "lowered"


@attrs.frozen
class RequirementEntry:
    """A competency a class began or stopped requiring, with the level it had."""

    competency: int
    name: str
    required_level: int | None


@attrs.frozen
class AreaChange:
    """An item of a requirement's "... Areas" list, added or removed."""

    competency: int
    name: str
    status: Literal["added", "removed"]
    text: str


@attrs.frozen
class RecordDiff:
    """How one record (a competency, a class or the release) differs.

    Attributes:
        kind: ``"competency"``, ``"job-class"`` or ``"release"``.
        key: The competency's number or the class's code, as a string; ``"release"``.
        title: The competency's name or the class's title (the head's where both have one).
        status: ``"added"``, ``"removed"`` or ``"changed"``.
        base_file: The record's file in the base, relative to the data directory.
        head_file: The record's file in the head, relative to the data directory.
        base_version: The base's ``record_version`` (None when absent).
        head_version: The head's ``record_version``.
        fields: The values that differ, in document order (for changed records).
        levels: Required levels that differ (classes).
        requirements_added: Competencies the class now requires.
        requirements_removed: Competencies the class no longer requires.
        areas: Areas items added or removed (classes).
    """

    kind: RecordKind
    key: str
    title: str
    status: Status
    base_file: str | None = None
    head_file: str | None = None
    base_version: Any = None
    head_version: Any = None
    fields: tuple[FieldChange, ...] = ()
    levels: tuple[LevelEdit, ...] = ()
    requirements_added: tuple[RequirementEntry, ...] = ()
    requirements_removed: tuple[RequirementEntry, ...] = ()
    areas: tuple[AreaChange, ...] = ()


@attrs.frozen
class FileChange:
    """A file of the data directory that is not a record file (e.g. a source document)."""

    path: str
    status: Status


@attrs.frozen
class DiffWarning:
    """Something about the change a reviewer must look at.

    Attributes:
        code: One of `WARNINGS`.
        file: The file concerned (with the side, for unreadable files), or ``"CHANGELOG.md"``.
        message: What is wrong, for people.
    """

    code: str
    file: str
    message: str


@attrs.frozen
class DataDiff:
    """The difference between two data directories.

    Attributes:
        base: What the base is, for people (a revision or a directory).
        head: What the head is.
        records: The records that differ: the release, then competencies by number, then
            classes by code.
        files: Other files of the data directories that differ.
        warnings: What a reviewer must look at.
        changelog_changed: Whether CHANGELOG.md differs; None where neither side has one.
    """

    base: str
    head: str
    records: tuple[RecordDiff, ...]
    files: tuple[FileChange, ...]
    warnings: tuple[DiffWarning, ...]
    changelog_changed: bool | None

    @property
    def changed(self) -> bool:
        """Whether the data differs at all."""
        return bool(self.records or self.files)

    @property
    def competencies(self) -> tuple[RecordDiff, ...]:
        """The competency records that differ."""
        return tuple(r for r in self.records if r.kind == "competency")

    @property
    def classes(self) -> tuple[RecordDiff, ...]:
        """The class records that differ."""
        return tuple(r for r in self.records if r.kind == "job-class")
