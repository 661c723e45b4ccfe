"""The ``compbank`` command: one module per subcommand, each with ``register`` and ``run``.

Exit codes: 0 success, 1 the data (or the check asked for) failed, 2 a usage error such as a
missing directory. User mistakes end with a message on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
from typing import TYPE_CHECKING

from compbank._version import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Subcommands, in the order ``compbank --help`` lists them; each is ``compbank.cli.<module>``.
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "show": "show",
    "list": "list_",
    "diff": "diff",
    "fmt": "fmt",
    "import": "import_",
    "export": "export",
    "site": "site",
}


class UsageError(Exception):
    """A mistake in how the command was called; reported with exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="compbank",
        description="Validate, show, compare, format, import and export compbank data.",
    )
    parser.add_argument("--version", action="version", version=f"compbank {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        importlib.import_module(f"compbank.cli.{module}").register(sub, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        # a character the output's encoding lacks (a non-UTF-8 file name, a title on a
        # Windows console) is shown escaped rather than ending the command with a traceback
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except UsageError as e:
        print(f"compbank {args.command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return code
