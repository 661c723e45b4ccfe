"""Loading a data directory: read, schema check, structure, cross-record checks, `Bank`.

`check` runs every step and returns the problems; `load` returns a `Bank` or raises one
`DataError` holding every problem. Both read each file once.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compbank import _checks
from compbank._paths import packaged_data_dir
from compbank._read import parse_bytes, read_bytes
from compbank._schema import Kind, check_schema, check_version
from compbank._structure import structure
from compbank.problems import DataError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterator

    from compbank._bank import Bank
    from compbank._records import JobClassRecord, Release
    from compbank.models import Competency, Requirement

#: The folders of a data directory and the kind of file each holds.
FOLDERS: dict[str, Kind] = {"competency_bank": "competency", "classes": "job-class"}
RELEASE_FILE = "release.json"
SOURCES_FOLDER = "sources"


class _Loaded:
    """What the steps have produced for one data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.competencies: list[tuple[str, Competency]] = []
        self.classes: list[tuple[str, JobClassRecord]] = []
        self.release: Release | None = None
        # found while reading, reported after the other cross-record checks; each document is
        # checked as soon as it is read, so that no parsed document is kept
        self.note_problems: list[Problem] = []
        # numbers that bank files claim, even invalid ones (by their content, or else by
        # their file name), so that one broken bank file does not also make every class
        # that requires it report an unknown competency
        self.claimed_numbers: set[int] = set()


def _links_outside(loaded: _Loaded, path: Path) -> bool:
    """Whether *path* is a symbolic link leading outside the data directory (a problem)."""
    if not path.is_symlink():
        return False
    try:
        target = path.resolve()
    except (OSError, RuntimeError):
        # a link loop (RuntimeError before Python 3.13) leads nowhere, so not outside;
        # reading the file then reports it as unreadable
        return False
    if target.is_relative_to(loaded.root.resolve()):
        return False
    loaded.problems.append(
        Problem(
            "symlink-outside",
            str(path),
            "$",
            f"links to {target}, outside the data directory",
        )
    )
    return True


def _listing(loaded: _Loaded, folder: str) -> list[str]:
    """The JSON files of *folder*, by name; anything else found there is a problem."""
    root = loaded.root
    directory = root / folder
    if _links_outside(loaded, directory):
        return []
    if not directory.is_dir():
        loaded.problems.append(
            Problem(
                "missing-directory",
                str(directory),
                "$",
                f"the data directory has no {folder}/ folder",
            )
        )
        return []
    files = []
    # scandir's entries know whether they are folders or links without a stat per file
    with os.scandir(directory) as entries:
        listed = sorted(entries, key=lambda entry: entry.name)
    prefix = str(directory)
    for entry in listed:
        if entry.name.startswith("."):
            continue
        name = os.path.join(prefix, entry.name)  # noqa: PTH118 (as str(path), without a Path)
        if entry.is_symlink() and _links_outside(loaded, Path(name)):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:  # a link loop is no folder; reading it reports it as unreadable
            is_dir = False
        if is_dir or not entry.name.endswith(".json"):
            what = "folder" if is_dir else "file"
            loaded.problems.append(
                Problem(
                    "unexpected-file",
                    name,
                    "$",
                    f"a {what} that is not a .json data file stands in {folder}/",
                )
            )
            continue
        files.append(name)
    return files


def _number_in_name(name: str) -> int | None:
    """The bank number a file name starts with (``034-customer-service.json``), if any."""
    digits = os.path.basename(name).partition("-")[0]  # noqa: PTH119 (names are str here)
    return int(digits) if digits.isdigit() and digits.isascii() and len(digits) <= 3 else None


def _read(loaded: _Loaded, name: str, kind: Kind) -> Any:  # noqa: ANN401
    """One file through reading, version and schema check, and structuring."""
    raw, problems = read_bytes(name, name)
    document: Any = None
    if raw is not None:
        document, problems = parse_bytes(raw, name)
    if not problems:
        problems = check_version(document, name)
        if not problems:
            # NFC and astral format characters: the part of the text rule no pattern says
            problems = check_schema(kind, document, name, raw)
            problems += _checks.check_texts(kind, document, name, raw)
    if kind == "competency":
        number = document.get("number") if isinstance(document, dict) else None
        if not isinstance(number, int):
            # a file too broken to say its number still names it ("034-..."): classes
            # requiring that number are then not also reported
            number = _number_in_name(name)
        if number is not None:
            loaded.claimed_numbers.add(number)
    if problems:
        loaded.problems.extend(problems)
        return None
    obj, problems = structure(kind, document, name)
    loaded.problems.extend(problems)
    if obj is not None and document.get("notes"):
        loaded.note_problems += _checks.check_note_paths({name: document})
    return obj


def _run(root: Path) -> _Loaded:
    loaded = _Loaded(root)
    release = root / RELEASE_FILE
    if _links_outside(loaded, release):
        pass
    elif release.is_file():
        loaded.release = _read(loaded, str(release), "release")
    else:
        loaded.problems.append(
            Problem(
                "missing-release",
                str(release),
                "$",
                "the data directory has no release.json naming its data version",
            )
        )
    for name in _listing(loaded, "competency_bank"):
        c = _read(loaded, name, "competency")
        if c is not None:
            loaded.competencies.append((name, c))
    for name in _listing(loaded, "classes"):
        jc = _read(loaded, name, "job-class")
        if jc is not None:
            loaded.classes.append((name, jc))
    sources = root / SOURCES_FOLDER
    source_names = {p.name for p in sources.iterdir()} if sources.is_dir() else set()
    loaded.problems += _checks.check_file_names(loaded.competencies, loaded.classes)
    loaded.problems += _checks.check_unique(loaded.competencies, loaded.classes)
    loaded.problems += _checks.check_requirements(loaded.classes, loaded.claimed_numbers)
    loaded.problems += _checks.check_sources(loaded.competencies, loaded.classes, source_names)
    loaded.problems += loaded.note_problems
    return loaded


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cycle collector while loading, and restore its state after.

    Loading makes a few hundred thousand objects and no reference cycles. While they pile
    up, CPython's cycle collector would walk them again and again, to free nothing: at
    11,000 files that takes as long as the loading itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Everything made while paused is still "young", so the first collection after
            # enabling would walk it all. Freezing then unfreezing moves every tracked object
            # (the program's own young ones too) to the oldest generation without walking
            # it; the next full collection sees them all, as it would have anyway.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _data_dir(path: str | Path | None) -> Path:
    if path is None:
        return packaged_data_dir()
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a directory")
    return root


def check(path: str | Path | None = None) -> tuple[Problem, ...]:
    """Every problem in the data directory *path* (the packaged data if None).

    Runs all the checks `load` runs and returns the problems instead of raising them.

    Raises:
        NotADirectoryError: *path* is not a directory.
    """
    root = _data_dir(path)
    with _gc_paused():
        return tuple(_run(root).problems)


def load_uncached(path: str | Path | None = None) -> Bank:
    """Load the data directory *path* (the packaged data if None), without caching."""
    from compbank._bank import Bank, resolve_class  # noqa: PLC0415 (built only on load)

    root = _data_dir(path)
    with _gc_paused():
        loaded = _run(root)
        if loaded.problems or loaded.release is None:
            raise DataError(loaded.problems)
        competencies = {c.number: c for _, c in loaded.competencies}
        # keyed by id(): the records stay alive in `loaded` while classes are resolved
        shared: dict[int, Requirement] = {}
        return Bank(
            competencies.values(),
            (resolve_class(jc, competencies, shared) for _, jc in loaded.classes),
            data_version=loaded.release.data_version,
            released=loaded.release.released,
            path=root,
        )


_packaged: Bank | None = None
_packaged_lock = threading.Lock()


def load(path: str | Path | None = None) -> Bank:
    """Load and check a data directory; return the `Bank`.

    With no argument, the data shipped in the package: loaded on first call (thread-safe)
    and cached, so later calls return the same `Bank`. With *path*, that data directory
    (a checkout's ``data/``), read anew on each call.

    >>> bank = compbank.load()
    >>> bank.data_version
    '1.0.0'

    Raises:
        DataError: the data has problems; ``.problems`` lists every one.
        NotADirectoryError: *path* is not a directory.
    """
    global _packaged  # noqa: PLW0603 (the one cache of the packaged data)
    if path is not None:
        return load_uncached(path)
    if _packaged is None:
        with _packaged_lock:
            if _packaged is None:
                _packaged = load_uncached()
    return _packaged
