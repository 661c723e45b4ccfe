"""What Hypothesis draws: a record, a layout, a page set-up; and rendered copies, kept.

The option space is written once (`LAYOUT_OPTIONS`, `PAGE_OPTIONS`): Hypothesis draws from it
for our own typesetter, where a document costs a fraction of a second; for LibreOffice and
Chromium, which cost more, a pool of documents is drawn from it with a seeded generator and
rendered once per run (`Pool`), and Hypothesis draws among them.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import attrs
from form_model import DECOYS, MARKINGS, Layout, Record, model, records
from form_pdf import FAMILIES, Page, docx_document, docx_documents_to_pdf, fpdf_pdf, html_page
from hypothesis import strategies as st

if TYPE_CHECKING:
    from pathlib import Path

    from form_pdf import Chromium

LAYOUT_OPTIONS: dict[str, tuple[Any, ...]] = {
    "title": ("lines", "paras", "spaced", "one"),
    "code_form": ("block", "colon", "bracket", "none"),
    "centred": (True, False),
    "marking": MARKINGS,
    "decoys": ((), (), ("strike",), ("box",), ("part",), ("two",), ("strike", "box")),
    "bold_labels": (True, False),
}
PAGE_OPTIONS: dict[str, tuple[Any, ...]] = {
    "family": tuple(FAMILIES),
    "size": (9, 10, 10.5, 11, 12, 13),
    "margin": (36, 54, 72, 90),
    "line": (1.0, 1.15, 1.3, 1.5),
    "space": (0, 3, 6, 10, 14),
    "columns": (1, 2),
    "header": (True, False),
    "footer": ("none", "page-of", "number", "dashes"),
    "underline_offset": (0.8, 1.5, 2.2, 3.0),
    "underline_width": (0.3, 0.6, 1.0, 1.4),
    "underline": ("line", "rect"),
    "italic": ("font", "synthetic"),
    "bold": ("font", "synthetic"),
    "label_marked": (False, True),
    "justify": (False, True),
    "markers": ("glyph", "drawn"),
}
assert set(DECOYS) <= {d for ds in LAYOUT_OPTIONS["decoys"] for d in ds}

RECORDS = records()


def layouts() -> st.SearchStrategy[Layout]:
    """Any `Layout`."""
    return st.builds(Layout, **{k: st.sampled_from(v) for k, v in LAYOUT_OPTIONS.items()})


def pages() -> st.SearchStrategy[Page]:
    """Any `Page`."""
    return st.builds(Page, **{k: st.sampled_from(v) for k, v in PAGE_OPTIONS.items()})


def drawn(rng: random.Random) -> tuple[Record, Layout, Page]:
    """A record, a layout and a page set-up drawn by *rng* from the same options."""
    layout = Layout(**{k: rng.choice(v) for k, v in LAYOUT_OPTIONS.items()})
    page = Page(**{k: rng.choice(v) for k, v in PAGE_OPTIONS.items()})
    return rng.choice(RECORDS), layout, page


@attrs.frozen(repr=False)
class Rendered:
    """A record rendered as a PDF by a producer, in a layout and page set-up."""

    producer: str
    record: Record
    layout: Layout
    page: Page
    pdf: Path

    def __str__(self) -> str:
        return f"{self.producer} {self.record} {self.layout} {self.page}"

    def __repr__(self) -> str:  # short: pytest prints the fixtures of a failing test
        return f"Rendered({self.producer}, {self.record!r}, {self.pdf.name})"

    def case(self) -> dict[str, Any]:
        """How to make this document again (JSON-ready), for the corpus."""
        return {
            "producer": self.producer,
            **self.record.case(),
            "layout": {
                k: sorted(v) if isinstance(v, frozenset) else v
                for k, v in attrs.asdict(self.layout, recurse=False).items()
            },
            "page": attrs.asdict(self.page),
        }


class Pool:
    """Rendered documents, drawn among by index (wrapping round); printed short."""

    def __init__(self, items: list[Rendered]) -> None:
        self.items = items

    def __getitem__(self, index: int) -> Rendered:
        return self.items[index % len(self.items)]

    def __repr__(self) -> str:
        return f"Pool({len(self.items)} documents)"


def render_fpdf(record: Record, layout: Layout, page: Page, folder: Path) -> Rendered:
    """*record* set by our own typesetter (the PDF cached in *folder* by its set-up)."""
    key = abs(hash((record.job.code, record.data, layout, page)))
    out = folder / f"fpdf-{key}.pdf"
    if not out.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fpdf_pdf(model(record, layout), layout, page, out)
    return Rendered("fpdf2", record, layout, page, out)


def render_libreoffice(
    soffice: str, drawn_set: list[tuple[Record, Layout, Page]], folder: Path
) -> list[Rendered]:
    """Each of *drawn_set* written as a Word document, all printed by one LibreOffice run."""
    folder.mkdir(parents=True, exist_ok=True)
    documents = [
        docx_document(model(r, lay), lay, pg, folder / f"libreoffice-{k}.docx")
        for k, (r, lay, pg) in enumerate(drawn_set)
    ]
    pdfs = docx_documents_to_pdf(soffice, documents, folder)
    return [
        Rendered("libreoffice", r, lay, pg, pdf)
        for (r, lay, pg), pdf in zip(drawn_set, pdfs, strict=True)
    ]


def render_chromium(
    browser: Chromium, drawn_set: list[tuple[Record, Layout, Page]], folder: Path
) -> list[Rendered]:
    """Each of *drawn_set* as an HTML page printed by one headless Chromium."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        Rendered(
            "chromium",
            r,
            lay,
            pg,
            browser.print(html_page(model(r, lay), lay, pg), pg, folder / f"chromium-{k}.pdf"),
        )
        for k, (r, lay, pg) in enumerate(drawn_set)
    ]


def pool_set(size: int, seed: int) -> list[tuple[Record, Layout, Page]]:
    """*size* set-ups drawn with *seed*; every record among the first, where *size* allows."""
    rng = random.Random(seed)  # noqa: S311 (test data)
    out = [drawn(rng) for _ in range(size)]
    for k, record in enumerate(RECORDS[:size]):
        out[k] = (record, *out[k][1:])
    return out
