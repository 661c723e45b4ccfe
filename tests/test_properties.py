"""Properties that hold for every valid data set, and for every way of breaking one.

The data sets are drawn by `strategies.data_sets` and written to a temporary directory in
canonical form. (Hypothesis runs many examples per test, so each example makes its own
`tempfile.TemporaryDirectory` rather than sharing the function-scoped `tmp_path`.)
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import compbank
from compbank import canonical
from compbank._bank import resolve_class
from compbank._checks import resolve_path
from compbank._structure import converter, structure, to_document
from compbank.cli import main as cli_main
from compbank.diff import diff_dirs, word_diff
from compbank.models import Competency
from conftest import DATA
from strategies import (
    DataSet,
    class_path,
    competency_path,
    data_sets,
    fresh_name,
    texts,
    write_data_set,
    write_document,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from compbank._schema import Kind
    from compbank.problems import Problem

#: (code, file, JSON path): what a test asserts about a problem; never the message wording.
Found = tuple[str, str, str]


def found(problems: Iterable[Problem]) -> set[Found]:
    return {(p.code, p.file, p.path) for p in problems}


@contextlib.contextmanager
def written(data: DataSet) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield write_data_set(data, Path(tmp) / "data")


def run_cli(*argv: str) -> tuple[int, str]:
    """Run ``compbank *argv`` in this process; the exit code and what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli_main(argv)
    return code, out.getvalue()


def data_files(root: Path) -> list[Path]:
    return [
        root / "release.json",
        *sorted((root / "competency_bank").iterdir()),
        *sorted((root / "classes").iterdir()),
    ]


# --- valid data sets ------------------------------------------------------------------------


@given(data_sets())
def test_every_generated_data_set_loads(data: DataSet) -> None:
    with written(data) as root:
        assert compbank.check(root) == ()
        bank = compbank.load(root)
    assert list(bank.competencies) == sorted(data.numbers)
    assert list(bank.classes) == sorted(jc["code"] for jc in data.classes)
    assert bank.data_version == data.release["data_version"]
    for document in data.competencies:
        c = bank.competencies[document["number"]]
        assert c.names == (document["name"], *document["aliases"])
        assert bank.competency(document["name"]) is c


@given(data_sets(min_classes=1))
def test_every_requirement_resolves_to_the_banks_competency(data: DataSet) -> None:
    with written(data) as root:
        bank = compbank.load(root)
    for document in data.classes:
        jc = bank.classes[document["code"]]
        assert len(jc.requirements) == len(document["requirements"])
        for r, rd in zip(jc.requirements, document["requirements"], strict=True):
            assert r.competency is bank.competencies[rd["competency"]]
            assert (r.required_level, r.prior_to_entry, r.areas) == (
                rd["required_level"],
                rd["prior_to_entry"],
                tuple(rd["areas"]),
            )


@given(data_sets(), st.integers(1, 999))
def test_reverse_index_agrees_with_the_requirements(data: DataSet, other: int) -> None:
    with written(data) as root:
        bank = compbank.load(root)
    for number in [*data.numbers, other]:
        for min_level in (None, 1, 2, 3):
            expected = sorted(
                jc["code"]
                for jc in data.classes
                if (r := data.requires(jc["code"], number)) is not None
                and (
                    min_level is None
                    or (r["required_level"] is not None and r["required_level"] >= min_level)
                )
            )
            got = bank.classes_requiring(number, min_level=min_level)
            assert [jc.code for jc in got] == expected
            assert all(jc is bank.classes[jc.code] for jc in got)


#: Any text, and short runs of the digits and numerals of every script (superscripts,
#: fractions, Ethiopic or Roman numerals), the kind a lookup by number must cope with.
query_texts = st.text(max_size=12) | st.text(
    st.characters(categories=("Nd", "No", "Nl", "Zs")), min_size=1, max_size=3
)


@functools.cache
def repository_bank() -> compbank.Bank:
    return compbank.load(DATA)


@given(query_texts)
@example("\N{SUPERSCRIPT TWO}")  # digits that int() does not read
@example("\N{ETHIOPIC DIGIT TWO}")
@example("9" * 5000)  # more digits than int() reads
def test_queries_answer_any_text_without_raising(text: str) -> None:
    bank = repository_bank()
    found_one = bank.competency(text)
    assert found_one is None or found_one is bank.competencies[found_one.number]
    if text.strip().isdecimal() and len(text) < 10:
        assert found_one is bank.competencies.get(int(text))
    results = bank.search(text)
    assert len(set(results)) == len(results)
    assert all(c is bank.competencies[c.number] for c in results)


@given(data_sets())
def test_lookup_by_number_and_name(data: DataSet) -> None:
    with written(data) as root:
        bank = compbank.load(root)
    for document in data.competencies:
        c = bank.competencies[document["number"]]
        for key in (document["number"], str(c.number), f" {c.number:03d} ", *c.names):
            assert bank.competency(key) is c
        assert bank.competency(c.name.upper()) is c


@given(data_sets())
def test_structure_unstructure_structure_is_the_identity(data: DataSet) -> None:
    with written(data) as root:
        bank = compbank.load(root)
    for document in data.competencies:
        c = bank.competencies[document["number"]]
        assert to_document(c) == document
        assert structure("competency", to_document(c), "f") == (c, [])
        assert converter.structure(converter.unstructure(c), Competency) == c
    for document in data.classes:
        jc = bank.classes[document["code"]]
        assert to_document(jc) == document
        record, problems = structure("job-class", to_document(jc), "f")
        assert problems == []
        assert to_document(record) == document
        assert resolve_class(record, bank.competencies) == jc
    release, problems = structure("release", data.release, "f")
    assert problems == []
    assert to_document(release) == data.release


def _reversed_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _reversed_keys(value[k]) for k in reversed(value)}
    if isinstance(value, list):
        return [_reversed_keys(v) for v in value]
    return value


@given(data_sets())
def test_canonical_form_is_a_fixed_point(data: DataSet) -> None:
    with written(data) as root:
        for path in data_files(root):
            kind = canonical.kind_of(path)
            assert kind is not None
            text = path.read_text(encoding="utf-8")
            document = json.loads(text)
            assert canonical.dumps(document, kind) == text
            # the layout depends on the content only, not on the order keys came in
            assert canonical.dumps(_reversed_keys(document), kind) == text


@given(data_sets())
def test_validate_and_fmt_accept_canonical_data_unchanged(data: DataSet) -> None:
    with written(data) as root:
        before = {path: path.read_bytes() for path in data_files(root)}
        assert run_cli("validate", str(root))[0] == 0
        assert run_cli("fmt", "--check", str(root))[0] == 0
        assert run_cli("fmt", str(root))[0] == 0
        assert {path: path.read_bytes() for path in data_files(root)} == before


@given(data_sets(), st.sampled_from([None, 4, 1]), st.booleans())
def test_fmt_makes_any_layout_canonical(data: DataSet, indent: int | None, ascii_: bool) -> None:
    with written(data) as root:
        canonical_bytes = {path: path.read_bytes() for path in data_files(root)}
        for path in canonical_bytes:
            document = _reversed_keys(json.loads(path.read_text(encoding="utf-8")))
            path.write_text(
                json.dumps(document, indent=indent, ensure_ascii=ascii_), encoding="utf-8"
            )
        assert run_cli("fmt", str(root))[0] == 0
        assert {path: path.read_bytes() for path in data_files(root)} == canonical_bytes
        assert run_cli("fmt", "--check", str(root))[0] == 0


def test_the_repository_data_is_canonical() -> None:
    root = DATA
    assert compbank.check(root) == ()
    for path in data_files(root):
        kind = canonical.kind_of(path)
        assert kind is not None
        text = path.read_text(encoding="utf-8")
        assert canonical.dumps(json.loads(text), kind) == text, path


# --- breaking a valid data set --------------------------------------------------------------
#
# Each mutation changes a written data set in one way and returns exactly the problems that
# change must produce. The test then asserts that `check` reports those and nothing else, and
# that `load` refuses the data with the same problems.


def _class_with(draw: st.DataObject, data: DataSet, min_requirements: int = 1) -> dict[str, Any]:
    candidates = [jc for jc in data.classes if len(jc["requirements"]) >= min_requirements]
    assume(candidates)
    return copy.deepcopy(draw.draw(st.sampled_from(candidates)))


def delete_referenced_competency(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    jc = _class_with(draw, data)
    number = draw.draw(st.sampled_from([r["competency"] for r in jc["requirements"]]))
    document = next(c for c in data.competencies if c["number"] == number)
    competency_path(root, document).unlink()
    return {
        ("unknown-competency", str(class_path(root, other)), f"$.requirements[{i}].competency")
        for other in data.classes
        for i, r in enumerate(other["requirements"])
        if r["competency"] == number
    }


def require_unknown_competency(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    jc = _class_with(draw, data)
    missing = draw.draw(st.integers(1, 999).filter(lambda n: n not in data.numbers))
    i = draw.draw(st.integers(0, len(jc["requirements"]) - 1))
    jc["requirements"][i]["competency"] = missing
    jc["requirements"].sort(key=lambda r: r["competency"])
    write_document(class_path(root, jc), jc, "job-class")
    i = [r["competency"] for r in jc["requirements"]].index(missing)
    return {("unknown-competency", str(class_path(root, jc)), f"$.requirements[{i}].competency")}


def duplicate_number(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    document = copy.deepcopy(draw.draw(st.sampled_from(data.competencies)))
    original = competency_path(root, document)
    document["name"] = fresh_name(document["name"])
    document["aliases"] = []
    copied = competency_path(root, document)
    write_document(copied, document, "competency")
    # the file listed second (in name order) is the one reported
    return {("duplicate-number", str(max(original, copied)), "$.number")}


def duplicate_code(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    jc = _class_with(draw, data)
    original = class_path(root, jc)
    jc["title"] = fresh_name(jc["title"])
    copied = class_path(root, jc)
    write_document(copied, jc, "job-class")
    return {("duplicate-code", str(max(original, copied)), "$.code")}


def rename_file_away(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    places = [competency_path(root, c) for c in data.competencies]
    places += [class_path(root, jc) for jc in data.classes]
    path = draw.draw(st.sampled_from(places))
    # drawn names and titles hold no digits, so this slug never matches the record
    renamed = path.with_name(f"{path.name.split('-')[0]}-0.json")
    path.rename(renamed)
    return {("file-name-mismatch", str(renamed), "$")}


def reorder_requirements(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    jc = _class_with(draw, data, min_requirements=2)
    reqs = jc["requirements"]
    i = draw.draw(st.integers(0, len(reqs) - 2))
    reqs[i], reqs[i + 1] = reqs[i + 1], reqs[i]
    write_document(class_path(root, jc), jc, "job-class")
    return {
        (
            "requirements-out-of-order",
            str(class_path(root, jc)),
            f"$.requirements[{i + 1}].competency",
        )
    }


def repeat_requirement(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    jc = _class_with(draw, data)
    reqs = jc["requirements"]
    i = draw.draw(st.integers(0, len(reqs) - 1))
    repeated = copy.deepcopy(reqs[i])
    repeated["required_level"] = draw.draw(st.sampled_from([1, 2, 3, None]))
    reqs.insert(i + 1, repeated)
    write_document(class_path(root, jc), jc, "job-class")
    return {
        ("duplicate-requirement", str(class_path(root, jc)), f"$.requirements[{i + 1}].competency")
    }


def level_out_of_range(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    jc = _class_with(draw, data)
    i = draw.draw(st.integers(0, len(jc["requirements"]) - 1))
    jc["requirements"][i]["required_level"] = draw.draw(st.sampled_from([0, 4]))
    write_document(class_path(root, jc), jc, "job-class")
    return {("out-of-range", str(class_path(root, jc)), f"$.requirements[{i}].required_level")}


def _place(draw: st.DataObject, data: DataSet, root: Path) -> tuple[Path, dict[str, Any], Kind]:
    """A data file of the set: (where, a copy of its document, its kind)."""
    places: list[tuple[Path, dict[str, Any], Kind]] = [
        (root / "release.json", data.release, "release")
    ]
    places += [(competency_path(root, c), c, "competency") for c in data.competencies]
    places += [(class_path(root, jc), jc, "job-class") for jc in data.classes]
    path, document, kind = draw.draw(st.sampled_from(places))
    return path, copy.deepcopy(document), kind


def add_unknown_key(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    path, document, kind = _place(draw, data, root)
    where = {"release": ["$"], "competency": ["$", "$.levels"], "job-class": ["$"]}[kind]
    if kind == "job-class":
        where += [f"$.requirements[{i}]" for i in range(len(document["requirements"]))]
    if document.get("notes"):
        where.append("$.notes[0]")
    json_path = draw.draw(st.sampled_from(where))
    _, obj = resolve_path(document, json_path)
    obj[draw.draw(st.sampled_from(["extra", "Name", "4", "notes_"]))] = draw.draw(
        st.sampled_from([None, 1, "x", []])
    )
    write_document(path, document, kind)
    return {("unknown-key", str(path), json_path)}


#: Values of a JSON type other than each field's own, by field. (The competency number and the
#: requirement numbers are left out: they are how other files find a record.)
_WRONG_TYPES: dict[str, list[tuple[str, Any]]] = {
    "release": [("$.data_version", 1), ("$.released", None), ("$.schema_version", "1")],
    "competency": [
        ("$.name", 5),
        ("$.aliases", "none"),
        ("$.levels", ["a", "b", "c"]),
        ("$.behavioral_indicators", {"1": "x"}),
        ("$.superior", True),
        ("$.record_version", "2"),
        ("$.record_version", 1.5),
        ("$.record_version", 1.0),
        ("$.notes", {}),
    ],
    "job-class": [
        ("$.title", 1230),
        ("$.code", 1230),
        ("$.year", "2020"),
        ("$.year", 2020.0),
        ("$.requirements[0].required_level", 2.0),
        ("$.requirements", {}),
        ("$.requirements[0].required_level", "2"),
        ("$.requirements[0].prior_to_entry", "true"),
        ("$.requirements[0].areas", "x"),
        ("$.requirements[0].competency", "2"),
    ],
}


def change_a_type(draw: st.DataObject, data: DataSet, root: Path) -> set[Found]:
    path, document, kind = _place(draw, data, root)
    json_path, value = draw.draw(st.sampled_from(_WRONG_TYPES[kind]))
    parent, _, key = json_path.rpartition(".")
    _, obj = resolve_path(document, parent)
    obj[key] = value
    write_document(path, document, kind)
    return {("wrong-type", str(path), json_path)}


MUTATIONS = [
    delete_referenced_competency,
    require_unknown_competency,
    duplicate_number,
    duplicate_code,
    rename_file_away,
    reorder_requirements,
    repeat_requirement,
    level_out_of_range,
    add_unknown_key,
    change_a_type,
]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.__name__.replace("_", "-"))
@given(data=data_sets(min_competencies=2, min_classes=1), draw=st.data())
def test_each_breaking_mutation_is_rejected_with_its_code(
    mutation: Callable[[st.DataObject, DataSet, Path], set[Found]],
    data: DataSet,
    draw: st.DataObject,
) -> None:
    with written(data) as root:
        expected = mutation(draw, data, root)
        assert found(compbank.check(root)) == expected
        with pytest.raises(compbank.DataError) as raised:
            compbank.load(root)
        code, output = run_cli("validate", str(root))
    assert found(raised.value.problems) == expected
    assert code == 1
    for problem_code, file, path in expected:
        assert f"{file}::{path}: [{problem_code}]" in output


# --- what a change means: compbank.diff ----------------------------------------------------


@contextlib.contextmanager
def written_twice(data: DataSet) -> Iterator[tuple[Path, Path]]:
    """The data set written twice, as a base and a head to change."""
    with tempfile.TemporaryDirectory() as tmp:
        yield (
            write_data_set(data, Path(tmp) / "base" / "data"),
            write_data_set(data, Path(tmp) / "head" / "data"),
        )


def summary(diff: Any) -> list[tuple[Any, ...]]:
    """What a `DataDiff` says, record by record, without its wording for people."""
    return [
        (
            r.kind,
            r.key,
            r.status,
            [(f.path, f.status, f.old, f.new) for f in r.fields],
            [(lc.competency, lc.old, lc.new) for lc in r.levels],
            [(e.competency, e.required_level) for e in r.requirements_added],
            [(e.competency, e.required_level) for e in r.requirements_removed],
            [(a.competency, a.status, a.text) for a in r.areas],
        )
        for r in diff.records
    ]


@given(data_sets())
def test_diff_of_a_data_set_with_itself_is_empty(data: DataSet) -> None:
    with written_twice(data) as (base, head):
        for other in (base, head):
            diff = diff_dirs(base, other)
            assert not diff.changed
            assert (diff.records, diff.files, diff.warnings) == ((), (), ())


Edit = tuple[list[tuple[Any, ...]], list[str]]


def _competency(draw: st.DataObject, data: DataSet) -> dict[str, Any]:
    return copy.deepcopy(draw.draw(st.sampled_from(data.competencies)))


def _bumped(document: dict[str, Any], bump: bool) -> None:
    if bump:
        document["record_version"] += 1


def edit_a_text(draw: st.DataObject, data: DataSet, head: Path, bump: bool) -> Edit:
    c = _competency(draw, data)
    where = draw.draw(
        st.sampled_from(
            ["definition", "levels", "behavioral_indicators", "satisfactory", "superior"]
        )
    )
    if where == "levels":
        key: str | int = draw.draw(st.sampled_from(["1", "2", "3"]))
        parent, path = c["levels"], f"$.levels['{key}']"
    elif where == "behavioral_indicators":
        key = draw.draw(st.integers(0, len(c[where]) - 1))
        parent, path = c[where], f"$.{where}[{key}]"
    else:
        key, parent, path = where, c, f"$.{where}"
    old = parent[key]
    new = draw.draw(texts.filter(lambda t: t != old and t not in c["behavioral_indicators"]))
    parent[key] = new
    _bumped(c, bump)
    write_document(competency_path(head, c), c, "competency")
    assert word_diff(old, new)  # the texts differ, so there is something to show
    record: tuple[Any, ...] = (
        "competency",
        str(c["number"]),
        "changed",
        [(path, "changed", old, new)],
        [],
        [],
        [],
        [],
    )
    return [record], [] if bump else ["version-not-bumped"]


def _class(draw: st.DataObject, data: DataSet) -> dict[str, Any]:
    return copy.deepcopy(draw.draw(st.sampled_from(data.classes)))


def change_a_level(draw: st.DataObject, data: DataSet, head: Path, bump: bool) -> Edit:
    jc = _class(draw, data)
    r = draw.draw(st.sampled_from(jc["requirements"]))
    old = r["required_level"]
    r["required_level"] = new = draw.draw(
        st.sampled_from([1, 2, 3, None]).filter(lambda level: level != old)
    )
    _bumped(jc, bump)
    write_document(class_path(head, jc), jc, "job-class")
    record: tuple[Any, ...] = (
        "job-class",
        jc["code"],
        "changed",
        [],
        [(r["competency"], old, new)],
        [],
        [],
        [],
    )
    return [record], [] if bump else ["version-not-bumped"]


def add_a_requirement(draw: st.DataObject, data: DataSet, head: Path, bump: bool) -> Edit:
    jc = _class(draw, data)
    required = {r["competency"] for r in jc["requirements"]}
    assume(set(data.numbers) - required)
    number = draw.draw(st.sampled_from(sorted(set(data.numbers) - required)))
    level = draw.draw(st.sampled_from([1, 2, 3, None]))
    jc["requirements"].append(
        {"competency": number, "required_level": level, "prior_to_entry": None, "areas": []}
    )
    jc["requirements"].sort(key=lambda r: r["competency"])
    _bumped(jc, bump)
    write_document(class_path(head, jc), jc, "job-class")
    record: tuple[Any, ...] = (
        "job-class",
        jc["code"],
        "changed",
        [],
        [],
        [(number, level)],
        [],
        [],
    )
    return [record], [] if bump else ["version-not-bumped"]


def drop_a_requirement(draw: st.DataObject, data: DataSet, head: Path, bump: bool) -> Edit:
    jc = _class(draw, data)
    assume(len(jc["requirements"]) >= 2)
    r = jc["requirements"].pop(draw.draw(st.integers(0, len(jc["requirements"]) - 1)))
    _bumped(jc, bump)
    write_document(class_path(head, jc), jc, "job-class")
    record: tuple[Any, ...] = (
        "job-class",
        jc["code"],
        "changed",
        [],
        [],
        [],
        [(r["competency"], r["required_level"])],
        [],
    )
    return [record], [] if bump else ["version-not-bumped"]


def add_an_area(draw: st.DataObject, data: DataSet, head: Path, bump: bool) -> Edit:
    jc = _class(draw, data)
    r = draw.draw(st.sampled_from(jc["requirements"]))
    area = draw.draw(texts.filter(lambda t: t not in r["areas"]))
    r["areas"].insert(draw.draw(st.integers(0, len(r["areas"]))), area)
    _bumped(jc, bump)
    write_document(class_path(head, jc), jc, "job-class")
    record: tuple[Any, ...] = (
        "job-class",
        jc["code"],
        "changed",
        [],
        [],
        [],
        [],
        [(r["competency"], "added", area)],
    )
    return [record], [] if bump else ["version-not-bumped"]


def add_a_competency(draw: st.DataObject, data: DataSet, head: Path, bump: bool) -> Edit:
    del bump  # a new record has no earlier version
    number = draw.draw(st.integers(1, 999).filter(lambda n: n not in data.numbers))
    c = copy.deepcopy(draw.draw(st.sampled_from(data.competencies)))
    c.update(number=number, name=fresh_name(c["name"]), aliases=[])
    write_document(competency_path(head, c), c, "competency")
    return [("competency", str(number), "added", [], [], [], [], [])], []


def remove_a_class(draw: st.DataObject, data: DataSet, head: Path, bump: bool) -> Edit:
    del bump
    jc = _class(draw, data)
    class_path(head, jc).unlink()
    return [("job-class", jc["code"], "removed", [], [], [], [], [])], []


EDITS = [
    edit_a_text,
    change_a_level,
    add_a_requirement,
    drop_a_requirement,
    add_an_area,
    add_a_competency,
    remove_a_class,
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__.replace("_", "-"))
@given(data=data_sets(min_competencies=2, min_classes=1), draw=st.data(), bump=st.booleans())
def test_diff_reports_exactly_the_edit_made(
    edit: Callable[[st.DataObject, DataSet, Path, bool], Edit],
    data: DataSet,
    draw: st.DataObject,
    bump: bool,
) -> None:
    with written_twice(data) as (base, head):
        records, warnings = edit(draw, data, head, bump)
        diff = diff_dirs(base, head)
        # the edit is a valid change: the head still loads
        assert compbank.check(head) == ()
    assert summary(diff) == records
    assert [w.code for w in diff.warnings] == warnings
    assert diff.files == ()
