"""Parsing: a document's blocks, read into plain records, one step at a time.

The blocks come from one of the readers (`read_text`, `read_pages`, `read_pdf`), which turn
each input form into the same stream of paragraphs and list items (see `blocks`); nothing
here knows which form a document had, nor the bank: `compbank.importer.compare` compares
what is read with it, and `compbank.importer.levels` reads the required levels' emphasis.

`read_document` runs the steps in order, each passing its result to the next:

1. `header.find_header`: the title block (class title, code, year), found by what it says;
2. `listing.read_list`: the list of competencies, up to the first competency's heading
   (read in rising order where it came out of it and the body's order says so:
   `listing.in_rising_order`);
3. `headings.Headings`: which blocks after it are the competencies' headings;
4. `sections.read_sections`: each description cut into its parts and read;

then checks the whole (a list with no description read is a copy cut short). The records
they read into are in `compbank.importer.document`.

A document is read as far as it can be: a competency whose description cannot be read is
left out with a problem naming its line (for a PDF, its page and line), and the rest is
kept, so that the report of a damaged or partial copy still gives its header, its list and
every competency read in full.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from compbank.importer.document import (
    Context,
    Document,
    Header,
    LevelText,
    ListEntry,
    Section,
    Text,
)
from compbank.importer.header import MAX_TITLE, emphasis_phrase, find_header
from compbank.importer.headings import Headings
from compbank.importer.list_rows import in_rising_order
from compbank.importer.listing import read_list
from compbank.importer.patterns import (
    LEVEL,
    MAX_WRAP_WIDTH,
    ends_sentence,
    is_label,
    normalize,
    strip_emphasis,
)
from compbank.importer.read_text import read_text
from compbank.importer.sections import read_sections
from compbank.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from compbank.importer.blocks import Reading

__all__ = [
    "MAX_TITLE",
    "MAX_WRAP_WIDTH",
    "Document",
    "Header",
    "LevelText",
    "ListEntry",
    "Section",
    "Text",
    "ends_sentence",
    "normalize",
    "paragraphs_in_sentence",
    "parse_document",
    "read_document",
    "strip_emphasis",
]


def read_document(
    reading: Reading,
    file: str = "<document>",
    *,
    code: str | None = None,
    names: Mapping[int, Sequence[str]] | None = None,
) -> tuple[Document | None, tuple[Problem, ...]]:
    """Read a document's blocks as far as they go: (document, problems).

    The document is None only where it has no title block; otherwise it holds everything
    read in full, and *problems* name each part that was not (an empty tuple: all was).
    *names* gives the bank's names of each competency number: the list's names run together
    are cut where they are, and headings without their dash are told from their definitions.
    """
    if not any(b.text.strip() for b in reading.blocks):
        return None, (Problem("empty-file", file, "$", "the document is empty"),)
    context = Context.of(reading, file, names)
    title = find_header(context, code)
    headings = Headings(context)
    titled = title.header is not None
    listed = read_list(context, headings, title.after, titled=titled)
    heads = headings.find(listed.end, listed.entries)
    if listed.loose:  # a name's last words wrapped apart from it: the headings tell whose
        headed = headings.names(heads, listed.entries)
        listed = read_list(context, headings, title.after, titled=titled, headed=headed)
        heads = headings.find(listed.end, listed.entries)
    moved = headings.displaced(heads, title.after)
    phrase = emphasis_phrase(reading)
    bulleted = any(u.bullet for u in reading.blocks)
    sections, unread = read_sections(
        context, headings, heads, moved, listed.entries, bulleted=bulleted
    )
    _check_whole(context, listed.entries, sections, unread)
    first = heads[0] if heads else None
    stray = _check_unheaded(context, listed.entries, (title.after, first), (sections, unread))
    if title.header is None:
        return None, tuple(context.problems)
    described = sorted([(s.line, s.number) for s in sections] + [(ln, n) for n, ln in unread])
    rising = in_rising_order(listed.entries, [number for _, number in described])
    document = Document(
        title.header,
        listed.entries if rising is None else rising,
        listed.footnote_line,
        phrase,
        sections,
        reading.wrapped,
        tuple(number for number, _ in unread),
        unread,
        bulleted,
        () if rising is None else tuple(e.number for e in listed.entries),
        stray,
    )
    return document, tuple(context.problems)


def _check_whole(
    context: Context,
    entries: Sequence[ListEntry],
    sections: Sequence[Section],
    unread: Sequence[tuple[int, int]],
) -> None:
    """Report a document that describes no competency: none listed, or a copy cut short."""
    if sections or unread:
        return
    if not entries:
        context.problem(
            "import-no-competencies",
            None,
            'the document lists and describes no competencies ("N. NAME - definition")',
        )
        return
    context.problem(
        "import-incomplete",
        context.reading.blocks[-1].lines[-1] if context.reading.blocks else None,
        f"the document lists {len(entries)} competencies but describes none "
        f"({', '.join(str(e.number or e.name) for e in entries)}); "
        "it ends here (a copy cut short?)",
    )


def _check_unheaded(
    context: Context,
    entries: Sequence[ListEntry],
    span: tuple[int, int | None],
    read: tuple[Sequence[Section], Sequence[tuple[int, int]]],
) -> int | None:
    """Report a competency's parts before the first heading read: a heading not read.

    A label or a ``Level N:`` line between the title block and the first heading read (the
    blocks of *span*, by index; to the end where no heading was read) is a competency's,
    whose heading could not be read (printed in pieces past reading): its parts would
    otherwise go unread without a word. The listed competencies the body does not describe
    are named; which of them it is, the copy does not say. Returns the part's line (None:
    there is none).
    """
    blocks = context.reading.blocks
    start, end = span
    for block in blocks[start : len(blocks) if end is None else end]:
        text = strip_emphasis(block.text)[0].strip()
        if is_label(text) or LEVEL.match(text):
            sections, unread = read
            described = {s.number for s in sections} | {n for n, _ in unread}
            missing = [e.number for e in entries if e.number not in described]
            named = f" (the body does not describe {', '.join(map(str, missing))})"
            context.problem(
                "import-bad-section",
                block.line,
                f"{text[:40]!r} stands before the first competency's heading read: a "
                "competency's description whose heading could not be read"
                + (named if missing else ""),
            )
            return block.line
    return None


def paragraphs_in_sentence(texts: Sequence[Text]) -> Iterator[tuple[Text, Text]]:
    """Pairs of consecutive paragraphs where the break falls inside a sentence.

    The first does not end a sentence and the second starts in lower case.
    """
    for a, b in itertools.pairwise(texts):
        if not ends_sentence(a.text) and b.text[:1].islower():
            yield a, b


def parse_document(
    text: str, file: str = "<document>", *, code: str | None = None
) -> tuple[Document | None, tuple[Problem, ...]]:
    """Read a competency-model document's text; (document, ()) or (None, problems).

    *file* names the document in problems, whose path is ``line N``. *code*, where given,
    is the class code: it settles a title block without one, and must agree with one that
    is there.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    document, problems = read_document(read_text(text), file, code=code)
    if problems:
        return None, problems
    return document, ()
