"""Hypothesis strategies that draw whole valid data sets, and a writer that puts one on disk.

A data set is drawn bank first (numbers, names unique under `name_key`, texts, sources), then
classes whose requirements are sampled from the bank's numbers, then the release. Examples are
kept small (a handful of competencies and classes, short texts) so that the suite stays fast;
size does not matter to the rules under test, the relations between records do.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from compbank import canonical
from compbank._checks import class_file_name, competency_file_name, name_key
from compbank.export.tables import NOTE_KINDS as TABLE_NOTE_KINDS
from compbank.models import Competency

if TYPE_CHECKING:
    from pathlib import Path

    from compbank._schema import Kind

# Words hold letters and a little punctuation, never digits: a test that needs a name or title
# sure to differ from every drawn one appends a digit word (see `fresh_name`).
_WORD_ALPHABET = string.ascii_letters + "éÑ&'-.,/()"
#: The kinds of note both a competency and a class may carry.
NOTE_KINDS = TABLE_NOTE_KINDS["competency"]

words = st.text(_WORD_ALPHABET, min_size=1, max_size=8)
#: Text as the schema's text pattern allows it: words joined by single spaces.
texts = st.lists(words, min_size=1, max_size=4).map(" ".join)
#: A note's ``found``, as the schema's pattern allows it: words joined by single spaces or by
#: line breaks, which may also end it (where the source's line ended).
found_texts = st.builds(
    lambda first, rest, end: first + "".join(sep + word for sep, word in rest) + end,
    words,
    st.lists(st.tuples(st.sampled_from([" ", "\n", "\n\n"]), words), max_size=3),
    st.sampled_from(["", "\n"]),
)
#: A source document's file name, as the schema's source pattern allows it.
source_names = st.builds(
    "{}-{}.txt".format,
    st.integers(0, 9999).map("{:04d}".format),
    st.lists(
        st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=6),
        min_size=1,
        max_size=3,
    ).map("-".join),
)


def fresh_name(name: str) -> str:
    """A name whose `name_key` no drawn name has (drawn names hold no digits)."""
    return f"{name} 0"


@attrs.frozen
class DataSet:
    """A drawn data set: file documents, before they are written."""

    competencies: tuple[dict[str, Any], ...]
    classes: tuple[dict[str, Any], ...]
    release: dict[str, Any]
    sources: tuple[str, ...]

    @property
    def numbers(self) -> list[int]:
        return [c["number"] for c in self.competencies]

    def requires(self, code: str, number: int) -> dict[str, Any] | None:
        """The requirement document of class *code* for competency *number*, if any."""
        jc = next(jc for jc in self.classes if jc["code"] == code)
        return next((r for r in jc["requirements"] if r["competency"] == number), None)


def note_documents(sources: list[str], paths: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A note naming one of *sources* and pointing at one of *paths* (which must exist)."""
    return st.fixed_dictionaries(
        {
            "kind": st.sampled_from(NOTE_KINDS),
            "source": st.sampled_from(sources),
            "path": st.sampled_from(paths),
            "found": found_texts,
            "action": texts,
        }
    )


@st.composite
def competency_documents(
    draw: st.DrawFn, number: int, names: list[str], sources: list[str]
) -> dict[str, Any]:
    """A bank file's document for competency *number*, named ``names[0]``, aliased the rest."""
    # unique, as in the documents (and so that a diff of one changed item is unambiguous)
    indicators = draw(st.lists(texts, min_size=1, max_size=3, unique=True))
    own_sources = draw(st.lists(st.sampled_from(sources), min_size=1, max_size=2, unique=True))
    paths = ["$.name", "$.definition", "$.levels['2']", "$.superior", "$.behavioral_indicators[0]"]
    return {
        "$schema": "../../schema/competency.schema.json",
        "schema_version": 1,
        "record_version": draw(st.integers(1, 3)),
        "number": number,
        "name": names[0],
        "aliases": names[1:],
        "definition": draw(texts),
        "definition_items": draw(st.lists(texts, max_size=2)),
        "levels": {"1": draw(texts), "2": draw(texts), "3": draw(texts)},
        "behavioral_indicators": indicators,
        "satisfactory": draw(texts),
        "superior": draw(texts),
        "sources": own_sources,
        "notes": draw(st.lists(note_documents(own_sources, paths), max_size=1)),
    }


@st.composite
def requirement_documents(draw: st.DrawFn, numbers: list[int]) -> list[dict[str, Any]]:
    """A class's requirements: bank numbers sampled without repeats, in bank order."""
    chosen = draw(
        st.lists(st.sampled_from(numbers), min_size=1, max_size=len(numbers), unique=True)
    )
    return [
        {
            "competency": n,
            "required_level": draw(st.sampled_from([1, 2, 3, None])),
            "prior_to_entry": draw(st.sampled_from([True, False, None])),
            "areas": draw(st.lists(texts, max_size=2)),
        }
        for n in sorted(chosen)
    ]


@st.composite
def class_documents(
    draw: st.DrawFn, code: str, numbers: list[int], sources: list[str]
) -> dict[str, Any]:
    """A class file's document for class *code*, requiring some of *numbers*."""
    source = draw(st.sampled_from(sources))
    return {
        "$schema": "../../schema/job-class.schema.json",
        "schema_version": 1,
        "record_version": draw(st.integers(1, 3)),
        "code": code,
        "title": draw(texts),
        "year": draw(st.none() | st.integers(1900, 2999)),
        "source": source,
        "requirements": draw(requirement_documents(numbers)),
        "notes": draw(
            st.lists(note_documents([source], ["$.title", "$.requirements[0]"]), max_size=1)
        ),
    }


@st.composite
def data_sets(
    draw: st.DrawFn,
    min_competencies: int = 1,
    max_competencies: int = 6,
    min_classes: int = 0,
    max_classes: int = 4,
) -> DataSet:
    """A whole valid data set: a bank, classes requiring its competencies, and a release."""
    sources = draw(st.lists(source_names, min_size=1, max_size=3, unique=True))
    numbers = draw(
        st.lists(
            st.integers(1, 999),
            min_size=min_competencies,
            max_size=max_competencies,
            unique=True,
        )
    )
    alias_counts = [draw(st.integers(0, 1)) for _ in numbers]
    # every name and alias unique under name_key, since the bank matches names that way
    all_names = draw(
        st.lists(
            texts,
            min_size=len(numbers) + sum(alias_counts),
            max_size=len(numbers) + sum(alias_counts),
            unique_by=name_key,
        )
    )
    competencies = []
    for number, aliases in zip(numbers, alias_counts, strict=True):
        names, all_names = all_names[: 1 + aliases], all_names[1 + aliases :]
        competencies.append(draw(competency_documents(number, names, sources)))
    codes = draw(
        st.lists(
            st.integers(0, 9999).map("{:04d}".format),
            min_size=min_classes,
            max_size=max_classes,
            unique=True,
        )
    )
    classes = tuple(draw(class_documents(code, numbers, sources)) for code in codes)
    release = {
        "$schema": "../schema/release.schema.json",
        "schema_version": 1,
        "data_version": "{}.{}.{}".format(*draw(st.tuples(*[st.integers(0, 20)] * 3))),
        "released": draw(st.dates()).isoformat(),
    }
    return DataSet(tuple(competencies), classes, release, tuple(sources))


def competency_path(root: Path, document: dict[str, Any]) -> Path:
    """Where a bank file holding *document* belongs under the data directory *root*."""
    c = Competency(
        number=document["number"],
        name=document["name"],
        definition="",
        levels=("", "", ""),
        behavioral_indicators=(),
        satisfactory="",
        superior="",
    )
    return root / "competency_bank" / competency_file_name(c)


def class_path(root: Path, document: dict[str, Any]) -> Path:
    """Where a class file holding *document* belongs under the data directory *root*."""
    return root / "classes" / class_file_name(document["code"], document["title"])


def write_data_set(data: DataSet, root: Path) -> Path:
    """Write *data* in canonical form as the data directory *root*; return *root*."""
    for folder in ("competency_bank", "classes", "sources"):
        (root / folder).mkdir(parents=True)
    for name in data.sources:
        (root / "sources" / name).write_text(f"The document {name}.\n", encoding="utf-8")
    for document in data.competencies:
        write_document(competency_path(root, document), document, "competency")
    for document in data.classes:
        write_document(class_path(root, document), document, "job-class")
    write_document(root / "release.json", data.release, "release")
    return root


def write_document(path: Path, document: dict[str, Any], kind: Kind) -> None:
    """Write *document* to *path* in canonical form."""
    path.write_text(canonical.dumps(document, kind), encoding="utf-8")
