"""The examples in the docstrings of `compbank` run, and print what they show.

Each module's examples run as written for a reader at the repository's root: in a folder
holding a copy of the repository's ``data/`` and ``CHANGELOG.md``, committed to a git
repository of its own (the diff's examples read a revision), whatever folder the tests were
started from (and so that an example that writes a file writes it there, not into the
repository). They see
``compbank`` imported, and ``bank = compbank.load()`` as the `compbank.Bank` example makes it
(the examples of its methods use that ``bank``).
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

import compbank
from conftest import DATA, REPO

if TYPE_CHECKING:
    from pathlib import Path

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(compbank.__path__, "compbank.")
    if not m.name.endswith("__main__")  # running it is the command line
)


def _examples(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    context = {"compbank": compbank, "bank": compbank.load()}
    tests = doctest.DocTestFinder().find(module, extraglobs=context)
    return [t for t in tests if t.examples]


#: The modules with examples, each a test case: a module without any would pass, checking
#: nothing, and count as a case all the same.
WITH_EXAMPLES = [name for name in MODULES if _examples(name)]


def _commit(folder: Path) -> None:
    """Make *folder* a git repository with its files committed."""
    identity = ("-c", "user.name=compbank", "-c", "user.email=compbank@example.invalid")
    for args in (("init", "-q"), ("add", "-A"), (*identity, "commit", "-q", "-m", "data")):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_show_what_they_print(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tests = _examples(name)
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copy(REPO / "CHANGELOG.md", tmp_path)
    if any("git_revision" in e.source for t in tests for e in t.examples):
        _commit(tmp_path)
    monkeypatch.chdir(tmp_path)
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test, out=report.write)
    assert runner.failures == 0, report.getvalue()
    assert runner.tries > 0  # a case runs examples


def test_the_examples_are_many_and_found() -> None:
    counted = {name: sum(len(t.examples) for t in _examples(name)) for name in MODULES}
    assert sum(counted.values()) >= 30
    for name in ("compbank._text", "compbank.diff", "compbank.importer", "compbank._load"):
        assert counted[name] > 0, name
