"""Word documents of the five sources, as a City analyst writes them, and their PDFs.

The City's competency models are written in a word processor and published as PDFs. These
helpers write each source of ``data/sources/`` as a ``.docx`` (python-docx) the way an analyst
sets one up in Microsoft Word, and print it to PDF with LibreOffice (``soffice --headless
--convert-to pdf``), a word processor's own PDF export:

- Times New Roman 12 pt (or Arial 11 pt), the title block bold and centred, paragraphs
  justified, a running header and a page-number footer (a ``PAGE`` field, as "Page N of M",
  "- N -" or "N");
- the list of competencies, the competency headings and the knowledge areas numbered either
  by Word's numbering (the number and a tab made by the list, one list per entry where the
  numbers skip) or typed ("2." and a tab);
- indicators as Word bullets in the Symbol font (U+F0B7), definition items as Courier New
  "o" sub-bullets;
- the required level's text in the emphasis the introduction announces (italic, bold and
  underlined; the 1230 source's italic and underlined), the ``Level N:`` label plain; bold
  headings, labels and class title, and the announced phrase itself emphasized.

Fonts absent from the machine are substituted by LibreOffice with metric-compatible ones
(Liberation Serif for Times New Roman, Liberation Sans for Arial, OpenSymbol for Symbol).
"""

from __future__ import annotations

import re
import subprocess
from typing import TYPE_CHECKING, Literal

import attrs
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from pdf_documents import SOURCES, Para, Run, paragraphs

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

Numbering = Literal["word", "typed"]
_NUMBERED = re.compile(r"^(?P<n>\*?\d{1,3})\.\s+(?P<rest>.*)$", re.DOTALL)
_LEVEL = re.compile(r"^Level [1-3]:")
_AREAS = re.compile(r"^[A-Z][A-Za-z/&, -]* Areas$")
_DECIMAL, _BULLETS = 1, 2


@attrs.frozen
class Setup:
    """How the analyst set the document up: face, numbering and page-number footer."""

    font: str = "Times New Roman"
    size: float = 12
    numbering: Numbering = "word"
    footer: Literal["page-of", "dashes", "number"] = "page-of"

    @property
    def name(self) -> str:
        """A short name for file and test names, e.g. ``"times-word"``."""
        return f"{self.font.split()[0].lower()}-{self.numbering}"


@attrs.frozen
class Variant:
    """How a document departs from the plain setup, as documents from other hands do.

    Attributes:
        partial: Mark only the first half of each required level's words.
        second_level: Mark a second level of each competency too.
        page_in_header: The running header ends with the page number.
        list_break: The list of competencies runs on to the next page.
        period: The list's typed numbers with a period ("8.") or without ("8").
        prior: The list's entries marked "*" as needed prior to job entry, with the footnote
            "*Competencies necessary prior to job entry" after the list (typed numbers).
    """

    partial: bool = False
    second_level: bool = False
    page_in_header: bool = False
    list_break: bool = False
    period: bool = True
    prior: tuple[int, ...] = ()


#: The setups the tests print: each face with each kind of numbering.
SETUPS = (
    Setup("Times New Roman", 12, "word", "page-of"),
    Setup("Times New Roman", 12, "typed", "number"),
    Setup("Arial", 11, "word", "dashes"),
    Setup("Arial", 11, "typed", "page-of"),
)


def _numbering_xml() -> tuple[str, str]:
    """Word's list definitions: decimal "N." and a tab; Symbol bullets, then "o" bullets."""
    decimal = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_DECIMAL}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/></w:tabs>'
        '<w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    )
    bullets = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_BULLETS}">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\uf0b7"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="o"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"'
        ' w:hint="default"/></w:rPr></w:lvl></w:abstractNum>'
    )
    return decimal, bullets


class _Lists:
    """The document's numbering part: list instances made as the paragraphs need them."""

    def __init__(self, document: DocxDocument) -> None:
        self.root = document.part.numbering_part.element
        for child in list(self.root):
            self.root.remove(child)
        for xml in _numbering_xml():
            self.root.append(parse_xml(xml))
        self.next_id = 1
        self.bullets = self.new(_BULLETS)

    def new(self, abstract: int, start: int | None = None) -> int:
        """A new list instance of *abstract*, starting at *start*; its id."""
        num_id = self.next_id
        self.next_id += 1
        override = (
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            if start is not None
            else ""
        )
        self.root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract}"/>{override}</w:num>'
            )
        )
        return num_id

    @staticmethod
    def apply(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
        """Put *paragraph* in list *num_id* at *level*."""
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                f'<w:numId w:val="{num_id}"/></w:numPr>'
            ),
        )


def _add_runs(paragraph: Paragraph, runs: tuple[Run, ...]) -> None:
    for r in runs:
        if not r.text:
            continue
        run = paragraph.add_run(r.text)
        run.italic = "italic" in r.style or None
        run.bold = "bold" in r.style or None
        run.underline = "underline" in r.style or None


def _without_number(runs: tuple[Run, ...]) -> tuple[str, tuple[Run, ...]]:
    """The number "N." the first run starts with, and the runs without it."""
    first = runs[0]
    m = _NUMBERED.match(first.text)
    assert m is not None
    return m.group("n"), (Run(m.group("rest"), first.style), *runs[1:])


def _field(paragraph: Paragraph, code: str) -> None:
    """A field (``PAGE``, ``NUMPAGES``) in *paragraph*, as Word writes one."""
    for xml in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {code} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        run = paragraph.add_run()
        run._r.append(parse_xml(f"<w:r {nsdecls('w')}>{xml}</w:r>")[0])


def _furniture(document: DocxDocument, setup: Setup, title: str, *, page: bool) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"City of Los Angeles \u2013 Personnel Department\t\t{title.title()}"
    if page:
        header.add_run(" \u2013 page ")
        _field(header, "PAGE")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if setup.footer == "page-of":
        footer.add_run("Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")
    elif setup.footer == "dashes":
        footer.add_run("- ")
        _field(footer, "PAGE")
        footer.add_run(" -")
    else:
        _field(footer, "PAGE")


# one pass over the paragraphs, numbering each as the analyst's setup says
def write_docx(  # noqa: C901, PLR0912, PLR0915
    source: Path,
    out: Path,
    setup: Setup = SETUPS[0],
    variant: Variant = Variant(),
    *,
    text: str | None = None,
) -> Path:
    """Write *source* (or its *text*, changed) as a Word document set up as *setup*."""
    paras = paragraphs(
        source.read_text(encoding="utf-8") if text is None else text,
        partial=variant.partial,
    )
    if variant.second_level:
        paras = _second_level(paras)
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = setup.font
    normal.font.size = Pt(setup.size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), setup.font)
    normal.paragraph_format.space_after = Pt(setup.size * 0.5)
    lists = _Lists(document)
    title = next(p.text for p in paras if p.kind == "title")
    _furniture(document, setup, " ".join(title.split()[3:]), page=variant.page_in_header)
    entries = 0
    in_areas = False
    areas_list = 0
    listed = True  # before the first heading, numbered items are the list of competencies
    for para in paras:
        if para.kind == "title":
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            lines = para.text.split("\n")
            for k, line in enumerate(lines):
                run = p.add_run(line)
                run.bold = True
                if k < len(lines) - 1:
                    run.add_break()
            continue
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        runs = para.runs
        numbered = _NUMBERED.match(para.text)
        heading = numbered and para.kind == "p" and "bold" in runs[0].style
        if heading:
            listed = False
        if _AREAS.match(para.text):
            in_areas, areas_list = True, 0
        elif heading:
            in_areas = False
        entry = para.kind == "item" and numbered and listed
        if entry:
            entries += 1
            # the list runs on to the next page after its fourth entry
            p.paragraph_format.page_break_before = variant.list_break and entries == 5
        if numbered and (entry or heading or in_areas):
            n, runs = _without_number(runs)
            if setup.numbering == "typed":
                style = runs[0].style if heading else frozenset()
                period = "." if variant.period or not entry else ""
                star = "*" if entry and int(n) in variant.prior else ""
                runs = (Run(f"{star}{n}{period}\t", style), *runs)
                p.paragraph_format.left_indent = Pt(36)
                p.paragraph_format.first_line_indent = Pt(-18)
                p.paragraph_format.tab_stops.add_tab_stop(Pt(36))
            elif in_areas and not heading:
                areas_list = areas_list or lists.new(_DECIMAL)
                lists.apply(p, areas_list)
            else:
                lists.apply(p, lists.new(_DECIMAL, int(n.lstrip("*"))))
                if heading:  # the number takes the paragraph mark's bold
                    p._p.get_or_add_pPr().append(parse_xml(f"<w:rPr {nsdecls('w')}><w:b/></w:rPr>"))
        elif para.kind in ("item", "subitem"):
            lists.apply(p, lists.bullets, 0 if para.kind == "item" else 1)
        _add_runs(p, runs)
        if entry and variant.prior and entries == sum(1 for q in paras if _entry(q)):
            document.add_paragraph("*Competencies necessary prior to job entry")
    document.save(str(out))
    return out


def _entry(para: Para) -> bool:
    """Whether *para* is an entry of the list of competencies."""
    return para.kind == "item" and _NUMBERED.match(para.text) is not None


def _second_level(paras: list[Para]) -> list[Para]:
    """*paras* with a second level of each competency marked as its marked one is."""
    out = list(paras)
    for k, para in enumerate(out):
        marked = next((r.style for r in para.runs[1:] if r.style), None)
        if not _LEVEL.match(para.text) or marked is None:
            continue
        other = k + 1 if k + 1 < len(out) and _LEVEL.match(out[k + 1].text) else k - 1
        level, number, body = out[other].text.split(" ", 2)
        out[other] = Para(out[other].kind, (Run(f"{level} {number} "), Run(body, marked)))
    return out


def libreoffice_pdf(
    soffice: str, documents: list[Path], folder: Path, profile: Path | None = None
) -> list[Path]:
    """Print *documents* to PDFs in *folder* with LibreOffice, in one run; the PDFs.

    *profile* is the LibreOffice user profile's folder (made on first use; by default in
    *folder*): a run of its own, never the user's.
    """
    folder.mkdir(parents=True, exist_ok=True)
    profile = profile or folder / ".libreoffice"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [folder / f"{d.stem}.pdf" for d in documents]


def make_all(
    folder: Path, soffice: str, setups: tuple[Setup, ...] = SETUPS
) -> dict[str, list[Path]]:
    """Every source written as a Word document in each setup and printed, by setup name."""
    made: dict[str, list[Path]] = {}
    for setup in setups:
        docs = folder / setup.name / "docx"
        docs.mkdir(parents=True, exist_ok=True)
        written = [
            write_docx(source, docs / f"{source.stem}.docx", setup)
            for source in sorted(SOURCES.glob("*.txt"))
        ]
        made[setup.name] = libreoffice_pdf(
            soffice, written, folder / setup.name, folder / ".libreoffice"
        )
    return made


__all__ = ["SETUPS", "Para", "Setup", "Variant", "libreoffice_pdf", "make_all", "write_docx"]
