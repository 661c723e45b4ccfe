"""The documentation builds with warnings as errors, and its reference misses nothing.

The build is the one CI runs (``sphinx-build -W --keep-going -n``): a broken cross-reference,
a page outside every table of contents or a docstring that is not valid reStructuredText
fails it. The reference is then read back from the HTML: every subcommand and option of
``compbank``, every public name, every problem code and import finding kind and every JSON
Schema must be there, found by the rules below rather than by the extension that writes them.
"""

from __future__ import annotations

import argparse
import doctest
import importlib
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from compbank import cli, problems
from compbank.importer import compare
from conftest import REPO

DOCS = REPO / "docs"
#: The public modules: each one's ``__all__``, or else what it defines (see `public_names`).
PUBLIC_MODULES = (
    "compbank",
    "compbank.problems",
    "compbank.canonical",
    "compbank.diff",
    "compbank.export",
    "compbank.importer",
    "compbank.site",
)


def build(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html", DOCS, out],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    result = build(out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", result.stderr
    return out


#: Elements whose text is apart from the text around them.
BLOCKS = frozenset(
    {"p", "div", "section", "pre", "dl", "dt", "dd", "li", "td", "th", "tr", "table"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)


class Page(HTMLParser):
    """The ids of a page, and the text inside each element that carries one."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.text: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []  # (tag, id) of each open element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.handle_data(" ")
        anchor = dict(attrs).get("id")
        if anchor:
            self.ids.add(anchor)
            self.text[anchor] = []
        if tag not in {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}:
            self._open.append((tag, anchor))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.handle_data(" ")
        while self._open:
            closed, _ = self._open.pop()
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, anchor in self._open:
            if anchor:
                self.text[anchor].append(data)

    def text_of(self, anchor: str) -> str:
        return " ".join("".join(self.text.get(anchor, [])).split())


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def public_names(module_name: str) -> list[str]:
    """A module's ``__all__``; without one, the functions, classes and CONSTANTS it defines.

    A class defined in `compbank.problems` but exported by `compbank` is documented there.
    """
    module = importlib.import_module(module_name)
    if hasattr(module, "__all__"):
        return list(module.__all__)
    exported = set(importlib.import_module("compbank").__all__)
    return [
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and name not in exported
        and (
            (
                (inspect.isfunction(value) or inspect.isclass(value))
                and value.__module__ == module_name
            )
            or (name.isupper() and name != "TYPE_CHECKING")
        )
    ]


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def mentions(text: str, word: str) -> bool:
    """Whether *word* stands in *text* as a word of its own (``--jobs``, not ``--jobsx``)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def missing_commands(html: Path) -> list[str]:
    """Each subcommand and option of ``compbank`` that its reference page lacks."""
    page = read_page(html / "reference" / "cli.html")
    parser = cli.build_parser()
    missing: list[str] = []
    for name, sub in {"compbank": parser, **subparsers(parser)}.items():
        anchor = "cli-compbank" if sub is parser else f"cli-{name}"
        if anchor not in page.ids:
            missing.append(f"cli: subcommand {name}")
            continue
        text = page.text_of(anchor)
        for action in sub._actions:
            if not isinstance(action, argparse._SubParsersAction):
                shown = action.option_strings or [str(action.metavar or action.dest)]
                missing += [f"cli: {name} {s}" for s in shown if not mentions(text, s)]
    return missing


def missing_names(html: Path) -> list[str]:
    """Each public name the API reference lacks."""
    page = read_page(html / "reference" / "api.html")
    return [
        f"api: {module}.{name}"
        for module in PUBLIC_MODULES
        for name in public_names(module)
        if f"{module}.{name}" not in page.ids
    ]


def missing_codes(html: Path) -> list[str]:
    """Each problem code and finding kind, or its fix, that the reference lacks."""
    page = read_page(html / "reference" / "problems.html")
    text = page.text_of("furo-main-content")
    missing: list[str] = []
    for prefix, table, fixes in (
        ("problem", problems.CODES, problems.FIXES),
        ("finding", compare.FINDINGS, compare.FIXES),
    ):
        for code in table:
            if f"{prefix}-{code}" not in page.ids:
                missing.append(f"{prefix}: {code}")
            elif " ".join(fixes[code].split()) not in text:
                missing.append(f"{prefix}: how to fix {code}")
    return missing


def missing_schemas(html: Path) -> list[str]:
    """Each schema, or property of one, that the reference lacks."""
    page = read_page(html / "reference" / "schemas.html")
    missing: list[str] = []
    for path in sorted((REPO / "schema").glob("*.schema.json")):
        anchor = "schema-" + path.name.removesuffix(".schema.json")
        if anchor not in page.ids:
            missing.append(f"schema: {path.name}")
            continue
        text = page.text_of(anchor)
        properties = json.loads(path.read_text(encoding="utf-8"))["properties"]
        missing += [f"schema: {path.name} {p}" for p in properties if not mentions(text, p)]
    return missing


def missing_from_reference(html: Path) -> list[str]:
    """What the built reference in *html* lacks, one line each (empty: nothing)."""
    return (
        missing_commands(html) + missing_names(html) + missing_codes(html) + missing_schemas(html)
    )


def test_the_docs_build_with_warnings_as_errors(built: Path) -> None:
    for page in ("index", "tutorial", "reference/index", "reference/api", "reference/cli"):
        assert (built / f"{page}.html").is_file(), page


def test_the_tutorial_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # as a reader would, outside any checkout
    result = doctest.testfile(
        str(DOCS / "tutorial.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 10
    assert result.failed == 0


#: Pages whose console examples run as they stand, from the repository's root (the others
#: write files, or name documents a reader has and the repository does not).
CONSOLE_PAGES = (
    "README.md",
    "docs/tutorial.md",
    "docs/explanation/versioning.md",
    "docs/howto/add-or-correct-a-class.md",
)


def console_examples(text: str) -> list[tuple[str, list[str]]]:
    """Each ``$ command`` of the ``console`` blocks in *text*, with the lines shown after it."""
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            else:
                examples[-1][1].append(line.rstrip())
    return examples


def shows(expected: list[str], actual: list[str]) -> bool:
    """Whether *actual* holds the *expected* lines in order, ``...`` standing for any lines."""
    position = 0
    chunks = "\n".join(expected).split("\n...")
    for number, chunk in enumerate(chunks):
        lines = [line for line in chunk.split("\n") if line != "..."]
        lines = lines[1:] if number and lines and not lines[0] else lines
        if not lines:
            continue
        found = next(
            (
                i
                for i in range(position, len(actual) - len(lines) + 1)
                if actual[i : i + len(lines)] == lines
            ),
            None,
        )
        if found is None or (number == 0 and found != 0):
            return False
        position = found + len(lines)
    return True


def test_shows_reads_elisions() -> None:
    actual = ["a", "b", "c", "d"]
    assert shows(["a", "...", "c"], actual)
    assert shows(["a", "b", "..."], actual)
    assert not shows(["b", "..."], actual)  # the first lines are the output's first lines
    assert not shows(["a", "...", "e"], actual)
    assert not shows(["a", "...", "c", "...", "b"], actual)


@pytest.mark.parametrize("page", CONSOLE_PAGES)
def test_the_console_examples_print_what_they_show(page: str) -> None:
    examples = console_examples((REPO / page).read_text(encoding="utf-8"))
    assert examples, f"{page} has no console example"
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    for command, expected in examples:
        result = subprocess.run(  # noqa: S602 (the examples' pipes, grep and head, need a shell)
            f"{command} 2>&1",
            shell=True,
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO,
            env={**os.environ, "PATH": path},
            timeout=60,
        )
        actual = [line.rstrip() for line in result.stdout.splitlines()]
        assert shows(expected, actual), f"{page}: $ {command}\n{result.stdout}"


def test_the_reference_has_every_command_option_name_code_and_schema(built: Path) -> None:
    assert missing_from_reference(built) == []


def test_a_reference_missing_something_is_found(built: Path, tmp_path: Path) -> None:
    html = tmp_path / "html"
    shutil.copytree(built / "reference", html / "reference")
    api = html / "reference" / "api.html"
    api.write_text(
        api.read_text(encoding="utf-8").replace('id="compbank.load"', 'id="elsewhere"'),
        encoding="utf-8",
    )
    page = html / "reference" / "cli.html"
    text = page.read_text(encoding="utf-8")
    # the validate section loses its --jobs option; export loses its whole section
    start = text.index('id="cli-validate"')
    part = text[start : text.index('id="cli-show"')]
    text = text.replace(part, part.replace("--jobs", "--job"))
    text = text.replace('id="cli-export"', 'id="cli-exported"')
    page.write_text(text, encoding="utf-8")
    codes = html / "reference" / "problems.html"
    codes.write_text(
        codes.read_text(encoding="utf-8")
        .replace('id="problem-bad-text"', 'id="problem-bad-texts"')
        .replace(" ".join(compare.FIXES["duplicate-listing"].split()), "Nothing."),
        encoding="utf-8",
    )
    schemas = html / "reference" / "schemas.html"
    schemas.write_text(
        schemas.read_text(encoding="utf-8").replace('id="schema-release"', 'id="release"'),
        encoding="utf-8",
    )
    assert missing_from_reference(html) == [
        "cli: validate --jobs",
        "cli: subcommand export",
        "api: compbank.load",
        "problem: bad-text",
        "finding: how to fix duplicate-listing",
        "schema: release.schema.json",
    ]
