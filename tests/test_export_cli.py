from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from typing import TYPE_CHECKING

import pytest

import compbank
from compbank.cli import main
from compbank.export import FORMATS, default_name, export
from compbank.export import csv as csv_export
from compbank.export import sqlite as sqlite_export
from conftest import compbank_cli, snapshot

if TYPE_CHECKING:
    from pathlib import Path

    from compbank._bank import Bank
    from compbank.export import Format
    from compbank.export.tables import Row, Table

OUT_NAMES = {"csv": "out-csv", "sqlite": "out.sqlite", "case": "out.json"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return compbank_cli("export", *args, cwd=cwd)


def no_leftovers(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".")]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return compbank.load()


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_then_refuse_then_force(fmt: Format, tmp_path: Path) -> None:
    out = tmp_path / OUT_NAMES[fmt]
    first = run("--format", fmt, "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert f"wrote {out}" in first.stdout
    before = snapshot(out)
    assert before

    again = run("--format", fmt, "--out", str(out))
    assert again.returncode == 2
    assert "already exists; use --force" in again.stderr
    assert "Traceback" not in again.stderr
    assert snapshot(out) == before

    forced = run("--format", fmt, "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert snapshot(out) == before  # the same data gives the same bytes
    assert no_leftovers(tmp_path)


def test_default_names_in_the_current_directory(tmp_path: Path, bank: Bank) -> None:
    for fmt in FORMATS:
        assert run("--format", fmt, cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        default_name(bank.data_version, f) for f in FORMATS
    )
    assert (tmp_path / f"compbank-{bank.data_version}-csv" / "levels.csv").is_file()
    assert json.loads((tmp_path / f"compbank-{bank.data_version}-case.json").read_text())


def test_invalid_data_exits_1_with_the_problems_and_writes_nothing(
    tmp_path: Path, bank: Bank
) -> None:
    data = tmp_path / "data"
    shutil.copytree(bank.path, data)
    level = data / "classes" / "1230-customer-service-representative.json"
    level.write_text(level.read_text().replace('"required_level": null', '"required_level": 7', 1))
    result = run("--format", "sqlite", "--data", str(data), "--out", str(tmp_path / "x.sqlite"))
    assert result.returncode == 1
    assert f"{level}::$.requirements[0].required_level: [" in result.stderr
    assert "nothing done" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.sqlite").exists()


def test_a_release_date_that_is_no_date_exits_1(tmp_path: Path, bank: Bank) -> None:
    data = tmp_path / "data"
    shutil.copytree(bank.path, data)
    release = data / "release.json"
    release.write_text(release.read_text().replace(bank.released, "2026-02-30"))
    result = run("--format", "case", "--data", str(data), "--out", str(tmp_path / "x.json"))
    assert result.returncode == 1
    assert "'2026-02-30' is not a calendar date; nothing written" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "case", "--data", "no-such-dir"], "no-such-dir: no such directory"),
        (["--format", "case", "--out", "missing/dir/x.json"], "is not an existing directory"),
        (["--format", "xml"], "invalid choice"),
        ([], "--format"),
        (["--format", "csv", "--out", ""], "--out needs a path"),
        (["--format", "csv", "--out", ".", "--force"], "names an existing folder"),
        (["--format", "case", "--out", "..", "--force"], "names an existing folder"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_force_never_replaces_a_folder_of_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    (folder / "table.csv").write_text("a,b\r\n")
    for fmt in FORMATS:
        result = run("--format", fmt, "--out", str(folder), "--force")
        assert result.returncode == 2, fmt
        assert "not replacing it" in result.stderr
    assert snapshot(folder) == {"notes.txt": b"keep me", "table.csv": b"a,b\r\n"}


def test_force_replaces_a_whole_csv_export(tmp_path: Path, bank: Bank) -> None:
    out = tmp_path / "csv"
    export(bank, "csv", out)
    (out / "stale.csv").write_text("from an older export\r\n")
    (out / "levels.csv").write_text("edited\r\n")
    export(bank, "csv", out, force=True)
    assert not (out / "stale.csv").exists()
    assert (out / "levels.csv").read_bytes().startswith(b"competency,level,description\r\n")
    assert no_leftovers(tmp_path)


def test_a_failure_midway_leaves_the_old_export_and_no_temporary_files(
    tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    for fmt in FORMATS:
        export(bank, fmt, tmp_path / OUT_NAMES[fmt])
    before = {fmt: snapshot(tmp_path / OUT_NAMES[fmt]) for fmt in FORMATS}

    written = []

    def failing_text(table: Table, table_rows: tuple[Row, ...]) -> str:
        written.append(table.name)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        return original_text(table, table_rows)

    original_text = csv_export.table_text
    monkeypatch.setattr(csv_export, "table_text", failing_text)
    with pytest.raises(OSError, match="No space left"):
        export(bank, "csv", tmp_path / OUT_NAMES["csv"], force=True)

    monkeypatch.setitem(sqlite_export.VIEWS, "broken", "SELEC nothing")
    with pytest.raises(sqlite3.OperationalError, match="syntax error"):
        export(bank, "sqlite", tmp_path / OUT_NAMES["sqlite"], force=True)

    for fmt in FORMATS:
        assert snapshot(tmp_path / OUT_NAMES[fmt]) == before[fmt]
    assert no_leftovers(tmp_path)


def test_library_refuses_an_existing_path_without_force(tmp_path: Path, bank: Bank) -> None:
    target = tmp_path / "x.json"
    target.write_text("mine")
    with pytest.raises(FileExistsError):
        export(bank, "case", target)
    assert target.read_text() == "mine"
    export(bank, "case", target, force=True)
    assert json.loads(target.read_text())["CFDocument"]["version"] == bank.data_version


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_exports_get_the_usual_permissions_not_private_ones(tmp_path: Path, bank: Bank) -> None:
    umask = os.umask(0o022)
    try:
        for fmt in FORMATS:
            export(bank, fmt, tmp_path / OUT_NAMES[fmt])
    finally:
        os.umask(umask)
    assert (tmp_path / OUT_NAMES["sqlite"]).stat().st_mode & 0o777 == 0o644
    assert (tmp_path / OUT_NAMES["case"]).stat().st_mode & 0o777 == 0o644
    assert (tmp_path / OUT_NAMES["csv"]).stat().st_mode & 0o777 == 0o755
    assert (tmp_path / OUT_NAMES["csv"] / "levels.csv").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    "error",
    [OSError(28, "No space left on device"), sqlite3.OperationalError("database or disk is full")],
)
def test_a_failed_write_exits_1_with_a_message(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: Exception,
) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(sqlite_export, "write_database", fail)
    out = tmp_path / "x.sqlite"
    assert main(["export", "--format", "sqlite", "--out", str(out)]) == 1
    assert capsys.readouterr().err.startswith(f"compbank export: could not write {out}: ")
    assert list(tmp_path.iterdir()) == []
