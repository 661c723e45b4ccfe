"""Time ``compbank site`` against ``compbank validate`` on the same data; print a Markdown table.

    python benchmarks/site.py                    # generates .benchmarks/ on first use
    python benchmarks/site.py --scales real medium --repeat 5

For each data set (the packaged data, and generate.py's small, medium and large sets), as
whole processes, taking turns so that a busy machine slows both alike:

- ``compbank validate DIR``, as installed by ``pip install compbank`` (jsonschema alone,
  ``COMPBANK_NO_FAST=1``) and with the fast extra where jsonschema-rs is installed;
- ``compbank site --data DIR --out OUT --force``: loading (and so validating) the data,
  every page, the search and compare data, and every download (the CSV, SQLite and CASE
  exports, the JSON files, two zip files), written to a folder beside the data set;

then the site's pages, files and size, and the ratio of the build to each validate.
Times are medians of --repeat runs. The goal: a build at most 10x validate at medium.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compbank  # noqa: E402
import generate  # noqa: E402 (the generator beside this file)
from compbank._paths import packaged_data_dir  # noqa: E402

NO_FAST = "COMPBANK_NO_FAST"


def _data_set(scale: str) -> Path:
    """The data set *scale*: the packaged data, or a generated set (made when missing)."""
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
        shutil.rmtree(root, ignore_errors=True)
        generate.generate(root, *expected)
    return root


def _has_fast() -> bool:
    try:
        import jsonschema_rs  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def _timed(argv: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _bench(name: str, root: Path, repeat: int, fast: bool) -> list[str]:
    out = generate.DEFAULT_OUT / f"{name}-site"
    out.parent.mkdir(parents=True, exist_ok=True)
    compbank_cmd = [sys.executable, "-m", "compbank"]
    validate = [*compbank_cmd, "validate", str(root)]
    site = [*compbank_cmd, "site", "--data", str(root), "--out", str(out), "--force"]
    runs: dict[str, list[float]] = {"default": [], "fast": [], "site": []}
    for _ in range(repeat):  # taking turns
        runs["default"].append(_timed(validate, {NO_FAST: "1"}))
        if fast:
            runs["fast"].append(_timed(validate))
        runs["site"].append(_timed(site))
    median = {k: statistics.median(v) for k, v in runs.items() if v}
    files = [p for p in out.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    size = sum(p.stat().st_size for p in files) / 1e6
    data_files = sum(1 for _ in root.glob("*/*.json")) + 1
    return [
        name,
        f"{data_files:,}",
        _seconds(median["default"]),
        _seconds(median["fast"]) if fast else "n/a",
        _seconds(median["site"]),
        f"{pages:,} / {len(files):,} / {size:.1f} MB",
        f"{median['site'] / median['default']:.1f}x",
        f"{median['site'] / median['fast']:.1f}x" if fast else "n/a",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time compbank site; print a Markdown table.")
    parser.add_argument(
        "--scales",
        nargs="+",
        choices=["real", *generate.SCALES],
        default=["real", *generate.SCALES],
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per median (default 3)")
    args = parser.parse_args(argv)
    fast = _has_fast()
    rows = [_bench(scale, _data_set(scale), args.repeat, fast) for scale in args.scales]
    header = [
        "data set",
        "data files",
        "`validate` default",
        "`validate` fast",
        "`site`",
        "pages / files / size",
        "site ÷ validate default",
        "site ÷ validate fast",
    ]
    print(
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, compbank {compbank.__version__}; "
        f"medians of {args.repeat} runs\n"
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(" --- " for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
