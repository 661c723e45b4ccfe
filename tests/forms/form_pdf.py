"""The document's blocks as PDF, from three producers, in a layout drawn at random.

- `fpdf_pdf`: our own typesetter over fpdf2, placing each run itself, so that emphasis can be
  drawn every way a producer draws it: italic and bold from the font's faces, or synthetic
  (a slanted text matrix; fill-and-stroke text), underline as a stroked line or a thin filled
  rectangle at any offset and thickness; and the marks that are not emphasis: a rule through
  the text, a box whose border runs just under the baseline;
- `docx_document` then `docx_documents_to_pdf`: a Word document (python-docx) printed by
  LibreOffice, several documents a run;
- `html_page` then `Chromium.print`: an HTML page printed by one headless Chromium kept for
  many pages (``Page.printToPDF`` over the DevTools protocol), its header and footer
  templates giving the running header and the page numbers; a face with no italic or bold of
  its own makes Chromium draw them synthetically.
"""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
from form_model import RUNNING_HEADER, Block, Layout, Run

if TYPE_CHECKING:
    from collections.abc import Iterator

FONTS = Path("/usr/share/fonts/truetype")
#: Families fpdf2 embeds: their four faces.
FAMILIES: dict[str, dict[str, str]] = {
    "Liberation Serif": {
        "": "liberation/LiberationSerif-Regular.ttf",
        "B": "liberation/LiberationSerif-Bold.ttf",
        "I": "liberation/LiberationSerif-Italic.ttf",
        "BI": "liberation/LiberationSerif-BoldItalic.ttf",
    },
    "Liberation Sans": {
        "": "liberation/LiberationSans-Regular.ttf",
        "B": "liberation/LiberationSans-Bold.ttf",
        "I": "liberation/LiberationSans-Italic.ttf",
        "BI": "liberation/LiberationSans-BoldItalic.ttf",
    },
    "DejaVu Serif": {
        "": "dejavu/DejaVuSerif.ttf",
        "B": "dejavu/DejaVuSerif-Bold.ttf",
        "I": "dejavu/DejaVuSerif-Italic.ttf",
        "BI": "dejavu/DejaVuSerif-BoldItalic.ttf",
    },
    "Liberation Mono": {
        "": "liberation/LiberationMono-Regular.ttf",
        "B": "liberation/LiberationMono-Bold.ttf",
        "I": "liberation/LiberationMono-Italic.ttf",
        "BI": "liberation/LiberationMono-BoldItalic.ttf",
    },
}
Footer = Literal["none", "page-of", "number", "dashes"]


@attrs.frozen
class Page:
    """How the page is set: what the producers share beyond the text's `Layout`.

    Sizes in points. *italic* and *bold*: from the font's faces ("font") or drawn
    synthetically ("synthetic"); *underline*: a stroked "line" or a filled "rect";
    *markers*: a list's bullets as characters ("glyph") or drawn as shapes ("drawn": a
    disc, a circle for a sub-item, as a browser draws them; our own typesetter only).
    """

    family: str = "Liberation Serif"
    size: float = 11
    margin: float = 72
    line: float = 1.2
    space: float = 6
    columns: int = 1
    header: bool = True
    footer: Footer = "page-of"
    underline_offset: float = 1.5
    underline_width: float = 0.6
    underline: Literal["line", "rect"] = "rect"
    italic: Literal["font", "synthetic"] = "font"
    bold: Literal["font", "synthetic"] = "font"
    label_marked: bool = False
    justify: bool = False
    markers: Literal["glyph", "drawn"] = "glyph"


# -- fpdf2: our own typesetter --------------------------------------------------------------

_WORD = re.compile(r"\S+\s*|\s+")


def _face(style: frozenset[str], page: Page) -> str:
    face = ""
    if "bold" in style and page.bold == "font":
        face += "B"
    if "italic" in style and page.italic == "font":
        face += "I"
    return face


def _footer_text(kind: Footer, n: int, total: str) -> str:
    return {"none": "", "page-of": f"Page {n} of {total}", "number": str(n), "dashes": f"- {n} -"}[
        kind
    ]


class _Setter:
    """Lines of runs placed on fpdf2 pages, a page added where the text reaches the bottom."""

    def __init__(self, page: Page, layout: Layout, heading: str) -> None:
        from fpdf import FPDF  # noqa: PLC0415 (a test extra)

        class Document(FPDF):
            def header(self) -> None:
                if page.header:
                    self.set_font("Face", "I", 8)
                    self.set_xy(page.margin, page.margin / 2)
                    self.cell(0, 10, f"{RUNNING_HEADER} \u2013 {heading}", align="R")

            def footer(self) -> None:
                if page.footer != "none":
                    self.set_font("Face", "", 9)
                    self.set_xy(page.margin, self.h - page.margin / 2 - 10)
                    self.cell(0, 10, _footer_text(page.footer, self.page_no(), "{nb}"), align="C")

        self.pdf = Document(unit="pt", format="Letter")
        self.pdf.set_auto_page_break(auto=False)
        for face, file in FAMILIES[page.family].items():
            self.pdf.add_font("Face", face, str(FONTS / file))
        self.pdf.add_font("Mono", "", str(FONTS / FAMILIES["Liberation Mono"][""]))
        self.page, self.layout = page, layout
        self.width = self.pdf.w - 2 * page.margin
        self.pdf.add_page()
        self.y = page.margin

    @property
    def lead(self) -> float:
        return self.page.size * self.page.line

    def font(self, style: frozenset[str], size: float | None = None) -> None:
        self.pdf.set_font("Face", _face(style, self.page), size or self.page.size)

    def measure(self, text: str, style: frozenset[str]) -> float:
        self.font(style)
        return float(self.pdf.get_string_width(text))

    def lines(self, runs: tuple[Run, ...], width: float) -> list[list[tuple[str, Run]]]:
        out: list[list[tuple[str, Run]]] = [[]]
        used = 0.0
        for run in runs:
            for word in _WORD.findall(run.text):
                w = self.measure(word.rstrip(), run.style)
                if out[-1] and used + w > width:
                    out.append([])
                    used = 0.0
                    if not word.strip():
                        continue
                out[-1].append((word, run))
                used += self.measure(word, run.style)
        return [line for line in out if line]

    def newline(self) -> None:
        if self.y + self.lead > self.pdf.h - self.page.margin:
            self.pdf.add_page()
            self.y = self.page.margin
        self.y += self.lead

    def draw(self, x: float, text: str, run: Run) -> float:
        """Draw *text* of *run* at *x* on the current line; its advance."""
        pdf, page = self.pdf, self.page
        self.font(run.style)
        width = float(pdf.get_string_width(text))
        ink = float(pdf.get_string_width(text.rstrip()))
        base = self.y
        synthetic_bold = "bold" in run.style and page.bold == "synthetic"
        synthetic_italic = "italic" in run.style and page.italic == "synthetic"
        # the text render mode lives in the graphics state: saved and restored around the
        # run (fpdf2 writes "2 Tr" and never "0 Tr" after it)
        with pdf.local_context():
            if synthetic_bold:
                pdf.set_line_width(page.size * 0.04)
                pdf.text_mode = "FILL_STROKE"
            if synthetic_italic:
                with pdf.skew(ax=-12, ay=0, x=x, y=base):
                    pdf.text(x, base, text)
            else:
                pdf.text(x, base, text)
        if "underline" in run.style and ink:
            self.rule(x, base + page.underline_offset, ink)
        if run.decoy == "strike" and ink:
            pdf.set_line_width(page.underline_width)
            pdf.line(x, base - page.size * 0.3, x + ink, base - page.size * 0.3)
        return width

    def rule(self, x: float, y: float, width: float) -> None:
        pdf, page = self.pdf, self.page
        if page.underline == "line":
            pdf.set_line_width(page.underline_width)
            pdf.line(x, y, x + width, y)
        else:
            pdf.rect(x, y - page.underline_width / 2, width, page.underline_width, style="F")

    def block(self, block: Block, *, indent: float = 0, lead: str = "", align: str = "L") -> None:
        page = self.page
        x0 = page.margin + indent
        width = self.width - indent
        runs = block.runs
        if block.kind == "level" and page.label_marked and len(runs) > 1 and runs[1].style:
            runs = (Run(runs[0].text, runs[1].style), *runs[1:])
        lines = self.lines(runs, width)
        boxed = any(r.decoy == "box" for r in runs)
        on_page = 0  # the block's lines on this page, so far: a box is drawn round them
        for k, line in enumerate(lines):
            if boxed and on_page and self.y + self.lead > self.pdf.h - page.margin:
                self.box(x0, width, on_page)  # the box's part on this page, closed
                on_page = 0
            self.newline()
            on_page += 1
            if k == 0 and lead in ("\u2022", "o") and page.markers == "drawn":
                self.marker(x0, filled=lead == "\u2022")
            elif k == 0 and lead:
                self.font(frozenset())
                if lead == "\u2022":
                    self.pdf.set_font("Mono", "", page.size)
                self.pdf.text(x0 - self.pdf.get_string_width(lead) - 5, self.y, lead)
            length = sum(self.measure(w, r.style) for w, r in line)
            x = x0 + (width - length) / 2 if align == "C" else x0
            for word, run in line:
                x += self.draw(x, word, run)
        if boxed and on_page:
            self.box(x0, width, on_page)

    def box(self, x0: float, width: float, lines: int) -> None:
        """A box round the last *lines* lines drawn, its bottom just under the last baseline.

        A block broken by a page break has a box on each page, round its lines there.
        """
        page = self.page
        bottom = self.y + page.underline_offset
        top = bottom - lines * self.lead - 2
        self.pdf.set_line_width(page.underline_width)
        self.pdf.rect(x0 - 3, top, width + 3, 0.1)
        self.pdf.line(x0 - 3, bottom, x0 + width, bottom)
        self.pdf.line(x0 - 3, top, x0 - 3, bottom)
        self.pdf.line(x0 + width, top, x0 + width, bottom)

    def marker(self, x0: float, *, filled: bool) -> None:
        """A list's marker drawn as a shape left of *x0* on the current line: no character."""
        d = self.page.size * 0.35
        top = self.y - self.page.size * 0.3 - d / 2
        self.pdf.set_line_width(self.page.size * 0.06)
        self.pdf.ellipse(x0 - 5 - d, top, d, d, "F" if filled else "D")

    def space(self, points: float) -> None:
        self.y += points


def fpdf_pdf(blocks: list[Block], layout: Layout, page: Page, out: Path) -> Path:
    """Set *blocks* in *page*'s layout with our own typesetter; write the PDF to *out*."""
    heading = " ".join(blocks[0].text.split()[3:]).title() or "Competency Model"
    setter = _Setter(page, layout, heading)
    entries = [b for b in blocks if b.kind == "entry"]
    k = 0
    while k < len(blocks):
        block = blocks[k]
        if block.kind == "title":
            centred = "C" if layout.centred else "L"
            setter.block(block, align=centred)
            if layout.title == "spaced":
                setter.space(page.size * 1.5)
            elif layout.title == "paras":
                setter.space(page.space)
            if k + 1 < len(blocks) and blocks[k + 1].kind != "title":
                setter.space(page.space + page.size)
        elif block.kind == "entry" and page.columns == 2 and block is entries[0]:
            _two_columns(setter, entries)
            k += len(entries)
            setter.space(page.space)
            continue
        elif block.kind in ("entry", "area"):
            setter.block(attrs.evolve(block, runs=block.runs), indent=22, lead=f"{block.number}.")
            setter.space(page.space / 2)
        elif block.kind == "item":
            setter.block(block, indent=22, lead="\u2022")
            setter.space(page.space / 2)
        elif block.kind == "subitem":
            setter.block(block, indent=36, lead="o")
            setter.space(page.space / 2)
        else:
            setter.block(block)
            setter.space(page.space)
        k += 1
    setter.pdf.output(str(out))
    return out


def _two_columns(setter: _Setter, entries: list[Block]) -> None:
    """The list in two columns, down the first then the second; a long name wraps in its own.

    A gutter of a size (CSS's `column-gap: 1em`) parts the first column's text from the
    second's numbers, which stand before its text.
    """
    half = (len(entries) + 1) // 2
    top = setter.y
    bottom = top
    setter.font(frozenset())
    numbers = max(setter.pdf.get_string_width(f"{e.number}.") for e in entries[half:] or entries)
    measure = setter.width / 2 - numbers - 5 - setter.page.size
    for column, part in enumerate((entries[:half], entries[half:])):
        setter.y = top
        for entry in part:
            indent = 22 + column * setter.width / 2
            x0 = setter.page.margin + indent
            for k, line in enumerate(setter.lines((Run(entry.text),), measure)):
                setter.newline()
                if k == 0:
                    setter.font(frozenset())
                    number = f"{entry.number}."
                    x = x0 - setter.pdf.get_string_width(number) - 5
                    setter.pdf.text(x, setter.y, number)
                text = "".join(word for word, _ in line).rstrip()
                setter.draw(x0, text, Run(text))
            setter.space(setter.page.space / 2)
        bottom = max(bottom, setter.y)
    setter.y = bottom


# -- LibreOffice from a Word document --------------------------------------------------------


def docx_document(blocks: list[Block], layout: Layout, page: Page, out: Path) -> Path:  # noqa: C901, PLR0912, PLR0915
    """*blocks* as a Word document set up as *page* says; written to *out*."""
    from docx import Document  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.oxml import parse_xml  # noqa: PLC0415
    from docx.oxml.ns import nsdecls, qn  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    from docx_documents import _field  # noqa: PLC0415

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = page.family
    normal.font.size = Pt(page.size)
    rpr = normal.element.rPr
    assert rpr is not None
    rpr.rFonts.set(qn("w:eastAsia"), page.family)
    normal.paragraph_format.space_after = Pt(page.space)
    normal.paragraph_format.line_spacing = page.line / 1.15
    section = document.sections[0]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(page.margin))
    if page.header:
        section.header.paragraphs[0].text = f"{RUNNING_HEADER} \u2013 Competency Model"
    if page.footer != "none":
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if page.footer == "page-of":
            footer.add_run("Page ")
            _field(footer, "PAGE")
            footer.add_run(" of ")
            _field(footer, "NUMPAGES")
        elif page.footer == "dashes":
            footer.add_run("- ")
            _field(footer, "PAGE")
            footer.add_run(" -")
        else:
            _field(footer, "PAGE")

    def runs_into(p: Any, runs: tuple[Run, ...]) -> None:
        for r in runs:
            if not r.text:
                continue
            run = p.add_run(r.text)
            run.italic = "italic" in r.style or None
            run.bold = "bold" in r.style or None
            run.underline = "underline" in r.style or None
            if r.decoy == "strike":
                run.font.strike = True
            if r.decoy == "box":
                p._p.get_or_add_pPr().append(
                    parse_xml(
                        f"<w:pBdr {nsdecls('w')}>"
                        '<w:top w:val="single" w:sz="4" w:space="1" w:color="000000"/>'
                        '<w:left w:val="single" w:sz="4" w:space="4" w:color="000000"/>'
                        '<w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/>'
                        '<w:right w:val="single" w:sz="4" w:space="4" w:color="000000"/>'
                        "</w:pBdr>"
                    )
                )

    entries = [b for b in blocks if b.kind == "entry"]
    title = [b for b in blocks if b.kind == "title"]
    for block in blocks:
        if block.kind == "title":
            if layout.title == "lines":
                if block is not title[0]:
                    continue
                p = document.add_paragraph()
                for k, t in enumerate(title):
                    run = p.add_run(t.text)
                    run.bold = True
                    if k < len(title) - 1:
                        run.add_break()
            else:
                p = document.add_paragraph()
                runs_into(p, block.runs)
                if layout.title == "spaced":
                    p.paragraph_format.space_after = Pt(page.size * 1.5)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if layout.centred else WD_ALIGN_PARAGRAPH.LEFT
            continue
        if block.kind == "entry" and page.columns == 2:
            if block is not entries[0]:
                continue
            half = (len(entries) + 1) // 2
            table = document.add_table(rows=half, cols=2)
            for k, e in enumerate(entries):
                cell = table.cell(k % half, k // half)
                cell.paragraphs[0].add_run(f"{e.number}. {e.text}")
            continue
        p = document.add_paragraph()
        if page.justify and block.kind in ("p", "item", "level"):
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        runs = block.runs
        if block.kind == "level" and page.label_marked and len(runs) > 1 and runs[1].style:
            runs = (Run(runs[0].text, runs[1].style), *runs[1:])
        if block.kind in ("entry", "area"):
            p.paragraph_format.left_indent = Pt(36)
            p.paragraph_format.first_line_indent = Pt(-18)
            runs = (Run(f"{block.number}.\t"), *runs)
        elif block.kind in ("item", "subitem"):
            p.paragraph_format.left_indent = Pt(36 if block.kind == "item" else 54)
            p.paragraph_format.first_line_indent = Pt(-18)
            runs = (Run("\u2022\t" if block.kind == "item" else "o\t"), *runs)
        runs_into(p, runs)
    document.save(str(out))
    return out


def docx_documents_to_pdf(soffice: str, documents: list[Path], folder: Path) -> list[Path]:
    """Print *documents* with LibreOffice in one run; the PDFs, in their order."""
    from docx_documents import libreoffice_pdf  # noqa: PLC0415

    return libreoffice_pdf(soffice, documents, folder, folder.parent / ".libreoffice")


# -- Chromium printing HTML ------------------------------------------------------------------

#: A face declared with its regular file alone: Chromium draws its italic and bold itself.
_SYNTHETIC_FACE = "@font-face {{ font-family: 'Only Regular'; src: url('{}'); }}"


def html_page(blocks: list[Block], layout: Layout, page: Page) -> str:  # noqa: C901, PLR0915 (one pass over the blocks)
    """*blocks* as an HTML page, set as *page* says (emphasis by CSS)."""
    synthetic = page.italic == "synthetic" or page.bold == "synthetic"
    family = "'Only Regular'" if synthetic else f"'{page.family}'"
    regular = (FONTS / FAMILIES[page.family][""]).as_uri()
    align = "center" if layout.centred else "left"
    css = (
        (_SYNTHETIC_FACE.format(regular) if synthetic else "")
        + f"body {{ font-family: {family}; font-size: {page.size}pt; "
        f"line-height: {page.line}; margin: 0; }}"
        f"p, li {{ margin: 0 0 {page.space}pt; }}"
        f"p.just {{ text-align: justify; }}"
        f".t {{ margin: 0; font-weight: bold; text-align: {align}; }}"
        f".t.spaced {{ margin-bottom: {page.size * 1.5}pt; }}"
        f".t.paras {{ margin-bottom: {page.space}pt; }}"
        f"ol.list {{ list-style: none; padding-left: 2em; columns: {page.columns}; }}"
        f"ol.areas, ol.list {{ list-style: none; padding-left: 2em; }}"
        f"ul.items {{ list-style: disc; padding-left: 2em; }} ul.sub {{ list-style: circle;"
        f" padding-left: 3.5em; }}"
        ".i { font-style: italic; } .b { font-weight: bold; }"
        f".u {{ text-decoration: underline; text-underline-offset: {page.underline_offset}pt;"
        f" text-decoration-thickness: {page.underline_width}pt; }}"
        ".s { text-decoration: line-through; }"
        f".box {{ border: {page.underline_width}pt solid black; padding: 0 2pt 0 2pt;"
        " line-height: 1; }"
    )

    def runs_html(runs: tuple[Run, ...]) -> str:
        out = []
        for r in runs:
            text = html.escape(r.text)
            classes = [k[0] for k in sorted(r.style)]
            if r.decoy == "strike":
                classes.append("s")
            if classes:
                text = f'<span class="{" ".join(classes)}">{text}</span>'
            if r.decoy == "box":
                text = f'<span class="box">{text}</span>'
            out.append(text)
        return "".join(out)

    body: list[str] = []
    open_list: str | None = None

    def close() -> None:
        nonlocal open_list
        if open_list:
            body.append(f"</{open_list[:2]}>")
            open_list = None

    def start(tag: str) -> None:
        nonlocal open_list
        if open_list != tag:
            close()
            kind, cls = tag.split(".")
            body.append(f'<{kind} class="{cls}">')
            open_list = tag

    title = [b for b in blocks if b.kind == "title"]
    for block in blocks:
        runs = block.runs
        if block.kind == "level" and page.label_marked and len(runs) > 1 and runs[1].style:
            runs = (Run(runs[0].text, runs[1].style), *runs[1:])
        if block.kind == "title":
            if layout.title == "lines":
                if block is title[0]:
                    lines = "<br>".join(html.escape(t.text) for t in title)
                    body.append(f'<p class="t">{lines}</p>')
            else:
                body.append(f'<p class="t {layout.title}">{html.escape(block.text)}</p>')
            continue
        if block.kind in ("entry", "area"):
            start("ol.list" if block.kind == "entry" else "ol.areas")
            body.append(f"<li>{block.number}. {runs_html(runs)}</li>")
        elif block.kind in ("item", "subitem"):
            start("ul.items" if block.kind == "item" else "ul.sub")
            body.append(f"<li>{runs_html(runs)}</li>")
        else:
            close()
            cls = ' class="just"' if page.justify else ""
            body.append(f"<p{cls}>{runs_html(runs)}</p>")
    close()
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Competency model'
        f"</title><style>{css}</style></head><body>{''.join(body)}</body></html>"
    )


def _footer_template(page: Page) -> str:
    number = '<span class="pageNumber"></span>'
    total = '<span class="totalPages"></span>'
    text = {
        "none": "",
        "page-of": f"Page {number} of {total}",
        "number": number,
        "dashes": f"- {number} -",
    }[page.footer]
    return f'<div style="font-size:9pt; width:100%; text-align:center;">{text}</div>'


#: How many times `Chromium.print` prints a page that came out without text.
_PRINT_TRIES = 3


def _holds_text(pdf: Path) -> bool:
    """Whether the first page of *pdf* holds any text."""
    import pypdfium2 as pdfium  # noqa: PLC0415

    document = pdfium.PdfDocument(pdf)
    try:
        if len(document) == 0:
            return False
        textpage = document[0].get_textpage()
        return bool(textpage.get_text_range().strip())
    finally:
        document.close()


class Chromium:
    """One headless Chromium, driven by chromedriver, printing many pages to PDF."""

    def __init__(self, chromium: str, chromedriver: str) -> None:
        from selenium import webdriver  # noqa: PLC0415
        from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

        self.folder = Path(tempfile.mkdtemp(prefix="compbank-chromium-"))
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
            options.add_argument(arg)
        options.add_argument(f"--user-data-dir={self.folder / 'profile'}")
        self.driver = webdriver.Chrome(options=options, service=Service(chromedriver))
        self._printed = 0

    def print(self, page_html: str, page: Page, out: Path) -> Path:
        """Print *page_html* set as *page* to *out*.

        Once, in a deep run, Chromium gave a PDF without a word in it (one document, read as
        "the document is empty" in every form made of it, printed whole the next time). Each
        page is loaded from a file of its own, printed once its text is there, and printed
        again where the PDF still holds none: what the forms test is the importer, not
        whether a browser printed.
        """
        for _ in range(_PRINT_TRIES):
            self._printed += 1
            source = self.folder / f"page-{self._printed}.html"
            source.write_text(page_html, encoding="utf-8")
            self._print(source, page, out)
            source.unlink()
            if _holds_text(out):
                return out
        msg = f"Chromium printed no text in {_PRINT_TRIES} tries: {out}"
        raise RuntimeError(msg)

    def _print(self, source: Path, page: Page, out: Path) -> None:
        import base64  # noqa: PLC0415

        from selenium.webdriver.support.wait import WebDriverWait  # noqa: PLC0415

        self.driver.get(source.as_uri())
        WebDriverWait(self.driver, 30).until(
            lambda d: d.execute_script(
                "return document.readyState === 'complete' && document.body !== null"
                " && document.body.innerText.trim().length > 0"
            )
        )
        inch = page.margin / 72
        header = (
            '<div style="font-size:8pt; width:100%; text-align:right; padding-right:1in;">'
            f"{RUNNING_HEADER} \u2013 Competency Model</div>"
            if page.header
            else "<div></div>"
        )
        result = self.driver.execute_cdp_cmd(
            "Page.printToPDF",
            {
                "paperWidth": 8.5,
                "paperHeight": 11,
                "marginTop": inch,
                "marginBottom": inch,
                "marginLeft": inch,
                "marginRight": inch,
                "displayHeaderFooter": page.header or page.footer != "none",
                "headerTemplate": header,
                "footerTemplate": _footer_template(page),
                "printBackground": True,
            },
        )
        out.write_bytes(base64.b64decode(result["data"]))

    def quit(self) -> None:
        """End the browser and its driver."""
        self.driver.quit()


def chromium_session(chromium: str, chromedriver: str) -> Iterator[Chromium]:
    """A `Chromium` for the length of a ``with``-less generator fixture."""
    browser = Chromium(chromium, chromedriver)
    try:
        yield browser
    finally:
        browser.quit()
