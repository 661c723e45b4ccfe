"""Building the site: pages, static files, the data of search and compare, and downloads.

Every page is rendered from a `Bank` and nothing else, so the same data gives the same
bytes: pages, indexes and downloads are written in the bank's order (competencies by
number, classes by code), and nothing holds the time of the build.

Where the site's files are (every link between them is relative, so a site works from any
sub-path of a web server and opened from disk):

``index.html``, ``classes.html``, ``competencies.html``, ``compare.html``, ``search.html``
    the home page, the lists, compare and search;
``classes/<code>-<slug>.html``, ``competencies/<NNN>-<slug>.html``
    a page per class and per competency, named like their data files;
``static/``
    styles (``site.css``, and ``print.css`` for printing) and scripts;
``search-index.js``, ``compare-data.js``
    the data search and compare read, as scripts, so that they load from ``file://`` too
    (browsers refuse ``fetch`` there);
``downloads/``
    the exports and the data's JSON files.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from importlib import resources
from typing import TYPE_CHECKING, Any

from compbank import _templates, canonical
from compbank._bank import _DEFINITION_WEIGHT as DEFINITION_WEIGHT
from compbank._bank import _NAME_WEIGHT as NAME_WEIGHT
from compbank._bank import _TEXT_WEIGHT as TEXT_WEIGHT
from compbank._checks import class_file_name, competency_file_name
from compbank._gc import collector_paused
from compbank._parallel import alongside
from compbank._records import Release
from compbank._structure import to_document
from compbank._version import __version__
from compbank.export import default_name as export_name
from compbank.export.case import write_case_text
from compbank.export.csv import write_tables
from compbank.export.sqlite import write_database
from compbank.export.tables import TABLES
from compbank.models import Competency
from compbank.site import GENERATOR, INSTALL
from compbank.site._zip import write_zip

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    import jinja2
    from markupsafe import Markup

    from compbank._bank import Bank
    from compbank.models import JobClass, Requirement

#: The static files of every site, from ``static/`` in this package.
STATIC = ("site.css", "print.css", "search.js", "compare.js", "favicon.svg")


# Characters that must not appear as themselves in a script holding data: "<" could open
# "</script>" or "<!--" were the data ever inlined, and U+2028/U+2029 end lines in old
# JavaScript engines. Escaped, the data reads the same.
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")


# a hyphen or dash between two letters or digits, where a line may break
_HYPHEN_INSIDE = re.compile("\\w[-\u2010\u2011\u2013\u2014]\\w")


@functools.lru_cache(maxsize=1 << 16)  # a competency's texts recur on every class page using it
def keep_hyphenated(text: str) -> str:
    """*text* escaped, each word with a hyphen inside it in a ``<span class="hy">``.

    The print stylesheet keeps such a word on one line: text extracted from a PDF (poppler's
    ``pdftotext``) joins a word broken after its hyphen and drops the hyphen, so that
    "City-specific" would come back as "Cityspecific". Whole words (runs without
    whitespace) are wrapped, so no character reference is ever cut.
    """
    from markupsafe import Markup, escape  # noqa: PLC0415 (installed with Jinja2)

    escaped = str(escape(text))
    if _HYPHEN_INSIDE.search(escaped) is None:
        return Markup(escaped)  # noqa: S704 (escaped above)
    words = [
        f'<span class="hy">{word}</span>' if _HYPHEN_INSIDE.search(word) else word
        for word in escaped.split(" ")  # data texts are whitespace-normalized: single spaces
    ]
    return Markup(" ".join(words))  # noqa: S704 (escaped above)


def environment() -> jinja2.Environment:
    """The Jinja2 environment of the site's templates (see `compbank._templates`).

    Raises:
        ModuleNotFoundError: Jinja2 is not installed; the message gives `INSTALL`.
    """
    env = _templates.environment("compbank.site", "building a site", INSTALL)
    env.filters["keep_hyphenated"] = keep_hyphenated
    return env


def class_page(jc: JobClass) -> str:
    """The class's page, relative to the site's root: named like its data file."""
    return "classes/" + class_file_name(jc.code, jc.title).removesuffix(".json") + ".html"


def competency_page(c: Competency) -> str:
    """The competency's page, relative to the site's root: named like its data file."""
    return "competencies/" + competency_file_name(c).removesuffix(".json") + ".html"


def script_data(name: str, value: Any) -> bytes:  # noqa: ANN401 (any JSON value)
    """A script that sets ``window.<name>`` to *value*, deterministic and safe to load."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = _SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return f"window.{name} = {text};\n".encode()


def search_index(bank: Bank) -> dict[str, Any]:
    """What the search page searches: every page, and every place in a page with its text.

    ``pages`` is a list of ``[href, title]``; ``places`` a list of ``[page, anchor, label,
    text, weight]``, ``page`` an index into ``pages`` and ``anchor`` the ``id`` of the place
    in it (empty for the page itself). Competencies are found by their name, aliases,
    definition, levels, behavioral indicators and performance texts; classes by their code,
    title and areas.
    """
    pages: list[list[str]] = []
    places: list[list[Any]] = []
    for c in bank.competencies.values():
        page = len(pages)
        pages.append([competency_page(c), f"{c.number}. {c.name}"])
        places.append([page, "", "Competency", f"{c.number}. {c.name}", NAME_WEIGHT])
        places += [[page, "", "Also called", alias, NAME_WEIGHT] for alias in c.aliases]
        places.append([page, "definition", "Definition", c.definition, DEFINITION_WEIGHT])
        places += [
            [page, f"definition-item-{i}", "Definition", text, TEXT_WEIGHT]
            for i, text in enumerate(c.definition_items, 1)
        ]
        places += [
            [page, f"level-{i}", f"Level {i}", text, TEXT_WEIGHT]
            for i, text in enumerate(c.levels, 1)
        ]
        places += [
            [page, f"indicator-{i}", "Behavioral indicator", text, TEXT_WEIGHT]
            for i, text in enumerate(c.behavioral_indicators, 1)
        ]
        places.append(
            [page, "satisfactory", "Satisfactory performance", c.satisfactory, TEXT_WEIGHT]
        )
        places.append([page, "superior", "Superior performance", c.superior, TEXT_WEIGHT])
    for jc in bank.classes.values():
        page = len(pages)
        pages.append([class_page(jc), f"{jc.code} {jc.title}"])
        places.append([page, "", "Class", f"{jc.code} {jc.title}", NAME_WEIGHT])
        for r in jc.requirements:
            places += [
                [page, f"c{r.number}-area-{i}", f"{r.competency.name} Areas", text, TEXT_WEIGHT]
                for i, text in enumerate(r.areas, 1)
            ]
    return {"pages": pages, "places": places}


def compare_data(bank: Bank) -> dict[str, Any]:
    """What the compare page compares: each class's requirements and levels.

    ``competencies`` is a list of ``[number, name, href]``; ``classes`` a list of ``[code,
    title, href, requirements]``, each requirement ``[number, level]`` in the class's order
    (``level`` null where the source does not mark it).
    """
    return {
        "competencies": [
            [c.number, c.name, competency_page(c)] for c in bank.competencies.values()
        ],
        "classes": [
            [
                jc.code,
                jc.title,
                class_page(jc),
                [[r.number, r.required_level] for r in jc.requirements],
            ]
            for jc in bank.classes.values()
        ],
    }


def downloads(bank: Bank) -> dict[str, str]:
    """The downloads' names (relative to ``downloads/``), by what they are."""
    version = bank.data_version
    return {
        "csv": export_name(version, "csv"),
        "csv_zip": export_name(version, "csv") + ".zip",
        "sqlite": export_name(version, "sqlite"),
        "case": export_name(version, "case"),
        "json": f"compbank-{version}-json",
        "json_zip": f"compbank-{version}-json.zip",
    }


def json_file(json_download: str, record: Competency | JobClass) -> str:
    """Where the record's file is in the JSON download *json_download*, from the site's root."""
    data = f"downloads/{json_download}/data/"
    if isinstance(record, Competency):
        return data + "competency_bank/" + competency_file_name(record)
    return data + "classes/" + class_file_name(record.code, record.title)


def write_json_files(bank: Bank, folder: Path) -> None:
    """The data as files again, from the bank: a data directory anyone can load.

    ``data/`` holds ``release.json``, the bank and class files (written from the loaded
    records, in canonical form, so they are the data's own files) and the source documents
    the records name; ``schema/`` the schemas the files' ``$schema`` point at.
    """
    from compbank._paths import schema_dir  # noqa: PLC0415

    data = folder / "data"
    for sub in ("competency_bank", "classes", "sources"):
        (data / sub).mkdir(parents=True)
    release = Release(data_version=bank.data_version, released=bank.released, schema_version=1)
    (data / "release.json").write_text(
        canonical.dumps(to_document(release), "release"), encoding="utf-8"
    )
    sources: set[str] = set()
    for c in bank.competencies.values():
        text = canonical.dumps(to_document(c), "competency")
        (data / "competency_bank" / competency_file_name(c)).write_text(text, encoding="utf-8")
        sources.update(c.sources)
        sources.update(n.source for n in c.notes)
    for jc in bank.classes.values():
        text = canonical.dumps(to_document(jc), "job-class")
        (data / "classes" / class_file_name(jc.code, jc.title)).write_text(text, encoding="utf-8")
        sources.add(jc.source)
        sources.update(n.source for n in jc.notes)
    # the documents the records were read from, as the data directory holds them
    for name in sorted(sources):
        shutil.copyfile(bank.path / "sources" / name, data / "sources" / name)
    (folder / "schema").mkdir()
    for schema in sorted(schema_dir().glob("*.schema.json")):
        shutil.copyfile(schema, folder / "schema" / schema.name)


def download_jobs(bank: Bank, folder: Path) -> list[Callable[[], None]]:
    """The downloads, as jobs writing into *folder* that depend on nothing but themselves.

    The exports are written as the export commands write them, less their care to be
    atomic and synced to disk file by file: the site is put in place as a whole, once
    written. The longest jobs come first (see `compbank._parallel`).
    """
    names = downloads(bank)

    def case() -> None:
        with (folder / names["case"]).open("wb") as f:
            write_case_text(bank, f)

    def json_files() -> None:
        write_json_files(bank, folder / names["json"])
        write_zip(folder / names["json"], folder / names["json_zip"], bank.released)

    def sqlite() -> None:
        write_database(bank, folder / names["sqlite"])

    def csv() -> None:
        (folder / names["csv"]).mkdir()
        write_tables(bank, folder / names["csv"], sync=False)
        write_zip(folder / names["csv"], folder / names["csv_zip"], bank.released)

    return [case, json_files, sqlite, csv]


class _Pages:
    """Renders the pages: what every template is given, and each page kind's own values."""

    def __init__(self, bank: Bank, env: jinja2.Environment) -> None:
        self.bank = bank
        self.env = env
        names = downloads(bank)
        # each page's address is asked for on every page linking to it: worked out once
        self.class_pages = {jc.code: class_page(jc) for jc in bank.classes.values()}
        self.competency_pages = {c.number: competency_page(c) for c in bank.competencies.values()}
        self.common = {
            "bank": bank,
            "version": bank.data_version,
            "released": bank.released,
            "code_version": __version__,
            "generator": GENERATOR,
            "downloads": names,
            "class_page": lambda jc: self.class_pages[jc.code],
            "competency_page": lambda c: self.competency_pages[c.number],
            "json_file": functools.partial(json_file, names["json"]),
            "sources_dir": f"downloads/{names['json']}/data/sources/",
            "tables": [table.name for table in TABLES],
            "known": lambda jc: sum(1 for r in jc.requirements if r.required_level is not None),
            "requirement_section": self.requirement_section,
            "competency_texts": self.competency_texts,
        }
        self.sections: dict[tuple[Any, ...], Markup] = {}
        self.texts: dict[int, dict[str, Markup]] = {}

    @functools.cached_property
    def macros(self) -> Any:  # noqa: ANN401 (a template module: its macros are attributes)
        """The macros of ``requirement.html``, which see what every template is given."""
        # class pages are in classes/, one folder down
        return self.env.get_template("requirement.html").make_module({**self.common, "root": "../"})

    def competency_texts(self, c: Competency) -> dict[str, Markup]:
        """The parts of a class page's section that only *c* decides, rendered once.

        ``head`` is its name, definition and definition items; ``body`` its behavioral
        indicators and performance levels.
        """
        texts = self.texts.get(c.number)
        if texts is None:
            texts = self.texts[c.number] = {
                "head": self.macros.head(c),
                "body": self.macros.body(c),
            }
        return texts

    def requirement_section(self, r: Requirement) -> Markup:
        """A class page's section on the required competency *r*, rendered once.

        A section depends only on the competency and on what the class says of it (level,
        prior to job entry, areas), and most classes share those: rendering each once, not
        once per class, is most of the class pages' time saved.
        """
        key = (r.number, r.required_level, r.prior_to_entry, r.areas)
        section = self.sections.get(key)
        if section is None:
            section = self.sections[key] = self.macros.section(r)
        return section

    def render(self, template: str, path: str, **values: Any) -> bytes:  # noqa: ANN401
        """The page *path* (relative to the root) from *template* with *values*."""
        root = "../" * path.count("/")
        page = self.env.get_template(template).render(**self.common, root=root, path=path, **values)
        return page.encode("utf-8")

    def all(self) -> list[tuple[str, Callable[[], bytes]]]:
        """Every page as (path, render), in the bank's order."""
        bank = self.bank
        pages: list[tuple[str, Callable[[], bytes]]] = [
            (path, functools.partial(self.render, template, path))
            for template, path in (
                ("home.html", "index.html"),
                ("classes.html", "classes.html"),
                ("competencies.html", "competencies.html"),
                ("compare.html", "compare.html"),
                ("search.html", "search.html"),
            )
        ]
        pages += [
            (path, functools.partial(self.render, "class.html", path, jc=bank.classes[code]))
            for code, path in self.class_pages.items()
        ]
        pages += [
            (path, functools.partial(self.render, "competency.html", path, c=bank.competencies[n]))
            for n, path in self.competency_pages.items()
        ]
        return pages


#: From how many pages a site's downloads are written by a second process, alongside the
#: pages (see `compbank._parallel`): below, starting it costs more than it saves.
PARALLEL_FROM_PAGES = 100


def write(
    bank: Bank,
    directory: Path,
    *,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
    parallel: bool | None = None,
) -> int:
    """Write the whole site of *bank* into the existing, empty *directory*.

    Pages are not synced to disk one by one: the site is put in place by a rename once
    written, and a site can always be built again. The downloads are written by a second
    process while this one writes the pages, where that is possible and *parallel* (by
    default: from `PARALLEL_FROM_PAGES` pages), and this one then helps with those left;
    the files are the same either way.

    Returns:
        The number of pages written.
    """
    with collector_paused():
        return _write(bank, directory, progress=progress, parallel=parallel)


def _write(
    bank: Bank,
    directory: Path,
    *,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None,
    parallel: bool | None,
) -> int:
    pages = _Pages(bank, environment()).all()
    (directory / "classes").mkdir()
    (directory / "competencies").mkdir()
    (directory / "static").mkdir()
    static = resources.files("compbank.site") / "static"
    for name in STATIC:
        (directory / "static" / name).write_bytes((static / name).read_bytes())
    downloads_dir = directory / "downloads"
    downloads_dir.mkdir()
    if parallel is None:
        parallel = len(pages) >= PARALLEL_FROM_PAGES
    with alongside(download_jobs(bank, downloads_dir), parallel=parallel):
        (directory / "search-index.js").write_bytes(
            script_data("compbankSearch", search_index(bank))
        )
        (directory / "compare-data.js").write_bytes(
            script_data("compbankCompare", compare_data(bank))
        )
        items: Iterable[tuple[str, Callable[[], bytes]]] = pages
        if progress is not None:
            items = progress(pages, len(pages))
        for path, render in items:
            (directory / path).write_bytes(render())
    return len(pages)
