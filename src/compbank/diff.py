"""What a change to the data means: records added, removed and changed, field by field.

The diff compares the raw documents of two data directories, keyed by record (a
competency's number, a class's code), so it works on data that fails validation; a file that
does not parse is reported as a warning, never a crash. Results are data (`DataDiff`);
`to_markdown` and `to_dict` render them.

>>> from pathlib import Path
>>> from compbank.diff import diff_dirs, to_markdown
>>> d = diff_dirs(Path("old/data"), Path("data"))  # doctest: +SKIP
>>> [(r.kind, r.key, r.status) for r in d.records]  # doctest: +SKIP
[('competency', '34', 'changed'), ('job-class', '9375', 'removed')]
>>> print(to_markdown(d))  # doctest: +SKIP

To compare git revisions, materialise each with `git_revision`:

>>> with git_revision("origin/main") as base:  # doctest: +SKIP
...     d = diff_dirs(base, Path("data"), base_label="origin/main")

Warnings (`DiffWarning.code`, listed in `WARNINGS`) flag what a reviewer must check: content
changed but ``record_version`` not bumped, a competency number that now names a different
competency, data changed but ``CHANGELOG.md`` not, and files that could not be read.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

import attrs

from compbank._checks import name_key
from compbank._read import read_json

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "WARNINGS",
    "AreaChange",
    "DataDiff",
    "DiffWarning",
    "FieldChange",
    "FileChange",
    "LevelChange",
    "RecordDiff",
    "RequirementEntry",
    "RevisionError",
    "diff_dirs",
    "git_revision",
    "to_dict",
    "to_markdown",
    "word_diff",
]

#: Every warning code with what it means.
WARNINGS: dict[str, str] = {
    "version-not-bumped": "a record's content changed but its record_version was not raised",
    "number-renamed": "a competency number now names a different competency",
    "changelog-not-updated": "the data changed but CHANGELOG.md did not",
    "unreadable-file": "a data file could not be read as a JSON object, so it is not compared",
}

RecordKind = Literal["competency", "job-class", "release"]
Status = Literal["added", "removed", "changed"]
#: One step of a word diff: ``"="`` kept, ``"-"`` removed, ``"+"`` inserted; and its text.
WordOp = tuple[Literal["=", "-", "+"], str]

# a word (with inner apostrophes, straight or typographic), a run of spaces, or one other sign
_TOKEN = re.compile("\\w+(?:['\u2019]\\w+)*|\\s+|[^\\w\\s]")
_FOLDERS: dict[str, RecordKind] = {"competency_bank": "competency", "classes": "job-class"}


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """The word-level difference between two texts (punctuation counts as a word).

    >>> word_diff("Serves customers.", "Serves all customers.")
    (('=', 'Serves'), ('+', ' all'), ('=', ' customers.'))
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # (kept, a-range, b-range); a kept space between two changes joins them, so that
    # "Customer Service" -> "Public Relations" reads as one change, not two
    spans: list[tuple[bool, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        kept = tag == "equal"
        if spans and not kept and not spans[-1][0]:
            _, si1, _, sj1, _ = spans.pop()
            spans.append((False, si1, i2, sj1, j2))
        elif (
            spans
            and not kept
            and len(spans) > 1
            and not spans[-2][0]
            and all(t.isspace() for t in a[spans[-1][1] : spans[-1][2]])
        ):
            spans.pop()
            _, si1, _, sj1, _ = spans.pop()
            spans.append((False, si1, i2, sj1, j2))
        else:
            spans.append((kept, i1, i2, j1, j2))
    ops: list[WordOp] = []
    for kept, i1, i2, j1, j2 in spans:
        if kept:
            ops.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    return tuple(ops)


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
class LevelChange:
    """A class requires a competency at another level. A level of None is unknown."""

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
    levels: tuple[LevelChange, ...] = ()
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


# --- reading a side -------------------------------------------------------------------------


@attrs.frozen
class _Entry:
    file: str
    document: dict[str, Any]


@attrs.define
class _Side:
    root: Path
    records: dict[tuple[RecordKind, str], _Entry] = attrs.field(factory=dict)
    # keys of records whose file could not be read: compared with nothing
    unreadable: set[tuple[RecordKind, str]] = attrs.field(factory=set)
    other: dict[str, bytes] = attrs.field(factory=dict)


def _key(kind: RecordKind, rel: str, document: Any) -> str:  # noqa: ANN401
    """The record key: from the document where it is usable, else from the file name."""
    stem = Path(rel).stem
    if kind == "release":
        return "release"
    if kind == "competency":
        number = document.get("number") if isinstance(document, dict) else None
        if isinstance(number, int) and not isinstance(number, bool):
            return str(number)
        m = re.match(r"(\d+)(-|$)", stem)
        return str(int(m.group(1))) if m else stem
    code = document.get("code") if isinstance(document, dict) else None
    if isinstance(code, str) and code:
        return code
    return stem.split("-", 1)[0] or stem


def _record_files(root: Path) -> list[tuple[RecordKind, Path]]:
    """The record files of a data directory, with their kinds."""
    found: list[tuple[RecordKind, Path]] = []
    if (root / "release.json").is_file():
        found.append(("release", root / "release.json"))
    for folder, kind in _FOLDERS.items():
        if (root / folder).is_dir():
            found += [(kind, p) for p in sorted((root / folder).glob("*.json"))]
    return found


def _read_side(root: Path, label: str, warnings: list[DiffWarning]) -> _Side:
    side = _Side(root)
    handled = set()
    for kind, path in _record_files(root):
        rel = path.relative_to(root).as_posix()
        handled.add(rel)
        if path.name.startswith(".") or not path.is_file():
            continue
        shown = f"{root.name}/{rel}"
        document, problems = read_json(path, shown)
        reasons = [f"[{p.code}] {p.path}: {p.message}" for p in problems]
        if not reasons and not isinstance(document, dict):
            reasons = ["[wrong-type] $: the file holds no JSON object"]
        key = _key(kind, rel, document)
        if reasons:
            side.unreadable.add((kind, key))
            warnings.extend(
                DiffWarning("unreadable-file", f"{shown} ({label})", f"not compared: {reason}")
                for reason in reasons
            )
            continue
        if (kind, key) in side.records:  # two files claim one record: keep both apart
            key = f"{key} ({path.name})"
        side.records[(kind, key)] = _Entry(rel, document)
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in handled:
            side.other[rel] = path.read_bytes()
    return side


# --- comparing values -------------------------------------------------------------------------

_LABELS = {
    "name": "Name",
    "aliases": "Alias",
    "definition": "Definition",
    "definition_items": "Definition item",
    "levels": "Level",
    "behavioral_indicators": "Behavioral indicator",
    "satisfactory": "Satisfactory",
    "superior": "Superior",
    "sources": "Source",
    "notes": "Note",
    "requirements": "Requirements",
    "title": "Title",
    "code": "Class code",
    "year": "Year",
    "source": "Source document",
    "number": "Number",
    "data_version": "Data version",
    "released": "Released",
    "schema_version": "Schema version",
    "$schema": "$schema",
}


def _label(steps: tuple[str | int, ...]) -> str:
    """A path's name for people: ``("levels", "2")`` is ``Level 2``, list items count from 1."""
    if not steps:
        return "Whole record"
    head, rest = steps[0], steps[1:]
    words = [_LABELS.get(str(head), str(head))]
    words += [str(s + 1) if isinstance(s, int) else s.replace("_", " ") for s in rest]
    return " ".join(words)


def _path(steps: tuple[str | int, ...]) -> str:
    """The JSON path of *steps*, written as problems write them: ``$.levels['2']``."""
    out = "$"
    for step in steps:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if step.isidentifier() else f"[{step!r}]"
    return out


def _same(a: object, b: object) -> bool:
    # 1 == True and 1 == 1.0 in Python, but not in a data file
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _change(
    steps: tuple[str | int, ...],
    status: Literal["added", "removed", "changed"],
    old: object,
    new: object,
) -> FieldChange:
    words = word_diff(old, new) if isinstance(old, str) and isinstance(new, str) else None
    return FieldChange(_path(steps), _label(steps), status, old, new, words)


def _diff_values(steps: tuple[str | int, ...], old: object, new: object) -> list[FieldChange]:
    """The values under *steps* that differ between *old* and *new*."""
    if _same(old, new):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[FieldChange] = []
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                out.append(_change((*steps, key), "removed", old[key], None))
            elif key not in old:
                out.append(_change((*steps, key), "added", None, new[key]))
            else:
                out += _diff_values((*steps, key), old[key], new[key])
        return out
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(steps, old, new)
    return [_change(steps, "changed", old, new)]


def _diff_lists(steps: tuple[str | int, ...], old: list[Any], new: list[Any]) -> list[FieldChange]:
    """Lists are aligned item by item, so an insertion shows as one added item."""
    a = [json.dumps(v, sort_keys=True) for v in old]
    b = [json.dumps(v, sort_keys=True) for v in new]
    out: list[FieldChange] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            out += _diff_values((*steps, j1 + k), old[i1 + k], new[j1 + k])
        out += [_change((*steps, i), "removed", old[i], None) for i in range(i1 + paired, i2)]
        out += [_change((*steps, j), "added", None, new[j]) for j in range(j1 + paired, j2)]
    return out


# --- comparing records ------------------------------------------------------------------------


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
    list[LevelChange],
    list[RequirementEntry],
    list[RequirementEntry],
    list[AreaChange],
]:
    old_reqs, new_reqs = _requirements(old), _requirements(new)
    if old_reqs is None or new_reqs is None:  # not comparable by competency: compare as values
        return _diff_values((), old, new), [], [], [], []
    rest_old = {k: v for k, v in old.items() if k != "requirements"}
    rest_new = {k: v for k, v in new.items() if k != "requirements"}
    fields = _diff_values((), rest_old, rest_new)
    levels, areas = [], []
    for number, (j, r_new) in new_reqs.items():
        if number not in old_reqs:
            continue
        _, r_old = old_reqs[number]
        name = names.get(number, f"competency {number}")
        if _level(r_old) != _level(r_new):
            levels.append(LevelChange(number, name, _level(r_old), _level(r_new)))
        a_old, a_new = r_old.get("areas"), r_new.get("areas")
        gone = _texts_missing(a_old, a_new)
        fresh = _texts_missing(a_new, a_old)
        if gone is not None and fresh is not None and (gone or fresh):
            areas += [AreaChange(number, name, "removed", t) for t in gone]
            areas += [AreaChange(number, name, "added", t) for t in fresh]
        else:  # not lists of texts, or only reordered: compare as values
            fields += _diff_values(("requirements", j, "areas"), a_old, a_new)
        for key in dict.fromkeys([*r_old, *r_new]):
            if key not in ("competency", "required_level", "areas"):
                changes = _diff_values(("requirements", j, key), r_old.get(key), r_new.get(key))
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
    kind: RecordKind, key: str, old: _Entry, new: _Entry, names: dict[int, str]
) -> RecordDiff | None:
    a = {k: v for k, v in old.document.items() if k != "record_version"}
    b = {k: v for k, v in new.document.items() if k != "record_version"}
    levels: list[LevelChange] = []
    added: list[RequirementEntry] = []
    removed: list[RequirementEntry] = []
    areas: list[AreaChange] = []
    if kind == "job-class":
        fields, levels, added, removed, areas = _compare_class(a, b, names)
    else:
        fields = _diff_values((), a, b)
    base_version = old.document.get("record_version")
    head_version = new.document.get("record_version")
    unchanged = not (fields or levels or added or removed or areas or old.file != new.file)
    if unchanged and _same(base_version, head_version):
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


def _record_warnings(
    record: RecordDiff, old: _Entry, new: _Entry, folder: str
) -> list[DiffWarning]:
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
            now = f"is still {b}" if _same(a, b) else f"went from {a} to {b}"
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


def _names(*sides: _Side) -> dict[int, str]:
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


def _changelog(root: Path) -> bytes | None:
    path = root.parent / "CHANGELOG.md"
    return path.read_bytes() if path.is_file() else None


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
    old = _read_side(base, base_label, warnings)
    new = _read_side(head, head_label, warnings)
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
    old_log, new_log = _changelog(base), _changelog(head)
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


# --- git --------------------------------------------------------------------------------------


class RevisionError(Exception):
    """A git revision could not be read (no git, no repository, or no such revision)."""


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(  # noqa: S603 (fixed git arguments; the revision is verified)
            ["git", "-C", str(repo), *args],  # noqa: S607 (git from PATH, as a user runs it)
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise RevisionError("git is not installed (needed to read revisions)") from None


@contextlib.contextmanager
def git_revision(revision: str, repo: Path | None = None, data: str = "data") -> Iterator[Path]:
    """Materialise *revision*'s data directory and CHANGELOG.md in a temporary directory.

    *repo* is any folder inside the repository (default: the current directory); *data* is
    the data directory's path from the repository's top. Yields the temporary data
    directory (empty if the revision has none), removed again on exit.

    Raises:
        RevisionError: git is missing, *repo* is no repository, or *revision* names no commit.
    """
    where = repo or Path.cwd()
    found_top = _git(where, "rev-parse", "--show-toplevel")
    if found_top.returncode != 0:
        raise RevisionError(f"{where} is not inside a git repository")
    # from here on paths are relative to the top, wherever in the repository we started
    repo = Path(found_top.stdout.decode().strip())
    if revision.startswith("-"):
        raise RevisionError(f"{revision!r} is not a git revision")
    found = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise RevisionError(f"{revision!r} is neither a directory nor a git revision")
    commit = found.stdout.decode().strip()
    # the changelog beside the data directory, where `diff_dirs` looks for it
    changelog = (PurePosixPath(data).parent / "CHANGELOG.md").as_posix()
    wanted = [
        p
        for p in (data, changelog)
        if _git(repo, "cat-file", "-e", f"{commit}:{p}").returncode == 0
    ]
    with tempfile.TemporaryDirectory(prefix="compbank-diff-") as tmp:
        root = Path(tmp)
        if wanted:
            archive = _git(repo, "archive", "--format=tar", commit, "--", *wanted)
            if archive.returncode != 0:
                raise RevisionError(archive.stderr.decode(errors="replace").strip())
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                if hasattr(tarfile, "data_filter"):  # refuse links and paths leaving the folder
                    tar.extractall(root, filter="data")
                else:  # pragma: no cover (Python before 3.10.12 / 3.11.4)
                    tar.extractall(root)  # noqa: S202 (git archive of our own repository)
        (root / data).mkdir(parents=True, exist_ok=True)
        yield root / data


# --- rendering --------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")
#: The first line of every Markdown rendering, so that a bot can find and update its comment.
MARKER = "<!-- compbank-diff -->"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_words(ops: tuple[WordOp, ...]) -> str:
    parts = []
    previous = "="
    for op, text in ops:
        core = text.strip()
        if op == "=" or not core:
            parts.append(_md(text))
        else:
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            mark = "~~" if op == "-" else "**"
            gap = " " if previous == "-" and op == "+" and not lead else ""
            parts.append(f"{gap}{lead}{mark}{_md(core)}{mark}{trail}")
        previous = op
    return "".join(parts)


def _md_value(value: object) -> str:
    if isinstance(value, str):
        return _md(value)
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _md_field(change: FieldChange) -> str:
    if change.status == "added":
        return f"{change.label} added: **{_md_value(change.new)}**"
    if change.status == "removed":
        return f"{change.label} removed: ~~{_md_value(change.old)}~~"
    if change.words is not None:
        return f"{change.label}: {_md_words(change.words)}"
    return f"{change.label}: {_md_value(change.old)} → {_md_value(change.new)}"


def _level_name(level: int | None) -> str:
    return "unknown" if level is None else str(level)


def _md_record(r: RecordDiff) -> list[str]:
    name = f"{r.key}. {r.title}" if r.kind == "competency" else f"{r.key} {r.title}"
    if r.kind == "release":
        name = "release.json"
    if r.status != "changed":
        file = r.head_file or r.base_file
        return [f"- **{r.status.capitalize()}:** {_md(name)} (`{file}`)"]
    version = ""
    if r.kind != "release":
        version = f" (record_version {r.base_version} → {r.head_version})"
    out = [f"- **Changed:** {_md(name)}{version}"]
    if r.base_file != r.head_file:
        out.append(f"  - File renamed: `{r.base_file}` → `{r.head_file}`")
    out += [
        f"  - Required level of {lc.competency}. {_md(lc.name)} {lc.direction}: "
        f"{_level_name(lc.old)} → {_level_name(lc.new)}"
        for lc in r.levels
    ]
    out += [
        f"  - Requirement added: {e.competency}. {_md(e.name)} "
        f"(level {_level_name(e.required_level)})"
        for e in r.requirements_added
    ]
    out += [
        f"  - Requirement removed: {e.competency}. {_md(e.name)}" for e in r.requirements_removed
    ]
    for a in r.areas:
        where = "to" if a.status == "added" else "from"
        text = f"**{_md(a.text)}**" if a.status == "added" else f"~~{_md(a.text)}~~"
        out.append(f"  - Area {a.status} {where} {a.competency}. {_md(a.name)}: {text}")
    out += [f"  - {_md_field(c)}" for c in r.fields]
    return out


def _counts(records: tuple[RecordDiff, ...], what: str) -> str:
    """``competencies: 1 added, 2 changed`` (empty when there are none)."""
    by_status = {
        s: sum(1 for r in records if r.status == s) for s in ("added", "removed", "changed")
    }
    parts = [f"{n} {s}" for s, n in by_status.items() if n]
    return f"{what}: {', '.join(parts)}" if parts else ""


def to_markdown(diff: DataDiff) -> str:
    """The diff as Markdown, ready to post as a pull-request comment."""
    out = [MARKER, f"### compbank diff `{diff.base}` → `{diff.head}`", ""]
    if not diff.changed:
        out.append("No change to the data.")
    else:
        summary = [
            _counts(diff.competencies, "competencies"),
            _counts(diff.classes, "classes"),
        ]
        if any(r.kind == "release" for r in diff.records):
            summary.append("release.json changed")
        if diff.files:
            summary.append(f"{len(diff.files)} other file{'s' if len(diff.files) != 1 else ''}")
        text = "; ".join(s for s in summary if s)
        out.append(text[:1].upper() + text[1:] + ".")
    if diff.warnings:
        out += ["", f"#### Warnings ({len(diff.warnings)})"]
        out += [f"- ⚠️ **{w.code}** `{w.file}`: {_md(w.message)}" for w in diff.warnings]
    for title, records in (
        ("Release", tuple(r for r in diff.records if r.kind == "release")),
        ("Competencies", diff.competencies),
        ("Classes", diff.classes),
    ):
        if records:
            out += ["", f"#### {title}"]
            for r in records:
                out += _md_record(r)
    if diff.files:
        out += ["", "#### Other files"]
        out += [f"- {f.status.capitalize()}: `{f.path}`" for f in diff.files]
    return "\n".join(out) + "\n"


def to_dict(diff: DataDiff) -> dict[str, Any]:
    """The diff as JSON-ready data (``json.dumps(to_dict(diff))``)."""
    data: dict[str, Any] = attrs.asdict(diff)
    for record, r in zip(data["records"], diff.records, strict=True):
        for level, lc in zip(record["levels"], r.levels, strict=True):
            level["direction"] = lc.direction
    data["changed"] = diff.changed
    return data
