"""Checking in worker processes finds exactly what checking in one process finds.

`compbank.check` shares the files of a large data set among worker processes
(`compbank._parallel`) and runs the checks across records on what they send back; it does not
structure records, which only `load` needs. Here the thresholds are lowered so that even the
fixture corpus is checked by workers, and every way of checking is compared with the others:
in workers (forked, and spawned), in one process, and as `load` reports it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compbank
from compbank import _load, _parallel, _read, _schema
from compbank._gc import collector_paused
from compbank._records import JobClassRecord, Release, RequirementRecord
from compbank.models import Competency, Note
from conftest import DATA
from corpus import build, manifest

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from compbank._schema import Kind

NEGATIVE = manifest("negative")
POSITIVE = manifest("positive")
CASES = [("negative", c) for c in sorted(NEGATIVE)] + [("positive", c) for c in sorted(POSITIVE)]
FORK = "fork" in multiprocessing.get_all_start_methods()


@pytest.fixture
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for any number of files, two of them, however many processors there are."""
    monkeypatch.setattr(_parallel, "MIN_FILES_PER_WORKER", {"fork": 1, "spawn": 1})
    monkeypatch.setattr(_parallel, "cpu_count", lambda: 2)


def found(root: Path, method: str | None) -> tuple[list[tuple[str, str, str, str]], int]:
    """The problems of *root* (code, file, path, message) and the files read, checked by
    workers started by *method* (None: in this process)."""
    with collector_paused():
        loaded = _load._run(root, keep=False, jobs=2, method=method)
    return [(p.code, p.file, p.path, p.message) for p in loaded.problems], loaded.files


def by_load(root: Path) -> list[tuple[str, str, str, str]]:
    try:
        compbank.load(root)
    except compbank.DataError as e:
        return [(p.code, p.file, p.path, p.message) for p in e.problems]
    return []


@pytest.mark.skipif(not FORK, reason="processes are not forked here")
@pytest.mark.parametrize(("kind", "case"), CASES, ids=[f"{k}-{c}" for k, c in CASES])
@pytest.mark.usefixtures("any_size")
def test_forked_workers_find_what_one_process_finds(kind: str, case: str, tmp_path: Path) -> None:
    root = build(kind, case, (NEGATIVE if kind == "negative" else POSITIVE)[case], tmp_path)
    in_workers = found(root, "fork")
    assert in_workers == found(root, None)
    assert in_workers[0] == by_load(root)
    assert bool(in_workers[0]) == (kind == "negative")


@pytest.mark.usefixtures("any_size")
def test_spawned_workers_find_what_one_process_finds(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    bank_file = root / "competency_bank" / "034-customer-service.json"
    bank_file.write_text(bank_file.read_text(encoding="utf-8").replace('"number": 34', '"n": 1'))
    class_file = root / "classes" / "9375-director-of-systems.json"
    class_file.write_text("{", encoding="utf-8")
    in_workers = found(root, "spawn")
    assert in_workers == found(root, None)
    assert {p[0] for p in in_workers[0]} >= {"unknown-key", "missing-key", "json-syntax"}


@pytest.mark.skipif(not FORK, reason="processes are not forked here")
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1))
def test_randomly_broken_data_alike_in_workers_in_one_process_and_on_load(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.setattr(_parallel, "MIN_FILES_PER_WORKER", {"fork": 1, "spawn": 1})
    monkeypatch.setattr(_parallel, "cpu_count", lambda: 2)
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
    root = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, root)
    for path in rng.sample(sorted(root.glob("*/*.json")), rng.randint(1, 4)):
        document = json.loads(path.read_text(encoding="utf-8"))
        action = rng.choice(["value", "drop", "add", "text", "rename"])
        if action == "rename":
            path.rename(path.with_name("0" + path.name))
            continue
        if action == "text":
            path.write_text(path.read_text(encoding="utf-8")[: rng.randint(0, 200)])
            continue
        key = rng.choice(sorted(document))
        if action == "drop":
            del document[key]
        elif action == "add":
            document[rng.choice(["extra", "notes", "number", "code"])] = rng.choice([1, "x", []])
        else:
            document[key] = rng.choice([None, 0, 4, 1000, "", "x", [], {}, [1], "$.nowhere"])
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    in_workers = found(root, "fork")
    assert in_workers == found(root, None)
    assert in_workers[0] == by_load(root)


# ---- checking without structuring -------------------------------------------------------


def _properties(schema: dict[str, Any], ref: str | None = None) -> tuple[set[str], set[str]]:
    """The property names and the required ones of the (sub)schema at *ref*."""
    node = schema if ref is None else schema["$defs"][ref]
    assert node.get("additionalProperties") is False, ref
    return set(node["properties"]), set(node["required"])


@pytest.mark.parametrize(
    ("kind", "ref", "model"),
    [
        ("competency", None, Competency),
        ("competency", "note", Note),
        ("job-class", None, JobClassRecord),
        ("job-class", "requirement", RequirementRecord),
        ("job-class", "note", Note),
        ("release", None, Release),
    ],
)
def test_every_schema_valid_document_structures(kind: Kind, ref: str | None, model: type) -> None:
    # `check` reads schema-valid documents and never structures them; that finds what `load`
    # finds only while a document valid against its schema always structures: each object
    # the schema allows holds exactly the model's fields, every one required but those the
    # model has a default for (a requirement's `page`, schema version 2)
    properties, required = _properties(_schema.schema(kind), ref)
    fields = {f.name: f for f in attrs.fields(model)}
    assert properties - {"$schema"} == set(fields)
    optional = properties - required
    assert all(fields[name].default is not attrs.NOTHING for name in optional), optional
    assert required | {"page"} >= properties


def _admitted_depth(schema: dict[str, Any], node: dict[str, Any], seen: frozenset[str]) -> int:
    """How deep a document valid against *node* (within *schema*) can nest."""
    ref = node.get("$ref")
    if ref is not None:
        assert ref.startswith("#/$defs/"), ref
        assert ref not in seen, f"{ref} refers to itself: no bound"
        target = schema["$defs"][ref.removeprefix("#/$defs/")]
        return _admitted_depth(schema, target, seen | {ref})
    if "enum" in node or "const" in node:  # only these values (all flat here)
        values = node.get("enum", [node.get("const")])
        assert not any(isinstance(v, (dict, list)) for v in values), node
        return 0
    types = node.get("type")
    assert types is not None, f"{node} admits any value: no bound"
    types = [types] if isinstance(types, str) else types
    depth = 0
    if "object" in types:
        assert node.get("additionalProperties") is False, node
        inner = [_admitted_depth(schema, sub, seen) for sub in node["properties"].values()]
        depth = max(depth, 1 + max(inner, default=0))
    if "array" in types:
        depth = max(depth, 1 + _admitted_depth(schema, node["items"], seen))
    return depth


@pytest.mark.parametrize("kind", ["competency", "job-class", "release"])
def test_the_schemas_bound_nesting(kind: Kind) -> None:
    # a file that jsonschema-rs passes is not measured for depth on reading (`_load`): its
    # schema, closed at every level, cannot admit anything deeper than reading allows
    schema = _schema.schema(kind)
    assert _admitted_depth(schema, schema, frozenset()) <= _read.MAX_DEPTH


def test_a_deep_file_is_too_deep_however_it_is_checked(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    path = root / "competency_bank" / "034-customer-service.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"aliases": []', '"aliases": ' + "[" * 40 + "]" * 40))
    problems = {(p.code, p.path) for p in compbank.check(root)}
    assert problems == {("too-deep", "$")}
    assert {(p.code, p.path) for p in by_load_problems(root)} == problems


def by_load_problems(root: Path) -> tuple[compbank.Problem, ...]:
    with pytest.raises(compbank.DataError) as raised:
        compbank.load(root)
    return raised.value.problems


# ---- the workers themselves ---------------------------------------------------------------


def test_files_are_shared_in_order_and_evenly() -> None:
    items = list(range(103))
    chunks = _parallel._split(items, 8)
    assert [x for chunk in chunks for x in chunk] == items
    assert {len(chunk) for chunk in chunks} == {12, 13}
    assert _parallel._split([1, 2], 8) == [[1], [2]]


def test_workers_only_where_they_pay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parallel, "cpu_count", lambda: 4)
    fork = _parallel.MIN_FILES_PER_WORKER["fork"]
    spawn = _parallel.MIN_FILES_PER_WORKER["spawn"]
    assert _parallel.worker_count(2 * fork - 1, "fork") == 0
    assert _parallel.worker_count(2 * fork, "fork") == 2
    assert _parallel.worker_count(100 * fork, "fork") == 4
    assert _parallel.worker_count(100 * fork, "fork", jobs=3) == 3
    assert _parallel.worker_count(100 * fork, "fork", jobs=1) == 0
    assert _parallel.worker_count(100 * fork, None) == 0
    assert _parallel.worker_count(2 * fork, "spawn") == 0
    assert _parallel.worker_count(2 * spawn, "spawn") == 2
    pure = 2 * fork // _parallel.PURE_FILE_COST  # files that jsonschema alone checks
    assert _parallel.worker_count(pure, "fork") == 0
    assert _parallel.worker_count(pure, "fork", pure=True) == 2
    monkeypatch.setattr(_parallel, "cpu_count", lambda: 1)
    assert _parallel.worker_count(100 * spawn, "fork") == 0


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _parallel.start_method(allow_spawn=False) is None
        assert _parallel.start_method(allow_spawn=True) == "spawn"
    finally:
        stop.set()
        other.join()
    if FORK and sys.platform.startswith("linux") and threading.active_count() == 1:
        # a joined thread leaves the process's list of threads a moment after join returns
        deadline = time.monotonic() + 5
        while len(os.listdir("/proc/self/task")) > 1 and time.monotonic() < deadline:  # noqa: PTH208
            time.sleep(0.001)
        assert _parallel.start_method(allow_spawn=False) == "fork"


def _how_workers_start_here(_: object) -> str | None:
    return _parallel.start_method(allow_spawn=True)


@pytest.mark.skipif(not FORK, reason="processes are not forked here")
def test_no_workers_from_a_worker_of_a_multiprocessing_pool() -> None:
    # its workers are daemons, which multiprocessing allows no process of their own
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.map(_how_workers_start_here, [None]) == [None]


def _double(items: Sequence[int]) -> list[int]:
    return [2 * i for i in items]


_PARENT = os.getpid()


def _double_but_die_in_a_worker(items: Sequence[int]) -> list[int]:
    if os.getpid() != _PARENT and 7 in items:
        os._exit(1)  # a worker killed half-way, as by running out of memory
    return _double(items)


def _double_but_fail_in_a_worker(items: Sequence[int]) -> list[int]:
    if os.getpid() != _PARENT:
        raise MemoryError  # what a worker alone may run into
    return _double(items)


def _fail(items: Sequence[int]) -> list[int]:
    raise ValueError(items)


@pytest.mark.skipif(not FORK, reason="processes are not forked here")
def test_an_error_in_the_work_itself_is_raised() -> None:
    with pytest.raises(ValueError, match=r"\["):
        _parallel.map_chunks(_fail, list(range(50)), workers=2, method="fork")


@pytest.mark.skipif(not FORK, reason="processes are not forked here")
@pytest.mark.parametrize(
    "work", [_double, _double_but_die_in_a_worker, _double_but_fail_in_a_worker]
)
def test_results_come_back_in_order_even_if_a_worker_dies(work: Any) -> None:
    done: list[int] = []
    items = list(range(50))
    assert _parallel.map_chunks(work, items, workers=2, method="fork", done=done.append) == [
        2 * i for i in items
    ]
    assert sum(done) >= len(items)


def test_without_processes_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures  # noqa: PLC0415

    def refuse(*_: object, **__: object) -> None:
        raise OSError("no semaphores here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    assert _parallel.map_chunks(_double, [1, 2, 3], workers=2, method="fork") == [2, 4, 6]


@pytest.mark.usefixtures("any_size")
def test_progress_counts_every_file(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    for jobs in (1, 2):
        seen: list[tuple[int, int]] = []

        def report(done: int, total: int, seen: list[tuple[int, int]] = seen) -> None:
            seen.append((done, total))

        result = _load.run_check(root, jobs=jobs, progress=report)
        assert result.problems == ()
        files = len(list(root.glob("*/*.json")))
        assert result.files == files + 1  # and release.json
        assert seen[-1] == (files, files)
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_checking_makes_no_records() -> None:
    # checking reads the schema-valid documents; cattrs, which makes records, is not even
    # imported (and loading still makes them); nor is multiprocessing, for data this small
    code = (
        "import sys, compbank\n"
        "assert compbank.check() == ()\n"
        "assert 'cattrs' not in sys.modules\n"
        "assert 'multiprocessing' not in sys.modules\n"
        "assert compbank.load().competencies[34].name == 'Customer Service'\n"
        "assert 'cattrs' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
