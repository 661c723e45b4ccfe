"""The release script's dry run makes every asset, from builds that give the same bytes.

The dry run is the release workflow's steps short of publishing (``scripts/release.py``):
its checks, two builds compared byte for byte, ``twine check``, the data assets and the
notes. The wheel is then built once more here, apart from the script, and must be the same
bytes again.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from conftest import DATA, REPO, read_json

SCRIPT = REPO / "scripts" / "release.py"


def release_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["release"] = module  # NamedTuple needs its module while the class is made
    spec.loader.exec_module(module)
    return module


release = release_script()


def run_script(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, SCRIPT, *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture(scope="module")
def dry_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("release") / "dist"
    result = run_script("--dry-run", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stdout


def versions() -> tuple[str, str]:
    code = release.package_version((REPO / "src" / "compbank" / "_version.py").read_text())
    return code, read_json(DATA / "release.json")["data_version"]


def test_the_dry_run_makes_every_asset(dry_run: tuple[Path, str]) -> None:
    out, _ = dry_run
    code, data = versions()
    python = [f"compbank-{code}-py3-none-any.whl", f"compbank-{code}.tar.gz"]
    assert sorted(p.name for p in (out / "python").iterdir()) == sorted(python)
    assert sorted(p.name for p in (out / "assets").iterdir()) == sorted(
        [
            *python,
            f"compbank-{data}-csv.zip",
            f"compbank-{data}.sqlite",
            f"compbank-{data}-case.json",
            f"compbank-{data}-site.zip",
        ]
    )
    assets = out / "assets"

    with zipfile.ZipFile(assets / f"compbank-{data}-csv.zip") as tables:
        names = tables.namelist()
        package = json.loads(tables.read(f"compbank-{data}-csv/datapackage.json"))
    assert package["version"] == data
    assert {f"compbank-{data}-csv/{r['path']}" for r in package["resources"]} <= set(names)

    with sqlite3.connect(assets / f"compbank-{data}.sqlite") as db:
        (count,) = db.execute("SELECT count(*) FROM competencies").fetchone()
    assert count == len(list((DATA / "competency_bank").glob("*.json")))

    case = json.loads((assets / f"compbank-{data}-case.json").read_text(encoding="utf-8"))
    assert "CFDocument" in case

    with zipfile.ZipFile(assets / f"compbank-{data}-site.zip") as site:
        assert f"compbank-{data}-site/index.html" in site.namelist()

    with zipfile.ZipFile(assets / f"compbank-{code}-py3-none-any.whl") as wheel:
        assert "compbank/_packaged/data/release.json" in wheel.namelist()


def test_the_notes_are_the_changelog_section(dry_run: tuple[Path, str]) -> None:
    out, _ = dry_run
    code, _ = versions()
    _, section = release.changelog_section((REPO / "CHANGELOG.md").read_text(), code)
    notes = (out / "notes.md").read_text(encoding="utf-8")
    assert notes == section + "\n"
    assert notes.startswith("### ")


def test_the_dry_run_says_what_it_would_publish_and_publishes_nothing(
    dry_run: tuple[Path, str],
) -> None:
    out, stdout = dry_run
    code, _ = versions()
    assert "the two builds of the sdist and the wheel are the same bytes" in stdout
    assert f"upload to PyPI (trusted publishing, in the workflow): {out / 'python'}" in stdout
    assert f"create the GitHub release: gh release create v{code} --verify-tag" in stdout


def test_a_third_build_of_the_wheel_is_the_same_bytes(
    dry_run: tuple[Path, str], tmp_path: Path
) -> None:
    out, _ = dry_run
    epoch = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%ct", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(REPO)],
        capture_output=True,
        check=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
    )
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.read_bytes() == (out / "python" / wheel.name).read_bytes()


def test_a_tag_that_is_not_the_package_version_fails_before_building(tmp_path: Path) -> None:
    code, _ = versions()
    result = run_script("build", "--tag", "v99.0.0", "--out", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr == (
        f"release: tag v99.0.0 is not the package version, {code} "
        f"({REPO / 'src' / 'compbank' / '_version.py'})\n"
    )
    assert not (tmp_path / "out").exists()
    result = run_script("build", "--tag", "0.1", "--out", tmp_path / "out")
    assert (result.returncode, result.stderr) == (1, "release: tag '0.1' is not vX.Y.Z\n")


def test_a_version_without_a_changelog_section_is_refused() -> None:
    changelog = "# Changelog\n\n## [Unreleased]\n\n- Next.\n\n## [1.0.0] - 2026-01-01\n\n- One.\n"
    assert release.changelog_section(changelog, "1.0.0") == ("## [1.0.0] - 2026-01-01", "- One.")
    with pytest.raises(release.ReleaseError, match=r"no section '## \[1\.1\.0\]'"):
        release.changelog_section(changelog, "1.1.0")
    with pytest.raises(release.ReleaseError, match="is empty"):
        release.changelog_section("## [2.0.0]\n\n## [1.0.0]\n- One.\n", "2.0.0")
    # a version that only starts the same is another version
    with pytest.raises(release.ReleaseError, match="no section"):
        release.changelog_section("## [1.0.0.1]\n- x\n", "1.0.0")


def test_publishing_needs_a_build_and_a_tag(tmp_path: Path) -> None:
    result = run_script("github", "--tag", f"v{versions()[0]}", "--out", tmp_path)
    assert result.returncode == 1
    assert "run the build step first" in result.stderr
    result = run_script("github", "--out", tmp_path)
    assert result.returncode == 2
    assert "publishing needs --tag" in result.stderr
    result = run_script()
    assert result.returncode == 2
    assert "--dry-run" in result.stderr


def test_an_output_folder_in_use_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine\n", encoding="utf-8")
    result = run_script("--dry-run", "--out", tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"release: {tmp_path} is not empty; remove it or give another --out\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_the_script_examples_run() -> None:
    assert doctest.testmod(release).failed == 0
