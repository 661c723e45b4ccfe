"""Step 4 of loading: rules that span records. Each rule has its own stable problem code.

Every function takes what loading has read so far and returns problems; none raises.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from collections.abc import Set as AbstractSet

    from compbank.models import Competency


def slugify(text: str) -> str:
    """The file-name slug of a name or title: lower case, words joined by hyphens.

    >>> slugify("Responsiveness and Follow-Up")
    'responsiveness-and-follow-up'
    """
    # ASCII has nothing to decompose (and most names are ASCII)
    ascii_text = (
        text
        if text.isascii()
        else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("&", " and ")).strip("-")


def name_key(name: str) -> str:
    """A name reduced for matching: case, punctuation and ``&``/``and`` do not matter.

    >>> name_key("Judgment & Decision Making") == name_key("JUDGMENT AND DECISION-MAKING")
    True
    """
    return slugify(name).replace("-", " ")


def competency_file_name(c: Competency) -> str:
    """The file name a competency must have, e.g. ``034-customer-service.json``."""
    return f"{c.number:03d}-{slugify(c.name)}.json"


def class_file_name(code: str, title: str) -> str:
    """The file name a class must have, e.g. ``1230-customer-service-representative.json``."""
    return f"{code}-{slugify(title)}.json"


def check_file_name(file: str, document: Mapping[str, Any]) -> list[Problem]:
    """The file of a bank or class record is named after the record it holds.

    *document* is the file's content, valid against its schema (a bank file has a
    ``number``, a class file a ``code``).
    """
    if "number" in document:
        number, name = document["number"], document["name"]
        expected, what = f"{number:03d}-{slugify(name)}.json", f"competency {number} {name!r}"
    else:
        code, title = document["code"], document["title"]
        expected, what = class_file_name(code, title), f"class {code} {title!r}"
    if os.path.basename(file) == expected:  # noqa: PTH119 (file names are str here)
        return []
    msg = f"holds {what}, so it must be named {expected}"
    return [Problem("file-name-mismatch", file, "$", msg)]


def check_unique(
    competencies: Iterable[tuple[str, int, Sequence[str]]],
    classes: Iterable[tuple[str, str]],
) -> list[Problem]:
    """No two bank files share a number, a name or an alias; no two class files a code.

    Each bank file is given as (file, number, its name then its aliases), each class file
    as (file, code): all this check reads of them, so that files checked in other processes
    need send back no more.
    """
    problems: list[Problem] = []
    by_number: dict[int, list[str]] = defaultdict(list)
    by_name: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for file, number, names in competencies:
        by_number[number].append(file)
        for i, name in enumerate(names):
            path = "$.name" if i == 0 else f"$.aliases[{i - 1}]"
            by_name[name_key(name)].append((file, number, path))
    for number, files in by_number.items():
        if len(files) < 2:
            continue  # the usual case, without making a generator for it
        problems.extend(
            Problem(
                "duplicate-number",
                file,
                "$.number",
                f"competency {number} is also in {', '.join(f for f in files if f != file)}",
            )
            for file in files[1:]
        )
    for places in by_name.values():
        numbers = {n for _, n, _ in places}
        if len(numbers) > 1:
            first_file, first_number, _ = places[0]
            problems.extend(
                Problem(
                    "duplicate-name",
                    file,
                    path,
                    f"competency {number} shares this name with competency {first_number} "
                    f"({first_file})",
                )
                for file, number, path in places[1:]
                if number != first_number
            )
    by_code: dict[str, list[str]] = defaultdict(list)
    for file, code in classes:
        by_code[code].append(file)
    for code, files in by_code.items():
        if len(files) < 2:
            continue
        problems.extend(
            Problem(
                "duplicate-code",
                file,
                "$.code",
                f"class {code} is also in {', '.join(f for f in files if f != file)}",
            )
            for file in files[1:]
        )
    return problems


def check_requirements(
    classes: Iterable[tuple[str, Sequence[int]]], known_numbers: set[int]
) -> list[Problem]:
    """Requirements name bank competencies, each once, in bank-number order.

    Each class file is given as (file, the competency numbers it requires, in its order).
    """
    problems: list[Problem] = []
    for file, numbers in classes:
        if known_numbers.issuperset(numbers) and list(numbers) == sorted(set(numbers)):
            continue  # all known, each once, in order: the usual case, found without a loop
        seen: set[int] = set()
        previous = 0
        for i, number in enumerate(numbers):
            path = f"$.requirements[{i}].competency"
            if number not in known_numbers:
                problems.append(
                    Problem(
                        "unknown-competency",
                        file,
                        path,
                        f"competency {number} is not in the bank",
                    )
                )
            if number in seen:
                problems.append(
                    Problem(
                        "duplicate-requirement",
                        file,
                        path,
                        f"competency {number} is required more than once",
                    )
                )
            elif number < previous:
                problems.append(
                    Problem(
                        "requirements-out-of-order",
                        file,
                        path,
                        f"competency {number} comes after {previous}; "
                        "requirements go in bank-number order",
                    )
                )
            seen.add(number)
            previous = max(previous, number)
    return problems


def check_sources(
    file: str, document: Mapping[str, Any], source_names: AbstractSet[str]
) -> list[Problem]:
    """Every source document a record or its notes name is in ``data/sources/``.

    *document* is the content of a bank or class file, valid against its schema.
    """
    # (path, source) only for the sources not found: most are, and need no path made
    named = [
        (f"$.sources[{i}]", source)
        for i, source in enumerate(document.get("sources", ()))
        if source not in source_names
    ]
    if "source" in document and document["source"] not in source_names:
        named.append(("$.source", document["source"]))
    named += [
        (f"$.notes[{i}].source", note["source"])
        for i, note in enumerate(document["notes"])
        if note["source"] not in source_names
    ]
    return [
        Problem("unknown-source", file, path, f"{source} is not in data/sources/")
        for path, source in named
    ]


_STEP = re.compile(r"\.([A-Za-z_$][A-Za-z0-9_]*)|\[(\d+)\]|\['([^']*)'\]")


@functools.lru_cache(maxsize=1024)
def _steps(path: str) -> tuple[str | int, ...] | None:
    """The keys (str) and indexes (int) of a JSON path, None if it is not one.

    Cached: records' notes name the same few paths (``$.superior``) again and again.
    """
    if not path.startswith("$"):
        return None
    steps: list[str | int] = []
    pos = 1
    while pos < len(path):
        m = _STEP.match(path, pos)
        if m is None:
            return None
        key = m.group(1) if m.group(1) is not None else m.group(3)
        steps.append(int(m.group(2)) if key is None else key)
        pos = m.end()
    return tuple(steps)


def resolve_path(document: Any, path: str) -> tuple[bool, Any]:  # noqa: ANN401
    """Follow a JSON path such as ``$.requirements[2].competency``; (found, value)."""
    steps = _steps(path)
    if steps is None:
        return False, None
    value = document
    for step in steps:
        if isinstance(step, str):
            if not isinstance(value, dict) or step not in value:
                return False, None
        elif not isinstance(value, list) or step >= len(value):
            return False, None
        value = value[step]
    return True, value


def check_note_paths(documents: Mapping[str, dict[str, Any]]) -> list[Problem]:
    """Each note's ``path`` points at a value of the record that holds the note."""
    problems: list[Problem] = []
    for file, document in documents.items():
        for i, note in enumerate(document.get("notes", ())):
            found, _ = resolve_path(document, note["path"])
            if not found:
                problems.append(
                    Problem(
                        "bad-note-path",
                        file,
                        f"$.notes[{i}].path",
                        f"{note['path']} is not a value of this record",
                    )
                )
    return problems
