"""Step 1: the word diff, the one used wherever two texts are compared.

The data diff (`compbank.diff`) shows each changed text with it, and the importer
(`compbank.importer`) each text of a document that differs from the bank's.
"""

from __future__ import annotations

import difflib
import re
from typing import Literal

#: One step of a word diff: ``"="`` kept, ``"-"`` removed, ``"+"`` inserted; and its text.
WordOp = tuple[Literal["=", "-", "+"], str]

# a word (with inner apostrophes, straight or typographic), a run of spaces, or one other sign
_TOKEN = re.compile("\\w+(?:['\u2019]\\w+)*|\\s+|[^\\w\\s]")
# what white space separates, punctuation included, or a run of spaces
_WHOLE_WORD = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str, *, whole_words: bool = False) -> tuple[WordOp, ...]:
    """The word-level difference between two texts.

    Punctuation counts as a word of its own, so a changed sign is shown alone; with
    *whole_words*, words are what white space separates, so a change shows the whole of each
    word it touches (a lost period, or a space put into ``manuals/programs``, is seen with its
    word). Concatenating the ``"="`` and ``"-"`` texts gives *old*; the ``"="`` and ``"+"``
    texts give *new*. A space kept between two changes joins them into one.

    >>> word_diff("Serves customers.", "Serves all customers.")
    (('=', 'Serves'), ('+', ' all'), ('=', ' customers.'))
    >>> word_diff("Serves the customer well.", "Serves the customer well")
    (('=', 'Serves the customer well'), ('-', '.'))
    >>> word_diff("Serves the customer well.", "Serves the customer well", whole_words=True)
    (('=', 'Serves the customer '), ('-', 'well.'), ('+', 'well'))
    """
    pattern = _WHOLE_WORD if whole_words else _TOKEN
    a, b = pattern.findall(old), pattern.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # (kept, a-range, b-range); a kept space between two changes joins them, so that
    # "Customer Service" -> "Public Relations" reads as one change, not two
    spans: list[tuple[bool, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        kept = tag == "equal"
        if spans and not kept and not spans[-1][0]:
            _, si1, _, sj1, _ = spans.pop()
            spans.append((False, si1, i2, sj1, j2))
        elif (
            spans
            and not kept
            and len(spans) > 1
            and not spans[-2][0]
            and all(t.isspace() for t in a[spans[-1][1] : spans[-1][2]])
        ):
            spans.pop()
            _, si1, _, sj1, _ = spans.pop()
            spans.append((False, si1, i2, sj1, j2))
        else:
            spans.append((kept, i1, i2, j1, j2))
    ops: list[WordOp] = []
    for kept, i1, i2, j1, j2 in spans:
        if kept:
            ops.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    return tuple(ops)
