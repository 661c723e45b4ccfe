"""``compbank import``: read a competency-model document, compare it with the bank, write it.

Exit codes: 0 the document was read (differences from the bank are information, not
failure); 1 it cannot be read into a model, or the data directory is invalid (problems name
the document's lines); 2 a usage error: a file that is not there, ``--force`` without
``--write``, a class file that exists with other content and no ``--force``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from compbank.cli import UsageError
from compbank.problems import DataError

if TYPE_CHECKING:
    import argparse

    from compbank.problems import Problem


DESCRIPTION = """\
Read a published competency-model document (the sources' form, or plain text extracted
from its PDF), compare every competency with the bank, and report what differs. Nothing is
written without --write; bank files are never changed."""


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``compbank import``."""
    parser.add_argument(
        "document", metavar="DOCUMENT", help="the document's text file ('-': stdin)"
    )
    parser.add_argument(
        "--data", metavar="DIR", default="data", help="the data directory (default: data)"
    )
    parser.add_argument(
        "--code", metavar="CODE", help="the class code, for a document that gives none"
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="write the class file, new bank files and the source document into DIR",
    )
    parser.add_argument(
        "--force", action="store_true", help="with --write: replace an existing class file"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _problems(problems: tuple[Problem, ...], fmt: str) -> int:
    """Report problems on standard error (and as JSON on standard output); exit code 1."""
    if fmt == "json":
        sys.stdout.write(json.dumps({"problems": [p.to_dict() for p in problems]}, indent=2))
        sys.stdout.write("\n")
    sys.stderr.write("".join(f"{p}\n" for p in problems))
    return 1


def _arguments(args: argparse.Namespace) -> tuple[str | Path, Path]:
    """The document (a path, or the text read from stdin) and the data directory."""
    if args.force and not args.write:
        raise UsageError("--force only makes sense with --write")
    if args.code is not None and not re.fullmatch(r"[0-9]{4}", args.code):
        raise UsageError(f"--code must be a four-digit class code, not {args.code!r}")
    data = Path(args.data)
    if not data.is_dir():
        raise UsageError(f"{data} is not a data directory (give one with --data DIR)")
    if args.document == "-":
        return sys.stdin.read(), data
    document = Path(args.document)
    if not document.is_file():
        raise UsageError(f"{document} is not a file")
    return document, data


def run(args: argparse.Namespace) -> int:
    """Import the document; print the report."""
    from compbank.importer import import_document, report, write_import  # noqa: PLC0415

    document, data = _arguments(args)
    try:
        result = import_document(document, data, code=args.code)
    except DataError as e:
        return _problems(e.problems, args.format)
    except OSError as e:
        raise UsageError(f"cannot read {args.document}: {e.strerror or e}") from None
    written = None
    if args.write:
        try:
            written = write_import(result, force=args.force)
        except (FileExistsError, PermissionError) as e:
            raise UsageError(str(e)) from None
        except DataError as e:
            return _problems(e.problems, args.format)
        except OSError as e:
            sys.stderr.write(f"compbank import: could not write: {e.strerror or e}\n")
            return 1
    render = report.to_json if args.format == "json" else report.text
    sys.stdout.write(render(result, written))
    return 0
