"""One error vocabulary for everything that checks data: `Problem` and `DataError`.

Every check returns `Problem` values; nothing prints or raises on its own. The library raises
them together as one `DataError`; the command line prints them; tests assert on their codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Every problem code with what it means. Codes are stable; tools and tests match on them.
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

#: How to fix each problem of `CODES`, for people (the reference pages list both).
FIXES: dict[str, str] = {
    "not-utf8": "Save the file as UTF-8 (without a byte-order mark).",
    "byte-order-mark": "Save the file as UTF-8 without a byte-order mark.",
    "empty-file": "Restore the record from version control, or delete the file.",
    "file-too-large": (
        "A data file holds one record and stays far under 1 MiB: check that the file is the"
        " record it is named for, not something pasted into it."
    ),
    "json-syntax": (
        "Correct the JSON at the line and column given (a trailing comma, a comment, single"
        " quotes, a missing bracket); then run compbank fmt to lay it out."
    ),
    "duplicate-key": "Keep one of the two keys: JSON readers disagree on which would win.",
    "json-constant": "Write a number, or null for an unknown value.",
    "too-deep": "Restore the record's shape from its schema: no data file nests that deeply.",
    "unreadable-file": (
        "Check that the path is a regular file you can read (permissions, a broken link)."
    ),
    "missing-directory": (
        "Point the command at a data directory (the folder holding release.json,"
        " competency_bank/, classes/ and sources/), or create the folder named."
    ),
    "missing-release": (
        "Add release.json with the data's schema_version, data_version and released date."
    ),
    "unexpected-file": (
        "Move the file out of the data folder (notes and drafts belong elsewhere), or give a"
        " data file the .json extension in lower case."
    ),
    "symlink-outside": "Copy the file into the data directory instead of linking to it.",
    "unsupported-schema-version": (
        "Upgrade compbank (pip install -U compbank) or write the file in a schema version it knows."
    ),
    "unknown-key": "Remove the key, or correct its spelling to one the schema defines.",
    "missing-key": "Add the key the message names (the schema says what it holds).",
    "wrong-type": (
        "Give the value the JSON type the schema asks for (a string, an integer, a list)."
    ),
    "out-of-range": (
        "Give a number within the range: levels are 1 to 3, numbers and versions start at 1."
    ),
    "bad-value": "Use one of the values the message lists.",
    "bad-format": (
        "Write the value in the form the message names: a class code of four digits, a date"
        " as YYYY-MM-DD, a version as X.Y.Z, a source as CODE-slug.txt or .pdf; no line break"
        " at the end."
    ),
    "bad-text": (
        "Remove the character the message names (compbank fmt writes invisible ones as \\u"
        " escapes so they can be seen); join words with single spaces; save accented letters"
        " composed (NFC). Never change the words themselves."
    ),
    "bad-length": (
        "Fill in the empty string or list, or shorten it to the length the schema allows."
    ),
    "duplicate-item": "Remove the repeated item.",
    "schema": "Read the message for the rule broken, and correct the value to follow the schema.",
    "structure": "Correct the value to the shape the schema describes.",
    "file-name-mismatch": (
        "Rename the file to the record it holds (NNN-slug.json for a competency, CODE-slug.json"
        " for a class), or correct the number or code inside it."
    ),
    "duplicate-number": "Give each competency its own number, or delete the copy.",
    "duplicate-code": "Keep one file per class code: merge or delete the copy.",
    "duplicate-name": "Give each competency its own name and aliases: remove the repeated one.",
    "unknown-competency": (
        "Add the competency to competency_bank/ (compbank import does so from its document),"
        " or correct the number the class requires."
    ),
    "requirements-out-of-order": "Sort the class's requirements by competency number.",
    "duplicate-requirement": "Keep one requirement per competency.",
    "unknown-source": "Add the document to sources/ under the name given, or correct the name.",
    "bad-note-path": "Point the note's path at a value its record holds, e.g. $.superior.",
    "import-no-header": (
        "Check that the file is a competency model; a copy that lost its title block cannot"
        " be imported."
    ),
    "import-bad-header": (
        "Give the class code with --code, or import a cleaner copy of the document."
    ),
    "import-no-code": "Give the class code with --code.",
    "import-ambiguous-code": "Give the class code with --code.",
    "import-code-conflict": "Drop --code, or give the code the document itself states.",
    "import-no-competencies": "Check that the file is a whole competency model, not a cover page.",
    "import-bad-section": (
        "Open the document at the line given: import a complete copy of it, or one in"
        " another form (the PDF rather than an extracted text)."
    ),
    "import-unknown-competency": (
        "Import a copy that describes the competency, or add it to the bank first."
    ),
    "import-incomplete": "Import a complete copy of the document.",
    "pdf-unreadable": "Download the PDF again; a damaged copy cannot be read.",
    "pdf-truncated": "Download the PDF again: the copy is cut short.",
    "pdf-encrypted": "Save an unencrypted copy of the PDF and import that.",
    "pdf-no-text": "Import a PDF with a text layer, or a transcription of the document.",
    "pdf-too-large": "Import the competency model alone, not a document it is bound into.",
    "pdf-support-missing": "pip install 'compbank[pdf]'",
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
