"""One mistake, one problem: each single edit of the corpus gives exactly its problems.

The corpus (`single_edits.EDITS`) edits a copy of the real data once per case: a number, a
name, a level, a requirement, an area, a note, a version or a source changed, removed or
duplicated, the JSON broken, a file renamed or deleted. Each case is checked in one
process, by `load`, and in worker processes (forked, the thresholds lowered), which must all
report the same problems; `tests/test_fastpath.py` checks the corpus against the exact path.
"""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

import compbank
from compbank import _load, _parallel
from compbank._gc import collector_paused
from conftest import DATA
from single_edits import EDITS

KINDS = sorted(EDITS)


@pytest.fixture(params=KINDS)
def edited(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    EDITS[request.param].edit(root)
    return root, request.param


def relative(
    root: Path, problems: tuple[compbank.Problem, ...] | list[compbank.Problem]
) -> list[tuple[str, str, str]]:
    return [(p.code, Path(p.file).relative_to(root).as_posix(), p.path) for p in problems]


def test_the_corpus_is_large_and_explains_itself() -> None:
    assert len(EDITS) >= 30
    for case in EDITS.values():
        assert len(case.problems) == len(set(case.problems))
        # several problems for one edit are explained; one or none needs no word
        assert bool(case.why) == (len(case.problems) > 1)


def test_each_edit_gives_exactly_its_problems(edited: tuple[Path, str]) -> None:
    root, kind = edited
    found = compbank.check(root)
    assert relative(root, found) == EDITS[kind].problems
    if found:
        with pytest.raises(compbank.DataError) as raised:
            compbank.load(root)
        assert raised.value.problems == found
    else:
        compbank.load(root)


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="processes are not forked here"
)
def test_worker_processes_report_the_same(
    edited: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = edited
    monkeypatch.setattr(_parallel, "MIN_FILES_PER_WORKER", {"fork": 1, "spawn": 1})
    monkeypatch.setattr(_parallel, "cpu_count", lambda: 2)
    with collector_paused():
        in_workers = _load._run(root, keep=False, jobs=2, method="fork").problems
    assert in_workers == list(compbank.check(root))


def test_first_requirement_unknown_is_one_problem(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    EDITS["class-first-requirement-unknown"].edit(root)
    (problem,) = compbank.check(root)
    assert (problem.code, problem.message) == (
        "unknown-competency",
        "competency 999 is not in the bank",
    )
