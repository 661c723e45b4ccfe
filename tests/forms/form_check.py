"""The property every generated copy must satisfy, and the failures known to be open.

`check` imports one `Copy` and compares what was read with the record (the oracle); a
departure raises `PropertyError`, which names the aspect of the property it breaks
("header", "list", "levels", "texts", "unread", "refused", "traceback", "slow": an
import that outlasts `TIME_LIMIT`).

`KNOWN_FAILURES` lists the importer failures found by these tests and not yet fixed, each
by its id in the failures log (``F1``...), the forms and aspects it concerns and a test of
the copy. A departure it matches is counted, not raised; every other departure fails the
test (with ``COMPBANK_FORMS_SURVEY=1`` every departure is only logged, to
``COMPBANK_FORMS_LOG``: a survey of what fails, for the failures log). Each known failure
also has its case in ``corpus/``, replayed by ``test_corpus.py`` as a strict xfail, so that
the entry goes the day the failure is fixed.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import re
import signal
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from form_model import RUNNING_HEADER, Layout, Record, expected_requirements

from compbank import DataError
from compbank.importer import (
    CompetencyComparison,
    ImportResult,
    IncompleteImportError,
    import_document,
)
from compbank.importer.patterns import PAGE_NUMBER

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterator

    from form_draw import Rendered

#: Forms that keep emphasis: the levels must be read there.
EMPHASIS_FORMS = frozenset({"pdf"})


class PropertyError(AssertionError):
    """A copy read otherwise than the property says."""

    def __init__(self, aspect: str, message: str) -> None:
        super().__init__(f"[{aspect}] {message}")
        self.aspect = aspect


@attrs.frozen
class Copy:
    """One copy of a record's document, as a person finds it.

    Attributes:
        record: The class record (the oracle).
        form: ``"pdf"``, ``"pdftotext"``, ``"pdftotext-layout"``, ``"viewer"``,
            ``"transcription"`` or ``"transcription-chrome"``.
        content: What is imported: the bytes (a PDF, or UTF-8 text cut or not).
        layout: The layout the levels were marked in (None: the form keeps no emphasis).
        text: The whole text of a text form, before any cut.
        cut: Where the copy was cut short (bytes), or None.
        source: How the copy was made, for the failure's report.
    """

    record: Record
    form: str
    content: bytes
    layout: Layout | None
    text: str | None = None
    cut: int | None = None
    source: str = ""
    case: dict[str, Any] = attrs.field(factory=dict, eq=False)

    @classmethod
    def of_pdf(cls, rendered: Rendered, cut: int | None = None) -> Copy:
        data = rendered.pdf.read_bytes()
        return cls(
            rendered.record,
            "pdf",
            data if cut is None else data[:cut],
            rendered.layout,
            None,
            cut,
            str(rendered),
            {**rendered.case(), "form": "pdf", "cut": cut},
        )

    @classmethod
    def of_text(  # noqa: PLR0913 (the copy's parts, by keyword)
        cls,
        record: Record,
        form: str,
        text: str,
        cut: int | None,
        *,
        source: str = "",
        case: dict[str, Any] | None = None,
    ) -> Copy:
        data = text.encode("utf-8")
        made = {**(case or {}), "form": form, "cut": cut}
        return cls(record, form, data if cut is None else data[:cut], None, text, cut, source, made)

    def describe(self) -> str:
        """The copy, for a failure's message."""
        return f"{self.form} of {self.record} cut at {self.cut}: {self.source}"


@attrs.frozen
class Outcome:
    """What an import gave: a result (complete or not), or a refusal with its problems."""

    result: ImportResult | None
    complete: bool
    messages: tuple[str, ...]


#: Seconds an import may take: a document of these sizes reads in well under one
#: (``COMPBANK_FORMS_TIME_LIMIT`` sets another).
TIME_LIMIT = float(os.environ.get("COMPBANK_FORMS_TIME_LIMIT", "10"))


@contextlib.contextmanager
def _time_limit(copy: Copy) -> Iterator[None]:
    """Raise a "slow" `PropertyError` where the import outlasts `TIME_LIMIT` (main thread)."""

    def expired(*_: object) -> None:
        raise PropertyError("slow", f"{copy.describe()}: still reading after {TIME_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(copy: Copy, code: str | None = None) -> Outcome:
    """Import *copy* against its record's bank (*code* given, as ``--code`` gives it); never
    raises but for a traceback."""
    try:
        with _time_limit(copy):
            result = import_document(copy.content, copy.record.bank, code=code)
    except IncompleteImportError as e:
        return Outcome(e.result, complete=False, messages=tuple(p.message for p in e.problems))
    except PropertyError:
        raise
    except DataError as e:
        return Outcome(None, complete=False, messages=tuple(p.message for p in e.problems))
    except Exception as e:
        detail = "".join(traceback.format_exception(e))[-1500:]
        raise PropertyError("traceback", f"{copy.describe()}\n{detail}") from e
    return Outcome(result, complete=True, messages=())


@attrs.frozen
class Anchors:
    """Where, in bytes of the copy, its header, its list and its last competency end."""

    header: int
    listed: int
    last: int


def _spaced(phrase: str) -> re.Pattern[str]:
    """*phrase*, any white space between its words."""
    return re.compile(r"\s+".join(map(re.escape, phrase.split())))


def _find(text: str, phrase: str, start: int) -> int:
    """Where *phrase* starts in *text* from *start* on, any white space between its words."""
    found = _spaced(phrase).search(text, max(start, 0))
    return found.start() if found else -1


def printed_code(copy: Copy) -> bool:
    """Whether the copy prints its class code.

    A transcription may give ``CLASS CODE`` alone, or the title alone (`_bare`), as a
    document's title block may.
    """
    return bool(copy.case.get("transcription", {}).get("code", True)) and not _bare(copy)


def _bare(copy: Copy) -> bool:
    """Whether the copy's title block gives no code, nor ``CLASS CODE``: the title alone."""
    how = copy.case.get("transcription", {})
    return (copy.case.get("layout") or {}).get("code_form") == "none" or (
        not how.get("code", True) and how.get("bracket", True)
    )


def anchors(copy: Copy) -> Anchors | None:
    """The copy's anchors (text forms only)."""
    if copy.text is None:
        return None
    text, job = copy.text, copy.record.job

    def at(index: int) -> int:
        return len(text[:index].encode("utf-8")) if index >= 0 else len(text.encode("utf-8"))

    intro = text.find("The following competencies")
    # the title block's last words: the code; where none is printed, "CLASS CODE" or the title
    code = job.code if printed_code(copy) else "CLASS CODE"
    words = _spaced(code)
    if not words.search(text, 0, intro):
        words = _spaced(job.title)
    header = max((m.end() + 1 for m in words.finditer(text, 0, intro)), default=0)
    if job.year:  # "(1230) (2019)", or "TITLE (2019)" before the code: the later of the two
        header = max(header, text.rfind(str(job.year), 0, intro) + 5)
    # a phrase whose words a justified line's gaps part (a word a paragraph in pdftotext's)
    announce = _find(text, "On the following pages", intro)
    footnote = _find(text, "*Competencies necessary", intro)
    # neither found whole (pdftotext printed the sentence's words among the list's
    # entries): no place where the list is known to be over but the copy's end
    listed = min((i for i in (announce, footnote) if i >= 0), default=-1)
    c = job.requirements[-1].competency
    last = text.rfind(f"{c.number}. {c.name.upper().split()[0]}")
    return Anchors(at(header), at(listed), at(last))


def _damaged(copy: Copy, comparison: CompetencyComparison) -> bool:
    """Whether each text read otherwise than the bank's is damaged in the copy itself.

    A text form made by a tool may itself lose or reorder words (``pdftotext`` does, on
    justified fixed-width text): there "differs" is the right report. A text the copy holds
    word for word must be read as it is.
    """
    if copy.text is None or comparison.status != "differs":
        return False
    held = " ".join(copy.text.split())
    return all(
        d.bank is not None and " ".join(d.bank.split()) not in held for d in comparison.differences
    )


def _damaged_areas(copy: Copy, read: dict[str, Any], expected: dict[str, Any]) -> bool:
    """Whether a requirement differs only in areas texts the copy itself holds otherwise.

    An areas list is the class's own (no bank text to read it by): where the copy lost
    words or a hyphen (``pdftotext`` joins ``cost-`` and ``effectiveness``), the text read
    is the copy's, word for word, and the record's is not in the copy.
    """
    if copy.text is None or {**read, "areas": None} != {**expected, "areas": None}:
        return False
    if len(read["areas"]) != len(expected["areas"]):
        return False
    held = " ".join(copy.text.split())
    return all(
        a == b or (a in held and b not in held) or _unhyphenated(copy.text, a, b)
        for a, b in zip(read["areas"], expected["areas"], strict=True)
    )


def _unhyphenated(text: str, read: str, expected: str) -> bool:
    """Whether *read* is *expected* with words the copy's *text* gives joined, unhyphenated.

    ``City-wide`` broken after its hyphen at a line's end comes out ``Citywide`` (and the
    text around it may run over a page break, so that it is not held whole).
    """
    words, wanted = read.split(), expected.split()
    return len(words) == len(wanted) and all(
        a == b or (a == b.replace("-", "") and re.search(rf"(?<!\S){re.escape(a)}", text))
        for a, b in zip(words, wanted, strict=True)
    )


def _margin(line: str) -> bool:
    """Whether *line* (of a text copy) is a page's furniture: its number, the running header."""
    text = line.strip(" \f\t")
    return bool(PAGE_NUMBER.match(text)) or text.startswith(RUNNING_HEADER)


def _cut_before_heading(copy: Copy) -> bool:
    """Whether a text copy was cut at a line's end, a competency's heading next.

    Next past the page's margins: a page number, the running header (a copy cut at a
    page's foot, the next page starting with a heading, is cut before it; so is one cut
    in the blanks that set the next page's first line in, in `-layout` text).
    """
    if copy.text is None or copy.cut is None:
        return False
    data = copy.text.encode("utf-8")
    if not data[: copy.cut].rstrip(b"\f \t").endswith(b"\n"):
        return False
    for line in data[copy.cut :].decode("utf-8", "replace").splitlines():
        text = line.strip(" \f\t")
        if text and not _margin(text):
            return re.match(r"\d{1,3}\. [A-Z]", text) is not None
    return False


def _cut_after_sentence(copy: Copy) -> bool:
    """Whether a text copy was cut just after a sentence's end (spaces after it, or none).

    Or after the page's margins that follow it (its number, the next page's running header):
    a copy cut at a page's foot, the next page going on with the competency (its areas),
    ends as a document does.
    """
    if copy.text is None or copy.cut is None:
        return False
    data = copy.text.encode("utf-8")
    before, rest = data[: copy.cut], data[copy.cut : copy.cut + 1]
    parted = before[-1:].isspace() or rest == b"" or rest.isspace()
    lines = before.decode("utf-8", "replace").splitlines()
    while len(lines) > 1 and (not lines[-1].strip(" \f\t") or _margin(lines[-1])):
        lines.pop()
    return parted and re.search(r"[.!?]\s*$", "\n".join(lines)) is not None


def _named_undescribed(result: ImportResult, listed: list[tuple[int, str]]) -> bool:
    """Whether each listed competency the import did not compare is named as not described."""
    compared = {c.number for c in result.comparisons}
    named = {f.competency for f in result.findings if f.kind == "listed-not-described"}
    return all(n in named for n, _ in listed if n not in compared)


def _cut_entry(entry: tuple[int, str], listed: list[tuple[int, str]]) -> bool:
    """Whether *entry* is one of *listed*, its name perhaps cut short.

    A list in columns cut short gives part of each column, an entry cut anywhere among them.
    """
    number, name = entry
    return any(n == number and full.startswith(name) for n, full in listed)


def _names(result: ImportResult) -> list[tuple[int, str]]:
    """The list as read: each entry's name as printed, or the bank's it is read as.

    The bank's where a ``garbled-name`` finding reports the name damaged (a hyphen lost).
    """
    garbled = {f.competency for f in result.findings if f.kind == "garbled-name"}
    return [
        (e.number, e.bank_name if e.number in garbled and e.bank_name else e.name)
        for e in result.listed
    ]


def check(copy: Copy, known: Callable[[Copy, PropertyError], str | None]) -> None:
    """Import *copy* and check the property; a departure *known* names is counted only."""
    try:
        _check(copy)
    except PropertyError as e:
        failure = known(copy, e)
        _log(copy, failure or "new", e)
        if failure is None and not os.environ.get("COMPBANK_FORMS_SURVEY"):
            raise
        _TALLY[failure or "new", copy.form] += 1
    else:
        _log(copy, "pass", None)


def _check(copy: Copy) -> None:  # noqa: C901, PLR0912 (the property, aspect by aspect)
    outcome = run(copy)
    job = copy.record.job
    result = outcome.result
    where = copy.describe()
    marks = anchors(copy)
    # a PDF cut in its last bytes (its cross-reference table) may still read in full
    whole = copy.cut is None or (copy.form == "pdf" and outcome.complete)
    listed = [(r.competency.number, r.competency.name) for r in job.requirements]
    # the header: exact wherever it was read, and read wherever the copy holds it
    if result is None:
        if whole or (marks is not None and copy.cut is not None and copy.cut >= marks.header):
            raise PropertyError("refused", f"{where}: refused: {outcome.messages}")
        if len(outcome.messages) != 1 and copy.form == "pdf":
            raise PropertyError("refused", f"{where}: not one clear message: {outcome.messages}")
        return
    outcome = _check_header(copy, outcome, marks, whole=whole)
    result = outcome.result
    assert result is not None
    # the reading that goes on may be another, read with the code given
    whole = copy.cut is None or (copy.form == "pdf" and outcome.complete)
    got = _names(result)
    # the list: exact after it; a prefix before, with the copy reported incomplete
    if whole or (marks and copy.cut is not None and copy.cut >= marks.listed):
        if got != listed:
            raise PropertyError("list", f"{where}: listed {got}")
    elif not all(_cut_entry(e, listed) for e in got[:-1]):
        raise PropertyError("list", f"{where}: listed {got}, not entries of the list")
    cut_in_body = not whole and (marks is None or (copy.cut or 0) < marks.last)
    # a copy cut just before a heading, or at a sentence's end, is a document that describes
    # fewer competencies (the last, maybe, in short): it may read as complete where it names
    # each listed one it does not describe
    ends = _cut_before_heading(copy) or _cut_after_sentence(copy)
    between = ends and _named_undescribed(result, listed)
    if outcome.complete and cut_in_body and not between:
        raise PropertyError("unread", f"{where}: read as complete")
    # the texts: each competency read is the record's; only the last may be short (a cut)
    compared = [c.number for c in result.comparisons]
    short = compared[-1:] if not whole else []
    for c in result.comparisons:
        if c.status != "identical" and c.number not in short and not _damaged(copy, c):
            raise PropertyError("texts", f"{where}: competency {c.number} {c.status}")
    # the levels: the record's where emphasis is kept, none elsewhere
    if result.class_file and result.class_document():
        _check_requirements(copy, result.class_document()["requirements"], compared, short)
    # what was not read is reported, naming each competency
    unread = [n for n, _ in listed if n not in compared]
    if unread and outcome.complete and not between:
        raise PropertyError("unread", f"{where}: {unread} not read, yet complete")
    if unread and whole:
        said = " ".join(outcome.messages)
        missing = [n for n in unread if str(n) not in said]
        if missing:
            raise PropertyError("unread", f"{where}: {missing} not named in {outcome.messages}")


def _check_header(copy: Copy, outcome: Outcome, marks: Anchors | None, *, whole: bool) -> Outcome:
    """The header: exact wherever it was read, and read wherever the copy holds it.

    Where the copy prints no code, none is read and a problem says so; read again with the
    code given (``--code``), the header is whole and the list the same: that reading goes on.
    """
    job, result, where = copy.record.job, outcome.result, copy.describe()
    assert result is not None
    header = (result.code, result.title, result.year)
    # a copy cut inside the title block may end before the year
    before_year = (
        marks is not None and copy.cut is not None and copy.cut < marks.header and not result.year
    )
    code = job.code if printed_code(copy) else ""  # no code printed: none read, it is said
    # with no code, a year in brackets after the title may be either: neither is read
    year = None if _bare(copy) else job.year
    if (result.code or not code) and header != (code, job.title, year) and not before_year:
        raise PropertyError("header", f"{where}: header {header}")
    held = whole or (marks and copy.cut and copy.cut >= marks.header)
    if not result.code and held and code:
        raise PropertyError("header", f"{where}: no code read")
    if not code and held and not any("class code" in m for m in outcome.messages):
        raise PropertyError("header", f"{where}: no code, and none said so: {outcome.messages}")
    if code:
        return outcome
    # given the code, as the problem asks, the copy reads on: the same list
    again = run(copy, code=job.code)
    if again.result is None:
        raise PropertyError("refused", f"{where}: with --code: refused: {again.messages}")
    header = (again.result.code, again.result.title, again.result.year)
    if header != (job.code, job.title, job.year) and not before_year:
        raise PropertyError("header", f"{where}: with --code: header {header}")
    printed = [(e.number, e.name) for e in again.result.listed]
    if printed != [(e.number, e.name) for e in result.listed]:  # as printed: the same
        raise PropertyError("list", f"{where}: with --code: listed {printed}")
    return again


def _check_requirements(
    copy: Copy, got: list[dict[str, Any]], compared: Container[int], short: Container[int]
) -> None:
    """The class file's requirements against the record's: levels, pages, texts."""
    where = copy.describe()
    expected = [
        e for e in expected_requirements(copy.record, copy.layout) if e["competency"] in compared
    ]
    for read, e in zip([r for r in got if r["competency"] in compared], expected, strict=False):
        if read["required_level"] != e["required_level"]:
            raise PropertyError(
                "levels",
                f"{where}: competency {e['competency']} level {read['required_level']}"
                f", expected {e['required_level']}",
            )
        # the page each competency was read from: a PDF's page, in no other form
        page = read.get("page")
        if (copy.form == "pdf") != (isinstance(page, int) and page >= 1):
            raise PropertyError("texts", f"{where}: competency {e['competency']} page {page}")
        g = {k: v for k, v in read.items() if k != "page"}
        if g["competency"] not in short and g != e and not _damaged_areas(copy, g, e):
            raise PropertyError("texts", f"{where}: requirement {g}, expected {e}")


# -- failures known to be open ---------------------------------------------------------------


@attrs.frozen
class Known:
    """An open importer failure: what fails, the aspects it breaks, the copies it concerns."""

    summary: str
    aspects: frozenset[str]
    concerns: Callable[[Copy], bool]


#: The open failures, by their id in the failures log (see the module's docstring). None is
#: open: F9, the last (pieces of justified lines printed apart, in pdftotext's text and a
#: viewer's copy, read into another line), was closed once every example it had excused
#: read as the property says.
KNOWN_FAILURES: dict[str, Known] = {}

_TALLY: collections.Counter[tuple[str, str]] = collections.Counter()


def known_failure(copy: Copy, error: PropertyError) -> str | None:
    """The id of the open failure *error* on *copy* is, or None."""
    for fid, known in KNOWN_FAILURES.items():
        if error.aspect in known.aspects and bool(known.concerns(copy)):
            return fid
    return None


def _log(copy: Copy, outcome: str, error: PropertyError | None) -> None:
    """One line per example to ``COMPBANK_FORMS_LOG`` (JSON), where it is set."""
    log = os.environ.get("COMPBANK_FORMS_LOG")
    if not log:
        return
    line = {"t": time.time(), "form": copy.form, "outcome": outcome, "case": copy.case}
    if error is not None:
        line |= {"aspect": error.aspect, "error": str(error)[:2000]}
    with Path(log).open("a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")


def tally() -> dict[tuple[str, str], int]:
    """The examples counted as a known failure in this run, by (failure, form)."""
    return dict(_TALLY)
