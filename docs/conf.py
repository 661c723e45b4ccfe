"""Sphinx configuration of compbank's documentation: Sphinx, the furo theme, MyST Markdown.

Built with warnings as errors (``sphinx-build -W --keep-going -n docs OUT``, which
``tests/test_docs.py`` runs): a broken cross-reference or a missing page fails the build.
The reference pages are generated from the code by ``_ext/compbank_reference.py`` and
autodoc, never written by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

import compbank

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "compbank"
author = "compbank maintainers"
copyright = "compbank maintainers"  # noqa: A001 (Sphinx's name for it)
release = compbank.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # the docstrings are Google style (ruff's pydocstyle convention)
    "compbank_reference",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
# commands and options are quoted as typed: no curly quotes or dashes
smartquotes = False
# fenced ::: directives, definition lists, and anchors on headings for links between pages
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
# without intersphinx (the docs build offline) the standard library's and the dependencies'
# types cannot be linked; compbank's own names must resolve
nitpick_ignore_regex = [
    ("py:.*", r"(os|io|re|sqlite3|pathlib|typing|collections\.abc|datetime|argparse)\..*"),
    ("py:.*", r"(attrs|attr|cattrs|jsonschema|jinja2|tqdm)\..*"),
    ("py:class", r"(Path|PurePath|Any|Callable|Iterable|Iterator|Mapping|Sequence|Literal)"),
    ("py:class", r"(str|int|bool|bytes|float|dict|list|tuple|set|frozenset|type|object)"),
    ("py:class", r"(None|NoneType|Exception|ValueError|OSError)"),
]

html_theme = "furo"
html_title = f"compbank {release}"
