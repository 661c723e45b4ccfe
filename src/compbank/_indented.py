"""``json.dumps(value, indent=2, ensure_ascii=False)``, the same text, several times faster.

The standard library encodes compact JSON in C but indented JSON only in Python, through a
generator per object and array. Canonical data files, the CASE package and the site's JSON
downloads are all indented, so this module writes that one layout with plain recursive
functions appending to a list: strings are still escaped by the standard library's own
(C) function, and numbers are written as `json` writes them.

Anything outside JSON's own types (dicts with string keys, lists and tuples, strings, ints,
floats, booleans and None; subclasses included) is left to `json.dumps` for the whole
document, so the text is always the standard library's, and so are its errors.
``tests/test_indented.py`` checks that the two agree.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["chunks", "dumps"]

_INDENT = "  "

# The text of each flat object (one holding no object or array) already written, by the
# object's id, with the indent it was written at. The document holds every object while it
# is written, so an id stays its object's: a document that holds one object in many places
# (the CASE package's links) has its text made once.
_Seen = dict[int, tuple[str, str]]


class _UnusualValueError(Exception):
    """A value this module does not write itself: `json.dumps` writes the whole document."""


def _float(value: float) -> str:
    """A float as `json` writes it (NaN and the infinities as its ``allow_nan`` default)."""
    if value != value:  # noqa: PLR0124 (NaN is the one value unequal to itself)
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str:  # noqa: ANN401 (any JSON scalar)
    """A string, number, boolean or None as JSON."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise _UnusualValueError


def _object(value: dict[Any, Any], out: list[str], newline: str, seen: _Seen) -> None:
    if not value:
        out.append("{}")
        return
    known = seen.get(id(value))
    if known is not None and known[0] == newline:
        out.append(known[1])
        return
    start = len(out)
    flat = True
    inner = newline + _INDENT
    separator = "{" + inner
    for key, item in value.items():
        if type(key) is not str:
            raise _UnusualValueError  # json converts such keys; let it
        kind = type(item)
        # strings, the usual leaves, are written here: a call per value costs the most
        if kind is str:
            out.append(f"{separator}{encode_basestring(key)}: {encode_basestring(item)}")
        else:
            out.append(f"{separator}{encode_basestring(key)}: ")
            if kind is dict:
                flat = False
                known = seen.get(id(item))  # here rather than in the call: it saves the call
                if known is not None and known[0] == inner:
                    out.append(known[1])
                else:
                    _object(item, out, inner, seen)
            elif kind is list or kind is tuple:
                flat = False
                _array(item, out, inner, seen)
            else:
                _value(item, out, inner, seen)  # a scalar, or a subclass it refuses
        separator = "," + inner
    out.append(newline + "}")
    if flat:
        seen[id(value)] = (newline, "".join(out[start:]))


def _array(value: list[Any] | tuple[Any, ...], out: list[str], newline: str, seen: _Seen) -> None:
    if not value:
        out.append("[]")
        return
    inner = newline + _INDENT
    separator = "[" + inner
    for item in value:
        if type(item) is str:
            out.append(separator + encode_basestring(item))
        else:
            out.append(separator)
            _value(item, out, inner, seen)
        separator = "," + inner
    out.append(newline + "]")


def _value(value: Any, out: list[str], newline: str, seen: _Seen) -> None:  # noqa: ANN401
    """Append *value* as JSON to *out*; *newline* is a line end and the current indent."""
    kind = type(value)
    if kind is dict:
        _object(value, out, newline, seen)
    elif kind is list or kind is tuple:
        _array(value, out, newline, seen)
    elif isinstance(value, (dict, list, tuple)):
        raise _UnusualValueError  # a subclass, which json may write otherwise
    else:
        out.append(_scalar(value))


def _pieces(value: Any) -> list[str]:  # noqa: ANN401
    """The text of *value* as pieces that join into it."""
    out: list[str] = []
    try:
        _value(value, out, "\n", {})
    except (_UnusualValueError, RecursionError):
        return [json.dumps(value, indent=2, ensure_ascii=False)]
    return out


def dumps(value: Any) -> str:  # noqa: ANN401 (any JSON value)
    """*value* as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it.

    >>> print(dumps({"a": [1, "é"], "b": {}}))
    {
      "a": [
        1,
        "é"
      ],
      "b": {}
    }
    """
    return "".join(_pieces(value))


def chunks(value: Any, size: int = 1 << 14) -> Iterator[str]:  # noqa: ANN401
    """The text `dumps` gives, in parts of about *size* pieces each, to write one by one.

    Joining a large document's text into one string (and encoding that) makes two more
    copies of it: a CASE package of 10,000 classes is 280 MB of text.
    """
    pieces = _pieces(value)
    for start in range(0, len(pieces), size):
        yield "".join(pieces[start : start + size])
