"""Close matches for a key that names nothing: the "did you mean" of the subcommands.

Each function returns the matches as ``"KEY (NAME)"`` strings, best first, and nothing when
no match is close enough.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank import Bank


def class_suggestions(key: str, bank: Bank) -> list[str]:
    """Classes close to *key*: by code when *key* is digits, else by title."""
    import difflib  # noqa: PLC0415 (only when a key names nothing)

    if key.isdigit():
        codes = difflib.get_close_matches(key, list(bank.classes), n=2, cutoff=0.5)
    else:
        titles = {jc.title.casefold(): code for code, jc in bank.classes.items()}
        picked = difflib.get_close_matches(key.casefold(), list(titles), n=2, cutoff=0.6)
        codes = [titles[t] for t in picked]
    return [f"{code} ({bank.classes[code].title})" for code in codes]


def competency_suggestions(key: str, bank: Bank) -> list[str]:
    """Competencies close to *key*: the nearest numbers when it is digits, else by name."""
    import difflib  # noqa: PLC0415 (only when a key names nothing)

    if key.isdigit():
        numbers = sorted(bank.competencies, key=lambda n: (abs(n - int(key)), n))[:2]
        return [f"{n} ({bank.competencies[n].name})" for n in numbers]
    names = {c.name.casefold(): c for c in bank.competencies.values()}
    picked = difflib.get_close_matches(key.casefold(), list(names), n=3, cutoff=0.6)
    return [f"{names[k].number} ({names[k].name})" for k in picked]


def suggestions(key: str, bank: Bank) -> list[str]:
    """Classes or competencies close to *key*, which may name either.

    Up to three digits is a competency number, four or more a class code, anything else a
    competency name.
    """
    if key.isdigit() and len(key) >= 4:
        return class_suggestions(key, bank)
    return competency_suggestions(key, bank)


def did_you_mean(close: Sequence[str]) -> str:
    """``"; did you mean A or B?"`` for the matches *close*, or ``""`` if there are none."""
    return f"; did you mean {' or '.join(close)}?" if close else ""
