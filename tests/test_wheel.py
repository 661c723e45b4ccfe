"""The built wheel carries the data: install it in a fresh venv and use it from elsewhere."""

from __future__ import annotations

import importlib.metadata
import json
import re
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
        "compbank/_packaged/DATA-NOTICE.md",
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
    # and the import review's templates and stylesheet
    review = REPO / "src" / "compbank" / "review" / "templates"
    expected |= {f"compbank/review/templates/{p.name}" for p in review.iterdir()}
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
    assert_licence_in_metadata(python, elsewhere)


def assert_licence_in_metadata(python: Path, cwd: Path) -> None:
    """The installed distribution declares pyproject's licence (PEP 639) and carries the
    licence files, and the exports read the data notice that the wheel ships."""
    code = (
        "import json\n"
        "from importlib.metadata import distribution\n"
        "from compbank._terms import data_notice\n"
        "dist = distribution('compbank')\n"
        "print(json.dumps({\n"
        "    'version': dist.metadata['Metadata-Version'],\n"
        "    'expression': dist.metadata['License-Expression'],\n"
        "    'files': dist.metadata.get_all('License-File'),\n"
        "    'texts': {\n"
        "        f: dist.read_text(f'licenses/{f}') for f in ('LICENSE', 'DATA-NOTICE.md')\n"
        "    },\n"
        "    'packaged_notice': data_notice(),\n"
        "}))\n"
    )
    result = subprocess.run(
        [str(python), "-c", code], cwd=cwd, check=True, capture_output=True, text=True
    )
    found = json.loads(result.stdout)
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'^license = "(.+)"$', pyproject, re.MULTILINE)
    assert declared is not None
    assert found["expression"] == declared[1]
    assert found["expression"].startswith("MIT AND LicenseRef-")
    # License-Expression and License-File came with metadata 2.4 (hatchling 1.27)
    assert tuple(map(int, found["version"].split("."))) >= (2, 4)
    assert sorted(found["files"]) == ["DATA-NOTICE.md", "LICENSE"]
    for name, text in found["texts"].items():
        assert text == (REPO / name).read_text(encoding="utf-8"), name
    assert found["texts"]["LICENSE"].startswith("MIT License\n")
    assert found["packaged_notice"] == found["texts"]["DATA-NOTICE.md"]
