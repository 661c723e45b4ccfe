"""``compbank show``: a class model or a bank competency, laid out like the published document.

A class model reads as the City prints it: the title and class code, the numbered list of its
competencies, then each competency with its definition, its three levels (the required one
marked ``>`` and "(required)", or the level said to be unknown), behavioral indicators,
satisfactory and superior performance, and the class's "... Areas" where it has them.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from compbank.cli import UsageError
from compbank.cli._output import echo, load_bank, text_width
from compbank.cli._suggest import did_you_mean, suggestions

if TYPE_CHECKING:
    import argparse

    from compbank import Bank, Competency, JobClass, Requirement


DESCRIPTION = """\
Show a class's competency model (by class code, e.g. 1230) or one bank competency (by
number, e.g. 34, or by name), laid out like the published document."""


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``compbank show``."""
    parser.add_argument(
        "key", metavar="CODE|NUMBER", help="a class code, competency number or name"
    )
    parser.add_argument(
        "--data", metavar="DIR", help="read this data directory instead of the packaged data"
    )


def _para(text: str, indent: str = "", first: str | None = None) -> str:
    """*text* wrapped to the terminal, *first* (default *indent*) starting its first line."""
    return textwrap.fill(
        text,
        width=text_width(),
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _competency(c: Competency, requirement: Requirement | None = None) -> list[str]:
    """The lines of one competency's description; *requirement* marks the class's level."""
    # the en dash is the published documents' own separator
    out = [_para(f"{c.number}. {c.name.upper()} \u2013 {c.definition}")]
    out += [_para(item, "    ", "  - ") for item in c.definition_items]
    out += ["", "Level of Competency Required by Job:"]
    level = requirement.required_level if requirement is not None else None
    if requirement is not None and level is None:
        out.append("  (required level unknown: the source marks none of the three)")
    for n, text in enumerate(c.levels, start=1):
        mark = "> " if n == level else "  "
        label = f"Level {n} (required): " if n == level else f"Level {n}: "
        out.append(_para(text, "      ", f"{mark}{label}"))
    if requirement is not None and requirement.prior_to_entry:
        out.append("  Needed prior to job entry.")
    out += ["", "Examples of Behavioral Indicators:"]
    out += [_para(text, "    ", "  - ") for text in c.behavioral_indicators]
    out += ["", "Performance Levels:", "  Satisfactory", _para(c.satisfactory, "    ")]
    out += ["  Superior", _para(c.superior, "    ")]
    if requirement is not None and requirement.areas:
        out += ["", f"{c.name} Areas"]
        out += [
            _para(text, "     ", f"  {i}. ") for i, text in enumerate(requirement.areas, start=1)
        ]
    return out


def _notes(record: Competency | JobClass) -> list[str]:
    if not record.notes:
        return []
    out = ["", "Notes on the sources:"]
    out += [
        _para(f"[{note.kind}] {note.path} in {note.source}: {note.action}", "    ", "  - ")
        for note in record.notes
    ]
    return out


def render_class(jc: JobClass) -> str:
    """A class model as text, in the published document's order."""
    out = ["COMPETENCY MODEL FOR", jc.title, f"CLASS CODE {jc.code}"]
    if jc.year is not None:
        out.append(str(jc.year))
    intro = (
        "The competencies that best separate superior from satisfactory job performance in "
        f"the class of {jc.title}:"
    )
    out += ["", _para(intro), ""]
    out += [f"  {r.number:>2}. {r.competency.name}" for r in jc.requirements]
    known = sum(1 for r in jc.requirements if r.required_level is not None)
    out += [
        "",
        (
            f"The level each requires is marked '>' and '(required)'; {known} of "
            f"{len(jc.requirements)} are known."
        ),
    ]
    for r in jc.requirements:
        out += ["", "-" * min(text_width(), 72), ""]
        out += _competency(r.competency, r)
    out += _notes(jc)
    return "\n".join(out)


def render_competency(c: Competency, bank: Bank) -> str:
    """A bank competency as text, with the classes that require it."""
    out = _competency(c)
    requiring = []
    for jc in bank.classes_requiring(c.number):
        r = jc.requirement(c.number)
        level = r.required_level if r is not None else None
        level_text = f"level {level}" if level is not None else "level unknown"
        requiring.append(f"{jc.code} {jc.title} ({level_text})")
    out += ["", "Required by:"]
    out += [f"  {line}" for line in requiring] or ["  no class in this data"]
    out += _notes(c)
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    """Print the class or competency *args.key* names."""
    bank = load_bank(args.data)
    key: str = args.key.strip()
    if key in bank.classes:
        echo(render_class(bank.classes[key]))
        return 0
    c = bank.competency(key) if key else None
    if c is not None:
        echo(render_competency(c, bank))
        return 0
    message = f"no class code or competency {key!r} in the data"
    message += did_you_mean(suggestions(key, bank))
    message += " (compbank list shows them all)"
    raise UsageError(message)
