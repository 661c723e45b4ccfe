"""The text forms a person finds of a competency model: extracted, copied, transcribed, cut.

- `pdftotext`: poppler's ``pdftotext`` of a PDF, by default or with ``-layout``;
- `viewer_copy`: what selecting all in a PDF viewer and copying gives: each page's lines,
  one after the other, without the blank lines between paragraphs;
- `transcription`: the page-per-line form document-sharing sites show of a PDF (see issue
  19): optional page chrome, then one line per page starting with its page number, the
  labels, bullets, emphasis and the dash after a competency's name gone, each competency
  starting a new page;
- `cut`: any of them cut short at a byte.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs
from form_model import Layout, Record, announce_sentence, introduction, prior_marks, title_lines

if TYPE_CHECKING:
    from compbank import Competency, JobClass


def pdftotext(tool: str, pdf: Path, *, layout: bool = False) -> str:
    """The text poppler's ``pdftotext`` gives of *pdf*."""
    args = [tool, *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, timeout=60).stdout.decode("utf-8")


def viewer_copy(text: str) -> str:
    """*text* (``pdftotext``'s, pages parted by form feeds) as a viewer's copy gives it."""
    pages = text.split("\f")
    lines = [line for page in pages for line in page.split("\n") if line.strip()]
    return "\n".join(lines) + "\n"


@attrs.frozen
class Transcription:
    """How one transcription departs from the plain form.

    Attributes:
        chrome: The page chrome before the first page.
        twice: Each page number printed twice (the transcription's and the PDF's footer).
        labels: The level labels ``"dropped"``, or kept and ``"bunched"`` before the texts.
        dash: The dash after a competency's name kept as ``" - "``.
        drops: Words dropped from competency pages (a seed; 0: none).
        page_size: About how many characters a PDF page holds (a long competency runs on).
        bracket: The code in brackets after the title (else ``CLASS CODE NNNN`` after it).
        entry_level: An entry-level model's: its list gives the names alone, run together
            without numbers or separators (a star before a name needed prior to entry).
        code: The class code printed; else, with `bracket`, nothing where it would be (the
            title alone, and its year), and without, ``CLASS CODE`` with no number after it.
    """

    chrome: bool = True
    twice: bool = False
    labels: Literal["dropped", "bunched"] = "dropped"
    dash: bool = False
    drops: int = 0
    page_size: int = 2600
    bracket: bool = True
    entry_level: bool = False
    code: bool = True


def _competency_page(
    c: Competency, areas: tuple[str, ...], how: Transcription, rng: random.Random | None
) -> str:
    dash = " - " if how.dash else " "
    parts = [f"{c.number}. {c.name.upper()}{dash}{c.definition}", *c.definition_items]
    if how.labels == "bunched":
        parts += ["Level 1: Level 2: Level 3:", *c.levels]
    else:
        parts += list(c.levels)
    parts += [*c.behavioral_indicators, c.satisfactory, c.superior]
    if areas:
        parts += [f"{c.name} Areas", *(f"{k}. {t}" for k, t in enumerate(areas, 1))]
    words = " ".join(parts).split()
    if rng is not None:
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(3, len(words))  # never the heading's number or name
            words[k] = words[k][-2:] if len(words[k]) > 3 else ""
    return " ".join(w for w in words if w)


def pages(record: Record, how: Transcription, marking: frozenset[str]) -> list[str]:
    """The transcription's pages: the first with the title, introduction and list; then each
    competency, run on to more pages where it is long."""
    job: JobClass = record.job
    marks = prior_marks(job)
    entries = [
        f"{'*' if marks and r.prior_to_entry else ''}"
        f"{'' if how.entry_level else f'{r.competency.number}. '}{r.competency.name}"
        for r in job.requirements
    ]
    footnote = ["*Competencies necessary prior to job entry"] if marks else []
    first = " ".join(
        [
            title(job, how),
            introduction(job, entry_level=how.entry_level),
            *entries,
            *footnote,
            announce_sentence(marking),
        ]
    )
    out = [first]
    rng = random.Random(how.drops) if how.drops else None  # noqa: S311 (test data)
    for r in job.requirements:
        words = _competency_page(r.competency, r.areas, how, rng).split(" ")
        page: list[str] = []
        for w in words:
            if page and sum(len(x) + 1 for x in page) + len(w) > how.page_size:
                out.append(" ".join(page))
                page = []
            page.append(w)
        out.append(" ".join(page))
    return out


def title(job: JobClass, how: Transcription) -> str:
    """The title block as the transcription gives it, on one line: ``CLASS CODE`` alone, or
    nothing at all, where its code is not printed."""
    if not how.code and how.bracket:
        return " ".join(title_lines(job, Layout(title="one", code_form="none")))
    if not how.code:
        lines = title_lines(job, Layout(title="lines", code_form="block"))
        return " ".join(lines).removesuffix(f" {job.code}")
    layout = Layout(
        title="one" if how.bracket else "lines", code_form="bracket" if how.bracket else "block"
    )
    return " ".join(title_lines(job, layout))


def transcription(record: Record, how: Transcription, marking: frozenset[str]) -> str:
    """The page-per-line transcription of *record*'s document."""
    heading = title(record.job, how)
    chrome = (
        f'{heading}\n\nSize: px\nStart display at page:\n\nDownload "{heading}"\n\n'
        "Transcription\n\n"
        if how.chrome
        else ""
    )
    lines = []
    for n, page in enumerate(pages(record, how, marking), 1):
        number = f"{n} {n}" if how.twice else str(n)
        lines.append(f"{number} {page}")
    return chrome + "\n\n".join(lines) + "\n"


def cut(text: str, at: int) -> bytes:
    """*text*'s UTF-8 bytes cut short after *at* bytes (perhaps inside a character)."""
    return text.encode("utf-8")[:at]
