"""The files an import plans, and writing them: `write_import`.

`plan_file` and `class_plan` say what each file to write would do to the data directory
(create, replace, leave unchanged, or keep an existing one), `add_pages` gives a PDF's
requirements the pages they were read from, and `write_import` writes what was planned,
each file atomically, once the data directory as it would be passes `compbank.check`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from compbank import _atomic, canonical
from compbank.importer.compare import PlannedFile
from compbank.problems import DataError

if TYPE_CHECKING:
    from compbank.importer.evidence import Evidence
    from compbank.importer.result import ImportResult

__all__ = ["add_pages", "class_plan", "other_class_file", "plan_file", "write_import"]


def plan_file(root: Path, file: str, content: str | bytes, *, replace: bool) -> PlannedFile:
    """What writing *content* to *file* would do: create, leave unchanged, replace or keep it."""
    path = root / file
    if not path.exists():
        return PlannedFile(file, "create", content)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.read_bytes() == data:
        return PlannedFile(file, "unchanged", content)
    return PlannedFile(file, "replace" if replace else "kept", content)


def class_plan(root: Path, file: str, document: dict[str, Any]) -> PlannedFile:
    """The class file to write; its record_version goes up by one when its content changes."""
    path = root / file
    if path.is_file():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
            document = {**document, "record_version": old["record_version"]}
            if canonical.dumps(document, "job-class") != path.read_text(encoding="utf-8"):
                document["record_version"] = old["record_version"] + 1
        except (ValueError, KeyError, TypeError):  # unreadable: replaced, version 1
            pass
    return plan_file(root, file, canonical.dumps(document, "job-class"), replace=True)


def add_pages(class_doc: dict[str, Any], evidence: Evidence) -> None:
    """Give each requirement of *class_doc* the page it was read from (a newer schema)."""
    pages = evidence.pages()
    for r in class_doc["requirements"]:
        if r["competency"] in pages:
            r["page"] = pages[r["competency"]]
    if any("page" in r for r in class_doc["requirements"]):
        class_doc["schema_version"] = 2


def other_class_file(root: Path, code: str, file: str) -> str | None:
    """An existing class file for *code* under another name (the title changed), if any."""
    folder = root / "classes"
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob(f"{code}-*.json")):
        relative = f"classes/{path.name}"
        if relative != file:
            return relative
    return None


def write_import(result: ImportResult, *, force: bool = False) -> tuple[PlannedFile, ...]:
    """Write what *result* planned into its data directory; return the files written.

    New bank files and a missing source document are written; bank files that exist are
    never touched, nor is a source document that exists. An existing class file with other
    content is replaced only with *force* (its ``record_version`` goes up by one). Files
    are written in canonical form, each atomically, and only after the whole data directory
    as it would be has passed `compbank.check`, so that nothing is half-written.

    Raises:
        FileExistsError: the class file exists with other content and *force* is false.
        DataError: the data as written would not pass `compbank.check`; nothing is written.
        PermissionError: the data directory is the one installed with the package, which
            is read-only by intent; import into a checkout's ``data/`` instead.
    """
    from compbank._load import check  # noqa: PLC0415
    from compbank._paths import packaged_root  # noqa: PLC0415

    if result.problems or not result.class_file:  # a partial reading is never written
        raise DataError(result.problems)
    root = result.data_dir
    installed = packaged_root()
    if installed.name == "_packaged" and root.resolve().is_relative_to(installed.resolve()):
        raise PermissionError(
            f"{root} is the data installed with compbank; import into a checkout's data/"
        )
    old = other_class_file(root, result.code, result.class_file)
    replacing = [f for f in result.files if f.action == "replace"]
    if replacing and not force:
        exists = old or replacing[0].file
        raise FileExistsError(
            f"{root / exists} exists with other content; use force (--force) to replace it"
        )
    writes = [f for f in result.files if f.action in ("create", "replace")]
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(root, trial, symlinks=True)
        _apply(trial, writes, old)
        problems = check(trial)
    if problems:  # named in the data directory, not in the trial copy (gone by now)
        raise DataError(
            attrs.evolve(
                p,
                file=p.file.replace(str(trial), str(root), 1),
                message=p.message.replace(str(trial), str(root)),
            )
            for p in problems
        )
    with _atomic.interrupts_held():  # the class file and its new bank files, or none
        _apply(root, writes, old)
    return tuple(writes)


def _apply(root: Path, writes: list[PlannedFile], old: str | None) -> None:
    for f in writes:
        path = root / f.file
        path.parent.mkdir(parents=True, exist_ok=True)
        canonical.write_atomic(path, f.content)
    if old is not None and any(f.file.startswith("classes/") for f in writes):
        (root / old).unlink()
