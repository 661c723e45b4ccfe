"""The subcommands come from one table, `compbank.cli.COMMANDS`, and one module each."""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

import pytest

from compbank import cli
from conftest import REPO

if TYPE_CHECKING:
    import argparse


def test_every_subcommand_module_is_one_row_of_the_table() -> None:
    modules = sorted(
        p.stem
        for p in (REPO / "src" / "compbank" / "cli").glob("*.py")
        if not p.stem.startswith("_")
    )
    assert sorted(c.module for c in cli.COMMANDS.values()) == modules
    for command in cli.COMMANDS.values():
        module = importlib.import_module(f"compbank.cli.{command.module}")
        assert not hasattr(module, "register")  # registration is the table's, not the module's
        assert callable(module.configure)
        assert callable(module.run)


def test_help_lists_the_table_and_each_subcommand_describes_itself(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = cli.build_parser()
    listed = parser.format_help()
    positions = [listed.index(f"    {name} ") for name in cli.COMMANDS]
    assert positions == sorted(positions)  # in the table's order
    for name, command in cli.COMMANDS.items():
        module = importlib.import_module(f"compbank.cli.{command.module}")
        assert " ".join(command.help.split()) in " ".join(listed.split())  # wrapped to fit
        with pytest.raises(SystemExit) as done:
            cli.main([name, "--help"])
        assert done.value.code == 0
        # printed as laid out in the module: its own line breaks, not re-wrapped
        assert module.DESCRIPTION in capsys.readouterr().out


def test_a_new_subcommand_is_a_row_and_a_module(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = types.ModuleType("compbank.cli.frob")
    module.DESCRIPTION = "Frob the data.\nTwice if asked."  # type: ignore[attr-defined]

    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--times", type=int, default=1)

    def run(args: argparse.Namespace) -> int:
        if args.times < 1:
            raise cli.UsageError("--times must be at least 1")
        print("frob " * args.times)
        return 0

    module.configure = configure  # type: ignore[attr-defined]
    module.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "compbank.cli.frob", module)
    monkeypatch.setitem(cli.COMMANDS, "frob", cli.Command("frob", "frob the data"))
    assert cli.main(["frob", "--times", "2"]) == 0
    assert capsys.readouterr().out == "frob frob \n"
    assert cli.main(["frob", "--times", "0"]) == 2
    assert capsys.readouterr().err == "compbank frob: --times must be at least 1\n"
    assert "frob the data" in cli.build_parser().format_help()
