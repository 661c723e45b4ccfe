"""The CASE export: the bank and the class models as one 1EdTech CASE 1.0 CFPackage.

How the bank maps onto CASE (associations read "origin TYPE destination"):

- The bank is the ``CFDocument``.
- Each competency is a ``CFItem`` (type ``Competency``: ``fullStatement`` its definition,
  ``abbreviatedStatement`` its name, ``humanCodingScheme`` its bank number) that
  ``isChildOf`` the document. Its parts are ``CFItem`` children (``isChildOf`` the
  competency, ordered by ``sequenceNumber``): its definition items, its three levels (type
  ``Competency Level``, ``listEnumeration`` 1-3), its behavioral indicators, and its
  satisfactory and superior performance.
- Levels are items, not a ``CFRubric``, because a class's required level must be something
  an association can point at, and CASE tools show items in the framework's tree.
- Each job class is a ``CFItem`` (type ``Job Class``) that ``isChildOf`` the document. Each
  competency it requires ``isPartOf`` it (``sequenceNumber``: the position in the class
  model); where the source marks the required level, the class ``hasSkillLevel`` that level's
  item; where the source says a competency is needed prior to job entry, it ``precedes`` the
  class. Each class-specific area is a ``CFItem`` (type ``Class Area``) that ``isChildOf``
  the class and ``isRelatedTo`` its competency.

The document's ``licenseURI`` names the one ``CFLicense`` of ``CFDefinitions``, whose
``licenseText`` is ``DATA-NOTICE.md``: the texts are the City of Los Angeles Personnel
Department's, the sources state no licence for them and none is granted; compbank's own
work is under the MIT License.

Identifiers are UUIDs derived (UUID 5, in `NAMESPACE`) from the records' keys, e.g.
``competency/34/level/2``, so they stay the same from one export and one data release to the
next; each ``uri`` is the identifier as a ``urn:uuid:`` URI. Every ``lastChangeDateTime`` is
the data release date (``Bank.released``) at midnight UTC. The same data gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import TYPE_CHECKING, Any, BinaryIO

from compbank import _atomic, _indented, _terms

if TYPE_CHECKING:
    from pathlib import Path

    from compbank._bank import Bank
    from compbank.models import Competency, JobClass, Note

#: The namespace of every identifier in the export: uuid5(NAMESPACE_URL, "urn:compbank:case").
#: Changing it would change every identifier, so it never changes.
NAMESPACE = uuid.UUID("bdc1c85e-65b9-5865-841d-bba572e5b7db")

CREATOR = _terms.CREATOR
TITLE = "City of Los Angeles Competency Bank"
LICENSE_TITLE = (
    "compbank data notice: the City's texts carry no stated licence; compbank's own work is "
    f"under the {_terms.CODE_LICENSE_TITLE}"
)
LANGUAGE = "en"

#: The item types of the export: title -> (hierarchyCode, description).
ITEM_TYPES: dict[str, tuple[str, str]] = {
    "Competency": ("1", "A competency of the Competency Bank."),
    "Definition Item": ("1.1", "An item of a competency definition that ends in a list."),
    "Competency Level": ("1.2", "One of the three levels of a competency."),
    "Behavioral Indicator": ("1.3", "A behavior that shows the competency."),
    "Satisfactory Performance": ("1.4", "What satisfactory performance of the competency is."),
    "Superior Performance": ("1.5", "What superior performance of the competency is."),
    "Job Class": ("2", "A job class and its competency model."),
    "Class Area": ("2.1", 'An item of a required competency\'s class-specific "... Areas" list.'),
}

Json = dict[str, Any]


# uuid5 hashes the namespace and then the key; the namespace's part is hashed once here
_NAMESPACE_SHA1 = hashlib.sha1(NAMESPACE.bytes, usedforsecurity=False)


def identifier(key: str) -> str:
    """The export's identifier for the record with *key*, e.g. ``"competency/34"``.

    It is ``str(uuid.uuid5(NAMESPACE, key))``, written without making a `uuid.UUID`: a
    package holds one for each of its tens of thousands of entities and links.
    """
    sha1 = _NAMESPACE_SHA1.copy()
    sha1.update(key.encode())
    h = sha1.hexdigest()
    # the version (5) and the RFC 4122 variant (binary 10) take the places uuid5 sets
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


#: The first hex digit of a UUID's fourth group, with the variant bits set to binary 10.
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def _uri(ident: str) -> str:
    return f"urn:uuid:{ident}"


def _link(key: str, title: str) -> Json:
    ident = identifier(key)
    return {"title": title, "identifier": ident, "uri": _uri(ident)}


def _notes_text(notes: tuple[Note, ...], *lines: str) -> str | None:
    found = [f'{n.kind} ({n.source}, {n.path}): found "{n.found}". {n.action}' for n in notes]
    text = "\n".join(line for line in (*lines, *found) if line)
    return text or None


def change_time(released: str) -> str:
    """The ``lastChangeDateTime`` of every entity: the release date at midnight UTC.

    Raises:
        ValueError: *released* is not a calendar date (``YYYY-MM-DD``).
    """
    try:
        day = dt.date.fromisoformat(released)
    except ValueError:
        raise ValueError(f"the release date {released!r} is not a calendar date") from None
    return f"{day.isoformat()}T00:00:00Z"


class _Package:
    """Collects the items and associations of one package, in the order they are made."""

    def __init__(self, bank: Bank) -> None:
        self.when = change_time(bank.released)
        self.document = _link("document", TITLE)
        self.items: list[Json] = []
        self.associations: list[Json] = []
        self.license = _link("license", LICENSE_TITLE)
        # each entity's link, made once: associations and items point at the same few
        # entities again and again, and the JSON encoder writes a shared link once
        self.links: dict[str, Json] = {"document": self.document}
        self.type_links = {title: _link(f"item-type/{title}", title) for title in ITEM_TYPES}

    def item(
        self, key: str, title: str, item_type: str, statement: str, **fields: str | None
    ) -> str:
        """Add an item; return its key. *fields* with None values are left out."""
        link = _link(key, title)
        ident = link["identifier"]
        item: Json = {
            "identifier": ident,
            "uri": link["uri"],
            "CFDocumentURI": self.document,
            "fullStatement": statement,
        }
        item.update((k, v) for k, v in fields.items() if v is not None)
        item["CFItemType"] = item_type
        item["CFItemTypeURI"] = self.type_links[item_type]
        item["language"] = LANGUAGE
        item["lastChangeDateTime"] = self.when
        self.items.append(item)
        self.links[key] = link
        return key

    def associate(self, origin: str, kind: str, destination: str, sequence: int | None) -> None:
        """Add the association *origin* *kind* *destination* between two keys."""
        ident = identifier(f"association/{origin}/{kind}/{destination}")
        association: Json = {
            "identifier": ident,
            "uri": _uri(ident),
            "CFDocumentURI": self.document,
            "associationType": kind,
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        association["originNodeURI"] = self.links[origin]
        association["destinationNodeURI"] = self.links[destination]
        association["lastChangeDateTime"] = self.when
        self.associations.append(association)

    def competency(self, c: Competency, sequence: int) -> None:
        key = self.item(
            f"competency/{c.number}",
            f"{c.number}. {c.name}",
            "Competency",
            c.definition,
            abbreviatedStatement=c.name,
            alternativeLabel="; ".join(c.aliases) or None,
            humanCodingScheme=str(c.number),
            notes=_notes_text(c.notes, f"Sources: {', '.join(c.sources)}." if c.sources else ""),
        )
        self.associate(key, "isChildOf", "document", sequence)
        parts: list[tuple[str, str, str, str, str | None]] = [
            (f"definition-item/{i}", f"definition item {i}", "Definition Item", text, str(i))
            for i, text in enumerate(c.definition_items, 1)
        ]
        parts += [
            (f"level/{i}", f"level {i}", "Competency Level", text, str(i))
            for i, text in enumerate(c.levels, 1)
        ]
        parts += [
            (
                f"behavioral-indicator/{i}",
                f"behavioral indicator {i}",
                "Behavioral Indicator",
                text,
                str(i),
            )
            for i, text in enumerate(c.behavioral_indicators, 1)
        ]
        parts += [
            (
                "satisfactory",
                "satisfactory performance",
                "Satisfactory Performance",
                c.satisfactory,
                None,
            ),
            ("superior", "superior performance", "Superior Performance", c.superior, None),
        ]
        for n, (suffix, what, item_type, text, enumeration) in enumerate(parts, 1):
            part = self.item(
                f"{key}/{suffix}",
                f"{c.number}. {c.name}, {what}",
                item_type,
                text,
                abbreviatedStatement=f"Level {enumeration}"
                if item_type == "Competency Level"
                else None,
                listEnumeration=enumeration,
            )
            self.associate(part, "isChildOf", key, n)

    def job_class(self, jc: JobClass, sequence: int) -> None:
        lines = [f"Source: {jc.source}."]
        if jc.year is not None:
            lines.append(f"Year: {jc.year}.")
        pages = [f"{r.number} on page {r.page}" for r in jc.requirements if r.page is not None]
        if pages:
            lines.append(f"Competencies read from the source's pages: {', '.join(pages)}.")
        key = self.item(
            f"class/{jc.code}",
            f"{jc.code} {jc.title}",
            "Job Class",
            jc.title,
            humanCodingScheme=jc.code,
            notes=_notes_text(jc.notes, *lines),
        )
        self.associate(key, "isChildOf", "document", sequence)
        area_sequence = 0
        for position, r in enumerate(jc.requirements, 1):
            competency = f"competency/{r.number}"
            self.associate(competency, "isPartOf", key, position)
            if r.required_level is not None:
                self.associate(
                    key, "hasSkillLevel", f"{competency}/level/{r.required_level}", position
                )
            if r.prior_to_entry:
                self.associate(competency, "precedes", key, None)
            for i, text in enumerate(r.areas, 1):
                area_sequence += 1
                area = self.item(
                    f"{key}/{competency}/area/{i}",
                    f"{jc.code} {jc.title}, {r.competency.name} area {i}",
                    "Class Area",
                    text,
                    listEnumeration=str(i),
                )
                self.associate(area, "isChildOf", key, area_sequence)
                self.associate(area, "isRelatedTo", competency, None)

    def definitions(self) -> Json:
        return {
            "CFLicenses": [
                {
                    "identifier": self.license["identifier"],
                    "uri": self.license["uri"],
                    "title": LICENSE_TITLE,
                    "description": _terms.DATA_TERMS,
                    "licenseText": _terms.data_notice(),
                    "lastChangeDateTime": self.when,
                }
            ],
            "CFItemTypes": [
                {
                    "identifier": self.type_links[title]["identifier"],
                    "uri": self.type_links[title]["uri"],
                    "title": title,
                    "description": description,
                    "hierarchyCode": code,
                    "lastChangeDateTime": self.when,
                }
                for title, (code, description) in ITEM_TYPES.items()
            ],
        }


def export_case(bank: Bank) -> dict[str, Any]:
    """*bank* as a CASE 1.0 CFPackage: a JSON-ready dict, the same for the same data.

    >>> package = export_case(compbank.load())
    >>> package["CFDocument"]["title"], len(package["CFItems"])
    ('City of Los Angeles Competency Bank', 326)
    """
    package = _Package(bank)
    competencies = list(bank.competencies.values())
    classes = list(bank.classes.values())
    for sequence, c in enumerate(competencies, 1):
        package.competency(c, sequence)
    for sequence, jc in enumerate(classes, len(competencies) + 1):
        package.job_class(jc, sequence)
    document: Json = {
        "identifier": package.document["identifier"],
        "uri": package.document["uri"],
        "CFPackageURI": package.document,
        "creator": CREATOR,
        "title": TITLE,
        "lastChangeDateTime": package.when,
        "description": (
            f"The {len(competencies)} competencies of the Competency Bank, each with its "
            "definition, three levels, behavioral indicators, and satisfactory and superior "
            f"performance; and the competency models of {len(classes)} job classes, with the "
            "level each class requires where its document marks it."
        ),
        "language": LANGUAGE,
        "version": bank.data_version,
        "licenseURI": package.license,
        "notes": (
            "Texts are verbatim from the City's published documents. A class requires a "
            "level (hasSkillLevel) only where the document marks it; elsewhere the level "
            "is unknown."
        ),
    }
    return {
        "CFDocument": document,
        "CFItems": package.items,
        "CFAssociations": package.associations,
        "CFDefinitions": package.definitions(),
    }


def case_bytes(bank: Bank) -> bytes:
    """The CASE package of *bank* as UTF-8 JSON text, two-space indented, ending in a newline."""
    return (_indented.dumps(export_case(bank)) + "\n").encode("utf-8")


def write_case_text(bank: Bank, file: BinaryIO) -> None:
    """Write `case_bytes` of *bank* to the open binary *file*, a part at a time.

    The same bytes, without joining the whole text into one string and encoding that at
    once: two copies of 280 MB for 10,000 classes.
    """
    file.writelines(chunk.encode("utf-8") for chunk in _indented.chunks(export_case(bank)))
    file.write(b"\n")


def write_case(bank: Bank, path: Path, *, force: bool = False) -> None:
    """Write the CASE package of *bank* to the file *path*, atomically.

    Raises:
        FileExistsError: *path* exists and *force* is false, or *path* is a directory.
        FileNotFoundError: the folder *path* would go in does not exist.
    """
    _atomic.check_destination(path, force=force)
    _atomic.write_file(path, lambda f: write_case_text(bank, f))
