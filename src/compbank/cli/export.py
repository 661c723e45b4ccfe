"""``compbank export``: the bank as CSV tables, an SQLite database or a CASE package.

Exit 0 when written, 1 when the data is invalid, 2 for a usage error (an existing
destination without ``--force``, a missing folder). Nothing is written unless all of it is.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from compbank.cli import UsageError

if TYPE_CHECKING:
    import argparse

DESCRIPTION = """\
Write the bank and the class models in another format:
  csv     a directory of CSV tables, one fact per row (UTF-8, RFC 4180), described
          by datapackage.json (a Frictionless Data Package)
  sqlite  one SQLite database with the same tables, keys and views
  case    a 1EdTech CASE 1.0 CFPackage (JSON)
Without --out, writes compbank-VERSION-csv/, compbank-VERSION.sqlite or
compbank-VERSION-case.json in the current directory, VERSION being the data version.
The same data always gives the same bytes. An existing destination is replaced only
with --force, and then only by a whole new export.
Exit status: 0 written, 1 the data is invalid, 2 usage error."""


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``compbank export``."""
    parser.add_argument(
        "--format", required=True, choices=("csv", "sqlite", "case"), help="what to write"
    )
    parser.add_argument("--out", metavar="PATH", help="where to write it (default: see above)")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")
    parser.add_argument(
        "--data", metavar="DIR", help="the data directory to export (default: the packaged data)"
    )


def run(args: argparse.Namespace) -> int:
    """Load the data, then write the export."""
    import sqlite3  # noqa: PLC0415 (only its error type, once the export runs)

    from compbank.cli._output import load_bank  # noqa: PLC0415
    from compbank.export import default_name, export  # noqa: PLC0415

    if args.out is not None and not args.out:
        raise UsageError("--out needs a path")
    bank = load_bank(args.data)
    out = (
        Path(args.out)
        if args.out is not None
        else Path(default_name(bank.data_version, args.format))
    )
    try:
        export(bank, args.format, out, force=args.force)
    except (FileExistsError, FileNotFoundError) as e:
        raise UsageError(str(e)) from None
    except ValueError as e:  # data the schemas let through but the format cannot hold
        sys.stderr.write(f"compbank export: {e}; nothing written\n")
        return 1
    except OSError as e:
        sys.stderr.write(f"compbank export: could not write {out}: {e.strerror or e}\n")
        return 1
    except sqlite3.Error as e:  # e.g. a full disk, as SQLite reports it
        sys.stderr.write(f"compbank export: could not write {out}: {e}\n")
        return 1
    sys.stdout.write(
        f"compbank export: wrote {out} ({len(bank.competencies)} competencies, "
        f"{len(bank.classes)} classes, data {bank.data_version})\n"
    )
    return 0
