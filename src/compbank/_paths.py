"""Where the packaged data and schemas are."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path


@functools.cache
def packaged_root() -> Path:
    """The folder holding the packaged ``data/`` and ``schema/``.

    In a wheel they are copied to ``compbank/_packaged/``; in a source checkout installed in
    editable mode they are the repository's own folders.
    """
    packaged = Path(str(resources.files("compbank"))) / "_packaged"
    if (packaged / "schema").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "schema").is_dir() and (checkout / "data").is_dir():
        return checkout
    raise RuntimeError(f"compbank is installed without its data: {packaged} is missing")


def packaged_data_dir() -> Path:
    """The data directory shipped with the package."""
    return packaged_root() / "data"


def schema_dir() -> Path:
    """The folder of the JSON Schemas this version of the library understands."""
    return packaged_root() / "schema"
