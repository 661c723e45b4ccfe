"""The fixture corpus: positive and negative cases built on one minimal valid data set.

``tests/fixtures/positive/minimal/`` is a small, valid data directory. Every other case is
that directory with a few changes: the files under ``<kind>/<case>/`` are laid over a copy of
it (adding or replacing files), the paths listed under ``"remove"`` in ``<kind>/expected.json``
are deleted, and a case marked ``"generate"`` gets files that are made at test time rather than
committed (an oversized file, symbolic links, a named pipe). See docs/explanation/testing.md.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from compbank._read import MAX_FILE_BYTES

if TYPE_CHECKING:
    from collections.abc import Callable

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "positive" / "minimal"
CLASS_FILE = "classes/1230-customer-service-representative.json"


def manifest(kind: str) -> dict[str, dict[str, Any]]:
    """The cases of *kind* (``"positive"`` or ``"negative"``) and what each expects."""
    cases: dict[str, dict[str, Any]] = json.loads(
        (FIXTURES / kind / "expected.json").read_text(encoding="utf-8")
    )
    return cases


def _symlink(link: Path, target: Path | str) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links cannot be made here")


def _deep_nesting(root: Path) -> None:
    depth = 100_000
    (root / CLASS_FILE).write_bytes(b"[" * depth + b"]" * depth)


def _oversized(root: Path) -> None:
    path = root / CLASS_FILE
    text = path.read_text(encoding="utf-8")
    # still valid JSON: the size alone must be the reason it is refused
    path.write_text(text + " " * MAX_FILE_BYTES, encoding="utf-8")


def _symlink_outside(root: Path) -> None:
    outside = root.parent / "outside.json"
    shutil.copyfile(root / CLASS_FILE, outside)
    _symlink(root / "classes" / "9999-elsewhere.json", outside)


def _folder_outside(root: Path) -> None:
    outside = root.parent / "elsewhere"
    (root / "classes").rename(outside)
    _symlink(root / "classes", outside)


def _release_outside(root: Path) -> None:
    outside = root.parent / "release.json"
    (root / "release.json").rename(outside)
    _symlink(root / "release.json", outside)


def _symlink_loop(root: Path) -> None:
    _symlink(root / "classes" / "9999-loop.json", "9999-loop.json")


def _symlink_dangling(root: Path) -> None:
    _symlink(root / "classes" / "9999-gone.json", "9999-missing.json")


def _symlink_inside(root: Path) -> None:
    (root / "archive").mkdir()
    (root / CLASS_FILE).rename(root / "archive" / "1230.json")
    _symlink(root / CLASS_FILE, Path("..", "archive", "1230.json"))


def _fifo(root: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes cannot be made here")
    os.mkfifo(root / "classes" / "9999-pipe.json")


GENERATORS = {
    "deep-nesting": _deep_nesting,
    "oversized": _oversized,
    "symlink-outside": _symlink_outside,
    "folder-outside": _folder_outside,
    "release-outside": _release_outside,
    "symlink-loop": _symlink_loop,
    "symlink-dangling": _symlink_dangling,
    "symlink-inside": _symlink_inside,
    "fifo": _fifo,
}


def build(kind: str, case: str, entry: dict[str, Any], where: Path) -> Path:
    """Make the data directory of *case* as ``where/data``; return it."""
    root = where / "data"
    shutil.copytree(MINIMAL, root)
    for rel in entry.get("remove", ()):
        target = root / rel
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    overlay = FIXTURES / kind / case
    if overlay != MINIMAL and overlay.is_dir():
        shutil.copytree(overlay, root, dirs_exist_ok=True)
    if "generate" in entry:
        GENERATORS[entry["generate"]](root)
    return root


# ---- the stray-character corpus ----------------------------------------------------------
# Texts broken by each kind of character that may not stand in them, in each kind of text.
# Made at test time from minimal/ (with an alias, a definition item and a class note added, so
# that every kind of text is there), for every check of the text rule alike.


def _inside(text: str, insert: str) -> str:
    """*text* with *insert* put inside a word near its middle."""
    i = max(1, len(text) // 2)
    while i < len(text) - 1 and " " in text[i - 1 : i + 1]:
        i += 1
    return text[:i] + insert + text[i:]


#: Each way a text can break the text rule, and how it breaks a valid text.
STRAYS: dict[str, Callable[[str], str]] = {
    "empty": lambda _: "",
    "leading-space": lambda t: " " + t,
    "trailing-space": lambda t: t + " ",
    "doubled-space": lambda t: _inside(t, "  "),
    "trailing-line-break": lambda t: t + "\n",
    "line-break": lambda t: _inside(t, "\n"),
    "carriage-return": lambda t: _inside(t, "\r\n"),
    "tab": lambda t: _inside(t, "\t"),
    "no-break-space": lambda t: _inside(t, "\xa0"),
    "ideographic-space": lambda t: _inside(t, "\u3000"),
    "byte-order-mark": lambda t: "\ufeff" + t,
    "zero-width-space": lambda t: _inside(t, "\u200b"),
    "soft-hyphen": lambda t: _inside(t, "\xad"),
    "direction-mark": lambda t: _inside(t, "\u200e"),
    "bell": lambda t: t + "\x07",
    "next-line": lambda t: _inside(t, "\x85"),
    "line-separator": lambda t: _inside(t, "\u2028"),
    "paragraph-separator": lambda t: _inside(t, "\u2029"),
    "tag-character": lambda t: t + "\U000e0001",
    "decomposed-accent": lambda t: _inside(t, "e\u0301"),
    "angstrom-sign": lambda t: _inside(t, "\u212b"),
    # a note's found keeps its source's line breaks, but not spaces beside them
    "space-before-line-break": lambda t: _inside(t, " \n"),
    "space-after-line-break": lambda t: _inside(t, "\n "),
    "leading-line-break": lambda t: "\n" + t,
}
#: What a note's ``found`` may hold, where other texts may not.
FOUND_ALLOWS = frozenset({"trailing-line-break", "line-break"})

_BANK_2 = "competency_bank/002-mathematics.json"
_BANK_22 = "competency_bank/022-computer-proficiency.json"
_BANK_34 = "competency_bank/034-customer-service.json"
#: Each kind of text: the file and the steps to it in the data set `stray_case` makes.
TEXT_PLACES: dict[str, tuple[str, tuple[str | int, ...]]] = {
    "name": (_BANK_2, ("name",)),
    "alias": (_BANK_2, ("aliases", 0)),
    "definition": (_BANK_2, ("definition",)),
    "definition item": (_BANK_2, ("definition_items", 0)),
    "level": (_BANK_2, ("levels", "2")),
    "behavioral indicator": (_BANK_34, ("behavioral_indicators", 1)),
    "satisfactory": (_BANK_34, ("satisfactory",)),
    "superior": (_BANK_34, ("superior",)),
    "note action": (_BANK_22, ("notes", 0, "action")),
    "title": (CLASS_FILE, ("title",)),
    "area": (CLASS_FILE, ("requirements", 2, "areas", 1)),
    "note found": (CLASS_FILE, ("notes", 0, "found")),
}


def json_path(steps: tuple[str | int, ...]) -> str:
    """The JSON path of *steps*, as problems give it (``$.levels['2']``)."""
    return "$" + "".join(
        f"[{s}]" if isinstance(s, int) else f".{s}" if s.isidentifier() else f"['{s}']"
        for s in steps
    )


def _every_kind_of_text(root: Path) -> None:
    """Give minimal/ the kinds of text it lacks: an alias, a definition item, a class note."""
    bank = root / _BANK_2
    document = json.loads(bank.read_text(encoding="utf-8"))
    document["aliases"] = ["Arithmetic"]
    document["definition_items"] = ["Computations with numbers"]
    bank.write_text(json.dumps(document, indent=2), encoding="utf-8")
    cls = root / CLASS_FILE
    document = json.loads(cls.read_text(encoding="utf-8"))
    document["notes"] = [
        {
            "kind": "emphasis-lost",
            "source": "1230-customer-service-representative.txt",
            "path": "$.requirements[0].required_level",
            "found": "the level of the competency required for the class\n(*italicized*)\n",
            "action": "Kept the required level unknown (null).",
        }
    ]
    cls.write_text(json.dumps(document, indent=2), encoding="utf-8")


def stray_case(
    stray: str, where: Path, *, escaped: bool = False
) -> tuple[Path, set[tuple[str, str, str]]]:
    """A data directory ``where/data`` with every kind of text broken by *stray*.

    Returns it and the problems expected, as (code, file, path). With *escaped*, files are
    written in ASCII with ``\\u`` escapes, as some editors and tools write them.
    """
    root = where / "data"
    shutil.copytree(MINIMAL, root)
    _every_kind_of_text(root)
    expected: set[tuple[str, str, str]] = set()
    for place, (file, steps) in TEXT_PLACES.items():
        path = root / file
        document = json.loads(path.read_text(encoding="utf-8"))
        parent = document
        for step in steps[:-1]:
            parent = parent[step]
        # in curly quotes, as some of the data's texts are: a text outside ASCII is read by
        # compbank's own check as well as by the schema's pattern
        parent[steps[-1]] = STRAYS[stray](f"“{parent[steps[-1]]}”")
        path.write_text(json.dumps(document, indent=2, ensure_ascii=escaped), encoding="utf-8")
        if not (place == "note found" and stray in FOUND_ALLOWS):
            expected.add(("bad-text", str(path), json_path(steps)))
    return root, expected
