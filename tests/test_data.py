"""The data package: files, schemas, fidelity to the sources, and the required levels."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from compbank import canonical
from compbank._schema import KINDS, SCHEMA_VERSIONS, Kind
from conftest import DATA, REPO, SCHEMA, SEEDS, read_json

BANK_NUMBERS = [2, 3, 4, 6, 7, 8, 13, 17, 20, 21, 22, 28, 30, 32, 33, 34, 40, 42, 45, 47, 48,
                49, 50, 53, 56, 59]  # fmt: skip

# Per class, the competencies in order and the level the source marks by emphasis (None where
# no level of that competency carries emphasis), as read from data/sources/.
LEVELS: dict[str, list[tuple[int, int | None]]] = {
    "1230": [(2, None), (3, None), (4, None), (6, None), (13, None), (20, None), (22, None),
             (34, None), (40, None)],
    "1336": [(7, 3), (20, None), (22, 2), (28, None), (32, 3), (34, None), (45, None),
             (47, None), (48, None)],
    "7521": [(8, None), (13, 2), (20, 1), (28, None), (34, None), (45, None), (50, None),
             (53, None)],
    "7625": [(3, None), (17, 2), (28, None), (30, 2), (32, 3), (42, 2), (47, 2), (53, 2),
             (56, 2), (59, 2)],
    "9375": [(3, None), (21, None), (28, None), (30, None), (33, None), (45, None), (47, None),
             (49, None), (53, None)],
}  # fmt: skip

BANK_FILES = sorted((DATA / "competency_bank").glob("*.json"))
CLASS_FILES = sorted((DATA / "classes").glob("*.json"))
SOURCES = sorted((DATA / "sources").glob("*.txt"))
ALL_FILES = [*BANK_FILES, *CLASS_FILES, DATA / "release.json"]
SCHEMA_OF = {"competency_bank": "competency", "classes": "job-class", "data": "release"}


def schema_name(path: Path) -> str:
    return f"{SCHEMA_OF[path.parent.name]}.schema.json"


def normalize(text: str) -> str:
    """A source's text as data keeps it: emphasis markers removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def test_the_bank_has_the_26_competencies_of_the_sources() -> None:
    assert [read_json(p)["number"] for p in BANK_FILES] == BANK_NUMBERS
    assert (DATA / "competency_bank" / "034-customer-service.json").is_file()


def test_there_is_one_class_file_per_source_document() -> None:
    assert [p.stem for p in CLASS_FILES] == [p.stem for p in SOURCES]
    assert [read_json(p)["code"] for p in CLASS_FILES] == sorted(LEVELS)


def test_sources_are_the_published_documents_unchanged() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the published documents are not beside the repository ({SEEDS})")
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == [p.name for p in SOURCES]
    for source in SOURCES:
        assert source.read_bytes() == (SEEDS / source.name).read_bytes(), source.name


@pytest.mark.parametrize("name", KINDS)
def test_schemas_are_valid_2020_12_schemas_with_an_id(name: Kind) -> None:
    schema = read_json(SCHEMA / f"{name}.schema.json")
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # the newest version of each: job-class 2 gave requirements the page of a PDF
    assert schema["$id"].endswith(f"/{name}/{max(SCHEMA_VERSIONS[name])}")
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_file_is_valid_against_the_schema_it_names(path: Path) -> None:
    document = read_json(path)
    named = (path.parent / document["$schema"]).resolve()
    assert named == (SCHEMA / schema_name(path)).resolve()
    errors = list(Draft202012Validator(read_json(named)).iter_errors(document))
    assert errors == []
    assert document["schema_version"] == 1  # the committed data comes from text: no pages


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_file_is_in_canonical_layout(path: Path) -> None:
    kind = canonical.kind_of(path)
    assert kind is not None
    text = path.read_text(encoding="utf-8")
    assert canonical.dumps(json.loads(text), kind) == text


def test_an_independent_validator_accepts_the_files() -> None:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert exe is not None, "check-jsonschema is part of the test extra"
    for files in (BANK_FILES, CLASS_FILES, [DATA / "release.json"]):
        schema = SCHEMA / schema_name(files[0])
        result = subprocess.run(
            [exe, "--schemafile", str(schema), *map(str, files)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_schemas_reject_what_they_must() -> None:
    competency = read_json(DATA / "competency_bank" / "034-customer-service.json")
    validator = Draft202012Validator(read_json(SCHEMA / "competency.schema.json"))
    broken = [
        {**competency, "levels": {"1": "a", "2": "b"}},
        {**competency, "levels": {**competency["levels"], "4": "d"}},
        {**competency, "name": ""},
        {**competency, "definition": "two  spaces"},
        {**competency, "satisfactory": "line\nbreak"},
        {**competency, "extra": 1},
        {**competency, "number": "34"},
    ]
    for document in broken:
        assert list(validator.iter_errors(document)), document
    job_class = read_json(CLASS_FILES[0])
    validator = Draft202012Validator(read_json(SCHEMA / "job-class.schema.json"))
    for level in (0, 4, "2"):
        requirement = {**job_class["requirements"][0], "required_level": level}
        document = {**job_class, "requirements": [requirement]}
        assert list(validator.iter_errors(document)), level
    for code in ("123", "12345", "12a4", 1230):
        assert list(validator.iter_errors({**job_class, "code": code})), code


def texts(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Every transcribed text of a record, with its JSON path."""
    keys = ("name", "title", "definition", "satisfactory", "superior")
    out = [(f"$.{key}", document[key]) for key in keys if key in document]
    for key in ("aliases", "definition_items", "behavioral_indicators"):
        out += [(f"$.{key}[{i}]", t) for i, t in enumerate(document.get(key, []))]
    out += [(f"$.levels['{n}']", t) for n, t in document.get("levels", {}).items()]
    for i, r in enumerate(document.get("requirements", [])):
        out += [(f"$.requirements[{i}].areas[{j}]", t) for j, t in enumerate(r["areas"])]
    return out


@pytest.mark.parametrize("path", BANK_FILES + CLASS_FILES, ids=lambda p: p.name)
def test_every_text_is_traceable_to_its_sources(path: Path) -> None:
    document = read_json(path)
    sources = document.get("sources") or [document["source"]]
    normalized = [normalize((DATA / "sources" / s).read_text(encoding="utf-8")) for s in sources]
    # A text found in none of its sources is allowed only where a note records the correction.
    corrected = {n["path"] for n in document["notes"]}
    for json_path, text in texts(document):
        found = any(text in source for source in normalized)
        assert found or json_path in corrected, f"{json_path}: {text!r} is in no source"


@pytest.mark.parametrize("path", BANK_FILES + CLASS_FILES, ids=lambda p: p.name)
def test_every_note_quotes_its_source_exactly(path: Path) -> None:
    document = read_json(path)
    for note in document["notes"]:
        raw = (DATA / "sources" / note["source"]).read_text(encoding="utf-8")
        assert note["found"] in raw, note
        assert note["source"] in document.get("sources", [document.get("source")])


def value_at(document: dict[str, Any], json_path: str) -> Any:
    value: Any = document
    for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", json_path):
        value = value[key] if key else value[int(index)]
    return value


def test_notes_keep_the_undamaged_reading() -> None:
    kinds: dict[str, list[tuple[int, str]]] = {}
    for path in BANK_FILES:
        document = read_json(path)
        for note in document["notes"]:
            kinds.setdefault(note["kind"], []).append((document["number"], note["path"]))
            kept = value_at(document, note["path"])
            found = normalize(note["found"])
            if note["kind"] == "truncated-text":
                assert kept.endswith(found)  # kept as found: nothing is supplied
                assert not kept.endswith(".")
            elif note["kind"] == "line-break-in-sentence":
                assert found in kept  # the same words, the sentence whole
            else:
                assert note["found"] not in kept  # the damaged reading was not kept
    assert kinds == {
        "split-word-pair": [(20, "$.superior")],
        "joined-word": [(22, "$.behavioral_indicators[1]")],
        "line-break-in-sentence": [(34, "$.satisfactory")],
        "missing-final-period": [(53, "$.behavioral_indicators[4]")],
        "truncated-text": [(59, "$.superior")],
    }
    bank_22 = read_json(DATA / "competency_bank" / "022-computer-proficiency.json")
    assert "(for example, word processing, spreadsheet," in bank_22["behavioral_indicators"][1]


def test_the_garbled_list_name_is_recorded_and_read_as_supervision() -> None:
    document = read_json(DATA / "classes" / "7625-director-of-communications-services.json")
    (note,) = [n for n in document["notes"] if n["kind"] == "garbled-name"]
    assert note["found"] == "28. Supervision ery Knowledge"
    assert value_at(document, note["path"]) == 28


def test_required_levels_are_exactly_those_the_sources_mark() -> None:
    for path in CLASS_FILES:
        document = read_json(path)
        got = [(r["competency"], r["required_level"]) for r in document["requirements"]]
        assert got == LEVELS[document["code"]], document["code"]
    levels = [level for rows in LEVELS.values() for _, level in rows]
    assert sum(level is not None for level in levels) == 13
    assert sum(level is None for level in levels) == 32


def emphasised_levels(source: str) -> dict[int, int]:
    """Independently of the data: for each competency, the level whose text carries `*`."""
    marked: dict[int, int] = {}
    number = 0
    for line in source.splitlines():
        heading = re.match(r"^(\d+)\. [A-Z][A-Z ,&/'’-]+ – ", line)
        if heading:
            number = int(heading.group(1))
        level = re.match(r"^(?:- )?Level ([123]): (.*)$", line)
        if level and "*" in level.group(2):
            assert number not in marked, f"two levels of {number} are marked"
            marked[number] = int(level.group(1))
    return marked


def test_levels_agree_with_an_independent_reading_of_the_emphasis() -> None:
    for path in CLASS_FILES:
        document = read_json(path)
        source = (DATA / "sources" / document["source"]).read_text(encoding="utf-8")
        marked = emphasised_levels(source)
        got = {r["competency"]: r["required_level"] for r in document["requirements"]}
        assert {n: lv for n, lv in got.items() if lv is not None} == marked


def test_every_class_competency_is_in_its_source_list_and_body() -> None:
    for path in CLASS_FILES:
        document = read_json(path)
        source = (DATA / "sources" / document["source"]).read_text(encoding="utf-8")
        listed = [int(n) for n in re.findall(r"^- (\d+)\. ", source, flags=re.MULTILINE)]
        numbers = [r["competency"] for r in document["requirements"]]
        assert listed == numbers
        assert document["code"] in source
        assert f"**{document['title']}**" in source


def test_areas_belong_to_the_competency_they_follow() -> None:
    areas = {
        (read_json(p)["code"], r["competency"]): len(r["areas"])
        for p in CLASS_FILES
        for r in read_json(p)["requirements"]
        if r["areas"]
    }
    assert areas == {("1336", 20): 4, ("7521", 8): 2, ("7521", 20): 5, ("9375", 21): 5}


def test_the_data_release_is_recorded_in_the_changelog() -> None:
    release = read_json(DATA / "release.json")
    assert re.fullmatch(r"\d+\.\d+\.\d+", release["data_version"])
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"data {release['data_version']} - {release['released']}" in changelog
