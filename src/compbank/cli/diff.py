"""``compbank diff``: what a change does to the meaning of the data (see `compbank.diff`)."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from compbank.cli import UsageError
from compbank.cli._output import echo, find_checkout_data, plural, shown

if TYPE_CHECKING:
    import argparse

DESCRIPTION = """\
Compare two versions of the data record by record: competencies and classes added, removed
or changed, each changed text as a word diff, required levels raised or lowered, areas and
requirements added or removed. Warns where a record changed but its record_version did not,
where a competency number now names a different competency, and where the data changed but
CHANGELOG.md did not.

BASE and HEAD are git revisions of the repository you are in, or directories (a data
directory or a checkout holding data/). HEAD defaults to the checkout's working tree.
The Markdown output is ready to paste into a pull-request comment.

examples:
  compbank diff main                 what the working tree changes, against main
  compbank diff origin/main HEAD     what a branch's commits change
  compbank diff old/data new/data --format json

Exit status: 0 (1 with --fail-on-warning when there are warnings), 2 usage error."""


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``compbank diff``."""
    parser.add_argument("base", metavar="BASE", help="git revision or directory to compare from")
    parser.add_argument(
        "head", metavar="HEAD", nargs="?", help="git revision or directory (default: working tree)"
    )
    parser.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="output format (default markdown)",
    )
    parser.add_argument(
        "--fail-on-warning", action="store_true", help="exit 1 when there is any warning"
    )


def _as_data_dir(path: Path) -> Path:
    """A directory given as a side: a data directory, or a checkout holding one."""
    if not (path / "release.json").exists() and (path / "data").is_dir():
        return path / "data"
    return path


def _side(value: str, stack: contextlib.ExitStack) -> Path:
    """The data directory *value* names: a directory, or a revision materialised for the run."""
    from compbank.diff import RevisionError, git_revision  # noqa: PLC0415

    path = Path(value)
    if path.is_dir():
        return _as_data_dir(path)
    checkout = find_checkout_data()
    # the data's place in the repository, so that a checkout whose data/ is not at the top
    # of its repository is read from the same place in the revision
    data = "data" if checkout is None else _repo_relative(checkout.parent, checkout)
    try:
        return stack.enter_context(git_revision(value, data=data))
    except RevisionError as e:
        raise UsageError(str(e)) from None


def _repo_relative(checkout: Path, data: Path) -> str:
    """*data*'s path from the top of the git repository holding *checkout*."""
    import subprocess  # noqa: PLC0415

    try:
        top = subprocess.run(  # noqa: S603 (fixed arguments)
            ["git", "-C", str(checkout), "rev-parse", "--show-toplevel"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except FileNotFoundError:
        return "data"
    if not top:
        return "data"
    try:
        return data.resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        return "data"


def run(args: argparse.Namespace) -> int:
    """Print the diff of BASE and HEAD."""
    from compbank.diff import diff_dirs, to_dict, to_markdown  # noqa: PLC0415

    with contextlib.ExitStack() as stack:
        base = _side(args.base, stack)
        if args.head is None:
            found = find_checkout_data()
            if found is None:
                raise UsageError("no checkout's data/ found here; give HEAD")
            head, head_label = shown(found), "working tree"
        else:
            head, head_label = _side(args.head, stack), args.head
        result = diff_dirs(base, head, base_label=args.base, head_label=head_label)
    if args.format == "json":
        echo(json.dumps(to_dict(result), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(to_markdown(result))
    if result.warnings:
        echo(f"compbank diff: {plural(len(result.warnings), 'warning')}", err=True)
    return 1 if args.fail_on_warning and result.warnings else 0
