"""Every problem code and import finding kind says how to fix it (the reference lists both)."""

from __future__ import annotations

import pytest

from compbank import problems
from compbank.importer import compare


@pytest.mark.parametrize(
    ("codes", "fixes"),
    [(problems.CODES, problems.FIXES), (compare.FINDINGS, compare.FIXES)],
    ids=["problems", "findings"],
)
def test_every_code_says_how_to_fix_it(codes: dict[str, str], fixes: dict[str, str]) -> None:
    assert sorted(fixes) == sorted(codes)
    for code, fix in fixes.items():
        # a sentence of its own, not a copy of what the code means
        assert fix.strip() == fix, code
        assert len(fix.split()) >= 2, code
        assert fix != codes[code], code
