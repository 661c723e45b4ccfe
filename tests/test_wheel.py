"""The built wheel carries the data: install it in a fresh venv and use it from elsewhere."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from conftest import DATA, REPO


def fast_by_default() -> bool:
    """Whether the default install brings jsonschema-rs here (its markers say where)."""
    requirements = [Requirement(r) for r in importlib.metadata.requires("compbank") or ()]
    (rs,) = (r for r in requirements if r.name == "jsonschema-rs" and "extra" not in str(r.marker))
    return rs.marker is None or rs.marker.evaluate({"extra": ""})


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("compbank-*.whl")
    return built


def test_the_wheel_holds_code_data_schemas_sources_and_types(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "compbank/py.typed",
        "compbank/_packaged/data/release.json",
        "compbank/_packaged/schema/competency.schema.json",
        "compbank/_packaged/schema/job-class.schema.json",
        "compbank/_packaged/schema/release.schema.json",
    }
    for folder in ("competency_bank", "classes", "sources"):
        expected |= {
            f"compbank/_packaged/data/{folder}/{p.name}" for p in (DATA / folder).iterdir()
        }
    assert expected <= names, sorted(expected - names)


def test_the_installed_wheel_works_from_outside_the_source_tree(
    wheel: Path, tmp_path: Path
) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import compbank, pathlib\n"
        "bank = compbank.load()\n"
        "assert len(bank.competencies) == 26 and len(bank.classes) == 5, bank\n"
        "assert bank.classes['7521'].requirements[2].required_level == 1\n"
        "assert 'site-packages' in str(bank.path), bank.path\n"
        "assert compbank.check() == ()\n"
        "from compbank._schema import fast_validator\n"
        f"assert (fast_validator('competency') is not None) is {fast_by_default()}\n"
        "from compbank.importer import import_document, write_import\n"
        "source = bank.path / 'sources' / '1230-customer-service-representative.txt'\n"
        "try:\n"
        "    write_import(import_document(source), force=True)\n"
        "except PermissionError:\n"
        "    pass\n"
        "else:\n"
        "    raise AssertionError('wrote into the installed package')\n"
        "print(bank.data_version)\n"
    )
    result = subprocess.run(
        [str(python), "-c", code], cwd=elsewhere, check=True, capture_output=True, text=True
    )
    assert result.stdout.strip() == "1.0.0"
