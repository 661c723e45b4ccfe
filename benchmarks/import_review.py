"""Time ``compbank import --review`` on 50 PDFs against the same import without the review.

    python benchmarks/import_review.py              # needs the test extra; chromium if there
    python benchmarks/import_review.py --repeat 5

The 50 PDFs are those of ``benchmarks/import_pdf.py``: the five sources printed by headless
Chromium (where it is installed) and by fpdf2 (as the tests make them,
tests/pdf_documents.py), copies of each up to 50. Measured, taking turns, each one process
over the folder:

- ``compbank import DIR --format json``: reading, parsing and comparing all 50;
- ``compbank import DIR --format json --review OUT``: the same, then the review (each page
  holding a place rendered once, a crop per known level and per finding, the pages);

with their ratio (the goal: at most 3x), and the review's size.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from _common import conditions, wall_time  # noqa: E402
from pdf_documents import make_all  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
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
        command = [sys.executable, "-m", "compbank.cli", "import", str(batch), "--format", "json"]
        review = folder / "review"
        alone, with_review = [], []
        for _ in range(args.repeat):
            alone.append(wall_time(command))
            with_review.append(wall_time([*command, "--review", str(review)]))
        plain, reviewed = statistics.median(alone), statistics.median(with_review)
        files = [p for p in review.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files) / 2**20
        images = sum(1 for p in files if p.suffix == ".png")
        print(conditions())
        print(f"producers: {', '.join(made)}; 50 PDFs; medians of {args.repeat} runs\n")
        print("| run | time | x import |\n| --- | --- | --- |")
        print(f"| compbank import DIR (50 PDFs) | {plain:.2f} s | 1.00x |")
        print(
            f"| compbank import DIR --review OUT (50 PDFs) | {reviewed:.2f} s "
            f"| {reviewed / plain:.2f}x |"
        )
        print(f"\nthe review: {len(files)} files, {images} images, {size:.1f} MiB")


if __name__ == "__main__":
    main()
