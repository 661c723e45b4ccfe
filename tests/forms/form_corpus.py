"""Cases that once failed, kept as JSON and made again: the corpus ``corpus/`` holds.

A case says how its copy was made (see `form_check.Copy.case`): the record (its code, in
``data`` or ``synthetic``), the producer with its layout and page set-up, or the
transcription's options; the form; the cut. ``failure`` names its entry in the failures log
and ``open`` says whether it still fails (a strict xfail until it is fixed).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from form_check import Copy
from form_draw import Rendered, render_chromium, render_fpdf, render_libreoffice
from form_model import Layout, record_of
from form_pdf import Chromium, Page
from form_text import Transcription, pdftotext, transcription, viewer_copy

from tools import system_tool

CORPUS = Path(__file__).resolve().parent / "corpus"


def cases() -> list[Path]:
    """The corpus's case files, in order."""
    return sorted(CORPUS.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    """A case's content."""
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return case


def _render(case: dict[str, Any], folder: Path) -> Rendered:
    record = record_of(case)
    layout = Layout(
        **{
            **case["layout"],
            "marking": frozenset(case["layout"]["marking"]),
            "decoys": tuple(case["layout"]["decoys"]),
        }
    )
    page = Page(**case["page"])
    producer = case["producer"]
    if producer == "fpdf2":
        return render_fpdf(record, layout, page, folder)
    if producer == "libreoffice":
        (made,) = render_libreoffice(system_tool("soffice"), [(record, layout, page)], folder)
        return made
    browser = Chromium(system_tool("chromium"), system_tool("chromedriver"))
    try:
        (made,) = render_chromium(browser, [(record, layout, page)], folder)
    finally:
        browser.quit()
        shutil.rmtree(browser.folder, ignore_errors=True)
    return made


def remake(case: dict[str, Any], folder: Path) -> Copy:
    """The copy *case* describes, made again in *folder*."""
    form, cut = case["form"], case["cut"]
    if "transcription" in case:
        record = record_of(case)
        how = Transcription(**case["transcription"])
        text = transcription(record, how, frozenset(case["marking"]))
        return Copy.of_text(record, form, text, cut, source=repr(how), case=case)
    rendered = _render(case, folder)
    if form == "pdf":
        return Copy.of_pdf(rendered, cut)
    text = pdftotext(system_tool("pdftotext"), rendered.pdf, layout=form == "pdftotext-layout")
    if form == "viewer":
        text = viewer_copy(text)
    return Copy.of_text(rendered.record, form, text, cut, source=str(rendered), case=case)
