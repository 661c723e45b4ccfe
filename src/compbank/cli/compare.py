"""``compbank compare``: what moving from one class to another asks (see `Bank.compare`).

Each competency of either class falls in one group: added (only the class moved to requires
it), dropped (only the class moved from), raised, lowered or the same (both require it, at
known levels), or unknown (both require it, and the source of one or both does not mark the
level). Each is shown with the descriptions of the levels concerned.
"""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING, Any

from compbank.cli import UsageError
from compbank.cli._output import echo, load_bank, text_width
from compbank.cli._suggest import class_suggestions, did_you_mean

if TYPE_CHECKING:
    import argparse

    from compbank import Bank, Comparison, Competency, JobClass

DESCRIPTION = """\
Show what moving from class FROM to class TO asks of a person: the competencies TO requires
and FROM does not (added), those only FROM requires (dropped), and those both require, at a
higher, lower or the same level in TO, or where a level is unknown (the source does not mark
it). Each comes with the descriptions of the levels concerned.

examples:
  compbank compare 1230 7521
  compbank compare 1230 7521 --format json

Exit status: 0 shown, 1 the data is invalid, 2 usage error (such as an unknown class code)."""

#: The groups, in the order they are shown, with what each holds.
GROUPS: dict[str, str] = {
    "added": "required by {to}, not by {frm}",
    "dropped": "required by {frm}, not by {to}",
    "raised": "a higher level in {to}",
    "lowered": "a lower level in {to}",
    "same": "the same level in both",
    "unknown": "required by both; the level is unknown in one or both",
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``compare`` arguments."""
    parser.add_argument("from_code", metavar="FROM", help="the class code moved from, e.g. 1230")
    parser.add_argument("to_code", metavar="TO", help="the class code moved to, e.g. 7521")
    parser.add_argument(
        "--data", metavar="DIR", help="read this data directory instead of the packaged data"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )


def _level(c: Competency, level: int | None) -> dict[str, Any]:
    return {"level": level, "description": None if level is None else c.level(level)}


def _both(c: Competency, from_level: int | None, to_level: int | None) -> dict[str, Any]:
    return {
        "number": c.number,
        "name": c.name,
        "from": _level(c, from_level),
        "to": _level(c, to_level),
    }


def _required_level(jc: JobClass, number: int) -> int | None:
    r = jc.requirement(number)
    return None if r is None else r.required_level


def to_dict(change: Comparison) -> dict[str, Any]:
    """*change* as JSON-ready data.

    Each group is a list of ``{"number", "name", "from", "to"}``, where ``from`` and ``to``
    are ``{"level", "description"}`` (a level of None is unknown) in the class moved from and
    to, or None where that class does not require the competency (``from`` of an added one,
    ``to`` of a dropped one).
    """
    frm, to = change.from_class, change.to_class
    groups: dict[str, list[dict[str, Any]]] = {
        "added": [
            {**_both(r.competency, None, r.required_level), "from": None} for r in change.added
        ],
        "dropped": [
            {**_both(r.competency, r.required_level, None), "to": None} for r in change.dropped
        ],
        "raised": [_both(x.competency, x.from_level, x.to_level) for x in change.raised],
        "lowered": [_both(x.competency, x.from_level, x.to_level) for x in change.lowered],
        "same": [
            _both(c, _required_level(frm, c.number), _required_level(to, c.number))
            for c in change.same
        ],
        "unknown": [
            _both(c, _required_level(frm, c.number), _required_level(to, c.number))
            for c in change.unknown
        ],
    }
    return {
        "from": {"code": frm.code, "title": frm.title},
        "to": {"code": to.code, "title": to.title},
        **groups,
    }


def _wrap(text: str, first: str) -> str:
    return textwrap.fill(
        text,
        width=text_width(),
        initial_indent=first,
        subsequent_indent=" " * 8,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _where(side: dict[str, Any], code: str) -> str:
    level = side["level"]
    return f"level {'unknown' if level is None else level} in {code}"


def render_text(data: dict[str, Any]) -> str:
    """The comparison *data* (from `to_dict`) as text, one group after another."""
    frm, to = data["from"], data["to"]
    counts = ", ".join(f"{len(data[g])} {g}" for g in GROUPS)
    out = [f"From {frm['code']} {frm['title']}", f"to   {to['code']} {to['title']}", counts]
    for group, what in GROUPS.items():
        entries = data[group]
        heading = what.format(frm=frm["code"], to=to["code"])
        out += ["", f"{group.capitalize()} ({len(entries)}): {heading}"]
        if not entries:
            out.append("  none")
        for e in entries:
            # an added competency has no "from" side, a dropped one no "to" side
            sides = [(e["from"], frm["code"]), (e["to"], to["code"])]
            present = [(side, code) for side, code in sides if side is not None]
            if group == "same":
                where = f"level {e['to']['level']} in both"
            elif group == "unknown" and e["from"]["level"] is None and e["to"]["level"] is None:
                where = "level unknown in both"
            else:
                where = ", ".join(_where(side, code) for side, code in present)
            out.append(f"  {e['number']}. {e['name']}: {where}")
            shown: set[int] = set()
            for side, _ in present:
                level = side["level"]
                if level is not None and level not in shown:
                    shown.add(level)
                    out.append(_wrap(side["description"], f"      Level {level}: "))
    return "\n".join(out)


def _check_code(key: str, bank: Bank) -> str:
    code = key.strip()
    if code in bank.classes:
        return code
    message = f"no class code {key!r} in the data"
    message += did_you_mean(class_suggestions(code, bank))
    raise UsageError(f"{message} (compbank list shows them all)")


def run(args: argparse.Namespace) -> int:
    """Print what moving from class *args.from_code* to *args.to_code* asks."""
    bank = load_bank(args.data)
    change = bank.compare(_check_code(args.from_code, bank), _check_code(args.to_code, bank))
    data = to_dict(change)
    if args.format == "json":
        echo(json.dumps({"data_version": bank.data_version, **data}, indent=2))
    else:
        echo(render_text(data))
    return 0
