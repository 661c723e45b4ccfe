"""The model classes: frozen, slotted and deeply immutable.

Attributes hold only strings, numbers, tuples and other frozen models, so a model can be
hashed, shared between threads and cached without defensive copies. Lists given to a
constructor are turned into tuples.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

#: A level of a competency: 1, 2 or 3.
LevelNumber = Literal[1, 2, 3]


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _three(value: Iterable[str]) -> tuple[str, str, str]:
    levels = tuple(value)
    if len(levels) != 3:
        raise ValueError(f"a competency has exactly three levels, not {len(levels)}")
    return levels[0], levels[1], levels[2]


@attrs.frozen(slots=True)
class Note:
    """A finding about a record's sources, recorded in the data for reviewers.

    Attributes:
        kind: What was found, e.g. ``"truncated-text"`` or ``"joined-word"``.
        source: The source document (a file name in ``data/sources/``).
        path: JSON path of the value concerned in the record.
        found: The source's text exactly as found there.
        action: What the record keeps, and why.
    """

    kind: str
    source: str
    path: str
    found: str
    action: str


def _notes(value: Iterable[Note]) -> tuple[Note, ...]:
    return tuple(value)


@attrs.frozen(slots=True, repr=False)
class Competency:
    """One competency of the Competency Bank.

    >>> c = compbank.load().competencies[34]
    >>> c.name, c.level(2)
    ('Customer Service', 'Promotes positive customer service. ...')
    """

    number: int
    name: str
    definition: str
    levels: tuple[str, str, str] = attrs.field(converter=_three)
    behavioral_indicators: tuple[str, ...] = attrs.field(converter=_texts)
    satisfactory: str
    superior: str
    definition_items: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    notes: tuple[Note, ...] = attrs.field(default=(), converter=_notes)
    record_version: int = 1
    schema_version: int = 1

    def level(self, n: int) -> str:
        """The description of level *n* (1, 2 or 3, as in the documents)."""
        if n not in (1, 2, 3):
            raise ValueError(f"levels are 1, 2 and 3, not {n!r}")
        return self.levels[n - 1]

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by its aliases."""
        return (self.name, *self.aliases)

    def __repr__(self) -> str:
        return f"Competency({self.number}, {self.name!r})"


@attrs.frozen(slots=True, repr=False)
class Requirement:
    """A class's requirement of one competency.

    Attributes:
        competency: The bank's `Competency` object (resolved, not a number).
        required_level: 1, 2 or 3 where the source marks it; None where it is unknown.
        prior_to_entry: True where the document marks the competency as needed prior to
            job entry, False where it marks others so but not this one, None where it
            does not say.
        areas: The class-specific items of the competency's "... Areas" list.
        page: The page of the source PDF it was read from (its required level's, or where
            that is unknown its heading's), in classes imported from a PDF; else None.
    """

    competency: Competency
    required_level: LevelNumber | None = None
    prior_to_entry: bool | None = None
    areas: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    page: int | None = None

    @property
    def number(self) -> int:
        """The competency's bank number."""
        return self.competency.number

    @property
    def level_text(self) -> str | None:
        """The description of the required level, or None where the level is unknown."""
        if self.required_level is None:
            return None
        return self.competency.level(self.required_level)

    def __repr__(self) -> str:
        return (
            f"Requirement({self.number}, {self.competency.name!r}, "
            f"required_level={self.required_level!r})"
        )


def _requirements(value: Iterable[Requirement]) -> tuple[Requirement, ...]:
    return tuple(value)


@attrs.frozen(slots=True, repr=False)
class JobClass:
    """The competency model of one job class.

    >>> jc = compbank.load().classes["7521"]
    >>> [(r.number, r.required_level) for r in jc.requirements][:2]
    [(8, None), (13, 2)]
    """

    code: str
    title: str
    source: str
    requirements: tuple[Requirement, ...] = attrs.field(converter=_requirements)
    year: int | None = None
    notes: tuple[Note, ...] = attrs.field(default=(), converter=_notes)
    record_version: int = 1
    schema_version: int = 1

    @property
    def competencies(self) -> tuple[Competency, ...]:
        """The required competencies, in bank order."""
        return tuple(r.competency for r in self.requirements)

    def requirement(self, number: int) -> Requirement | None:
        """The requirement of competency *number*, or None if the class does not require it."""
        for r in self.requirements:
            if r.competency.number == number:
                return r
        return None

    def __repr__(self) -> str:
        return f"JobClass({self.code!r}, {self.title!r}, {len(self.requirements)} requirements)"


@attrs.frozen(slots=True)
class LevelChange:
    """A competency both classes require, at different known levels."""

    competency: Competency
    from_level: LevelNumber
    to_level: LevelNumber


@attrs.frozen(slots=True)
class Comparison:
    """What moving from one class to another asks of a person (see `Bank.compare`).

    Attributes:
        from_class: The class moved from.
        to_class: The class moved to.
        added: Requirements of *to_class* for competencies *from_class* does not require.
        dropped: Requirements of *from_class* that *to_class* does not have.
        raised: Competencies required by both, at a higher level in *to_class*.
        lowered: Competencies required by both, at a lower level in *to_class*.
        same: Competencies required by both at the same known level.
        unknown: Competencies required by both where either level is unknown.
    """

    from_class: JobClass
    to_class: JobClass
    added: tuple[Requirement, ...]
    dropped: tuple[Requirement, ...]
    raised: tuple[LevelChange, ...]
    lowered: tuple[LevelChange, ...]
    same: tuple[Competency, ...]
    unknown: tuple[Competency, ...]
