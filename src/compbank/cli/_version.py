"""``compbank --version``: the code's version and the packaged data's release.

The two are separate (as tzdata keeps ``IANA_VERSION`` beside ``__version__``): a bug fix
changes the code, a corrected text the data. Only the standard library is imported, and
``data/release.json`` is read only when ``--version`` is asked for.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, NoReturn

from compbank._paths import packaged_data_dir
from compbank._version import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence


def version_text() -> str:
    """``compbank 0.1.0, data 1.0.0 (released 2026-11-22)``, or why the data's is unknown.

    >>> version_text().startswith(f"compbank {__version__}, data ")
    True
    """
    release = packaged_data_dir() / "release.json"
    try:
        document = json.loads(release.read_bytes())
        return (
            f"compbank {__version__}, "
            f"data {document['data_version']} (released {document['released']})"
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        # a broken installation still says the code's version, and what is wrong with the data
        return f"compbank {__version__}, data unknown ({release}: {e})"


class VersionAction(argparse.Action):
    """An ``argparse`` action that prints `version_text` and exits 0, like ``version``."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        help: str | None = None,  # noqa: A002 (argparse's own keyword)
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,  # noqa: ARG002 (argparse's signature)
        values: str | Sequence[object] | None,  # noqa: ARG002
        option_string: str | None = None,  # noqa: ARG002
    ) -> NoReturn:
        print(version_text(), file=sys.stdout)
        parser.exit()
