"""Every generated copy that once failed, imported again (``corpus/``, see `form_corpus`).

A case whose failure is still open (``"open": true``) must still fail, and is reported as
an xfail naming its id; the day it passes this test fails, so that the case is marked fixed
(``"open": false``) and its `form_check.KNOWN_FAILURES` entry goes. A fixed case must pass,
for ever.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from form_check import PropertyError, check
from form_corpus import cases, load, remake


def _never_known(*_: object) -> None:
    return None


@pytest.mark.parametrize("path", cases(), ids=lambda p: p.stem)
def test_corpus_case(path: Path, tmp_path: Path) -> None:
    case = load(path)
    copy = remake(case, tmp_path)
    if not case["open"]:
        check(copy, _never_known)
        return
    try:
        check(copy, _never_known)
    except PropertyError as e:
        pytest.xfail(f"{case['failure']} is open ({case['summary']}): {e}"[:300])
    pytest.fail(f'{case["failure"]} passes now: mark {path.name} fixed ("open": false)')
