"""Step 5: the `Bank`, the loaded data with its indexes and queries."""

from __future__ import annotations

import bisect
import re
import threading
from collections import defaultdict
from types import MappingProxyType
from typing import TYPE_CHECKING

from compbank._checks import name_key
from compbank.models import (
    Comparison,
    Competency,
    JobClass,
    LevelChange,
    Requirement,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

    from compbank._records import JobClassRecord

_search_lock = threading.Lock()
_WORD = re.compile(r"[a-z0-9]+")
# How much a query word found in each part of a competency counts towards its rank.
_NAME_WEIGHT = 10
_DEFINITION_WEIGHT = 3
_TEXT_WEIGHT = 1


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


class Bank:
    """The Competency Bank and the class models that use it. Read-only.

    Build one with `compbank.load`. Each index is built once: the search index on the first
    `search`, the others when the bank is made.

    >>> bank = compbank.load()
    >>> bank.competencies[34].name
    'Customer Service'
    >>> [jc.code for jc in bank.classes_requiring(34)]
    ['1230', '1336', '7521']
    """

    __slots__ = (
        "_by_name",
        "_classes",
        "_competencies",
        "_data_version",
        "_path",
        "_released",
        "_requiring",
        "_search_index",
    )

    _data_version: str
    _released: str
    _path: Path
    _competencies: Mapping[int, Competency]
    _classes: Mapping[str, JobClass]
    _requiring: dict[int, tuple[tuple[JobClass, int | None], ...]]
    _by_name: dict[str, Competency]
    _search_index: tuple[dict[str, dict[int, int]], list[str]] | None

    def __init__(
        self,
        competencies: Iterable[Competency],
        classes: Iterable[JobClass],
        *,
        data_version: str,
        released: str,
        path: Path,
    ) -> None:
        comps = sorted(competencies, key=lambda c: c.number)
        object.__setattr__(self, "_competencies", MappingProxyType({c.number: c for c in comps}))
        object.__setattr__(
            self,
            "_classes",
            MappingProxyType({jc.code: jc for jc in sorted(classes, key=lambda jc: jc.code)}),
        )
        object.__setattr__(self, "_data_version", data_version)
        object.__setattr__(self, "_released", released)
        object.__setattr__(self, "_path", path)
        requiring: dict[int, list[tuple[JobClass, int | None]]] = defaultdict(list)
        for jc in self._classes.values():
            for r in jc.requirements:
                requiring[r.number].append((jc, r.required_level))
        object.__setattr__(self, "_requiring", {n: tuple(e) for n, e in requiring.items()})
        object.__setattr__(self, "_by_name", {name_key(name): c for c in comps for name in c.names})
        # (word -> {number: weight}, sorted words): made on the first search, once
        object.__setattr__(self, "_search_index", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Bank is read-only; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Bank is read-only; cannot delete {name!r}")

    def __repr__(self) -> str:
        return (
            f"<Bank {self.data_version}: {len(self._competencies)} competencies, "
            f"{len(self._classes)} classes from {self.path}>"
        )

    @property
    def data_version(self) -> str:
        """The release version of the data (``data/release.json``), e.g. ``"1.0.0"``."""
        return self._data_version

    @property
    def released(self) -> str:
        """The release date of the data, ``YYYY-MM-DD``."""
        return self._released

    @property
    def path(self) -> Path:
        """The data directory the bank was loaded from."""
        return self._path

    @property
    def competencies(self) -> Mapping[int, Competency]:
        """Read-only mapping of bank number to `Competency`, in number order."""
        return self._competencies

    @property
    def classes(self) -> Mapping[str, JobClass]:
        """Read-only mapping of class code (``"1230"``) to `JobClass`, in code order."""
        return self._classes

    def competency(self, key: int | str) -> Competency | None:
        """The competency with this number, or with this name or alias.

        Names match regardless of case, punctuation and ``&`` for ``and``:

        >>> bank.competency("Judgment & Decision Making").number
        3
        """
        if isinstance(key, int):
            return self._competencies.get(key)
        text = key.strip()
        if text.isdecimal():  # not isdigit(): int() cannot read "²"
            # nor thousands of digits; no bank number has that many
            return self._competencies.get(int(text)) if len(text) <= 100 else None
        return self._by_name.get(name_key(key))

    def classes_requiring(self, number: int, min_level: int | None = None) -> tuple[JobClass, ...]:
        """The classes that require competency *number*, in code order.

        With *min_level*, only those whose known required level is at least *min_level*;
        classes whose level for it is unknown are then left out.
        """
        entries = self._requiring.get(number, ())
        if min_level is None:
            return tuple(jc for jc, _ in entries)
        return tuple(jc for jc, level in entries if level is not None and level >= min_level)

    def search(self, query: str, limit: int | None = None) -> tuple[Competency, ...]:
        """Competencies matching *query* by name, alias or text, best first.

        Each query word matches the words it begins; a match in the name or an alias counts
        most, then the definition, then the other texts. Competencies matching more of the
        query words rank first; ties go in bank order.

        >>> [c.number for c in bank.search("customer")][:1]
        [34]
        """
        words = _words(query)
        if not words:
            return ()
        index, vocabulary = self._search_index or self._build_search_index()
        scores: dict[int, int] = defaultdict(int)
        matched: dict[int, int] = defaultdict(int)
        for word in dict.fromkeys(words):
            hits: dict[int, int] = defaultdict(int)
            start = bisect.bisect_left(vocabulary, word)
            for term in vocabulary[start:]:
                if not term.startswith(word):
                    break
                for number, weight in index[term].items():
                    hits[number] = max(hits[number], weight)
            for number, weight in hits.items():
                scores[number] += weight
                matched[number] += 1
        ranked = sorted(scores, key=lambda n: (-matched[n], -scores[n], n))
        if limit is not None:
            ranked = ranked[:limit]
        return tuple(self._competencies[n] for n in ranked)

    def _build_search_index(self) -> tuple[dict[str, dict[int, int]], list[str]]:
        # Built on the first search rather than on load: it is the costliest index and many
        # programs never search. The lock makes sure that it is built once.
        with _search_lock:
            if self._search_index is not None:
                return self._search_index
            index: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
            for c in self._competencies.values():
                for name in c.names:
                    for w in _words(name):
                        index[w][c.number] += _NAME_WEIGHT
                for w in _words(c.definition):
                    index[w][c.number] += _DEFINITION_WEIGHT
                for text in (
                    *c.definition_items,
                    *c.levels,
                    *c.behavioral_indicators,
                    c.satisfactory,
                    c.superior,
                ):
                    for w in _words(text):
                        index[w][c.number] += _TEXT_WEIGHT
            built = ({w: dict(d) for w, d in index.items()}, sorted(index))
            object.__setattr__(self, "_search_index", built)
            return built

    def compare(self, from_code: str, to_code: str) -> Comparison:
        """What moving from class *from_code* to class *to_code* adds or raises.

        >>> change = bank.compare("1230", "7521")
        >>> [r.number for r in change.added]
        [8, 28, 45, 50, 53]

        Raises:
            KeyError: either code names no class of the bank.
        """
        a, b = self._classes[from_code], self._classes[to_code]
        a_levels = {r.number: r.required_level for r in a.requirements}
        b_levels = {r.number: r.required_level for r in b.requirements}
        raised, lowered, same, unknown = [], [], [], []
        for r in b.requirements:
            if r.number not in a_levels:
                continue
            old, new = a_levels[r.number], r.required_level
            if old is None or new is None:
                unknown.append(r.competency)
            elif new > old:
                raised.append(LevelChange(r.competency, old, new))
            elif new < old:
                lowered.append(LevelChange(r.competency, old, new))
            else:
                same.append(r.competency)
        return Comparison(
            from_class=a,
            to_class=b,
            added=tuple(r for r in b.requirements if r.number not in a_levels),
            dropped=tuple(r for r in a.requirements if r.number not in b_levels),
            raised=tuple(raised),
            lowered=tuple(lowered),
            same=tuple(same),
            unknown=tuple(unknown),
        )


def resolve_class(
    record: JobClassRecord,
    competencies: Mapping[int, Competency],
    shared: dict[int, Requirement] | None = None,
) -> JobClass:
    """A class record with each requirement's competency number replaced by the competency.

    Structuring shares equal requirement records between classes (most classes require a
    competency at one of a few levels). Pass the same *shared* dict when resolving many
    classes, and each shared record becomes one shared `Requirement`, which saves time and
    memory; immutable values can be shared.
    """
    requirements = []
    for r in record.requirements:
        requirement = shared.get(id(r)) if shared is not None else None
        if requirement is None:
            requirement = Requirement(
                competency=competencies[r.competency],
                required_level=r.required_level,
                prior_to_entry=r.prior_to_entry,
                areas=r.areas,
                page=r.page,
            )
            if shared is not None:
                shared[id(r)] = requirement
        requirements.append(requirement)
    return JobClass(
        code=record.code,
        title=record.title,
        source=record.source,
        year=record.year,
        requirements=tuple(requirements),
        notes=record.notes,
        record_version=record.record_version,
        schema_version=record.schema_version,
    )
