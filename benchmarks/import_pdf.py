"""Time ``compbank import`` on 50 PDFs against pdftotext on the same files; peak memory.

    python benchmarks/import_pdf.py              # needs chromium, pdftotext, the test extra
    python benchmarks/import_pdf.py --repeat 5 --libraries

The 50 PDFs are the five sources printed by headless Chromium and by fpdf2 (as the tests
make them, tests/pdf_documents.py), five copies of each. Measured, taking turns:

- ``compbank import DIR --format json``: one process reading, parsing and comparing all 50;
- ``pdftotext FILE OUT``: one process per file, as a script would run it on the 50 files;

with their ratio (the goal: at most 10x). Then the peak memory (``ru_maxrss``) of
``compbank import`` on the largest PDF it accepts (``MAX_PAGES`` pages of a model's text).
``--libraries`` also times the PDF libraries considered for the reader on the ten distinct
PDFs: PDFium (pypdfium2) giving each character with its box and font, pdfplumber
(pdfminer.six) giving characters and rects, and pypdf's text extraction with fonts.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from _common import conditions, wall_time  # noqa: E402
from compbank.importer.read_pdf import MAX_PAGES  # noqa: E402
from pdf_documents import SOURCES, fpdf_pdf, make_all  # noqa: E402


def _batch(folder: Path, repeat: int) -> tuple[float, float]:
    pdfs = sorted(folder.glob("*.pdf"))
    pdftotext = shutil.which("pdftotext") or "pdftotext"
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(
            wall_time(
                [sys.executable, "-m", "compbank.cli", "import", str(folder), "--format", "json"]
            )
        )
        start = time.perf_counter()
        for pdf in pdfs:
            subprocess.run([pdftotext, str(pdf), "/dev/null"], check=False, capture_output=True)
        theirs.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(theirs)


def _largest(folder: Path) -> Path:
    """A PDF of MAX_PAGES pages: one source's text repeated, as fpdf2 sets it."""
    source = next(SOURCES.glob("7521-*.txt"))
    text = source.read_text(encoding="utf-8")
    body = text[text.index("8. SAFETY FOCUS") :]
    big = folder / "big.txt"
    pages = 0
    copies = 1
    while True:
        big.write_text(text + ("\n\n" + body) * copies, encoding="utf-8")
        pdf = fpdf_pdf(big, folder / "largest.pdf")
        import pypdfium2  # noqa: PLC0415

        with pypdfium2.PdfDocument(pdf) as document:
            pages = len(document)
        if pages >= MAX_PAGES - 10:
            return pdf
        copies = max(copies + 1, int(copies * (MAX_PAGES - 5) / max(pages, 1)))


def _peak(pdf: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of a fresh ``compbank import`` of *pdf*."""
    script = (
        "import resource, sys\n"
        "from compbank.cli import main\n"
        "code = main(['import', sys.argv[1], '--format', 'json'])\n"
        "sys.stderr.write(f'{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", script, str(pdf)], check=False, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    return elapsed, int(proc.stderr.strip().splitlines()[-1])


def _libraries(pdfs: list[Path]) -> list[tuple[str, float]]:
    import ctypes  # noqa: PLC0415

    import pdfplumber  # noqa: PLC0415
    import pypdf  # noqa: PLC0415
    import pypdfium2 as pdfium  # noqa: PLC0415
    from pypdfium2 import raw  # noqa: PLC0415

    def pdfium_chars(path: Path) -> None:
        doc = pdfium.PdfDocument(path)
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        for page in doc:
            tp = page.get_textpage()
            for i in range(tp.count_chars()):
                raw.FPDFText_GetCharBox(tp.raw, i, left, right, bottom, top)
                raw.FPDFText_GetTextObject(tp.raw, i)
            tp.get_text_range()

    def plumber(path: Path) -> None:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                _ = (page.chars, page.rects, page.lines)

    def pypdf_text(path: Path) -> None:
        reader = pypdf.PdfReader(path)
        for page in reader.pages:
            page.extract_text(visitor_text=lambda *_: None)

    out = []
    for name, fn in (
        ("pypdfium2: characters, boxes, fonts", pdfium_chars),
        ("pdfplumber: characters, rects, lines", plumber),
        ("pypdf: text with fonts", pypdf_text),
    ):
        start = time.perf_counter()
        for pdf in pdfs:
            fn(pdf)
        out.append((name, time.perf_counter() - start))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--libraries", action="store_true")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made = make_all(folder / "made", chromium)
        batch = folder / "batch"
        batch.mkdir()
        distinct = [p for pdfs in made.values() for p in pdfs]
        for k in range(50):
            pdf = distinct[k % len(distinct)]
            shutil.copy(pdf, batch / f"{k:02d}-{pdf.parent.name}-{pdf.name}")
        ours, theirs = _batch(batch, args.repeat)
        print(conditions())  # COMPBANK_NO_FAST, if set, holds for the import (the bank)
        print(f"producers: {', '.join(made)}; 50 PDFs; medians of {args.repeat} runs\n")
        print("| run | time | x pdftotext |\n| --- | --- | --- |")
        print(f"| pdftotext, 50 processes | {theirs:.2f} s | 1.00x |")
        print(f"| compbank import DIR (50 PDFs) | {ours:.2f} s | {ours / theirs:.2f}x |")
        largest = _largest(folder)
        elapsed, peak = _peak(largest)
        size = largest.stat().st_size / 2**20
        print(
            f"\nlargest PDF accepted ({MAX_PAGES} pages at most; this one "
            f"{size:.1f} MiB): compbank import {elapsed:.1f} s, peak RSS {peak / 1024:.0f} MB"
        )
        if args.libraries:
            print("\n| library (10 PDFs) | time |\n| --- | --- |")
            for name, seconds in _libraries(distinct):
                print(f"| {name} | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
