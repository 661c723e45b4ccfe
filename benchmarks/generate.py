"""Write synthetic, valid data sets for the benchmarks.

Every data set is valid by construction: `compbank.check` finds no problem in it. Texts are
drawn from the words of the packaged data, with lengths like those of the real records, so
that files are as large as real ones on average (about 2 KB for a bank file, 3.5 KB
for a class file).

    python benchmarks/generate.py                 # all three scales into .benchmarks/
    python benchmarks/generate.py --scale small --out /tmp/data

The output is the same for the same seed and scale.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import compbank
from compbank._checks import class_file_name, name_key, slugify
from compbank._structure import SCHEMA_REF
from compbank.canonical import dumps

#: name -> (competencies, classes). Bank numbers run from 1 to 999 (the schema's range), so
#: the largest bank holds 999 competencies: with release.json, 11,000 files in all.
SCALES: dict[str, tuple[int, int]] = {
    "small": (60, 100),
    "medium": (200, 1_000),
    "large": (999, 10_000),
}
DEFAULT_OUT = Path(".benchmarks")
SEED = 20261122
#: Classes share a few source documents, so sources/ stays small at every scale.
SOURCE_COUNT = 12
NOTE_KINDS = ("joined-word", "split-word-pair", "missing-final-period", "truncated-text")


class _Real:
    """What the packaged data looks like: its words, and how long and how many things are.

    Each synthetic record draws its counts (indicators, requirements, notes, areas) and its
    text lengths (in words) from those of the real records, and its words from the real
    texts, as often as they occur there; so files come out about as large as the real ones.
    """

    def __init__(self, rng: random.Random) -> None:
        bank = compbank.load()
        self.rng = rng
        self.lengths: dict[str, list[int]] = defaultdict(list)
        self.counts: dict[str, list[int]] = defaultdict(list)
        words: list[str] = []

        def seen(field: str, *texts: str) -> None:
            for text in texts:
                self.lengths[field].append(len(text.split()))
                words.extend(text.split())

        for c in bank.competencies.values():
            seen("definition", c.definition)
            seen("level", *c.levels)
            seen("indicator", *c.behavioral_indicators, *c.definition_items)
            seen("satisfactory", c.satisfactory)
            seen("superior", c.superior)
            self.counts["indicators"].append(len(c.behavioral_indicators))
            self.counts["items"].append(len(c.definition_items))
            self.counts["sources"].append(len(c.sources))
            self.counts["competency notes"].append(len(c.notes))
        for jc in bank.classes.values():
            self.counts["requirements"].append(len(jc.requirements))
            self.counts["class notes"].append(len(jc.notes))
            for r in jc.requirements:
                seen("area", *r.areas)
                self.counts["areas"].append(len(r.areas))
        notes = [n for c in bank.competencies.values() for n in c.notes]
        notes += [n for jc in bank.classes.values() for n in jc.notes]
        for note in notes:
            seen("found", " ".join(note.found.split()))
            seen("action", note.action)
        self.words = sorted(words)
        self.name_words = sorted(
            {w.strip(".,;:()").capitalize() for w in words if w.strip(".,;:()").isalpha()}
        )

    def count(self, what: str) -> int:
        return self.rng.choice(self.counts[what])

    def text(self, field: str) -> str:
        words = self.rng.choices(self.words, k=self.rng.choice(self.lengths[field]))
        # words of letters or digits only: the notes' "-" and "**" are in no record's text
        # (a text copy's line starting "- " is an item, "**" is emphasis)
        words = [w for w in words if any(c.isalnum() for c in w)] or ["Text"]
        words[0] = words[0].capitalize()
        return " ".join(words).rstrip(".") + "."

    def name(self, taken: set[str], words: int) -> str:
        while True:
            name = " ".join(self.rng.sample(self.name_words, words))
            if name_key(name) not in taken and slugify(name):
                taken.add(name_key(name))
                return name


def _note(real: _Real, sources: list[str], path: str) -> dict[str, Any]:
    return {
        "kind": real.rng.choice(NOTE_KINDS),
        "source": real.rng.choice(sources),
        "path": path,
        "found": real.text("found"),
        "action": real.text("action"),
    }


def _competency(real: _Real, number: int, name: str, sources: list[str]) -> dict[str, Any]:
    rng = real.rng
    paths = ("$.satisfactory", "$.superior", "$.levels['2']", "$.definition")
    return {
        "$schema": SCHEMA_REF["competency"],
        "schema_version": 1,
        "record_version": rng.choice((1, 1, 1, 2)),
        "number": number,
        "name": name,
        "aliases": [],
        "definition": real.text("definition"),
        "definition_items": [real.text("indicator") for _ in range(real.count("items"))],
        "levels": {str(i): real.text("level") for i in (1, 2, 3)},
        "behavioral_indicators": [real.text("indicator") for _ in range(real.count("indicators"))],
        "satisfactory": real.text("satisfactory"),
        "superior": real.text("superior"),
        "sources": sorted(rng.sample(sources, real.count("sources"))),
        "notes": [
            _note(real, sources, rng.choice(paths)) for _ in range(real.count("competency notes"))
        ],
    }


def _job_class(
    real: _Real, code: str, title: str, numbers: list[int], sources: list[str]
) -> dict[str, Any]:
    rng = real.rng
    required = sorted(rng.sample(numbers, min(len(numbers), real.count("requirements"))))
    requirements = [
        {
            "competency": n,
            "required_level": rng.choice((None, None, 1, 2, 3)),
            "prior_to_entry": rng.choice((None, None, None, True, False)),
            "areas": [real.text("area") for _ in range(real.count("areas"))],
        }
        for n in required
    ]
    paths = ["$.requirements", "$.title", *(f"$.requirements[{i}]" for i in range(len(required)))]
    return {
        "$schema": SCHEMA_REF["job-class"],
        "schema_version": 1,
        "record_version": 1,
        "code": code,
        "title": title,
        "year": rng.choice((None, None, 2019, 2021, 2023)),
        "source": rng.choice(sources),
        "requirements": requirements,
        "notes": [
            _note(real, sources, rng.choice(paths)) for _ in range(real.count("class notes"))
        ],
    }


def generate(out: Path, competencies: int, classes: int, seed: int = SEED) -> Path:
    """Write a valid data set of this size to *out* (replacing it); return *out*."""
    if not 1 <= competencies <= 999:
        raise ValueError("bank numbers run from 1 to 999")
    if not 1 <= classes <= 10_000:
        raise ValueError("class codes have four digits")
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
    real = _Real(rng)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("competency_bank", "classes", "sources"):
        (out / folder).mkdir(parents=True)
    (out / "release.json").write_text(
        dumps(
            {
                "$schema": SCHEMA_REF["release"],
                "schema_version": 1,
                "data_version": "1.0.0",
                "released": "2026-11-22",
            },
            "release",
        ),
        encoding="utf-8",
    )
    sources = [f"{i:04d}-competency-models-volume-{i}.txt" for i in range(1, SOURCE_COUNT + 1)]
    for source in sources:
        (out / "sources" / source).write_text("A published document.\n", encoding="utf-8")
    numbers = sorted(rng.sample(range(1, 1000), competencies))
    taken: set[str] = set()
    for number in numbers:
        document = _competency(real, number, real.name(taken, rng.randint(2, 3)), sources)
        path = out / "competency_bank" / f"{number:03d}-{slugify(document['name'])}.json"
        path.write_text(dumps(document, "competency"), encoding="utf-8")
    titles: set[str] = set()
    for code in sorted(f"{n:04d}" for n in rng.sample(range(10_000), classes)):
        title = real.name(titles, rng.randint(2, 4)).upper()
        document = _job_class(real, code, title, numbers, sources)
        path = out / "classes" / class_file_name(code, title)
        path.write_text(dumps(document, "job-class"), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic valid compbank data sets.")
    parser.add_argument("--scale", choices=[*SCALES, "all"], default="all")
    parser.add_argument(
        "--out", type=Path, default=None, help=f"output folder (default: {DEFAULT_OUT}/SCALE)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--check", action="store_true", help="run compbank.check on the result")
    args = parser.parse_args(argv)
    scales = list(SCALES) if args.scale == "all" else [args.scale]
    if args.out is not None and len(scales) > 1:
        parser.error("--out needs a single --scale")
    for scale in scales:
        out = args.out or DEFAULT_OUT / scale
        generate(out, *SCALES[scale], seed=args.seed)
        print(f"{scale}: {out}")
        if args.check:
            problems = compbank.check(out)
            for p in problems[:20]:
                print(f"  {p}", file=sys.stderr)
            if problems:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
