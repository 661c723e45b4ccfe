"""Importing a published competency-model document: its class file, new bank files, drift.

>>> from pathlib import Path
>>> from compbank.importer import import_document
>>> result = import_document(Path("data/sources/7625-director-of-communications-services.txt"),
...                          "data")
>>> result.class_file, [c.status for c in result.comparisons][:3]
('classes/7625-director-of-communications-services.json', ['identical', 'identical', 'identical'])
>>> sorted({f.kind for f in result.drift})
['garbled-name', 'recorded-note', 'text-differs']

The steps, one module each: `parse` reads the text into records, `compare` compares them with
the bank and builds the records to write, `report` formats a result for people. Nothing is
written by `import_document`; `write_import` writes what it planned, in canonical form.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from compbank import canonical
from compbank._checks import class_file_name
from compbank.importer.compare import (
    DRIFT,
    FINDINGS,
    CompetencyComparison,
    FieldDiff,
    Finding,
    PlannedFile,
    Segment,
    build,
)
from compbank.importer.parse import parse_document
from compbank.problems import DataError, Problem

if TYPE_CHECKING:
    from compbank._bank import Bank

__all__ = [
    "DRIFT",
    "FINDINGS",
    "CompetencyComparison",
    "FieldDiff",
    "Finding",
    "ImportResult",
    "PlannedFile",
    "Segment",
    "import_document",
    "write_import",
]


@attrs.frozen
class ImportResult:
    """What importing one document found and would write.

    Attributes:
        document: The document's name (its path, or ``"<text>"``).
        code: The class code.
        title: The class title, as printed.
        year: The model's year where the document gives one.
        source: The file name the document is kept under in ``data/sources/``.
        class_file: The class file, relative to the data directory.
        wrapped: Whether the document was read as hard-wrapped plain text.
        comparisons: Every competency the document describes, compared with the bank.
        findings: Everything found about the document (kinds in `FINDINGS`).
        files: The files to write, and those left as they are.
        data_dir: The data directory compared with.
    """

    document: str
    code: str
    title: str
    year: int | None
    source: str
    class_file: str
    wrapped: bool
    comparisons: tuple[CompetencyComparison, ...]
    findings: tuple[Finding, ...]
    files: tuple[PlannedFile, ...]
    data_dir: Path

    @property
    def drift(self) -> tuple[Finding, ...]:
        """The findings where the document departs from the bank (kinds in `DRIFT`)."""
        return tuple(f for f in self.findings if f.kind in DRIFT)

    def class_document(self) -> dict[str, Any]:
        """The class file's content, as it would be written."""
        planned = next(f for f in self.files if f.file == self.class_file)
        document: dict[str, Any] = json.loads(planned.content)
        return document

    def bank_documents(self) -> dict[str, dict[str, Any]]:
        """The new bank files' contents, by file (relative to the data directory)."""
        return {
            f.file: json.loads(f.content)
            for f in self.files
            if f.file.startswith("competency_bank/")
        }

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready mapping (what ``--format json`` prints)."""
        return {
            "document": self.document,
            "code": self.code,
            "title": self.title,
            "year": self.year,
            "source": self.source,
            "class_file": self.class_file,
            "data_dir": str(self.data_dir),
            "wrapped": self.wrapped,
            "competencies": [c.to_dict() for c in self.comparisons],
            "findings": [f.to_dict() for f in self.findings],
            "files": [{"file": f.file, "action": f.action} for f in self.files],
            "class_document": self.class_document(),
            "new_competencies": self.bank_documents(),
        }


def _read_document(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError(
            [Problem("not-utf8", str(path), f"line {line}", f"not valid UTF-8: {e.reason}")]
        ) from None


def _bank(data: Bank | str | Path | None) -> Bank:
    from compbank._bank import Bank  # noqa: PLC0415 (loading is imported on first use)
    from compbank._load import load  # noqa: PLC0415

    if isinstance(data, Bank):
        return data
    return load(data)


def _plan_file(root: Path, file: str, content: str, *, replace: bool) -> PlannedFile:
    path = root / file
    if not path.exists():
        return PlannedFile(file, "create", content)
    if path.read_bytes() == content.encode("utf-8"):
        return PlannedFile(file, "unchanged", content)
    return PlannedFile(file, "replace" if replace else "kept", content)


def _class_plan(root: Path, file: str, document: dict[str, Any]) -> PlannedFile:
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
    return _plan_file(root, file, canonical.dumps(document, "job-class"), replace=True)


def import_document(
    document: str | Path,
    data: Bank | str | Path | None = None,
    *,
    code: str | None = None,
) -> ImportResult:
    """Read a competency-model document and compare it with the bank; write nothing.

    Args:
        document: The document: a `Path` to read (UTF-8), or its text as a `str`.
        data: The bank to compare with: a `Bank`, or a data directory to load (the packaged
            data if None).
        code: The class code, for documents that do not give one (it must agree with one
            that is given).

    Returns:
        The `ImportResult`: the class file and new bank files it would write, how each
        competency compares with the bank, and every finding.

    Raises:
        DataError: the document cannot be read into a model (each problem names its line),
            or the data directory is invalid.
        OSError: the document cannot be read.
    """
    if isinstance(document, Path):
        name, text = str(document), _read_document(document)
    else:
        name, text = "<text>", document
    bank = _bank(data)
    parsed, problems = parse_document(text, name, code=code)
    if parsed is None or problems:
        raise DataError(problems)
    class_doc, new_docs, comparisons, findings = build(parsed, bank, name)
    root = bank.path
    class_file = f"classes/{class_file_name(class_doc['code'], class_doc['title'])}"
    files = [_class_plan(root, class_file, class_doc)]
    old = _other_class_file(root, class_doc["code"], class_file)
    if old is not None and files[0].action == "create":
        files[0] = PlannedFile(class_file, "replace", files[0].content)
    for c in comparisons:
        if c.status == "new":
            doc = next(d for d in new_docs if d["number"] == c.number)
            files.append(PlannedFile(c.record, "create", canonical.dumps(doc, "competency")))
    source = class_doc["source"]
    files.append(_plan_file(root, f"sources/{source}", text, replace=False))
    return ImportResult(
        document=name,
        code=class_doc["code"],
        title=class_doc["title"],
        year=class_doc["year"],
        source=source,
        class_file=class_file,
        wrapped=parsed.wrapped,
        comparisons=tuple(comparisons),
        findings=tuple(findings),
        files=tuple(files),
        data_dir=root,
    )


def _other_class_file(root: Path, code: str, file: str) -> str | None:
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

    root = result.data_dir
    installed = packaged_root()
    if installed.name == "_packaged" and root.resolve().is_relative_to(installed.resolve()):
        raise PermissionError(
            f"{root} is the data installed with compbank; import into a checkout's data/"
        )
    old = _other_class_file(root, result.code, result.class_file)
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
    if problems:
        raise DataError(
            attrs.evolve(p, file=p.file.replace(str(trial), str(root), 1)) for p in problems
        )
    _apply(root, writes, old)
    return tuple(writes)


def _apply(root: Path, writes: list[PlannedFile], old: str | None) -> None:
    for f in writes:
        path = root / f.file
        path.parent.mkdir(parents=True, exist_ok=True)
        canonical.write_atomic(path, f.content)
    if old is not None and any(f.file.startswith("classes/") for f in writes):
        (root / old).unlink()
