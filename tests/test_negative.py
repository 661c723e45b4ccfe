"""The adversarial corpus: every negative case is refused with exactly its expected problems,
every positive case loads, and through the command line none ends in a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

import pytest

import compbank
from compbank.problems import CODES
from corpus import CLASS_FILE, FIXTURES, GENERATORS, build, manifest

if TYPE_CHECKING:
    from pathlib import Path

    from compbank.problems import Problem

NEGATIVE = manifest("negative")
POSITIVE = manifest("positive")


def expected_problems(root: Path, case: str) -> set[tuple[str, str, str]]:
    return {(p["code"], str(root / p["file"]), p["path"]) for p in NEGATIVE[case]["problems"]}


def check_within(root: Path, seconds: float) -> tuple[Problem, ...]:
    """`compbank.check`, failing the test rather than hanging if reading blocks (a pipe)."""
    result: list[tuple[Problem, ...]] = []
    raised: list[BaseException] = []

    def run() -> None:
        try:
            result.append(compbank.check(root))
        except BaseException as e:  # noqa: BLE001 (re-raised in the test's thread)
            raised.append(e)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if raised:
        raise raised[0]
    if not result:
        pytest.fail(f"check({root}) did not finish within {seconds} s")
    return result[0]


@pytest.mark.parametrize("case", sorted(NEGATIVE))
def test_negative_case_is_refused_with_its_problems(case: str, tmp_path: Path) -> None:
    root = build("negative", case, NEGATIVE[case], tmp_path)
    expected = expected_problems(root, case)

    problems = check_within(root, seconds=60)
    assert {(p.code, p.file, p.path) for p in problems} == expected
    assert len(problems) == len(expected)
    assert all(isinstance(p.message, str) and p.message for p in problems)
    if "message" in NEGATIVE[case]:
        # the one place a message matters: it must say where in the file (line, column)
        assert all(NEGATIVE[case]["message"] in p.message for p in problems)

    with pytest.raises(compbank.DataError) as raised:
        compbank.load(root)
    assert raised.value.problems == problems


@pytest.mark.parametrize("case", sorted(POSITIVE))
def test_positive_case_loads(case: str, tmp_path: Path) -> None:
    entry = POSITIVE[case]
    root = build("positive", case, entry, tmp_path)
    assert compbank.check(root) == ()
    bank = compbank.load(root)
    assert list(bank.competencies) == entry["competencies"]
    assert list(bank.classes) == entry["classes"]
    for jc in bank.classes.values():
        for r in jc.requirements:
            assert r.competency is bank.competencies[r.number]


def test_the_manifests_describe_the_fixtures() -> None:
    for kind, cases in (("negative", NEGATIVE), ("positive", POSITIVE)):
        folders = {p.name for p in (FIXTURES / kind).iterdir() if p.is_dir()}
        assert folders <= set(cases), f"{kind}/ folders without an entry in expected.json"
        for case, entry in cases.items():
            assert entry.get("why"), f"{kind} case {case} does not say what it shows"
            made = case in folders or entry.get("remove") or entry.get("generate")
            assert made, f"{kind} case {case} changes nothing"
            if "generate" in entry:
                assert entry["generate"] in GENERATORS, f"{kind} case {case}: no such generator"
    for case, entry in NEGATIVE.items():
        assert entry["problems"], f"negative case {case} expects no problem"
        assert {p["code"] for p in entry["problems"]} <= set(CODES), case


def _validate(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "compbank", "validate", str(root)],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
        check=False,
        env={**os.environ, **env},
    )


def _needs_validate() -> None:
    from compbank.cli import COMMANDS  # noqa: PLC0415

    if "validate" not in COMMANDS:
        pytest.skip("this compbank has no 'validate' command")


@pytest.mark.parametrize("case", sorted(NEGATIVE))
def test_validate_refuses_negative_case_without_traceback(case: str, tmp_path: Path) -> None:
    _needs_validate()
    root = build("negative", case, NEGATIVE[case], tmp_path)
    result = _validate(root)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1
    for p in NEGATIVE[case]["problems"]:
        assert f"[{p['code']}]" in result.stdout + result.stderr


@pytest.mark.parametrize("case", sorted(POSITIVE))
def test_validate_accepts_positive_case(case: str, tmp_path: Path) -> None:
    _needs_validate()
    root = build("positive", case, POSITIVE[case], tmp_path)
    result = _validate(root)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 0


def test_validate_reports_names_and_texts_its_output_cannot_encode(tmp_path: Path) -> None:
    _needs_validate()
    root = build("positive", "minimal", POSITIVE["minimal"], tmp_path)
    # a file name that is not UTF-8 (Linux file names are bytes) ...
    try:
        odd = root / "classes" / os.fsdecode(b"caf\xe9.txt")
        odd.write_text("not data\n", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 file names")
    # ... and a title outside ASCII in a message
    cls = root / CLASS_FILE
    cls.write_text(
        cls.read_text(encoding="utf-8").replace("CUSTOMER SERVICE", "CLIENTÈLE 顧客"),
        encoding="utf-8",
    )
    expected = {("unexpected-file", str(odd)), ("file-name-mismatch", str(cls))}
    assert {(p.code, p.file) for p in compbank.check(root)} == expected

    # output to a pipe in an encoding that has neither (as on a Windows console or a C locale)
    result = _validate(root, PYTHONIOENCODING="ascii")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert "[unexpected-file]" in result.stdout
    assert "[file-name-mismatch]" in result.stdout
