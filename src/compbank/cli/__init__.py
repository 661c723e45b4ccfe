"""The ``compbank`` command: a table of subcommands, `COMMANDS`, and one module for each.

A subcommand is one row of `COMMANDS` (its name, the module ``compbank.cli.<module>`` and
the line of help ``compbank --help`` shows for it) and that module, which provides:

- ``DESCRIPTION``: what ``compbank NAME --help`` says above the options, printed as laid out;
- ``configure(parser)``: adds the subcommand's arguments to its `argparse.ArgumentParser`;
- ``run(args)``: does the work and returns the exit code; a usage mistake raises `UsageError`.

So ``compbank frob`` is the row ``"frob": Command("frob", "one line of help")`` and a module
``compbank/cli/frob.py`` with those three names; nothing else registers it. Modules import
the library inside ``run``, so that ``compbank --help`` stays fast.

Exit codes: 0 success, 1 the data (or the check asked for) failed, 2 a usage error such as a
missing directory, 130 interrupted (Ctrl-C). User mistakes end with a message on standard
error, never a traceback; so does Ctrl-C, with one line.
"""

from __future__ import annotations

import argparse
import importlib
import io
import signal
import sys
from typing import TYPE_CHECKING, NamedTuple, NoReturn, Protocol, cast

from compbank.cli._version import VersionAction

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import FrameType


class Command(NamedTuple):
    """A subcommand's row of `COMMANDS`, its name being the key."""

    #: The module that implements it, ``compbank.cli.<module>`` (see `Subcommand`).
    module: str
    #: Its line in ``compbank --help``.
    help: str


#: Every subcommand, in the order ``compbank --help`` lists them.
COMMANDS: dict[str, Command] = {
    "validate": Command("validate", "check data files; exit 1 if any problem"),
    "show": Command("show", "show a class model or a bank competency"),
    "list": Command("list_", "list the classes and the bank competencies"),
    "compare": Command("compare", "what moving from one class to another asks"),
    "diff": Command("diff", "compare two versions of the data, record by record"),
    "fmt": Command("fmt", "rewrite data files in the canonical layout"),
    "import": Command(
        "import_", "import competency-model documents (PDF or text): class files, drift report"
    ),
    "export": Command(
        "export", "write the bank as CSV tables, an SQLite database or a CASE package"
    ),
    "site": Command("site", "write the bank and the class models as a static website"),
}


class Subcommand(Protocol):
    """What the module of a subcommand provides."""

    #: The text of ``compbank NAME --help`` above the options, printed as laid out.
    DESCRIPTION: str

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the subcommand's arguments to *parser*."""

    def run(self, args: argparse.Namespace) -> int:
        """Do the subcommand's work; return the exit code."""


class UsageError(Exception):
    """A mistake in how the command was called; reported with exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="compbank",
        description="Validate, show, compare, format, import, export and publish compbank data.",
    )
    parser.add_argument(
        "--version",
        action=VersionAction,
        help="show the library's version and the packaged data's release, then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in COMMANDS.items():
        module = cast("Subcommand", importlib.import_module(f"compbank.cli.{command.module}"))
        p = sub.add_parser(
            name,
            help=command.help,
            description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.configure(p)
        p.set_defaults(run=module.run)
    return parser


class _Interrupts:
    """Whether a Ctrl-C (SIGINT) has come, recorded as it arrives by `_on_interrupt`.

    A `KeyboardInterrupt` does not always reach `main` as itself: raised while ctypes
    converts an argument of a call into PDFium, it comes out as a `ctypes.ArgumentError`
    whose message names it, chaining nothing. The record tells such an exception from a
    defect of the library's own.
    """

    came = False


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    """The handler `entry` installs for SIGINT: record it, then Python's own handler."""
    _Interrupts.came = True
    signal.default_int_handler(signum, frame)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        # a character the output's encoding lacks (a non-UTF-8 file name, a title on a
        # Windows console) is shown escaped rather than ending the command with a traceback
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
    except KeyboardInterrupt:  # while the subcommands' modules were imported
        print("compbank: interrupted", file=sys.stderr)
        return 130
    try:
        code: int = args.run(args)
    except UsageError as e:
        print(f"compbank {args.command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:  # what was being written is left as it was: writes are atomic
        print(f"compbank {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception:
        if not _Interrupts.came:  # a defect: shown whole
            raise
        # a Ctrl-C that reached here in another exception's form (see `_Interrupts`)
        print(f"compbank {args.command}: interrupted", file=sys.stderr)
        return 130
    return code


def entry() -> NoReturn:
    """The ``compbank`` command and ``python -m compbank``: `main`, then exit with its code.

    Once `main` has returned, the work is done and its code decided: a Ctrl-C from then on,
    while the interpreter shuts down, is ignored, where it would end the command with a
    traceback (and, under ``python -m``, exit code 1) instead of the code it earned. Until
    then a Ctrl-C is recorded as it comes (`_Interrupts`).
    """
    signal.signal(signal.SIGINT, _on_interrupt)
    try:
        code = main()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:  # after `main`'s handlers, before it is ignored
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("compbank: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code)
