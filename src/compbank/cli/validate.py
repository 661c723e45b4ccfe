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

DESCRIPTION = """\
Check a data directory: strict JSON, the JSON Schemas, and the rules across records.
Prints one problem per line as FILE::$.json.path: [code] message, then a summary.
With no DATA_DIR, checks the data of the checkout you are in (or the packaged data
when you are in none) and says on standard error which it checked.
Large data sets are shared with worker processes, one per processor (--jobs N at most).
On a terminal, a check that runs past a second shows its progress on standard error.
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
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="processes at most, this one included (default: one per processor, on large"
        " data sets; 1: no worker processes)",
    )


def _jobs(text: str) -> int:
    import argparse  # noqa: PLC0415 (only for the error type)

    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return jobs


def run(args: argparse.Namespace) -> int:
    """Check the data; print the problems and a summary."""
    from compbank._load import run_check  # noqa: PLC0415 (the library is loaded only to run)
    from compbank._paths import packaged_data_dir  # noqa: PLC0415
    from compbank.cli._progress import progress_callback  # noqa: PLC0415

    if args.packaged and args.data_dir:
        raise UsageError("give DATA_DIR or --packaged, not both")
    if args.data_dir:
        root = data_dir_argument(args.data_dir)
    else:  # not named by the user: say which data this is
        root, which = (
            (packaged_data_dir(), "the packaged data") if args.packaged else default_data_dir()
        )
        echo(f"compbank validate: checking {which} in {root}", err=True)
    # workers may be spawned (a new interpreter, on macOS and Windows): the command's main
    # module, which they import, does nothing on import
    with progress_callback(label="checking", enabled=args.format == "text") as show:
        result = run_check(root, jobs=args.jobs, spawn=True, progress=show)
    problems, files = result.problems, result.files
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
