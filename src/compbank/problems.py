"""One error vocabulary for everything that checks data: `Problem` and `DataError`.

Every check returns `Problem` values; nothing prints or raises on its own. The library raises
them together as one `DataError`; the command line prints them; tests assert on their codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Every problem code with what it means. Codes are stable: tools and tests match on them.
CODES: dict[str, str] = {
    # reading a file
    "not-utf8": "the file is not valid UTF-8",
    "byte-order-mark": "the file starts with a byte-order mark (save it as UTF-8 without BOM)",
    "empty-file": "the file is empty",
    "file-too-large": "the file is larger than a data file may be",
    "json-syntax": "the file is not valid JSON",
    "duplicate-key": "an object has the same key twice",
    "json-constant": "NaN, Infinity and -Infinity are not JSON",
    "too-deep": "the document nests more deeply than any data file may",
    "unreadable-file": "the file could not be read",
    # the data directory
    "missing-directory": "a folder the data set needs is missing",
    "missing-release": "data/release.json is missing",
    "unexpected-file": "a file or folder that is not a data file stands in a data folder",
    "symlink-outside": "a symbolic link points outside the data directory",
    # JSON Schema
    "unsupported-schema-version": "the file follows a schema version this library does not know",
    "unknown-key": "a key the schema does not define",
    "missing-key": "a key the schema requires is missing",
    "wrong-type": "a value has the wrong JSON type",
    "out-of-range": "a number is outside its allowed range",
    "bad-value": "a value is not one of those allowed",
    "bad-format": "a string does not have the required form",
    "bad-text": (
        "a text is empty, begins or ends with whitespace, holds whitespace other than single"
        " spaces between words (a note's found may also hold line breaks), holds a control or"
        " format character (Unicode Cc, Cf, Zl, Zp), or is not in Unicode NFC"
    ),
    "bad-length": "a string or list is too short or too long",
    "duplicate-item": "a list holds the same item twice",
    "schema": "the value breaks another rule of the schema",
    "structure": "the value could not be turned into a model object",
    # across records
    "file-name-mismatch": "the file name does not match the record it holds",
    "duplicate-number": "two bank files hold the same competency number",
    "duplicate-code": "two class files hold the same class code",
    "duplicate-name": "two competencies share a name or alias",
    "unknown-competency": "a class requires a competency the bank does not have",
    "requirements-out-of-order": "a class's requirements are not in bank-number order",
    "duplicate-requirement": "a class requires the same competency twice",
    "unknown-source": "a record names a source document that data/sources/ does not hold",
    "bad-note-path": "a note's path does not point at a value of its record",
    # importing a competency-model document (the path is the document's "line N")
    "import-no-header": 'the document has no title "COMPETENCY MODEL FOR <CLASS TITLE>"',
    "import-bad-header": "the title block gives numbers that are neither its code nor a year",
    "import-no-code": "the document gives no class code, and none was given (--code)",
    "import-ambiguous-code": "a number after the title may be the class code or the year",
    "import-code-conflict": "the class code given (--code) is not the document's",
    "import-no-competencies": "the document lists and describes no competencies",
    "import-bad-section": "a competency's description lacks a part or has one out of place",
    "import-unknown-competency": "the list names a competency neither described nor in the bank",
    "import-incomplete": "the document ends before it is complete: a copy cut short",
    "pdf-unreadable": "the file starts as a PDF but cannot be read as one (damaged)",
    "pdf-truncated": "the PDF is cut short: it does not end with %%EOF",
    "pdf-encrypted": "the PDF is encrypted (needs a password)",
    "pdf-no-text": "the PDF has no text layer (scanned images); text is not recognised",
    "pdf-too-large": "the PDF is beyond the limits read (size, pages, a stream's size)",
    "pdf-support-missing": "reading PDFs needs pypdfium2: pip install 'compbank[pdf]'",
}


@attrs.frozen(slots=True)
class Problem:
    """One thing wrong with the data.

    Attributes:
        code: Stable identifier from `CODES`, e.g. ``"unknown-competency"``.
        file: The file concerned, as a path string (the data directory joined with the
            file's place in it).
        path: JSON path of the value concerned inside the file, e.g.
            ``"$.requirements[2].competency"``; ``"$"`` for the whole file.
        message: What is wrong, for people.

    >>> str(Problem("missing-key", "data/classes/1230-x.json", "$", "'title' is missing"))
    "data/classes/1230-x.json::$: [missing-key] 'title' is missing"
    """

    code: str
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}::{self.path}: [{self.code}] {self.message}"

    def to_dict(self) -> dict[str, str]:
        """The problem as a JSON-ready mapping (``code``, ``file``, ``path``, ``message``)."""
        return {"code": self.code, "file": self.file, "path": self.path, "message": self.message}


class DataError(Exception):
    """The data is invalid; `problems` holds every problem found, in file order.

    >>> try:
    ...     compbank.load("data/sources")  # a folder, but no data directory
    ... except compbank.DataError as e:
    ...     print(sorted({p.code for p in e.problems}))
    ['missing-directory', 'missing-release']
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self._summary())

    def _summary(self, shown: int = 10) -> str:
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} in the data:"]
        lines += [f"  {p}" for p in self.problems[:shown]]
        if n > shown:
            lines.append(f"  ... and {n - shown} more")
        return "\n".join(lines)
