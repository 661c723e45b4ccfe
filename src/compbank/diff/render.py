"""Step 6: a `DataDiff` for people (Markdown, for a pull-request comment) or programs (JSON).

>>> from compbank.diff import DataDiff, FieldChange, RecordDiff, word_diff
>>> change = FieldChange(
...     "$.superior", "Superior", "changed", "Serves customers.", "Serves all customers.",
...     word_diff("Serves customers.", "Serves all customers."),
... )
>>> record = RecordDiff(
...     "competency", "34", "Customer Service", "changed", base_version=1, head_version=2,
...     fields=(change,),
... )
>>> print(to_markdown(DataDiff("main", "HEAD", (record,), (), (), changelog_changed=True)))
<!-- compbank-diff -->
### compbank diff `main` → `HEAD`
<BLANKLINE>
Competencies: 1 changed.
<BLANKLINE>
#### Competencies
- **Changed:** 34. Customer Service (record_version 1 → 2)
  - Superior: Serves **all** customers.
<BLANKLINE>
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from compbank.diff.model import DataDiff, FieldChange, RecordDiff
    from compbank.diff.words import WordOp

_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")
#: The first line of every Markdown rendering, so that a bot can find and update its comment.
MARKER = "<!-- compbank-diff -->"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_words(ops: tuple[WordOp, ...]) -> str:
    parts = []
    previous = "="
    for op, text in ops:
        core = text.strip()
        if op == "=" or not core:
            parts.append(_md(text))
        else:
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            mark = "~~" if op == "-" else "**"
            gap = " " if previous == "-" and op == "+" and not lead else ""
            parts.append(f"{gap}{lead}{mark}{_md(core)}{mark}{trail}")
        previous = op
    return "".join(parts)


def _md_value(value: object) -> str:
    if isinstance(value, str):
        return _md(value)
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _md_field(change: FieldChange) -> str:
    if change.status == "added":
        return f"{change.label} added: **{_md_value(change.new)}**"
    if change.status == "removed":
        return f"{change.label} removed: ~~{_md_value(change.old)}~~"
    if change.words is not None:
        return f"{change.label}: {_md_words(change.words)}"
    return f"{change.label}: {_md_value(change.old)} → {_md_value(change.new)}"


def _level_name(level: int | None) -> str:
    return "unknown" if level is None else str(level)


def _md_record(r: RecordDiff) -> list[str]:
    name = f"{r.key}. {r.title}" if r.kind == "competency" else f"{r.key} {r.title}"
    if r.kind == "release":
        name = "release.json"
    if r.status != "changed":
        file = r.head_file or r.base_file
        return [f"- **{r.status.capitalize()}:** {_md(name)} (`{file}`)"]
    version = ""
    if r.kind != "release":
        version = f" (record_version {r.base_version} → {r.head_version})"
    out = [f"- **Changed:** {_md(name)}{version}"]
    if r.base_file != r.head_file:
        out.append(f"  - File renamed: `{r.base_file}` → `{r.head_file}`")
    out += [
        f"  - Required level of {lc.competency}. {_md(lc.name)} {lc.direction}: "
        f"{_level_name(lc.old)} → {_level_name(lc.new)}"
        for lc in r.levels
    ]
    out += [
        f"  - Requirement added: {e.competency}. {_md(e.name)} "
        f"(level {_level_name(e.required_level)})"
        for e in r.requirements_added
    ]
    out += [
        f"  - Requirement removed: {e.competency}. {_md(e.name)}" for e in r.requirements_removed
    ]
    for a in r.areas:
        where = "to" if a.status == "added" else "from"
        text = f"**{_md(a.text)}**" if a.status == "added" else f"~~{_md(a.text)}~~"
        out.append(f"  - Area {a.status} {where} {a.competency}. {_md(a.name)}: {text}")
    out += [f"  - {_md_field(c)}" for c in r.fields]
    return out


def _counts(records: tuple[RecordDiff, ...], what: str) -> str:
    """``competencies: 1 added, 2 changed`` (empty when there are none)."""
    by_status = {
        s: sum(1 for r in records if r.status == s) for s in ("added", "removed", "changed")
    }
    parts = [f"{n} {s}" for s, n in by_status.items() if n]
    return f"{what}: {', '.join(parts)}" if parts else ""


def to_markdown(diff: DataDiff) -> str:
    """The diff as Markdown, ready to post as a pull-request comment."""
    out = [MARKER, f"### compbank diff `{diff.base}` → `{diff.head}`", ""]
    if not diff.changed:
        out.append("No change to the data.")
    else:
        summary = [
            _counts(diff.competencies, "competencies"),
            _counts(diff.classes, "classes"),
        ]
        if any(r.kind == "release" for r in diff.records):
            summary.append("release.json changed")
        if diff.files:
            summary.append(f"{len(diff.files)} other file{'s' if len(diff.files) != 1 else ''}")
        text = "; ".join(s for s in summary if s)
        out.append(text[:1].upper() + text[1:] + ".")
    if diff.warnings:
        out += ["", f"#### Warnings ({len(diff.warnings)})"]
        out += [f"- ⚠️ **{w.code}** `{w.file}`: {_md(w.message)}" for w in diff.warnings]
    for title, records in (
        ("Release", tuple(r for r in diff.records if r.kind == "release")),
        ("Competencies", diff.competencies),
        ("Classes", diff.classes),
    ):
        if records:
            out += ["", f"#### {title}"]
            for r in records:
                out += _md_record(r)
    if diff.files:
        out += ["", "#### Other files"]
        out += [f"- {f.status.capitalize()}: `{f.path}`" for f in diff.files]
    return "\n".join(out) + "\n"


def to_dict(diff: DataDiff) -> dict[str, Any]:
    """The diff as JSON-ready data (``json.dumps(to_dict(diff))``).

    Each required level that moved also says how (``"direction": "raised"``), and the whole
    whether anything changed (``"changed"``).
    """
    data: dict[str, Any] = attrs.asdict(diff)
    for record, r in zip(data["records"], diff.records, strict=True):
        for level, lc in zip(record["levels"], r.levels, strict=True):
            level["direction"] = lc.direction
    data["changed"] = diff.changed
    return data
