"""The fixture corpus: positive and negative cases built on one minimal valid data set.

``tests/fixtures/positive/minimal/`` is a small, valid data directory. Every other case is
that directory with a few changes: the files under ``<kind>/<case>/`` are laid over a copy of
it (adding or replacing files), the paths listed under ``"remove"`` in ``<kind>/expected.json``
are deleted, and a case marked ``"generate"`` gets files that are made at test time rather than
committed (an oversized file, symbolic links, a named pipe). See README.md, "Testing".
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from compbank._read import MAX_FILE_BYTES

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
