"""The built wheel carries the data: install it in a fresh venv and use it from elsewhere."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, REPO


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


def test_the_wheel_holds_the_site_templates_and_static_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    site = REPO / "src" / "compbank" / "site"
    expected = {
        f"compbank/site/{p.relative_to(site).as_posix()}"
        for folder in ("templates", "static")
        for p in (site / folder).iterdir()
    }
    assert len(expected) >= 12
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
