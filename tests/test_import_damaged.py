"""Damaged, partial and bad documents: what was read is reported, nothing is written.

- each source cut at ten points (inside the list, inside a competency, mid-sentence), and
  each in the one-line-per-page form with its labels lost: exit 1, nothing written, and
  the text and JSON reports still give the class code and every listed competency;
- bad PDFs (truncated, encrypted, image only, zero bytes, garbage after ``%PDF-``,
  thousands of pages, a huge stream): exit 1 with one message naming the file, no
  traceback, nothing written, in bounded time and memory.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import resource
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from compbank import DataError, load
from compbank.importer import IncompleteImportError, import_document
from conftest import compbank_cli
from pdf_documents import SOURCES, fpdf_pdf, require_fonts

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BANK = load(DATA)
PLAINTEXT = ROOT / "tests" / "fixtures" / "import" / "plaintext"
_ENTRY = re.compile(r"^- (\d+)\. \S", re.MULTILINE)
#: Memory a bad PDF may take to be refused (the address space of the whole command).
MEMORY_LIMIT = 1536 * 2**20


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(*args: str | Path, limited: bool = False) -> subprocess.CompletedProcess[str]:
    result = compbank_cli(
        "import",
        *args,
        cwd=ROOT,
        timeout=120,  # the bound on time: a bad file is refused well within it
        preexec_fn=_limit_memory if limited else None,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("damaged") / "data"
    shutil.copytree(DATA, copy)
    return copy


def cuts(text: str) -> list[int]:
    """Ten points to cut *text* at, from inside the list to the last competency, each inside
    a word (so mid-sentence)."""
    start = _ENTRY.search(text)
    assert start is not None
    first = start.start() + 8
    span = len(text) - first - 40
    points = []
    for k in range(10):
        p = first + span * k // 10 + (k * 37) % 50
        while not (text[p - 1].isalpha() and text[p].isalpha()):
            p += 1
        points.append(p)
    return points


def _listed(text: str) -> list[int]:
    """The numbers of the list entries in *text* (before the first heading), the last one
    perhaps cut inside its name."""
    head = re.search(r"^\d+\. [A-Z]{2}", text, re.MULTILINE)
    region = text[: head.start()] if head else text
    return [int(m.group(1)) for m in _ENTRY.finditer(region)]


@pytest.mark.parametrize(
    ("end", "says"),
    [
        # cut just after the last competency's number: "53." ends as a sentence does
        ("\n53. ", "ends at the heading of competency 53"),
        # cut after an item's ";" in the last text: no model's last text ends so
        ("Monitors progress;", "ends mid-sentence in competency 53"),
    ],
)
def test_a_copy_cut_at_a_heading_or_after_a_semicolon_is_cut_short(end: str, says: str) -> None:
    text = (SOURCES / "9375-director-of-systems.txt").read_text(encoding="utf-8")
    cut = text[: text.rindex(end) + len(end)]
    with pytest.raises(IncompleteImportError) as e:
        import_document(cut, BANK)
    (problem,) = [p for p in e.value.problems if p.code == "import-incomplete"]
    assert says in problem.message


@pytest.mark.parametrize(
    ("end", "says"),
    [
        # "53" or "5" of "53." alone at the end, where the page number would be 9: the
        # heading of the one listed competency above 49 whose number starts so
        ("\n53", "ends at the heading of competency 53"),
        ("\n5", "ends at the heading of competency 53"),
        # "4" of "45.": 45, 47 and 49 start so; no heading, the copy still cut short
        ("\n4", "ends mid-sentence in competency 33 (...'4')"),
    ],
)
def test_a_text_copy_cut_inside_a_headings_number_is_cut_short(end: str, says: str) -> None:
    # pdftotext's text, which ends every page with its number: "5" at a copy's end may be
    # page 5's number or the start of "53."; the page numbers before it tell which
    text = (PLAINTEXT / "9375-director-of-systems.txt").read_text(encoding="utf-8")
    number = end.strip()
    cut = text[: re.search(rf"\n{number}\d*\. [A-Z]{{2}}", text).start() + len(end)]  # type: ignore[union-attr]
    with pytest.raises(IncompleteImportError) as e:
        import_document(cut, BANK)
    (problem,) = [p for p in e.value.problems if p.code == "import-incomplete"]
    assert says in problem.message


@pytest.mark.parametrize("end", ["Pa", "Page", "Pag"])
def test_letters_a_copy_cut_in_a_footer_ends_with_are_no_piece_of_a_line(end: str) -> None:
    from compbank.importer.text_pieces import piece_lines  # noqa: PLC0415

    # the letters a copy cut in a page's footer ends with ("Pa" of "Page 2 of 8"), alone
    # after an item, were read as a piece of a justified line, put back into the item's
    # line ("... department and City Pa operations."), and the copy read as complete
    lines = [
        "3. Knowledge of new developments in technology such as the use of sustainable",
        "technology, new functionalities in web design, and cloud technology sufficient",
        "to forecast the impact of new technological changes on department and City",
        "operations.",
        "",
        end,
    ]
    numbered = list(enumerate(lines, start=1))
    assert not any(piece_lines(numbered, 86))
    # a piece where the copy has others: justified lines give them throughout
    pieces = [*lines[:-2], "", "the", "", "Department", "", end]
    assert piece_lines(list(enumerate(pieces, start=1)), 86)[-1]


def test_a_text_copy_cut_inside_a_pages_running_header_is_cut_short() -> None:
    # pdftotext's text with a running header atop each page but the first, cut inside
    # page 6's, page 5 ending a competency's definition: it was read as a document that
    # describes fewer competencies than it lists, complete; no document ends mid-line in
    # a header
    header = "City of Los Angeles \u2013 Competency Model\n"
    text = (PLAINTEXT / "9375-director-of-systems.txt").read_text(encoding="utf-8")
    text = text.replace("\f", f"\f{header}")
    page_6 = [m.start() for m in re.finditer(f"\f{header}", text)][4]
    cut = text[: page_6 + 1 + len("City of Los")]
    assert cut[:page_6].rstrip().endswith("courteously with others.\n\n5")
    with pytest.raises(IncompleteImportError) as e:
        import_document(cut, BANK)
    (problem,) = [p for p in e.value.problems if p.code == "import-incomplete"]
    assert "ends inside a page's running header or footer ('City of Los')" in problem.message
    assert "it never reaches" in problem.message
    # cut after the whole header: the copy ends with a page's margin, as a document may
    whole = text[: page_6 + 1 + len(header)]
    with pytest.raises(IncompleteImportError) as e:
        import_document(whole, BANK)  # competency 33's definition, and nothing after it
    assert "running header" not in " ".join(p.message for p in e.value.problems)


def test_a_competency_whose_heading_was_not_read_is_reported_not_dropped() -> None:
    # the first competency's heading lost (printed in pieces past reading): its labels and
    # levels stood before the first heading read and went unread, the copy read as complete
    # with only a listed-not-described finding
    text = (PLAINTEXT / "7521-senior-electric-service-representative.txt").read_text(
        encoding="utf-8"
    )
    lost = text.replace("8. SAFETY FOCUS \u2013 ", "", 1)
    assert lost != text
    with pytest.raises(IncompleteImportError) as e:
        import_document(lost, BANK)
    (problem,) = [p for p in e.value.problems if "heading could not be read" in p.message]
    assert problem.code == "import-bad-section"
    assert problem.message.startswith(
        "'Level of Competency Required by Job:' stands before the first competency's heading "
        "read: a competency's description whose heading could not be read (the body does "
        "not describe 8"
    )
    # reported once: no other problem names the heading not read
    assert not any("which the list names:" in p.message for p in e.value.problems)
    # the list ends with the sentence after it: the numbered areas of the competency whose
    # heading was lost ("1. Knowledge of common safety hazards ...") are no list entries
    assert [c.number for c in e.value.result.listed] == [8, 13, 20, 28, 34, 45, 50, 53]
    assert not any(p.code == "import-unknown-competency" for p in e.value.problems)
    assert import_document(text, BANK).comparisons  # whole, it reads


_SOURCE_7521 = ROOT / "data" / "sources" / "7521-senior-electric-service-representative.txt"


def _heading_53_as(damaged: str) -> IncompleteImportError:
    """The error importing 7521's source whose last heading's start is printed *damaged*."""
    text = _SOURCE_7521.read_text(encoding="utf-8")
    copy = text.replace("53. LEADERSHIP \u2013 Influences", damaged, 1)
    assert copy != text
    with pytest.raises(IncompleteImportError) as e:
        import_document(copy, BANK)
    return e.value


def test_the_last_competency_whose_definition_does_not_follow_its_heading_is_reported() -> None:
    # the last heading alone on its line, its definition lost or printed elsewhere: its
    # description, to the copy's end, was left out without a word, as where the copy ends
    # at the heading, and the copy read as complete without competency 53
    (problem,) = _heading_53_as("53. LEADERSHIP\n\ninfluences").problems
    assert problem.message == (
        "competency 53, LEADERSHIP: its heading is read, but its definition does not follow "
        "it (''): the copy is cut short or lost words"
    )
    # a copy that ends at the heading is cut short there: the cut's problem says so alone
    text = _SOURCE_7521.read_text(encoding="utf-8")
    cut = text[: text.index("53. LEADERSHIP") + len("53. LEADERSHIP")]
    with pytest.raises(IncompleteImportError) as e:
        import_document(cut, BANK)
    assert [p.code for p in e.value.problems] == ["import-incomplete"]


def test_a_copy_ending_at_an_areas_lists_title_is_cut_short() -> None:
    # cut just after "Safety Focus Areas" (and its page's number): no model's list of
    # areas is empty, but the copy read as complete, competency 8's areas none
    text = (PLAINTEXT / "7521-senior-electric-service-representative.txt").read_text(
        encoding="utf-8"
    )
    cut = text[: text.index("Safety Focus Areas") + len("Safety Focus Areas")]
    with pytest.raises(IncompleteImportError) as e:
        import_document(cut, BANK)
    (problem,) = [p for p in e.value.problems if p.code == "import-incomplete"]
    assert problem.message.startswith(
        "the document ends after the title of an areas list, with no item, in competency 8 "
        "(...'Safety Focus Areas'): a copy cut short?; it never reaches 13, 20,"
    )


def test_a_text_copy_ending_with_its_last_page_number_is_whole() -> None:
    text = (PLAINTEXT / "9375-director-of-systems.txt").read_text(encoding="utf-8")
    # the last page's number, "10", the next after "9": the page's, the copy whole
    last = text[: text.rindex("\n10\n") + 3]
    assert import_document(last, BANK).comparisons == import_document(text, BANK).comparisons
    # page 9's number, its page cut after it (in competency 53's indicators): cut short
    # there, not at a heading
    with pytest.raises(IncompleteImportError) as e:
        import_document(text[: text.rindex("\n9\n") + 2], BANK)
    assert "heading" not in " ".join(p.message for p in e.value.problems)


def test_a_copy_cut_after_a_headings_first_digit_the_pages_number_is_cut_short() -> None:
    text = (PLAINTEXT / "9375-director-of-systems.txt").read_text(encoding="utf-8")
    # cut after the "2" of "21. TECHNOLOGY APPLICATION", on page 2: the number alone the
    # page's own would be, read as its page number, and the copy as whole, though the
    # list names 21 and seven more it never reaches
    cut = text[: text.index("21. TECHNOLOGY") + 1]
    with pytest.raises(IncompleteImportError) as e:
        import_document(cut, BANK)
    (problem,) = [p for p in e.value.problems if p.code == "import-incomplete"]
    assert problem.message == (
        "the document ends at '2', its page's number or the start of competency 21's "
        "heading: a copy cut short?; it never reaches 21, 28, 30, 33, 45, 47, 49, 53, "
        "which the list names"
    )
    # a page's number no listed competency the copy never reaches starts with: its page's
    whole = text[: text.rindex("\n10\n") + 3]
    assert import_document(whole, BANK).comparisons


def test_a_number_alone_amid_a_pages_text_is_a_word_not_its_page_number() -> None:
    from compbank.importer.text_margins import content_lines  # noqa: PLC0415

    def kept(lines: list[str]) -> list[str]:
        return [t for _, t in content_lines(lines)[0] if t.strip()]

    # pdftotext printed a justified line a word a paragraph ("Level", "5", "issues"): the
    # "5" amid page 2's text is a word; "1" and "2" at the pages' feet are their numbers,
    # and so is "3", its page's, though pieces printed after it stand below it
    words = ["Level", "", "5", "", "issues", ""]
    lines = ["The first page.", "", "1", "\fThe second page.", "", *words, "An end.", "", "2"]
    lines += ["\fThe third page.", "", "3", "", "apart", "", "\fThe fourth."]
    assert kept(lines) == [
        "The first page.",
        "The second page.",
        "Level",
        "5",
        "issues",
        "An end.",
        "The third page.",
        "apart",
        "The fourth.",
    ]
    # a viewer's copy (no form feeds): a number among a line's words after page 1's is one
    viewer = ["The first page ends here.", "1", "The second page.", "Level", "5", "issues"]
    assert kept(viewer) == ["The first page ends here.", "The second page.", "Level", "5", "issues"]
    # the first number a copy without form feeds gives is a page's, whatever its value
    assert kept(["A title page.", "Level", "5", "issues"]) == ["A title page.", "Level", "issues"]

    # a viewer's copy whose pages' numbers are "-1-": a number among a line's words a line
    # each after one ("at", "53", "tripping") is a word, whatever form the numbers take
    dashed = ["The first page ends here.", "-1-", "The second page.", "at", "53", "tripping"]
    assert kept(dashed) == ["The first page ends here.", "The second page.", "at", "53", "tripping"]
    # the number the page takes is its page number still
    assert "2" not in kept([*dashed[:5], "2", "The third page."])


def _header_kept(lines: list[str]) -> list[str]:
    from compbank.importer.text_margins import content_lines  # noqa: PLC0415

    return [t for _, t in content_lines(lines)[0] if t.strip() and "Los Angeles" in t]


def test_a_running_header_is_found_though_numbers_alone_stand_amid_pages() -> None:
    # pdftotext's text of a justified page printed a word a paragraph: numbers alone among
    # a line's words ("40", "2") are no pages' ends where form feeds part the pages; taken
    # for them, the copy had half again as many pages, and the running header, on each
    # real page, was found on too few to be one: it was read as text
    header = "City of Los Angeles \u2013 Competency Model"
    lines: list[str] = []
    for page in range(1, 7):
        lines += [("\f" if page > 1 else "") + header, f"Text of page {page}.", ""]
        lines += ["Level", "", str(40 + page), "", "issues", "", f"Page {page} of 6"]
    assert _header_kept(lines) == []
    # a viewer's copy (no form feeds, page numbers gone), one number alone among a line's
    # words on page 5: taken for a page's end, it made two "pages", the header amid the
    # first's text; the copy's first line found again is a running header wherever it stands
    viewer: list[str] = []
    for page in range(1, 7):
        viewer += [header, f"Text of page {page} runs on.", "Level", "issues"]
        viewer += ["40", "more"] if page == 5 else []
    assert _header_kept(viewer) == []
    # a line of the text that names the City, once, stays
    once = [*viewer[:5], f"The {header}, as a text says.", *viewer[5:]]
    assert _header_kept(once) == [f"The {header}, as a text says."]


@pytest.mark.parametrize("source", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.name[:4])
def test_a_document_cut_short_reports_what_it_read(source: Path, data: Path) -> None:
    text = source.read_text(encoding="utf-8")
    code = source.name[:4]
    before = _digest(data)
    for k, point in enumerate(cuts(text)):
        cut = text[:point]
        listed = _listed(cut)
        with pytest.raises(IncompleteImportError) as e:
            import_document(cut, BANK)
        partial = e.value.result
        assert partial.code == code
        assert [entry.number for entry in partial.listed] == listed
        assert e.value.problems
        if k in (0, 5, 9):  # through the command too, as text and as JSON (it is slower)
            document = data.parent / f"cut-{code}-{k}.txt"
            document.write_text(cut, encoding="utf-8")
            out = run(document, "--data", data, "--write")
            assert out.returncode == 1
            assert f"class {code} " in out.stdout
            for n in listed:
                assert re.search(rf"^ +{n}\. ", out.stdout, re.MULTILINE), (n, out.stdout)
            assert "nothing is written" in out.stdout
            out = run(document, "--data", data, "--format", "json")
            assert out.returncode == 1
            report = json.loads(out.stdout)
            assert report["code"] == code
            assert report["complete"] is False
            assert [e["number"] for e in report["listed"]] == listed
            assert report["problems"]
    assert _digest(data) == before


def one_line_per_page(text: str) -> str:
    """The plain-text rendering of a source, each page one line that starts with its number,
    its labels lost."""
    labels = re.compile(
        r"^(Level [1-3]:|Examples of Behavioral Indicators:|Satisfactory|Superior|"
        r"Performance Levels:)\s*"
    )
    pages: list[list[str]] = [[]]
    for line in text.split("\n"):
        if re.fullmatch(r"\d{1,3}", line.strip()):
            pages.append([])
            continue
        stripped = labels.sub("", line.replace("\f", "")).strip()
        if stripped:
            pages[-1].append(stripped)
    return "\n".join(f"{k} {' '.join(p)}" for k, p in enumerate(pages, start=1) if p) + "\n"


@pytest.mark.parametrize("source", sorted(PLAINTEXT.glob("*.txt")), ids=lambda p: p.name[:4])
def test_one_line_per_page_reports_code_and_list(source: Path, data: Path) -> None:
    text = one_line_per_page(source.read_text(encoding="utf-8"))
    original = (SOURCES / source.name).read_text(encoding="utf-8")
    listed = _listed(original)
    with pytest.raises(IncompleteImportError) as e:
        import_document(text, BANK)
    assert e.value.result.form == "pages"
    assert e.value.result.code == source.name[:4]
    assert [entry.number for entry in e.value.result.listed] == listed
    assert all(p.path.startswith("page ") for p in e.value.problems if p.path != "$")
    document = data.parent / f"pages-{source.name}"
    document.write_text(text, encoding="utf-8")
    before = _digest(data)
    out = run(document, "--data", data, "--format", "json", "--write")
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert (report["code"], [e["number"] for e in report["listed"]]) == (source.name[:4], listed)
    assert report["written"] == []
    assert _digest(data) == before


# -- bad PDFs ---------------------------------------------------------------------------------


def _minimal_pdf(pages: int, content: bytes = b"") -> bytes:
    """A PDF of *pages* pages sharing one content stream, written by hand."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + k} 0 R".encode() for k in range(pages))
        + f"] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{k} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for o in offsets:
        out.write(f"{o:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _bad_pdfs(folder: Path) -> dict[str, tuple[Path, str]]:
    """Each bad PDF, with the problem code it must give."""
    source = next(SOURCES.glob("7521-*.txt"))
    good = fpdf_pdf(source, folder / "good.pdf").read_bytes()
    made: dict[str, tuple[bytes, str]] = {
        "truncated": (good[: len(good) // 2], "pdf-truncated"),
        "zero-bytes": (b"", "empty-file"),
        "garbage": (b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\n%%EOF\n", "pdf-unreadable"),
        "thousands-of-pages": (_minimal_pdf(5000), "pdf-too-large"),
        "huge-stream": (
            _minimal_pdf(1, zlib.compress(b"0 0 m " * (20 * 2**20), 9)),
            "pdf-too-large",
        ),
        "image-only": (_image_only_pdf(folder), "pdf-no-text"),
    }
    encrypted = fpdf_pdf(source, folder / "encrypted-src.pdf", password="secret")  # noqa: S106
    made["encrypted"] = (encrypted.read_bytes(), "pdf-encrypted")
    out = {}
    for name, (content, code) in made.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(content)
        out[name] = (path, code)
    return out


def _image_only_pdf(folder: Path) -> bytes:
    """A scanned page: an image and no text."""
    from fpdf import FPDF  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    image = folder / "scan.png"
    Image.new("L", (850, 1100), 255).save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=0, y=0, w=210)
    return bytes(pdf.output())


def test_bad_pdfs_exit_1_with_one_message_and_write_nothing(tmp_path: Path, data: Path) -> None:
    require_fonts()
    before = _digest(data)
    for name, (path, code) in _bad_pdfs(tmp_path).items():
        out = run(path, "--data", data, "--write", limited=True)
        assert out.returncode == 1, (name, out.stderr)
        lines = out.stderr.strip().split("\n")
        assert len(lines) == 1, (name, lines)
        assert lines[0].startswith(f"{path}::"), (name, lines)
        assert f"[{code}]" in lines[0], (name, lines)
        assert out.stdout == ""
    assert _digest(data) == before


def test_a_bad_pdf_among_good_documents(tmp_path: Path, data: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really\n")
    good = next(SOURCES.glob("1230-*.txt"))
    out = run(good, bad, "--data", data)
    assert out.returncode == 1
    assert "[pdf-truncated]" in out.stderr
    summary = out.stdout[out.stdout.index("file ") :]
    assert re.search(r"1230-customer-service-representative.txt +1230 .* 9 +0 +read", summary)
    assert re.search(r"bad.pdf +- +- +- +- +not read", summary)
    assert "1 of 2 documents read in full" in summary


def test_write_many_writes_those_read_in_full_and_lists_the_others(
    tmp_path: Path, data: Path
) -> None:
    good = next(SOURCES.glob("1230-*.txt"))
    cut = tmp_path / "cut.txt"
    cut.write_text(good.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    shutil.copy(good, folder / good.name)
    shutil.copy(cut, folder / "cut.txt")
    target = data / "classes" / "1230-customer-service-representative.json"
    target.unlink()
    try:
        out = run(folder, "--data", data, "--write")
        assert out.returncode == 1
        assert target.is_file()  # the document read in full is written
        assert "not written: " in out.stdout
        assert "cut.txt (read in part)" in out.stdout
    finally:
        shutil.copy(DATA / "classes" / target.name, target)


@pytest.mark.parametrize("cut", [1, 2, 3, 4, 5, 9, 500])
def test_a_pdf_cut_within_its_first_bytes_is_one_problem(cut: int, tmp_path: Path) -> None:
    # "%" or "%PD" alone is the start of a PDF's header, not a text with no title in it
    require_fonts()
    source = next(SOURCES.glob("7521-*.txt"))
    cut_pdf = tmp_path / "cut.pdf"
    cut_pdf.write_bytes(fpdf_pdf(source, tmp_path / "good.pdf").read_bytes()[:cut])
    with pytest.raises(DataError) as e:
        import_document(cut_pdf, BANK)
    assert [p.code for p in e.value.problems] == ["pdf-truncated"]


def test_text_that_starts_with_a_percent_sign_is_text() -> None:
    with pytest.raises(DataError) as e:
        import_document(b"% COMPETENCY MODEL", BANK)
    assert "pdf-truncated" not in {p.code for p in e.value.problems}


def test_a_copy_cut_in_its_third_pages_header_after_three_letters_drops_the_header() -> None:
    # a copy of two pages and the start of a third, each opening with the running header,
    # cut three letters into the third's: the header stood on two pages of three, too few
    # to be one, and page 2's was read into a competency's indicators
    header = "City of Los Angeles \u2013 Competency Model\n"
    text = (PLAINTEXT / "9375-director-of-systems.txt").read_text(encoding="utf-8")
    text = header + text.replace("\f", f"\f{header}")
    page_3 = [m.start() for m in re.finditer(f"\f{header}", text)][1]
    cut = text[: page_3 + 1 + len("Cit")]
    with pytest.raises(IncompleteImportError) as e:
        import_document(cut, BANK)
    read = e.value.result
    assert read.comparisons
    assert not [c.number for c in read.comparisons[:-1] if c.status != "identical"]
    (problem,) = [p for p in e.value.problems if p.code == "import-incomplete"]
    assert "ends inside a page's running header or footer ('Cit')" in problem.message
    # three letters that open no page before are no header's: the copy ends mid-sentence
    plain = text.replace(header, "")
    page_3 = [m.start() for m in re.finditer("\f", plain)][1]
    with pytest.raises(IncompleteImportError) as e:
        import_document(plain[: page_3 + 1] + "Cit", BANK)
    assert "running header" not in " ".join(p.message for p in e.value.problems)


def test_a_listed_competency_whose_heading_was_not_read_is_named_in_a_problem() -> None:
    # the last heading lost its number: its parts are read into the competency before
    # (which a problem names), and the list's competency no heading was read of was named
    # only by a finding, in no problem
    error = _heading_53_as("LEADERSHIP \u2013 Influences")
    messages = [p.message for p in error.problems]
    assert not any("competency 53" in m for m in messages[:-1])
    assert messages[-1] == (
        "competency 53, which the list names: its heading was not read, and its description "
        "may be among the parts not read"
    )
    assert error.problems[-1].code == "import-bad-section"
    # the finding that the body does not describe it stays beside the problem
    assert [f.kind for f in error.result.findings].count("listed-not-described") == 1
