"""Step 2 of loading: check a parsed file against its JSON Schema.

Validators are built once per kind of file, on first use, and reused. Each schema error
becomes a `Problem` whose code names the kind of rule broken (see `problems.CODES`).
"""

from __future__ import annotations

import functools
import json
import threading
from typing import TYPE_CHECKING, Any, Literal

from compbank._paths import schema_dir
from compbank.problems import Problem

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

#: The kinds of data file, each with its own schema.
Kind = Literal["competency", "job-class", "release"]
KINDS: tuple[Kind, ...] = ("competency", "job-class", "release")
#: Schema versions this library reads. A file naming another version is reported, not guessed at.
SUPPORTED_SCHEMA_VERSIONS = frozenset({1})

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
    "minLength": "bad-length",
    "maxLength": "bad-length",
    "minItems": "bad-length",
    "maxItems": "bad-length",
    "uniqueItems": "duplicate-item",
}

_TEXT_PATTERN = "^\\S+( \\S+)*$"
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
    # heavy; imported only when validating
    from jsonschema import Draft202012Validator, validators  # noqa: PLC0415

    # JSON Schema counts 2.0 as an integer; in a data file it is a typo for 2 (and would be
    # written back as 2.0), so an integer here is a JSON integer literal only.
    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    strict = validators.extend(Draft202012Validator, type_checker=checker)  # type: ignore[no-untyped-call]
    result: Validator = strict(schema(kind))
    return result


def _is_integer(_: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


def _message(error: ValidationError) -> str:
    rule = error.validator_value
    if error.validator == "pattern" and rule == _TEXT_PATTERN:
        return (
            "text must not be empty, nor start or end with spaces, nor hold doubled spaces"
            " or line breaks"
        )
    shown = json.dumps(error.instance, ensure_ascii=False)
    if len(shown) > 60:
        shown = shown[:57] + "..."
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


def check_schema(kind: Kind, instance: Any, file: str) -> list[Problem]:  # noqa: ANN401
    """Every way *instance* breaks the schema for *kind*, as problems in document order."""
    errors = sorted(validator(kind).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [
        Problem(_CODE_BY_KEYWORD.get(str(e.validator), "schema"), file, e.json_path, _message(e))
        for e in errors
    ]


def check_version(instance: Any, file: str) -> list[Problem]:  # noqa: ANN401
    """A problem if *instance* names a schema version this library does not read."""
    if not isinstance(instance, dict):
        return []
    version = instance.get("schema_version")
    known_type = isinstance(version, int) and not isinstance(version, bool)
    if not known_type or version in SUPPORTED_SCHEMA_VERSIONS:
        return []  # a missing or mistyped version is the schema's to report
    known = ", ".join(map(str, sorted(SUPPORTED_SCHEMA_VERSIONS)))
    return [
        Problem(
            "unsupported-schema-version",
            file,
            "$.schema_version",
            f"schema version {version} is not supported (this compbank reads {known});"
            " upgrade compbank",
        )
    ]
