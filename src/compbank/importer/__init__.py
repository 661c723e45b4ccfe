"""Importing a published competency-model document: its class file, new bank files, drift.

>>> from pathlib import Path
>>> from compbank.importer import import_document
>>> result = import_document(Path("data/sources/7625-director-of-communications-services.txt"),
...                          "data")
>>> result.class_file, [c.status for c in result.comparisons][:3]
('classes/7625-director-of-communications-services.json', ['identical', 'identical', 'identical'])
>>> sorted({f.kind for f in result.drift})
['garbled-name', 'recorded-note', 'text-differs']

The steps, one module each, each passing its result to the next:

1. a reader turns the document's form into blocks (paragraphs and list items, with their
   emphasis and the page and line they came from), recognised by its content: `read_text`
   for the sources' form and wrapped plain text (its own steps: `text_margins`,
   `text_columns`, `text_headings`, `text_labels`, `text_pieces`, `text_runs`,
   `text_spread`),
   `read_pages` for the one-line-per-page transcription, `read_pdf` for PDF files (its
   own steps: `pdf_words`, `pdf_fonts`, `pdf_rules`, `pdf_boxes`, `pdf_margins`,
   `pdf_columns`, `pdf_blocks`);
2. `parse` reads the blocks into records (`document`): `header` finds the title block,
   `listing` reads the list, `headings` tells the competencies' headings and `sections`
   cuts each description into its parts; `levels` reads the required levels' emphasis;
3. `compare` compares the records with the bank and builds the records to write:
   `listing_check` checks the list against the body (and `names_check` their names
   against the bank's), `texts_compare` compares each competency's texts with the bank's,
   `required_levels` reads each requirement's level and `notes` writes the class record's
   notes; their records are in `findings`;
4. `evidence` finds where in the PDF each level was read, and `report` formats a result
   for people.

Nothing is written by `import_document`; `write_import` writes what it planned, in
canonical form. A new form of document is one new reader: nothing after the blocks asks
which form it read.

A document that cannot be read in full still gives what was read: `IncompleteImportError`
carries the partial `ImportResult` (its header, its list, every competency read in full)
with a problem for each part that was not.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from compbank import _atomic, canonical
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
from compbank.importer.evidence import Evidence, collect
from compbank.importer.parse import Document, ends_sentence, read_document
from compbank.importer.patterns import BULLET, LEVEL, LONE_NUMBER, normalize
from compbank.importer.read_pages import is_pages, read_pages
from compbank.importer.read_pdf import PdfError, is_pdf, read_pdf
from compbank.importer.read_text import read_text
from compbank.problems import DataError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from compbank._bank import Bank
    from compbank.importer.blocks import Reading

__all__ = [
    "DRIFT",
    "FINDINGS",
    "CompetencyComparison",
    "Evidence",
    "FieldDiff",
    "Finding",
    "ImportResult",
    "IncompleteImportError",
    "ListedCompetency",
    "PlannedFile",
    "Segment",
    "import_document",
    "read",
    "write_import",
]


@attrs.frozen
class ListedCompetency:
    """One entry of the document's list of competencies, matched to the bank.

    Attributes:
        number: Its number.
        name: The name as printed.
        bank_name: The bank's name for that number, or None where it is new to the bank.
        prior_to_entry: Whether it is marked as needed prior to job entry (None: unknown).
        line: Where it is listed (``"line 12"``, ``"page 1 line 12"``).
    """

    number: int
    name: str
    bank_name: str | None
    prior_to_entry: bool | None
    line: str

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON-ready mapping."""
        return {**attrs.asdict(self), "status": "in bank" if self.bank_name else "new"}


@attrs.frozen
class ImportResult:
    """What importing one document found and would write.

    Attributes:
        document: The document's name (its path, or ``"<text>"``).
        code: The class code ("" in a partial result whose document gives none).
        title: The class title, as printed.
        year: The model's year where the document gives one.
        source: The file name the document is kept under in ``data/sources/``.
        class_file: The class file, relative to the data directory ("" where no code).
        comparisons: Every competency the document describes, compared with the bank.
        findings: Everything found about the document (kinds in `FINDINGS`).
        files: The files to write, and those left as they are.
        data_dir: The data directory compared with.
        form: The form it was read in: ``"sources"``, ``"wrapped"``, ``"pages"``, ``"pdf"``.
        listed: The document's list of competencies, each matched to the bank.
        announced: How the document says it marks the required level, as printed.
        problems: Each part that could not be read (empty where all was); a result with
            problems is partial, and is never written.
        where: Where each finding's line is (``"page 2 line 7"`` in a PDF), by line.
        evidence: Where each requirement's level and each finding stand in the document
            (`compbank.importer.evidence`), for the review; None where there is no class.
    """

    document: str
    code: str
    title: str
    year: int | None
    source: str
    class_file: str
    comparisons: tuple[CompetencyComparison, ...]
    findings: tuple[Finding, ...]
    files: tuple[PlannedFile, ...]
    data_dir: Path
    form: str = "sources"
    listed: tuple[ListedCompetency, ...] = ()
    announced: str | None = None
    problems: tuple[Problem, ...] = ()
    where: dict[int, str] = attrs.field(factory=dict, eq=False, repr=False)
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False)

    def locate(self, line: int | None) -> str | None:
        """Where document line *line* is: ``"line 12"``, or ``"page 3 line 12"`` in a PDF."""
        if not line:
            return None
        return self.where.get(line, f"line {line}")

    @property
    def wrapped(self) -> bool:
        """Whether lines were joined into paragraphs (any form but the sources')."""
        return self.form != "sources"

    @property
    def complete(self) -> bool:
        """Whether every part of the document was read."""
        return not self.problems

    @property
    def levels_known(self) -> int:
        """How many requirements have a known required level."""
        if not self.class_file:
            return 0
        return sum(r["required_level"] is not None for r in self.class_document()["requirements"])

    @property
    def drift(self) -> tuple[Finding, ...]:
        """The findings where the document departs from the bank (kinds in `DRIFT`)."""
        return tuple(f for f in self.findings if f.kind in DRIFT)

    def class_document(self) -> dict[str, Any]:
        """The class file's content, as it would be written.

        Empty for a partial result that has no class code.
        """
        planned = next((f for f in self.files if f.file == self.class_file), None)
        if planned is None:
            return {}
        document: dict[str, Any] = json.loads(planned.content)
        return document

    def bank_documents(self) -> dict[str, dict[str, Any]]:
        """The new bank files' contents, by file (relative to the data directory)."""
        return {
            f.file: json.loads(f.content)
            for f in self.files
            if f.file.startswith("competency_bank/") and isinstance(f.content, str)
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
            "form": self.form,
            "complete": self.complete,
            "announced": self.announced,
            "listed": [e.to_dict() for e in self.listed],
            "competencies": [c.to_dict() for c in self.comparisons],
            "findings": [{**f.to_dict(), "where": self.locate(f.line)} for f in self.findings],
            "problems": [p.to_dict() for p in self.problems],
            "files": [{"file": f.file, "action": f.action} for f in self.files],
            "class_document": self.class_document(),
            "new_competencies": self.bank_documents(),
        }


class IncompleteImportError(DataError):
    """A document read only in part: its problems, and the partial `ImportResult`."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__(result.problems)
        self.result = result


def _decode(raw: bytes, name: str) -> str:
    """*raw* as UTF-8 text (its newlines and byte-order mark are `read`'s to normalise).

    A copy cut short may end inside a character (a web page's text cut at any byte): that
    last character is dropped, and the copy read as far as it goes; any other byte that is
    not UTF-8 refuses the file.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.end == len(raw) and e.reason == "unexpected end of data":
            return raw[: e.start].decode("utf-8")
        line = raw[: e.start].count(b"\n") + 1
        raise DataError(
            [Problem("not-utf8", name, f"line {line}", f"not valid UTF-8: {e.reason}")]
        ) from None


def read(
    document: str | Path | bytes, name: str = "<text>", bank: Bank | None = None
) -> tuple[Reading, str | bytes]:
    """Read a document in any form into blocks; also the content to keep as its source.

    *document* is a `Path` to read, the document's bytes, or its text. A PDF is recognised
    by its content (``%PDF-``), not its name. Where a text copy's pieces of justified lines
    allow several readings, each as good, the one whose lines *bank*'s texts hold is taken
    (see `compbank.importer.text_runs.rejoin_columns`).

    Raises:
        DataError: the document cannot be read at all (not UTF-8, empty, a bad PDF).
        OSError: the file cannot be read.
    """
    if isinstance(document, Path):
        document = document.read_bytes()
    if isinstance(document, bytes):
        if is_pdf(document):
            try:
                return read_pdf(document, name), document
            except PdfError as e:
                raise DataError([e.problem]) from None
        document = _decode(document, name)
    text = document.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if not text.strip():
        raise DataError([Problem("empty-file", name, "$", "the document is empty")])
    if is_pages(text):
        return read_pages(text), text
    return read_text(text, None if bank is None else _holds(bank)), text


def _holds(bank: Bank) -> Callable[[str], bool]:
    """Whether a line of text (a list marker or ``Level N:`` before it) is in *bank*'s texts."""
    held = "\n".join(
        normalize(text)
        for c in bank.competencies.values()
        for text in (
            c.definition,
            *c.definition_items,
            *c.levels,
            *c.behavioral_indicators,
            c.satisfactory,
            c.superior,
        )
    )

    def holds(line: str) -> bool:
        text = normalize(line)
        level = LEVEL.match(text)
        text = level["rest"] if level else BULLET.sub("", text, count=1)
        return bool(text) and text in held

    return holds


def _bank(data: Bank | str | Path | None) -> Bank:
    from compbank._bank import Bank  # noqa: PLC0415 (loading is imported on first use)
    from compbank._load import load  # noqa: PLC0415

    if isinstance(data, Bank):
        return data
    return load(data)


def _plan_file(root: Path, file: str, content: str | bytes, *, replace: bool) -> PlannedFile:
    path = root / file
    if not path.exists():
        return PlannedFile(file, "create", content)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.read_bytes() == data:
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
    document: str | Path | bytes,
    data: Bank | str | Path | None = None,
    *,
    code: str | None = None,
) -> ImportResult:
    """Read a competency-model document and compare it with the bank; write nothing.

    Args:
        document: The document: a `Path` to read or its content as `bytes` (a PDF,
            recognised by its content, or UTF-8 text in any of the forms read), or its
            text as a `str`.
        data: The bank to compare with: a `Bank`, or a data directory to load (the packaged
            data if None).
        code: The class code, for documents that do not give one (it must agree with one
            that is given).

    Returns:
        The `ImportResult`: the class file and new bank files it would write, how each
        competency compares with the bank, and every finding.

    Raises:
        IncompleteImportError: the document was read only in part; its ``result`` holds what
            was read (header, list, competencies read in full), its problems each part not.
        DataError: the document cannot be read at all (each problem names its line, or its
            page and line), or the data directory is invalid.
        OSError: the document cannot be read.
    """
    name = str(document) if isinstance(document, Path) else "<text>"
    bank = _bank(data)
    reading, content = read(document, name, bank)
    result = _import(reading, content, name, bank, code)
    if result.problems:
        raise IncompleteImportError(result)
    return result


def _numbered(
    document: Document, bank: Bank, reading: Reading, name: str
) -> tuple[Document, list[Problem]]:
    """The document with each list entry printed without a number numbered by its name."""
    if all(e.number for e in document.entries):
        return document, []
    entries = []
    problems = []
    for e in document.entries:
        found = bank.competency(e.name) if not e.number else None
        if e.number:
            entries.append(e)
        elif found is not None:
            entries.append(attrs.evolve(e, number=found.number, by_name=True))
        else:
            problems.append(
                Problem(
                    "import-unknown-competency",
                    name,
                    reading.where(e.line),
                    f"the list names {e.name!r} without a number, and no competency of the "
                    "bank has that name",
                )
            )
    return attrs.evolve(document, entries=tuple(entries)), problems


def _listed(document: Document, bank: Bank, reading: Reading) -> tuple[ListedCompetency, ...]:
    marks = any(e.marked for e in document.entries) and document.footnote_line is not None
    out = []
    for e in document.entries:
        known = bank.competencies.get(e.number)
        out.append(
            ListedCompetency(
                e.number,
                e.name,
                known.name if known else None,
                e.marked if marks else None,
                reading.where(e.line),
            )
        )
    return tuple(out)


def _ends_document(text: str) -> bool:
    """Whether *text* ends as a model's last text does: a sentence's end, not an item's ``;``.

    An item may end with ``;`` or ``:`` where the next goes on; no model's last text does.
    """
    return ends_sentence(text) and text.rstrip("\"\u201d\u2019')]")[-1:] not in (";", ":")


def _cut_short(document: Document, reading: Reading, bank: Bank, name: str) -> list[Problem]:
    """A problem where the document ends mid-sentence, or at a heading: a copy cut short.

    Or where it ends inside a page's running header or footer (`Reading.cut_margin`), past
    a sentence's end: a copy cut short at a page's top or foot. The problem names each
    listed competency the document never reached.

    Not where the bank records that very text as truncated in the source (7625's last
    sentence is): there the text read is the bank's, and the note says so already.
    """
    if not document.sections and not document.unread:
        return []
    last_block = reading.blocks[-1]
    # a heading's number alone the copy ends at ("129.", or "12" of it): no sentence's end
    alone = last_block.text.strip()
    at_heading = (LONE_NUMBER.match(alone) is not None or alone.isdigit()) and any(
        line == last_block.line for _, line in document.unread_lines
    )
    last_number = max(
        [(s.line, s.number) for s in document.sections]
        + [(line, n) for n, line in document.unread_lines]
    )[1]
    end = _unended(document, reading, bank, last_number, at_heading=at_heading)
    if end is not None:
        line, text = end
        where = "at the heading of" if at_heading else "mid-sentence in"
        said = f"the document ends {where} competency {last_number} (...{text[-40:]!r})"
    elif reading.cut_margin is not None:
        line = reading.cut_margin
        said = (
            "the document ends inside a page's running header or footer "
            f"({reading.span(line, line)!r}), after competency {last_number}"
        )
    else:
        return []
    reached = {s.number for s in document.sections} | set(document.unread)
    missing = [e.number for e in document.entries if e.number not in reached]
    never = (
        f"; it never reaches {', '.join(str(n) for n in missing)}, which the list names"
        if missing
        else ""
    )
    message = f"{said}: a copy cut short?{never}"
    return [Problem("import-incomplete", name, reading.where(line), message)]


def _unended(
    document: Document, reading: Reading, bank: Bank, last_number: int, *, at_heading: bool
) -> tuple[int, str] | None:
    """Where the document's last text ends as no model's does, and that text; or None."""
    last_block = reading.blocks[-1]
    if document.sections and document.sections[-1].number == last_number:
        last = document.sections[-1]
        text = last.areas or last.superior or last.satisfactory or last.behavioral_indicators
        if not text or _ends_document(text[-1].text):
            return None
        known = bank.competencies.get(last.number)
        if known is not None and any(n.kind == "truncated-text" for n in known.notes):
            whole = " ".join(t.text for t in text)
            if whole in (known.superior, known.satisfactory, *known.behavioral_indicators):
                return None
        return text[-1].last_line, text[-1].text
    if _ends_document(last_block.text) and not at_heading:
        return None
    return last_block.lines[-1], last_block.text


def _import(
    reading: Reading, content: str | bytes, name: str, bank: Bank, code: str | None
) -> ImportResult:
    names = {c.number: c.names for c in bank.competencies.values()}
    parsed, problems_read = read_document(reading, name, code=code, names=names)
    if parsed is None:
        raise DataError(problems_read)
    problems = list(problems_read)
    parsed, by_name = _numbered(parsed, bank, reading, name)
    problems += by_name
    listed = _listed(parsed, bank, reading)
    announced = parsed.emphasis_phrase.text if parsed.emphasis_phrase else None
    if parsed.header.code is None:  # nothing to compare under: the header and the list only
        return ImportResult(
            name,
            "",
            parsed.header.title,
            parsed.header.year,
            "",
            "",
            (),
            (),
            (),
            bank.path,
            reading.form,
            listed,
            announced,
            tuple(problems),
        )
    problems += _cut_short(parsed, reading, bank, name)
    suffix = ".pdf" if reading.form == "pdf" else ".txt"
    class_doc, new_docs, comparisons, findings, build_problems = build(
        parsed, bank, name, reading.where, suffix=suffix, pieced=reading.pieced
    )
    problems += build_problems
    evidence = collect(reading, parsed, class_doc["requirements"], findings)
    if reading.form == "pdf":  # the page each competency was read from stays with the data
        _add_pages(class_doc, evidence)
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
    files.append(_plan_file(root, f"sources/{source}", content, replace=False))
    where = {line.number: line.where() for line in reading.lines if line.page is not None}
    return ImportResult(
        document=name,
        code=class_doc["code"],
        title=class_doc["title"],
        year=class_doc["year"],
        source=source,
        class_file=class_file,
        comparisons=tuple(comparisons),
        findings=tuple(findings),
        files=tuple(files),
        data_dir=root,
        form=reading.form,
        listed=listed,
        announced=announced,
        problems=tuple(problems),
        where=where,
        evidence=evidence,
    )


def _add_pages(class_doc: dict[str, Any], evidence: Evidence) -> None:
    """Give each requirement of *class_doc* the page it was read from (a newer schema)."""
    pages = evidence.pages()
    for r in class_doc["requirements"]:
        if r["competency"] in pages:
            r["page"] = pages[r["competency"]]
    if any("page" in r for r in class_doc["requirements"]):
        class_doc["schema_version"] = 2


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

    if result.problems or not result.class_file:  # a partial reading is never written
        raise DataError(result.problems)
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
