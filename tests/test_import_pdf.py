"""Importing PDFs: the five sources printed by two producers read back to the class files.

The PDFs are made at test time (tests/pdf_documents.py): by headless Chromium from an HTML
page whose emphasis is CSS, with Chromium's running header and footer; and by fpdf2 with a
running header, "Page N of M" footers, Symbol-font bullets (U+F0B7), "o" sub-bullets and
paragraphs that run on across pages. Each marks the required level as its document
announces. Read back, each gives the committed class file's requirements: areas, and all 13
known levels; the same PDFs through poppler's pdftotext (default and -layout) give the same
requirements with every level unknown.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from compbank import load
from compbank.importer import import_document, read
from compbank.importer.levels import LevelEmphasis, announced, required_level
from conftest import class_file, compbank_cli, without_pages
from pdf_documents import SOURCES, fpdf_pdf, make_all, require_fonts
from tools import system_tool

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BANK = load(DATA)
CODES = sorted(p.name[:4] for p in SOURCES.glob("*.txt"))


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    result = compbank_cli("import", *args, cwd=cwd, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The five sources as PDFs, by producer."""
    chromium = system_tool("chromium")
    require_fonts()
    return make_all(tmp_path_factory.mktemp("pdfs"), chromium)


@pytest.mark.parametrize("producer", ["chromium", "chromium-fixed", "fpdf2"])
def test_each_pdf_imports_to_the_committed_class_file(
    pdfs: dict[str, list[Path]], producer: str
) -> None:
    folder = pdfs[producer][0].parent
    result = run(folder, "--format", "json")
    assert result.returncode == 0, result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [d["code"] for d in documents] == CODES
    known = 0
    for d in documents:
        want = class_file(d["code"])
        got = d["class_document"]
        assert d["form"] == "pdf"
        assert (got["code"], got["title"], got["year"]) == (
            want["code"],
            want["title"],
            want["year"],
        )
        # read from a PDF, each requirement also keeps the page it was read from
        assert all(r["page"] >= 1 for r in got["requirements"]), d["document"]
        assert got["schema_version"] == 2
        without_pages = [{k: v for k, v in r.items() if k != "page"} for r in got["requirements"]]
        assert without_pages == want["requirements"], d["document"]
        assert got["source"] == Path(d["document"]).name
        kinds = {n["kind"] for n in got["notes"]}
        levels = [r["required_level"] for r in got["requirements"] if r["required_level"]]
        known += len(levels)
        # how the levels were read is recorded, as the text import records its notes
        assert ("emphasis-from-font" in kinds) == bool(levels)
        assert "emphasis-lost" in kinds
    assert known == 13


def _pdftotext(pdf: Path, *options: str) -> str:
    tool = system_tool("pdftotext")
    return subprocess.run(
        [tool, *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _unhyphenated(requirements: list[dict[str, object]]) -> str:
    # pdftotext joins a word broken after its hyphen at a line's end ("system-wide" becomes
    # "systemwide"): that hyphen is lost before the importer sees the text
    return json.dumps(requirements).replace("-", "")


@pytest.mark.parametrize("options", [(), ("-layout",)], ids=["default", "layout"])
@pytest.mark.parametrize("producer", ["chromium", "fpdf2"])
def test_pdftotext_output_gives_the_requirements_with_levels_unknown(
    pdfs: dict[str, list[Path]], producer: str, options: tuple[str, ...]
) -> None:
    for pdf in pdfs[producer]:
        result = import_document(_pdftotext(pdf, *options), BANK)
        want = [{**r, "required_level": None} for r in class_file(pdf.name[:4])["requirements"]]
        got = without_pages(result.class_document()["requirements"])
        assert _unhyphenated(got) == _unhyphenated(want), pdf.name
        assert result.form == "wrapped"
        assert result.levels_known == 0


def test_fpdf_pdf_blocks_drop_page_furniture_and_keep_paragraphs_across_pages(
    pdfs: dict[str, list[Path]],
) -> None:
    pdf = next(p for p in pdfs["fpdf2"] if p.name.startswith("7521"))
    reading, _ = read(pdf, str(pdf))
    texts = [b.text for b in reading.blocks]
    assert not any("Page " in t and " of " in t for t in texts)
    assert not any(t.startswith("City of Los Angeles") for t in texts)
    assert all("\uf0b7" not in t for t in texts)
    # the Symbol-font bullets (U+F0B7 in the PDF) make list items
    assert reading.lines[0].page == 1
    assert any("\uf0b7" in line.text for line in reading.lines)
    items = [b for b in reading.blocks if b.kind == "item"]
    assert any(b.text == "Wears seat belt." for b in items)
    # "o" sub-bullets too (the definition's items of 28 Supervision)
    assert any(b.text == "Planning and goal setting" for b in items)
    # some paragraph runs on from one page to the next and is still one block
    pages = {line.number: line.page for line in reading.lines}
    assert any(len({pages[n] for n in b.lines}) > 1 for b in reading.blocks)
    # the required level's words carry italic, bold and underline; the heading is bold only
    level = next(b for b in reading.blocks if b.text.startswith("Level 2: Insufficient staff"))
    assert level.styles is not None
    assert all(s == {"italic", "bold", "underline"} for s in level.styles)
    heading = next(b for b in reading.blocks if b.text.startswith("13. STRESS TOLERANCE"))
    assert heading.spans()[0].text == "13. STRESS TOLERANCE"
    assert heading.spans()[0].style == {"bold"}


def test_findings_of_a_pdf_say_page_and_line(pdfs: dict[str, list[Path]]) -> None:
    pdf = next(p for p in pdfs["chromium"] if p.name.startswith("7625"))
    result = run(pdf)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\[garbled-name\] page 1 line \d+: the list names", result.stdout)


@pytest.mark.parametrize(
    ("style", "partial", "kind"),
    [
        (frozenset({"bold"}), False, "other-emphasis"),
        (None, True, "partial-emphasis"),
    ],
)
def test_emphasis_unlike_the_announced_leaves_levels_unknown(
    tmp_path: Path, style: frozenset[str] | None, partial: bool, kind: str
) -> None:
    require_fonts()
    source = next(SOURCES.glob("7521-*.txt"))
    pdf = fpdf_pdf(source, tmp_path / "7521.pdf", level_style=style, partial=partial)
    result = import_document(pdf, BANK)
    assert result.levels_known == 0
    flagged = sorted(f.competency or 0 for f in result.findings if f.kind == kind)
    assert flagged == [13, 20]
    assert "emphasis-from-font" not in {f.kind for f in result.findings}


def test_levels_module_never_guesses() -> None:
    full = frozenset({"italic", "bold", "underline"})
    wanted = announced("(italicized, bolded, and underlined)")
    assert wanted == full
    assert announced("(italicized and underlined)") == {"italic", "underline"}
    assert announced(None) == frozenset()
    plain: tuple[frozenset[str], ...] = (frozenset(),) * 3

    def verdict(*styles: tuple[frozenset[str], ...]) -> tuple[int | None, str | None]:
        v = required_level([LevelEmphasis(n + 1, styles=s) for n, s in enumerate(styles)], wanted)
        return v.level, v.reason

    assert verdict(plain, (full,) * 3, plain) == (2, None)
    assert verdict(plain, (full,) * 3, (full,) * 2) == (None, "ambiguous-emphasis")
    assert verdict(plain, (full, full, frozenset()), plain) == (None, "partial-emphasis")
    assert verdict(plain, (frozenset({"bold"}),) * 3, plain) == (None, "other-emphasis")
    assert verdict(plain, plain, plain) == (None, "lost")
    # more emphasis than announced still carries the announced styles
    assert (
        required_level([LevelEmphasis(1, styles=(full,))], frozenset({"italic", "underline"})).level
        == 1
    )
    # nothing announced: font emphasis is not read
    assert required_level([LevelEmphasis(1, styles=(full,))], frozenset()).reason == (
        "emphasis-unannounced"
    )
    # markers of the sources' text form mark a level whatever the announcement
    marked = required_level([LevelEmphasis(1), LevelEmphasis(2, 0, 2)], wanted)
    assert (marked.level, marked.how, marked.unbalanced) == (2, "marker", True)


def test_a_pdf_is_recognised_by_content_not_name(
    pdfs: dict[str, list[Path]], tmp_path: Path
) -> None:
    pdf = pdfs["fpdf2"][0]
    renamed = tmp_path / "model.txt"
    renamed.write_bytes(pdf.read_bytes())
    result = import_document(renamed, BANK)
    assert (result.form, result.code) == ("pdf", "1230")


def test_write_a_pdf_import(pdfs: dict[str, list[Path]], tmp_path: Path) -> None:
    import shutil  # noqa: PLC0415

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    pdf = next(p for p in pdfs["fpdf2"] if p.name.startswith("7521"))
    result = run(pdf, "--data", data, "--write", "--force")
    assert result.returncode == 0, result.stderr
    written = json.loads(
        (data / "classes" / "7521-senior-electric-service-representative.json").read_text(
            encoding="utf-8"
        )
    )
    assert written["source"] == pdf.name
    assert (data / "sources" / pdf.name).read_bytes() == pdf.read_bytes()
    assert without_pages(written["requirements"]) == class_file("7521")["requirements"]
    assert load(data).classes["7521"].requirements[1].required_level == 2


def test_without_pypdfium2_a_pdf_import_says_how_to_install_it(
    pdfs: dict[str, list[Path]],
) -> None:
    pdf = pdfs["fpdf2"][0]
    script = (
        "import sys\n"
        "sys.modules['pypdfium2'] = None\n"  # as if it were not installed
        "sys.modules['pypdfium2.raw'] = None\n"
        "from compbank.cli import main\n"
        f"sys.exit(main(['import', {str(pdf)!r}, '--data', {str(DATA)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "[pdf-support-missing]" in result.stderr
    assert "pip install 'compbank[pdf]'" in result.stderr


def test_chromium_running_header_and_footer_are_dropped(pdfs: dict[str, list[Path]]) -> None:
    pdf = next(p for p in pdfs["chromium"] if p.name.startswith("9375"))
    reading, _ = read(pdf, str(pdf))
    # Chromium prints the date and the page's title at the top, its address and "2/8" below
    assert any(line.text.startswith("file://") for line in reading.lines)
    assert sum(re.fullmatch(r"\d+/\d+", line.text.split()[-1]) is not None
               for line in reading.lines) >= 2  # fmt: skip
    texts = " ".join(b.text for b in reading.blocks)
    assert "file://" not in texts
    assert pdf.stem not in texts
    # a word broken after its hyphen at a line's end is whole again
    assert "related to system-wide management" in texts


def test_a_word_broken_after_its_hyphen_before_a_capital_is_whole_again() -> None:
    # "Follow-" at a line's end, "Up" starting the next: "Follow-Up" (a list entry's name,
    # "Responsiveness and Follow-Up", wrapped in its column, read "Follow- Up")
    pdf = _page()
    pdf.text(72, 100, "Level 2: Answers each request the same day and records its Follow-")
    pdf.text(72, 114, "Up in the log, and system-")
    pdf.text(72, 128, "wide.")
    reading, _ = read(bytes(pdf.output()))
    (block,) = reading.blocks
    assert block.text == (
        "Level 2: Answers each request the same day and records its Follow-Up in the log, "
        "and system-wide."
    )


IT, BO, UN = "italic", "bold", "underline"


@pytest.mark.parametrize(
    ("phrase", "styles"),
    [
        ("(italicized, bolded, and underlined)", {IT, BO, UN}),
        ("(*italicized and underlined*)", {IT, UN}),
        ("(in bold)", {BO}),
        ("(underlined)", {UN}),
        ("(Italics)", {IT}),
        ("(shown in a box)", set()),
    ],
)
def test_announced_styles(phrase: str, styles: set[str]) -> None:
    assert announced(phrase) == styles


@pytest.mark.parametrize(
    ("words", "state"),
    [
        ([{IT, UN}, {IT, UN}], "marked"),
        ([{IT, UN, BO}, {IT, UN}], "marked"),
        ([{IT, UN}, set()], "partial"),
        ([set(), {IT, UN}], "partial"),
        ([{IT}, {IT}], "other"),
        ([{BO}, {UN}], "other"),
        ([{IT}, set()], "plain"),
        ([set(), set()], "plain"),
        ([], "plain"),
    ],
)
def test_one_levels_emphasis_against_italic_and_underline(
    words: list[set[str]], state: str
) -> None:
    from compbank.importer.levels import read_level  # noqa: PLC0415

    level = LevelEmphasis(2, styles=tuple(frozenset(w) for w in words))
    reading = read_level(level, frozenset({IT, UN}))
    assert (reading.number, reading.state) == (2, state)
    assert reading.how == ("font" if state in ("marked", "partial", "other") else None)


def _page(size: int = 11) -> FPDF:
    """An empty page in points, Helvetica of *size* set."""
    from fpdf import FPDF  # noqa: PLC0415

    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    return pdf


def _ruled_page(rules: Iterable[tuple[float, float, float, float, float]]) -> bytes:
    """A page with one line of text (baseline 100 pt from the top) and lines drawn on it.

    Each rule is (x1, y1, x2, y2, width) in points from the page's top left, stroked.
    """
    pdf = _page()
    pdf.text(72, 100, "Level 2: Allots time to all tasks.")
    for x1, y1, x2, y2, width in rules:
        pdf.set_line_width(width)
        pdf.line(x1, y1, x2, y2)
    return bytes(pdf.output())


def _styles(pdf: bytes) -> list[frozenset[str]]:
    reading, _ = read(pdf)
    (block,) = reading.blocks
    assert block.styles is not None
    return list(block.styles)


@pytest.mark.parametrize("width", [0.3, 1.0, 1.4, 2.0])
def test_an_underline_stroked_as_a_line_of_any_usual_width(width: float) -> None:
    # PDFium's bounds of a stroked line stand out by its whole width on each side: a line
    # 1.4 pt thick has bounds 2.8 pt tall, and was taken for no rule at all
    pdf = _ruled_page([(72, 101.5, 250, 101.5, width)])
    assert all("underline" in s for s in _styles(pdf))


def test_a_box_around_a_level_is_no_underline() -> None:
    # the box's bottom 2.2 pt under the baseline, its top and sides drawn as lines of their own
    bottom = (66, 102.2, 260, 102.2, 1.0)
    box = [bottom, (66, 88, 260, 88, 1.0), (66, 88, 66, 102.2, 1.0), (260, 88, 260, 102.2, 1.0)]
    assert not any("underline" in s for s in _styles(_ruled_page(box)))
    # a side at one end only: a slice of a box round text over several lines, as a browser
    # draws it (the box's sides only where it begins and ends)
    assert not any("underline" in s for s in _styles(_ruled_page(box[:3])))
    assert not any("underline" in s for s in _styles(_ruled_page([*box[:2], box[3]])))
    # the same rule without the box's sides is an underline; so is one with a side going
    # down from its end but no other side of its span below it (an underline starting at
    # the corner of a box round the next line). A side rising from its end round the line,
    # no top: a box's last slice on a page's first line, its top left out by a browser
    assert all("underline" in s for s in _styles(_ruled_page([bottom])))
    assert all(
        "underline" in s for s in _styles(_ruled_page([bottom, (260, 102.2, 260, 116.4, 1.0)]))
    )
    assert not any("underline" in s for s in _styles(_ruled_page([bottom, box[3]])))


def test_the_slices_of_a_box_over_lines_are_no_underline() -> None:
    # a box round a level's three lines (baselines 100, 114, 128 pt from the top), drawn
    # as a browser draws it: a slice per line, its top and bottom, the box's left side on
    # the first slice only, its right side on the last; at tight line spacing a slice's
    # top runs just under the line above. No line is underlined.
    pdf = _page()
    pdf.set_line_width(0.8)
    for k, (y, text) in enumerate(
        [(100, "Level 3: Plans the work of others,"), (114, "checks it and"), (128, "reports.")]
    ):
        pdf.text(72, y, text)
        left, right = (68 if k == 0 else 36), (300 if k < 2 else 120)
        pdf.line(left, y - 10.5, right, y - 10.5)
        pdf.line(left, y + 2.6, right, y + 2.6)
        if k == 0:
            pdf.line(left, y - 10.5, left, y + 2.6)
        if k == 2:
            pdf.line(right, y - 10.5, right, y + 2.6)
    # an underline of the same words with no box is read
    pdf.text(72, 200, "Level 2: Plans the work of others.")
    pdf.line(72, 201.5, 240, 201.5)
    reading, _ = read(bytes(pdf.output()))
    styles = {b.text[:8]: b.styles for b in reading.blocks}
    assert styles["Level 3:"] is not None
    assert styles["Level 2:"] is not None
    assert not any("underline" in s for s in styles["Level 3:"])
    assert all("underline" in s for s in styles["Level 2:"])


def _box_at_a_pages_top(texts: Sequence[str], pitch: float) -> dict[str, list[bool]]:
    """Whether each word of each level is underlined, level 2 in a box at a page's top.

    Level 2's lines (*texts*, baselines *pitch* apart from 100 pt from the top) are boxed
    as a browser boxes them, a slice per line, 12 pt tall, its bottom 2.6 pt under the
    baseline, the box's left side on the first slice, its right side on the last; the
    first slice's top is left out, as a browser leaves out what lies beyond the page's text
    area (its side still spans the slice). Level 3, underlined, follows it.
    """
    pdf = _page()
    pdf.set_line_width(0.75)
    y = 100.0
    for k, text in enumerate(texts):
        y = 100 + k * pitch
        pdf.text(72, y, text)
        left = 114 if k == 0 else 70
        right = 72 + pdf.get_string_width(text) + 2
        top, bottom = y + 2.6 - 12, y + 2.6
        if k:
            pdf.line(left, top, right, top)
        pdf.line(left, bottom, right, bottom)
        if k == 0:
            pdf.line(left, top, left, bottom)
        if k == len(texts) - 1:
            pdf.line(right, top, right, bottom)
    pdf.text(72, y + 20, "Level 3: Plans.")
    pdf.line(72, y + 21.5, 72 + pdf.get_string_width("Level 3: Plans."), y + 21.5)
    reading, _ = read(bytes(pdf.output()))
    return {b.text[:7]: ["underline" in s for s in b.styles or ()] for b in reading.blocks}


def test_a_box_whose_first_slice_lost_its_top_at_a_pages_top_is_no_underline() -> None:
    # Chromium draws no border beyond the page's text area: a box round a level on a
    # page's first lines has no top on its first slice, only its side spans it; that
    # slice's bottom was read as its first line's underline
    words = _box_at_a_pages_top(["Level 2: Plans the work of others,", "and checks it."], 14)
    assert not any(words["Level 2"])
    assert all(words["Level 3"])


def test_a_box_at_a_pages_top_over_four_tight_lines_is_no_underline() -> None:
    # lines 10.5 pt apart, slices 12 pt tall: each slice's top lies just over the bottom
    # of the slice above, both about a slice's height from its bottom; the nearer is its
    # top. Taking both, the slice above's bottom was read as a top, and the chain of
    # slices stopped short of the first, whose bottom was read as an underline
    texts = [
        "Level 2: Plans the work of others,",
        "checks it and reports on it to the",
        "supervisor of the unit each week",
        "in writing.",
    ]
    words = _box_at_a_pages_top(texts, 10.5)
    assert not any(words["Level 2"])
    assert all(words["Level 3"])


def _level_over_a_box_going_on(
    pdf: FPDF, *, underline: float, top: float, right: float, second: float = 114
) -> None:
    """Level 2, underlined, over level 3 in a box going on over a page, as a browser boxes it.

    Level 2 (baseline 80 pt from the top) is underlined *underline* pt under its baseline.
    Level 3's two lines (baselines 100 and *second*) each have a slice, from *top* pt above
    the baseline to 2.6 pt under it: the first from after its label to *right*, the second
    from 70 to 205 pt; the box's left side on the first, its right side on the next page.
    """
    pdf.text(72, 80, "Level 2: Plans the work of others.")
    pdf.line(72, 80 + underline, 240, 80 + underline)
    for k, (y, text) in enumerate(
        [(100, "Level 3: Plans the work of others, then"), (second, "checks it and reports")]
    ):
        pdf.text(72, y, text)
        left, end = (118, right) if k == 0 else (70, 205)
        pdf.line(left, y - top, end, y - top)
        pdf.line(left, y + 2.6, end, y + 2.6)
        if k == 0:
            pdf.line(left, y - top, left, y + 2.6)


def test_the_slices_of_a_box_with_ragged_ends_going_on_over_a_page_are_no_underline() -> None:
    # a browser's slices of a box round a level whose text starts after its label and whose
    # lines end ragged: no slice shares an end with the next, and the box's right side is
    # on the next page. The second slice's top lies just under the first's bottom.
    # an underlined level just above the box: its underline is no slice of it
    pdf = _page()
    pdf.set_line_width(0.6)
    _level_over_a_box_going_on(pdf, underline=2.0, top=10.5, right=290)
    reading, _ = read(bytes(pdf.output()))
    styles = {b.text[:8]: b.styles for b in reading.blocks}
    assert styles["Level 3:"] is not None
    assert styles["Level 2:"] is not None
    assert not any("underline" in s for s in styles["Level 3:"])
    assert all("underline" in s for s in styles["Level 2:"][2:])


@pytest.mark.parametrize(("second", "top"), [(114, 9.4), (111.2, 11)], ids=["apart", "tight"])
def test_a_box_going_on_over_a_page_whose_next_slice_shows_at_its_foot_is_no_underline(
    second: float, top: float
) -> None:
    # Chromium, a box round a level going on over a page: the page's last slice (no side)
    # ends where the box's next slice, on the next page, begins; that slice's top (as wide
    # as the line's box, not as its words) and right side are drawn on this page too,
    # under its last line, round no text. Its top, no other side of its span below, was
    # read as the last line's underline: the boxed level as underlined as the level above.
    # At tight line spacing (slices taller than the lines are apart) the text of its slice
    # was sought above it, where two lines stand, not below
    pdf = _page()
    pdf.set_line_width(0.75)
    _level_over_a_box_going_on(pdf, underline=1.5, top=top, right=300, second=second)
    foot = second + 2.6 - 0.7
    pdf.line(70, foot, 300, foot)  # the next page's slice: its top and right side
    pdf.line(300, foot, 300, foot + top + 2.6)
    assert all("underline" in s for s in _styles_of(pdf, "Level 2:"))
    assert not any("underline" in s for s in _styles_of(pdf, "Level 3:"))


def test_the_last_slice_of_a_box_on_a_pages_first_line_is_no_underline() -> None:
    # Chromium, a box round a level going on from the page before: the slice round the
    # page's first line has its bottom and its right side, but no top, left out beyond the
    # page's text area. Its bottom, no other side of its span above, was read as the
    # line's underline: the boxed level as underlined as the level below it
    pdf = _page()
    pdf.set_line_width(0.75)
    pdf.text(72, 60, "checks it and reports to the board.")
    right = 72 + pdf.get_string_width("checks it and reports to the board.") + 1
    pdf.line(70, 62.6, right, 62.6)  # the slice's bottom and its right side, no top
    pdf.line(right, 62.6, right, 62.6 - 12.4)
    pdf.text(72, 90, "Level 3: Plans the work of others.")
    pdf.line(72, 91.5, 240, 91.5)
    assert not any("underline" in s for s in _styles_of(pdf, "checks it"))
    assert all("underline" in s for s in _styles_of(pdf, "Level 3:"))


def _levels_over_a_box(draw: Callable[[FPDF, float], None]) -> dict[str, list[bool]]:
    """Whether each word of each level is underlined, on a page *draw* draws the levels on.

    Helvetica 9 pt on lines 11 pt apart; *draw* gets the page and the width of one
    line's text. Level 3 (two lines) is boxed as a browser boxes it: a slice per line,
    its top 8.5 pt above the baseline and its bottom 2.2 pt under it, the box's left side
    on the first slice. Its first slice ends where that line (as long as the others) does.
    """
    pdf = _page(9)
    pdf.set_line_width(0.6)
    width = pdf.get_string_width(_LINE.format(1))
    draw(pdf, width)
    label = pdf.get_string_width("Level 3: ")
    for k, (y, text) in enumerate([(102, _LINE.format(3)), (113, "checks it and reports.")]):
        pdf.text(72, y, text)
        left, right = (72 + label - 2, 72 + width) if k == 0 else (70, 180)
        pdf.line(left, y - 8.5, right, y - 8.5)
        pdf.line(left, y + 2.2, right, y + 2.2)
        if k == 0:
            pdf.line(left, y - 8.5, left, y + 2.2)
    reading, _ = read(bytes(pdf.output()))
    return {b.text[:7]: ["underline" in s for s in b.styles or ()] for b in reading.blocks}


_LINE = "Level {}: Plans the work of others, then"


def test_a_struck_level_between_an_underlined_level_and_a_box_links_them_not() -> None:
    # level 2's strike-through, as long as level 1's underline and a line under it,
    # touches the box's top: it was taken for the box's previous slice's bottom, which
    # made level 1's underline that slice's top, a border, and level 1 read as plain
    def levels(pdf: FPDF, width: float) -> None:
        pdf.text(72, 80, _LINE.format(1))
        pdf.line(72, 81.5, 72 + width, 81.5)
        pdf.text(72, 91, _LINE.format(2))
        pdf.line(72, 91 - 2.7, 72 + width, 91 - 2.7)

    words = _levels_over_a_box(levels)
    assert all(words["Level 1"])
    assert not any(words["Level 2"] + words["Level 3"])


def test_a_box_whose_slice_ends_where_an_underline_above_does_leaves_it_an_underline() -> None:
    # the box's first slice, just under level 2's underline, ends where it does: the
    # underline had been read as the bottom of the box's previous slice, though no rule
    # of its span lies a slice's height away as a slice's top would
    def levels(pdf: FPDF, width: float) -> None:
        pdf.text(72, 80, "Level 1: Plans.")
        pdf.text(72, 91, _LINE.format(2))
        pdf.line(72, 92.5, 72 + width, 92.5)

    words = _levels_over_a_box(levels)
    assert all(words["Level 2"])
    assert not any(words["Level 1"] + words["Level 3"])


def test_an_underline_a_line_above_a_box_and_as_wide_as_its_slice_is_no_slice_of_it() -> None:
    # justified lines: level 2's first line, underlined after its label, is as wide as the
    # box's first slice (after its label too) and about a slice's height above its top: it
    # was read as that slice's other side, though a slice's top has its other side below
    def levels(pdf: FPDF, width: float) -> None:
        label = pdf.get_string_width("Level 2: ")
        pdf.text(72, 69, "Level 1: Plans.")
        pdf.text(72, 80, _LINE.format(2))
        pdf.line(72 + label, 81.5, 72 + width, 81.5)
        pdf.text(72, 91, "checks it and reports.")
        pdf.line(72, 92.5, 72 + pdf.get_string_width("checks it and reports."), 92.5)

    words = _levels_over_a_box(levels)
    assert all(words["Level 2"][2:])
    assert not any(words["Level 1"] + words["Level 3"])


def test_a_box_drawn_whole_over_the_line_above_leaves_its_underlines() -> None:
    # our own typesetter's box round level 3, one rectangle, its top over the last line of
    # level 2, whose words are underlined one by one: "Level" of that line, overlapping the
    # box's top and as wide as the underline of "Level" two lines up (the box's height
    # above it), was read as a slice's bottom; a slice holds one line of text, not three
    pdf = _page()
    pdf.set_line_width(0.6)
    for y, text in [(80, "Level 2: Plans the work"), (94, "of others and"), (108, "Level best.")]:
        pdf.text(72, y, text)
        x = 72.0
        for word in text.split():
            width = pdf.get_string_width(word)
            pdf.line(x, y + 1.5, x + width, y + 1.5)
            x += width + pdf.get_string_width(" ")
    level_2, level_3 = _over_a_boxed_level(pdf, 122, (107.55, 135.55))
    assert all("underline" in s for s in level_2)
    assert not any("underline" in s for s in level_3)


def test_a_box_whose_top_crosses_the_feet_of_the_line_above_is_a_box() -> None:
    # a table's border round level 1 at line spacing 1.15: its top 1.15 pt above the
    # label's baseline (through the feet of its letters, as a strike-through would run),
    # its bottom 0.8 pt under level 1's baseline: the top was taken for a strike-through,
    # no border, so the bottom had no top to be a box's with, and was level 1's underline
    pdf = _page()
    pdf.set_line_width(0.3)
    pdf.text(36, 286.25, "Level of Competency Required by Job:")
    pdf.text(36, 298.9, "Level 1: Perform arithmetic computations (add, subtract).")
    top, bottom = 285.1, 299.7
    pdf.line(33, top, 576, top)
    pdf.line(33, bottom, 576, bottom)
    pdf.line(33, top, 33, bottom)
    pdf.line(576, top, 576, bottom)
    assert not any("underline" in s for s in _styles_of(pdf, "Level 1:"))


def _styles_of(pdf: FPDF, start: str) -> list[frozenset[str]]:
    """The styles of the words of the block of *pdf* that starts with *start*."""
    reading, _ = read(bytes(pdf.output()))
    (styles,) = [b.styles for b in reading.blocks if b.text.startswith(start)]
    assert styles is not None
    return list(styles)


def _over_a_boxed_level(
    pdf: FPDF, baseline: float, box: tuple[float, float]
) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """The styles of level 2's and level 3's words, level 3 set at *baseline* on *pdf* in a
    box drawn whole from *box*'s top to its bottom (points from the page's top)."""
    pdf.text(72, baseline, "Level 3: Reports.")
    top, bottom = box
    for x1, y1, x2, y2 in [(69, top, 300, top), (69, bottom, 300, bottom)]:
        pdf.line(x1, y1, x2, y2)
    pdf.line(69, top, 69, bottom)
    pdf.line(300, top, 300, bottom)
    reading, _ = read(bytes(pdf.output()))
    styles = {b.text[:8]: b.styles for b in reading.blocks}
    level_2, level_3 = styles["Level 2:"], styles["Level 3:"]
    assert level_2 is not None
    assert level_3 is not None
    return list(level_2), list(level_3)


def test_a_box_round_one_line_links_no_underlines_above_it_into_slices() -> None:
    # level 2's words underlined one by one, "work" at one place on both its lines, 15 pt
    # apart; a box round level 3's one line (a side at each end), as tall, its top just
    # under the second "work": the two underlines, as wide and one line apart, were read
    # as a slice of the box, the slice before its top. A box with both its sides is whole
    pdf = _page(10)
    pdf.set_line_width(0.6)
    at = 72 + pdf.get_string_width("Level 2: Plans the ")
    for y, words in [
        (100, [(72, "Level"), (0, "2:"), (0, "Plans"), (0, "the"), (at, "work")]),
        (115, [(72, "of"), (0, "others"), (at, "work.")]),
    ]:
        x = 0.0
        for place, word in words:
            x = place or x
            pdf.text(x, y, word)
            width = pdf.get_string_width(word)
            if not word.startswith(("Level", "2:")):  # "work." as "work": one span
                pdf.line(x, y + 3, x + pdf.get_string_width(word.rstrip(".")), y + 3)
            x += width + pdf.get_string_width(" ")
    level_2, level_3 = _over_a_boxed_level(pdf, 130, (116.05, 133))
    assert all("underline" in s for s in level_2[2:])
    assert not any("underline" in s for s in level_3)


def _marked_page(markers: Iterable[tuple[float, float, float, str]]) -> bytes:
    """Three lines of a list, no bullet characters, and shapes drawn by them.

    The lines' baselines are 100, 114 and 128 pt from the page's top, their text at 90 pt
    from the left; each marker is (x, y, diameter, style) of a circle: "F" filled, "D" drawn.
    """
    pdf = _page()
    pdf.text(90, 100, "Plans the work of others and checks it; the")
    pdf.text(90, 114, "Schedules reviews once a year.")
    pdf.text(90, 128, "Answers the questions of the public.")
    for x, y, d, style in markers:
        pdf.ellipse(x, y, d, d, style)
    return bytes(pdf.output())


def _kinds(pdf: bytes) -> list[tuple[str, str]]:
    reading, _ = read(pdf)
    return [(b.kind, b.text[:12]) for b in reading.blocks]


def test_list_markers_drawn_as_shapes_start_items() -> None:
    # a browser draws a list's discs (and circles, squares) as shapes: no character says
    # where an item starts, so a line ending short of the margin was all there was to go by
    discs = [(78, y - 6.5, 4, "F") for y in (100, 128)]
    assert _kinds(_marked_page(discs)) == [("item", "Plans the wo"), ("item", "Answers the ")]
    # a drawn circle as well as a filled one
    circles = [(78, y - 6.5, 4, "D") for y in (100, 114, 128)]
    assert [k for k, _ in _kinds(_marked_page(circles))] == ["item"] * 3


def test_shapes_that_are_no_list_markers_start_nothing() -> None:
    plain = _kinds(_marked_page([]))
    assert all(kind == "paragraph" for kind, _ in plain)
    # too far left of the text, inside a line, larger than the text, or on no line
    assert _kinds(_marked_page([(20, 93.5, 4, "F")])) == plain
    assert _kinds(_marked_page([(150, 107.5, 4, "F")])) == plain
    assert _kinds(_marked_page([(70, 88, 14, "F")])) == plain
    assert _kinds(_marked_page([(78, 200, 4, "F")])) == plain


def test_a_nameless_font_drawn_thicker_is_bold() -> None:
    from compbank.importer.pdf_fonts import Heights, thickened  # noqa: PLC0415

    # a browser prints the bold it makes from a regular face as a font of its own with no
    # name (Type 3): its letters stand taller than the same letters of the named font, at
    # the same size, by the thickening (0.016 of the size in Chromium's)
    letters = zip("aeilo", (5.6, 5.7, 8.0, 8.0, 5.7), strict=True)
    regular: Heights = {(None, c, 11.0): [h, h] for c, h in letters}
    thick: Heights = {(7, c, 11.0): [h + 0.016 * 11] for (_, c, _), (h, _) in regular.items()}
    assert thickened(regular | thick) == {7}
    # a ligature's font of two letters tells as much
    assert thickened(regular | dict(list(thick.items())[:1])) == {7}
    # the same outlines unthickened, or letters the named fonts do not draw: nothing told
    same: Heights = {(7, c, 11.0): hs for (_, c, _), hs in regular.items()}
    assert thickened(regular | same) == set()
    assert thickened(regular | {(7, "x", 11.0): [9.0]}) == set()
    other_size: Heights = {(7, c, 12.0): [9.0] for c in "aei"}
    assert thickened(other_size | regular) == set()


def _clipped_level(foot: float | None, phrase: str = "bolded and underlined") -> bytes:
    """A model of one competency (47), its level 2 required, in Helvetica 11 pt.

    Level 2 is bold over two lines, its first underlined 2.5 pt under the baseline, its
    second the page's last and drawn, where *foot* is given, clipped that far under its
    baseline (as a browser clips the page's text area, leaving out what falls below).
    """
    competency = BANK.competencies[47]
    pdf = _page()
    pdf.core_fonts_encoding = "windows-1252"  # the dash and the bullet
    pdf.set_auto_page_break(auto=False)

    def paragraph(text: str, style: str = "") -> None:
        pdf.set_font("Helvetica", style=style, size=11)
        pdf.multi_cell(468, 13, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)

    for line in ("COMPETENCY MODEL FOR", "CLIP TEST OFFICER", "CLASS CODE 9902"):
        paragraph(line, "B")
    paragraph(
        "The following competencies have been identified as those that best separate superior "
        "from satisfactory job performance in the class of CLIP TEST OFFICER."
    )
    paragraph("47. Written Communication")
    paragraph(
        "On the following pages are descriptions of each competency, including a definition, "
        f"the level of the competency required for the class ({phrase}), examples of "
        "behavioral indicators, and satisfactory and superior performance levels."
    )
    pdf.add_page()
    paragraph(f"47. WRITTEN COMMUNICATION \u2013 {competency.definition}")
    paragraph("Level of Competency Required by Job:")
    paragraph(f"Level 1: {competency.levels[0]}")
    first = "Write letters, articles/reports, and/or detailed"
    assert competency.levels[1].startswith(f"{first} ")
    last = competency.levels[1][len(first) + 1 :]  # a descender in it: PDFium keeps its clip
    y = pdf.get_y() + 10
    pdf.set_font("Helvetica", size=11)
    pdf.text(pdf.l_margin, y, "Level 2: ")
    x = pdf.l_margin + pdf.get_string_width("Level 2: ")
    pdf.set_font("Helvetica", style="B", size=11)
    pdf.text(x, y, first)
    pdf.set_line_width(0.6)
    pdf.line(x, y + 2.5, x + pdf.get_string_width(first), y + 2.5)
    if foot is None:
        pdf.text(pdf.l_margin, y + 13, last)
    else:
        with pdf.rect_clip(0, 0, pdf.w, y + 13 + foot):
            pdf.text(pdf.l_margin, y + 13, last)
    pdf.add_page()
    paragraph(f"Level 3: {competency.levels[2]}")
    paragraph("Examples of Behavioral Indicators:")
    for item in competency.behavioral_indicators:
        paragraph(f"\u2022 {item}")
    for text in ("Performance Levels:", "Satisfactory", competency.satisfactory, "Superior"):
        paragraph(text)
    paragraph(competency.superior)
    return bytes(pdf.output())


def _level_and_kinds(pdf: bytes) -> tuple[object, set[str]]:
    result = import_document(pdf, BANK)
    assert [c.status for c in result.comparisons] == ["identical"]
    (requirement,) = result.class_document()["requirements"]
    return requirement["required_level"], {f.kind for f in result.findings}


def test_a_levels_last_line_whose_underline_the_page_clipped_is_read_and_said() -> None:
    # the page draws nothing lower than 1 pt under the last line's baseline: the underline,
    # 2.5 pt under it as on the line above, could not show; the line is bold as announced
    level, kinds = _level_and_kinds(_clipped_level(1.0))
    assert level == 2
    assert "clipped-underline" in kinds


def test_a_clipped_underline_finding_stands_on_its_level() -> None:
    # the review shows the finding where the level is: on its page, its lines
    result = import_document(_clipped_level(1.0), BANK)
    assert result.evidence is not None
    (place,) = [f.place for f in result.evidence.findings if f.kind == "clipped-underline"]
    lines = {result.evidence.lines[n - 1].text for n in place.lines}
    assert place.page == 2
    assert any(line.startswith("Level 2: Write letters") for line in lines)
    assert not any(line.startswith(("Level 1:", "Level 3:")) for line in lines)


@pytest.mark.parametrize(
    ("foot", "phrase"),
    [
        (None, "bolded and underlined"),  # no clip: the underline is missing
        (4.0, "bolded and underlined"),  # a clip below where the underline would be
        (1.0, "underlined"),  # underline alone announced: nothing else shows the marking
    ],
)
def test_a_levels_last_line_without_underline_leaves_it_unknown(
    foot: float | None, phrase: str
) -> None:
    level, kinds = _level_and_kinds(_clipped_level(foot, phrase))
    assert level is None
    assert "partial-emphasis" in kinds
    assert "clipped-underline" not in kinds
