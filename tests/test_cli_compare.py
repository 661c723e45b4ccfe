"""``compbank compare``: text and JSON say what `Bank.compare` says, for every pair of classes."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import compbank
from compbank.cli import main
from compbank.cli.compare import GROUPS
from conftest import DATA, REPO, read_json, write_json

if TYPE_CHECKING:
    from compbank import Comparison, Competency

_SCRIPT = Path(sys.executable).parent / "compbank"
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "compbank"]
CODES = ("1230", "1336", "7521", "7625", "9375")
PAIRS = list(itertools.product(CODES, repeat=2))


def console_script(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed ``compbank`` script (``python -m compbank`` where there is none)."""
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run(
        [*COMMAND, *args], cwd=REPO, capture_output=True, text=True, check=False, env=env
    )


@pytest.fixture(scope="module")
def bank() -> compbank.Bank:
    return compbank.load(DATA)


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the data where class 1230 requires 13 at level 1 and 20 at level 1, so that
    moving to 7521 (13 at level 2, 20 at level 1) raises one level and keeps one; the real
    data has no pair of classes with both levels known."""
    data = tmp_path_factory.mktemp("edited") / "data"
    shutil.copytree(DATA, data)
    path = data / "classes" / "1230-customer-service-representative.json"
    document = read_json(path)
    for r in document["requirements"]:
        if r["competency"] in (13, 20):
            r["required_level"] = 1
    write_json(path, document)
    return data


def run(capsys: pytest.CaptureFixture[str], *args: str, data: Path = DATA) -> str:
    assert main(["compare", *args, "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def expected(change: Comparison) -> dict[str, list[tuple[int, int | None, int | None]]]:
    """Each group of *change* as (number, level in FROM, level in TO); None: not required or
    unknown (the JSON tells the two apart)."""

    def levels(c: Competency) -> tuple[int, int | None, int | None]:
        a = change.from_class.requirement(c.number)
        b = change.to_class.requirement(c.number)
        return (
            c.number,
            a.required_level if a is not None else None,
            b.required_level if b is not None else None,
        )

    return {
        "added": [levels(r.competency) for r in change.added],
        "dropped": [levels(r.competency) for r in change.dropped],
        "raised": [(x.competency.number, x.from_level, x.to_level) for x in change.raised],
        "lowered": [(x.competency.number, x.from_level, x.to_level) for x in change.lowered],
        "same": [levels(c) for c in change.same],
        "unknown": [levels(c) for c in change.unknown],
    }


def check_json(out: str, bank: compbank.Bank, frm: str, to: str) -> None:
    """The JSON output *out* says what ``bank.compare(frm, to)`` says."""
    change = bank.compare(frm, to)
    data = json.loads(out)
    assert data["data_version"] == bank.data_version
    assert data["from"] == {"code": frm, "title": bank.classes[frm].title}
    assert data["to"] == {"code": to, "title": bank.classes[to].title}
    assert list(data) == ["data_version", "from", "to", *GROUPS]
    got: dict[str, list[tuple[int, int | None, int | None]]] = {}
    for group in GROUPS:
        got[group] = []
        for e in data[group]:
            c = bank.competencies[e["number"]]
            assert e["name"] == c.name
            # added has no FROM side, dropped no TO side; both sides everywhere else
            assert (e["from"] is None) == (group == "added")
            assert (e["to"] is None) == (group == "dropped")
            for side in (e["from"], e["to"]):
                if side is not None:
                    level = side["level"]
                    assert side["description"] == (None if level is None else c.level(level))
            got[group].append(
                (
                    e["number"],
                    e["from"]["level"] if e["from"] else None,
                    e["to"]["level"] if e["to"] else None,
                )
            )
    assert got == expected(change)


def parse_text(text: str) -> dict[str, list[tuple[int, str]]]:
    """The text output's groups: each entry's number and its block (the line and the level
    descriptions below it, unwrapped)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    current: list[tuple[int, str]] = []
    for line in text.splitlines():
        heading = re.match(r"^(\w+) \((\d+)\): ", line)
        entry = re.match(r"^  (\d+)\. ", line)
        if heading:
            current = groups.setdefault(heading[1].lower(), [])
            assert heading[2].isdigit()
        elif entry:
            current.append((int(entry[1]), line.strip()))
        elif line.startswith("      ") and current:
            number, block = current[-1]
            current[-1] = (number, f"{block} {line.strip()}")
    return groups


def check_text(out: str, bank: compbank.Bank, frm: str, to: str) -> None:
    """The text output *out* says what ``bank.compare(frm, to)`` says, with the levels'
    descriptions."""
    change = bank.compare(frm, to)
    assert out.startswith(
        f"From {frm} {bank.classes[frm].title}\nto   {to} {bank.classes[to].title}\n"
    )
    groups = parse_text(out)
    assert list(groups) == list(GROUPS)
    want = expected(change)
    for group in GROUPS:
        assert [n for n, _ in groups[group]] == [n for n, _, _ in want[group]], group
        assert f"{group.capitalize()} ({len(want[group])}): " in out
        for (number, block), (_, a, b) in zip(groups[group], want[group], strict=True):
            c = bank.competencies[number]
            assert block.startswith(f"{number}. {c.name}: ")
            described = [level for level in (a, b) if level is not None]
            for level in described:
                assert f"Level {level}: {c.level(level)}" in block
                # once, even where both classes require it at that level
                assert block.count(f"Level {level}:") == 1
            # a level not concerned is not shown
            for level in {1, 2, 3} - set(described):
                assert f"Level {level}:" not in block
            if group == "same":
                assert block.endswith(f": level {a} in both") or f"level {a} in both " in block
            elif group == "unknown" and a is None and b is None:
                assert f"{c.name}: level unknown in both" in block
            else:
                where = [
                    f"level {'unknown' if level is None else level} in {code}"
                    for level, code, side in ((a, frm, "from"), (b, to, "to"))
                    if not (group == "added" and side == "from")
                    and not (group == "dropped" and side == "to")
                ]
                assert block.startswith(f"{number}. {c.name}: {', '.join(where)}")


@pytest.mark.parametrize(("frm", "to"), PAIRS)
def test_json_agrees_with_bank_compare(
    capsys: pytest.CaptureFixture[str], bank: compbank.Bank, frm: str, to: str
) -> None:
    check_json(run(capsys, frm, to, "--format", "json"), bank, frm, to)


@pytest.mark.parametrize(("frm", "to"), PAIRS)
def test_text_agrees_with_bank_compare(
    capsys: pytest.CaptureFixture[str], bank: compbank.Bank, frm: str, to: str
) -> None:
    check_text(run(capsys, frm, to), bank, frm, to)


@pytest.mark.parametrize(("frm", "to"), [("1230", "7521"), ("7521", "1230")])
def test_raised_lowered_and_same_levels(
    capsys: pytest.CaptureFixture[str], edited: Path, frm: str, to: str
) -> None:
    bank = compbank.load(edited)
    change = bank.compare(frm, to)
    assert [x.competency.number for x in (*change.raised, *change.lowered)] == [13]
    assert [c.number for c in change.same] == [20]
    check_json(run(capsys, frm, to, "--format", "json", data=edited), bank, frm, to)
    out = run(capsys, frm, to, data=edited)
    check_text(out, bank, frm, to)
    moved = "Raised (1)" if frm == "1230" else "Lowered (1)"
    assert moved in out
    a, b = (1, 2) if frm == "1230" else (2, 1)
    assert f"13. Stress Tolerance: level {a} in {frm}, level {b} in {to}" in out
    assert "20. Job Knowledge: level 1 in both" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["123", "7521"], "no class code '123' in the data; did you mean 1230 (CUSTOMER SERVICE"),
        (["1230", "75211"], "no class code '75211' in the data; did you mean 7521 (SENIOR"),
        (
            ["customer service representative", "7521"],
            "did you mean 1230 (CUSTOMER SERVICE REPRESENTATIVE)",
        ),
        (["34", "7521"], "no class code '34' in the data"),
        (["", "7521"], "no class code '' in the data"),
    ],
)
def test_an_unknown_code_exits_2_with_did_you_mean(args: list[str], message: str) -> None:
    result = console_script("compare", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("compbank compare: ")
    assert message in result.stderr
    assert "compbank list shows them all" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_competency_number_is_not_offered_as_a_class() -> None:
    # compbank show would suggest competencies 33 and 34 for "34"; compare wants a class
    result = console_script("compare", "1230", "34")
    assert result.returncode == 2
    assert "Customer Service)" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["1230"],
        ["1230", "7521", "--format", "markdown"],
        ["1230", "7521", "9375"],
        ["1230", "7521", "--data", "no/such/dir"],
    ],
)
def test_usage_mistakes_exit_2(args: list[str]) -> None:
    result = console_script("compare", *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr


def test_invalid_data_exits_1(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "data" / "release.json").unlink()
    result = console_script("compare", "1230", "7521", "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    assert "[missing-release]" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_console_script_prints_the_same_as_main(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = console_script("compare", "1230", "7521", "--data", str(DATA))
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(
        console_script("compare", "1230", "7521", "--format", "json").stdout
    )
    assert data == json.loads(run(capsys, "1230", "7521", "--format", "json"))
    assert "Unknown (3): " in result.stdout
