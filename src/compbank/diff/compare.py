"""Step 5: comparing the records of two sides, and `diff_dirs`, which runs every step.

A competency or the release is compared value by value (`fields`); a class's requirements
are matched by competency number, so that a level raised, an area added or a requirement
dropped is named as such. Warnings are added for what a reviewer must check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from compbank._checks import name_key
from compbank.diff.fields import diff_values, same
from compbank.diff.model import (
    AreaChange,
    DataDiff,
    DiffWarning,
    FieldChange,
    FileChange,
    LevelEdit,
    RecordDiff,
    RecordKind,
    RequirementEntry,
)
from compbank.diff.sides import Entry, Side, read_changelog, read_side


def _requirements(document: dict[str, Any]) -> dict[int, tuple[int, dict[str, Any]]] | None:
    """A class's requirements by competency number, or None if they are not in that shape."""
    value = document.get("requirements")
    if not isinstance(value, list):
        return None
    out: dict[int, tuple[int, dict[str, Any]]] = {}
    for i, r in enumerate(value):
        if not isinstance(r, dict):
            return None
        number = r.get("competency")
        if not isinstance(number, int) or isinstance(number, bool) or number in out:
            return None
        out[number] = (i, r)
    return out


def _level(r: dict[str, Any]) -> int | None:
    level = r.get("required_level")
    return level if isinstance(level, int) and not isinstance(level, bool) else None


def _compare_class(
    old: dict[str, Any], new: dict[str, Any], names: dict[int, str]
) -> tuple[
    list[FieldChange],
    list[LevelEdit],
    list[RequirementEntry],
    list[RequirementEntry],
    list[AreaChange],
]:
    old_reqs, new_reqs = _requirements(old), _requirements(new)
    if old_reqs is None or new_reqs is None:  # not comparable by competency: compare as values
        return diff_values((), old, new), [], [], [], []
    rest_old = {k: v for k, v in old.items() if k != "requirements"}
    rest_new = {k: v for k, v in new.items() if k != "requirements"}
    fields = diff_values((), rest_old, rest_new)
    levels, areas = [], []
    for number, (j, r_new) in new_reqs.items():
        if number not in old_reqs:
            continue
        _, r_old = old_reqs[number]
        name = names.get(number, f"competency {number}")
        if _level(r_old) != _level(r_new):
            levels.append(LevelEdit(number, name, _level(r_old), _level(r_new)))
        a_old, a_new = r_old.get("areas"), r_new.get("areas")
        gone = _texts_missing(a_old, a_new)
        fresh = _texts_missing(a_new, a_old)
        if gone is not None and fresh is not None and (gone or fresh):
            areas += [AreaChange(number, name, "removed", t) for t in gone]
            areas += [AreaChange(number, name, "added", t) for t in fresh]
        else:  # not lists of texts, or only reordered: compare as values
            fields += diff_values(("requirements", j, "areas"), a_old, a_new)
        for key in dict.fromkeys([*r_old, *r_new]):
            if key not in ("competency", "required_level", "areas"):
                changes = diff_values(("requirements", j, key), r_old.get(key), r_new.get(key))
                fields += [
                    attrs.evolve(c, label=f"{name}: {key.replace('_', ' ')}") for c in changes
                ]

    def entry(number: int, r: dict[str, Any]) -> RequirementEntry:
        return RequirementEntry(number, names.get(number, f"competency {number}"), _level(r))

    added = [entry(n, r) for n, (_, r) in new_reqs.items() if n not in old_reqs]
    removed = [entry(n, r) for n, (_, r) in old_reqs.items() if n not in new_reqs]
    return fields, levels, added, removed, areas


def _texts_missing(a: object, b: object) -> list[str] | None:
    """The texts of list *a* that list *b* lacks; None unless both are lists of texts."""
    if not isinstance(a, list) or not isinstance(b, list):
        return None
    if not all(isinstance(t, str) for t in [*a, *b]):
        return None
    return [t for t in a if t not in b]


def _title(document: dict[str, Any], kind: RecordKind) -> str:
    value = document.get({"competency": "name", "job-class": "title"}.get(kind, "data_version"))
    return value if isinstance(value, str) else ""


def _compare(
    kind: RecordKind, key: str, old: Entry, new: Entry, names: dict[int, str]
) -> RecordDiff | None:
    a = {k: v for k, v in old.document.items() if k != "record_version"}
    b = {k: v for k, v in new.document.items() if k != "record_version"}
    levels: list[LevelEdit] = []
    added: list[RequirementEntry] = []
    removed: list[RequirementEntry] = []
    areas: list[AreaChange] = []
    if kind == "job-class":
        fields, levels, added, removed, areas = _compare_class(a, b, names)
    else:
        fields = diff_values((), a, b)
    base_version = old.document.get("record_version")
    head_version = new.document.get("record_version")
    unchanged = not (fields or levels or added or removed or areas or old.file != new.file)
    if unchanged and same(base_version, head_version):
        return None
    return RecordDiff(
        kind,
        key,
        _title(new.document, kind) or _title(old.document, kind),
        "changed",
        old.file,
        new.file,
        base_version,
        head_version,
        tuple(fields),
        tuple(levels),
        tuple(added),
        tuple(removed),
        tuple(areas),
    )


def _record_warnings(record: RecordDiff, old: Entry, new: Entry, folder: str) -> list[DiffWarning]:
    out = []
    content = any(
        (
            record.fields,
            record.levels,
            record.areas,
            record.requirements_added,
            record.requirements_removed,
        )
    )
    if content and record.kind != "release":
        a, b = record.base_version, record.head_version
        numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (a, b))
        if not numbers or b <= a:
            now = f"is still {b}" if same(a, b) else f"went from {a} to {b}"
            out.append(
                DiffWarning(
                    "version-not-bumped",
                    f"{folder}/{new.file}",
                    f"content changed but record_version {now}; raise it",
                )
            )
    if record.kind == "competency":
        was, name = old.document.get("name"), new.document.get("name")
        if isinstance(was, str) and isinstance(name, str) and name_key(was) != name_key(name):
            out.append(
                DiffWarning(
                    "number-renamed",
                    f"{folder}/{new.file}",
                    f"competency {record.key} was {was!r} and is now {name!r}: the "
                    "number names a different competency; give the new one a new number",
                )
            )
    return out


def _names(*sides: Side) -> dict[int, str]:
    """Competency names by number, the head's winning over the base's."""
    names: dict[int, str] = {}
    for side in sides:
        for (kind, _), entry in side.records.items():
            number, name = entry.document.get("number"), entry.document.get("name")
            if kind == "competency" and isinstance(number, int) and isinstance(name, str):
                names[number] = name
    return names


def _order(kind_key: tuple[RecordKind, str]) -> tuple[int, int, str]:
    kind, key = kind_key
    rank = {"release": 0, "competency": 1, "job-class": 2}[kind]
    number = int(key) if key.isdigit() else 1 << 30
    return rank, number, key


def diff_dirs(
    base: str | Path,
    head: str | Path,
    *,
    base_label: str | None = None,
    head_label: str | None = None,
) -> DataDiff:
    """The semantic difference between the data directories *base* and *head*.

    Each side's ``CHANGELOG.md`` is the one beside its data directory, if any. The labels say
    what each side is in the rendered output (default: the paths).

    >>> import json, tempfile
    >>> def write(data: Path, superior: str) -> None:
    ...     record = {"number": 34, "name": "Customer Service", "superior": superior}
    ...     (data / "competency_bank").mkdir(parents=True)
    ...     text = json.dumps({**record, "record_version": 1})
    ...     _ = (data / "competency_bank" / "034-customer-service.json").write_text(text)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write(Path(tmp, "old"), "Serves customers.")
    ...     write(Path(tmp, "new"), "Serves all customers.")
    ...     d = diff_dirs(Path(tmp, "old"), Path(tmp, "new"))
    >>> [(r.kind, r.key, r.status) for r in d.records]
    [('competency', '34', 'changed')]
    >>> [(c.label, c.words) for c in d.records[0].fields]
    [('Superior', (('=', 'Serves'), ('+', ' all'), ('=', ' customers.')))]
    >>> [w.code for w in d.warnings]
    ['version-not-bumped']

    Raises:
        NotADirectoryError: *base* or *head* is not a directory.
    """
    base, head = Path(base), Path(head)
    for root in (base, head):
        if not root.is_dir():
            raise NotADirectoryError(f"{root} is not a directory")
    base_label = base_label or str(base)
    head_label = head_label or str(head)
    warnings: list[DiffWarning] = []
    old = read_side(base, base_label, warnings)
    new = read_side(head, head_label, warnings)
    names = _names(old, new)
    records: list[RecordDiff] = []
    record_warnings: list[DiffWarning] = []
    for kind, key in sorted(old.records.keys() | new.records.keys(), key=_order):
        a, b = old.records.get((kind, key)), new.records.get((kind, key))
        if a is not None and b is not None:
            record = _compare(kind, key, a, b, names)
            if record is not None:
                records.append(record)
                record_warnings += _record_warnings(record, a, b, head.name)
        elif b is not None and (kind, key) not in old.unreadable:
            records.append(
                RecordDiff(
                    kind,
                    key,
                    _title(b.document, kind),
                    "added",
                    head_file=b.file,
                    head_version=b.document.get("record_version"),
                )
            )
        elif a is not None and (kind, key) not in new.unreadable:
            records.append(
                RecordDiff(
                    kind,
                    key,
                    _title(a.document, kind),
                    "removed",
                    base_file=a.file,
                    base_version=a.document.get("record_version"),
                )
            )
    files = [
        FileChange(
            rel,
            "added" if rel not in old.other else "removed" if rel not in new.other else "changed",
        )
        for rel in sorted(old.other.keys() | new.other.keys())
        if old.other.get(rel) != new.other.get(rel)
    ]
    old_log, new_log = read_changelog(base), read_changelog(head)
    changelog_changed = None if old_log is None and new_log is None else old_log != new_log
    if (records or files) and changelog_changed is False:
        record_warnings.append(
            DiffWarning(
                "changelog-not-updated",
                "CHANGELOG.md",
                "the data changed but CHANGELOG.md did not; add an entry under Unreleased",
            )
        )
    return DataDiff(
        base_label,
        head_label,
        tuple(records),
        tuple(files),
        tuple(warnings + record_warnings),
        changelog_changed,
    )
