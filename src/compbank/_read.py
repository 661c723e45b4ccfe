"""Step 1 of loading: read one file as strict JSON, or say exactly why it is not.

Python's `json` module accepts things a data file must not hold: duplicate keys (the last one
silently wins), ``NaN`` and ``Infinity``, a byte-order mark. Here each is a `Problem`.
"""

from __future__ import annotations

import json
import re
import stat
from typing import TYPE_CHECKING, Any

from compbank.problems import Problem

if TYPE_CHECKING:
    from pathlib import Path

#: A data file is a few kilobytes; anything past this is a mistake, not data.
MAX_FILE_BYTES = 1 << 20
#: Our deepest schema nests 4 levels; this leaves room while refusing pathological input.
MAX_DEPTH = 32
#: Data files hold small numbers. Longer digit runs are refused here, before Python's own limit
#: on converting long integers (a ValueError, not a JSON error) could escape as a crash.
MAX_INT_DIGITS = 100


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


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _LongNumberError(text)
    return int(text)


def _value_problem(error: ValueError, file: str) -> Problem:
    if isinstance(error, _LongNumberError):
        digits = len(str(error).lstrip("-"))
        msg = f"a number of {digits} digits; a data file's numbers have at most {MAX_INT_DIGITS}"
        return Problem("out-of-range", file, "$", msg)
    return Problem("json-constant", file, "$", f"{error} is not valid JSON")


def _walk(value: Any, path: str, depth: int, file: str, out: list[Problem]) -> None:  # noqa: ANN401
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
            if isinstance(item, (dict, list)):
                _walk(item, f"{path}{_key_path(key)}", depth + 1, file, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, (dict, list)):
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


def parse_bytes(raw: bytes, file: str) -> tuple[Any, list[Problem]]:  # noqa: PLR0911 (one return per way to fail)
    """Parse *raw* as strict JSON; return the value (None if unusable) and the problems.

    Only values without problems should be used further: a value is returned alongside
    duplicate-key problems so that callers could still show it, but it is not trustworthy.
    """
    if not raw.strip():
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
    try:
        value = json.loads(
            text, object_pairs_hook=_pairs_hook, parse_constant=_no_constants, parse_int=_parse_int
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


def read_json(path: Path, file: str) -> tuple[Any, list[Problem]]:
    """Read and parse the file at *path*; *file* is how problems name it."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # a named pipe or a device would block or never end; only plain files are data
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
        raw = path.read_bytes()
    except OSError as e:
        return None, [Problem("unreadable-file", file, "$", e.strerror or str(e))]
    return parse_bytes(raw, file)
