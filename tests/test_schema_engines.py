"""The published schemas mean the same to every JSON Schema engine.

Editors and most validators read a schema's patterns as ECMA-262 regular expressions; compbank
reads them with Python's `re` (under jsonschema) and with Rust's regex (under jsonschema-rs).
Every data file of the fixture corpus, positive and negative, of the stray-character corpus
and of the repository is checked here by ajv (an ECMA-262 validator, run with ajv-cli once per
schema over all the files) and by compbank's schema step, with and without jsonschema-rs:
each file must get the same verdict, and its errors the same places, from all of them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from compbank._read import parse_bytes, read_bytes
from compbank._schema import KINDS, check_schema, fast_validator
from compbank.canonical import kind_of
from conftest import DATA, SCHEMA
from corpus import STRAYS, build, json_path, manifest, stray_case
from tools import npm_bin, npm_package

if TYPE_CHECKING:
    from compbank._schema import Kind


class Sample:
    """One data file that reading accepts, and compbank's schema verdict on it."""

    def __init__(self, origin: str, kind: Kind, document: Any, raw: bytes) -> None:
        self.origin = origin
        self.kind = kind
        self.document = document
        problems = check_schema(kind, document, origin)
        self.paths = {p.path for p in problems}
        # the fast path (jsonschema-rs first) must come to the same problems
        assert check_schema(kind, document, origin, raw) == problems, origin


def _data_dirs(where: Path) -> list[tuple[str, Path]]:
    dirs = [("repository", DATA)]
    for kind in ("negative", "positive"):
        for case, entry in manifest(kind).items():
            dirs.append((f"{kind}/{case}", build(kind, case, entry, where / kind / case)))
    for stray in STRAYS:
        root, _ = stray_case(stray, where / "stray" / stray)
        dirs.append((f"stray/{stray}", root))
    return dirs


def _samples(where: Path) -> list[Sample]:
    samples = []
    for name, root in _data_dirs(where):
        files = [root / "release.json", *sorted(root.glob("*/*.json"))]
        for path in files:
            kind = kind_of(path.relative_to(root))
            if kind is None or path.is_symlink() or not path.is_file():
                continue
            raw, problems = read_bytes(path, str(path))
            if raw is None or problems:
                continue
            document, problems = parse_bytes(raw, str(path))
            if problems:
                continue  # never reaches the schema step
            samples.append(Sample(f"{name}:{path.relative_to(root)}", kind, document, raw))
    return samples


def _ajv(kind: Kind, folder: Path) -> dict[str, list[str]]:
    """ajv's errors for each file in *folder*, by file name: instance paths, [] if valid."""
    ajv = npm_bin("ajv-cli", "ajv")
    npm_package("ajv-formats")
    # into files: node may end before output to a pipe is flushed (process.exit)
    out, err = folder.with_suffix(".out"), folder.with_suffix(".err")
    with out.open("w", encoding="utf-8") as stdout, err.open("w", encoding="utf-8") as stderr:
        returncode = subprocess.run(
            [
                ajv,
                "validate",
                "--spec=draft2020",
                "--strict=true",
                "--all-errors",
                "--errors=line",
                "-c",
                "ajv-formats",
                "-s",
                str(SCHEMA / f"{kind}.schema.json"),
                "-d",
                str(folder / "*.json"),
            ],
            stdout=stdout,
            stderr=stderr,
            check=False,
            timeout=300,
            cwd=npm_package("ajv-formats").parent.parent,  # where node finds ajv-formats
        ).returncode
    verdicts: dict[str, list[str]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        if line.endswith(" valid"):
            verdicts[Path(line.removesuffix(" valid")).name] = []
    lines = err.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.endswith(" invalid"):
            errors = json.loads(lines[i + 1])
            verdicts[Path(line.removesuffix(" invalid")).name] = [e["instancePath"] for e in errors]
    assert returncode in (0, 1), lines[-20:]
    return verdicts


def _steps(document: Any, pointer: str) -> tuple[str | int, ...]:
    """The steps of a JSON Pointer (``/levels/2``) in *document*: list indexes as numbers."""
    steps: list[str | int] = []
    value = document
    for token in pointer.split("/")[1:] if pointer else []:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, list):
            steps.append(int(key))
            value = value[int(key)]
        else:
            steps.append(key)
            value = value[key]
    return tuple(steps)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[Sample]:
    return _samples(tmp_path_factory.mktemp("engines"))


def test_ajv_and_compbank_agree_on_every_fixture(samples: list[Sample], tmp_path: Path) -> None:
    assert fast_validator("competency") is not None  # jsonschema-rs took part
    by_kind: dict[Kind, dict[str, Sample]] = {kind: {} for kind in KINDS}
    for sample in samples:
        folder = tmp_path / sample.kind
        folder.mkdir(exist_ok=True)
        name = f"{len(by_kind[sample.kind]):04d}.json"
        (folder / name).write_text(json.dumps(sample.document), encoding="utf-8")
        by_kind[sample.kind][name] = sample
    disagree = []
    for kind, files in by_kind.items():
        verdicts = _ajv(kind, tmp_path / kind)
        assert set(verdicts) == set(files), f"ajv did not judge every {kind} file"
        for name, sample in files.items():
            paths = {json_path(_steps(sample.document, p)) for p in verdicts[name]}
            if paths != sample.paths:
                disagree.append((sample.origin, sorted(sample.paths), sorted(paths)))
    assert disagree == []
    # the comparison means something: many files of each verdict, stray characters among them
    invalid = [s for s in samples if s.paths]
    assert len(invalid) >= 50
    assert len(samples) - len(invalid) >= 100
    assert any(s.origin.startswith("stray/zero-width-space") for s in invalid)


def test_ajv_is_strict_about_the_schemas_themselves(tmp_path: Path) -> None:
    # strict mode refuses unknown keywords and ill-typed rules; a schema it passes is portable
    ajv = npm_bin("ajv-cli", "ajv")
    for kind in KINDS:
        schema = str(SCHEMA / f"{kind}.schema.json")
        result = subprocess.run(
            [ajv, "compile", "--spec=draft2020", "--strict=true", "-s", schema],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
    broken = json.loads((SCHEMA / "competency.schema.json").read_text(encoding="utf-8"))
    broken["properties"]["name"]["patern"] = "^x"  # a typo strict mode must catch
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    result = subprocess.run(
        [ajv, "compile", "--spec=draft2020", "--strict=true", "-s", str(tmp_path / "broken.json")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
