"""What the benchmark scripts share: the data sets, the fast path's switch, the tables.

Every script runs as ``python benchmarks/NAME.py``, so this folder is on ``sys.path``, and
a new script takes what it needs with ``import _common`` (and ``generate`` for data sets
of its own sizes).

``COMPBANK_NO_FAST``: where it is set (as for compbank itself, to anything but "" or "0"),
a script measures the pure-Python path only and says so, leaving the default install's
columns "n/a"; `fast_available` is the one test, `env` makes the environment of a run.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import compbank
import generate
from compbank import _schema
from compbank._paths import packaged_data_dir

if TYPE_CHECKING:
    from pathlib import Path

#: Set to anything but "" or "0" to turn the fast path (jsonschema-rs) off.
NO_FAST = _schema.NO_FAST_ENV
#: The data sets: the packaged data, then the generated ones from small to large.
SCALES = ["real", *generate.SCALES]


def fast_available() -> bool:
    """Whether the default install's fast path is here: jsonschema-rs, not turned off."""
    return _schema.fast_validator("competency") is not None


def env(*, fast: bool) -> dict[str, str]:
    """The environment of a run: this one's, with the fast path turned off unless *fast*.

    A fast run is asked for only where `fast_available`, so it keeps the environment as
    it is.
    """
    return dict(os.environ) if fast else {**os.environ, NO_FAST: "1"}


def data_set(scale: str) -> Path:
    """The data set *scale*: the packaged data, or a generated set (written when missing)."""
    if scale == "real":
        return packaged_data_dir()
    root = generate.DEFAULT_OUT / scale
    expected = generate.SCALES[scale]
    counts = tuple(
        sum(1 for _ in (root / folder).iterdir()) if (root / folder).is_dir() else 0
        for folder in ("competency_bank", "classes")
    )
    if counts != expected:
        print(f"  generating {scale} into {root}", file=sys.stderr)
        generate.generate(root, *expected)
    return root


def seconds(value: float | None) -> str:
    """``"12 ms"`` below a second, ``"1.23 s"`` from one; "n/a" for None."""
    if value is None:
        return "n/a"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def ratio(value: float | None) -> str:
    """``"0.42x"``, ``"23.3x"`` from 10; "n/a" for None."""
    if value is None:
        return "n/a"
    return f"{value:.2f}x" if value < 10 else f"{value:.1f}x"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def conditions() -> str:
    """What a figure depends on: versions, processors, the fast path, the machine's load."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    busy = f"load average {load[0]:.1f}" if load else "load average unknown"
    try:
        rs = f"jsonschema-rs {importlib.metadata.version('jsonschema-rs')}"
    except importlib.metadata.PackageNotFoundError:
        rs = "no jsonschema-rs"
    if os.environ.get(NO_FAST, "") not in ("", "0"):
        rs += f" turned off by {NO_FAST} (pure-Python figures only)"
    return (
        f"compbank {compbank.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, {rs}, {busy}"
    )


def wall_time(command: list[str]) -> float:
    """The wall-clock seconds of running *command* to its end, its output discarded."""
    start = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    return time.perf_counter() - start
