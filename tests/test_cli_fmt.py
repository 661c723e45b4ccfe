"""``compbank fmt``, run as the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
_SCRIPT = Path(sys.executable).parent / "compbank"
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "compbank"]


def compbank(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True, check=False)


def data_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.json"))}


def scramble(root: Path) -> list[str]:
    """Rewrite every data file in another layout, with the same content; return their names."""
    names = []
    for path in sorted(root.rglob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(document, indent=4, sort_keys=True), encoding="utf-8")
        names.append(path.relative_to(root).as_posix())
    return names


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def test_check_passes_on_the_committed_data() -> None:
    result = compbank("fmt", "--check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("0 files would be reformatted, ")


def test_fmt_restores_the_committed_layout_and_is_idempotent(data: Path) -> None:
    committed = data_files(data)
    scrambled = scramble(data)
    assert data_files(data) != committed
    result = compbank("fmt", str(data))
    assert result.returncode == 0
    assert sorted(result.stdout.splitlines()[:-1]) == [f"reformatted {data}/{n}" for n in scrambled]
    assert data_files(data) == committed
    again = compbank("fmt", str(data))
    assert again.returncode == 0
    assert again.stdout == f"0 files reformatted, {len(committed)} already canonical\n"
    assert data_files(data) == committed


def test_check_lists_differing_files_and_changes_nothing(data: Path) -> None:
    path = data / "competency_bank" / "034-customer-service.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    before = data_files(data)
    result = compbank("fmt", "--check", str(data))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"would reformat {path}"
    assert result.stdout.splitlines()[1].startswith("1 file would be reformatted, ")
    assert data_files(data) == before


def test_a_file_that_does_not_parse_is_reported_and_left_untouched(data: Path) -> None:
    broken = data / "classes" / "1230-customer-service-representative.json"
    broken.write_bytes(b'{"code": "1230", "code": "1231"}')
    scramble(data / "competency_bank")
    result = compbank("fmt", str(data))
    assert result.returncode == 1
    assert f"{broken}::$: [duplicate-key] key 'code' appears more than once" in result.stdout
    assert "1 file left untouched (does not parse)" in result.stdout
    assert broken.read_bytes() == b'{"code": "1230", "code": "1231"}'
    # the other files were formatted all the same
    assert compbank("fmt", "--check", str(data / "competency_bank")).returncode == 0


def test_single_files_as_paths(data: Path) -> None:
    path = data / "release.json"
    path.write_text(
        '{"released": "2026-11-22", "data_version": "1.0.0", "schema_version": 1,'
        ' "$schema": "../schema/release.schema.json"}',
        encoding="utf-8",
    )
    result = compbank("fmt", str(path))
    assert result.returncode == 0
    assert path.read_bytes() == (DATA / "release.json").read_bytes()


def test_only_the_data_layout_is_searched(data: Path) -> None:
    # a JSON file where a data file could be, but outside the data layout, is never touched
    stray = data.parent / "env" / "lib" / "classes" / "x.json"
    stray.parent.mkdir(parents=True)
    stray.write_text('{"b": 1, "a": 2}', encoding="utf-8")
    result = compbank("fmt", str(data.parent))
    assert result.returncode == 0
    assert stray.read_text(encoding="utf-8") == '{"b": 1, "a": 2}'
    assert compbank("fmt", str(data.parent / "env")).returncode == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["fmt", "no/such/file.json"], "no/such/file.json: no such file or directory"),
        (["fmt", "README.md"], "README.md: not a data file"),
        (["fmt", "schema"], "schema: not a data directory"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = compbank(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_no_paths_outside_a_checkout_exits_2(tmp_path: Path) -> None:
    result = compbank("fmt", cwd=tmp_path)
    assert result.returncode == 2
    assert "no PATHS given" in result.stderr
