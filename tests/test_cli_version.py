"""``compbank --version`` names the code's version and the packaged data's release."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import compbank
from compbank import cli
from compbank.cli import _version
from conftest import DATA, compbank_cli, read_json

if TYPE_CHECKING:
    from pathlib import Path


def test_version_names_the_library_and_the_data_release() -> None:
    release = read_json(DATA / "release.json")
    result = compbank_cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"compbank {compbank.__version__}, "
        f"data {release['data_version']} (released {release['released']})\n"
    )
    bank = compbank.load()
    assert (bank.data_version, bank.released) == (release["data_version"], release["released"])
    assert result.stderr == ""


def test_version_is_listed_in_help() -> None:
    assert "--version" in cli.build_parser().format_help()


def test_version_without_readable_data_still_names_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "release.json").write_text('{"data_version": "2.0.0"}', encoding="utf-8")
    monkeypatch.setattr(_version, "packaged_data_dir", lambda: tmp_path)
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"compbank {compbank.__version__}, data unknown (")
    assert "release.json" in out
    assert "'released'" in out
