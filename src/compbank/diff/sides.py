"""Step 3: reading one side of a diff, a data directory, into records keyed for comparing.

Each side is read as raw documents, not loaded, so that data failing validation can still be
compared: a record is keyed by its competency number or class code (from the document where
it is usable, else from the file name), a file that does not parse becomes an
``unreadable-file`` warning, and any other file (a source document) is kept as bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs

from compbank._read import read_json
from compbank.diff.model import DiffWarning, RecordKind

_FOLDERS: dict[str, RecordKind] = {"competency_bank": "competency", "classes": "job-class"}


@attrs.frozen
class Entry:
    """One record as read: its file, relative to the data directory, and its document."""

    file: str
    document: dict[str, Any]


@attrs.define
class Side:
    """A data directory as read.

    Attributes:
        root: The data directory.
        records: The readable records by kind and key.
        unreadable: Keys of records whose file could not be read: compared with nothing.
        other: Every other file, by its path relative to *root*, with its bytes.
    """

    root: Path
    records: dict[tuple[RecordKind, str], Entry] = attrs.field(factory=dict)
    unreadable: set[tuple[RecordKind, str]] = attrs.field(factory=set)
    other: dict[str, bytes] = attrs.field(factory=dict)


def record_key(kind: RecordKind, rel: str, document: Any) -> str:  # noqa: ANN401
    """The record key: from the document where it is usable, else from the file name.

    >>> record_key("competency", "competency_bank/034-customer-service.json", None)
    '34'
    >>> record_key("job-class", "classes/7521-senior.json", {"code": "7521"})
    '7521'
    """
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


def read_side(root: Path, label: str, warnings: list[DiffWarning]) -> Side:
    """Read the data directory *root*; a file that cannot be read adds to *warnings*.

    *label* names the side in those warnings (e.g. ``"HEAD"``).
    """
    side = Side(root)
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
        key = record_key(kind, rel, document)
        if reasons:
            side.unreadable.add((kind, key))
            warnings.extend(
                DiffWarning("unreadable-file", f"{shown} ({label})", f"not compared: {reason}")
                for reason in reasons
            )
            continue
        if (kind, key) in side.records:  # two files claim one record: keep both apart
            key = f"{key} ({path.name})"
        side.records[(kind, key)] = Entry(rel, document)
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in handled:
            side.other[rel] = path.read_bytes()
    return side


def read_changelog(root: Path) -> bytes | None:
    """The ``CHANGELOG.md`` beside the data directory *root*, if there is one."""
    path = root.parent / "CHANGELOG.md"
    return path.read_bytes() if path.is_file() else None
