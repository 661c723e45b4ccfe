"""Step 2 of loading: check a parsed file against its JSON Schema.

Validators are built once per kind of file, on first use, and reused. Each schema error
becomes a `Problem` whose code names the kind of rule broken (see `problems.CODES`).

Where jsonschema-rs is installed (by default wherever it publishes wheels; elsewhere with
``pip install 'compbank[fast]'``), a file is first checked by it, about a hundred times
faster; only the files it does not pass as valid are checked by jsonschema, which explains
each error exactly as without jsonschema-rs. Set the environment variable
``COMPBANK_NO_FAST=1`` to check every file with jsonschema alone.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from typing import TYPE_CHECKING, Any, Literal

from compbank import _text
from compbank._paths import schema_dir
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

#: The kinds of data file, each with its own schema.
Kind = Literal["competency", "job-class", "release"]
KINDS: tuple[Kind, ...] = ("competency", "job-class", "release")
#: Schema versions this library reads. A file naming another version is reported, not guessed at.
SUPPORTED_SCHEMA_VERSIONS = frozenset({1, 2})
#: ... by kind of file: class files of version 2 may give each requirement's page in the PDF.
SCHEMA_VERSIONS: dict[Kind, frozenset[int]] = {
    "competency": frozenset({1}),
    "job-class": frozenset({1, 2}),
    "release": frozenset({1}),
}

_CODE_BY_KEYWORD = {
    "additionalProperties": "unknown-key",
    "unevaluatedProperties": "unknown-key",
    "required": "missing-key",
    "type": "wrong-type",
    "minimum": "out-of-range",
    "maximum": "out-of-range",
    "exclusiveMinimum": "out-of-range",
    "exclusiveMaximum": "out-of-range",
    "enum": "bad-value",
    "const": "bad-value",
    "pattern": "bad-format",
    "format": "bad-format",
    # the schemas' one "not": a value must not end in a line break (compbank._text)
    "not": "bad-format",
    "minLength": "bad-length",
    "maxLength": "bad-length",
    "minItems": "bad-length",
    "maxItems": "bad-length",
    "uniqueItems": "duplicate-item",
}

#: The text rule's patterns (see `compbank._text`): their errors are ``bad-text``.
_TEXT_PATTERNS = _text.LINE_BREAKS_BY_PATTERN
_lock = threading.Lock()


@functools.cache
def schema(kind: Kind) -> dict[str, Any]:
    """The parsed JSON Schema for *kind*."""
    with (schema_dir() / f"{kind}.schema.json").open(encoding="utf-8") as f:
        result: dict[str, Any] = json.load(f)
    return result


def validator(kind: Kind) -> Validator:
    """The validator for *kind*, built once."""
    with _lock:
        return _validator(kind)


@functools.cache
def _validator(kind: Kind) -> Validator:
    from jsonschema import Draft202012Validator  # noqa: PLC0415 (heavy; only when validating)

    return Draft202012Validator(inline_refs(schema(kind)))


# Keywords whose value is a schema, or a mapping of names to schemas; `inline_refs` follows
# only these, so that no data (an ``enum`` value, say) is ever taken for a schema.
_SCHEMA_VALUED = frozenset({"items", "additionalProperties", "not", "contains"})
_SCHEMA_MAPS = frozenset({"properties", "$defs", "patternProperties"})
_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples", "default"})


def inline_refs(
    node: dict[str, Any], root: dict[str, Any] | None = None, seen: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """*node* with each ``{"$ref": "#/$defs/NAME"}`` replaced by a copy of that definition.

    jsonschema resolves a ``$ref`` anew each time it meets one (every text in a file), which
    is a third of its work. Only references that stand alone, beside annotations at most, are
    replaced, and never within their own definition, so the schema means exactly the same:
    its errors have the same keywords, instance paths and messages.
    """
    root = node if root is None else root
    ref = node.get("$ref")
    if (
        isinstance(ref, str)
        and ref.startswith("#/$defs/")
        and ref not in seen
        and node.keys() - {"$ref"} <= _ANNOTATIONS
    ):
        target = root.get("$defs", {}).get(ref.removeprefix("#/$defs/"))
        if isinstance(target, dict):
            return inline_refs(target, root, seen | {ref})
    result = dict(node)
    for key, value in node.items():
        if key in _SCHEMA_VALUED and isinstance(value, dict):
            result[key] = inline_refs(value, root, seen)
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            result[key] = {
                name: inline_refs(sub, root, seen) if isinstance(sub, dict) else sub
                for name, sub in value.items()
            }
    return result


#: Set (to anything but "" or "0") to turn the jsonschema-rs fast path off.
NO_FAST_ENV = "COMPBANK_NO_FAST"


def fast_validator(kind: Kind) -> Callable[[Any], bool] | None:
    """jsonschema-rs's ``is_valid`` for *kind*, built once; None if not installed or turned off."""
    if os.environ.get(NO_FAST_ENV, "") not in ("", "0"):
        return None
    with _lock:
        return _fast_validator(kind)


@functools.cache
def _fast_validator(kind: Kind) -> Callable[[Any], bool] | None:
    try:
        import jsonschema_rs  # noqa: PLC0415 (optional; only when validating)
    except ImportError:
        return None
    is_valid: Callable[[Any], bool] = jsonschema_rs.validator_for(schema(kind)).is_valid
    return is_valid


def certainly_valid(kind: Kind, instance: Any) -> bool:  # noqa: ANN401
    """True if jsonschema-rs is available and finds *instance* valid; False if unsure."""
    is_valid = fast_validator(kind)
    if is_valid is None:
        return False
    try:
        return is_valid(instance)
    except (ValueError, TypeError, OverflowError):
        # a value jsonschema-rs cannot take in; jsonschema will say what is wrong with it
        return False


def _pattern(error: ValidationError) -> str | None:
    """The pattern *error* holds the value to: its own, or the one beside a final-break rule."""
    if error.validator == "pattern":
        return str(error.validator_value)
    if error.validator == "not" and error.validator_value == _text.NO_FINAL_BREAK:
        # a value that ends in a line break, which the pattern beside this rule (ending
        # in "$") lets pass where Python reads it: reported as that pattern's error
        pattern = error.schema.get("pattern") if isinstance(error.schema, dict) else None
        return str(pattern) if pattern is not None else None
    return None


def _code(error: ValidationError) -> str:
    pattern = _pattern(error)
    if pattern is not None:
        return "bad-text" if pattern in _TEXT_PATTERNS else "bad-format"
    return _CODE_BY_KEYWORD.get(str(error.validator), "schema")


def _message(error: ValidationError) -> str:
    rule = error.validator_value
    pattern = _pattern(error)
    if pattern in _TEXT_PATTERNS:
        found = _text.problem(str(error.instance), line_breaks=_TEXT_PATTERNS[pattern])
        return f"the text {found or 'does not match the text pattern'}"
    shown = json.dumps(error.instance, ensure_ascii=False)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if pattern is not None:
        rule = pattern
        if error.validator == "not":
            return f"{shown} ends in a line break; it must match {json.dumps(rule)}"
    templates = {
        "type": "{v} is not of type {r}",
        "pattern": "{v} does not match {r}",
        "minimum": "{v} is less than the minimum, {r}",
        "maximum": "{v} is greater than the maximum, {r}",
        "enum": "{v} is not one of {r}",
        "const": "{v} is not {r}",
    }
    template = templates.get(str(error.validator))
    if template is None:
        return str(error.message)
    return template.format(v=shown, r=json.dumps(rule, ensure_ascii=False))


def check_schema(
    kind: Kind,
    instance: Any,  # noqa: ANN401
    file: str,
    raw: bytes | None = None,
) -> list[Problem]:
    """Every way *instance* breaks the schema for *kind*, as problems in document order.

    Given *raw*, the bytes *instance* was parsed from, jsonschema-rs is asked first where it
    is available, and a file it passes has no problem: the problems are the same, only found
    sooner. (Only whether *raw* is given matters; the loader asks jsonschema-rs itself.)
    """
    if raw is not None and certainly_valid(kind, instance):
        return []
    errors = sorted(validator(kind).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [Problem(_code(e), file, e.json_path, _message(e)) for e in errors]


def check_version(instance: Any, file: str, kind: Kind | None = None) -> list[Problem]:  # noqa: ANN401
    """A problem if *instance* names a schema version this library does not read (as *kind*)."""
    if not isinstance(instance, dict):
        return []
    version = instance.get("schema_version")
    known_type = isinstance(version, int) and not isinstance(version, bool)
    supported = SCHEMA_VERSIONS[kind] if kind is not None else SUPPORTED_SCHEMA_VERSIONS
    if not known_type or version in supported:
        return []  # a missing or mistyped version is the schema's to report
    known = ", ".join(map(str, sorted(supported)))
    return [
        Problem(
            "unsupported-schema-version",
            file,
            "$.schema_version",
            f"schema version {version} is not supported (this compbank reads {known});"
            " upgrade compbank",
        )
    ]
