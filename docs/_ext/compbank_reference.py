"""Reference pages generated from the code, so that they cannot drift from it.

Directives, each reading one source of truth when the docs are built:

- ``compbank-cli``: every subcommand of ``compbank`` with its usage, description and
  options, walked from the argparse parser `compbank.cli.build_parser` builds;
- ``compbank-schemas``: each JSON Schema of ``schema/`` as tables of its properties;
- ``compbank-problems``: every code of `compbank.problems.CODES`, what it means and how to
  fix it (`compbank.problems.FIXES`);
- ``compbank-findings``: every kind of `compbank.importer.compare.FINDINGS`, likewise;
- ``compbank-api``: a module's public names through autodoc, the constants and type aliases
  a package re-exports included (with the ``#:`` comment written where each is defined).

Every generated entry has an anchor (``cli-validate``, ``cli-validate-jobs``,
``schema-job-class``, ``problem-bad-text``, ``finding-text-differs``) that other pages can
link to and that the tests look for. A code without its fix is a build warning, so an error
under ``-W``.

A small extension of our own rather than sphinx-argparse: the subcommands' descriptions are
laid out by hand (``compbank NAME --help`` prints them as written), which sphinx-argparse
reflows into one paragraph, and the anchors above must be stable for links and tests.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

#: The repository's schema folder (the docs live beside it).
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
#: Values of constants longer than this are left to the source (the tables of codes).
LONGEST_VALUE_SHOWN = 100
#: Patterns longer than this are named, not printed: the text rule's runs to 500 characters.
LONGEST_PATTERN_SHOWN = 60


def slug(text: str) -> str:
    """*text* as an anchor: lower case, runs of other characters as one hyphen.

    >>> slug("--data"), slug("job-class.schema"), slug("$schema")
    ('data', 'job-class-schema', 'schema')
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def section(document: nodes.document, title: str, anchor: str) -> nodes.section:
    """A section titled *title* that other pages can link to as ``{ref}`anchor```."""
    new = nodes.section(ids=[anchor], names=[anchor])
    new += nodes.title(text=title)
    document.note_explicit_target(new)
    return new


def paragraph(*parts: str | nodes.Node) -> nodes.paragraph:
    """A paragraph of plain strings and inline nodes."""
    para = nodes.paragraph()
    for part in parts:
        para += nodes.Text(part) if isinstance(part, str) else part
    return para


def definition_item(anchor: str, term: nodes.Node, *body: nodes.Node) -> nodes.definition_list_item:
    """One entry of a definition list, its term carrying *anchor*."""
    item = nodes.definition_list_item()
    item += nodes.term("", "", term, ids=[anchor])
    definition = nodes.definition()
    for part in body:
        definition += part
    item += definition
    return item


def text_block(text: str) -> nodes.literal_block:
    """A block of text shown as laid out, not highlighted as code."""
    return nodes.literal_block(text, text, language="text")


def described(node: dict[str, Any]) -> str:
    """A schema node's description, then its rules (``Its number. Rules: at least 1.``)."""
    description = str(node.get("description", "")).strip()
    rules = constraints(node)
    if not rules:
        return description
    return f"{description} Rules: {'; '.join(rules)}.".strip()


def table(header: list[str], rows: list[list[nodes.Node]], widths: list[int]) -> nodes.table:
    """A table with a header row and body rows of inline nodes."""
    group = nodes.tgroup(cols=len(header))
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.Text(h) for h in header])
    body = nodes.tbody()
    for row in rows:
        body += _row(row)
    group += head
    group += body
    result = nodes.table()
    result += group
    return result


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += paragraph(cell)
        row += entry
    return row


# -- the command line ---------------------------------------------------------------------


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of *parser* by name, in the order ``--help`` lists them."""
    for action in parser._actions:  # noqa: SLF001 (argparse offers no public walk of a parser)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


def arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The arguments and options of *parser*, as ``--help`` lists them (subcommands aside)."""
    return [
        a
        for a in parser._actions  # noqa: SLF001
        if not isinstance(a, argparse._SubParsersAction)  # noqa: SLF001
        and a.help != argparse.SUPPRESS
    ]


def argument_name(action: argparse.Action) -> str:
    """The anchor part of an argument: its longest option string, or its name (``jobs``)."""
    if action.option_strings:
        return slug(max(action.option_strings, key=len))
    return slug(action.metavar if isinstance(action.metavar, str) else action.dest)


def argument_signature(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    """``-j N, --jobs N`` or ``DATA_DIR``, as ``--help`` shows the argument."""
    formatter = parser._get_formatter()  # noqa: SLF001 (the help's own rendering)
    return formatter._format_action_invocation(action)  # noqa: SLF001


def argument_help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    """The argument's help with ``%(default)s`` and the like filled in, as ``--help`` does."""
    if not action.help:
        return ""
    formatter = parser._get_formatter()  # noqa: SLF001
    return " ".join(formatter._expand_help(action).split())  # noqa: SLF001


class CliDirective(SphinxDirective):
    """``compbank-cli``: the command, then a section per subcommand."""

    def run(self) -> list[nodes.Node]:
        """Walk the parser into sections."""
        from compbank.cli import build_parser  # noqa: PLC0415 (imported when the page is built)

        parser = build_parser()
        top = section(self.state.document, "compbank", "cli-compbank")
        top += self.describe(parser, "compbank", describe=True)
        out: list[nodes.Node] = [top]
        for name, sub in subcommands(parser).items():
            part = section(self.state.document, f"compbank {name}", f"cli-{slug(name)}")
            part += self.describe(sub, slug(name), describe=True)
            out.append(part)
        return out

    def describe(
        self, parser: argparse.ArgumentParser, prefix: str, *, describe: bool
    ) -> list[nodes.Node]:
        """The usage, the description as laid out, and the list of arguments."""
        out: list[nodes.Node] = [text_block(parser.format_usage().strip())]
        if describe and parser.description:
            out.append(text_block(parser.description.strip()))
        items = nodes.definition_list()
        for action in arguments(parser):
            anchor = f"cli-{prefix}-{argument_name(action)}"
            items += definition_item(
                anchor,
                nodes.literal(text=argument_signature(parser, action)),
                paragraph(argument_help(parser, action)),
            )
        out.append(items)
        return out


# -- the JSON Schemas ---------------------------------------------------------------------


def schema_type(node: dict[str, Any], defs_anchor: str) -> list[nodes.Node]:
    """The type of a schema node: a JSON type, a list of them, or a link to a definition."""
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        link = nodes.reference("", "", nodes.literal(text=name), refid=f"{defs_anchor}-{name}")
        return [link]
    kind = node.get("type")
    if isinstance(kind, list):
        return [nodes.Text(" or ".join(map(str, kind)))]
    if kind == "array" and isinstance(node.get("items"), dict):
        return [nodes.Text("array of "), *schema_type(node["items"], defs_anchor)]
    if kind is None and "enum" in node:
        return [nodes.Text("string")]
    return [nodes.Text(str(kind or "any"))]


def pattern_text(pattern: str) -> str:
    """A pattern short enough to read, or what it is."""
    if len(pattern) <= LONGEST_PATTERN_SHOWN:
        return f"matches {pattern}"
    return f"matches a pattern of {len(pattern)} characters (see the schema file)"


def constraints(node: dict[str, Any]) -> list[str]:
    """The rules a schema node sets beyond its type, in words."""
    said: list[str] = []
    if "enum" in node:
        said.append("one of: " + ", ".join(map(str, node["enum"])))
    for key, words in (
        ("minimum", "at least"),
        ("maximum", "at most"),
        ("minLength", "at least {} character"),
        ("minItems", "at least {} item"),
        ("maxItems", "at most {} item"),
    ):
        if key in node:
            n = node[key]
            said.append(
                words.format(n) + ("s" if n != 1 else "") if "{}" in words else f"{words} {n}"
            )
    if node.get("uniqueItems"):
        said.append("no item twice")
    if "pattern" in node:
        said.append(pattern_text(str(node["pattern"])))
    refused = node.get("not")
    if isinstance(refused, dict) and "pattern" in refused:
        said.append("does not match " + str(refused["pattern"]).replace("\n", "\\n"))
    return said


def property_rows(node: dict[str, Any], prefix: str, defs_anchor: str) -> list[list[nodes.Node]]:
    """A table row per property of *node*, nested objects and array items flattened."""
    rows: list[list[nodes.Node]] = []
    required = set(node.get("required", ()))
    for name, child in (node.get("properties") or {}).items():
        path = f"{prefix}{name}"
        rows.append(
            [
                nodes.literal(text=path),
                paragraph(*schema_type(child, defs_anchor)),
                nodes.Text("yes" if name in required else "no"),
                nodes.Text(described(child)),
            ]
        )
        if child.get("type") == "object" and "properties" in child:
            rows += property_rows(child, f"{path}.", defs_anchor)
        items = child.get("items")
        if isinstance(items, dict) and items.get("type") == "object":
            rows += property_rows(items, f"{path}[].", defs_anchor)
    return rows


def properties_table(node: dict[str, Any], defs_anchor: str) -> nodes.table:
    """The properties of an object schema as a table."""
    return table(
        ["property", "type", "required", "meaning and rules"],
        property_rows(node, "", defs_anchor),
        [20, 15, 8, 57],
    )


class SchemasDirective(SphinxDirective):
    """``compbank-schemas``: a section per file of ``schema/``, its definitions within."""

    def run(self) -> list[nodes.Node]:
        """Read every schema and lay it out."""
        out: list[nodes.Node] = []
        for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
            self.env.note_dependency(str(path))
            schema = json.loads(path.read_text(encoding="utf-8"))
            stem = path.name.removesuffix(".schema.json")
            anchor = f"schema-{slug(stem)}"
            part = section(self.state.document, f"{schema['title']} ({path.name})", anchor)
            part += paragraph(str(schema.get("description", "")))
            part += paragraph("Identifier: ", nodes.literal(text=schema["$id"]))
            if schema.get("additionalProperties") is False:
                part += paragraph("No property beyond those listed may appear.")
            part += properties_table(schema, anchor)
            for name, definition in (schema.get("$defs") or {}).items():
                sub = section(self.state.document, f"{name} ({path.name})", f"{anchor}-{name}")
                sub += paragraph(
                    "Type: ",
                    *schema_type({k: v for k, v in definition.items() if k != "$ref"}, anchor),
                    ". " + described(definition),
                )
                if "properties" in definition:
                    sub += properties_table(definition, anchor)
                part += sub
            out.append(part)
        return out


# -- problem codes and finding kinds ------------------------------------------------------


class CodesDirective(SphinxDirective):
    """A definition list of codes: what each means and how to fix it."""

    #: The anchor prefix, and the two tables read (set by each subclass).
    prefix: ClassVar[str]

    def tables(self) -> tuple[dict[str, str], dict[str, str]]:
        """The codes with their meaning, and with how to fix them."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        """A term per code."""
        meanings, fixes = self.tables()
        items = nodes.definition_list()
        for code, meaning in meanings.items():
            if code not in fixes:
                logger.warning("%s %r has no text saying how to fix it", self.prefix, code)
            items += definition_item(
                f"{self.prefix}-{code}",
                nodes.literal(text=code),
                paragraph(nodes.strong(text="Means: "), meaning + "."),
                paragraph(nodes.strong(text="Fix: "), fixes.get(code, "")),
            )
        return [items]


class ProblemsDirective(CodesDirective):
    """``compbank-problems``: `compbank.problems.CODES` and `FIXES`."""

    prefix = "problem"

    def tables(self) -> tuple[dict[str, str], dict[str, str]]:
        """The problem codes."""
        from compbank.problems import CODES, FIXES  # noqa: PLC0415

        return CODES, FIXES


class FindingsDirective(CodesDirective):
    """``compbank-findings``: `compbank.importer.compare.FINDINGS` and `FIXES`."""

    prefix = "finding"

    def tables(self) -> tuple[dict[str, str], dict[str, str]]:
        """The import finding kinds."""
        from compbank.importer.compare import FINDINGS, FIXES  # noqa: PLC0415

        return FINDINGS, FIXES


# -- names a package re-exports -----------------------------------------------------------


class ApiDirective(SphinxDirective):
    """``compbank-api MODULE``: the module's public names, its constants and aliases too.

    automodule documents the classes and functions of ``__all__`` (or, with ``:members:``
    given, those named), but skips the constants and type aliases a package imports from
    its modules; each of those gets an autodata of its own. Used inside ``{eval-rst}``,
    since autodoc writes reStructuredText.
    """

    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"members": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """The autodoc directives for the module, parsed in place."""
        name = self.arguments[0]
        module = importlib.import_module(name)
        chosen = self.options.get("members")
        names = [n.strip() for n in chosen.split(",")] if chosen else public_names(module)
        data = [n for n in names if not callable(getattr(module, n)) or is_alias(module, n)]
        lines = [f".. automodule:: {name}", f"   :members: {', '.join(names)}"]
        if data:
            lines.append(f"   :exclude-members: {', '.join(data)}")
        lines.append("")
        for n in data:
            lines.append(f".. autodata:: {name}.{n}")
            if len(repr(getattr(module, n))) > LONGEST_VALUE_SHOWN:
                lines.append("   :no-value:")
            lines.append("")
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=name), self.content_offset, container)
        return list(container.children)


def public_names(module: ModuleType) -> list[str]:
    """The module's ``__all__``; without one, what it defines and documents, in order."""
    if hasattr(module, "__all__"):
        return list(module.__all__)
    documented = {n for _, n in ModuleAnalyzer.for_module(module.__name__).find_attr_docs()}
    return [
        n
        for n, value in vars(module).items()
        if not n.startswith("_")
        and (getattr(value, "__module__", None) == module.__name__ or n in documented)
    ]


def is_alias(module: ModuleType, name: str) -> bool:
    """Whether *name* is a type alias (``Literal[...]``, ``tuple[...]``), not a class."""
    value = getattr(module, name)
    return not isinstance(value, type) and getattr(value, "__origin__", None) is not None


def comment_of_origin(  # noqa: PLR0913, PLR0917 (autodoc-process-docstring's signature)
    app: Sphinx,  # noqa: ARG001
    what: str,
    name: str,
    obj: object,
    options: object,  # noqa: ARG001
    lines: list[str],
) -> None:
    """Give data the ``#:`` comment written where it is defined.

    autodoc finds a comment only in the module documented, not in the one a package imports
    the name from, and otherwise falls back on the docstring of the value's type (`dict`'s).
    """
    if what != "data":
        return
    short = name.rsplit(".", 1)[-1]
    for module_name, module in sorted(sys.modules.items()):
        if not module_name.startswith("compbank") or getattr(module, short, None) is not obj:
            continue
        docs = ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", short))
        if docs:
            lines[:] = list(docs)
            return
    if lines and "\n".join(lines).strip() == (type(obj).__doc__ or "").strip():
        lines.clear()


def resolve_short_name(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """Link a bare name in a signature (``WordOp``) to the one compbank object of that name.

    Type aliases named in annotations stay bare strings (``from __future__ import
    annotations``); which module Sphinx looks them up in differs between its versions.
    """
    target = str(node.get("reftarget", ""))
    if node.get("refdomain") != "py" or not target or "." in target:
        return None
    domain = env.get_domain("py")
    found = [
        name
        for name, *_ in domain.get_objects()
        if name.startswith("compbank.") and name.rsplit(".", 1)[-1] == target
    ]
    if len(found) != 1:
        return None
    return domain.resolve_xref(
        env, str(node["refdoc"]), app.builder, "obj", found[0], node, contnode
    )


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives and the autodoc hooks."""
    app.add_directive("compbank-api", ApiDirective)
    app.connect("autodoc-process-docstring", comment_of_origin)
    app.connect("missing-reference", resolve_short_name)
    app.add_directive("compbank-cli", CliDirective)
    app.add_directive("compbank-schemas", SchemasDirective)
    app.add_directive("compbank-problems", ProblemsDirective)
    app.add_directive("compbank-findings", FindingsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
