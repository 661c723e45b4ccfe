"""`compbank._schema.inline_refs`: a schema with its ``$ref`` inlined means exactly the same.

The validators compbank builds are cached, so these tests call `inline_refs` itself: on small
schemas that hold each case it must handle, and on the published schemas, whose inlined form
must give every document the same errors. So too for the other things built once.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest
from jsonschema import Draft202012Validator

from compbank import _checks, _schema
from compbank._schema import KINDS, inline_refs, schema
from conftest import DATA, SCHEMA

if TYPE_CHECKING:
    from compbank._schema import Kind

TEXT = {"type": "string", "minLength": 1}


def test_each_place_a_schema_can_stand_is_inlined() -> None:
    root: dict[str, Any] = {
        "$defs": {"text": TEXT, "list": {"type": "array", "items": {"$ref": "#/$defs/text"}}},
        "properties": {
            "a": {"$ref": "#/$defs/text"},
            "b": {"$ref": "#/$defs/text", "description": "annotations may stand beside"},
            "c": {"$ref": "#/$defs/list"},
            "d": True,
        },
        "patternProperties": {"^x": {"$ref": "#/$defs/text"}},
        "additionalProperties": {"$ref": "#/$defs/text"},
        "items": {"$ref": "#/$defs/text"},
        "not": {"$ref": "#/$defs/text"},
        "contains": {"$ref": "#/$defs/text"},
    }
    before = copy.deepcopy(root)
    inlined = inline_refs(root)
    assert root == before  # the schema given is left as it was
    listed = {"type": "array", "items": TEXT}
    assert inlined == {
        "$defs": {"text": TEXT, "list": listed},
        "properties": {"a": TEXT, "b": TEXT, "c": listed, "d": True},
        "patternProperties": {"^x": TEXT},
        "additionalProperties": TEXT,
        "items": TEXT,
        "not": TEXT,
        "contains": TEXT,
    }


@pytest.mark.parametrize(
    "kept",
    [
        {"$ref": "#/$defs/text", "maxLength": 3},  # a rule beside: the $ref is part of a whole
        {"$ref": "#/$defs/missing"},
        {"$ref": "#/definitions/text"},
        {"$ref": "other.json#/$defs/text"},
        {"$ref": 7},
        {"$ref": "#/$defs/flag"},  # a definition that is no object
        {"enum": [{"$ref": "#/$defs/text"}]},  # data, not a schema
        {"const": {"$ref": "#/$defs/text"}},
        {"type": "object", "examples": [{"$ref": "#/$defs/text"}]},
        {"const": {"x": {"$ref": "#/$defs/text"}}},
        {"default": {"x": {"$ref": "#/$defs/text"}}},
    ],
)
def test_what_is_not_a_lone_local_reference_is_kept(kept: dict[str, Any]) -> None:
    root = {"$defs": {"text": TEXT, "flag": True}, "properties": {"a": kept}}
    assert inline_refs(root)["properties"]["a"] == kept


def test_every_annotation_may_stand_beside_a_reference() -> None:
    annotated = {
        "$ref": "#/$defs/text",
        "description": "d",
        "title": "t",
        "$comment": "c",
        "examples": ["e"],
        "default": "x",
    }
    root = {"$defs": {"text": TEXT}, "properties": {"a": annotated}}
    assert inline_refs(root)["properties"]["a"] == TEXT
    # and a schema without definitions keeps its references
    assert inline_refs({"properties": {"a": {"$ref": "#/$defs/text"}}}) == {
        "properties": {"a": {"$ref": "#/$defs/text"}}
    }


def test_a_recursive_definition_is_inlined_once() -> None:
    node = {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}}
    root = {"$defs": {"node": node}, "properties": {"tree": {"$ref": "#/$defs/node"}}}
    inlined = inline_refs(root)
    assert inlined["properties"]["tree"] == node
    # in its own definition, the first reference is inlined, and stops there
    assert inlined["$defs"]["node"]["properties"]["child"] == node
    # a definition reached through another one is inlined inside it, and stops at itself
    # ... through every keyword that holds a schema
    listed = {"type": "array", "items": {"$ref": "#/$defs/list"}}
    looped = inline_refs({"$defs": {"list": listed}, "items": {"$ref": "#/$defs/list"}})
    assert looped["items"] == listed
    pair = {
        "$defs": {
            "a": {"type": "object", "properties": {"b": {"$ref": "#/$defs/b"}}},
            "b": {"type": "object", "properties": {"a": {"$ref": "#/$defs/a"}}},
        },
        "properties": {"x": {"$ref": "#/$defs/a"}},
    }
    assert inline_refs(pair)["properties"]["x"] == {
        "type": "object",
        "properties": {
            "b": {"type": "object", "properties": {"a": {"$ref": "#/$defs/a"}}},
        },
    }


def _refs(node: Any) -> int:
    if isinstance(node, dict):
        return ("$ref" in node) + sum(_refs(v) for v in node.values())
    if isinstance(node, list):
        return sum(_refs(v) for v in node)
    return 0


def _broken_documents(kind: str) -> list[Any]:
    """The repository's files of *kind*, and each with one value after another replaced."""
    folder = {"competency": "competency_bank", "job-class": "classes"}.get(kind)
    files = sorted((DATA / folder).glob("*.json"))[:3] if folder else [DATA / "release.json"]
    documents = []
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        documents.append(document)
        for key, value in document.items():
            wrongs = [w for w in (None, " x", 0, [1], {"k": 1}) if w != value]
            documents.extend({**document, key: wrong} for wrong in wrongs)
        documents.append({**document, "extra": 1})
    return documents


@pytest.mark.parametrize("kind", KINDS)
def test_the_published_schemas_inlined_give_the_same_errors(kind: str) -> None:
    published = schema(kind)
    inlined = inline_refs(published)
    assert _refs(inlined) == 0 < _refs(published) + (kind == "release")
    exact, quick = Draft202012Validator(published), Draft202012Validator(inlined)

    def errors(validator: Draft202012Validator, document: Any) -> list[tuple[Any, ...]]:
        found = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        return [(e.validator, e.json_path, e.message) for e in found]

    documents = _broken_documents(kind)
    assert len(documents) > 20
    for document in documents:
        assert errors(quick, document) == errors(exact, document)


# What is built once and cached, built afresh: what the cache holds must be what a first use
# builds (and a mutation test, which runs in a process where the cache is already filled,
# sees the building code only here).


@pytest.mark.parametrize("kind", KINDS)
def test_what_is_built_once_is_built_right(kind: Kind) -> None:
    on_disk = json.loads((SCHEMA / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert _schema.schema.__wrapped__(kind) == on_disk
    assert _checks._text_schema.__wrapped__(kind) == inline_refs(on_disk)
    validator = _schema._validator.__wrapped__(kind)
    assert validator.schema == inline_refs(on_disk)
    is_valid = _schema._fast_validator.__wrapped__(kind)
    assert is_valid is not None
    for document in _broken_documents(kind):
        assert is_valid(document) == (not list(validator.iter_errors(document)))
