"""What a change to the data means: records added, removed and changed, field by field.

The diff compares the raw documents of two data directories, keyed by record (a
competency's number, a class's code), so it works on data that fails validation; a file that
does not parse is reported as a warning, never a crash. Results are data (`DataDiff`);
`to_markdown` and `to_dict` render them.

>>> from compbank.diff import diff_dirs, git_revision, to_markdown
>>> with git_revision("HEAD") as base:
...     d = diff_dirs(base, base, base_label="HEAD", head_label="HEAD")
>>> d.changed, d.records
(False, ())
>>> print(to_markdown(d), end="")
<!-- compbank-diff -->
### compbank diff `HEAD` → `HEAD`
<BLANKLINE>
No change to the data.

Warnings (`DiffWarning.code`, listed in `WARNINGS`) flag what a reviewer must check: content
changed but ``record_version`` not bumped, a competency number that now names a different
competency, data changed but ``CHANGELOG.md`` not, and files that could not be read.

The steps, one module each, in the order the data takes them:

- `words`: the word diff of two texts (`word_diff`), also used by `compbank.importer`.
- `model`: the results as frozen data (`DataDiff`, `RecordDiff`, `FieldChange`, ...).
- `sides`: reading a data directory as raw records, keyed for comparing.
- `fields`: the values of two versions of a record that differ.
- `compare`: comparing the records of two sides, with warnings (`diff_dirs`).
- `git`: a git revision's data directory, materialised for comparing (`git_revision`).
- `render`: the result as Markdown or JSON-ready data (`to_markdown`, `to_dict`).
"""

from __future__ import annotations

import warnings

from compbank.diff.compare import diff_dirs
from compbank.diff.git import RevisionError, git_revision
from compbank.diff.model import (
    WARNINGS,
    AreaChange,
    DataDiff,
    DiffWarning,
    FieldChange,
    FileChange,
    LevelEdit,
    RecordDiff,
    RecordKind,
    RequirementEntry,
    Status,
)
from compbank.diff.render import MARKER, to_dict, to_markdown
from compbank.diff.words import WordOp, word_diff

__all__ = [
    "MARKER",
    "WARNINGS",
    "AreaChange",
    "DataDiff",
    "DiffWarning",
    "FieldChange",
    "FileChange",
    "LevelEdit",
    "RecordDiff",
    "RecordKind",
    "RequirementEntry",
    "RevisionError",
    "Status",
    "WordOp",
    "diff_dirs",
    "git_revision",
    "to_dict",
    "to_markdown",
    "word_diff",
]


def __getattr__(name: str) -> type[LevelEdit]:
    # PEP 562: the old name still works for one release, with a warning; it is the same class,
    # so that only the library's `compbank.LevelChange` is a class of that name
    if name == "LevelChange":
        warnings.warn(
            "compbank.diff.LevelChange is deprecated and will be removed in the next release; "
            "use compbank.diff.LevelEdit (compbank.LevelChange is another class: the library's)",
            DeprecationWarning,
            stacklevel=2,
        )
        return LevelEdit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
