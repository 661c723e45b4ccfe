"""The bank and the class models as a static website: browse, search, compare and print.

>>> from pathlib import Path
>>> from compbank.site import build_site
>>> build_site(compbank.load(), Path("compbank-1.0.0-site"))  # the number of pages written
36

The site is one more reporter over a loaded `Bank`: a page per class (laid out like the
published model, and printed like it), a page per competency, the list of each, a compare
page and a search page that work opened from disk (no server), and the downloads of the
data (the CSV, SQLite and CASE exports and the JSON files). It is plain files: every link is
relative, nothing is fetched from another host, and the same data gives the same bytes (the
SQLite download: with the same SQLite version).

Pages are rendered by Jinja2 (autoescape on) from the templates in ``templates/``, one base
layout and one template per kind of page; ``static/`` holds the styles and scripts. Jinja2
is the ``site`` extra (``pip install 'compbank[site]'``); `build_site` says so when it is
missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compbank import _atomic

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from compbank._bank import Bank

__all__ = ["GENERATOR", "INSTALL", "build_site", "default_name", "write_site"]

#: The command that installs what building a site needs.
INSTALL = "pip install 'compbank[site]'"
#: The ``generator`` of every page; it tells a site this command made from any other folder.
GENERATOR = "compbank site"


def default_name(data_version: str) -> str:
    """The folder a site is written to when none is given.

    >>> default_name("1.0.0")
    'compbank-1.0.0-site'
    """
    return f"compbank-{data_version}-site"


def _not_a_site(path: Path) -> str | None:
    """Why the existing folder *path* is not a site this command made (None if it is)."""
    index = path / "index.html"
    if not index.is_file() or index.is_symlink():
        return "is not a compbank site (no index.html)"
    with index.open("rb") as f:
        head = f.read(4096)
    if f'<meta name="generator" content="{GENERATOR}">'.encode() not in head:
        return "is not a compbank site (its index.html was not written by compbank site)"
    return None


def write_site(
    bank: Bank,
    directory: Path,
    *,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
) -> int:
    """Write the site of *bank* into the existing, empty *directory*; return its page count.

    *progress*, if given, wraps the pages as they are written (``progress(pages, total)``
    yields them), to show how far the build is.

    Raises:
        ModuleNotFoundError: Jinja2 is not installed (the message gives `INSTALL`).
    """
    from compbank.site import _build  # noqa: PLC0415 (imports Jinja2)

    return _build.write(bank, directory, progress=progress)


def build_site(
    bank: Bank,
    path: Path,
    *,
    force: bool = False,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
) -> int:
    """Write the site of *bank* to the folder *path*, atomically; return its page count.

    The site is built beside *path* and then moved into place. An existing *path* is
    replaced only with *force*, and only if it is a site this command made.

    Raises:
        FileExistsError: *path* exists and *force* is false, or it is not a compbank site.
        FileNotFoundError: the folder *path* would go in does not exist.
        ModuleNotFoundError: Jinja2 is not installed (the message gives `INSTALL`).
    """
    from compbank.site import _build  # noqa: PLC0415

    _build.environment()  # a missing Jinja2 is said before anything is touched
    _atomic.check_destination(path, force=force, directory=True, own=_not_a_site)
    pages: list[int] = []
    _atomic.write_directory(
        path, lambda tmp: pages.append(write_site(bank, tmp, progress=progress))
    )
    return pages[0]
