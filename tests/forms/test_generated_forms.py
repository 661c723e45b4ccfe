"""The importer over generated forms: any class record, any form a person meets, any cut.

Hypothesis draws a class record (the five of ``data/`` or a synthetic one), a form, a layout
and a cut; the record is the oracle (see `form_model.expected_requirements`). The property:

- the header (code, title, year) is exact;
- the list is exact whenever the cut falls after it;
- each level read equals the record's where the form keeps emphasis (PDF), unless the layout
  hides it on purpose (`form_model.expected_level`); no level is read anywhere else;
- each text read equals the record's (every competency compared is ``identical``);
- what was not read is reported: `IncompleteImportError`, naming each competency not read.

A copy cut short at a sentence's end can end exactly where a complete document might: there
the last competency's texts may be read short, and only that.

The budget: the loaded Hypothesis profile's ``max_examples`` is the whole suite's, never
fewer than 300, shared among the forms by `WEIGHTS` (the ``deep`` profile: 5,000). Cases
that once failed are replayed from ``tests/forms/corpus/`` by ``test_corpus.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import attrs
import pytest
from form_check import Copy, check, known_failure
from form_draw import (
    RECORDS,
    Pool,
    layouts,
    pages,
    pool_set,
    render_chromium,
    render_fpdf,
    render_libreoffice,
)
from form_model import MARKINGS, Layout, Record
from form_pdf import Chromium, Page
from form_text import Transcription, pdftotext, transcription, viewer_copy
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tools import system_tool

#: Each form's share of the examples.
WEIGHTS = {
    "pdf-fpdf2": 0.12,
    "pdf-pooled": 0.16,
    "pdf-cut": 0.08,
    "pdftotext": 0.16,
    "pdftotext-layout": 0.14,
    "viewer": 0.08,
    "transcription": 0.26,
}


def examples(form: str) -> settings:
    """Settings for *form*: its share of the loaded profile's examples (at least 300 in all).

    No shrinking: a failing copy is reported as drawn, and kept in the corpus.
    """
    total = max(settings().max_examples, 300)
    return settings(
        max_examples=max(int(total * WEIGHTS[form]), 1),
        phases=[Phase.explicit, Phase.generate],
        database=None,
    )


#: Where a copy is cut, as a share of its length: the same draw whatever the copy's size
#: (a PDF's size moves by a few bytes from run to run: a date in it).
SHARE = 1_000_000


def cut_at(share: int | None, size: int) -> int | None:
    """The byte *share* (of `SHARE`) falls on, in a copy of *size* bytes."""
    return None if share is None else share * size // SHARE


#: How many documents each costly producer renders once per run.
POOL = int(os.environ.get("COMPBANK_FORMS_POOL", "0")) or (
    40 if settings().max_examples >= 1000 else 8
)
#: Which documents: the pools' set-ups are drawn from seeds this moves (0: the usual ones).
POOL_SEED = 10 * int(os.environ.get("COMPBANK_FORMS_POOL_SEED", "0"))


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("forms")


@pytest.fixture(scope="session")
def pdftotext_tool() -> str:
    return system_tool("pdftotext")


@pytest.fixture(scope="session")
def libreoffice_pool(folder: Path) -> Pool:
    soffice = system_tool("soffice")
    return Pool(render_libreoffice(soffice, pool_set(POOL, POOL_SEED + 1), folder / "libreoffice"))


@pytest.fixture(scope="session")
def chromium_pool(folder: Path) -> Pool:
    browser = Chromium(system_tool("chromium"), system_tool("chromedriver"))
    try:
        rendered = render_chromium(browser, pool_set(POOL, POOL_SEED + 2), folder / "chromium")
    finally:
        browser.quit()
        shutil.rmtree(browser.folder, ignore_errors=True)
    return Pool(rendered)


@pytest.fixture(scope="session")
def fpdf_pool(folder: Path) -> Pool:
    import random  # noqa: PLC0415

    from form_draw import drawn  # noqa: PLC0415

    rng = random.Random(POOL_SEED + 3)  # noqa: S311 (test data)
    return Pool([render_fpdf(*drawn(rng), folder) for _ in range(POOL)])


@pytest.fixture(scope="session")
def pdf_pool(fpdf_pool: Pool, libreoffice_pool: Pool, chromium_pool: Pool) -> Pool:
    """Documents of all three producers, for the forms made from a PDF."""
    return Pool([*fpdf_pool.items, *libreoffice_pool.items, *chromium_pool.items])


# -- PDF -------------------------------------------------------------------------------------


@examples("pdf-fpdf2")
@given(record=st.sampled_from(RECORDS), layout=layouts(), page=pages())
def test_pdf_of_our_own_typesetter(
    folder: Path, record: Record, layout: Layout, page: Page
) -> None:
    rendered = render_fpdf(record, layout, page, folder)
    check(Copy.of_pdf(rendered), known_failure)


#: A draw among the documents the costly producers rendered (indexes wrap around a pool).
pool_index = st.integers(0, 10_000)
#: A cut, or none.
shares = st.one_of(st.none(), st.integers(0, SHARE))


@examples("pdf-pooled")
@given(index=pool_index)
def test_pdf_of_libreoffice_and_chromium(
    libreoffice_pool: Pool, chromium_pool: Pool, index: int
) -> None:
    check(Copy.of_pdf(Pool([*libreoffice_pool.items, *chromium_pool.items])[index]), known_failure)


@examples("pdf-cut")
@given(index=pool_index, share=st.integers(0, SHARE - 1))
def test_pdf_cut_short(pdf_pool: Pool, index: int, share: int) -> None:
    rendered = pdf_pool[index]
    at = cut_at(share, rendered.pdf.stat().st_size)
    check(Copy.of_pdf(rendered, cut=at), known_failure)


# -- text made from a PDF --------------------------------------------------------------------


def _text_form(pdf_pool: Pool, tool: str, index: int, share: int | None, form: str) -> None:
    rendered = pdf_pool[index]
    text = pdftotext(tool, rendered.pdf, layout=form == "pdftotext-layout")
    if form == "viewer":
        text = viewer_copy(text)
    at = cut_at(share, len(text.encode("utf-8")))
    copy = Copy.of_text(rendered.record, form, text, at, source=str(rendered), case=rendered.case())
    check(copy, known_failure)


@examples("pdftotext")
@given(index=pool_index, share=shares)
def test_pdftotext(pdf_pool: Pool, pdftotext_tool: str, index: int, share: int | None) -> None:
    _text_form(pdf_pool, pdftotext_tool, index, share, "pdftotext")


@examples("pdftotext-layout")
@given(index=pool_index, share=shares)
def test_pdftotext_layout(
    pdf_pool: Pool, pdftotext_tool: str, index: int, share: int | None
) -> None:
    _text_form(pdf_pool, pdftotext_tool, index, share, "pdftotext-layout")


@examples("viewer")
@given(index=pool_index, share=shares)
def test_viewer_copy(pdf_pool: Pool, pdftotext_tool: str, index: int, share: int | None) -> None:
    _text_form(pdf_pool, pdftotext_tool, index, share, "viewer")


# -- the web transcription -------------------------------------------------------------------

transcriptions = st.builds(
    Transcription,
    chrome=st.booleans(),
    twice=st.booleans(),
    labels=st.sampled_from(["dropped", "bunched"]),
    dash=st.booleans(),
    drops=st.one_of(st.just(0), st.integers(1, 1000)),
    page_size=st.sampled_from([1800, 2600, 3600]),
    bracket=st.booleans(),
    entry_level=st.booleans(),
    code=st.booleans(),
)


@examples("transcription")
@given(
    record=st.sampled_from(RECORDS),
    how=transcriptions,
    marking=st.sampled_from(MARKINGS),
    share=shares,
)
def test_web_transcription(
    record: Record, how: Transcription, marking: frozenset[str], share: int | None
) -> None:
    text = transcription(record, how, marking)
    at = cut_at(share, len(text.encode("utf-8")))
    form = "transcription-chrome" if how.chrome else "transcription"
    case = {**record.case(), "transcription": attrs.asdict(how), "marking": sorted(marking)}
    check(Copy.of_text(record, form, text, at, source=repr(how), case=case), known_failure)
