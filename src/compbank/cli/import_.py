"""``compbank import``: read competency-model documents, compare them with the bank, write them.

Each document may be a PDF (recognised by its content), text in the sources' form, plain
text extracted from a PDF, or the one-line-per-page transcription; a directory stands for
its ``*.pdf`` and ``*.txt`` files. Each gets its report; several get a summary table too.

Exit codes: 0 every document was read in full (differences from the bank are information,
not failure); 1 a document could not be read, or only in part (its report still gives what
was read, and each part not read is a problem naming its line, or its page and line), or
the data directory is invalid; 2 a usage error: a file that is not there, ``--force``
without ``--write``, a class file that exists with other content and no ``--force``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from compbank.cli import UsageError
from compbank.cli._output import default_data_dir
from compbank.cli._progress import progress
from compbank.problems import DataError

if TYPE_CHECKING:
    import argparse

    from compbank._bank import Bank
    from compbank.importer import ImportResult, PlannedFile
    from compbank.problems import Problem


DESCRIPTION = """\
Read published competency-model documents (PDF files, the sources' text form, text
extracted from a PDF, or a one-line-per-page transcription), compare every competency
with the bank, and report what differs. A directory stands for its *.pdf and *.txt
files. Nothing is written without --write; bank files are never changed."""


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``compbank import``."""
    parser.add_argument(
        "documents",
        metavar="DOCUMENT",
        nargs="+",
        help="a document (PDF or text; '-': stdin), or a directory of them",
    )
    parser.add_argument(
        "--data",
        metavar="DIR",
        help="the data directory (default: the checkout's data/, else the packaged data, "
        "which is compared with but never written)",
    )
    parser.add_argument(
        "--code", metavar="CODE", help="the class code, for a document that gives none"
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="write the class file, new bank files and the source document of each document "
        "read in full into DIR",
    )
    parser.add_argument(
        "--force", action="store_true", help="with --write: replace an existing class file"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--review",
        metavar="DIR",
        help="also write a review of what was read into the folder DIR (index.html, a page "
        "per document with each required level shown as the piece of the PDF page it was "
        "read from, review.json); an earlier review there is replaced",
    )


@attrs.frozen
class _Outcome:
    """What became of one document."""

    name: str
    result: ImportResult | None = None
    problems: tuple[Problem, ...] = ()  # the reading's: the parts of the document not read
    written: tuple[PlannedFile, ...] | None = None
    unwritten: str | None = None  # why a document read in full was not written
    needs_force: bool = False  # ... because its class file exists with other content
    check_problems: tuple[Problem, ...] = ()  # ... because the data would fail its checks

    @property
    def status(self) -> str:
        if self.result is None:
            return "not read"
        if self.result.problems:
            return "read in part"
        if self.unwritten:
            return "read, not written"
        return "written" if self.written is not None else "read"


def _documents(args: argparse.Namespace) -> list[bytes | Path]:
    """The documents named: files, directories' *.pdf and *.txt, or '-' for stdin."""
    if args.force and not args.write:
        raise UsageError("--force only makes sense with --write")
    if args.code is not None and not re.fullmatch(r"[0-9]{4}", args.code):
        raise UsageError(f"--code must be a four-digit class code, not {args.code!r}")
    found: list[bytes | Path] = []
    for given in args.documents:
        if given == "-":  # bytes: a PDF is recognised by its content, text decoded as UTF-8
            found.append(sys.stdin.buffer.read())
            continue
        path = Path(given)
        if path.is_dir():
            found += sorted(
                p for p in path.iterdir() if p.suffix.lower() in (".pdf", ".txt") and p.is_file()
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{path} is not a file")
    if not found:
        raise UsageError(f"no *.pdf or *.txt documents in {', '.join(args.documents)}")
    if args.code is not None and len(found) > 1:
        raise UsageError("--code names the class of one document; give one document with it")
    return found


def _one(  # noqa: PLR0911 (one outcome per way an import can end)
    document: bytes | Path, bank: Bank, args: argparse.Namespace
) -> _Outcome:
    from compbank.importer import IncompleteImportError, import_document, write_import  # noqa: PLC0415

    name = str(document) if isinstance(document, Path) else "<text>"
    try:
        result = import_document(document, bank, code=args.code)
    except IncompleteImportError as e:
        return _Outcome(name, e.result, e.problems)
    except DataError as e:
        return _Outcome(name, problems=e.problems)
    except OSError as e:
        raise UsageError(f"cannot read {name}: {e.strerror or e}") from None
    if not args.write:
        return _Outcome(name, result)
    try:
        return _Outcome(name, result, written=write_import(result, force=args.force))
    except FileExistsError as e:
        return _Outcome(name, result, unwritten=str(e), needs_force=True)
    except PermissionError as e:
        raise UsageError(str(e)) from None
    except DataError as e:
        return _Outcome(
            name,
            result,
            unwritten="the data would not pass its checks",
            check_problems=e.problems,
        )
    except OSError as e:
        return _Outcome(name, result, unwritten=f"could not write: {e.strerror or e}")


def _summary(outcomes: list[_Outcome], *, write: bool) -> str:
    rows = [("file", "code", "title", "competencies", "levels known", "status")]
    for o in outcomes:
        r = o.result
        rows.append(
            (
                o.name,
                (r.code or "?") if r else "-",
                r.title if r else "-",
                str(len(r.listed) or len(r.comparisons)) if r else "-",
                str(r.levels_known) if r else "-",
                o.status,
            )
        )
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    read = sum(o.status in ("read", "written", "read, not written") for o in outcomes)
    lines.append(f"{read} of {len(outcomes)} documents read in full")
    if write:
        unwritten = [o for o in outcomes if o.written is None]
        lines.append(
            "not written: " + ", ".join(f"{o.name} ({o.unwritten or o.status})" for o in unwritten)
            if unwritten
            else "every document written"
        )
    return "\n".join(lines) + "\n"


def _as_dict(o: _Outcome) -> dict[str, Any]:
    data: dict[str, Any] = o.result.to_dict() if o.result else {"document": o.name}
    data["status"] = o.status
    data["problems"] = [p.to_dict() for p in o.problems]
    data["written"] = [f.file for f in o.written or ()]
    if o.unwritten:
        data["not_written"] = o.unwritten
    if o.check_problems:
        data["check_problems"] = [p.to_dict() for p in o.check_problems]
    return data


def _data_dir(given: str | None) -> Path:
    """The data directory named, or else the checkout's or the packaged data (and which)."""
    if given is not None:
        data = Path(given)
        if not data.is_dir():
            raise UsageError(f"{data} is not a data directory (give one with --data DIR)")
        return data
    data, which = default_data_dir()
    sys.stderr.write(f"compbank import: comparing with {which} in {data}\n")
    return data


def _review_dir(given: str | None) -> Path | None:
    """The review's folder, checked before anything is read (and what it needs installed)."""
    if given is None:
        return None
    from compbank import review  # noqa: PLC0415

    path = Path(given)
    try:
        review.environment()
        review.check_destination(path)
    except (FileExistsError, FileNotFoundError, ModuleNotFoundError) as e:
        raise UsageError(f"--review {given}: {e}") from None
    return path


def _write_review(path: Path, documents: list[bytes | Path], outcomes: list[_Outcome]) -> None:
    from compbank import review  # noqa: PLC0415

    reviewed = []
    for document, o in zip(documents, outcomes, strict=True):
        content = document if isinstance(document, bytes) else None
        if content is None and o.result is not None and o.result.form == "pdf":
            try:
                content = document.read_bytes()  # type: ignore[union-attr]
            except OSError:
                content = None
        reviewed.append(review.Reviewed(o.name, content, o.result, o.problems))
    try:
        review.write_review(reviewed, path)
    except (FileExistsError, FileNotFoundError, ModuleNotFoundError) as e:
        raise UsageError(f"--review {path}: {e}") from None
    except OSError as e:
        raise UsageError(f"--review {path}: could not write: {e.strerror or e}") from None
    sys.stderr.write(f"compbank import: review written to {path / 'index.html'}\n")


def run(args: argparse.Namespace) -> int:
    """Import each document; print its report (and a summary for several)."""
    from compbank._load import load  # noqa: PLC0415
    from compbank.importer import report  # noqa: PLC0415

    documents = _documents(args)
    review_dir = _review_dir(args.review)
    data = _data_dir(args.data)
    try:
        bank = load(data)
    except DataError as e:
        sys.stderr.write("".join(f"{p}\n" for p in e.problems))
        return 1
    json_out = args.format == "json"
    outcomes = [
        _one(d, bank, args)
        for d in progress(documents, total=len(documents), label="import", enabled=not json_out)
    ]
    for o in outcomes:
        sys.stderr.write("".join(f"{p}\n" for p in (*o.problems, *o.check_problems)))
        if o.unwritten:
            sys.stderr.write(f"compbank import: {o.name} not written: {o.unwritten}\n")
    if json_out:
        if len(outcomes) == 1:
            out = _as_dict(outcomes[0])
        else:
            out = {"documents": [_as_dict(o) for o in outcomes]}
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    else:
        texts = [
            report.text(o.result, o.written, o.problems, check_problems=o.check_problems)
            for o in outcomes
            if o.result
        ]
        sys.stdout.write("\n".join(texts))
        if len(outcomes) > 1:
            sys.stdout.write("\n" + _summary(outcomes, write=args.write))
    if review_dir is not None:
        _write_review(review_dir, documents, outcomes)
    if any(o.result is None or o.problems for o in outcomes):
        return 1
    if any(o.needs_force for o in outcomes):
        return 2
    return 1 if any(o.unwritten for o in outcomes) else 0
