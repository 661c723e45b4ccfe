"""``compbank validate``: every check the library makes, every problem at once.

Exit 0 when the data is clean, 1 when it has problems, 2 for a missing directory.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from compbank.cli import UsageError
from compbank.cli._output import data_dir_argument, default_data_dir, echo, plural

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

DESCRIPTION = """\
Check a data directory: strict JSON, the JSON Schemas, and the rules across records.
Prints one problem per line as FILE::$.json.path: [code] message, then a summary.
With no DATA_DIR, checks the data of the checkout you are in (or the packaged data
when you are in none) and says on standard error which it checked.
Exit status: 0 clean, 1 problems found, 2 usage error."""


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``compbank validate``."""
    parser.add_argument(
        "data_dir", nargs="?", metavar="DATA_DIR", help="the data directory to check"
    )
    parser.add_argument(
        "--packaged", action="store_true", help="check the data shipped inside the package"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )


def _count_files(root: Path) -> int:
    """The data files a check reads: release.json and the JSON files of the two folders."""
    n = 1 if (root / "release.json").is_file() else 0
    for folder in ("competency_bank", "classes"):
        if (root / folder).is_dir():
            n += sum(1 for p in (root / folder).glob("*.json") if not p.name.startswith("."))
    return n


def run(args: argparse.Namespace) -> int:
    """Check the data; print the problems and a summary."""
    from compbank._load import check  # noqa: PLC0415 (the library is loaded only to run)
    from compbank._paths import packaged_data_dir  # noqa: PLC0415

    if args.packaged and args.data_dir:
        raise UsageError("give DATA_DIR or --packaged, not both")
    if args.data_dir:
        root = data_dir_argument(args.data_dir)
    else:  # not named by the user: say which data this is
        root, which = (
            (packaged_data_dir(), "the packaged data") if args.packaged else default_data_dir()
        )
        echo(f"compbank validate: checking {which} in {root}", err=True)
    problems = check(root)
    files = _count_files(root)
    bad_files = len({p.file for p in problems})
    if args.format == "json":
        report = {
            "data_dir": str(root),
            "files": files,
            "files_with_problems": bad_files,
            "problem_count": len(problems),
            "problems": [p.to_dict() for p in problems],
        }
        echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for p in problems:
            echo(p)
        if problems:
            echo(f"{plural(len(problems), 'problem')} in {plural(bad_files, 'file')}")
        else:
            echo(f"{plural(files, 'file')}, 0 problems")
    return 1 if problems else 0
