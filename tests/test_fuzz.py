"""Fuzzing the loader: whatever a data file holds, the outcome is problems, never a crash.

Random bytes, random JSON values, and valid documents with one value replaced by a random one
are written into a copy of the minimal data set. `check` must return problems without raising,
each problem well formed; `load` must raise `DataError` with those same problems (and only
when there are some); `compbank validate` must exit cleanly.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compbank
from compbank.diff import WARNINGS, diff_dirs, to_dict, to_markdown
from compbank.problems import CODES
from corpus import CLASS_FILE, MINIMAL, build

#: Where fuzzed content is put: each kind of data file, replaced or added.
PLACES = [
    "release.json",
    CLASS_FILE,
    "competency_bank/022-computer-proficiency.json",
    "classes/9999-fuzzed.json",
    "competency_bank/999-fuzzed.json",
]

#: Texts, including some that are not valid Unicode: a lone surrogate is legal JSON ("\ud800").
fuzz_texts = st.text(max_size=10) | st.text(
    st.characters(categories=["Cs", "L", "Zs"]), min_size=1, max_size=3
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | fuzz_texts,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(fuzz_texts, children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place in *value*, as key/index steps (the root first)."""
    places: list[tuple[str | int, ...]] = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            places += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            places += _paths(v, (*path, i))
    return places


@st.composite
def replaced_values(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid data file of the minimal set with one of its values replaced by a random one."""
    place = draw(st.sampled_from(PLACES[:3]))
    document = json.loads((MINIMAL / place).read_text(encoding="utf-8"))
    steps = draw(st.sampled_from(_paths(document)[1:]))
    changed = copy.deepcopy(document)
    parent = changed
    for step in steps[:-1]:
        parent = parent[step]
    parent[steps[-1]] = draw(json_values | st.sampled_from([0, 4, 1000, -1, "", " x", "2"]))
    return place, json.dumps(changed, indent=2).encode()


def assert_clean_outcome(root: Path) -> None:
    problems = compbank.check(root)
    for p in problems:
        assert p.code in CODES
        assert p.file.startswith(str(root))
        assert p.path.startswith("$")
        assert p.message
    if problems:
        with pytest.raises(compbank.DataError) as raised:
            compbank.load(root)
        assert raised.value.problems == problems
    else:
        compbank.load(root)


def fuzzed(where: Path, place: str, content: bytes) -> Path:
    root = build("positive", "minimal", {}, where)
    (root / place).write_bytes(content)
    return root


@given(st.sampled_from(PLACES), st.binary(max_size=200))
def test_random_bytes_give_problems_not_crashes(place: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        assert_clean_outcome(fuzzed(Path(tmp), place, content))


@given(st.sampled_from(PLACES), json_values)
def test_random_json_values_give_problems_not_crashes(place: str, value: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        assert_clean_outcome(fuzzed(Path(tmp), place, json.dumps(value).encode()))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(replaced_values())
def test_one_value_replaced_gives_problems_not_crashes(case: tuple[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        assert_clean_outcome(fuzzed(Path(tmp), *case))


@given(
    st.one_of(
        replaced_values(),
        st.tuples(st.sampled_from(PLACES), st.binary(max_size=100)),
        st.tuples(st.sampled_from(PLACES), json_values.map(json.dumps).map(str.encode)),
    )
)
def test_diff_of_fuzzed_files_gives_an_answer(case: tuple[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = build("positive", "minimal", {}, Path(tmp) / "base")
        head = fuzzed(Path(tmp) / "head", *case)
        for a, b in ((base, head), (head, base), (head, head)):
            diff = diff_dirs(a, b)
            assert {w.code for w in diff.warnings} <= set(WARNINGS)
            to_markdown(diff)
            json.dumps(to_dict(diff))
        assert not diff_dirs(head, head).changed


def _has_validate() -> bool:
    from compbank.cli import COMMANDS  # noqa: PLC0415

    return "validate" in COMMANDS


# Each example starts a process, so this runs a tenth of the profile's examples (at least 3).
@pytest.mark.skipif(not _has_validate(), reason="this compbank has no 'validate' command")
@settings(max_examples=max(3, settings().max_examples // 10))
@given(
    st.sampled_from(PLACES), st.binary(max_size=100) | json_values.map(json.dumps).map(str.encode)
)
def test_validate_exits_cleanly_on_fuzzed_files(place: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = fuzzed(Path(tmp), place, content)
        result = subprocess.run(
            [sys.executable, "-m", "compbank", "validate", str(root)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        expected = 1 if compbank.check(root) else 0
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == expected
