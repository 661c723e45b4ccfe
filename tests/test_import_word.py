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
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from compbank import load
from compbank.importer import ImportResult, import_document
from docx_documents import SETUPS, make_all
from pdf_documents import SOURCES, fonts_available
from tools import missing, system_tool

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BANK = load(DATA)
CODES = sorted(p.name[:4] for p in SOURCES.glob("*.txt"))
NAMES = [s.name for s in SETUPS]


@pytest.fixture(scope="session")
def word_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The five sources written in each setup and printed by LibreOffice, by setup name."""
    soffice = system_tool("soffice")
    if not fonts_available():
        missing(
            "the Liberation and DejaVu fonts are not installed (apt-get install "
            "fonts-liberation fonts-dejavu-core)"
        )
    return make_all(tmp_path_factory.mktemp("word"), soffice)


def committed(code: str) -> dict[str, object]:
    (path,) = (DATA / "classes").glob(f"{code}-*.json")
    document: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return document


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
    result = subprocess.run(
        [sys.executable, "-m", "compbank.cli", "import", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [d["code"] for d in documents] == CODES
    known = 0
    for d in documents:
        want, got = committed(d["code"]), d["class_document"]
        assert d["form"] == "pdf"
        assert (got["code"], got["title"], got["year"]) == (
            want["code"],
            want["title"],
            want["year"],
        )
        # requirements, areas and levels: each known level read from the font, no other
        assert got["requirements"] == want["requirements"], d["document"]
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
        want = [
            {**r, "required_level": None}
            for r in committed(code)["requirements"]  # type: ignore[attr-defined]
        ]
        assert result.class_document()["requirements"] == want, pdf.name
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
