"""The fast paths find exactly the problems the exact paths find.

Loading takes shortcuts for files that are fine: jsonschema-rs checks them (when installed)
before jsonschema is asked to explain anything, a file is parsed without noting where each
key and container stands unless a key repeats or it nests deep, jsonschema reads schemas whose
``$ref`` are inlined, and equal requirements are structured once. Each shortcut is compared
here with the way it replaces, on broken data written by hand and on data broken at random,
for codes, files, paths and messages alike.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compbank
import single_edits
from compbank import _read, _schema
from compbank._paths import packaged_data_dir

if TYPE_CHECKING:
    from compbank._schema import Kind

pytest.importorskip("jsonschema_rs", reason="the fast path needs compbank[fast]")

DATA = packaged_data_dir()
BANK = "competency_bank/034-customer-service.json"
CLASS = "classes/1230-customer-service-representative.json"
NO_FAST = _schema.NO_FAST_ENV


def problems(root: Path, monkeypatch: pytest.MonkeyPatch, *, fast: bool) -> list[tuple[str, ...]]:
    with monkeypatch.context() as m:
        if fast:
            m.delenv(NO_FAST, raising=False)
        else:
            m.setenv(NO_FAST, "1")
        return [(p.code, p.file, p.path, p.message) for p in compbank.check(root)]


def same_both_ways(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    exact = problems(root, monkeypatch, fast=False)
    assert problems(root, monkeypatch, fast=True) == exact
    return exact


def edit(root: Path, name: str, change: Any) -> None:
    path = root / name
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    try:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    except UnicodeEncodeError:  # a lone surrogate can only be written escaped
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")


def text(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _set(*keys: str | int, value: Any) -> Any:
    def change(document: Any) -> None:
        for key in keys[:-1]:
            document = document[key]
        document[keys[-1]] = value

    return change


def _delete(key: str) -> Any:
    return lambda document: document.pop(key)


# (what, file, change, a code it must produce; None where the data is still valid)
EDITS = [
    ("unknown key", BANK, _set("colour", value="blue"), "unknown-key"),
    ("unknown level", BANK, _set("levels", "4", value="More."), "unknown-key"),
    ("wrong type", BANK, _set("number", value="34"), "wrong-type"),
    ("bool for an integer", BANK, _set("number", value=True), "wrong-type"),
    ("float integer", BANK, _set("number", value=34.0), "wrong-type"),
    ("huge number", BANK, _set("number", value=10**30), "out-of-range"),
    (
        "level out of range",
        CLASS,
        _set("requirements", 0, "required_level", value=4),
        "out-of-range",
    ),
    ("level zero", CLASS, _set("requirements", 0, "required_level", value=0), "out-of-range"),
    ("missing key", BANK, _delete("definition"), "missing-key"),
    ("leading space", BANK, _set("name", value=" Customer Service"), "bad-text"),
    ("doubled space", BANK, _set("superior", value="Seeks  further."), "bad-text"),
    ("line break", BANK, _set("definition", value="Interacts\nwith."), "bad-text"),
    ("trailing newline", BANK, _set("satisfactory", value="Displays knowledge.\n"), "bad-text"),
    ("empty text", BANK, _set("superior", value=""), "bad-text"),
    ("file separator", BANK, _set("superior", value="Seeks\x1cfurther."), "bad-text"),
    ("unit separator", BANK, _set("definition", value="a\x1fb"), "bad-text"),
    ("next line", BANK, _set("superior", value="Seeks\x85further."), "bad-text"),
    ("byte order mark inside", BANK, _set("superior", value="Seeks\ufefffurther."), "bad-text"),
    ("no-break space", BANK, _set("superior", value="Seeks\xa0further."), "bad-text"),
    ("lone surrogate", BANK, _set("superior", value="Seeks \ud800 further."), "not-utf8"),
    ("bad note kind", BANK, _set("notes", 0, "kind", value="typo"), "bad-value"),
    ("duplicate source", BANK, _set("sources", value=["a.txt", "a.txt"]), "duplicate-item"),
    ("no indicators", BANK, _set("behavioral_indicators", value=[]), "bad-length"),
    ("bool level", CLASS, _set("requirements", 0, "required_level", value=True), "wrong-type"),
    ("bad class code", CLASS, _set("code", value="12345"), "bad-format"),
    ("newer schema", BANK, _set("schema_version", value=2), "unsupported-schema-version"),
    (
        "unknown competency",
        CLASS,
        _set("requirements", 0, "competency", value=999),
        "unknown-competency",
    ),
    ("bad note path", BANK, _set("notes", 0, "path", value="$.nowhere"), "bad-note-path"),
    ("unknown source", CLASS, _set("source", value="0000-missing.txt"), "unknown-source"),
    ("empty object", BANK, lambda d: d.clear(), "missing-key"),
]


@pytest.mark.parametrize("case", EDITS, ids=[e[0] for e in EDITS])
def test_edits_give_the_same_problems(
    data: Path, monkeypatch: pytest.MonkeyPatch, case: tuple[str, str, Any, str | None]
) -> None:
    what, name, change, code = case
    edit(data, name, change)
    found = same_both_ways(data, monkeypatch)
    if code is None:
        assert found == [], what
    else:
        assert code in {p[0] for p in found}, what


@pytest.mark.parametrize("kind", sorted(single_edits.EDITS))
def test_single_edits_give_the_same_problems(
    data: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    case = single_edits.EDITS[kind]
    case.edit(data)
    found = same_both_ways(data, monkeypatch)
    assert [(c, Path(f).relative_to(data).as_posix(), p) for c, f, p, _ in found] == case.problems


# (what, file, old text, new text, a code it must produce)
TEXTS = [
    ("duplicate key", BANK, '"number": 34,', '"number": 34,\n  "number": 35,', "duplicate-key"),
    (
        "duplicate key beside colons",
        BANK,
        '"name": "Customer Service",',
        '"name": "Customer: Service",\n  "name": "Customer Service",',
        "duplicate-key",
    ),
    (
        "duplicate key and an escaped colon",
        BANK,
        '"name": "Customer Service",',
        '"name": "Customer\\u003a Service",\n  "name": "Customer Service",',
        "duplicate-key",
    ),
    (
        "duplicate nested key",
        CLASS,
        '"required_level": null,',
        '"required_level": null,\n      "required_level": null,',
        "duplicate-key",
    ),
    (
        "escaped colon",
        BANK,
        '"Customer Service"',
        '"Customer\\u003a Service"',
        None,  # "Customer: Service" has the same file name
    ),
    ("space before colon", BANK, '"number": 34', '"number" : 34', None),
    ("syntax error", BANK, '"number": 34,', '"number": 34,,', "json-syntax"),
    ("NaN", BANK, '"number": 34,', '"number": NaN,', "json-constant"),
    ("too deep", BANK, '"aliases": []', '"aliases": ' + "[" * 40 + "]" * 40, "too-deep"),
]


@pytest.mark.parametrize("case", TEXTS, ids=[t[0] for t in TEXTS])
def test_texts_give_the_same_problems(
    data: Path, monkeypatch: pytest.MonkeyPatch, case: tuple[str, str, str, str, str | None]
) -> None:
    what, name, old, new, code = case
    text(data, name, old, new)
    found = same_both_ways(data, monkeypatch)
    if code is None:
        assert found == [], what
    else:
        assert code in {p[0] for p in found}, what


def test_bytes_give_the_same_problems(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data / BANK).write_bytes(b"\xef\xbb\xbf" + (data / BANK).read_bytes())
    (data / CLASS).write_bytes(b"")
    (data / "classes" / "9375-director-of-systems.json").write_bytes(b'{"code": "\xff"}')
    codes = {p[0] for p in same_both_ways(data, monkeypatch)}
    assert {"byte-order-mark", "empty-file", "not-utf8"} <= codes


def test_valid_data_never_needs_jsonschema(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(kind: str) -> None:
        raise AssertionError(f"jsonschema was asked to check a valid {kind} file")

    monkeypatch.delenv(NO_FAST, raising=False)
    monkeypatch.setattr(_schema, "validator", refuse)
    assert compbank.check(data) == ()


def test_shared_requirements_keep_each_value_as_written() -> None:
    from compbank._records import RequirementRecord  # noqa: PLC0415
    from compbank._structure import converter  # noqa: PLC0415

    def made(level: Any, prior: Any = None) -> RequirementRecord:
        plain = {"competency": 5, "required_level": level, "prior_to_entry": prior, "areas": []}
        return converter.structure(plain, RequirementRecord)

    assert made(2) is made(2)  # equal ones are shared
    assert repr(made(2.0).required_level) == "2.0"
    assert repr(made(2).required_level) == "2"
    assert made(None, prior=True) is not made(None, prior=False)
    with_areas = {"competency": 5, "required_level": 2, "prior_to_entry": None, "areas": ["A."]}
    assert converter.structure(with_areas, RequirementRecord).areas == ("A.",)


def test_no_fast_turns_the_fast_path_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_FAST, "1")
    assert _schema.fast_validator("competency") is None
    monkeypatch.setenv(NO_FAST, "0")
    assert _schema.fast_validator("competency") is not None


# ---- data broken at random ----------------------------------------------------------------

# characters on which Python's `re` and jsonschema-rs may disagree, among others
ODD_CHARS = st.sampled_from(": .\n\t\x1c\x1f\x85\xa0\ufeff\u2028\u180e\u200b-")
ODD_VALUES = st.one_of(
    st.builds(
        lambda a, c, b: a + c + b,
        st.sampled_from(["Word", "A", ""]),
        ODD_CHARS,
        st.sampled_from(["word.", "b", ""]),
    ),
    st.none(),
    st.booleans(),
    st.integers(-3, 1003),
    st.sampled_from([0.5, 2.0, 1e300, 10**20, -(10**20), 10**150]),
    st.text(st.sampled_from("aZ: .\n\t\x1c\x1f\x85\xa0\ufeff\u2028-"), max_size=6),
    st.lists(st.text("ab :", max_size=3), max_size=3),
    st.dictionaries(st.sampled_from(["1", "2", "3", "x"]), st.text("ab", max_size=2), max_size=3),
)


def _places(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    places = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            places += _places(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            places += _places(item, (*path, i))
    return places


@st.composite
def broken(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """*document* with a few random changes: values replaced, keys dropped or added."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p in _places(document) if p]
        if not places:
            break
        place = draw(st.sampled_from(places))
        parent: Any = document
        for key in place[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "drop", "add"]))
        if action == "drop" and isinstance(parent, dict):
            del parent[place[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "1", "notes"]))] = draw(ODD_VALUES)
        else:
            parent[place[-1]] = draw(ODD_VALUES)
    return document


DOCUMENTS: dict[Kind, dict[str, Any]] = {
    "competency": json.loads((DATA / BANK).read_text(encoding="utf-8")),
    "job-class": json.loads(
        (DATA / "classes" / "7625-director-of-communications-services.json").read_text("utf-8")
    ),
}


@settings(max_examples=300, deadline=None)
@given(st.data(), st.sampled_from(sorted(DOCUMENTS)), st.booleans())
def test_jsonschema_rs_never_passes_what_jsonschema_rejects(
    data: st.DataObject, kind: Kind, ascii_only: bool
) -> None:
    document = data.draw(broken(DOCUMENTS[kind]))
    raw = json.dumps(document, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    exact = _schema.check_schema(kind, document, "f")
    assert _schema.check_schema(kind, document, "f", raw) == exact


@settings(max_examples=300, deadline=None)
@given(st.data(), st.sampled_from(sorted(DOCUMENTS)))
def test_inlined_schemas_say_what_the_published_ones_say(data: st.DataObject, kind: Kind) -> None:
    from jsonschema import Draft202012Validator  # noqa: PLC0415

    published = Draft202012Validator(_schema.schema(kind))
    document = data.draw(broken(DOCUMENTS[kind]))

    def errors(validator: Any) -> list[tuple[Any, ...]]:
        found = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        return [(e.validator, e.json_path, e.message, e.validator_value) for e in found]

    assert errors(_schema.validator(kind)) == errors(published)


@settings(max_examples=300, deadline=None)
@given(st.data(), st.sampled_from(sorted(DOCUMENTS)), st.booleans())
def test_quick_parse_reads_what_the_exact_parse_reads(
    data: st.DataObject, kind: Kind, ascii_only: bool
) -> None:
    document = data.draw(broken(DOCUMENTS[kind]))
    raw_text = json.dumps(
        document, ensure_ascii=ascii_only, indent=data.draw(st.sampled_from([None, 2]))
    )
    # repeat one member, as a hand edit might
    if data.draw(st.booleans()) and raw_text.startswith("{") and len(raw_text) > 2:
        member = data.draw(st.sampled_from(['"name": "a: b"', '"x": 1', '"notes": []']))
        raw_text = (
            "{"
            + member
            + ","
            + member
            + ("," if raw_text[1:].strip() != "}" else "")
            + raw_text[1:]
        )
    raw = raw_text.encode("utf-8", "surrogatepass")
    assert _read.parse_bytes(raw, "f") == _read._parse_exact(
        raw.decode("utf-8", "surrogatepass"), "f"
    )


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a": 1, "a": 2}',
        b'{"a": {"b": [{"c": 1, "c": 1}]}}',
        b'{"n": ' + b"1" * 150 + b"}",
        b'{"n": 2.0, "m": 1e400}',
        b'{"n": NaN}',
        b'{"t": "a: b \\u003a", "u": "\\ud800"}',
        b"[" * 32 + b"]" * 32,
        b"[" * 33 + b"]" * 33,
        b'{"t": "' + b"[" * 40 + b'"}',
        b'"' + b"[" * 40 + b'"',
        b"[1, 2,]",
    ],
)
def test_quick_parse_agrees_on_edge_cases(raw: bytes) -> None:
    assert _read.parse_bytes(raw, "f") == _read._parse_exact(raw.decode(), "f")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1))
def test_random_breakage_gives_the_same_problems(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
    root = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, root)
    files = sorted(p for p in root.glob("*/*.json"))
    for path in rng.sample(files, rng.randint(1, 3)):
        content = path.read_text(encoding="utf-8")
        document = json.loads(content)
        places = [p for p in _places(document) if p]
        place = rng.choice(places)
        parent = document
        for key in place[:-1]:
            parent = parent[key]
        parent[place[-1]] = rng.choice(
            [None, True, 0, 4, 1000, "", " x", "a\x1cb", "a\x85b", "x: y", [], {}, 2.0, "$.nowhere"]
        )
        content = json.dumps(document, indent=2, ensure_ascii=rng.random() < 0.3)
        if rng.random() < 0.3:  # and sometimes a repeated member, textually
            content = content.replace("{", '{"schema_version": 1, ', 1)
        path.write_text(content, encoding="utf-8")
    assert problems(root, monkeypatch, fast=True) == problems(root, monkeypatch, fast=False)


@pytest.mark.parametrize("char", ":\x1c\x1d\x1e\x1f\x85\xa0\ufeff\u2028\u180e\u200b\x00\t")
@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_every_text_with_an_odd_character_is_judged_alike(kind: Kind, char: str) -> None:
    document = DOCUMENTS[kind]
    for place in _places(document):
        copy = json.loads(json.dumps(document))
        parent = copy
        for key in place[:-1]:
            parent = parent[key]
        if not place or not isinstance(parent[place[-1]], str):
            continue
        parent[place[-1]] = f"Word{char}word."
        for ascii_only in (True, False):
            raw = json.dumps(copy, ensure_ascii=ascii_only).encode()
            exact = _schema.check_schema(kind, copy, "f")
            assert _schema.check_schema(kind, copy, "f", raw) == exact, (place, char)
