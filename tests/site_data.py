"""A valid data set whose texts hold markup, to show that the site prints them as text.

Each hostile text, were it read as markup, would set ``window.compbankHostile``; the browser
tests check that it never is, and that the texts are on the pages as written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compbank._checks import class_file_name
from conftest import DATA

if TYPE_CHECKING:
    from collections.abc import Callable

#: Markup put into the data's texts, by where it goes.
HOSTILE = {
    "title": "SENIOR ELECTRIC <script>window.compbankHostile = 'title'</script> REPRESENTATIVE",
    "definition": "<script>window.compbankHostile = 'definition'</script> Interacts with people.",
    "indicator": "<img src=x onerror=\"window.compbankHostile = 'indicator'\"> Listens carefully.",
    "level": "</script><script>window.compbankHostile = 'level'</script><!--",
    "area": '"><svg onload="window.compbankHostile = \'area\'"></svg> Knowledge of hazards.',
    "found": "<iframe src=\"javascript:window.compbankHostile = 'note'\"></iframe>",
    "alias": "<b onmouseover=\"window.compbankHostile = 'alias'\">Service</b>",
}


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def hostile_data(target: Path) -> Path:
    """A copy of the repository's data at *target* with `HOSTILE` texts; returns *target*."""
    shutil.copytree(DATA, target)

    def competency(document: dict[str, Any]) -> None:
        document["definition"] = HOSTILE["definition"]
        document["behavioral_indicators"][0] = HOSTILE["indicator"]
        document["levels"]["1"] = HOSTILE["level"]
        document["aliases"] = [HOSTILE["alias"]]

    _edit(target / "competency_bank/034-customer-service.json", competency)

    old = target / "classes/7521-senior-electric-service-representative.json"

    def job_class(document: dict[str, Any]) -> None:
        document["title"] = HOSTILE["title"]
        document["requirements"][0]["areas"][0] = HOSTILE["area"]
        document["notes"][0]["found"] = HOSTILE["found"]

    _edit(old, job_class)
    old.rename(target / "classes" / class_file_name("7521", HOSTILE["title"]))
    return target


def levels_changed_data(target: Path) -> Path:
    """A copy of the data at *target* where moving from 1230 to 7521 raises and lowers levels.

    The sources mark few levels, so no two real classes share a competency at two known,
    different levels; here 1230 requires 13 at level 1 (7521: 2) and 20 at level 3 (7521: 1).
    """
    shutil.copytree(DATA, target)

    def levels(document: dict[str, Any]) -> None:
        for r in document["requirements"]:
            r["required_level"] = {13: 1, 20: 3}.get(r["competency"], r["required_level"])

    _edit(target / "classes/1230-customer-service-representative.json", levels)
    return target
