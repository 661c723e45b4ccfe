"""What the export tests share: a small hand-made bank, and where the CASE schema is."""

from __future__ import annotations

from pathlib import Path

from compbank._bank import Bank
from compbank.models import Competency, JobClass, Note, Requirement

REPO = Path(__file__).resolve().parents[1]

# The CASE 1.0 CFPackage schema (OpenSALT's, MIT), vendored with its licence in tests/vendor/.
CASE_DIR = REPO / "tests" / "vendor" / "case"
CASE_SCHEMA_NAME = "case-v1p0-cfpackage-schema.json"


def case_schema_path() -> Path:
    """The CASE 1.0 CFPackage JSON Schema, vendored in tests/vendor/case/."""
    return CASE_DIR / CASE_SCHEMA_NAME


def competency(number: int, name: str, **changes: object) -> Competency:
    fields: dict[str, object] = {
        "number": number,
        "name": name,
        "definition": f"Definition of {name}, with a comma.",
        "levels": (f"{name} level one.", f'{name} level "two".', f"{name} level three."),
        "behavioral_indicators": (f"{name} indicator one.", f"{name} indicator two."),
        "satisfactory": f"{name} satisfactory.",
        "superior": f"{name} superior.",
    }
    fields.update(changes)
    return Competency(**fields)  # type: ignore[arg-type]


def small_bank() -> Bank:
    """Two competencies and two classes using what the packaged data does not: aliases,
    a year, prior-to-entry flags both ways, a note with a line break."""
    first = competency(
        1,
        "Résumé Review",
        aliases=("CV Review", "Screening"),
        definition_items=("Item one", "Item two"),
        sources=("0001-a.txt",),
        notes=(Note("joined-word", "0001-a.txt", "$.name", "Line\nbreak, here", "Kept."),),
    )
    second = competency(2, "Second")
    classes = (
        JobClass(
            code="0001",
            title="FIRST CLASS",
            source="0001-a.txt",
            year=2020,
            requirements=(
                Requirement(first, 3, prior_to_entry=True, areas=("Area one.", "Area two.")),
                Requirement(second, None, prior_to_entry=False),
            ),
        ),
        JobClass(
            code="0002",
            title="SECOND CLASS",
            source="0002-b.txt",
            requirements=(Requirement(second, 1),),
        ),
    )
    return Bank(
        (second, first),
        classes,
        data_version="9.8.7",
        released="2025-02-03",
        path=Path("small"),
    )
