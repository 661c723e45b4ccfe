"""A generated pdftotext copy of a justified PDF whose pieces read in the bank's order.

The copy of 9375 in ``corpus/F9-pdftotext-9375.json``: pdftotext printed the last words of
two of competency 21's indicators (``that can be applied to improve``, ``investment in
new``) interleaved, a word a paragraph; by the lines' lengths and pdftotext's order,
``investment`` went back in the first. The texts hold the bank's words: they read as the
bank's, and the report says so under the competency.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from form_corpus import CORPUS, load, remake

from compbank.importer import import_document
from compbank.importer.report import text

if TYPE_CHECKING:
    from pathlib import Path


def test_interleaved_pieces_read_in_the_banks_order_and_the_report_says_so(
    tmp_path: Path,
) -> None:
    copy = remake(load(CORPUS / "F9-pdftotext-9375.json"), tmp_path)
    assert copy.text is not None
    # the copy holds the pieces apart, the bank's reading of them nowhere whole
    assert "Identifies new technology that can be applied to improve existing" not in " ".join(
        copy.text.split()
    )
    result = import_document(copy.content, copy.record.bank)
    assert {c.number: c.status for c in result.comparisons}[21] == "identical"
    (finding,) = [f for f in result.findings if f.kind == "pieces-as-bank" and f.competency == 21]
    assert finding.path == "$.behavioral_indicators[2]"
    assert "$.behavioral_indicators[2], $.behavioral_indicators[3]" in finding.message
    report = text(result)
    competencies, levels = report.split("\nRequired levels and marks:")
    lines = competencies.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("   21 Technology Application"))
    under_21 = itertools.takewhile(lambda line: line.startswith(" " * 8), lines[at + 1 :])
    assert any(line.strip().startswith("[pieces-as-bank]") for line in under_21)
    assert "[pieces-as-bank]" not in levels
