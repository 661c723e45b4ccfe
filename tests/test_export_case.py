from __future__ import annotations

import copy
import json
import uuid
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

import attrs
import jsonschema_rs
import pytest

import compbank
from compbank._bank import Bank
from compbank.export import export_case, write_case
from compbank.export.case import NAMESPACE, change_time, identifier

if TYPE_CHECKING:
    from pathlib import Path
from export_samples import REPO, case_schema_path, small_bank


@pytest.fixture(scope="module")
def bank() -> Bank:
    return compbank.load()


@pytest.fixture(scope="module")
def package(bank: Bank) -> dict[str, Any]:
    return export_case(bank)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(case_schema_path().read_text(encoding="utf-8"))
    return loaded


def errors(schema: dict[str, Any], instance: object) -> list[str]:
    """Every way *instance* breaks *schema*, formats (uri, date-time, date) included.

    The schema names no draft; CASE servers read it as draft 4, and draft 7 also checks the
    ``date`` format, so both are used. jsonschema-rs checks formats without extra packages.
    """
    found = []
    for draft in (jsonschema_rs.Draft4Validator, jsonschema_rs.Draft7Validator):
        validator = draft(schema, validate_formats=True)
        found += [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(instance)]
    return found


def by_id(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["identifier"]: i for i in package["CFItems"]}


def assocs(package: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [a for a in package["CFAssociations"] if a["associationType"] == kind]


def test_validates_against_the_case_schema(schema: dict[str, Any], package: dict[str, Any]) -> None:
    assert errors(schema, package) == []


def test_a_small_bank_validates_too(schema: dict[str, Any]) -> None:
    assert errors(schema, export_case(small_bank())) == []


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("CFDocument", "lastChangeDateTime"), "2026-11-22 00:00"),
        (("CFDocument", "uri"), "not a uri"),
        (("CFDocument", "identifier"), "not-a-uuid"),
        (("CFAssociations", 0, "associationType"), "requires"),
    ],
)
def test_the_schema_check_catches_what_it_must(
    schema: dict[str, Any], package: dict[str, Any], where: tuple[str | int, ...], value: str
) -> None:
    """The check above is not vacuous: formats and enums are enforced."""
    broken = copy.deepcopy(package)
    node: Any = broken
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    assert errors(schema, broken) != []


def test_identifiers_are_unique_uuid5_and_uris_name_them(package: dict[str, Any]) -> None:
    entities = [
        package["CFDocument"],
        *package["CFItems"],
        *package["CFAssociations"],
        *package["CFDefinitions"]["CFItemTypes"],
        *package["CFDefinitions"]["CFLicenses"],
    ]
    ids = [e["identifier"] for e in entities]
    assert len(set(ids)) == len(ids)
    for e in entities:
        assert str(uuid.UUID(e["identifier"])) == e["identifier"]
        assert uuid.UUID(e["identifier"]).version == 5
        assert e["uri"] == f"urn:uuid:{e['identifier']}"
    assert package["CFDocument"]["identifier"] == str(uuid.uuid5(NAMESPACE, "document"))


def test_every_link_points_at_an_entity_of_the_package(package: dict[str, Any]) -> None:
    known = {package["CFDocument"]["identifier"]: package["CFDocument"]["title"]}
    known |= {i["identifier"]: i for i in package["CFItems"]}
    types = {t["identifier"] for t in package["CFDefinitions"]["CFItemTypes"]}
    for a in package["CFAssociations"]:
        assert a["originNodeURI"]["identifier"] in known
        assert a["destinationNodeURI"]["identifier"] in known
    for item in package["CFItems"]:
        assert item["CFDocumentURI"]["identifier"] == package["CFDocument"]["identifier"]
        assert item["CFItemTypeURI"]["identifier"] in types


def test_the_document_names_its_terms(package: dict[str, Any], schema: dict[str, Any]) -> None:
    """CASE's place for a licence: the document's licenseURI, naming a CFLicense whose text
    is the data notice (the City's texts carry no stated licence; the code is MIT)."""
    (license_,) = package["CFDefinitions"]["CFLicenses"]
    link = package["CFDocument"]["licenseURI"]
    assert link == {k: license_[k] for k in ("title", "identifier", "uri")}
    assert license_["licenseText"] == (REPO / "DATA-NOTICE.md").read_text(encoding="utf-8")
    assert "no licence" in license_["description"]
    assert license_["lastChangeDateTime"] == package["CFDocument"]["lastChangeDateTime"]
    broken = copy.deepcopy(package)
    del broken["CFDefinitions"]["CFLicenses"][0]["licenseText"]
    assert errors(schema, broken) != []  # the schema requires the text


def test_counts(package: dict[str, Any]) -> None:
    types = Counter(i["CFItemType"] for i in package["CFItems"])
    assert types["Competency"] == 26
    assert types["Competency Level"] == 78
    assert types["Job Class"] == 5
    kinds = Counter(a["associationType"] for a in package["CFAssociations"])
    assert kinds["isPartOf"] == 45
    assert kinds["hasSkillLevel"] == 13
    assert kinds["precedes"] == 0  # no source marks prior-to-entry competencies
    assert kinds["isChildOf"] == len(package["CFItems"])  # every item has its one parent


def test_exact_values(package: dict[str, Any], bank: Bank) -> None:
    items = by_id(package)
    customer_service = items[identifier("competency/34")]
    assert customer_service["fullStatement"] == bank.competencies[34].definition
    assert customer_service["abbreviatedStatement"] == "Customer Service"
    assert customer_service["humanCodingScheme"] == "34"
    level = items[identifier("competency/34/level/2")]
    assert level["fullStatement"] == bank.competencies[34].level(2)
    assert (level["CFItemType"], level["listEnumeration"]) == ("Competency Level", "2")
    document = package["CFDocument"]
    assert document["version"] == bank.data_version
    assert document["creator"] == "City of Los Angeles Personnel Department"
    when = f"{bank.released}T00:00:00Z"
    for entity in (document, *package["CFItems"], *package["CFAssociations"]):
        assert entity["lastChangeDateTime"] == when


def test_the_tree_holds_each_competency_with_its_parts_in_order(
    package: dict[str, Any], bank: Bank
) -> None:
    items = by_id(package)
    children: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for a in assocs(package, "isChildOf"):
        children[a["destinationNodeURI"]["identifier"]].append(
            (a["sequenceNumber"], items[a["originNodeURI"]["identifier"]])
        )
    top = [i for _, i in sorted(children[package["CFDocument"]["identifier"]], key=lambda e: e[0])]
    assert [i.get("humanCodingScheme") for i in top] == [
        *(str(n) for n in bank.competencies),
        *bank.classes,
    ]
    for c in bank.competencies.values():
        siblings = sorted(children[identifier(f"competency/{c.number}")], key=lambda e: e[0])
        assert [n for n, _ in siblings] == list(range(1, len(siblings) + 1))
        parts = [i for _, i in siblings]
        of_type: dict[str, list[str]] = defaultdict(list)
        for p in parts:
            of_type[p["CFItemType"]].append(p["fullStatement"])
        assert tuple(of_type["Competency Level"]) == c.levels
        assert tuple(of_type["Behavioral Indicator"]) == c.behavioral_indicators
        assert tuple(of_type["Definition Item"]) == c.definition_items
        assert of_type["Satisfactory Performance"] == [c.satisfactory]
        assert of_type["Superior Performance"] == [c.superior]


def test_class_models_read_back_from_the_associations(package: dict[str, Any], bank: Bank) -> None:
    items = by_id(package)
    for jc in bank.classes.values():
        me = identifier(f"class/{jc.code}")
        assert items[me]["fullStatement"] == jc.title
        parts = sorted(
            (a["sequenceNumber"], int(items[a["originNodeURI"]["identifier"]]["humanCodingScheme"]))
            for a in assocs(package, "isPartOf")
            if a["destinationNodeURI"]["identifier"] == me
        )
        assert [n for _, n in parts] == [r.number for r in jc.requirements]
        levels = {}
        for a in assocs(package, "hasSkillLevel"):
            if a["originNodeURI"]["identifier"] == me:
                level = a["destinationNodeURI"]["identifier"]
                (parent,) = [
                    p["destinationNodeURI"]["identifier"]
                    for p in assocs(package, "isChildOf")
                    if p["originNodeURI"]["identifier"] == level
                ]
                number = int(items[parent]["humanCodingScheme"])
                levels[number] = int(items[level]["listEnumeration"])
        assert levels == {
            r.number: r.required_level for r in jc.requirements if r.required_level is not None
        }
        areas = [
            items[a["originNodeURI"]["identifier"]]["fullStatement"]
            for a in sorted(assocs(package, "isChildOf"), key=lambda a: a["sequenceNumber"])
            if a["destinationNodeURI"]["identifier"] == me
        ]
        assert areas == [text for r in jc.requirements for text in r.areas]


def test_prior_to_entry_aliases_and_notes_of_a_small_bank() -> None:
    small = small_bank()
    package = export_case(small)
    precedes = assocs(package, "precedes")
    assert [
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]) for a in precedes
    ] == [(identifier("competency/1"), identifier("class/0001"))]  # True only; False, None: none
    first = by_id(package)[identifier("competency/1")]
    assert first["alternativeLabel"] == "CV Review; Screening"
    assert first["notes"] == (
        'Sources: 0001-a.txt.\njoined-word (0001-a.txt, $.name): found "Line\nbreak, here". Kept.'
    )
    second = by_id(package)[identifier("competency/2")]
    assert "alternativeLabel" not in second
    assert "notes" not in second  # no sources, no findings
    assert "Year: 2020." in by_id(package)[identifier("class/0001")]["notes"]
    assert package["CFDocument"]["lastChangeDateTime"] == "2025-02-03T00:00:00Z"


def test_identifiers_do_not_change_when_texts_do() -> None:
    small = small_bank()
    c = small.competencies[2]
    changed = attrs.evolve(c, definition="A new definition.", levels=("a", "b", "c"))
    edited = Bank(
        (small.competencies[1], changed),
        (),
        data_version="9.9.0",
        released="2025-03-01",
        path=small.path,
    )
    before = {i["identifier"] for i in export_case(small)["CFItems"]}
    after = by_id(export_case(edited))
    assert set(after) <= before
    assert after[identifier("competency/2/level/1")]["fullStatement"] == "a"


def test_same_data_same_bytes(bank: Bank, tmp_path: Path) -> None:
    write_case(bank, tmp_path / "a.json")
    write_case(compbank.load(bank.path), tmp_path / "b.json")  # loaded anew
    raw = (tmp_path / "a.json").read_bytes()
    assert raw == (tmp_path / "b.json").read_bytes()
    assert raw.endswith(b"}\n")
    assert json.loads(raw) == export_case(bank)


def test_a_release_date_that_is_no_date_is_an_error() -> None:
    with pytest.raises(ValueError, match="not a calendar date"):
        change_time("2026-02-30")
