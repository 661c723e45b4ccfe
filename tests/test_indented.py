"""compbank._indented writes exactly what ``json.dumps(indent=2, ensure_ascii=False)`` writes."""

from __future__ import annotations

import collections
import io
import json
import math
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import compbank
from compbank import _indented
from compbank.export.case import NAMESPACE, case_bytes, export_case, identifier, write_case_text
from conftest import DATA


def reference(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and the infinities included: json writes them by default
    | st.text()  # control characters, quotes, backslashes, lone surrogates, non-ASCII
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(json_values)
def test_the_text_is_json_dumps_text(value: Any) -> None:
    assert _indented.dumps(value) == reference(value)


@given(json_values, json_values)
def test_one_object_held_in_many_places_at_many_depths(a: Any, b: Any) -> None:
    # a flat object's text is made once and reused: only where its indent is the same
    link = {"title": "x", "n": 1, "b": b if not isinstance(b, (dict, list, tuple)) else None}
    document = {"a": [link, {"deeper": [link, link]}, link], "b": link, "c": a, "d": [[link]]}
    assert _indented.dumps(document) == reference(document)


def test_what_it_does_not_write_itself_json_does() -> None:
    class Mapping(dict[str, Any]):
        pass

    for value in (
        {1: "int key", None: "none key", 2.5: "float key", False: "bool key"},
        Mapping(a=1),
        collections.OrderedDict(b=2, a=1),
        {"nested": {"deep": Mapping(a=[1, 2])}},
        [math.nan, math.inf, -math.inf, 1e300, -0.0, 10**40, True, False],
    ):
        assert _indented.dumps(value) == reference(value)
    circular: list[Any] = []
    circular.append(circular)
    for bad in (circular, {"a": {1, 2}}, [object()]):
        with pytest.raises((TypeError, ValueError)) as expected:
            reference(bad)
        with pytest.raises(expected.type):
            _indented.dumps(bad)


def test_the_case_package_of_the_data_is_json_dumps_text() -> None:
    bank = compbank.load(DATA)
    package = export_case(bank)
    assert _indented.dumps(package) == reference(package)
    written = io.BytesIO()
    write_case_text(bank, written)
    assert written.getvalue() == (reference(package) + "\n").encode() == case_bytes(bank)


@given(st.text())
def test_case_identifiers_are_uuid5(key: str) -> None:
    try:
        key.encode()
    except UnicodeEncodeError:
        return  # uuid5 cannot hash a lone surrogate either
    assert identifier(key) == str(uuid.uuid5(NAMESPACE, key))
