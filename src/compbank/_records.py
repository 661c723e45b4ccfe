"""File-shaped records: what a class file or the release file holds, before references resolve.

A bank file is structured straight into a `Competency`. A class file names competencies by
number, so it is first a `JobClassRecord`; `Bank` resolves it into a `JobClass`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from compbank.models import LevelNumber, Note, _notes, _texts

if TYPE_CHECKING:
    from collections.abc import Iterable


@attrs.frozen(slots=True)
class RequirementRecord:
    """A requirement as a class file holds it: the competency by number."""

    competency: int
    required_level: LevelNumber | None
    prior_to_entry: bool | None
    areas: tuple[str, ...] = attrs.field(converter=_texts)
    page: int | None = None


def _requirement_records(value: Iterable[RequirementRecord]) -> tuple[RequirementRecord, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class JobClassRecord:
    """A class file's content."""

    code: str
    title: str
    year: int | None
    source: str
    requirements: tuple[RequirementRecord, ...] = attrs.field(converter=_requirement_records)
    notes: tuple[Note, ...] = attrs.field(converter=_notes)
    record_version: int
    schema_version: int


@attrs.frozen(slots=True)
class Release:
    """The release file's content: the version of the data set as a whole."""

    data_version: str
    released: str
    schema_version: int
