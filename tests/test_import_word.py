"""Importing PDFs a word processor made: the five sources as a City analyst writes them.

Each source is written as a Word document (tests/docx_documents.py: Times New Roman 12 pt
or Arial 11 pt, the title block bold and centred, justified paragraphs, a running header and
a page-number footer, the list numbered by Word or typed with a tab, Symbol-font bullets,
"o" sub-bullets, the required level italic, bold and underlined as announced) and printed to
PDF by LibreOffice. Read back, each PDF gives the committed class file: requirements, areas
and all 13 known levels, no level where the data has none, and the same texts as the source.
The same PDFs through poppler's pdftotext, default and -layout, give the same requirements
with every level unknown, and the same texts: pdftotext's default output prints the wider
gaps of a justified line as gaps between columns, one word per paragraph, and the reader
puts those words back.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from compbank import load
from compbank.importer import ImportResult, import_document, read
from conftest import class_file, compbank_cli, without_pages
from docx_documents import SETUPS, Setup, Variant, libreoffice_pdf, make_all, write_docx
from pdf_documents import SOURCES, require_fonts
from tools import system_tool

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BANK = load(DATA)
CODES = sorted(p.name[:4] for p in SOURCES.glob("*.txt"))
NAMES = [s.name for s in SETUPS]


@pytest.fixture(scope="session")
def word_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The five sources written in each setup and printed by LibreOffice, by setup name."""
    soffice = system_tool("soffice")
    require_fonts()
    return make_all(tmp_path_factory.mktemp("word"), soffice)


def differing(result: ImportResult) -> set[tuple[int, str]]:
    """The texts that differ from the bank's, but for hyphens (pdftotext drops a hyphen that
    ends a line, "re-establish" becoming "reestablish": lost before the importer sees it)."""
    return {
        (c.number, d.path)
        for c in result.comparisons
        for d in c.differences
        if d.bank is None
        or d.document is None
        or d.bank.replace("-", "") != d.document.replace("-", "")
    }


def source_differing(code: str) -> set[tuple[int, str]]:
    (source,) = SOURCES.glob(f"{code}-*.txt")
    return differing(import_document(source, BANK))


@pytest.mark.parametrize("setup", NAMES)
def test_word_processor_pdfs_import_to_the_committed_class_files(
    word_pdfs: dict[str, list[Path]], setup: str
) -> None:
    folder = word_pdfs[setup][0].parent
    result = compbank_cli("import", folder, "--format", "json", cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [d["code"] for d in documents] == CODES
    known = 0
    for d in documents:
        want, got = class_file(d["code"]), d["class_document"]
        assert d["form"] == "pdf"
        assert (got["code"], got["title"], got["year"]) == (
            want["code"],
            want["title"],
            want["year"],
        )
        # requirements, areas and levels: each known level read from the font, no other
        assert without_pages(got["requirements"]) == want["requirements"], d["document"]
        known += sum(r["required_level"] is not None for r in got["requirements"])
    assert known == 13


@pytest.mark.parametrize("setup", NAMES)
def test_word_processor_pdfs_read_the_texts_the_sources_give(
    word_pdfs: dict[str, list[Path]], setup: str
) -> None:
    for pdf in word_pdfs[setup]:
        result = import_document(pdf, BANK)
        assert differing(result) == source_differing(pdf.name[:4]), pdf.name


@pytest.mark.parametrize("options", [(), ("-layout",)], ids=["default", "layout"])
@pytest.mark.parametrize("setup", NAMES)
def test_pdftotext_of_word_processor_pdfs_gives_requirements_and_texts(
    word_pdfs: dict[str, list[Path]], setup: str, options: tuple[str, ...]
) -> None:
    tool = system_tool("pdftotext")
    for pdf in word_pdfs[setup]:
        text = subprocess.run(
            [tool, *options, str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        result = import_document(text, BANK)
        code = pdf.name[:4]
        want = [{**r, "required_level": None} for r in class_file(code)["requirements"]]
        assert without_pages(result.class_document()["requirements"]) == want, pdf.name
        assert (result.form, result.levels_known) == ("wrapped", 0)
        assert differing(result) == source_differing(code), pdf.name


def test_the_word_documents_are_set_up_as_an_analyst_sets_them(
    word_pdfs: dict[str, list[Path]],
) -> None:
    # the documents themselves: Word's numbering or typed numbers, Symbol bullets, fields
    for setup in SETUPS:
        docx = word_pdfs[setup.name][0].parent / "docx" / f"{word_pdfs[setup.name][0].stem}.docx"
        with zipfile.ZipFile(docx) as z:
            body = z.read("word/document.xml").decode("utf-8")
            numbering = z.read("word/numbering.xml").decode("utf-8")
            footer = "".join(
                z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")
            )
        assert ('w:startOverride w:val="13"' in numbering) == (setup.numbering == "word")
        assert ("<w:t>13.</w:t><w:tab/>" in body or "13.\t" in body) == (setup.numbering == "typed")
        assert 'w:ascii="Symbol"' in numbering
        assert "\uf0b7" in numbering
        assert 'w:val="both"' in body  # justified
        assert "PAGE" in footer
    # and what LibreOffice made of them: the faces asked for, or their metric twins
    pdffonts = system_tool("pdffonts")
    for name, faces in (("times-word", ("TimesNewRoman", "LiberationSerif")),
                        ("arial-word", ("Arial", "LiberationSans"))):  # fmt: skip
        fonts = subprocess.run(
            [pdffonts, str(word_pdfs[name][0])], capture_output=True, text=True, check=True
        ).stdout
        assert any(f"{face}-Italic" in fonts for face in faces), fonts
        assert any(f"{face}-Bold" in fonts for face in faces), fonts


# -- documents from other hands, and what tools make of them -----------------------------------

S7521 = next(SOURCES.glob("7521-*.txt"))
_TYPED = next(s for s in SETUPS if s.numbering == "typed")
#: How a document departs from the plain one, and the requirements it must still give
#: (a change to the committed 7521 requirements: levels by competency, prior-to-entry marks).
VARIANTS: dict[str, tuple[Setup, Variant, str | None]] = {
    "partial-emphasis": (SETUPS[0], Variant(partial=True), None),
    "two-levels-emphasized": (SETUPS[0], Variant(second_level=True), None),
    "announced-in-bold": (
        SETUPS[0],
        Variant(),
        S7521.read_text(encoding="utf-8").replace(
            "(*italicized, bolded, and underlined*)", "(*in bold*)"
        ),
    ),
    "page-number-in-header": (SETUPS[2], Variant(page_in_header=True), None),
    "list-across-pages": (SETUPS[0], Variant(list_break=True), None),
    "numbers-without-period": (_TYPED, Variant(period=False), None),
    "prior-to-entry": (_TYPED, Variant(prior=(8, 28)), None),
    "title-on-two-lines": (
        SETUPS[0],
        Variant(),
        S7521.read_text(encoding="utf-8").replace(
            "COMPETENCY MODEL FOR SENIOR ELECTRIC SERVICE REPRESENTATIVE (7521)",
            "COMPETENCY MODEL FOR\nSENIOR ELECTRIC\nSERVICE REPRESENTATIVE\n(7521)",
        ),
    ),
}


@pytest.fixture(scope="session")
def variant_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The 7521 source changed as each of `VARIANTS` says, printed by LibreOffice."""
    soffice = system_tool("soffice")
    require_fonts()
    folder = tmp_path_factory.mktemp("variants")
    written = [
        write_docx(S7521, folder / f"7521-{name}.docx", setup, variant, text=text)
        for name, (setup, variant, text) in VARIANTS.items()
    ]
    pdfs = libreoffice_pdf(soffice, written, folder / "pdf")
    return dict(zip(VARIANTS, pdfs, strict=True))


def _pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(
        [system_tool("pdftotext"), *options, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _expected(name: str, *, levels: bool) -> list[dict[str, object]]:
    reqs: list[dict[str, object]] = class_file("7521")["requirements"]
    out = []
    for r in reqs:
        level = r["required_level"] if levels else None
        if name in ("partial-emphasis", "two-levels-emphasized"):
            level = None  # never guessed
        prior = r["competency"] in (8, 28) if name == "prior-to-entry" else r["prior_to_entry"]
        out.append({**r, "required_level": level, "prior_to_entry": prior})
    return out


@pytest.mark.parametrize("name", list(VARIANTS))
def test_documents_from_other_hands_read_as_far_as_they_say(
    variant_pdfs: dict[str, Path], name: str
) -> None:
    pdf = variant_pdfs[name]
    result = import_document(pdf, BANK)
    assert result.code == "7521"
    assert result.title == "SENIOR ELECTRIC SERVICE REPRESENTATIVE"
    assert without_pages(result.class_document()["requirements"]) == _expected(name, levels=True)
    kinds = {(f.kind, f.competency) for f in result.findings}
    if name == "partial-emphasis":
        assert {("partial-emphasis", 13), ("partial-emphasis", 20)} <= kinds
    if name == "two-levels-emphasized":
        assert {("ambiguous-emphasis", 13), ("ambiguous-emphasis", 20)} <= kinds
    if name == "announced-in-bold":
        # bold headings, labels and title are there too; only the levels are read
        assert result.announced is not None
        assert "bold" in result.announced
    assert differing(result) == source_differing("7521")
    for options in ((), ("-layout",)):
        text = import_document(_pdftotext(pdf, *options), BANK)
        assert text.class_document()["requirements"] == _expected(name, levels=False), options
        assert differing(text) == source_differing("7521"), options


def _pages(pdf: Path) -> list[str]:
    """Each page's text as PDFium gives it: what a viewer built on it copies."""
    import pypdfium2 as pdfium  # noqa: PLC0415

    document = pdfium.PdfDocument(pdf)
    try:
        return [
            page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            for page in document
        ]
    finally:
        document.close()


VIEWER_COPIES: dict[str, Callable[[list[str]], str]] = {
    "a line per line, bullets as the PDF has them": "\n".join,
    "a line per line, bullets as \u2022": lambda pages: "\n".join(pages).replace(
        "\uf0b7", "\u2022"
    ),
    "a line per line, bullets lost": lambda pages: re.sub(
        r"^(?:\uf0b7|o(?= [A-Z]))\s*", "", "\n".join(pages), flags=re.MULTILINE
    ),
    "each page's lines joined by spaces": lambda pages: "\n".join(
        " ".join(p.replace("\uf0b7", "\u2022").split()) for p in pages
    ),
    "each page joined, bullets lost": lambda pages: "\n".join(
        " ".join(re.sub(r"^(?:\uf0b7|o(?= [A-Z]))\s*", "", p, flags=re.MULTILINE).split())
        for p in pages
    ),
}


@pytest.mark.parametrize("setup", ["times-word", "arial-typed"])
@pytest.mark.parametrize("copy", list(VIEWER_COPIES))
def test_text_copied_from_a_viewer_gives_the_requirements(
    word_pdfs: dict[str, list[Path]], setup: str, copy: str
) -> None:
    for pdf in word_pdfs[setup]:
        result = import_document(VIEWER_COPIES[copy](_pages(pdf)), BANK)
        want = [{**r, "required_level": None} for r in class_file(pdf.name[:4])["requirements"]]
        assert without_pages(result.class_document()["requirements"]) == want, pdf.name
        assert result.levels_known == 0


def test_pdftotext_raw_gives_the_requirements(word_pdfs: dict[str, list[Path]]) -> None:
    for pdf in word_pdfs["times-word"]:
        result = import_document(_pdftotext(pdf, "-raw"), BANK)
        want = [{**r, "required_level": None} for r in class_file(pdf.name[:4])["requirements"]]
        assert without_pages(result.class_document()["requirements"]) == want, pdf.name


def test_text_objects_out_of_reading_order(
    word_pdfs: dict[str, list[Path]], tmp_path: Path
) -> None:
    import pypdfium2 as pdfium  # noqa: PLC0415
    from pypdfium2 import raw  # noqa: PLC0415

    for pdf in word_pdfs["times-word"]:
        # every page's objects (text, rules) written back in a shuffled order
        document = pdfium.PdfDocument(pdf)
        rng = random.Random(pdf.name)  # noqa: S311 (a shuffle, not a secret)
        for page in document:
            objects = [
                raw.FPDFPage_GetObject(page.raw, k)
                for k in range(raw.FPDFPage_CountObjects(page.raw))
            ]
            for o in objects:
                raw.FPDFPage_RemoveObject(page.raw, o)
            rng.shuffle(objects)
            for o in objects:
                raw.FPDFPage_InsertObject(page.raw, o)
            raw.FPDFPage_GenerateContent(page.raw)
        shuffled = tmp_path / pdf.name
        document.save(shuffled)
        document.close()
        first = _pages(shuffled)[0]
        assert not first.startswith("City of Los Angeles")  # the order is gone indeed
        result = import_document(shuffled, BANK)
        want = class_file(pdf.name[:4])["requirements"]
        assert without_pages(result.class_document()["requirements"]) == want


def test_a_required_level_over_several_justified_lines_is_read_whole(
    word_pdfs: dict[str, list[Path]],
) -> None:
    pdf = next(p for p in word_pdfs["times-word"] if p.name.startswith("7521"))
    reading, _ = read(pdf, str(pdf))
    level = next(b for b in reading.blocks if b.text.startswith("Level 2: Insufficient staff"))
    assert len(level.lines) >= 3
    spans = level.spans()
    assert [(s.text == "Level 2:", s.style) for s in spans] == [
        (True, frozenset()),
        (False, {"italic", "bold", "underline"}),
    ]
