"""The property itself (`form_check.check`): it holds for a copy read right, and fails where
the reading is wrong. A property that cannot fail checks nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import form_check
import pytest
from form_check import Copy, Outcome, PropertyError, check
from form_corpus import remake
from form_draw import RECORDS
from form_model import Layout
from form_pdf import Page
from form_text import Transcription, transcription

if TYPE_CHECKING:
    from pathlib import Path

#: A synthetic record with a year in its title block.
DATED = next(r for r in RECORDS if r.job.year)


def _copy(folder: Path, *, code_form: str, form: str) -> Copy:
    """The dated record, set by our own typesetter with *code_form*, in *form*, whole."""
    layout = attrs.asdict(Layout(code_form=code_form))  # type: ignore[arg-type]
    layout["marking"], layout["decoys"] = sorted(layout["marking"]), []
    case = {
        **DATED.case(),
        "producer": "fpdf2",
        "layout": layout,
        "page": attrs.asdict(Page()),
        "form": form,
        "cut": None,
    }
    return remake(case, folder)


def _never_known(*_: object) -> None:
    return None


def _reading(
    monkeypatch: pytest.MonkeyPatch, change: Any, *, with_code: bool | None = None
) -> list[str | None]:
    """Make `form_check.run`'s results pass through *change* (those read with a code given,
    or without, or all: *with_code* None); the codes each run was given, in order."""
    real = form_check.run
    given: list[str | None] = []

    def run(copy: Copy, code: str | None = None) -> Outcome:
        given.append(code)
        outcome = real(copy, code) if code else real(copy)
        if outcome.result is None or with_code not in (None, code is not None):
            return outcome
        return attrs.evolve(outcome, result=change(outcome.result))

    monkeypatch.setattr(form_check, "run", run)
    return given


@pytest.mark.parametrize("form", ["pdf", "pdftotext"])
def test_a_year_not_read_from_a_whole_copy_fails_the_property(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy(tmp_path, code_form="block", form=form)
    check(copy, _never_known)
    _reading(monkeypatch, lambda result: attrs.evolve(result, year=None))
    with pytest.raises(PropertyError, match="header"):
        check(copy, _never_known)


@pytest.mark.parametrize("form", ["pdf", "pdftotext-layout"])
def test_a_title_block_without_a_code_is_read_again_with_the_code(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy(tmp_path, code_form="none", form=form)
    given = _reading(monkeypatch, lambda result: result)
    check(copy, _never_known)  # no code, and the year in brackets may be the code: neither
    assert given == [None, DATED.job.code]


@pytest.mark.parametrize(
    ("wrong", "with_code"),
    [
        # a year guessed from "(2021)" where no code is printed: which it is, is unknown
        (lambda result: attrs.evolve(result, year=DATED.job.year), False),
        # the code given, the year is known: it must be read
        (lambda result: attrs.evolve(result, year=None), True),
        # given the code, the list must be the one read without it
        (lambda result: attrs.evolve(result, listed=result.listed[1:]), True),
    ],
    ids=["year-guessed", "year-lost-with-code", "list-changed-with-code"],
)
def test_a_title_block_without_a_code_read_wrong_fails_the_property(
    wrong: Any, with_code: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy(tmp_path, code_form="none", form="pdf")
    _reading(monkeypatch, wrong, with_code=with_code)
    with pytest.raises(PropertyError):
        check(copy, _never_known)


def test_a_transcription_giving_the_title_alone_is_read_again_with_the_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    how = Transcription(code=False, bracket=True)
    text = transcription(DATED, how, frozenset({"bold"}))
    assert f"{DATED.job.title} ({DATED.job.year}) The following" in text  # no code at all
    case = {**DATED.case(), "transcription": attrs.asdict(how), "marking": ["bold"]}
    copy = Copy.of_text(DATED, "transcription-chrome", text, None, source=repr(how), case=case)
    given = _reading(monkeypatch, lambda result: result)
    check(copy, _never_known)
    assert given == [None, DATED.job.code]
    # the year in brackets read as the year, with no code to tell it from: a guess
    _reading(monkeypatch, lambda result: attrs.evolve(result, year=DATED.job.year), with_code=False)
    with pytest.raises(PropertyError, match="header"):
        check(copy, _never_known)
