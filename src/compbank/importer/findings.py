"""What comparing a document with the bank finds: findings, and each competency's comparison.

A `Finding` is one thing found about the document, of a kind in `FINDINGS` (what to do
about each is in `FIXES`): where its list and body disagree, a text that differs from the
bank's, damaged texts, emphasis that does not say which level is required. A finding is
information, not an error. A `CompetencyComparison` says how one competency the document
describes compares with the bank, with a word diff (`diff_segments`) of each text that
differs. The steps of the comparison make these records; `compbank.importer.compare`, which
runs them, gives every name of this module too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs

from compbank.diff.words import word_diff

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Every kind of finding, with what it means. Kinds are stable: tools and tests match on them.
FINDINGS: dict[str, str] = {
    # drift: where the document's competencies depart from the bank or from themselves
    "text-differs": "a text differs from the bank's text of the same competency",
    "line-break-in-sentence": "a paragraph break falls inside a sentence",
    "recorded-note": "the bank records a defect of this document in a text it reads as the bank",
    "garbled-name": (
        "the list names a competency by no name of the bank's; the body says which, or the"
        " name is the bank's but for a lost hyphen"
    ),
    "name-mismatch": "the list or the body names a competency by another competency's name",
    "listed-not-described": "the list names a competency the body does not describe",
    "described-not-listed": "the body describes a competency the list does not name",
    "duplicate-listing": "the list names the same competency twice",
    # required levels and prior-to-entry marks
    "unbalanced-emphasis": "the required level's emphasis markers do not pair up",
    "emphasis-lost": "no level of a competency carries emphasis, so its required level is unknown",
    "ambiguous-emphasis": "more than one level of a competency carries emphasis",
    "mark-without-footnote": "list entries carry '*' but no footnote says what it means",
    "footnote-without-marks": "the prior-to-entry footnote is there but no entry is marked",
    # required levels read from a PDF's fonts (see compbank.importer.levels)
    "emphasis-from-font": "required levels read from the font: the announced emphasis",
    "partial-emphasis": "only part of a level's text carries the announced emphasis",
    "other-emphasis": "a level carries emphasis of another kind than the document announces",
    "emphasis-unannounced": "a level carries emphasis, but the document does not say what it marks",
    "unlisted-name": "a list entry without a number, matched to the bank by its name",
    "list-order": "the list came out of the copy out of the bank's order; read in rising order",
    "clipped-underline": (
        "a level read as required though part of it shows no underline: the page could show"
        " none there"
    ),
    "pieces-as-bank": (
        "parts of lines that a tool printed apart (pieces of justified lines, bullets one under"
        " another) go back in more than one way; the texts read in the bank's order, which"
        " holds the same words"
    ),
}

#: The kinds of finding that are drift: the document's texts or list departing from the data.
DRIFT = frozenset(list(FINDINGS)[:8])

#: What to do about each kind of `FINDINGS`, for people (the reference pages list both).
#: A finding is information, not an error: bank texts are never changed by an import.
FIXES: dict[str, str] = {
    "text-differs": (
        "Compare the word diff with the source. Where the bank is right, nothing to do; where"
        " the document corrects it, edit the bank file by hand, raise its record_version and"
        " say why in CHANGELOG.md."
    ),
    "line-break-in-sentence": (
        "Nothing to do: the text is read as one paragraph. Record it in the competency's notes"
        " if the bank should remember this document's damage."
    ),
    "recorded-note": "Nothing to do: the bank's notes already record this defect.",
    "garbled-name": (
        "Check the body's heading (or the bank's name) names the competency meant; the class"
        " file records the reading in a garbled-name note."
    ),
    "name-mismatch": (
        "Check which competency the document means; correct the number in the class file by"
        " hand if the import read the other."
    ),
    "listed-not-described": (
        "Import a complete copy of the document; otherwise the class file lacks that"
        " competency's areas and level."
    ),
    "described-not-listed": (
        "Check whether the class requires it: the list is the class's requirements."
    ),
    "duplicate-listing": "Nothing to do: the competency is required once.",
    "unbalanced-emphasis": (
        "Check the level in the source: the class file records the reading in an"
        " unbalanced-emphasis note."
    ),
    "emphasis-lost": (
        "Nothing to guess: the level stays unknown (null). Import a copy that kept its"
        " emphasis (the City's PDF) to learn it."
    ),
    "ambiguous-emphasis": (
        "The level stays unknown (null): check the published document to see which level it"
        " marks, and record it by hand with a note if the document settles it."
    ),
    "mark-without-footnote": (
        "Check the published document's footnote; prior_to_entry stays unknown where it does"
        " not say."
    ),
    "footnote-without-marks": "Check whether the copy lost its '*' marks; import the City's PDF.",
    "emphasis-from-font": "Nothing to do: the class file records how the levels were read.",
    "partial-emphasis": (
        "The level stays unknown (null): open the document at the line given and check the"
        " emphasis; set the level by hand, with a note, only if the source settles it."
    ),
    "other-emphasis": (
        "The level stays unknown (null): check the document's announcement of its emphasis"
        " against the level's styling."
    ),
    "emphasis-unannounced": (
        "The levels stay unknown (null): the document must say how it marks the required"
        " level before any emphasis can be read as one."
    ),
    "unlisted-name": "Check that the name matched the competency meant.",
    "list-order": (
        "Check the list's order against the source: a list set in columns comes out of a"
        " PDF's text row by row, or scrambled where a name wraps."
    ),
    "clipped-underline": (
        "Open the PDF at the line given: the level's last words stand at the foot of the"
        " page's text area, where the producer cut off the underline; check that the rest"
        " of the level carries it."
    ),
    "pieces-as-bank": (
        "Nothing to do where the copy is pdftotext's or a viewer's text of a justified PDF: it"
        " cannot show the words' order. Import the PDF itself to read the document's own."
    ),
}

Status = Literal["identical", "differs", "new"]


@attrs.frozen
class Finding:
    """One thing the import found in the document.

    Attributes:
        kind: One of `FINDINGS`, e.g. ``"text-differs"``.
        message: What was found, for people.
        line: The document line it concerns (from 1), where there is one.
        competency: The competency concerned, where there is one.
        record: The data file the *path* is in, relative to the data directory, e.g.
            ``"competency_bank/053-leadership.json"``.
        path: JSON path of the value concerned in *record*.
        recorded: Whether the data already records this finding in a note.
        found: The document's text concerned, exactly as found, where it helps to see it.
    """

    kind: str
    message: str
    line: int | None
    competency: int | None
    record: str
    path: str
    recorded: bool = False
    found: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON-ready mapping."""
        return attrs.asdict(self)


@attrs.frozen
class Segment:
    """A run of words in a word-level diff: on both sides, only the bank's, or the document's.

    The importer's names for the steps of `compbank.diff.word_diff` (see `diff_segments`).
    """

    op: Literal["same", "bank", "document"]
    text: str


#: `compbank.diff.word_diff`'s steps as a `Segment` names them.
_SEGMENT_OPS: dict[str, Literal["same", "bank", "document"]] = {
    "=": "same",
    "-": "bank",
    "+": "document",
}


@attrs.frozen
class FieldDiff:
    """One text of a competency that differs from the bank's: where, both texts, the diff."""

    path: str
    line: int | None
    bank: str | None
    document: str | None
    segments: tuple[Segment, ...]

    def to_dict(self) -> dict[str, Any]:
        """The difference as a JSON-ready mapping."""
        return {
            "path": self.path,
            "line": self.line,
            "bank": self.bank,
            "document": self.document,
            "diff": [{"op": s.op, "text": s.text} for s in self.segments],
        }


@attrs.frozen
class CompetencyComparison:
    """How one competency the document describes compares with the bank.

    Attributes:
        number: The competency's number.
        name: The bank's name, or for a new competency the name the document gives it.
        line: The line of its description in the document.
        status: ``"identical"`` (every text as in the bank), ``"differs"`` or ``"new"``.
        differences: Each differing text, with a word-level diff.
        record: Its bank file, relative to the data directory.
        source_listed: Whether the bank file names this document among its sources.
    """

    number: int
    name: str
    line: int
    status: Status
    differences: tuple[FieldDiff, ...]
    record: str
    source_listed: bool

    def to_dict(self) -> dict[str, Any]:
        """The comparison as a JSON-ready mapping."""
        return {
            "number": self.number,
            "name": self.name,
            "line": self.line,
            "status": self.status,
            "record": self.record,
            "source_listed": self.source_listed,
            "differences": [d.to_dict() for d in self.differences],
        }


def diff_segments(bank: str, document: str) -> tuple[Segment, ...]:
    """The word diff of a bank text and the document's, in runs of whole words.

    This is `compbank.diff.word_diff` with *whole_words*, on the texts with their white space
    normalized: a change shows each word it touches whole (``assignments.`` against
    ``assignments``), and no run begins or ends with a space.

    >>> [(s.op, s.text) for s in diff_segments("a word processing b", "a wordprocessing b")]
    [('same', 'a'), ('bank', 'word processing'), ('document', 'wordprocessing'), ('same', 'b')]
    """
    ops = word_diff(" ".join(bank.split()), " ".join(document.split()), whole_words=True)
    return tuple(Segment(_SEGMENT_OPS[op], text.strip()) for op, text in ops)


def render_diff(segments: Sequence[Segment], context: int = 4) -> str:
    """A diff in one line: ``[-bank words-]{+document words+}``, unchanged runs shortened."""
    out = []
    for k, s in enumerate(segments):
        if s.op == "bank":
            out.append(f"[-{s.text}-]")
        elif s.op == "document":
            out.append(f"{{+{s.text}+}}")
        else:
            words = s.text.split()
            first, last = k == 0, k == len(segments) - 1
            if len(words) > 2 * context:
                before = [] if first else words[:context]
                after = [] if last else words[-context:]
                words = [*before, "…", *after]
            elif first and len(words) > context:
                words = ["…", *words[-context:]]
            elif last and len(words) > context:
                words = [*words[:context], "…"]
            out.append(" ".join(words))
    return " ".join(out)
