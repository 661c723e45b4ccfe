"""Step 1 of loading: read one file as strict JSON, or say exactly why it is not.

Python's `json` module accepts things a data file must not hold: duplicate keys (the last one
silently wins), ``NaN`` and ``Infinity``, a byte-order mark. Here each is a `Problem`.
"""

from __future__ import annotations

import json
import os
import re
import stat
from typing import TYPE_CHECKING, Any

from compbank.problems import Problem

if TYPE_CHECKING:
    from os import PathLike
    from pathlib import Path

#: A data file is a few kilobytes; anything past this is a mistake, not data.
MAX_FILE_BYTES = 1 << 20
#: Our deepest schema nests 4 levels; this leaves room while refusing pathological input.
MAX_DEPTH = 32


class _Pairs(dict[str, Any]):
    """An object whose source repeated keys (kept so that the path can be reported)."""

    duplicates: tuple[str, ...] = ()


def _pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = _Pairs(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        duplicates: dict[str, None] = {}
        for key, _ in pairs:
            if key in seen:
                duplicates[key] = None
            seen.add(key)
        obj.duplicates = tuple(duplicates)
    return obj


def _no_constants(name: str) -> Any:  # noqa: ANN401 (the hook's signature is json's)
    raise _ConstantError(name)


class _ConstantError(ValueError):
    pass


class _LongNumberError(ValueError):
    pass


class _Float(float):
    """A number written with a fraction or an exponent, such as ``2.0``, and its text.

    Data files hold whole numbers only (every number in the schemas is an integer), and JSON
    Schema would take ``2.0`` for the integer 2, so such a number is refused on reading.
    """

    text: str


def _fraction(text: str) -> _Float:
    number = _Float(text)
    number.text = text
    return number


def _no_fraction(text: str) -> float:
    raise _FractionError(text)


class _FractionError(ValueError):
    pass


def _parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # more digits than sys.get_int_max_str_digits() allows (4300)
        raise _LongNumberError(text) from None


def _value_problem(error: ValueError, file: str) -> Problem:
    if isinstance(error, _LongNumberError):
        digits = len(str(error).lstrip("-"))
        msg = f"a number of {digits} digits, more than can be read"
        return Problem("out-of-range", file, "$", msg)
    return Problem("json-constant", file, "$", f"{error} is not valid JSON")


def _walk(value: Any, path: str, depth: int, file: str, out: list[Problem]) -> None:  # noqa: ANN401
    if isinstance(value, _Float):
        out.append(
            Problem(
                "wrong-type",
                file,
                path,
                f"{value.text} has a fraction or an exponent; numbers in data files are integers",
            )
        )
        return
    if depth > MAX_DEPTH:
        # the document as a whole is at fault; the long path to the first deep value is noise
        out.append(Problem("too-deep", file, "$", f"nested more than {MAX_DEPTH} levels deep"))
        return
    if isinstance(value, dict):
        out.extend(
            Problem("duplicate-key", file, path, f"key {key!r} appears more than once")
            for key in getattr(value, "duplicates", ())
        )
        for key, item in value.items():
            if isinstance(item, (dict, list, _Float)):
                _walk(item, f"{path}{_key_path(key)}", depth + 1, file, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, (dict, list, _Float)):
                _walk(item, f"{path}[{i}]", depth + 1, file, out)


#: A ``\u`` escape of a UTF-16 surrogate: valid JSON syntax, but alone it is no character
#: (and cannot be written out as UTF-8 again), so strings holding one are refused.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogates(value: Any, path: str, file: str, out: list[Problem]) -> None:  # noqa: ANN401
    if isinstance(value, str):
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            out.append(
                Problem(
                    "not-utf8",
                    file,
                    path,
                    "a \\u escape of half a surrogate pair is no character; write the character",
                )
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _lone_surrogates(key, path, file, out)
            _lone_surrogates(item, f"{path}{_key_path(key)}", file, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _lone_surrogates(item, f"{path}[{i}]", file, out)


def _key_path(key: str) -> str:
    """The JSON-path step for an object key (``.name`` or ``['odd key']``)."""
    return f".{key}" if key.isidentifier() else f"[{key!r}]"


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKeyError
    return obj


#: Parses, stopping at the first repeated key; see `_parse_quick`.
_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates, parse_constant=_no_constants, parse_float=_no_fraction
)


def _depth(value: dict[str, Any] | list[Any], depth: int) -> int:
    """How deep *value* nests, counting it as *depth* (cut short past MAX_DEPTH)."""
    if depth > MAX_DEPTH:
        return depth
    deepest = depth
    for item in value.values() if type(value) is dict else value:
        if type(item) is dict or type(item) is list:
            deepest = max(deepest, _depth(item, depth + 1))
    return deepest


def too_deep(value: Any) -> bool:  # noqa: ANN401
    """Whether a parsed *value* nests deeper than `MAX_DEPTH`."""
    return isinstance(value, (dict, list)) and _depth(value, 1) > MAX_DEPTH


def _parse_quick(text: str, *, measure_depth: bool = True) -> tuple[bool, Any]:
    """Parse *text* if that is certain to find no problem: (True, value), else (False, None).

    The exact way (`_pairs_hook`, then `_walk` building a path for every container) costs
    three times the parse itself, only to find problems that most files do not have. Here,
    a repeated key stops the parse, and the depth is only measured where the text holds more
    opening brackets than `MAX_DEPTH` (it cannot nest deeper than that), and only if
    *measure_depth*. Anything found goes the exact way, which says where.
    """
    try:
        value = _DECODER.decode(text)
    except (ValueError, RecursionError):
        return False, None
    if measure_depth and text.count("{") + text.count("[") > MAX_DEPTH and too_deep(value):
        return False, None
    return True, value


def parse_bytes(raw: bytes, file: str, *, measure_depth: bool = True) -> tuple[Any, list[Problem]]:
    """Parse *raw* as strict JSON; return the value (None if unusable) and the problems.

    Only values without problems should be used further: a value is returned alongside
    duplicate-key problems so that callers could still show it, but it is not trustworthy.

    Without *measure_depth*, a value that nests too deep may come back without a problem:
    for a caller that first checks the value against a schema that bounds its nesting (as
    every data file's does) and, where the schema does not pass it, asks `too_deep` before
    trusting it (and parses again with *measure_depth* to be told where).
    """
    if not raw or raw.isspace():  # (isspace stops at the first other byte; strip copies)
        return None, [Problem("empty-file", file, "$", "the file is empty")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem("byte-order-mark", file, "$", "starts with a UTF-8 byte-order mark; remove it")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        return None, [
            Problem(
                "not-utf8",
                file,
                "$",
                f"byte 0x{raw[e.start]:02x} at offset {e.start} (line {line}) is not UTF-8",
            )
        ]
    certain, value = _parse_quick(text, measure_depth=measure_depth)
    # a \u escape may be a lone surrogate, which only the exact way looks for (searching the
    # bytes: a memchr, where searching the text is not)
    if certain and not (b"\\u" in raw and _SURROGATE_ESCAPE.search(text)):
        return value, []
    return _parse_exact(text, file)


def _parse_exact(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse *text* noting every repeated key, and report each problem with its path."""
    try:
        value = json.loads(
            text,
            object_pairs_hook=_pairs_hook,
            parse_constant=_no_constants,
            parse_int=_parse_int,
            parse_float=_fraction,
        )
    except json.JSONDecodeError as e:
        msg = f"{e.msg} at line {e.lineno}, column {e.colno}"
        return None, [Problem("json-syntax", file, "$", msg)]
    except (_ConstantError, _LongNumberError) as e:
        return None, [_value_problem(e, file)]
    except RecursionError:
        return None, [Problem("too-deep", file, "$", "nested too deeply to read")]
    problems: list[Problem] = []
    _walk(value, "$", 1, file, problems)
    if not problems and _SURROGATE_ESCAPE.search(text):
        _lone_surrogates(value, "$", file, problems)
    return value, problems


def read_bytes(path: str | PathLike[str], file: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of the file at *path* (None if unreadable or too large), and the problems."""
    try:
        # O_NONBLOCK: opening a named pipe would otherwise wait for a writer forever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                # a pipe or a device would block or never end; only plain files are data
                return None, [Problem("unreadable-file", file, "$", "not a regular file")]
            size = info.st_size
            if size > MAX_FILE_BYTES:
                return None, [
                    Problem(
                        "file-too-large",
                        file,
                        "$",
                        f"{size} bytes; a data file may hold at most {MAX_FILE_BYTES}",
                    )
                ]
            raw = os.read(fd, size)
            while len(raw) < size and (more := os.read(fd, size - len(raw))):
                raw += more  # a short read, which plain files seldom give
        finally:
            os.close(fd)
    except OSError as e:
        return None, [Problem("unreadable-file", file, "$", e.strerror or str(e))]
    return raw, []


def read_json(path: Path, file: str) -> tuple[Any, list[Problem]]:
    """Read and parse the file at *path*; *file* is how problems name it."""
    raw, problems = read_bytes(path, file)
    if raw is None:
        return None, problems
    return parse_bytes(raw, file)
