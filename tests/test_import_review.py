"""``compbank import --review``: each required level shown as the piece of page it was read from.

The five sources are made into PDFs at test time (fpdf2, tests/pdf_documents.py) and imported
with ``--review``. Each known level's box is checked against the PDF's own characters, found
here with pypdfium2 independently of the importer's reading and of the crops: it encloses
every character of that level's text on its page and none of the other levels'. Each image
decodes, is not blank and shows the box. A document read in part, one not read and one read
from text each get a page that says so. The class file of a PDF keeps each requirement's
page, and the site links each competency to the source PDF at that page.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from compbank import load
from compbank.export import export
from compbank.export.case import export_case
from compbank.review import SCALE
from compbank.site import build_site
from compbank.site._build import class_page
from conftest import DATA, class_file, compbank_cli, snapshot
from pdf_documents import SOURCES, fpdf_pdf, require_fonts

pdfium = pytest.importorskip("pypdfium2")
Image = pytest.importorskip("PIL.Image")

BANK = load(DATA)
Box = tuple[float, float, float, float]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five sources as PDFs made by fpdf2, in one folder."""
    require_fonts()
    folder = tmp_path_factory.mktemp("review-pdfs")
    for source in sorted(SOURCES.glob("*.txt")):
        fpdf_pdf(source, folder / f"{source.stem}.pdf")
    return folder


@pytest.fixture(scope="module")
def reviewed(pdfs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The review of the five PDFs, and the import's JSON report."""
    out = tmp_path_factory.mktemp("review") / "review"
    result = compbank_cli(
        "import", *sorted(pdfs.glob("*.pdf")), "--review", out, "--format", "json", timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out, json.loads(result.stdout)


def _review(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "review.json").read_text(encoding="utf-8"))
    return data


def _page_chars(pdf: Path, page: int) -> list[tuple[str, Box]]:
    """The letters and digits of *page* (from 1) with their boxes, in PDFium's order."""
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page - 1].get_textpage()
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count)
        indexes = range(min(count, len(text)))
        return [(text[i], textpage.get_charbox(i)) for i in indexes if text[i].isalnum()]
    finally:
        document.close()


def _level_chars(chars: list[tuple[str, Box]], level: int, text: str) -> list[Box]:
    """The boxes of level *level*'s text (its letters and digits) on a page, from its start.

    Found after its ``Level N`` label; where the level goes on to the next page, the part on
    this page. Empty where the level does not start on this page.
    """
    wanted = "".join(c for c in text if c.isalnum())
    stream = "".join(c for c, _ in chars)
    label = f"Level{level}"
    start = stream.find(label + wanted[:25])
    if start < 0:
        return []
    first = start + len(label)
    k = 0
    while k < len(wanted) and first + k < len(stream) and stream[first + k] == wanted[k]:
        k += 1
    return [box for _, box in chars[first : first + k]]


def _inside(box: Box, bbox: list[float], slack: float = 0.011) -> bool:
    return (
        box[0] >= bbox[0] - slack
        and box[1] >= bbox[1] - slack
        and box[2] <= bbox[2] + slack
        and box[3] <= bbox[3] + slack
    )


def _centre_inside(box: Box, bbox: list[float]) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def test_every_requirement_of_a_pdf_read_in_full_has_an_entry(
    reviewed: tuple[Path, dict[str, Any]],
) -> None:
    folder, report = reviewed
    documents = _review(folder)["documents"]
    assert [d["status"] for d in documents] == ["read in full"] * 5
    for d, r in zip(documents, report["documents"], strict=True):
        assert d["document"] == r["document"]
        assert d["code"] == r["code"]
        numbers = [q["competency"] for q in r["class_document"]["requirements"]]
        assert [q["number"] for q in d["requirements"]] == numbers
        levels = [q["required_level"] for q in r["class_document"]["requirements"]]
        assert [q["required_level"] for q in d["requirements"]] == levels
        for q in d["requirements"]:
            assert q["page"] >= 1
            if q["required_level"] is None:
                assert (q["bbox"], q["image"]) == (None, None)
                assert q["why"]


def test_each_known_level_box_encloses_its_text_and_no_other_level(
    reviewed: tuple[Path, dict[str, Any]],
) -> None:
    folder, _ = reviewed
    known = 0
    for d in _review(folder)["documents"]:
        pdf = Path(d["document"])
        for q in d["requirements"]:
            if q["required_level"] is None:
                continue
            known += 1
            c = BANK.competencies[q["number"]]
            chars = _page_chars(pdf, q["page"])
            mine = _level_chars(chars, q["required_level"], c.level(q["required_level"]))
            assert len(mine) >= 10, (pdf.name, q)
            assert all(_inside(box, q["bbox"]) for box in mine), (pdf.name, q)
            for other in {1, 2, 3} - {q["required_level"]}:
                theirs = _level_chars(chars, other, c.level(other))
                assert not any(_centre_inside(box, q["bbox"]) for box in theirs), (pdf.name, q)
    assert known == 13


def test_each_image_decodes_is_not_blank_and_shows_the_box(
    reviewed: tuple[Path, dict[str, Any]],
) -> None:
    folder, _ = reviewed
    images = 0
    for d in _review(folder)["documents"]:
        for item in [*d["requirements"], *d["findings"]]:
            if item["image"] is None:
                continue
            images += 1
            with Image.open(folder / item["image"]) as image:
                image.load()
                gray = image.convert("L")
            crop, bbox = item["crop"], item["bbox"]
            assert crop[0] <= bbox[0], item
            assert crop[1] <= bbox[1], item
            assert crop[2] >= bbox[2], item
            assert crop[3] >= bbox[3], item
            assert abs(gray.width - (crop[2] - crop[0]) * SCALE) <= 1
            assert abs(gray.height - (crop[3] - crop[1]) * SCALE) <= 1
            # the box's part of the image holds ink: dark pixels on the white page
            box = gray.crop(
                (
                    round((bbox[0] - crop[0]) * SCALE),
                    round((crop[3] - bbox[3]) * SCALE),
                    round((bbox[2] - crop[0]) * SCALE),
                    round((crop[3] - bbox[1]) * SCALE),
                )
            )
            low, high = box.getextrema()
            assert low < 100 < high, item
    assert images >= 13


def test_pages_name_documents_and_give_alt_texts(reviewed: tuple[Path, dict[str, Any]]) -> None:
    folder, _ = reviewed
    index = (folder / "index.html").read_text(encoding="utf-8")
    data = _review(folder)
    for d in data["documents"]:
        assert f'href="{d["html"]}"' in index
        page = (folder / d["html"]).read_text(encoding="utf-8")
        assert "Read in full" in page
        for q in d["requirements"]:
            if q["image"]:
                m = re.search(rf'<img src="{re.escape(q["image"])}" alt="([^"]+)"', page)
                assert m is not None
                assert f"level {q['required_level']} of competency {q['number']}" in m.group(1)
                assert f"Page {q['page']}" in m.group(1)
    # nothing from elsewhere: no address with a scheme, no script
    for html in folder.glob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script" not in text
        assert not re.search(r'(?:src|href)="(?:[a-z]+:|//)', text), html.name


def test_the_review_is_deterministic(pdfs: Path, tmp_path: Path) -> None:
    pdf = pdfs / "7625-director-of-communications-services.pdf"
    shots = []
    for k in (1, 2):
        out = tmp_path / f"r{k}"
        result = compbank_cli("import", pdf, "--review", out, timeout=300)
        assert result.returncode == 0, result.stderr
        shots.append(snapshot(out))
    assert shots[0] == shots[1]


def test_read_in_part_not_read_and_text_each_say_so(tmp_path: Path) -> None:
    source = SOURCES / "7521-senior-electric-service-representative.txt"
    text = source.read_text(encoding="utf-8")
    cut = tmp_path / "7521-cut.txt"
    cut.write_text(text[: len(text) * 2 // 3].rsplit(" ", 3)[0] + "\n", encoding="utf-8")
    nothing = tmp_path / "notes.txt"
    nothing.write_text("Nothing here is a competency model.\n", encoding="utf-8")
    out = tmp_path / "review"
    result = compbank_cli("import", cut, nothing, source, "--review", out, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    documents = _review(out)["documents"]
    assert [d["status"] for d in documents] == ["read in part", "not read", "read in full"]
    pages = [(out / d["html"]).read_text(encoding="utf-8") for d in documents]
    assert "Read in part" in pages[0]
    assert "these parts were not read" in pages[0]
    assert "Not read" in pages[1]
    assert "COMPETENCY MODEL FOR" in pages[1]  # the problem that says why
    assert "Read from text" in pages[2]
    # a text document shows its lines, not images
    text_doc = documents[2]
    assert all(q["image"] is None for q in text_doc["requirements"])
    assert '<pre class="source">' in pages[2]
    assert "line " in pages[2]
    index = (out / "index.html").read_text(encoding="utf-8")
    for status in ("read in part", "not read", "read in full"):
        assert status in index


def test_a_folder_of_something_else_is_refused(pdfs: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = compbank_cli("import", pdfs / "9375-director-of-systems.pdf", "--review", out)
    assert result.returncode == 2
    assert "is not an import review" in result.stderr
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    # an earlier review is replaced
    review = tmp_path / "review"
    for _ in range(2):
        result = compbank_cli("import", pdfs / "9375-director-of-systems.pdf", "--review", review)
        assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob(".review.*"))


def test_the_class_file_keeps_pages_the_site_links_them_and_diff_shows_them(
    reviewed: tuple[Path, dict[str, Any]], pdfs: Path, tmp_path: Path
) -> None:
    folder, _ = reviewed
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    pdf = pdfs / "7521-senior-electric-service-representative.pdf"
    result = compbank_cli("import", pdf, "--data", data, "--write", "--force")
    assert result.returncode == 0, result.stderr
    written = class_file("7521", data)
    assert written["schema_version"] == 2
    assert written["source"] == pdf.name
    entry = next(d for d in _review(folder)["documents"] if d["code"] == "7521")
    pages = {q["number"]: q["page"] for q in entry["requirements"]}
    assert {r["competency"]: r["page"] for r in written["requirements"]} == pages
    bank = load(data)
    jc = bank.classes["7521"]
    assert {r.number: r.page for r in jc.requirements} == pages
    # the exports carry the pages
    export(bank, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "requirements.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["class_code"] == "7521"]
    assert {int(r["competency"]): int(r["page"]) for r in rows} == pages
    export(bank, "sqlite", tmp_path / "bank.sqlite")
    with contextlib.closing(sqlite3.connect(tmp_path / "bank.sqlite")) as db:
        found = db.execute(
            "SELECT competency, page FROM requirements WHERE class_code = '7521'"
        ).fetchall()
    assert dict(found) == pages
    case = json.dumps(export_case(bank))
    assert all(f"{n} on page {p}" in case for n, p in pages.items())
    site = tmp_path / "site"
    build_site(bank, site)
    html = (site / class_page(jc)).read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.pdf)#page=(\d+)"', html)
    assert len(links) == len(pages)
    for href, _ in links:
        target = (site / class_page(jc)).parent / href
        assert target.resolve().is_file()
        assert target.read_bytes() == pdf.read_bytes()
    assert sorted(int(p) for _, p in links) == sorted(pages.values())
    # a class read from text has no such link
    other = (site / class_page(bank.classes["7625"])).read_text(encoding="utf-8")
    assert "#page=" not in other
    # a page that changes is a change compbank diff shows
    changed = tmp_path / "changed"
    shutil.copytree(data, changed)
    (path,) = (changed / "classes").glob("7521-*.json")
    content = json.loads(path.read_text(encoding="utf-8"))
    first = content["requirements"][0]
    first["page"] += 1
    content["record_version"] += 1
    path.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    diff = compbank_cli("diff", data, changed)
    assert diff.returncode in (0, 1), diff.stderr
    assert "page" in diff.stdout
    assert str(first["page"]) in diff.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_while_the_review_is_written_leaves_the_earlier_review(
    pdfs: Path, tmp_path: Path
) -> None:
    from test_interrupts import assert_one_line, interrupted  # noqa: PLC0415

    batch = tmp_path / "batch"
    batch.mkdir()
    for k in range(6):  # enough pages to render that the review takes a while
        for pdf in sorted(pdfs.glob("*.pdf")):
            shutil.copy(pdf, batch / f"{k}-{pdf.name}")
    out = tmp_path / "out"
    out.mkdir()
    review = out / "review"
    first = compbank_cli("import", pdfs / "9375-director-of-systems.pdf", "--review", review)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)

    def writing_images(_pid: int) -> bool:
        return any(
            (tmp / "images").is_dir() and any((tmp / "images").iterdir())
            for tmp in out.glob(".*.tmp")
        )

    code, err = interrupted(["import", batch, "--data", DATA, "--review", review], writing_images)
    assert_one_line(code, err, "import")
    assert snapshot(out) == before
