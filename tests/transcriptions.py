"""Web transcriptions of a document in the sources' form, as document-sharing sites show them.

A few lines of page chrome (the document's title, ``Size: px``, ``Start display at page:``,
``Download "<title>"``, ``Transcription``), then one line per page, each starting with its
page number. What the layout carried is gone: the ``Level N:`` labels and the other section
labels, the bullets, the emphasis, the dash after a competency's name. Page 1 holds
everything before the first competency; each competency starts a new page.
"""

from __future__ import annotations

import re

_LABEL = re.compile(
    r"^(?:Level [1-3]:\s*|Level of Competency Required by Job:|"
    r"Examples of Behavioral Indicators:|Performance Levels:|Satisfactory|Superior)\s*"
)
_HEADING = re.compile(r"^(\d{1,3}\.\s+[^a-z\u2013\u2014]+?)\s+[\u2013\u2014-]\s*")


def pages(source: str, *, dash: bool = False, bunched: bool = False) -> list[str]:
    """The pages of a transcription of *source*: page 1, then one page per competency."""
    out: list[list[str]] = [[]]
    levels: list[str] = []
    for raw in source.split("\n"):
        line = raw.strip().replace("*", "")
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append([])
            line = heading.group(1) + (" - " if dash else " ") + line[heading.end() :]
        if bunched and line.startswith("Level ") and line[6:8] in ("1:", "2:", "3:"):
            levels.append(line[8:].strip())
            if len(levels) == 3:
                out[-1].append("Level 1: Level 2: Level 3: " + " ".join(levels))
                levels = []
            continue
        line = line.removeprefix("- ")
        line = _LABEL.sub("", line) if _LABEL.match(line) else line
        if line:
            out[-1].append(line)
    return [" ".join(p) for p in out if p]


def transcription(
    source: str,
    *,
    chrome: bool = True,
    twice: bool = False,
    dash: bool = False,
    bunched: bool = False,
) -> str:
    """A web transcription of *source* (see the module docstring)."""
    found = pages(source, dash=dash, bunched=bunched)
    # the site names the document by its title block
    name = re.split(r"\s+The following competencies", found[0])[0][:120] if found else ""
    head = (
        f'{name}\n\nSize: px\nStart display at page:\n\nDownload "{name}"\n\nTranscription\n\n'
        if chrome
        else ""
    )
    body = "\n\n".join(
        f"{k} {k} {p}" if twice else f"{k} {p}" for k, p in enumerate(found, start=1)
    )
    return head + body + "\n"
