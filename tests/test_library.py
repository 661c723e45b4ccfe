"""The public API of `import compbank`: loading, models, queries and errors."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import attrs
import pytest

import compbank
from compbank import _load
from conftest import DATA


@pytest.fixture(scope="module")
def bank() -> compbank.Bank:
    return compbank.load(DATA)


def test_public_names_are_exported_and_documented() -> None:
    for name in compbank.__all__:
        value = getattr(compbank, name)
        if name not in {"__version__", "LevelNumber"}:
            assert value.__doc__, name
    assert set(dir(compbank)) >= set(compbank.__all__)
    with pytest.raises(AttributeError):
        _ = compbank.no_such_name  # type: ignore[attr-defined]


def test_versions_of_code_and_data_are_separate(bank: compbank.Bank) -> None:
    assert compbank.__version__ == "0.1.0"
    assert bank.data_version == "1.0.0"
    assert bank.released == "2026-11-22"


def test_load_without_argument_is_the_packaged_data_cached() -> None:
    bank = compbank.load()
    assert compbank.load() is bank
    assert len(bank.competencies) == 26
    assert sorted(bank.classes) == ["1230", "1336", "7521", "7625", "9375"]


def test_the_first_load_is_thread_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_load, "_packaged", None)
    calls = []
    real = _load.load_uncached

    def counting(path: Path | None = None) -> compbank.Bank:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(_load, "load_uncached", counting)
    results: list[compbank.Bank] = []
    threads = [threading.Thread(target=lambda: results.append(compbank.load())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len({id(b) for b in results}) == 1


def test_import_reads_nothing_and_defers_heavy_modules() -> None:
    code = (
        "import sys, builtins\n"
        "opened = []\n"
        "real = builtins.open\n"
        "builtins.open = lambda f, *a, **k: (opened.append(str(f)), real(f, *a, **k))[1]\n"
        "import compbank\n"
        "heavy = {'jsonschema', 'cattrs', 'compbank._load', 'compbank._bank'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "assert not [f for f in opened if f.endswith('.json')], opened\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_load_with_a_path_reads_that_directory_anew(data_copy: Path) -> None:
    first = compbank.load(data_copy)
    second = compbank.load(str(data_copy))
    assert first is not second
    assert first.path == data_copy
    assert first.competencies[34] == second.competencies[34]


def test_a_missing_directory_is_not_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        compbank.load(tmp_path / "nope")


def test_competency_fields(bank: compbank.Bank) -> None:
    c = bank.competencies[34]
    assert (c.number, c.name) == (34, "Customer Service")
    assert c.definition.startswith("Interacts with recipients of services")
    assert c.definition_items == ()
    assert c.aliases == ()
    assert c.names == ("Customer Service",)
    assert c.level(1).startswith("Interact with customers in person")
    assert c.level(2) == (
        "Promotes positive customer service. Serves as a model of providing exemplary customer"
        " service."
    )
    assert c.level(3) == c.levels[2]
    assert len(c.behavioral_indicators) == 8
    assert (
        c.behavioral_indicators[0]
        == "Carefully listens to (or reads) customer statement of the issue."
    )
    assert c.satisfactory.startswith("Displays knowledge as well as courtesy")
    assert c.superior.endswith("facilitates changes needed to implement.")
    assert c.sources == (
        "1230-customer-service-representative.txt",
        "1336-utility-executive-secretary.txt",
        "7521-senior-electric-service-representative.txt",
    )
    assert [n.kind for n in c.notes] == ["line-break-in-sentence"]
    assert (c.record_version, c.schema_version) == (1, 1)
    supervision = bank.competencies[28]
    assert len(supervision.definition_items) == 12
    job_knowledge = bank.competencies[20]
    assert "Includes both widely available courses of study" in job_knowledge.definition


@pytest.mark.parametrize("n", [0, 4, -1, "2"])
def test_levels_count_from_one(bank: compbank.Bank, n: object) -> None:
    with pytest.raises(ValueError, match="levels are 1, 2 and 3"):
        bank.competencies[2].level(n)  # type: ignore[arg-type]


def test_competencies_and_classes_are_in_order(bank: compbank.Bank) -> None:
    assert list(bank.competencies) == sorted(bank.competencies)
    assert list(bank.classes) == sorted(bank.classes)
    for jc in bank.classes.values():
        numbers = [r.number for r in jc.requirements]
        assert numbers == sorted(numbers)


def test_job_class_and_resolved_requirements(bank: compbank.Bank) -> None:
    jc = bank.classes["7521"]
    assert (jc.code, jc.title) == ("7521", "SENIOR ELECTRIC SERVICE REPRESENTATIVE")
    assert jc.source == "7521-senior-electric-service-representative.txt"
    assert jc.year is None
    assert [(r.number, r.required_level) for r in jc.requirements] == [
        (8, None), (13, 2), (20, 1), (28, None), (34, None), (45, None), (50, None), (53, None),
    ]  # fmt: skip
    for r in jc.requirements:
        assert r.competency is bank.competencies[r.number]
        assert r.prior_to_entry is None
    assert jc.requirements[2].level_text == bank.competencies[20].level(1)
    assert jc.requirements[0].level_text is None
    assert len(jc.requirement(20).areas) == 5  # type: ignore[union-attr]
    assert jc.requirement(20).areas[0].startswith("Knowledge of the department's electric")  # type: ignore[union-attr]
    assert jc.requirement(2) is None
    assert jc.competencies == tuple(r.competency for r in jc.requirements)


def test_classes_requiring(bank: compbank.Bank) -> None:
    assert [jc.code for jc in bank.classes_requiring(34)] == ["1230", "1336", "7521"]
    assert [jc.code for jc in bank.classes_requiring(32)] == ["1336", "7625"]
    assert [jc.code for jc in bank.classes_requiring(32, min_level=3)] == ["1336", "7625"]
    assert [jc.code for jc in bank.classes_requiring(22, min_level=2)] == ["1336"]
    assert bank.classes_requiring(22, min_level=3) == ()
    assert bank.classes_requiring(13, min_level=1) == (bank.classes["7521"],)  # 1230's is unknown
    assert bank.classes_requiring(999) == ()
    for jc in bank.classes_requiring(53):
        assert jc.requirement(53) is not None


def test_competency_lookup_by_number_name_and_variant(bank: compbank.Bank) -> None:
    assert bank.competency(3) is bank.competencies[3]
    assert bank.competency("3") is bank.competencies[3]
    assert bank.competency("Judgment & Decision Making") is bank.competencies[3]
    assert bank.competency("self management") is bank.competencies[7]
    assert bank.competency("RESPONSIVENESS AND FOLLOW UP") is bank.competencies[32]
    assert bank.competency("Supervision ery Knowledge") is None
    assert bank.competency(1) is None


def test_search_ranks_names_first(bank: compbank.Bank) -> None:
    assert bank.search("customer")[0] is bank.competencies[34]
    assert bank.search("Customer Service")[0] is bank.competencies[34]
    assert bank.search("budget")[0] is bank.competencies[30]  # definition beats indicators
    assert bank.search("writ")[0] is bank.competencies[47]  # words match by their beginning
    assert bank.search("oral communication")[0] is bank.competencies[45]
    assert bank.search("stress", limit=1) == (bank.competencies[13],)
    assert bank.search("") == ()
    assert bank.search("zzzz") == ()
    everything = bank.search("the")
    assert len(everything) == len(set(everything))


def test_compare_classes(bank: compbank.Bank) -> None:
    change = bank.compare("1230", "7521")
    assert change.from_class is bank.classes["1230"]
    assert [r.number for r in change.added] == [8, 28, 45, 50, 53]
    assert [r.number for r in change.dropped] == [2, 3, 4, 6, 22, 40]
    assert [c.number for c in change.unknown] == [13, 20, 34]
    assert (change.raised, change.lowered, change.same) == ((), (), ())
    same = bank.compare("1336", "7625")
    assert [c.number for c in same.same] == [32]
    with pytest.raises(KeyError):
        bank.compare("1230", "0000")


def test_compare_reports_raised_and_lowered_levels(data_copy: Path) -> None:
    path = data_copy / "classes" / "1336-utility-executive-secretary.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '"competency": 32,\n      "required_level": 3',
            '"competency": 32,\n      "required_level": 2',
        ),
        encoding="utf-8",
    )
    bank = compbank.load(data_copy)
    up = bank.compare("1336", "7625")
    assert up.raised == (compbank.LevelChange(bank.competencies[32], 2, 3),)
    down = bank.compare("7625", "1336")
    assert down.lowered == (compbank.LevelChange(bank.competencies[32], 3, 2),)


def test_models_are_deeply_immutable(bank: compbank.Bank) -> None:
    c = bank.competencies[28]
    jc = bank.classes["7625"]
    r = jc.requirements[0]
    note = jc.notes[0]
    for obj, attr in ((c, "name"), (jc, "title"), (r, "required_level"), (note, "found")):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, attr, "x")
    with pytest.raises(AttributeError):
        c.extra = 1  # type: ignore[attr-defined]
    for collection in (c.levels, c.behavioral_indicators, c.definition_items, c.notes,
                       jc.requirements, jc.notes, r.areas, c.sources):  # fmt: skip
        assert isinstance(collection, tuple)
    with pytest.raises(TypeError):
        bank.competencies[99] = c  # type: ignore[index]
    with pytest.raises(TypeError):
        del bank.classes["1230"]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        bank.data_version = "9"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        bank.competencies = {}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del bank.path


def test_lists_given_to_constructors_become_tuples() -> None:
    c = compbank.Competency(
        number=1, name="N", definition="D", levels=["a", "b", "c"],
        behavioral_indicators=["x"], satisfactory="s", superior="u", aliases=["M"],
    )  # fmt: skip
    assert c.levels == ("a", "b", "c")
    assert c.behavioral_indicators == ("x",)
    assert c.aliases == ("M",)
    with pytest.raises(ValueError, match="exactly three levels"):
        attrs.evolve(c, levels=["a", "b"])


def test_models_are_hashable_and_compare_by_value(bank: compbank.Bank, data_copy: Path) -> None:
    other = compbank.load(data_copy)
    assert bank.competencies[34] == other.competencies[34]
    assert hash(bank.classes["1230"]) == hash(other.classes["1230"])
    assert len({*bank.classes.values(), *other.classes.values()}) == 5
    assert len({r for jc in bank.classes.values() for r in jc.requirements}) > 30


def test_reprs_are_short_and_useful(bank: compbank.Bank) -> None:
    assert repr(bank.competencies[34]) == "Competency(34, 'Customer Service')"
    assert repr(bank.classes["1230"]) == (
        "JobClass('1230', 'CUSTOMER SERVICE REPRESENTATIVE', 9 requirements)"
    )
    assert repr(bank.classes["7521"].requirements[1]) == (
        "Requirement(13, 'Stress Tolerance', required_level=2)"
    )
    assert repr(bank).startswith("<Bank 1.0.0: 26 competencies, 5 classes from ")


def test_problem_and_data_error() -> None:
    p = compbank.Problem("missing-key", "data/classes/x.json", "$", "'title' is missing")
    assert str(p) == "data/classes/x.json::$: [missing-key] 'title' is missing"
    assert p.to_dict() == {
        "code": "missing-key", "file": "data/classes/x.json", "path": "$",
        "message": "'title' is missing",
    }  # fmt: skip
    error = compbank.DataError([p] * 12)
    assert error.problems == (p,) * 12
    assert str(error).startswith("12 problems in the data:")
    assert "... and 2 more" in str(error)
