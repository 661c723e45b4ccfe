"""The text rule: every kind of stray character, in every kind of text, is refused alike.

The corpus (`corpus.stray_case`) breaks each kind of text of a small data set with each kind
of character that may not stand in it; `compbank.check`, `compbank.load` and ``compbank
validate`` must each report exactly those texts, with the code ``bad-text``, whichever schema
engine does the checking. The rule itself is one table (`compbank._text.REFUSED`), which the
schemas' patterns, compbank's own check and the canonical layout all come from.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compbank
from compbank import _schema, _text, canonical
from compbank._checks import resolve_path
from compbank.cli import main as cli_main
from conftest import DATA, SCHEMA
from corpus import CLASS_FILE, FOUND_ALLOWS, MINIMAL, STRAYS, TEXT_PLACES, stray_case

if TYPE_CHECKING:
    from compbank.problems import Problem


def found(problems: tuple[Problem, ...]) -> set[tuple[str, str, str]]:
    return {(p.code, p.file, p.path) for p in problems}


def run_cli(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli_main(argv)
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("escaped", [False, True], ids=["utf8", "escaped"])
@pytest.mark.parametrize("stray", sorted(STRAYS))
def test_each_stray_character_is_refused_in_each_kind_of_text(
    stray: str, escaped: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, expected = stray_case(stray, tmp_path, escaped=escaped)
    assert len(expected) >= len(TEXT_PLACES) - 1
    problems = compbank.check(root)
    assert found(problems) == expected
    assert len(problems) == len(expected)  # each text once, whichever step finds it
    for p in problems:  # each says what is wrong with the text, as the rule in words does
        _, text = resolve_path(json.loads(Path(p.file).read_text(encoding="utf-8")), p.path)
        line_breaks = p.path.endswith(".found")
        assert p.message == f"the text {_text.problem(text, line_breaks=line_breaks)}"
    if stray in {"decomposed-accent", "angstrom-sign"}:
        assert all("Unicode NFC" in p.message for p in problems)
    with pytest.raises(compbank.DataError) as raised:
        compbank.load(root)
    assert raised.value.problems == problems
    # the same problems without jsonschema-rs, and with it
    monkeypatch.setenv(_schema.NO_FAST_ENV, "1")
    assert compbank.check(root) == problems


@pytest.mark.parametrize("stray", sorted(STRAYS))
def test_validate_names_the_file_and_path_of_each_stray_character(
    stray: str, tmp_path: Path
) -> None:
    root, expected = stray_case(stray, tmp_path)
    code, output = run_cli("validate", str(root))
    assert code == 1
    for problem_code, file, path in expected:
        assert f"{file}::{path}: [{problem_code}] the text " in output
    assert f"{len(expected)} problem" in output.splitlines()[-1]


def test_a_found_text_keeps_its_sources_line_breaks(tmp_path: Path) -> None:
    root, expected = stray_case("line-break", tmp_path)
    assert ("bad-text", str(root / CLASS_FILE), "$.notes[0].found") not in expected
    assert {"line-break", "trailing-line-break"} == FOUND_ALLOWS
    # and the note as the data holds it, with a blank line inside and a break at the end
    data = tmp_path / "clean"
    shutil.copytree(MINIMAL, data)
    cls = data / CLASS_FILE
    document = json.loads(cls.read_text(encoding="utf-8"))
    document["notes"] = [
        {
            "kind": "line-break-in-sentence",
            "source": "1230-customer-service-representative.txt",
            "path": "$.title",
            "found": "Ensures customers' issue is\n\ncorrectly identified\n",
            "action": "Kept one sentence.",
        }
    ]
    cls.write_text(json.dumps(document), encoding="utf-8")
    assert compbank.check(data) == ()


def test_fmt_does_not_fix_a_stray_character_and_shows_it_escaped(tmp_path: Path) -> None:
    root, _ = stray_case("zero-width-space", tmp_path)
    bank = root / "competency_bank" / "034-customer-service.json"
    before = json.loads(bank.read_text(encoding="utf-8"))
    assert "\u200b" in bank.read_text(encoding="utf-8")
    code, _ = run_cli("fmt", str(root))
    assert code == 0
    content = bank.read_text(encoding="utf-8")
    assert json.loads(content) == before  # the text is as it was: a reviewer must fix it
    assert "\u200b" not in content
    assert "\\u200b" in content  # ... and sees it
    code, output = run_cli("validate", str(root))
    assert code == 1
    assert f"{bank}::$.superior: [bad-text]" in output


# ---- the rule is one table, read alike everywhere -----------------------------------------


def test_the_schemas_carry_the_rules_patterns() -> None:
    for kind in ("competency", "job-class"):
        schema = _schema.schema(kind)
        assert schema["$defs"]["text"]["pattern"] == _text.TEXT_PATTERN
        found_pattern = schema["$defs"]["note"]["properties"]["found"]["pattern"]
        assert found_pattern == _text.FOUND_PATTERN


def _patterns(node: object) -> list[tuple[str, dict[str, Any]]]:
    """Every pattern of a schema, with the schema node that holds it."""
    if isinstance(node, dict):
        own = [(node["pattern"], node)] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def test_no_schema_pattern_means_one_thing_in_python_and_another_elsewhere() -> None:
    patterns = [p for path in SCHEMA.glob("*.schema.json") for p in _patterns(json.loads(
        path.read_text(encoding="utf-8")))]  # fmt: skip
    assert len(patterns) >= 10
    for pattern, node in patterns:
        if re.search(r"(?<!\\)\$$", pattern) and pattern != _text.NO_FINAL_BREAK["pattern"]:
            # Python's $ also matches before a final line break: a pattern ending in $
            # allows one there itself, or the rule beside it refuses it in every engine
            assert pattern.endswith("\\n*$") or node.get("not") == _text.NO_FINAL_BREAK, pattern
        # no lookaround: it sends jsonschema-rs to a backtracking engine, many times slower
        assert "(?" not in pattern.replace("(?:", ""), pattern
        # \s, \S, \d, \w and \b mean other sets in Python, Rust and ECMA-262, but for [\s\S]
        assert not re.search(r"\\[sSdDwWbB]", pattern.replace("[\\s\\S]", "")), pattern


def test_a_final_line_break_is_refused_by_every_rule_ending_in_dollar() -> None:
    # what Python's re lets pass, the schema step refuses all the same
    for path, value in (
        ("$.code", "1230\n"),
        ("$.title", "CUSTOMER SERVICE REPRESENTATIVE\n"),
        ("$.source", "1230-customer-service-representative.txt\n"),
    ):
        document = json.loads((DATA / "classes" / "1230-customer-service-representative.json")
                              .read_text(encoding="utf-8"))  # fmt: skip
        document[path[2:]] = value
        problems = _schema.check_schema("job-class", document, "f.json")
        assert [(p.path, p.code) for p in problems] == [
            (path, "bad-text" if path == "$.title" else "bad-format")
        ], problems


def _assigned(category: str) -> bool:
    return category != "Cn"


def test_the_refused_table_is_unicodes_whitespace_controls_and_formats() -> None:
    table = {cp for a, b in _text.REFUSED for cp in range(a, b + 1)}
    unicode_says = {
        cp
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) in {"Cc", "Cf", "Zl", "Zp", "Zs"} or chr(cp).isspace()
    }
    # every such character this Python's Unicode knows is refused (a newer Unicode may add
    # format characters: then add them to the table) ...
    assert unicode_says <= table, sorted(f"U+{cp:04X}" for cp in unicode_says - table)
    # ... and the table refuses nothing else this Unicode has assigned
    extra = {cp for cp in table - unicode_says if _assigned(unicodedata.category(chr(cp)))}
    assert extra == set(), sorted(f"U+{cp:04X}" for cp in extra)


# texts most of which keep the rule, with a part that breaks it here and there: words (outside
# ASCII too, as the data's curly quotes are), separators and ends, right and wrong
_WORDS = st.sampled_from(
    ["Word", "é", "“quoted”", "数学", "\U0001f600", "q\u0301", "X", "Word", "“quoted”",
     "e\u0301", "\u212b", "a\u200bb", "\ufeffx", "x\x07", "x\x85y", "\U000e0001", "x\u2028y"]
)  # fmt: skip
_SEPARATORS = st.sampled_from([" ", " ", "\n", " ", "\n\n", "  ", "\t", " \n", "\n ", "\xa0"])
_TEXTS = st.builds(
    lambda start, first, rest, end: start + first + "".join(a + b for a, b in rest) + end,
    st.sampled_from(["", "", "", " ", "\n", "\ufeff"]),
    _WORDS,
    st.lists(st.tuples(_SEPARATORS, _WORDS), max_size=4),
    st.sampled_from(["", "", "\n", "\n\n", " ", "\r\n", "\t"]),
) | st.lists(_WORDS | _SEPARATORS, max_size=6).map("".join)


@settings(max_examples=300)
@given(_TEXTS, st.booleans())
def test_the_rule_in_words_is_the_rule_in_patterns(text: str, line_breaks: bool) -> None:
    astral = any(ord(ch) > 0xFFFF and _text.problem(ch) is not None for ch in text)
    whole_rule = (
        _text.matches_pattern(text, line_breaks=line_breaks)
        and unicodedata.is_normalized("NFC", text)
        and not astral
    )
    assert (_text.problem(text, line_breaks=line_breaks) is None) == whole_rule


@settings(max_examples=300)
@given(_TEXTS, st.booleans())
def test_jsonschema_rs_reads_the_patterns_as_python_does(text: str, line_breaks: bool) -> None:
    import jsonschema_rs  # noqa: PLC0415 (a test dependency)

    pattern = _text.FOUND_PATTERN if line_breaks else _text.TEXT_PATTERN
    validator = jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
    assert validator.is_valid(text) == _text.matches_pattern(text, line_breaks=line_breaks)


@pytest.mark.parametrize(
    ("text", "line_breaks", "message"),
    [
        ("“Customer” service", False, None),
        ("“Customer”\n\nservice\n", True, None),
        ("“Customer”\nservice", False, "holds U+000A LINE FEED, a control character, at character 11"),  # noqa: E501
        ("", False, "is empty"),
        (" “Customer”", False, "begins with U+0020 SPACE; a text begins with its first word"),
        ("\n“Customer”", True, "begins with U+000A LINE FEED; a text begins with its first word"),
        ("“Customer” ", False, "ends with U+0020 SPACE; a text ends with its last word"),
        ("“Customer”\r", True, "ends with U+000D CARRIAGE RETURN; a text ends with its last word"),
        ("“Customer”\t", False, "ends with U+0009 CHARACTER TABULATION; a text ends with its last word"),  # noqa: E501
        ("“Customer”\n \n", True, "ends with U+0020 SPACE; a text ends with its last word"),
        ("a  “b”", False, "holds a doubled space at character 2"),
        ("ab “c”  d", False, "holds a doubled space at character 7"),
        ("ab “c” \nd", True, "holds a space before a line break at character 7"),
        ("ab “c”\n d", True, "holds a space after a line break at character 8"),
        ("ab\xa0“c”", False, "holds U+00A0 NO-BREAK SPACE, whitespace other than a space, at character 3"),  # noqa: E501
        ("ab “c”\u2029d", True, "holds U+2029 PARAGRAPH SEPARATOR, a paragraph separator, at character 7"),  # noqa: E501
        ("ab\u2028“c”", True, "holds U+2028 LINE SEPARATOR, a line separator, at character 3"),
        ("“c”\U000e0001", False, "holds U+E0001 LANGUAGE TAG, a format character, at character 4"),
        ("\u0301“c”", False, None),  # a mark with nothing before it: nothing to compose
        ("“c” \u212b", False, "is not in Unicode NFC: U+212B at character 5 is U+00C5 in NFC; write the composed form"),  # noqa: E501
        ("“A\u030a\u0301”", False, "is not in Unicode NFC: U+0041 U+030A U+0301 at character 2 is U+01FA in NFC; write the composed form"),  # noqa: E501
        ("q\u0301 “c”", False, None),
        ("“\u1100\u1161”", False, "is not in Unicode NFC; write its characters composed (NFC)"),
        ("x\x07", False, "holds U+0007, a control character, at character 2"),
        ("\u212b “c”", False, "is not in Unicode NFC: U+212B at character 1 is U+00C5 in NFC; write the composed form"),  # noqa: E501
        # letters that a mistaken rule might take for something else
        ("MAX “X” OUT\nX\n", True, None),
        ("TAX “ID” X", False, None),
    ],
)  # fmt: skip
def test_what_breaks_a_text_is_said_and_where(
    text: str, line_breaks: bool, message: str | None
) -> None:
    assert _text.problem(text, line_breaks=line_breaks) == message
    # the schemas' pattern says all of it but NFC and the format characters beyond U+FFFF
    beyond_pattern = message is not None and ("NFC" in message or "U+E0001" in message)
    assert _text.matches_pattern(text, line_breaks=line_breaks) == (
        message is None or beyond_pattern
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a\u200bb", "a\\u200bb"),
        ("a\x7fb", "a\\u007fb"),
        ("a\xa0b", "a\\u00a0b"),
        ("a\u2028b", "a\\u2028b"),
        ("\ufeffa", "\\ufeffa"),
        ("a\U000e0001", "a\\udb40\\udc01"),
        ("a\tb\n", "a\\tb\\n"),
        ("“é” 数 \U0001f600", "“é” 数 \U0001f600"),  # visible: written as themselves
        ("e\u0301", "e\u0301"),
    ],
)
def test_canonical_files_show_invisible_characters_escaped(text: str, written: str) -> None:
    document = {"name": text, "aliases": [text]}
    content = canonical.dumps(document, "competency")
    assert f'"name": "{written}"' in content
    assert json.loads(content) == document  # the text itself is as it was
    assert canonical.dumps(json.loads(content), "competency") == content
