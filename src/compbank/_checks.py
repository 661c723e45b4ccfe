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

from compbank import _text
from compbank._read import _key_path
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from collections.abc import Set as AbstractSet

    from compbank._schema import Kind
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
    return bank_file_name(c.number, c.name)


def bank_file_name(number: int, name: str) -> str:
    """The file name of bank competency *number* called *name*."""
    return f"{number:03d}-{slugify(name)}.json"


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
        expected, what = bank_file_name(number, name), f"competency {number} {name!r}"
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
    misnamed: AbstractSet[str] = frozenset(),
) -> list[Problem]:
    """No two bank files share a number, a name or an alias; no two class files a code.

    Each bank file is given as (file, number, its name then its aliases), each class file
    as (file, code): all this check reads of them, so that files checked in other processes
    need send back no more. A duplicate is reported where it was made: in the files after
    the one that holds it rightly, which is a file named after its record (not one of
    *misnamed*, the files with a ``file-name-mismatch``), and for a name, the record it
    names rather than one giving it as an alias.
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
        files.sort(key=lambda file: file in misnamed)
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
            places.sort(key=lambda place: (place[2] != "$.name", place[0] in misnamed))
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
        files.sort(key=lambda file: file in misnamed)
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
    Each mistake is one problem: a number the bank does not hold is unknown, and not also
    out of order; a number required again is a duplicate, and nothing more; the order is
    that of the numbers the bank holds, and a class out of order is one problem, at the
    first requirement that comes after a higher number.

    >>> (p,) = check_requirements([("x.json", [5, 3, 4])], {3, 4, 5})
    >>> p.path
    '$.requirements[1].competency'
    >>> p.message.partition(";")[0]
    'competency 3 comes after 5 (and 1 more requirement after a higher number)'
    """
    problems: list[Problem] = []
    for file, numbers in classes:
        if known_numbers.issuperset(numbers) and list(numbers) == sorted(set(numbers)):
            continue  # all known, each once, in order: the usual case, found without a loop
        seen: set[int] = set()
        previous = 0  # the highest number the bank holds that came before
        out_of_order: list[tuple[int, int, int]] = []  # (index, number, previous)
        for i, number in enumerate(numbers):
            path = f"$.requirements[{i}].competency"
            if number in seen:
                problems.append(
                    Problem(
                        "duplicate-requirement",
                        file,
                        path,
                        f"competency {number} is required more than once",
                    )
                )
                continue
            seen.add(number)
            if number not in known_numbers:
                problems.append(
                    Problem(
                        "unknown-competency",
                        file,
                        path,
                        f"competency {number} is not in the bank",
                    )
                )
                continue
            if number < previous:
                out_of_order.append((i, number, previous))
            previous = max(previous, number)
        if out_of_order:
            i, number, previous = out_of_order[0]
            more = len(out_of_order) - 1
            also = (
                f" (and {more} more requirement{'s' if more != 1 else ''} after a higher number)"
                if more
                else ""
            )
            problems.append(
                Problem(
                    "requirements-out-of-order",
                    file,
                    f"$.requirements[{i}].competency",
                    f"competency {number} comes after {previous}{also}; "
                    "requirements go in bank-number order",
                )
            )
    return problems


def check_sources(
    file: str, document: Mapping[str, Any], source_names: AbstractSet[str]
) -> list[Problem]:
    """Every source document a record or its notes name is in ``data/sources/``.

    A document missing there is reported once per record, where the record first names it.

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
    if not named:
        return []
    # one missing document is one problem in each record naming it, where first named
    first: dict[str, str] = {}
    for path, source in named:
        first.setdefault(source, path)
    return [
        Problem("unknown-source", file, path, f"{source} is not in data/sources/")
        for source, path in first.items()
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


@functools.cache
def _text_schema(kind: Kind) -> dict[str, Any]:
    from compbank._schema import inline_refs, schema  # noqa: PLC0415 (loaded when checking)

    return inline_refs(schema(kind))


_TEXT_RULES = _text.LINE_BREAKS_BY_PATTERN


def _texts(value: Any, node: dict[str, Any], path: str) -> Iterator[tuple[str, str, bool]]:  # noqa: ANN401
    """Every text in *value* that *node*, a schema, gives the text rule.

    Each is (path, text, whether it may hold line breaks); only where the document has the
    schema's shape, so that a document the schema refuses is read as far as it can be.
    """
    rule = _TEXT_RULES.get(node.get("pattern", ""))
    if rule is not None:
        if isinstance(value, str):
            yield path, value, rule
    elif isinstance(value, dict):
        properties = node.get("properties", {})
        for key, item in value.items():
            if key in properties:
                yield from _texts(item, properties[key], f"{path}{_key_path(key)}")
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for i, item in enumerate(value):
            yield from _texts(item, node["items"], f"{path}[{i}]")


def check_texts(kind: Kind, document: Any, file: str, raw: bytes | None = None) -> list[Problem]:  # noqa: ANN401
    r"""Each text of *document* in Unicode NFC and free of format characters beyond U+FFFF.

    The rest of the text rule (`compbank._text`) is the schemas' pattern, which the schema
    step checks; a text it refuses is not reported again here. Given *raw*, the bytes the
    document was read from, a file that cannot hold such a text is passed at once
    (`compbank._text.file_beyond_pattern`).
    """
    if raw is not None and not _text.file_beyond_pattern(raw):
        return []
    return [
        Problem("bad-text", file, path, f"the text {found}")
        for path, text, line_breaks in _texts(document, _text_schema(kind), "$")
        if _text.beyond_pattern(text)
        and _text.matches_pattern(text, line_breaks=line_breaks)
        and (found := _text.problem(text, line_breaks=line_breaks)) is not None
    ]
