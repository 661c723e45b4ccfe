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
   `text_columns`, `text_headings`, `text_labels`, `text_pieces`, `text_ends`,
   `text_runs` with `text_runs_state`, `text_runs_shapes` and `text_runs_spread`,
   `text_spread`),
   `read_pages` for the one-line-per-page transcription, `read_pdf` for PDF files (its
   own steps: `pdf_words`, `pdf_fonts`, `pdf_rules`, `pdf_boxes`, `pdf_margins`,
   `pdf_columns`, `pdf_blocks`);
2. `parse` reads the blocks into records (`document`): `header` finds the title block,
   `listing` reads the list, `headings` tells the competencies' headings and `sections`
   cuts each description into its parts; `levels` reads the required levels' emphasis;
3. `completeness` matches the list's entries to the bank and tells a copy cut short
   from a whole one; `compare` compares the records with the bank and builds the records
   to write:
   `listing_check` checks the list against the body (and `names_check` their names
   against the bank's), `texts_compare` compares each competency's texts with the bank's,
   `required_levels` reads each requirement's level and `notes` writes the class record's
   notes; their records are in `findings`;
4. `evidence` finds where in the PDF each level was read, and `report` formats a result
   for people.

The result is `result`'s `ImportResult`. Nothing is written by `import_document`: `write`
plans the files, and its `write_import` writes them, in canonical form. A new form of
document is one new reader: nothing after the blocks asks which form it read.

A document that cannot be read in full still gives what was read: `IncompleteImportError`
carries the partial `ImportResult` (its header, its list, every competency read in full)
with a problem for each part that was not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
from compbank.importer.completeness import cut_short, listed, numbered, unheaded
from compbank.importer.evidence import Evidence, collect
from compbank.importer.parse import read_document
from compbank.importer.patterns import BULLET, LEVEL, normalize
from compbank.importer.read_pages import is_pages, read_pages
from compbank.importer.read_pdf import PdfError, is_pdf, read_pdf
from compbank.importer.read_text import read_text
from compbank.importer.result import ImportResult, IncompleteImportError, ListedCompetency
from compbank.importer.write import add_pages, class_plan, other_class_file, plan_file, write_import
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


def _import(
    reading: Reading, content: str | bytes, name: str, bank: Bank, code: str | None
) -> ImportResult:
    names = {c.number: c.names for c in bank.competencies.values()}
    parsed, problems_read = read_document(reading, name, code=code, names=names)
    if parsed is None:
        raise DataError(problems_read)
    problems = list(problems_read)
    parsed, by_name = numbered(parsed, bank, reading, name)
    problems += by_name
    entries = listed(parsed, bank, reading)
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
            entries,
            announced,
            tuple(problems),
        )
    problems += cut_short(parsed, reading, bank, name)
    suffix = ".pdf" if reading.form == "pdf" else ".txt"
    class_doc, new_docs, comparisons, findings, build_problems = build(
        parsed, bank, name, reading.where, suffix=suffix, pieced=reading.pieced
    )
    problems += build_problems
    problems += unheaded(parsed, reading, bank, name, problems)
    evidence = collect(reading, parsed, class_doc["requirements"], findings)
    if reading.form == "pdf":  # the page each competency was read from stays with the data
        add_pages(class_doc, evidence)
    root = bank.path
    class_file = f"classes/{class_file_name(class_doc['code'], class_doc['title'])}"
    files = [class_plan(root, class_file, class_doc)]
    old = other_class_file(root, class_doc["code"], class_file)
    if old is not None and files[0].action == "create":
        files[0] = PlannedFile(class_file, "replace", files[0].content)
    for c in comparisons:
        if c.status == "new":
            doc = next(d for d in new_docs if d["number"] == c.number)
            files.append(PlannedFile(c.record, "create", canonical.dumps(doc, "competency")))
    source = class_doc["source"]
    files.append(plan_file(root, f"sources/{source}", content, replace=False))
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
        listed=entries,
        announced=announced,
        problems=tuple(problems),
        where=where,
        evidence=evidence,
    )
