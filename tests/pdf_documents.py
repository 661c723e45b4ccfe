"""PDF renderings of the five sources, made at test time by two different producers.

The City publishes its competency models as PDFs made in a word processor. These helpers
render each source of ``data/sources/`` the way such a PDF looks, marking the required level
the way the document announces it ("(italicized, bolded, and underlined)": italic, bold and
underlined), so that the importer can be checked against the committed class files:

- `chromium_pdf`: an HTML page, emphasis by CSS (``font-style``, ``font-weight``,
  ``text-decoration``), printed by headless Chromium (``--print-to-pdf``), with Chromium's
  running header and footer (date, title, file address, "1/7" page numbers); also in a
  fixed-width face ("chromium-fixed");
- `fpdf_pdf`: fpdf2 with embedded TrueType fonts (regular, bold, italic, bold italic faces),
  a running header and a "Page N of M" footer on every page, indicator bullets from a
  symbol font as the private-use character U+F0B7 (as word processors write Symbol-font
  bullets), definition items as "o" sub-bullets, underline drawn as thin filled rectangles,
  and paragraphs that run on from one page to the next.

A level is emphasized where the source marks it with ``*`` (balanced or not): those are the
13 levels the data knows. Bold headings and labels, the bold class title in the introduction
and the announced phrase itself carry emphasis too, as in the City's documents; none of them
is a level.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import attrs

from tools import missing

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"

_LABEL = re.compile(
    r"^(Level of Competency Required by Job:|Examples of Behavioral Indicators:|"
    r"Performance Levels:|Satisfactory|Superior|[A-Z][A-Za-z/&, -]* Areas)$"
)
_HEADING = re.compile(r"^(\d{1,3}\. [^a-z\u2013]+?) (\u2013 .*)$")
_LEVEL = re.compile(r"^(Level [1-3]:) (.*)$")
_PHRASE = re.compile(r"\(\*([^)]*)\*\)")
_BOLD_TITLE = re.compile(r"\*\*([^*]+)\*\*")


@attrs.frozen
class Run:
    """A run of text in one style: a subset of "italic", "bold", "underline"."""

    text: str
    style: frozenset[str] = frozenset()


@attrs.frozen
class Para:
    """A paragraph to render: a kind ("title", "p", "item", "subitem") and its runs."""

    kind: str
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """The paragraph's text."""
        return "".join(r.text for r in self.runs)


def announced(source: str) -> frozenset[str]:
    """The emphasis the document announces for the required level."""
    m = _PHRASE.search(source)
    assert m is not None
    words = m.group(1)
    style = set()
    for word, kind in (("italic", "italic"), ("bold", "bold"), ("underline", "underline")):
        if word in words:
            style.add(kind)
    return frozenset(style)


def paragraphs(  # noqa: C901, PLR0912, PLR0915 (one pass over the source's lines)
    source: str,
    *,
    label_emphasized: bool = False,
    level_style: frozenset[str] | None = None,
    partial: bool = False,
) -> list[Para]:
    """The source's paragraphs, with the styles a word processor would give them.

    *label_emphasized*: a required level's ``Level N:`` label carries its emphasis too.
    *level_style*: mark levels with this emphasis instead of the announced one.
    *partial*: mark only the first half of each marked level's words.
    """
    required = announced(source) if level_style is None else level_style
    bold = frozenset({"bold"})
    out: list[Para] = []
    in_definition = False
    title: list[str] = []
    for raw in source.split("\n"):
        line = raw.strip()
        if not line:
            if title:
                out.append(Para("title", (Run("\n".join(title), bold),)))
                title = []
            continue
        if line.replace("*", "").upper().startswith("COMPETENCY MODEL FOR") or title:
            title.append(line.replace("*", ""))  # the title block runs to a blank line
            continue
        item = line.startswith("- ")
        text = line[2:] if item else line
        kind = ("subitem" if in_definition else "item") if item else "p"
        heading = _HEADING.match(text)
        if heading:
            in_definition = True
            out.append(Para("p", (Run(heading.group(1), bold), Run(" " + heading.group(2)))))
            continue
        if _LABEL.match(text):
            in_definition = False
            out.append(Para("p", (Run(text, bold),)))
            continue
        level = _LEVEL.match(text)
        if level:
            body = level.group(2)
            marked = "*" in body
            body = body.replace("*", "")
            runs: tuple[Run, ...]
            if marked and partial:
                words = body.split(" ")
                half = len(words) // 2
                runs = (
                    Run(level.group(1) + " "),
                    Run(" ".join(words[:half]), required),
                    Run(" " + " ".join(words[half:])),
                )
            elif marked and label_emphasized:
                runs = (Run(f"{level.group(1)} {body}", required),)
            elif marked:
                runs = (Run(level.group(1) + " "), Run(body, required))
            else:
                runs = (Run(f"{level.group(1)} {body}"),)
            out.append(Para("item" if item else "p", runs))
            continue
        runs_list: list[Run] = []
        rest = text
        while rest:
            phrase = _PHRASE.search(rest)
            bold_title = _BOLD_TITLE.search(rest)
            found = [m for m in (phrase, bold_title) if m]
            if not found:
                runs_list.append(Run(rest.replace("*", "")))
                break
            m = min(found, key=lambda x: x.start())
            if m.start():
                runs_list.append(Run(rest[: m.start()].replace("*", "")))
            if m is phrase:
                runs_list.append(Run(f"({m.group(1)})", required))
            else:
                runs_list.append(Run(m.group(1), bold))
            rest = rest[m.end() :]
        out.append(Para(kind, tuple(runs_list)))
    return out


# -- Chromium ---------------------------------------------------------------------------------

_CSS = """
@page { size: Letter; margin: 0.9in 1in; }
body { font-family: Arial, "Liberation Sans", sans-serif; font-size: 11pt; line-height: 1.25; }
h1 { font-size: 12pt; text-align: center; margin: 0 0 1em; }
p { margin: 0 0 0.7em; }
ul { margin: 0 0 0.7em; padding-left: 2.2em; }
li { margin: 0 0 0.2em; }
.i { font-style: italic; } .b { font-weight: bold; } .u { text-decoration: underline; }
"""
#: The same in a fixed-width face, where narrow glyphs ("r", ".") leave wide blanks beside
#: them: words must be told apart by the characters' advance, not their ink.
_CSS_FIXED = _CSS.replace(
    'font-family: Arial, "Liberation Sans", sans-serif', 'font-family: "Liberation Mono", monospace'
)


def _html_runs(runs: tuple[Run, ...]) -> str:
    out = []
    for r in runs:
        text = html.escape(r.text)
        if r.style:
            classes = " ".join(k[0] for k in sorted(r.style))
            text = f'<span class="{classes}">{text}</span>'
        out.append(text)
    return "".join(out)


def to_html(source: str, title: str, css: str = _CSS) -> str:
    """The source as an HTML page, emphasis by CSS classes."""
    body: list[str] = []
    items: list[str] = []
    for para in paragraphs(source):
        if para.kind in ("item", "subitem"):
            items.append(f"<li>{_html_runs(para.runs)}</li>")
            continue
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if para.kind == "title":
            body.append("<h1>" + html.escape(para.text).replace("\n", "<br>") + "</h1>")
        else:
            body.append(f"<p>{_html_runs(para.runs)}</p>")
    if items:
        body.append("<ul>" + "".join(items) + "</ul>")
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{css}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )


def chromium_pdf(chromium: str, source: Path, out: Path, *, fixed_width: bool = False) -> Path:
    """Print *source* rendered as HTML to *out* with headless Chromium; return *out*."""
    page = out.with_suffix(".html")
    css = _CSS_FIXED if fixed_width else _CSS
    page.write_text(to_html(source.read_text(encoding="utf-8"), source.stem, css), encoding="utf-8")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-dev-shm-usage",
            f"--user-data-dir={out.parent / '.chromium'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


# -- fpdf2 ------------------------------------------------------------------------------------

_FONTS = Path("/usr/share/fonts/truetype")
_FACES = {
    "": "LiberationSerif-Regular.ttf",
    "B": "LiberationSerif-Bold.ttf",
    "I": "LiberationSerif-Italic.ttf",
    "BI": "LiberationSerif-BoldItalic.ttf",
}


def _symbol_font(folder: Path) -> Path:
    """A font whose bullet is at U+F0B7, as the Symbol font's bullet is in Word's PDFs."""
    from fontTools.ttLib import TTFont  # noqa: PLC0415 (fpdf2's dependency)

    path = folder / "SymbolBullets.ttf"
    if path.exists():
        return path
    font = TTFont(_FONTS / "dejavu" / "DejaVuSans.ttf")
    for table in font["cmap"].tables:
        if table.isUnicode() and 0x2022 in table.cmap:
            table.cmap[0xF0B7] = table.cmap[0x2022]
    font["name"].setName("SymbolMT", 6, 3, 1, 0x409)
    font.save(path)
    return path


def require_fonts() -> None:
    """Skip the test (fail it in CI) unless the TrueType fonts `fpdf_pdf` embeds are installed."""
    if not (
        all((_FONTS / "liberation" / f).is_file() for f in _FACES.values())
        and (_FONTS / "dejavu" / "DejaVuSans.ttf").is_file()
    ):
        missing(
            "the Liberation and DejaVu fonts are not installed (apt-get install "
            "fonts-liberation fonts-dejavu-core)"
        )


def fpdf_pdf(
    source: Path,
    out: Path,
    *,
    level_style: frozenset[str] | None = None,
    partial: bool = False,
    password: str | None = None,
) -> Path:
    """Render *source* with fpdf2: running header, page footer, symbol bullets; to *out*.

    *level_style* and *partial* change how levels are marked (see `paragraphs`);
    *password* encrypts the PDF.
    """
    from fpdf import FPDF  # noqa: PLC0415 (a test extra)

    text = source.read_text(encoding="utf-8")
    paras = paragraphs(text, label_emphasized=True, level_style=level_style, partial=partial)
    heading = " ".join(next(p.text for p in paras if p.kind == "title").split())

    class Document(FPDF):
        def header(self) -> None:
            self.set_font("Serif", "I", 8)
            self.cell(0, 5, f"City of Los Angeles \u2013 {heading.title()}", align="R")
            self.ln(9)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Serif", "", 9)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Document(format="Letter")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(auto=True, margin=22)
    for style, file in _FACES.items():
        pdf.add_font("Serif", style, str(_FONTS / "liberation" / file))
    pdf.add_font("SymbolMT", "", str(_symbol_font(out.parent)))
    pdf.add_font("CourierNew", "", str(_FONTS / "liberation" / "LiberationMono-Regular.ttf"))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for para in paras:
        if para.kind == "title":
            pdf.set_font("Serif", "B", 12)
            pdf.multi_cell(width, 6, para.text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
            continue
        indent = 0.0
        if para.kind in ("item", "subitem"):
            indent = 12.0 if para.kind == "item" else 18.0
            pdf.set_x(pdf.l_margin + indent - 6)
            if para.kind == "item":
                pdf.set_font("SymbolMT", "", 10)
                pdf.cell(6, 5.5, "\uf0b7")
            else:
                pdf.set_font("CourierNew", "", 10)
                pdf.cell(6, 5.5, "o")
        markdown = "".join(_fpdf_markdown(r) for r in para.runs)
        pdf.set_font("Serif", "", 11)
        pdf.set_x(pdf.l_margin + indent)
        pdf.set_left_margin(pdf.l_margin + indent)
        pdf.multi_cell(width - indent, 5.5, markdown, markdown=True, new_x="LMARGIN", new_y="NEXT")
        pdf.set_left_margin(pdf.l_margin - indent)
        pdf.ln(1.5 if para.kind in ("item", "subitem") else 3)
    if password is not None:
        pdf.set_encryption(owner_password=password, user_password=password)
    pdf.output(str(out))
    return out


def _fpdf_markdown(run: Run) -> str:
    """A run in fpdf2's markdown: ``**`` bold, ``__`` italic, ``--`` underline."""
    text = run.text.replace("**", "\\*\\*").replace("__", "\\_\\_").replace("--", "\\-\\-")
    marks = ""
    if "bold" in run.style:
        marks += "**"
    if "italic" in run.style:
        marks += "__"
    if "underline" in run.style:
        marks += "--"
    return f"{marks}{text}{marks[::-1]}" if marks else text


def make_all(folder: Path, chromium: str | None) -> dict[str, list[Path]]:
    """Every source rendered by each producer available, by producer name."""
    made: dict[str, list[Path]] = {}
    for source in sorted(SOURCES.glob("*.txt")):
        if chromium is not None:
            out = folder / "chromium" / f"{source.stem}.pdf"
            out.parent.mkdir(parents=True, exist_ok=True)
            made.setdefault("chromium", []).append(chromium_pdf(chromium, source, out))
            out = folder / "chromium-fixed" / f"{source.stem}.pdf"
            out.parent.mkdir(parents=True, exist_ok=True)
            made.setdefault("chromium-fixed", []).append(
                chromium_pdf(chromium, source, out, fixed_width=True)
            )
        out = folder / "fpdf2" / f"{source.stem}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        made.setdefault("fpdf2", []).append(fpdf_pdf(source, out))
    return made
