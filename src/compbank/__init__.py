"""compbank: the City of Los Angeles Competency Bank and class Competency Models, as data.

>>> import compbank
>>> bank = compbank.load()
>>> bank.competencies[34].name
'Customer Service'
>>> [(r.number, r.required_level) for r in bank.classes["7521"].requirements][:3]
[(8, None), (13, 2), (20, 1)]

Nothing is read at import time; the packaged data is loaded on the first `load()` and
cached. `__version__` is the code's version; `Bank.data_version` is the data's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compbank._version import __version__
from compbank.models import (
    Comparison,
    Competency,
    JobClass,
    LevelChange,
    LevelNumber,
    Note,
    Requirement,
)
from compbank.problems import DataError, Problem

if TYPE_CHECKING:
    from compbank._bank import Bank
    from compbank._load import check, load

__all__ = [
    "Bank",
    "Comparison",
    "Competency",
    "DataError",
    "JobClass",
    "LevelChange",
    "LevelNumber",
    "Note",
    "Problem",
    "Requirement",
    "__version__",
    "check",
    "load",
]

# Loading needs jsonschema and cattrs, which cost more to import than everything above;
# they are imported on first use, so that `import compbank` stays cheap.
_LAZY = {"Bank": "compbank._bank", "check": "compbank._load", "load": "compbank._load"}


if not TYPE_CHECKING:  # type checkers see the imports above, so typos stay errors

    def __getattr__(name: str) -> Any:  # noqa: ANN401 (module __getattr__ returns anything)
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'compbank' has no attribute {name!r}")
        import importlib  # noqa: PLC0415

        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(__all__)
