"""``compbank validate``, run as the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
_SCRIPT = Path(sys.executable).parent / "compbank"
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "compbank"]

BANK_034 = "competency_bank/034-customer-service.json"
CLASS_7521 = "classes/7521-senior-electric-service-representative.json"


def compbank(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the committed data, free to break."""
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def edit(path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def requirements(d: dict[str, Any]) -> list[dict[str, Any]]:
    value = d["requirements"]
    assert isinstance(value, list)
    return value


def test_clean_data_exits_0() -> None:
    files = 1 + len(list((DATA / "competency_bank").glob("*.json")))
    files += len(list((DATA / "classes").glob("*.json")))
    result = compbank("validate", str(DATA))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{files} files, 0 problems\n"


def test_without_argument_in_a_checkout_it_checks_the_checkouts_data() -> None:
    result = compbank("validate", cwd=REPO / "schema")
    assert result.returncode == 0
    assert f"checking the checkout's data in {DATA}\n" in result.stderr


def test_without_argument_outside_a_checkout_it_checks_the_packaged_data(tmp_path: Path) -> None:
    result = compbank("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert "checking the packaged data" in result.stderr


def test_packaged() -> None:
    result = compbank("validate", "--packaged")
    assert result.returncode == 0
    assert "checking the packaged data" in result.stderr
    assert result.stdout.endswith(" files, 0 problems\n")


def test_json_format_on_clean_data() -> None:
    result = compbank("validate", str(DATA), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert report["problems"] == []
    assert report["problem_count"] == 0
    assert report["files"] > 30


def _break_syntax(d: Path) -> None:
    replace_text(d / BANK_034, '"number": 34,', '"number": 34')


def _duplicate_key(d: Path) -> None:
    replace_text(d / BANK_034, '"number": 34,', '"number": 34, "number": 34,')


def _nan(d: Path) -> None:
    replace_text(d / BANK_034, '"record_version": 1', '"record_version": NaN')


def _latin1(d: Path) -> None:
    (d / BANK_034).write_bytes((d / BANK_034).read_bytes().replace(b"Customer", b"Cust\xf6mer"))


def _bom(d: Path) -> None:
    (d / BANK_034).write_bytes(b"\xef\xbb\xbf" + (d / BANK_034).read_bytes())


def _empty(d: Path) -> None:
    (d / BANK_034).write_bytes(b"")


def _missing_key(d: Path) -> None:
    edit(d / BANK_034, lambda c: c.pop("definition"))


def _unknown_key(d: Path) -> None:
    edit(d / BANK_034, lambda c: c.update(colour="blue"))


def _wrong_type(d: Path) -> None:
    edit(d / BANK_034, lambda c: c.update(satisfactory=5))


def _level_out_of_range(d: Path) -> None:
    edit(d / CLASS_7521, lambda c: requirements(c)[1].update(required_level=4))


def _doubled_space(d: Path) -> None:
    edit(d / BANK_034, lambda c: c.update(definition="Interacts  with people."))


def _short_version(d: Path) -> None:
    edit(d / "release.json", lambda r: r.update(data_version="1.0"))


def _schema_version(d: Path) -> None:
    edit(d / BANK_034, lambda c: c.update(schema_version=2))


def _rename(d: Path) -> None:
    (d / BANK_034).rename(d / "competency_bank/034-client-service.json")


def _unknown_competency(d: Path) -> None:
    extra: dict[str, Any] = {
        "competency": 99,
        "required_level": None,
        "prior_to_entry": None,
        "areas": [],
    }
    edit(d / CLASS_7521, lambda c: requirements(c).append(extra))


def _out_of_order(d: Path) -> None:
    def swap(c: dict[str, Any]) -> None:
        r = requirements(c)
        r[1], r[2] = r[2], r[1]

    edit(d / CLASS_7521, swap)


def _required_twice(d: Path) -> None:
    edit(d / CLASS_7521, lambda c: requirements(c).append(dict(requirements(c)[-1])))


def _unknown_source(d: Path) -> None:
    edit(d / BANK_034, lambda c: c.update(sources=["0000-nowhere.txt"]))


def _bad_note_path(d: Path) -> None:
    def change(c: dict[str, Any]) -> None:
        notes = c["notes"]
        assert isinstance(notes, list)
        notes[0]["path"] = "$.nowhere"

    edit(d / BANK_034, change)


def _duplicate_name(d: Path) -> None:
    edit(d / BANK_034, lambda c: c.update(aliases=["Mathematics"]))


def _no_release(d: Path) -> None:
    (d / "release.json").unlink()


def _no_classes(d: Path) -> None:
    shutil.rmtree(d / "classes")


def _stray_file(d: Path) -> None:
    (d / "classes" / "README.txt").write_text("notes\n", encoding="utf-8")


# (how to break the data, the code, the file and the JSON path of the problem)
BROKEN = {
    "json-syntax": (_break_syntax, BANK_034, "$"),
    "duplicate-key": (_duplicate_key, BANK_034, "$"),
    "json-constant": (_nan, BANK_034, "$"),
    "not-utf8": (_latin1, BANK_034, "$"),
    "byte-order-mark": (_bom, BANK_034, "$"),
    "empty-file": (_empty, BANK_034, "$"),
    "missing-key": (_missing_key, BANK_034, "$"),
    "unknown-key": (_unknown_key, BANK_034, "$"),
    "wrong-type": (_wrong_type, BANK_034, "$.satisfactory"),
    "out-of-range": (_level_out_of_range, CLASS_7521, "$.requirements[1].required_level"),
    "bad-text": (_doubled_space, BANK_034, "$.definition"),
    "bad-format": (_short_version, "release.json", "$.data_version"),
    "unsupported-schema-version": (_schema_version, BANK_034, "$.schema_version"),
    "file-name-mismatch": (_rename, "competency_bank/034-client-service.json", "$"),
    "unknown-competency": (_unknown_competency, CLASS_7521, "$.requirements[8].competency"),
    "requirements-out-of-order": (_out_of_order, CLASS_7521, "$.requirements[2].competency"),
    "duplicate-requirement": (_required_twice, CLASS_7521, "$.requirements[8].competency"),
    "unknown-source": (_unknown_source, BANK_034, "$.sources[0]"),
    "bad-note-path": (_bad_note_path, BANK_034, "$.notes[0].path"),
    "duplicate-name": (_duplicate_name, BANK_034, "$.aliases[0]"),
    "missing-release": (_no_release, "release.json", "$"),
    "missing-directory": (_no_classes, "classes", "$"),
    "unexpected-file": (_stray_file, "classes/README.txt", "$"),
}


@pytest.mark.parametrize("code", BROKEN)
def test_broken_data_exits_1_naming_code_file_and_path(data: Path, code: str) -> None:
    breaker, file, path = BROKEN[code]
    breaker(data)
    result = compbank("validate", str(data))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{data}/{file}::{path}: [{code}] " in result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert all("::$" in line for line in lines[:-1])
    assert lines[-1].endswith(" file") or lines[-1].endswith(" files")
    assert " problem" in lines[-1]


def test_every_problem_is_reported_at_once(data: Path) -> None:
    _wrong_type(data)
    _level_out_of_range(data)
    _no_release(data)
    result = compbank("validate", str(data), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    codes = {p["code"] for p in report["problems"]}
    assert {"wrong-type", "out-of-range", "missing-release"} <= codes
    assert report["problem_count"] == len(report["problems"]) >= 3
    assert report["files_with_problems"] == 3
    assert set(report["problems"][0]) == {"code", "file", "path", "message"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "no/such/dir"], "no/such/dir: no such directory"),
        (["validate", "README.md"], "README.md: not a directory"),
        (["validate", "data", "--packaged"], "not both"),
        (["validate", "--format", "xml"], "invalid choice"),
        (["no-such-command"], "invalid choice"),
        ([], "required"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: list[str], message: str) -> None:
    result = compbank(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
