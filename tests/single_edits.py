"""A corpus of single edits to the real data, each with the exact problems it must give.

One mistake is one problem, reported where it was made. Where an edit rightly gives more
than one, ``why`` says why: another record really is affected (a deleted bank file leaves
every class requiring it without its competency), or the one edit breaks two rules at the
same place. Edits that leave the data valid expect no problem: they pin that nothing is
reported where nothing is wrong.

Each edit is a function changing a copy of the data directory; `EDITS` maps its name to
(edit, expected problems as (code, file relative to the data directory, JSON path), why).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

BANK = "competency_bank/034-customer-service.json"
CLASS = "classes/1230-customer-service-representative.json"
CLASS_1336 = "classes/1336-utility-executive-secretary.json"
CLASS_7521 = "classes/7521-senior-electric-service-representative.json"
CLASS_7625 = "classes/7625-director-of-communications-services.json"
RELEASE = "release.json"

#: The classes requiring competency 34, each with the place it stands in their requirements.
REQUIRING_34 = [
    ("unknown-competency", CLASS, "$.requirements[7].competency"),
    ("unknown-competency", CLASS_1336, "$.requirements[5].competency"),
    ("unknown-competency", CLASS_7521, "$.requirements[4].competency"),
]

Edit = Callable[[Path], object]
Expected = list[tuple[str, str, str]]


class Case(NamedTuple):
    """One edit, the problems it gives, and why, where they are more than one."""

    edit: Edit
    problems: Expected
    why: str = ""


def change(name: str, how: Callable[[Any], object]) -> Edit:
    """An edit of the JSON content of the data file *name*."""

    def edit(root: Path) -> None:
        path = root / name
        document = json.loads(path.read_text(encoding="utf-8"))
        how(document)
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")

    return edit


def replace_text(name: str, old: str, new: str) -> Edit:
    """An edit of the text of the data file *name*, its first *old* made *new*."""

    def edit(root: Path) -> None:
        path = root / name
        content = path.read_text(encoding="utf-8")
        assert old in content
        path.write_text(content.replace(old, new, 1), encoding="utf-8")

    return edit


def rename(name: str, new: str) -> Edit:
    """Rename the data file *name* to *new*, in the same directory."""
    return lambda root: (root / name).rename(root / new)


def delete(name: str) -> Edit:
    """Delete the data file *name*."""
    return lambda root: (root / name).unlink()


def copy(name: str, new: str) -> Edit:
    """Copy the data file *name* to *new*."""
    return lambda root: shutil.copyfile(root / name, root / new)


def _requirements(document: Any) -> list[Any]:
    requirements: list[Any] = document["requirements"]
    return requirements


def _first_to(document: Any, number: int) -> None:
    _requirements(document)[0]["competency"] = number


def _last_to_front(document: Any) -> None:
    requirements = _requirements(document)
    requirements.insert(0, requirements.pop())


def _swap_first_two(document: Any) -> None:
    r = _requirements(document)
    r[0], r[1] = r[1], r[0]


COPY_34 = "competency_bank/034-customer-service-copy.json"

EDITS: dict[str, Case] = {
    # --- a bank file: its number
    "bank-number-changed": Case(
        change(BANK, lambda d: d.update(number=35)),
        [("file-name-mismatch", BANK, "$")],
    ),
    "bank-number-taken": Case(
        change(BANK, lambda d: d.update(number=33)),
        [("file-name-mismatch", BANK, "$"), ("duplicate-number", BANK, "$.number")],
        "33 breaks two rules in the edited file: it is not the file name's number, and "
        "033-interpersonal-skills.json, named after it, holds it already",
    ),
    "bank-number-out-of-range": Case(
        change(BANK, lambda d: d.update(number=0)), [("out-of-range", BANK, "$.number")]
    ),
    "bank-number-as-text": Case(
        change(BANK, lambda d: d.update(number="34")), [("wrong-type", BANK, "$.number")]
    ),
    "bank-number-removed": Case(
        change(BANK, lambda d: d.pop("number")), [("missing-key", BANK, "$")]
    ),
    "bank-file-duplicated": Case(
        copy(BANK, COPY_34),
        [("file-name-mismatch", COPY_34, "$"), ("duplicate-number", COPY_34, "$.number")],
        "the copy is misnamed and holds the number of the file named after it: both in the copy",
    ),
    # --- its name
    "bank-name-changed": Case(
        change(BANK, lambda d: d.update(name="Customer Services")),
        [("file-name-mismatch", BANK, "$")],
    ),
    "bank-name-taken": Case(
        change(BANK, lambda d: d.update(name="Interpersonal Skills")),
        [("file-name-mismatch", BANK, "$"), ("duplicate-name", BANK, "$.name")],
        "the name is not the file's, and competency 33 has it: both in the edited file",
    ),
    "bank-name-in-other-case": Case(change(BANK, lambda d: d.update(name="customer service")), []),
    "bank-name-removed": Case(change(BANK, lambda d: d.pop("name")), [("missing-key", BANK, "$")]),
    "bank-name-trailing-space": Case(
        change(BANK, lambda d: d.update(name="Customer Service ")), [("bad-text", BANK, "$.name")]
    ),
    "bank-alias-another-name": Case(
        change(BANK, lambda d: d.update(aliases=["Credibility"])),
        [("duplicate-name", BANK, "$.aliases[0]")],
    ),
    # --- its levels
    "bank-level-changed": Case(
        change(BANK, lambda d: d["levels"].update({"2": "Promotes positive customer service."})),
        [],
    ),
    "bank-level-removed": Case(
        change(BANK, lambda d: d["levels"].pop("2")), [("missing-key", BANK, "$.levels")]
    ),
    "bank-level-added": Case(
        change(BANK, lambda d: d["levels"].update({"4": "More."})),
        [("unknown-key", BANK, "$.levels")],
    ),
    "bank-level-emptied": Case(
        change(BANK, lambda d: d["levels"].update({"2": ""})),
        [("bad-text", BANK, "$.levels['2']")],
    ),
    # --- its sources and notes
    "bank-source-unknown": Case(
        change(BANK, lambda d: d["sources"].__setitem__(0, "9999-no-such-document.txt")),
        [("unknown-source", BANK, "$.sources[0]")],
    ),
    "bank-source-duplicated": Case(
        change(BANK, lambda d: d["sources"].append(d["sources"][0])),
        [("duplicate-item", BANK, "$.sources")],
    ),
    "bank-sources-removed": Case(
        change(BANK, lambda d: d.pop("sources")), [("missing-key", BANK, "$")]
    ),
    "bank-note-path-changed": Case(
        change(BANK, lambda d: d["notes"][0].update(path="$.satisfactry")),
        [("bad-note-path", BANK, "$.notes[0].path")],
    ),
    "bank-note-source-changed": Case(
        change(BANK, lambda d: d["notes"][0].update(source="9999-no-such-document.txt")),
        [("unknown-source", BANK, "$.notes[0].source")],
    ),
    "bank-note-kind-changed": Case(
        change(BANK, lambda d: d["notes"][0].update(kind="typo")),
        [("bad-value", BANK, "$.notes[0].kind")],
    ),
    "bank-note-removed": Case(change(BANK, lambda d: d.update(notes=[])), []),
    # --- its versions and its JSON
    "bank-schema-version": Case(
        change(BANK, lambda d: d.update(schema_version=2)),
        [("unsupported-schema-version", BANK, "$.schema_version")],
    ),
    "bank-record-version-zero": Case(
        change(BANK, lambda d: d.update(record_version=0)),
        [("out-of-range", BANK, "$.record_version")],
    ),
    "bank-json-broken": Case(
        replace_text(BANK, '"levels": {', '"levels" {'), [("json-syntax", BANK, "$")]
    ),
    "bank-key-twice": Case(
        replace_text(BANK, '"aliases": [],', '"aliases": [], "aliases": [],'),
        [("duplicate-key", BANK, "$")],
    ),
    # --- the file itself
    "bank-file-renamed": Case(
        rename(BANK, "competency_bank/035-customer-service.json"),
        [("file-name-mismatch", "competency_bank/035-customer-service.json", "$")],
    ),
    "bank-file-deleted": Case(
        delete(BANK),
        REQUIRING_34,
        "the bank no longer holds 34: each class requiring it really is affected",
    ),
    "bank-file-renamed-away": Case(
        rename(BANK, "competency_bank/034-customer-service.json.bak"),
        [("unexpected-file", "competency_bank/034-customer-service.json.bak", "$"), *REQUIRING_34],
        "a .bak file is not read, so the bank no longer holds 34 (as if deleted), and the "
        "file stands where only data files may",
    ),
    # --- a class file: its code and title
    "class-code-changed": Case(
        change(CLASS, lambda d: d.update(code="1231")), [("file-name-mismatch", CLASS, "$")]
    ),
    "class-code-taken": Case(
        change(CLASS, lambda d: d.update(code="1336")),
        [("file-name-mismatch", CLASS, "$"), ("duplicate-code", CLASS, "$.code")],
        "1336 is not the file name's code, and the file named after it holds it: both in the "
        "edited file",
    ),
    "class-code-invalid": Case(
        change(CLASS, lambda d: d.update(code="12a0")), [("bad-format", CLASS, "$.code")]
    ),
    "class-title-changed": Case(
        change(CLASS, lambda d: d.update(title="CUSTOMER SERVICE AGENT")),
        [("file-name-mismatch", CLASS, "$")],
    ),
    # --- its requirements
    "class-first-requirement-unknown": Case(
        change(CLASS, lambda d: _first_to(d, 999)),
        [("unknown-competency", CLASS, "$.requirements[0].competency")],
    ),
    "class-requirement-unknown": Case(
        change(CLASS, lambda d: _requirements(d)[3].update(competency=35)),
        [("unknown-competency", CLASS, "$.requirements[3].competency")],
    ),
    "class-requirements-swapped": Case(
        change(CLASS, _swap_first_two),
        [("requirements-out-of-order", CLASS, "$.requirements[1].competency")],
    ),
    "class-last-requirement-first": Case(
        change(CLASS, _last_to_front),
        [("requirements-out-of-order", CLASS, "$.requirements[1].competency")],
    ),
    "class-requirement-duplicated": Case(
        change(CLASS, lambda d: _requirements(d).insert(2, dict(_requirements(d)[1]))),
        [("duplicate-requirement", CLASS, "$.requirements[2].competency")],
    ),
    "class-requirement-removed": Case(change(CLASS, lambda d: _requirements(d).pop(3)), []),
    "class-requirement-removed-under-a-note": Case(
        change(CLASS_7625, lambda d: _requirements(d).pop()),
        [("bad-note-path", CLASS_7625, "$.notes[7].path")],
    ),
    "class-requirements-emptied": Case(
        change(CLASS, lambda d: d.update(requirements=[])),
        [("bad-length", CLASS, "$.requirements")],
    ),
    "class-requirement-number-as-text": Case(
        change(CLASS, lambda d: _requirements(d)[0].update(competency="2")),
        [("wrong-type", CLASS, "$.requirements[0].competency")],
    ),
    # --- its levels and areas
    "class-level-changed": Case(
        change(CLASS, lambda d: _requirements(d)[0].update(required_level=2)), []
    ),
    "class-level-out-of-range": Case(
        change(CLASS, lambda d: _requirements(d)[0].update(required_level=4)),
        [("out-of-range", CLASS, "$.requirements[0].required_level")],
    ),
    "class-level-removed": Case(
        change(CLASS, lambda d: _requirements(d)[0].pop("required_level")),
        [("missing-key", CLASS, "$.requirements[0]")],
    ),
    "class-area-removed": Case(
        change(CLASS_1336, lambda d: _requirements(d)[1]["areas"].pop()), []
    ),
    "class-area-emptied": Case(
        change(CLASS_1336, lambda d: _requirements(d)[1]["areas"].__setitem__(0, "")),
        [("bad-text", CLASS_1336, "$.requirements[1].areas[0]")],
    ),
    "class-area-line-break": Case(
        change(CLASS_1336, lambda d: _requirements(d)[1]["areas"].append("Knowledge\nof it.")),
        [("bad-text", CLASS_1336, "$.requirements[1].areas[4]")],
    ),
    # --- its source, notes, year, versions and JSON
    "class-source-unknown": Case(
        change(CLASS, lambda d: d.update(source="9999-no-such-document.txt")),
        [("unknown-source", CLASS, "$.source")],
    ),
    "class-note-path-changed": Case(
        change(CLASS, lambda d: d["notes"][0].update(path="$.requirements[20]")),
        [("bad-note-path", CLASS, "$.notes[0].path")],
    ),
    "class-note-copied-with-unknown-kind": Case(
        change(CLASS_7625, lambda d: d["notes"].append({**d["notes"][0], "kind": "typo"})),
        [("bad-value", CLASS_7625, "$.notes[9].kind")],
    ),
    "class-year-out-of-range": Case(
        change(CLASS, lambda d: d.update(year=1800)), [("out-of-range", CLASS, "$.year")]
    ),
    "class-record-version-as-text": Case(
        change(CLASS, lambda d: d.update(record_version="1")),
        [("wrong-type", CLASS, "$.record_version")],
    ),
    "class-json-broken": Case(
        replace_text(CLASS, '"code":', '"code" "'), [("json-syntax", CLASS, "$")]
    ),
    "class-file-renamed": Case(
        rename(CLASS, "classes/1230-customer-service.json"),
        [("file-name-mismatch", "classes/1230-customer-service.json", "$")],
    ),
    "class-file-deleted": Case(delete(CLASS), []),
    # --- the release file
    "release-data-version-invalid": Case(
        change(RELEASE, lambda d: d.update(data_version="1.0")),
        [("bad-format", RELEASE, "$.data_version")],
    ),
    "release-schema-version": Case(
        change(RELEASE, lambda d: d.update(schema_version=2)),
        [("unsupported-schema-version", RELEASE, "$.schema_version")],
    ),
    "release-date-removed": Case(
        change(RELEASE, lambda d: d.pop("released")), [("missing-key", RELEASE, "$")]
    ),
    "release-json-broken": Case(replace_text(RELEASE, "}", "},"), [("json-syntax", RELEASE, "$")]),
    "release-file-deleted": Case(delete(RELEASE), [("missing-release", RELEASE, "$")]),
    # --- a source document
    "source-file-deleted": Case(
        delete("sources/7521-senior-electric-service-representative.txt"),
        [
            ("unknown-source", "competency_bank/008-safety-focus.json", "$.sources[0]"),
            ("unknown-source", "competency_bank/013-stress-tolerance.json", "$.sources[1]"),
            ("unknown-source", "competency_bank/020-job-knowledge.json", "$.sources[2]"),
            ("unknown-source", "competency_bank/028-supervision.json", "$.sources[1]"),
            ("unknown-source", BANK, "$.sources[2]"),
            ("unknown-source", "competency_bank/045-oral-communication.json", "$.sources[1]"),
            ("unknown-source", "competency_bank/050-process-improvement.json", "$.sources[0]"),
            ("unknown-source", "competency_bank/053-leadership.json", "$.sources[0]"),
            ("unknown-source", CLASS_7521, "$.source"),
        ],
        "each record naming the document really is affected: one problem in each, where it "
        "first names it (020, 034 and class 7521 name it in a note too)",
    ),
}
