"""``compbank list``: the classes and the bank competencies, one per line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from compbank.cli._output import echo, load_bank, plural

if TYPE_CHECKING:
    import argparse


DESCRIPTION = """\
List the class models (code, title, how many competencies and known required levels) and
the bank competencies (number, name, classes requiring it)."""


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``compbank list``."""
    parser.add_argument(
        "--data", metavar="DIR", help="read this data directory instead of the packaged data"
    )


def run(args: argparse.Namespace) -> int:
    """Print the classes, then the competencies."""
    bank = load_bank(args.data)
    echo(f"Classes ({len(bank.classes)}):")
    for code, jc in bank.classes.items():
        known = sum(1 for r in jc.requirements if r.required_level is not None)
        counts = (
            f"{plural(len(jc.requirements), 'competency', 'competencies')}, {known} levels known"
        )
        echo(f"  {code}  {jc.title}  ({counts})")
    echo("")
    echo(f"Competencies ({len(bank.competencies)}, data {bank.data_version}):")
    for number, c in bank.competencies.items():
        codes = " ".join(jc.code for jc in bank.classes_requiring(number))
        echo(f"  {number:>3}  {c.name:<36}  {codes}")
    return 0
