"""A class record as the document a person meets: its blocks, and what reading them must give.

The record is the oracle. `model` lays a class record of a bank out as the City's competency
models are laid out (title block, introduction, numbered list, the announced marking, then one
section per competency), as blocks of styled runs that every producer renders its own way;
`expected` says what an import of any form of it must give back.

Records come from two places: the five classes of ``data/`` with their bank, and synthetic
banks written by ``benchmarks/generate.py`` (titles, codes, names and texts the sources do
not have).
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Literal

import attrs

import compbank
from compbank import Bank, JobClass
from compbank.canonical import dumps

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402 (benchmarks/ is a folder of scripts, not a package)

Style = frozenset[str]
PLAIN: Style = frozenset()
BOLD: Style = frozenset({"bold"})
#: The markings the City's introductions announce, as style sets.
MARKINGS: tuple[Style, ...] = (
    frozenset({"italic", "bold", "underline"}),
    frozenset({"italic", "underline"}),
    frozenset({"bold", "underline"}),
    frozenset({"italic", "bold"}),
    frozenset({"italic"}),
    frozenset({"bold"}),
    frozenset({"underline"}),
)
Kind = Literal["title", "p", "label", "heading", "entry", "item", "subitem", "area", "level"]
#: The start of the running header every producer sets on each page: the name, an en dash
#: and "Competency Model" (our typesetter puts the class's title after the dash).
RUNNING_HEADER = "City of Los Angeles"
#: Marks drawn on a level that are not the announced marking: they must never set a level.
#: "strike" (a rule through the text), "box" (a table border just under the baseline),
#: "part" (the announced emphasis on the first half of another level's words), "two"
#: (the announced emphasis on a second level too).
DECOYS = ("strike", "box", "part", "two")


@attrs.frozen
class Run:
    """Text in one style (a subset of "italic", "bold", "underline"); *decoy* marks aside."""

    text: str
    style: Style = PLAIN
    decoy: str | None = None


@attrs.frozen
class Block:
    """A paragraph: its kind, its runs, and its number where it is numbered."""

    kind: Kind
    runs: tuple[Run, ...]
    number: str | None = None

    @property
    def text(self) -> str:
        """The paragraph's text."""
        return "".join(r.text for r in self.runs)


@attrs.frozen
class Layout:
    """How the document's text is set, whatever the producer: what every producer shares.

    Attributes:
        title: The title block: ``"lines"`` (three lines), ``"paras"`` (three paragraphs),
            ``"spaced"`` (three paragraphs with space between), ``"one"`` (one line, the code
            in brackets).
        code_form: ``"CLASS CODE 1230"``, ``"Class Code: 1230"`` or ``"(1230)"`` (with
            ``title="one"``, always the bracket form), or ``"none"``: no code printed.
        centred: The title block is centred (else left-aligned).
        marking: The styles the introduction announces and the levels carry.
        decoys: Marks that are not the marking, each drawn on some level.
        bold_labels: ``Level of Competency Required by Job:`` and the other labels in bold.
    """

    title: Literal["lines", "paras", "spaced", "one"] = "lines"
    code_form: Literal["block", "colon", "bracket", "none"] = "block"
    centred: bool = True
    marking: Style = MARKINGS[0]
    decoys: tuple[str, ...] = ()
    bold_labels: bool = True


@attrs.frozen(repr=False)
class Record:
    """A class record and the bank it is read against (the data directory)."""

    job: JobClass
    data: Path

    @property
    def bank(self) -> Bank:
        """The bank loaded from *data*."""
        return _bank(self.data)

    def __str__(self) -> str:
        return f"{self.job.code} {self.job.title} ({self.data.name})"

    def __repr__(self) -> str:  # short: Hypothesis prints the examples it draws
        return f"Record({self.job.code!r} in {self.data.name})"

    def case(self) -> dict[str, str]:
        """Which record this is, for the corpus: its code, in ``data`` or ``synthetic``."""
        return {"record": self.job.code, "data": "data" if self.data == DATA else "synthetic"}


def record_of(case: dict[str, Any]) -> Record:
    """The record a corpus case names (see `Record.case`)."""
    data = DATA if case["data"] == "data" else synthetic_data()
    return Record(_bank(data).classes[case["record"]], data)


@functools.cache
def _bank(data: Path) -> Bank:
    return compbank.load(data)


@functools.cache
def synthetic_data() -> Path:
    """A synthetic bank of 40 competencies and 12 classes, written once per run."""
    folder = Path(tempfile.mkdtemp(prefix="compbank-forms-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    out = folder / "synthetic"
    generate.generate(out, 40, 12, seed=20261203)
    # the generator draws words from the notes' texts too, which keep the sources' emphasis
    # markers: a document's texts have none
    for path in [*out.glob("competency_bank/*.json"), *out.glob("classes/*.json")]:
        document = json.loads(path.read_text(encoding="utf-8"))
        kind: Literal["competency", "job-class"] = (
            "competency" if path.parent.name == "competency_bank" else "job-class"
        )
        path.write_text(dumps(_unmarked(document), kind), encoding="utf-8")
    return out


def _unmarked(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.startswith("../") else " ".join(value.replace("*", "").split())
    if isinstance(value, list):
        return [_unmarked(v) for v in value]
    if isinstance(value, dict):
        return {k: _unmarked(v) for k, v in value.items()}
    return value


@functools.cache
def records() -> tuple[Record, ...]:
    """The five classes of ``data/`` and twelve synthetic ones."""
    real = [Record(j, DATA) for j in _bank(DATA).classes.values()]
    synthetic = synthetic_data()
    made = [Record(j, synthetic) for j in _bank(synthetic).classes.values()]
    return tuple(real + [r for r in made if r.job.requirements])


def _phrase(marking: Style) -> str:
    words = [w for k, w in (("italic", "italicized"), ("bold", "bolded"), ("underline",
             "underlined")) if k in marking]  # fmt: skip
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return f"{words[0]} and {words[1]}"
    return f"{words[0]}, {words[1]}, and {words[2]}"


def announce_sentence(marking: Style) -> str:
    """The introduction's sentence that says how the required level is marked."""
    return (
        "On the following pages are descriptions of each competency, including a definition, "
        f"the level of the competency required for the class ({_phrase(marking)}), examples "
        "of behavioral indicators, and satisfactory and superior performance levels."
    )


def prior_marks(job: JobClass) -> bool:
    """Whether the list marks entries needed prior to job entry (any requirement says so)."""
    return any(r.prior_to_entry for r in job.requirements)


_FOR = "COMPETENCY MODEL FOR"


def title_lines(job: JobClass, layout: Layout) -> list[str]:
    """The title block's lines."""
    year = f" ({job.year})" if job.year else ""
    if layout.code_form == "none":
        title = f"{job.title}{year}"
        return [f"{_FOR} {title}"] if layout.title == "one" else [_FOR, title]
    code = {
        "block": f"CLASS CODE {job.code}",
        "colon": f"Class Code: {job.code}",
        "bracket": f"({job.code})",
    }[layout.code_form]
    if layout.title == "one" or layout.code_form == "bracket":
        # the code first: "(2019) (1230)" would leave which is the code to a guess
        return [f"{_FOR} {job.title} ({job.code}){year}"]
    return [_FOR, f"{job.title}{year}", code]


def introduction(job: JobClass, *, entry_level: bool = False) -> str:
    """The introduction's first paragraph (the class title in it is bold).

    An entry-level model's says so (``... job performance at entry level in the class of``).
    """
    level = " at entry level" if entry_level else ""
    return (
        "The following competencies have been identified as those that best separate superior "
        f"from satisfactory job performance{level} in the class of {job.title}. (Numbers "
        "refers to the order of the competencies in the Competency Bank.)"
    )


def decoy_levels(required: int | None, decoys: tuple[str, ...]) -> dict[int, str]:
    """Which level carries which decoy: never the required one, at most one decoy a level."""
    free = [n for n in (1, 2, 3) if n != required]
    out: dict[int, str] = {}
    for decoy in decoys:
        if not free:
            break
        out[free.pop(0)] = decoy
    return out


def model(record: Record, layout: Layout) -> list[Block]:
    """The document's blocks, in reading order."""
    job = record.job
    out: list[Block] = [Block("title", (Run(line, BOLD),)) for line in title_lines(job, layout)]
    intro = introduction(job)
    head, tail = intro.split(job.title, 1)
    out.append(Block("p", (Run(head), Run(job.title, BOLD), Run(tail))))
    marks = prior_marks(job)
    for r in job.requirements:
        star = "*" if marks and r.prior_to_entry else ""
        out.append(Block("entry", (Run(r.competency.name),), f"{star}{r.competency.number}"))
    if marks:
        out.append(Block("p", (Run("*Competencies necessary prior to job entry"),)))
    sentence = announce_sentence(layout.marking)
    head, rest = sentence.split("(", 1)
    phrase, tail = rest.split(")", 1)
    out.append(Block("p", (Run(head + "("), Run(phrase, layout.marking), Run(")" + tail))))
    label = BOLD if layout.bold_labels else PLAIN
    for r in job.requirements:
        c = r.competency
        heading = (Run(f"{c.number}. {c.name.upper()}", BOLD), Run(f" \u2013 {c.definition}"))
        out.append(Block("heading", heading))
        out += [Block("subitem", (Run(t),)) for t in c.definition_items]
        out.append(Block("label", (Run("Level of Competency Required by Job:", label),)))
        decoys = decoy_levels(r.required_level, layout.decoys)
        for n, text in enumerate(c.levels, 1):
            style = layout.marking if n == r.required_level else PLAIN
            decoy = decoys.get(n)
            if decoy == "two":
                style = layout.marking
            runs: tuple[Run, ...]
            if decoy == "part":
                words = text.split(" ")
                half = max(len(words) // 2, 1)
                runs = (
                    Run(" ".join(words[:half]), layout.marking),
                    Run(" " + " ".join(words[half:]) if words[half:] else ""),
                )
            else:
                runs = (Run(text, style, decoy if decoy in ("strike", "box") else None),)
            out.append(Block("level", (Run(f"Level {n}: "), *[x for x in runs if x.text])))
        out.append(Block("label", (Run("Examples of Behavioral Indicators:", label),)))
        out += [Block("item", (Run(t),)) for t in c.behavioral_indicators]
        out.append(Block("label", (Run("Performance Levels:", label),)))
        out.append(Block("label", (Run("Satisfactory", label),)))
        out.append(Block("p", (Run(c.satisfactory),)))
        out.append(Block("label", (Run("Superior", label),)))
        out.append(Block("p", (Run(c.superior),)))
        if r.areas:
            out.append(Block("label", (Run(f"{c.name} Areas", label),)))
            out += [Block("area", (Run(t),), str(k)) for k, t in enumerate(r.areas, 1)]
    return out


# -- the oracle ------------------------------------------------------------------------------


def expected_level(required: int | None, layout: Layout) -> int | None:
    """The level a reader of emphasis must give: the record's, unless the decoys hide it.

    By the rule the introduction implies: a level is marked where every word of its text
    carries the whole announced marking; the required level is the one marked level, and
    unknown where another level is marked too or carries the marking on part of its words.
    """
    decoys = decoy_levels(required, layout.decoys)
    marked = [n for n in (1, 2, 3) if n == required or decoys.get(n) == "two"]
    partial = [n for n in (1, 2, 3) if decoys.get(n) == "part"]
    if len(marked) == 1 and not partial:
        return marked[0]
    return None


def expected_requirements(
    record: Record, layout: Layout | None, *, count: int | None = None
) -> list[dict[str, object]]:
    """The class file's requirements an import must give (levels unknown where *layout* is
    None: a form that keeps no emphasis); only the first *count* where given."""
    job = record.job
    marks = prior_marks(job)
    out: list[dict[str, object]] = [
        {
            "competency": r.competency.number,
            "required_level": None if layout is None else expected_level(r.required_level, layout),
            "prior_to_entry": bool(r.prior_to_entry) if marks else None,
            "areas": list(r.areas),
        }
        for r in job.requirements
    ]
    return out if count is None else out[:count]
