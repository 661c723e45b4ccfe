"""The shape of `compbank.diff`: one module per step, one word diff, one class per name."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import compbank
import compbank.diff
from compbank.diff import LevelEdit, diff_dirs, word_diff
from compbank.importer.compare import diff_segments
from conftest import REPO, read_json, write_json

SRC = REPO / "src" / "compbank"

#: Every public name `compbank.diff` had as one module, but the renamed LevelChange.
PUBLIC = {
    "MARKER",
    "WARNINGS",
    "AreaChange",
    "DataDiff",
    "DiffWarning",
    "FieldChange",
    "FileChange",
    "RecordDiff",
    "RecordKind",
    "RequirementEntry",
    "RevisionError",
    "Status",
    "WordOp",
    "diff_dirs",
    "git_revision",
    "to_dict",
    "to_markdown",
    "word_diff",
}


def _defined(kind: type[ast.FunctionDef | ast.ClassDef], name: str) -> list[str]:
    """The source files (from ``src/compbank``) defining a function or class called *name*."""
    return sorted(
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, kind) and node.name == name
    )


def test_one_word_diff_and_one_level_change_class_in_the_package() -> None:
    assert _defined(ast.FunctionDef, "word_diff") == ["diff/words.py"]
    assert _defined(ast.ClassDef, "LevelChange") == ["models.py"]


def test_no_module_of_the_diff_is_over_350_lines() -> None:
    sizes = {
        p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (SRC / "diff").glob("*.py")
    }
    assert len(sizes) >= 5  # a package of steps, not one module moved into a folder
    assert {name: n for name, n in sizes.items() if n > 350} == {}


def test_every_public_name_is_still_importable_from_compbank_diff() -> None:
    missing = [name for name in PUBLIC if not hasattr(compbank.diff, name)]
    assert missing == []
    assert PUBLIC | {"LevelEdit"} == set(compbank.diff.__all__)


def test_the_old_level_change_name_warns_and_is_level_edit() -> None:
    with pytest.warns(DeprecationWarning, match=r"compbank\.diff\.LevelEdit"):
        from compbank.diff import LevelChange  # noqa: PLC0415
    assert LevelChange is LevelEdit
    # not bound in the module: every use goes through the warning
    assert "LevelChange" not in vars(compbank.diff)
    with pytest.warns(DeprecationWarning, match="deprecated"):
        assert compbank.diff.LevelChange(13, "Stress Tolerance", 2, 3).direction == "raised"
    with pytest.raises(AttributeError, match="no attribute 'LevelChang'"):
        _ = compbank.diff.LevelChang


def test_a_star_import_does_not_warn() -> None:
    namespace: dict[str, object] = {}
    exec("from compbank.diff import *", namespace)  # noqa: S102 (a fixed statement)
    assert "LevelEdit" in namespace
    assert "LevelChange" not in namespace


def test_a_raised_level_is_a_level_edit(data_copy: Path) -> None:
    path = data_copy / "classes" / "7521-senior-electric-service-representative.json"
    record = read_json(path)
    stress = next(r for r in record["requirements"] if r["competency"] == 13)
    stress["required_level"] = 3
    write_json(path, record)
    (record_diff,) = diff_dirs(REPO / "data", data_copy).records
    assert record_diff.levels == (LevelEdit(13, "Stress Tolerance", 2, 3),)


# --- the one word diff, in both of its uses ---------------------------------------------------

# words, punctuation stuck to them or alone, and runs of spaces
_texts = st.lists(
    st.sampled_from(["serves", "customers", "well", "manuals/", "programs", ",", ".", "it's"])
    | st.sampled_from([" ", "  ", "\n"]),
    max_size=12,
).map("".join)


def _sides(ops: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    return "".join(t for op, t in ops if op != "+"), "".join(t for op, t in ops if op != "-")


@given(_texts, _texts, st.booleans())
def test_word_diff_gives_back_both_texts(old: str, new: str, whole_words: bool) -> None:
    ops = word_diff(old, new, whole_words=whole_words)
    assert _sides(ops) == (old, new)
    assert all(text for _, text in ops)
    assert all(a[0] != b[0] for a, b in itertools.pairwise(ops) if "=" in (a[0], b[0]))


def _cuts(ops: tuple[tuple[str, str], ...], side: str) -> list[int]:
    """Where in the *side* (``"-"`` old, ``"+"`` new) text one step of *ops* ends."""
    ends, at = [], 0
    for op, text in ops:
        if op in ("=", side):
            at += len(text)
            ends.append(at)
    return ends


@given(_texts, _texts)
def test_whole_words_never_cut_a_word(old: str, new: str) -> None:
    ops = word_diff(old, new, whole_words=True)
    for side, text in (("-", old), ("+", new)):
        inside_a_word = [
            at
            for at in _cuts(ops, side)
            if 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace()
        ]
        assert inside_a_word == []


def test_whole_words_show_a_word_with_its_punctuation() -> None:
    assert word_diff("manuals/programs and", "manuals/ programs and", whole_words=True) == (
        ("-", "manuals/programs"),
        ("+", "manuals/ programs"),
        ("=", " and"),
    )
    assert word_diff("manuals/programs and", "manuals/ programs and") == (
        ("=", "manuals/"),
        ("+", " "),
        ("=", "programs and"),
    )


_normalized = _texts.map(lambda t: " ".join(t.split()))


@given(_normalized, _normalized)
def test_the_importers_segments_are_the_word_diff_on_whole_words(bank: str, doc: str) -> None:
    segments = diff_segments(bank, doc)
    names = {"=": "same", "-": "bank", "+": "document"}
    assert [(s.op, s.text) for s in segments] == [
        (names[op], text.strip()) for op, text in word_diff(bank, doc, whole_words=True)
    ]
    # whole runs of words: joined by single spaces they give back each side
    assert " ".join(s.text for s in segments if s.op != "document") == bank
    assert " ".join(s.text for s in segments if s.op != "bank") == doc
    assert all(s.text and s.text == s.text.strip() for s in segments)
