"""``compbank show`` and ``compbank list``, run as the installed console script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import compbank

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
_SCRIPT = Path(sys.executable).parent / "compbank"
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "compbank"]
DASH = "\u2013"  # the en dash the published documents put after a competency's name


def compbank_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run(
        [*COMMAND, *args], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )


def flat(text: str) -> str:
    """The text with line wrapping undone, so that sentences can be found whole."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def bank() -> compbank.Bank:
    return compbank.load(DATA)


def test_show_class_is_laid_out_like_the_published_document(bank: compbank.Bank) -> None:
    jc = bank.classes["7521"]
    result = compbank_cli("show", "7521", "--data", str(DATA))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"COMPETENCY MODEL FOR\n{jc.title}\nCLASS CODE 7521\n")
    listing = [f"{r.number}. {r.competency.name}" for r in jc.requirements]
    lines = [line.strip() for line in out.split("\n\n")[2].splitlines()]
    assert lines == listing
    text = flat(out)
    positions = []
    for r in jc.requirements:
        c = r.competency
        heading = f"{c.number}. {c.name.upper()} {DASH} {c.definition}"
        assert heading in text
        positions.append(text.index(heading))
        for indicator in c.behavioral_indicators:
            assert f"- {indicator}" in text
        assert f"Satisfactory {c.satisfactory}" in text
        assert f"Superior {c.superior}" in text
        for i, area in enumerate(r.areas, start=1):
            assert f"{i}. {area}" in text
    assert positions == sorted(positions)
    marked = [line for line in out.splitlines() if line.startswith("> ")]
    known = [r for r in jc.requirements if r.required_level is not None]
    assert len(marked) == len(known) == 2
    for line, r in zip(marked, known, strict=True):
        assert line.startswith(f"> Level {r.required_level} (required): ")
    unknown = len(jc.requirements) - len(known)
    assert out.count("required level unknown") == unknown
    assert f"{len(known)} of {len(jc.requirements)} are known" in text


def test_show_stress_tolerance_marks_level_2_in_7521() -> None:
    # the source emphasises level 2 of competency 13 in class 7521
    out = compbank_cli("show", "7521").stdout
    block = out[out.index("13. STRESS TOLERANCE") : out.index("20. JOB KNOWLEDGE")]
    assert "> Level 2 (required): Insufficient staff" in block
    assert "  Level 1: " in block
    assert "  Level 3: " in block


def test_show_competency_by_number_and_by_name(bank: compbank.Bank) -> None:
    c = bank.competencies[34]
    by_number = compbank_cli("show", "34")
    by_name = compbank_cli("show", "customer service")
    assert by_number.returncode == by_name.returncode == 0
    assert by_number.stdout == by_name.stdout
    text = flat(by_number.stdout)
    assert text.startswith(f"34. CUSTOMER SERVICE {DASH} {c.definition}")
    for n in (1, 2, 3):
        assert f"Level {n}: {c.level(n)}" in text
    assert "(required)" not in text
    for jc in bank.classes_requiring(34):
        assert f"{jc.code} {jc.title} (level unknown)" in text
    assert "[line-break-in-sentence]" in text


def test_show_definition_items_as_bullets(bank: compbank.Bank) -> None:
    c = bank.competencies[28]
    assert c.definition_items
    text = flat(compbank_cli("show", "28").stdout)
    for item in c.definition_items:
        assert f"- {item}" in text


def test_list_names_every_class_and_competency(bank: compbank.Bank) -> None:
    result = compbank_cli("list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    for code, jc in bank.classes.items():
        assert any(line.split()[:1] == [code] and jc.title in line for line in lines)
    for number, c in bank.competencies.items():
        codes = " ".join(jc.code for jc in bank.classes_requiring(number))
        assert any(
            line.split()[:1] == [str(number)] and c.name in line and line.endswith(codes)
            for line in lines
        )


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [("35", "34 (Customer Service)"), ("1231", "1230"), ("leadrship", "53 (Leadership)")],
)
def test_show_unknown_key_exits_2_with_suggestions(key: str, suggestion: str) -> None:
    result = compbank_cli("show", key)
    assert result.returncode == 2
    assert f"no class code or competency {key!r}" in result.stderr
    assert suggestion in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_show_with_missing_data_dir_exits_2() -> None:
    result = compbank_cli("show", "34", "--data", "no/such/dir")
    assert result.returncode == 2
    assert "no/such/dir: no such directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_show_on_invalid_data_exits_1_with_its_problems(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "data" / "release.json").unlink()
    for command in ("show", "list"):
        args = [command, "34"] if command == "show" else [command]
        result = compbank_cli(*args, "--data", str(tmp_path / "data"))
        assert result.returncode == 1
        assert f"{tmp_path}/data/release.json::$: [missing-release]" in result.stderr
        assert "Traceback" not in result.stderr
