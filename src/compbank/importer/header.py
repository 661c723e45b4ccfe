"""Step 1 of parsing: the title block, and how the introduction says levels are marked.

The title block gives the class title, code and year. It is found by what it says, not by
its layout: "COMPETENCY MODEL FOR", the title, and the class code in any of its forms
(``CLASS CODE 1230``, ``(7521)``, ``Class Code: 1230``, or none), across however many
lines, paragraphs or blank lines it spans, centred or not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from compbank._checks import slugify
from compbank.importer.document import Header, Text, plain
from compbank.importer.patterns import (
    HEADER,
    INTRODUCTION_START,
    NUMBERED,
    ends_sentence,
    is_label,
    normalize,
    strip_emphasis,
)

if TYPE_CHECKING:
    from compbank.importer.blocks import Block, Reading
    from compbank.importer.document import Context

__all__ = ["MAX_TITLE", "TitleBlock", "emphasis_phrase", "find_header"]

#: Class titles are a few words; a longer one means the title block did not end.
MAX_TITLE = 100

_CLASS_CODE = re.compile(
    r"\bCLASS\s+CODE:?\s*(?:\(\s*(?P<a>\d{4})\s*\)|(?P<b>\d{4})\b)", re.IGNORECASE
)
_PAREN_NUMBER = re.compile(r"\s*\(\s*(?P<n>\d{4})\s*\)\s*$")
# the title's end: the code and year, in any order ("(2016) CLASS CODE 1599", "(7521)")
_TITLE_END = re.compile(
    r"(?:\s*(?:\(\s*\d{4}\s*\)|\bCLASS\s+CODE\b:?(?:\s*(?:\(\s*\d{4}\s*\)|\d{4}\b))?))+",
    re.IGNORECASE,
)
# "CLASS CODE" with no number after it: the code's place, left empty
_EMPTY_CODE = re.compile(r"\bCLASS\s+CODE\b:?", re.IGNORECASE)
# a paragraph of the title block that gives its code or year: "CLASS CODE 1230", "(2016)"
_CODE_PIECE = re.compile(r"^(?:\(\s*\d{4}\s*\)\s*)*(?:class\s+code\b.{0,12})?$", re.IGNORECASE)
_INTRODUCTION_WORDS = "The following competencies"
_INTRODUCTION = re.compile(r"\s\bthe\s+following\s+competencies\b", re.IGNORECASE)
_EMPHASIS_PHRASE = re.compile(
    r"required\s+for\s+the\s+class\s*(?P<phrase>\([^)]*\))", re.IGNORECASE
)
_YEAR_LIKE = range(1900, 2100)


@attrs.frozen
class TitleBlock:
    """The title block as read: its header (None where it cannot be read), and where it ends.

    Attributes:
        header: Title, class code and year; None where the document has no title block or
            it names no class (a problem says which).
        after: The index of the first block after the title block (0 where there is none).
    """

    header: Header | None
    after: int


def find_header(context: Context, code: str | None) -> TitleBlock:
    """The document's title block; *code*, where given, is the class code asked for."""
    units = context.reading.blocks
    start = next(
        (k for k, u in enumerate(units) if HEADER.match(strip_emphasis(u.text)[0])),
        None,
    )
    if start is None:
        context.problem(
            "import-no-header",
            None,
            'the document has no title "COMPETENCY MODEL FOR <CLASS TITLE>"',
        )
        return TitleBlock(None, 0)
    block = _title_blocks(units, start)
    after = start + len(block)
    line = block[0].line
    joined = normalize(" ".join(u.text for u in block).replace("*", " "))
    match = HEADER.match(joined)
    rest = match.group("rest") if match else ""
    if after == len(units):  # the copy ends in its title block: maybe in the introduction
        rest = _without_introduction_start(rest)
    rest, found, numbers, empty = _split_title_block(_title_block(rest))
    title = normalize(rest)
    if not slugify(title):
        context.problem("import-no-header", line, "the title block names no class")
        return TitleBlock(None, after)
    if len(title) > MAX_TITLE:
        context.problem(
            "import-bad-header",
            line,
            f"the title block runs on for {len(title)} characters; a blank line should "
            "end it after the class code",
        )
        return TitleBlock(None, after)
    if found is None and numbers and not empty:
        found, numbers = _code_from(context, code, numbers, line)
    elif found is not None and found in numbers:  # the code given twice
        numbers.remove(found)
    year = _year(context, numbers, line)
    return TitleBlock(Header(title, _settle_code(context, code, found, line), year, line), after)


def _title_blocks(units: tuple[Block, ...], start: int) -> list[Block]:
    """The blocks of the title block, found by what they say, however they are spaced.

    "COMPETENCY MODEL FOR", the title, the code and year may each be a paragraph of its
    own, with space between them: the block goes on while the title is still to come,
    while a paragraph gives a code or year, or (no code yet) goes on in capitals; it
    ends at the introduction, a list, a heading or a label.
    """
    block = [units[start]]
    for unit in units[start + 1 :]:
        text = plain(unit).replace("*", "").strip()
        if (
            unit.bullet
            or NUMBERED.match(unit.text)
            or INTRODUCTION_START.match(text)
            or is_label(text)
        ):
            break
        joined = normalize(" ".join(plain(u) for u in block).replace("*", " "))
        match = HEADER.match(joined)
        rest = match.group("rest") if match else ""
        ended = _TITLE_END.search(rest) is not None
        capitals = text.upper() == text and not ends_sentence(text)
        if not unit.after_blank and not ended:
            block.append(unit)  # the title's lines run on
        elif (
            (text and _CODE_PIECE.match(text))
            or not rest.strip()
            or (not ended and capitals and len(rest) + len(text) <= MAX_TITLE)
        ):
            block.append(unit)
        else:
            break
    return block


def _title_block(rest: str) -> str:
    """The title block's text after "COMPETENCY MODEL FOR": the title, its code and year.

    The block ends after the code and year that follow the title, or where the introduction
    starts ("The following competencies ..."), blank line or not.
    """
    end = _TITLE_END.search(rest)
    if end is not None:
        return rest[: end.end()]
    intro = _INTRODUCTION.search(rest)
    return rest[: intro.start()] if intro else rest


def _without_introduction_start(rest: str) -> str:
    """*rest* without the introduction's first words where a copy cut short ends in them.

    A copy cut inside "The following competencies" (``... REPRESENTATIVE The follow``)
    ends its title block there; the title has no such words in lower case.

    >>> _without_introduction_start("SENIOR ELECTRIC SERVICE REPRESENTATIVE The follow")
    'SENIOR ELECTRIC SERVICE REPRESENTATIVE'
    >>> _without_introduction_start("HEAD OF THE FOLLOWING")
    'HEAD OF THE FOLLOWING'
    """
    start = rest.rfind(" T")
    if start >= 0 and _INTRODUCTION_WORDS.startswith(rest[start + 1 :]):
        return rest[:start]
    return rest


def _split_title_block(rest: str) -> tuple[str, str | None, list[str], bool]:
    """The title, its code, the numbers in parentheses after it, and whether it is empty.

    The code is given as "CLASS CODE 1234"; where "CLASS CODE" stands with no number after
    it, the code's place is empty, and the numbers in parentheses are no code.
    """
    code = None
    code_match = _CLASS_CODE.search(rest)
    empty = False
    if code_match:
        code = code_match.group("a") or code_match.group("b")
        rest = (rest[: code_match.start()] + " " + rest[code_match.end() :]).strip()
    elif (slot := _EMPTY_CODE.search(rest)) is not None:
        empty = True
        rest = (rest[: slot.start()] + " " + rest[slot.end() :]).strip()
    numbers: list[str] = []
    while (paren := _PAREN_NUMBER.search(rest)) is not None:
        numbers.insert(0, paren.group("n"))
        rest = rest[: paren.start()].rstrip()
    return rest, code, numbers, empty


def _settle_code(context: Context, asked: str | None, code: str | None, line: int) -> str | None:
    """The class code: the document's, which must agree with the one *asked*, if any."""
    if asked is not None:
        if code is not None and code != asked:
            context.problem(
                "import-code-conflict",
                line,
                f"the document gives class code {code}, not {asked} as asked",
            )
        return asked
    if code is None and not any(p.code == "import-ambiguous-code" for p in context.problems):
        context.problem(
            "import-no-code",
            line,
            'the document gives no class code (as "CLASS CODE 1234" or "(1234)" after '
            "the title); give it with --code",
        )
    return code


def _year(context: Context, numbers: list[str], line: int) -> int | None:
    """The year among the numbers after the title (all but the code), if one."""
    if len(numbers) > 1:
        context.problem(
            "import-bad-header",
            line,
            f"the title block gives {', '.join(f'({n})' for n in numbers)}; "
            "expected at most the class code and one year",
        )
        return None
    if not numbers:
        return None
    year = int(numbers[0])
    if not 1900 <= year <= 2999:  # the schema's range
        context.problem("import-bad-header", line, f"({year}) is not a year")
        return None
    return year


def _code_from(
    context: Context, asked: str | None, numbers: list[str], line: int
) -> tuple[str | None, list[str]]:
    """The class code among the numbers in parentheses after the title, and the rest."""
    if asked is not None:
        return (asked if asked in numbers else None), [n for n in numbers if n != asked]
    if len(numbers) == 1 and int(numbers[0]) in _YEAR_LIKE:
        context.problem(
            "import-ambiguous-code",
            line,
            f"({numbers[0]}) after the title may be the class code or the year; give the "
            "class code with --code",
        )
        return None, []
    return numbers[0], numbers[1:]


def emphasis_phrase(reading: Reading) -> Text | None:
    """The introduction's statement of how the required level is marked, as found.

    ``(italicized, bolded, and underlined)`` after "required for the class"; where the
    sentence runs on across a page break, a running header or footer between its lines,
    its paragraph, read without them, says it.
    """
    joined = "\n".join(line.text for line in reading.lines)
    m = _EMPHASIS_PHRASE.search(joined)
    if m is not None:
        phrase = m.group("phrase")
        line = joined.count("\n", 0, m.start("phrase")) + 1
        end = line + phrase.count("\n")
        return Text(normalize(phrase.replace("*", "")), phrase, line, end)
    for block in reading.blocks:
        m = _EMPHASIS_PHRASE.search(block.text)
        if m is not None and block.lines:
            phrase = m.group("phrase")
            line = next(
                (n for n in block.lines if "(" in reading.lines[n - 1].text),
                block.lines[-1],
            )
            return Text(normalize(phrase.replace("*", "")), phrase, line, line)
    return None
