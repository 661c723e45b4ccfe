"""Loading a data directory: read, schema check, structure, cross-record checks, `Bank`.

`check` runs every step and returns the problems; `load` returns a `Bank` or raises one
`DataError` holding every problem. Both read each file once.

Each data file goes through the steps that need only that file on its own (`_check_file`:
reading, the schema, structuring, and the checks of one record); the checks across records
then read only a few keys of each (numbers, names, codes). So `check` can share the files
out among worker processes on a large data set and get back problems and keys alone
(`compbank._parallel`); `load`, which needs the records themselves, works in one process,
since sending records back would cost more than it saves.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from compbank import _checks
from compbank._gc import collector_paused
from compbank._parallel import map_chunks, start_method, worker_count
from compbank._paths import packaged_data_dir
from compbank._read import parse_bytes, read_bytes, too_deep
from compbank._schema import (
    Kind,
    certainly_valid,
    check_schema,
    check_version,
    fast_validator,
)
from compbank.problems import DataError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from collections.abc import Set as AbstractSet

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
        #: the data files read: release.json and the JSON files of the folders
        self.files = 0
        # numbers that bank files claim, even invalid ones (see `_Checked.claimed`)
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


class _Checked(NamedTuple):
    """What the steps of one file found in it, and what the checks across records need of it.

    Problems are kept by the step that found them: `_run` reports every file's reading,
    schema and structure problems first, then every file's name problems, and so on.
    """

    #: the structured record (a `Competency`, `JobClassRecord` or `Release`); None if the
    #: file has problems, or where the record was not asked for (from a worker process)
    record: Any
    #: what the checks across records read of the file: (number, names) of a competency,
    #: (code, the numbers it requires) of a class; None if the file has problems
    keys: tuple[Any, ...] | None
    #: reading, schema version, JSON Schema and structuring
    problems: list[Problem]
    #: the checks of one record: its file name, its sources, the paths its notes name
    name_problems: list[Problem]
    source_problems: list[Problem]
    note_problems: list[Problem]
    #: the bank numbers a competency file claims, even an invalid one: by its content and by
    #: its file name, so that one broken or misnumbered bank file does not also make every
    #: class requiring its number report an unknown competency
    claimed: tuple[int, ...]


def _read_valid(name: str, kind: Kind) -> tuple[Any, list[Problem]]:
    """Read, parse and check against its schema the file *name*: (document, problems)."""
    raw, problems = read_bytes(name, name)
    if raw is None:
        return None, problems
    # how deep the document nests is measured only where jsonschema-rs does not pass it:
    # where it does, the schema (closed at every level) bounds the nesting
    document, problems = parse_bytes(raw, name, measure_depth=False)
    if problems:
        return document, problems
    valid = certainly_valid(kind, document)
    if not valid and too_deep(document):
        return parse_bytes(raw, name)  # which says so, as reading a file always does
    problems = check_version(document, name, kind)
    if problems:
        return document, problems
    if not valid:
        problems = check_schema(kind, document, name)
    # NFC and astral format characters: the part of the text rule no pattern says
    return document, problems + _checks.check_texts(kind, document, name, raw)


def _check_file(
    name: str, kind: Kind, source_names: AbstractSet[str], *, keep: bool = True
) -> _Checked:
    """One file through every step that needs only that file; with its record if *keep*.

    Structuring is done only for the record: checking needs no record, as every check reads
    the schema-valid document, and a document valid against its schema always structures
    (`tests/test_parallel.py` holds the schemas and the models to that).
    """
    document, problems = _read_valid(name, kind)
    claimed: tuple[int, ...] = ()
    if kind == "competency":
        number = document.get("number") if isinstance(document, dict) else None
        in_name = _number_in_name(name)
        claimed = tuple(n for n in (number, in_name) if isinstance(n, int))
    if problems:
        return _Checked(None, None, problems, [], [], [], claimed)
    record = None
    if keep:
        # imported here: cattrs takes as long to import as checking a hundred files
        from compbank._structure import structure  # noqa: PLC0415

        record, problems = structure(kind, document, name)
        if record is None:
            return _Checked(None, None, problems, [], [], [], claimed)
    if kind == "release":
        return _Checked(record, (), [], [], [], [], ())
    if kind == "competency":
        keys = (document["number"], (document["name"], *document["aliases"]))
    else:
        keys = (document["code"], tuple([r["competency"] for r in document["requirements"]]))
    return _Checked(
        record,
        keys,
        [],
        _checks.check_file_name(name, document),
        _checks.check_sources(name, document, source_names),
        _checks.check_note_paths({name: document}) if document["notes"] else [],
        claimed,
    )


def _check_chunk(
    files: Sequence[tuple[str, Kind]], source_names: AbstractSet[str]
) -> list[_Checked]:
    """`_check_file` for each of *files*, without records: a worker process's share."""
    return [_check_file(name, kind, source_names, keep=False) for name, kind in files]


def _read_release(loaded: _Loaded, *, keep: bool) -> None:
    release = loaded.root / RELEASE_FILE
    if _links_outside(loaded, release):
        return
    if not release.is_file():
        loaded.problems.append(
            Problem(
                "missing-release",
                str(release),
                "$",
                "the data directory has no release.json naming its data version",
            )
        )
        return
    checked = _check_file(str(release), "release", frozenset(), keep=keep)
    loaded.problems += checked.problems
    loaded.release = checked.record
    loaded.files += 1


#: The files of one folder, and the problems its listing found (what else stands there).
_Folder = tuple[list[tuple[str, Kind]], list[Problem]]


def _list_folders(loaded: _Loaded) -> list[_Folder]:
    folders: list[_Folder] = []
    for folder, kind in FOLDERS.items():
        problems_before = len(loaded.problems)
        names = _listing(loaded, folder)
        folders.append(([(name, kind) for name in names], loaded.problems[problems_before:]))
        del loaded.problems[problems_before:]
        loaded.files += len(names)
    return folders


def _check_across(loaded: _Loaded, files: list[tuple[str, Kind]], results: list[_Checked]) -> None:
    """Keep the records, then run the checks across records on the keys of every file."""
    competencies: list[tuple[str, int, tuple[str, ...]]] = []
    classes: list[tuple[str, str, tuple[int, ...]]] = []
    for (name, kind), c in zip(files, results, strict=True):
        loaded.claimed_numbers.update(c.claimed)
        if c.keys is None:
            continue
        if kind == "competency":
            competencies.append((name, *c.keys))
            if c.record is not None:
                loaded.competencies.append((name, c.record))
        else:
            classes.append((name, *c.keys))
            if c.record is not None:
                loaded.classes.append((name, c.record))
    name_problems = [p for c in results for p in c.name_problems]
    loaded.problems += name_problems
    loaded.problems += _checks.check_unique(
        competencies, [(f, code) for f, code, _ in classes], {p.file for p in name_problems}
    )
    loaded.problems += _checks.check_requirements(
        [(f, numbers) for f, _, numbers in classes], loaded.claimed_numbers
    )
    loaded.problems += [p for c in results for p in c.source_problems]
    loaded.problems += [p for c in results for p in c.note_problems]


def _run(
    root: Path,
    *,
    keep: bool,
    jobs: int | None = None,
    method: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> _Loaded:
    """Every check of the data directory *root*, with the records if *keep*.

    Without *keep*, and given a *method* of starting processes, the data files are checked
    in up to *jobs* worker processes where there are enough of them (`worker_count`).
    *progress* is called with (files checked, files in all) as they are checked.
    """
    loaded = _Loaded(root)
    _read_release(loaded, keep=keep)
    folders = _list_folders(loaded)
    sources = root / SOURCES_FOLDER
    source_names = frozenset(p.name for p in sources.iterdir()) if sources.is_dir() else set()
    files = [file for folder_files, _ in folders for file in folder_files]
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, len(files))

    pure = fast_validator("competency") is None
    workers = 0 if keep else worker_count(len(files), method, jobs, pure=pure)
    if workers and method is not None:
        for kind in FOLDERS.values():
            fast_validator(kind)  # built once here, rather than in each worker
        work = functools.partial(_check_chunk, source_names=source_names)
        results = map_chunks(work, files, workers=workers, method=method, done=advance)
    else:
        results = []
        for name, kind in files:
            results.append(_check_file(name, kind, source_names, keep=keep))
            advance(1)
    # each folder's listing problems, then its files' problems, as if read one by one
    first = 0
    for folder_files, listing_problems in folders:
        loaded.problems += listing_problems
        for c in results[first : first + len(folder_files)]:
            loaded.problems += c.problems
        first += len(folder_files)
    _check_across(loaded, files, results)
    return loaded


def _data_dir(path: str | Path | None) -> Path:
    if path is None:
        return packaged_data_dir()
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"{root} is not a directory")
    return root


@attrs.frozen
class Report:
    """What checking a data directory found: every problem, and how many data files it read."""

    problems: tuple[Problem, ...]
    files: int


def run_check(
    path: str | Path | None = None,
    *,
    jobs: int | None = None,
    spawn: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """`check`, saying also how many files it read, with a say in how the work is done.

    On a large data set the files are checked in worker processes, one per processor
    (*jobs* at most; 1 means none), where they can be forked (Linux, this process running one
    thread) or, with *spawn*, started anew; see `compbank._parallel`. Pass *spawn* only from a
    program whose main module does its work under ``if __name__ == "__main__"``. *progress*
    is called with (files checked, files in all) as the files are checked.
    """
    root = _data_dir(path)
    method = start_method(allow_spawn=spawn)
    with collector_paused():
        loaded = _run(root, keep=False, jobs=jobs, method=method, progress=progress)
        return Report(tuple(loaded.problems), loaded.files)


def check(path: str | Path | None = None) -> tuple[Problem, ...]:
    """Every problem in the data directory *path* (the packaged data if None).

    Runs all the checks `load` runs and returns the problems instead of raising them. On a
    large data set, where processes can be forked (Linux), the files are checked in worker
    processes, one per processor.

    Raises:
        NotADirectoryError: *path* is not a directory.
    """
    return run_check(path).problems


def load_uncached(path: str | Path | None = None) -> Bank:
    """Load the data directory *path* (the packaged data if None), without caching."""
    from compbank._bank import Bank, resolve_class  # noqa: PLC0415 (built only on load)

    root = _data_dir(path)
    with collector_paused():
        loaded = _run(root, keep=True)
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
