"""Step 4: the values of two versions of a record that differ, each a `FieldChange`.

Values are compared as JSON (so ``1`` and ``true`` differ), objects key by key, lists item by
item aligned like lines in a text diff, and two texts word by word (`word_diff`).

>>> old, new = {"levels": {"2": "Serves well."}}, {"levels": {"2": "Serves well"}}
>>> [(c.path, c.label, c.status, c.words) for c in diff_values((), old, new)]
[("$.levels['2']", 'Level 2', 'changed', (('=', 'Serves well'), ('-', '.')))]
"""

from __future__ import annotations

import difflib
import json
from typing import Any, Literal

from compbank.diff.model import FieldChange
from compbank.diff.words import word_diff

#: How a reviewer calls each key of a record.
_LABELS = {
    "name": "Name",
    "aliases": "Alias",
    "definition": "Definition",
    "definition_items": "Definition item",
    "levels": "Level",
    "behavioral_indicators": "Behavioral indicator",
    "satisfactory": "Satisfactory",
    "superior": "Superior",
    "sources": "Source",
    "notes": "Note",
    "requirements": "Requirements",
    "title": "Title",
    "code": "Class code",
    "year": "Year",
    "source": "Source document",
    "number": "Number",
    "data_version": "Data version",
    "released": "Released",
    "schema_version": "Schema version",
    "$schema": "$schema",
}

#: Where a value is in a record: keys and list indexes, from the top.
Steps = tuple[str | int, ...]


def _label(steps: Steps) -> str:
    """A path's name for people: ``("levels", "2")`` is ``Level 2``, list items count from 1."""
    if not steps:
        return "Whole record"
    head, rest = steps[0], steps[1:]
    words = [_LABELS.get(str(head), str(head))]
    words += [str(s + 1) if isinstance(s, int) else s.replace("_", " ") for s in rest]
    return " ".join(words)


def _path(steps: Steps) -> str:
    """The JSON path of *steps*, written as problems write them: ``$.levels['2']``."""
    out = "$"
    for step in steps:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if step.isidentifier() else f"[{step!r}]"
    return out


def same(a: object, b: object) -> bool:
    """Whether two values are the same JSON value."""
    # 1 == True and 1 == 1.0 in Python, but not in a data file
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _change(
    steps: Steps,
    status: Literal["added", "removed", "changed"],
    old: object,
    new: object,
) -> FieldChange:
    words = word_diff(old, new) if isinstance(old, str) and isinstance(new, str) else None
    return FieldChange(_path(steps), _label(steps), status, old, new, words)


def diff_values(steps: Steps, old: object, new: object) -> list[FieldChange]:
    """The values under *steps* that differ between *old* and *new*."""
    if same(old, new):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[FieldChange] = []
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                out.append(_change((*steps, key), "removed", old[key], None))
            elif key not in old:
                out.append(_change((*steps, key), "added", None, new[key]))
            else:
                out += diff_values((*steps, key), old[key], new[key])
        return out
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(steps, old, new)
    return [_change(steps, "changed", old, new)]


def _diff_lists(steps: Steps, old: list[Any], new: list[Any]) -> list[FieldChange]:
    """Lists are aligned item by item, so an insertion shows as one added item."""
    a = [json.dumps(v, sort_keys=True) for v in old]
    b = [json.dumps(v, sort_keys=True) for v in new]
    out: list[FieldChange] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            out += diff_values((*steps, j1 + k), old[i1 + k], new[j1 + k])
        out += [_change((*steps, i), "removed", old[i], None) for i in range(i1 + paired, i2)]
        out += [_change((*steps, j), "added", None, new[j]) for j in range(j1 + paired, j2)]
    return out
