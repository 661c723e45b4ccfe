"""Step 3 of importing: an `ImportResult` as a report for people.

Results are data; this module only formats them (`ImportResult.to_dict` gives JSON's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from compbank.importer.compare import DRIFT, render_diff

if TYPE_CHECKING:
    from collections.abc import Sequence

    from compbank.importer import ImportResult, PlannedFile
    from compbank.problems import Problem

#: Drift in a competency's texts, reported under the competency.
_TEXT_DRIFT = frozenset({"text-differs", "line-break-in-sentence", "recorded-note"})
#: Findings on how the list was read (no drift): reported with the list and the body.
_LIST_READING = frozenset({"unlisted-name", "list-order"})
#: Findings on how a competency's texts were read (no drift): reported under it.
_TEXT_READING = frozenset({"pieces-as-bank"})
#: The findings given under their competency (a differing text is given with its diff).
_UNDER_COMPETENCY = _TEXT_DRIFT - {"text-differs"} | _TEXT_READING
_ACTIONS = {
    "create": "new",
    "replace": "replaces the existing file (needs --force)",
    "unchanged": "unchanged (the data already holds exactly this)",
    "kept": "exists with other content; left as it is",
}


def _where(line: int | None, result: ImportResult) -> str:
    if not line:
        return ""
    return f"{result.locate(line)}: "


_FORMS = {
    "sources": "",
    "wrapped": " [read as hard-wrapped plain text]",
    "pages": " [read as a one-line-per-page transcription]",
    "pdf": " [read from the PDF]",
}


def _listed(result: ImportResult) -> list[str]:
    out = ["", "Listed competencies:"]
    for e in result.listed:
        match = f"bank: {e.bank_name}" if e.bank_name else "NEW to the bank"
        prior = " (needed prior to job entry)" if e.prior_to_entry else ""
        out.append(f"  {e.number:>3}. {e.name}{prior} ({e.line}; {match})")
    return out if result.listed else []


def text(
    result: ImportResult,
    written: Sequence[PlannedFile] | None = None,
    problems: Sequence[Problem] = (),
    *,
    check_problems: Sequence[Problem] = (),
) -> str:
    """The readable report: per competency, the findings, and the files.

    *written* lists the files written (None for a dry run: nothing written). *problems*
    are the parts of a document read only in part; its report then gives what was read.
    *check_problems* are those the data would have had with the files written, which is
    why nothing was.
    """
    code = result.code or "(no class code)"
    out = [
        f"{result.document}: class {code} {result.title}"
        + (f" ({result.year})" if result.year else "")
        + _FORMS.get(result.form, ""),
        (
            f"  recorded as source {result.source}, compared with {result.data_dir}"
            if result.source
            else f"  compared with {result.data_dir}"
        ),
        f"  the required level is marked {result.announced}"
        if result.announced
        else "  the document does not say how it marks the required level",
    ]
    out += _listed(result)
    out += ["", "Competencies:"]
    by_competency: dict[int, list[str]] = {}
    for f in result.findings:
        # differing texts are shown with their diffs below; the rest of the drift here
        if f.competency is not None and f.kind in _UNDER_COMPETENCY:
            by_competency.setdefault(f.competency, []).append(
                f"[{f.kind}] {_where(f.line, result)}{f.message}"
                + (f": {f.found!r}" if f.found else "")
                + (" (recorded in the data)" if f.recorded else "")
            )
    for c in result.comparisons:
        status = {
            "identical": "identical to the bank",
            "differs": "DIFFERS from the bank",
            "new": "NEW to the bank",
        }[c.status]
        out.append(f"  {c.number:>3} {c.name} ({_where(c.line, result).rstrip(': ')}): {status}")
        for d in c.differences:
            recorded = any(
                f.kind == "text-differs"
                and f.competency == c.number
                and f.path == d.path
                and f.recorded
                for f in result.findings
            )
            where = _where(d.line, result).rstrip(": ")
            out.append(
                f"        {d.path} ({where}): {render_diff(d.segments)}"
                + (" (recorded in the data)" if recorded else "")
            )
        out += [f"        {line}" for line in by_competency.get(c.number, [])]
        if c.status != "new" and not c.source_listed:  # a copy the bank does not know yet
            out.append(f"        (the bank file's sources do not name {result.source})")
    drift_others = [f for f in result.findings if f.kind in (DRIFT - _TEXT_DRIFT) | _LIST_READING]
    levels = [f for f in result.findings if f.kind not in DRIFT | _LIST_READING | _TEXT_READING]
    out += ["", "List and body:"]
    out += [
        f"  [{f.kind}] {_where(f.line, result)}{f.message}" + (" (recorded)" if f.recorded else "")
        for f in drift_others
    ] or ["  the list and the body agree"]
    out += ["", "Required levels and marks:"]
    out += [
        f"  [{f.kind}] {_where(f.line, result)}{f.message}" + (" (recorded)" if f.recorded else "")
        for f in levels
    ] or ["  every required level is marked"]
    counts = {
        s: sum(c.status == s for c in result.comparisons) for s in ("identical", "differs", "new")
    }
    out += [
        "",
        (
            f"Summary: {len(result.comparisons)} competencies read: {counts['identical']} "
            f"identical, {counts['differs']} differ, {counts['new']} new; "
            f"{len(result.drift)} drift finding{'s' if len(result.drift) != 1 else ''}."
        ),
        "",
    ]
    if problems:
        out += ["", f"NOT READ IN FULL: {len(problems)} part(s) not read; nothing is written:"]
        out += [f"  {p.path}: [{p.code}] {p.message}" for p in problems]
        return "\n".join(out) + "\n"
    return "\n".join(out + _files(result, written, check_problems)) + "\n"


def _files(
    result: ImportResult,
    written: Sequence[PlannedFile] | None,
    check_problems: Sequence[Problem],
) -> list[str]:
    """The report's files: those written, or why none was, and what each would be."""
    out = []
    if check_problems:
        out += ["NOT WRITTEN: the data as written would not pass its checks:"]
        out += [f"  {p}" for p in check_problems]
        out.append("")
    if written is None:
        out.append(
            "Files (nothing written):"
            if check_problems
            else "Files (nothing written; --write writes them):"
        )
    else:
        out.append(f"Files ({len(written)} written):")
    done = {planned.file for planned in written or ()}
    for planned in result.files:
        action = _ACTIONS[planned.action]
        if planned.file in done:
            action = "written (" + ("new" if planned.action == "create" else "replaced") + ")"
        out.append(f"  {planned.file}: {action}")
    return out
