"""Step 3 of loading: turn schema-valid JSON into model objects, and back.

One cattrs converter, configured here and nowhere else:

- ``forbid_extra_keys=True``: a key the model does not know is an error, never dropped
  (the schema catches it first; this keeps the models honest if the two ever drift apart);
- ``levels`` is a JSON object keyed ``"1"``, ``"2"``, ``"3"`` in files and a 3-tuple in
  `Competency`, so that ``c.level(n)`` and the file both count from 1;
- a resolved `Requirement` unstructures to its competency's number, as files hold it;
- the ``$schema`` key is file metadata, not model data: `to_document` adds it back;
- ``tuple[X, ...]`` and ``X | None`` get hooks that look up the hook for ``X`` once, when
  they are made, rather than on every value as cattrs' default ones do, and ``tuple[str,
  ...]`` applies ``str`` to each item in one step: same results, same errors;
- a class file's requirements and every note are structured without cattrs' detailed
  validation, which doubled their cost: they are only ever given values the schema has
  passed, which cannot fail (were that to change, the error's path would end at the
  requirement or note rather than at its key);
- equal requirements without areas (equal values of equal types) are made once and shared,
  as frozen records can be: most classes require a competency at one of a few levels.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from compbank._records import JobClassRecord, Release, RequirementRecord
from compbank.models import Competency, JobClass, Note, Requirement
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from compbank._schema import Kind

#: The ``$schema`` each kind of file names, relative to where it lives in ``data/``.
SCHEMA_REF: dict[Kind, str] = {
    "competency": "../../schema/competency.schema.json",
    "job-class": "../../schema/job-class.schema.json",
    "release": "../schema/release.schema.json",
}


def _levels_from_json(value: dict[str, str], _: object) -> tuple[str, str, str]:
    return (value["1"], value["2"], value["3"])


def _levels_to_json(levels: tuple[str, str, str]) -> dict[str, str]:
    return {str(i): text for i, text in enumerate(levels, start=1)}


def _is_homogeneous_tuple(t: Any) -> bool:  # noqa: ANN401 (any type annotation)
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(t: Any) -> bool:  # noqa: ANN401 (any type annotation)
    args = typing.get_args(t)
    union = typing.get_origin(t) in (typing.Union, types.UnionType)
    return union and len(args) == 2 and type(None) in args


def _optional_hook(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:  # noqa: ANN401
    (other,) = (a for a in typing.get_args(t) if a is not type(None))
    inner = conv.get_structure_hook(other)

    def structure_optional(value: Any, _: Any) -> Any:  # noqa: ANN401
        return None if value is None else inner(value, other)

    return structure_optional


def _texts_hook(value: Any, _: Any) -> tuple[str, ...]:  # noqa: ANN401
    # what cattrs' own hook does (`str` on each item), in one step rather than three calls
    return tuple([str(item) for item in value])


#: How many distinct requirements `_shared_requirements` keeps (a bound, not a working limit).
MAX_SHARED = 1 << 16


def _shared_requirements(conv: cattrs.Converter) -> Callable[[Any, Any], RequirementRecord]:
    make = make_dict_structure_fn(
        RequirementRecord, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False
    )
    made: dict[tuple[Any, ...], RequirementRecord] = {}

    def structure_requirement(value: Any, cl: Any) -> RequirementRecord:  # noqa: ANN401
        try:
            if value["areas"] != [] or "page" in value:
                return make(value, cl)
            number, level, prior = (
                value["competency"],
                value["required_level"],
                value["prior_to_entry"],
            )
            # the types are part of the key because cattrs keeps a level as written (2.0 is not 2)
            key = (len(value), number, type(number), level, type(level), prior, type(prior))
            record = made.get(key)
        except (KeyError, TypeError):  # no such key, or not a mapping: `make` says what is wrong
            return make(value, cl)
        if record is None:
            if len(made) >= MAX_SHARED:
                made.clear()
            record = made[key] = make(value, cl)
        return record

    return structure_requirement


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, homogenous_tuple_structure_factory)
    conv.register_structure_hook_factory(_is_optional, _optional_hook)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _texts_hook)
    conv.register_structure_hook(RequirementRecord, _shared_requirements(conv))
    conv.register_structure_hook(
        Note,
        make_dict_structure_fn(
            Note, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False
        ),
    )
    conv.register_structure_hook(
        Competency,
        make_dict_structure_fn(
            Competency,
            conv,
            _cattrs_forbid_extra_keys=True,
            levels=override(struct_hook=_levels_from_json),
        ),
    )
    conv.register_unstructure_hook(
        Competency,
        make_dict_unstructure_fn(Competency, conv, levels=override(unstruct_hook=_levels_to_json)),
    )
    conv.register_unstructure_hook(
        RequirementRecord,
        lambda r: {
            "competency": r.competency,
            "required_level": r.required_level,
            "prior_to_entry": r.prior_to_entry,
            "areas": list(r.areas),
            **({"page": r.page} if r.page is not None else {}),
        },
    )
    conv.register_unstructure_hook(
        Requirement,
        lambda r: {
            "competency": r.competency.number,
            "required_level": r.required_level,
            "prior_to_entry": r.prior_to_entry,
            "areas": list(r.areas),
            **({"page": r.page} if r.page is not None else {}),
        },
    )
    return conv


converter = _make_converter()

_TYPES: dict[Kind, type] = {
    "competency": Competency,
    "job-class": JobClassRecord,
    "release": Release,
}


def structure(kind: Kind, document: dict[str, Any], file: str) -> tuple[Any, list[Problem]]:
    """Structure a schema-valid *document* of *kind*; (object, []) or (None, problems)."""
    data = {k: v for k, v in document.items() if k != "$schema"}
    try:
        return converter.structure(data, _TYPES[kind]), []
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as e:
        messages = (
            cattrs.transform_error(e, path="$")
            if isinstance(e, cattrs.BaseValidationError)
            else [f"$: {e}"]
        )
        problems = []
        for message in messages:
            text, _, path = message.rpartition(" @ ")
            problems.append(Problem("structure", file, path or "$", text or message))
        return None, problems


def to_document(obj: Competency | JobClass | JobClassRecord | Release) -> dict[str, Any]:
    """The file content for a model object: ``$schema`` first, then its fields."""
    kind: Kind
    if isinstance(obj, Competency):
        kind = "competency"
    elif isinstance(obj, (JobClass, JobClassRecord)):
        kind = "job-class"
    else:
        kind = "release"
    data: dict[str, Any] = converter.unstructure(obj)
    return {"$schema": SCHEMA_REF[kind], **data}


__all__ = ["SCHEMA_REF", "Note", "RequirementRecord", "converter", "structure", "to_document"]
