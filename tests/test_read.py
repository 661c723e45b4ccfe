"""Reading one file as strict JSON (`compbank._read`): each problem, its path, and its message.

The corpus shows that each kind of broken file is refused; these tests pin what the corpus
does not: nesting through objects as well as lists, the depth limit itself, lone surrogates in
keys and list items, and that every problem says something.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest

from compbank._read import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    _parse_quick,
    parse_bytes,
    read_bytes,
    read_json,
)
from conftest import DATA

if TYPE_CHECKING:
    from pathlib import Path


def found(raw: bytes) -> list[tuple[str, str]]:
    value, problems = parse_bytes(raw, "f")
    for p in problems:
        assert p.file == "f"
        assert isinstance(p.message, str)
        assert p.message
    if problems:
        return [(p.code, p.path) for p in problems]
    assert value is not None
    return []


def objects(depth: int, inner: str = "1") -> bytes:
    """A value nested *depth* levels deep (counting the outermost) through objects."""
    return ('{"a": ' * (depth - 1) + inner + "}" * (depth - 1)).encode()


@pytest.mark.parametrize("nest", ["objects", "lists"])
def test_the_depth_limit_counts_every_level(nest: str) -> None:
    def nested(depth: int) -> bytes:
        if nest == "objects":
            return objects(depth, "[1]")
        return ("[" * depth + "1" + "]" * depth).encode()

    assert found(nested(MAX_DEPTH)) == []
    assert found(nested(MAX_DEPTH + 1)) == [("too-deep", "$")]
    assert found(nested(MAX_DEPTH + 10)) == [("too-deep", "$")]


def test_a_repeated_key_deep_down_is_not_taken_for_depth() -> None:
    inner = '{"k": 1, "k": 2}'
    path = "$" + ".a" * (MAX_DEPTH - 2)
    assert found(objects(MAX_DEPTH - 1, inner)) == [("duplicate-key", path)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"t": "\\ud800"}', [("not-utf8", "$.t")]),
        (b'{"t": "\\udfff"}', [("not-utf8", "$.t")]),
        (b'{"t": "\\udc00 and \\ud83d"}', [("not-utf8", "$.t")]),
        (b'{"t": "\\ud83d\\ude00"}', []),  # a pair is one character
        (b'{"\\ud800": 1}', [("not-utf8", "$")]),  # in a key: where the key stands
        (b'{"a": ["x", "\\ud800"]}', [("not-utf8", "$.a[1]")]),
        (b'{"a": {"b c": "\\udbff"}}', [("not-utf8", "$.a['b c']")]),
        # a file with another problem says that one; the surrogate comes after its fix
        (b'{"k": 1, "k": "\\ud800"}', [("duplicate-key", "$")]),
    ],
)
def test_lone_surrogates_are_found_where_they_stand(
    raw: bytes, expected: list[tuple[str, str]]
) -> None:
    assert found(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        b'{"n": NaN}',
        b'{"n": 2.5}',
        b'{"n": ' + b"9" * 5000 + b"}",
        b'{"k": 1, "k": 1}',
        b"[" * 40 + b"]" * 40,
        b"[" * 100_000 + b"]" * 100_000,
        b"{",
        b"",
        b"\xef\xbb\xbf{}",
        b"\xff",
    ],
)
def test_every_problem_says_what_is_wrong(raw: bytes) -> None:
    assert found(raw) != []


def test_messages_give_the_number_as_written() -> None:
    _, (fraction,) = parse_bytes(b'{"n": 2.50}', "f")
    assert fraction.message.startswith("2.50 ")
    _, (long,) = parse_bytes(b'{"n": -' + b"9" * 5000 + b"}", "f")
    assert "5000 digits" in long.message
    _, (constant,) = parse_bytes(b'{"n": -Infinity}', "f")
    assert constant.message.startswith("-Infinity ")


def test_read_json_names_the_file_as_given(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"a": 1, "a": 2}', encoding="utf-8")
    _, problems = read_json(path, "shown/x.json")
    assert [(p.code, p.file) for p in problems] == [("duplicate-key", "shown/x.json")]
    _, problems = read_json(tmp_path / "missing.json", "shown/missing.json")
    assert [(p.code, p.file) for p in problems] == [("unreadable-file", "shown/missing.json")]
    path.write_text(json.dumps({"a": [1, {"b": None}]}), encoding="utf-8")
    assert read_json(path, "x") == ({"a": [1, {"b": None}]}, [])


def test_a_file_not_utf8_says_on_which_line() -> None:
    _, (problem,) = parse_bytes(b'\n{"a":\n "\xff"}', "f")
    assert problem.code == "not-utf8"
    assert problem.message == "byte 0xff at offset 9 (line 3) is not UTF-8"


def test_the_size_limit_is_the_largest_file_read(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"{}" + b" " * (MAX_FILE_BYTES - 2))
    raw, problems = read_bytes(path, "x")
    assert (len(raw or b""), problems) == (MAX_FILE_BYTES, [])
    path.write_bytes(b"{}" + b" " * (MAX_FILE_BYTES - 1))
    raw, problems = read_bytes(path, "x")
    assert raw is None
    assert [p.code for p in problems] == ["file-too-large"]
    limit = f"a data file may hold at most {MAX_FILE_BYTES}"
    assert problems[0].message == f"{MAX_FILE_BYTES + 1} bytes; {limit}"


def test_a_file_read_in_short_pieces_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.json"
    content = json.dumps({"text": "é" * 100}).encode()
    path.write_bytes(content)
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: real_read(fd, min(n, 7)))
    assert read_bytes(path, "x") == (content, [])


def test_well_formed_files_take_the_quick_parse() -> None:
    # the exact parse finds the same (test_fastpath.py); here, that it is not needed
    for path in sorted(DATA.glob("*/*.json")):
        text = path.read_text(encoding="utf-8")
        assert _parse_quick(text) == (True, json.loads(text)), path
    assert _parse_quick("[" * MAX_DEPTH + "]" * MAX_DEPTH)[0]
    # as deep as may be, with more brackets than that: measured, and still quick
    assert _parse_quick("[[]," + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "]")[0]
    assert _parse_quick(json.dumps([[[1]]] * 20))[0]  # many brackets, none deep
    assert not _parse_quick("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))[0]
    assert not _parse_quick('{"a": 1, "a": 1}')[0]
