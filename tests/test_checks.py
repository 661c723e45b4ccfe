"""Each check the loader makes, and the stable code it reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import compbank
from compbank._checks import check_note_paths, check_texts, resolve_path
from compbank.problems import CODES
from conftest import DATA, read_json, write_json

CLASS_1230 = "classes/1230-customer-service-representative.json"
BANK_34 = "competency_bank/034-customer-service.json"
DATA_34 = DATA / BANK_34


def edit(data: Path, name: str, change: Any) -> Path:
    path = data / name
    document = read_json(path)
    change(document)
    write_json(path, document)
    return path


def problems(data: Path) -> list[tuple[str, str, str]]:
    """(code, file relative to data, path) of every problem; also checks load agrees."""
    found = compbank.check(data)
    with pytest.raises(compbank.DataError) as raised:
        compbank.load(data)
    assert raised.value.problems == found
    for p in found:
        assert p.code in CODES
        assert isinstance(p.message, str)
        assert p.message  # every problem says what is wrong
    return [(p.code, Path(p.file).relative_to(data).as_posix(), p.path) for p in found]


def test_the_repository_data_has_no_problems(data_copy: Path) -> None:
    assert compbank.check(data_copy) == ()
    assert compbank.check() == ()


def test_unknown_competency(data_copy: Path) -> None:
    (data_copy / BANK_34).unlink()
    got = problems(data_copy)
    assert ("unknown-competency", CLASS_1230, "$.requirements[7].competency") in got
    assert {code for code, _, _ in got} == {"unknown-competency"}
    assert len(got) == 3  # 1230, 1336 and 7521 require 34


def test_a_broken_bank_file_does_not_cascade_into_unknown_references(data_copy: Path) -> None:
    edit(data_copy, BANK_34, lambda d: d.update(name=""))
    assert problems(data_copy) == [("bad-text", BANK_34, "$.name")]


def test_duplicate_number_and_name(data_copy: Path) -> None:
    twin = read_json(data_copy / BANK_34)
    # the same number under another name ...
    write_json(data_copy / "competency_bank/034-customer-service-again.json",
               {**twin, "name": "Customer Service Again"})  # fmt: skip
    # ... and the same name (written otherwise) under another number
    write_json(data_copy / "competency_bank/099-customer-service.json",
               {**twin, "number": 99, "name": "CUSTOMER-SERVICE"})  # fmt: skip
    assert problems(data_copy) == [
        ("duplicate-number", "competency_bank/034-customer-service.json", "$.number"),
        ("duplicate-name", "competency_bank/099-customer-service.json", "$.name"),
    ]
    number, name = compbank.check(data_copy)
    # each names the other file, where the reader must look
    assert number.message.endswith("is also in " + str(data_copy / "competency_bank" /
                                   "034-customer-service-again.json"))  # fmt: skip
    assert name.message.endswith(f"({data_copy / BANK_34})")


def test_a_number_in_three_files_names_the_two_others(data_copy: Path) -> None:
    twin = read_json(data_copy / BANK_34)
    for suffix in ("again", "once-more"):
        name = f"Customer Service {suffix.replace('-', ' ').title()}"
        write_json(data_copy / f"competency_bank/034-customer-service-{suffix}.json",
                   {**twin, "name": name})  # fmt: skip
    messages = {Path(p.file).name: p.message for p in compbank.check(data_copy)}
    folder = data_copy / "competency_bank"
    assert messages == {
        "034-customer-service-once-more.json": "competency 34 is also in "
        f"{folder / '034-customer-service-again.json'}, {folder / '034-customer-service.json'}",
        "034-customer-service.json": "competency 34 is also in "
        f"{folder / '034-customer-service-again.json'}, "
        f"{folder / '034-customer-service-once-more.json'}",
    }


def test_duplicate_name_across_numbers(data_copy: Path) -> None:
    edit(data_copy, "competency_bank/040-credibility.json",
         lambda d: d.update(aliases=["CUSTOMER-SERVICE"]))  # fmt: skip
    assert problems(data_copy) == [
        ("duplicate-name", "competency_bank/040-credibility.json", "$.aliases[0]")
    ]


def test_duplicate_code(data_copy: Path) -> None:
    edit(data_copy, "classes/9375-director-of-systems.json", lambda d: d.update(code="1230"))
    got = problems(data_copy)
    (duplicate,) = [p for p in compbank.check(data_copy) if p.code == "duplicate-code"]
    assert duplicate.message == f"class 1230 is also in {data_copy / CLASS_1230}"
    assert ("duplicate-code", "classes/9375-director-of-systems.json", "$.code") in got
    # and its file name no longer matches its record
    assert ("file-name-mismatch", "classes/9375-director-of-systems.json", "$") in got


def test_file_name_mismatch(data_copy: Path) -> None:
    (data_copy / BANK_34).rename(data_copy / "competency_bank/034-customer.json")
    assert problems(data_copy) == [("file-name-mismatch", "competency_bank/034-customer.json", "$")]


def swap_first_two(document: dict[str, Any]) -> None:
    """Put a class's first two requirements the other way round."""
    r = document["requirements"]
    r[0], r[1] = r[1], r[0]


def test_requirements_out_of_order_and_repeated(data_copy: Path) -> None:
    edit(data_copy, CLASS_1230, swap_first_two)
    assert problems(data_copy) == [
        ("requirements-out-of-order", CLASS_1230, "$.requirements[1].competency")
    ]
    edit(data_copy, CLASS_1230, swap_first_two)
    edit(data_copy, CLASS_1230, lambda d: d["requirements"].insert(1, d["requirements"][0]))
    assert problems(data_copy) == [
        ("duplicate-requirement", CLASS_1230, "$.requirements[1].competency")
    ]


def test_the_checks_go_on_past_classes_without_problems(data_copy: Path) -> None:
    # the last class in file order, after four whose requirements and codes pass the quick
    # test: each check goes on to it
    last = "classes/9375-director-of-systems.json"

    edit(data_copy, last, swap_first_two)
    assert problems(data_copy) == [
        ("requirements-out-of-order", last, "$.requirements[1].competency")
    ]
    edit(data_copy, last, swap_first_two)
    edit(data_copy, last, lambda d: d.update(code="7625"))
    got = problems(data_copy)
    assert ("duplicate-code", last, "$.code") in got
    assert {code for code, _, _ in got} == {"duplicate-code", "file-name-mismatch"}


def test_unsupported_schema_version(data_copy: Path) -> None:
    edit(data_copy, BANK_34, lambda d: d.update(schema_version=2, future_field=True))
    # the schema of a version we do not know is not applied: one clear problem, not noise
    assert problems(data_copy) == [("unsupported-schema-version", BANK_34, "$.schema_version")]
    (problem,) = compbank.check(data_copy)
    assert problem.message == (
        "schema version 2 is not supported (this compbank reads 1); upgrade compbank"
    )


def test_a_class_note_naming_a_missing_source(data_copy: Path) -> None:
    edit(data_copy, "classes/7625-director-of-communications-services.json",
         lambda d: d["notes"][1].update(source="7626-no-such-document.txt"))  # fmt: skip
    assert problems(data_copy) == [
        ("unknown-source", "classes/7625-director-of-communications-services.json",
         "$.notes[1].source")
    ]  # fmt: skip


def test_unknown_source_and_bad_note_path(data_copy: Path) -> None:
    (data_copy / "sources/1230-customer-service-representative.txt").unlink()
    edit(data_copy, "competency_bank/059-strategic-planning.json",
         lambda d: d["notes"][0].update(path="$.superiour"))  # fmt: skip
    got = problems(data_copy)
    assert ("unknown-source", CLASS_1230, "$.source") in got
    assert ("unknown-source", BANK_34, "$.sources[0]") in got
    # 022 names the document in its sources and in a note: one problem, where first named
    bank_22 = "competency_bank/022-computer-proficiency.json"
    assert [path for _, file, path in got if file == bank_22] == ["$.sources[0]"]
    assert ("bad-note-path", "competency_bank/059-strategic-planning.json",
            "$.notes[0].path") in got  # fmt: skip


@pytest.mark.parametrize(
    ("change", "code", "path"),
    [
        (lambda d: d.update(extra=1), "unknown-key", "$"),
        (lambda d: d.pop("title"), "missing-key", "$"),
        (lambda d: d.update(code=1230), "wrong-type", "$.code"),
        (lambda d: d["requirements"][0].update(required_level=0), "out-of-range",
         "$.requirements[0].required_level"),
        (lambda d: d["requirements"][0].update(required_level=4), "out-of-range",
         "$.requirements[0].required_level"),
        (lambda d: d.update(code="12a0"), "bad-format", "$.code"),
        (lambda d: d.update(title=" CUSTOMER"), "bad-text", "$.title"),
        (lambda d: d.update(requirements=[]), "bad-length", "$.requirements"),
        (lambda d: d["notes"].append({**d["notes"][0], "kind": "typo"}), "bad-value",
         "$.notes[1].kind"),
    ],
)  # fmt: skip
def test_schema_rules_have_their_own_codes(
    data_copy: Path, change: Any, code: str, path: str
) -> None:
    edit(data_copy, CLASS_1230, change)
    got = problems(data_copy)
    assert (code, CLASS_1230, path) in got
    assert all(c in {code, "file-name-mismatch"} for c, _, _ in got), got


def test_duplicate_items_in_a_unique_list(data_copy: Path) -> None:
    edit(data_copy, BANK_34, lambda d: d.update(sources=[d["sources"][0]] * 2))
    assert problems(data_copy) == [("duplicate-item", BANK_34, "$.sources")]


def test_folder_problems(data_copy: Path) -> None:
    (data_copy / "release.json").unlink()
    (data_copy / "classes/README.md").write_text("notes\n", encoding="utf-8")
    (data_copy / "classes/old").mkdir()
    (data_copy / "classes/.hidden.json").write_text("{", encoding="utf-8")  # hidden: ignored
    got = problems(data_copy)
    assert got == [
        ("missing-release", "release.json", "$"),
        ("unexpected-file", "classes/README.md", "$"),
        ("unexpected-file", "classes/old", "$"),
    ]


def test_missing_folder(data_copy: Path) -> None:
    for path in (data_copy / "classes").iterdir():
        path.unlink()
    (data_copy / "classes").rmdir()
    assert problems(data_copy) == [("missing-directory", "classes", "$")]


def test_all_problems_come_at_once_with_file_and_path(data_copy: Path) -> None:
    edit(data_copy, BANK_34, lambda d: d["levels"].pop("2"))
    edit(data_copy, CLASS_1230, lambda d: d["requirements"][0].update(competency=1))
    (data_copy / "competency_bank/002-mathematics.json").write_text('{"a": 1,}', encoding="utf-8")
    with pytest.raises(compbank.DataError) as raised:
        compbank.load(data_copy)
    got = {(p.code, Path(p.file).name, p.path) for p in raised.value.problems}
    assert got == {
        ("json-syntax", "002-mathematics.json", "$"),
        ("missing-key", "034-customer-service.json", "$.levels"),
        ("unknown-competency", "1230-customer-service-representative.json",
         "$.requirements[0].competency"),
    }  # fmt: skip
    syntax = next(p for p in raised.value.problems if p.code == "json-syntax")
    assert "line 1, column 9" in syntax.message
    assert syntax.file == str(data_copy / "competency_bank/002-mathematics.json")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "empty-file"),
        (b"\xef\xbb\xbf{}", "byte-order-mark"),
        (b'{"a": "\xff"}', "not-utf8"),
        (b'{"a": NaN}', "json-constant"),
        (b'{"a": 1, "a": 2}', "duplicate-key"),
        (b"[" * 100 + b"]" * 100, "too-deep"),
        (b'{"a": 1', "json-syntax"),
    ],
)
def test_strict_reading(data_copy: Path, raw: bytes, code: str) -> None:
    (data_copy / BANK_34).write_bytes(raw)
    # one problem: the file name says it holds 34, so classes requiring 34 do not cascade
    assert problems(data_copy) == [(code, BANK_34, "$")]


def test_messages_show_the_offending_value(data_copy: Path) -> None:
    edit(data_copy, CLASS_1230, lambda d: d["requirements"][0].update(required_level=4))
    (problem,) = compbank.check(data_copy)
    assert problem.message == "4 is greater than the maximum, 3"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("1" * 58, '"' + "1" * 58 + '" is not of type ["integer", "null"]'),  # 60 characters: whole
        ("1" * 59, '"' + "1" * 56 + '... is not of type ["integer", "null"]'),  # 61: cut to 60
        ("é", '"é" is not of type ["integer", "null"]'),  # characters as themselves
    ],
)
def test_messages_show_values_shortened_to_60_characters(
    data_copy: Path, code: str, message: str
) -> None:
    edit(data_copy, CLASS_1230, lambda d: d["requirements"][0].update(required_level=code))
    (problem,) = compbank.check(data_copy)
    assert problem.message == message


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda d: d.update(code="12a0"), "$.code",
         '"12a0" does not match "^[0-9]{4}$"'),
        (lambda d: d.update(code="1230\n"), "$.code",
         '"1230\\n" ends in a line break; it must match "^[0-9]{4}$"'),
        (lambda d: d["requirements"][0].update(required_level=0),
         "$.requirements[0].required_level", "0 is less than the minimum, 1"),
        (lambda d: d["notes"][0].update(kind="typo"), "$.notes[0].kind",
         ('"typo" is not one of ["joined-word", "split-word-pair", "missing-final-period", '
          '"line-break-in-sentence", "truncated-text", "garbled-name", "unbalanced-emphasis", '
          '"emphasis-lost", "emphasis-from-font"]')),
        (lambda d: d.pop("title"), "$", "'title' is a required property"),
        (lambda d: d.update(extra=1), "$",
         "Additional properties are not allowed ('extra' was unexpected)"),
    ],
)  # fmt: skip
def test_each_schema_rule_says_what_it_found(
    data_copy: Path, change: Any, path: str, message: str
) -> None:
    edit(data_copy, CLASS_1230, change)
    (problem,) = compbank.check(data_copy)
    assert (problem.path, problem.message) == (path, message)


def test_a_schema_rule_without_a_code_of_its_own_is_schema() -> None:
    from jsonschema import Draft202012Validator  # noqa: PLC0415

    from compbank import _schema  # noqa: PLC0415

    (error,) = Draft202012Validator({"multipleOf": 2}).iter_errors(3)
    assert _schema._code(error) == "schema"
    # ... and every rule the published schemas use has its own
    used: set[str] = set()

    def keywords(node: Any) -> None:
        if isinstance(node, dict):
            used.update(k for k in node if k in Draft202012Validator.VALIDATORS)
            for k, v in node.items():
                if k not in {"enum", "const", "required"}:
                    keywords(v)
        elif isinstance(node, list):
            for v in node:
                keywords(v)

    for kind in _schema.KINDS:
        keywords(_schema.schema(kind))
    structural = {"properties", "items", "$ref", "$defs"}
    assert used - structural <= set(_schema._CODE_BY_KEYWORD), used - set(_schema._CODE_BY_KEYWORD)


DOCUMENT = {"name": "N", "levels": {"1": "a", "2": "b"}, "items": ["x", "y"], "n": {"m": [0, [1]]}}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$", (True, DOCUMENT)),
        ("$.name", (True, "N")),
        ("$.levels['2']", (True, "b")),
        ("$['levels']['1']", (True, "a")),
        ("$.items[1]", (True, "y")),
        ("$.n.m[1][0]", (True, 1)),
        ("$.items[2]", (False, None)),  # one past the end
        ("$.items[9]", (False, None)),
        ("$.levels['3']", (False, None)),
        ("$.levels.1", (False, None)),  # not a step of a JSON path
        ("$.name.first", (False, None)),
        ("$.name[0]", (False, None)),
        ("$.items.x", (False, None)),
        ("name", (False, None)),
        ("", (False, None)),
        ("$.", (False, None)),
    ],
)
def test_resolve_path(path: str, expected: tuple[bool, object]) -> None:
    assert resolve_path(DOCUMENT, path) == expected


def test_note_paths_are_checked_in_each_document() -> None:
    note = {"kind": "joined-word", "source": "s.txt", "found": "x", "action": "y"}
    documents: dict[str, dict[str, Any]] = {
        "a.json": {"name": "N", "notes": [{**note, "path": "$.name"}, {**note, "path": "$.nom"}]},
        "b.json": {"name": "N"},
        "c.json": {"items": [], "notes": [{**note, "path": "$.items[0]"}]},
    }
    problems = check_note_paths(documents)
    assert [(p.code, p.file, p.path) for p in problems] == [
        ("bad-note-path", "a.json", "$.notes[1].path"),
        ("bad-note-path", "c.json", "$.notes[0].path"),
    ]
    assert "$.nom" in problems[0].message


@pytest.mark.parametrize(
    ("kind", "document"),
    [
        # values of other types where texts, lists and objects belong: the schema's problems,
        # and no text to check (nor a crash) here
        ("job-class", {"title": ["e\u0301"], "year": {"a": "e\u0301"}, "code": ["e\u0301"]}),
        ("job-class", {"requirements": {"a": "e\u0301"}, "notes": [{"found": 1}, "e\u0301"]}),
        ("competency", {"levels": ["e\u0301"], "aliases": {"0": "e\u0301"}, "$schema": {}}),
        ("competency", ["e\u0301"]),
        ("release", "e\u0301"),
    ],
)
def test_texts_are_looked_for_only_where_the_schema_has_them(kind: Any, document: Any) -> None:
    assert check_texts(kind, document, "f") == []
    raw = json.dumps(document).encode()
    assert check_texts(kind, document, "f", raw) == []


def test_texts_where_the_schema_has_them() -> None:
    document = {
        "title": "e\u0301",
        "requirements": [{"areas": ["ok", "A\u030a"]}],
        "notes": [{"found": "x\n\u212b\n", "action": "fine"}],
    }
    problems = check_texts("job-class", document, "f")
    assert [(p.code, p.path) for p in problems] == [
        ("bad-text", "$.title"),
        ("bad-text", "$.requirements[0].areas[1]"),
        ("bad-text", "$.notes[0].found"),
    ]
    assert all("NFC" in p.message for p in problems)  # the found's line breaks are its own
    # a file's bytes that cannot hold such a text are passed without looking
    assert check_texts("job-class", document, "f", b"{}") == []


def test_a_value_jsonschema_rs_cannot_take_is_explained_by_jsonschema() -> None:
    from compbank import _schema  # noqa: PLC0415

    document = read_json(DATA_34)
    document["name"] = "\ud800 "  # a lone surrogate (reading refuses it; this is the step alone)
    exact = _schema.check_schema("competency", document, "f")
    assert [(p.code, p.path) for p in exact] == [("bad-text", "$.name")]
    assert _schema.check_schema("competency", document, "f", raw=b"{}") == exact


def test_an_order_like_5_3_4_is_one_problem_counting_each_requirement_after_a_higher_one(
    data_copy: Path,
) -> None:
    # 1230 requires 2, 3, 4, ...: made 4, 2, 3, both 2 and 3 come after 4 (not 3 after 2)
    edit(data_copy, CLASS_1230, lambda d: d["requirements"].insert(0, d["requirements"].pop(2)))
    assert [(p.code, p.path, p.message) for p in compbank.check(data_copy)] == [
        (
            "requirements-out-of-order",
            "$.requirements[1].competency",
            (
                "competency 2 comes after 4 (and 1 more requirement after a higher number); "
                "requirements go in bank-number order"
            ),
        )
    ]
