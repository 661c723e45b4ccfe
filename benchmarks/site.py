"""Time ``compbank site`` against ``compbank validate`` on the same data; print a Markdown table.

    python benchmarks/site.py                    # generates .benchmarks/ on first use
    python benchmarks/site.py --scales real medium --repeat 5

For each data set (the packaged data, and generate.py's small, medium and large sets), as
whole processes, taking turns so that a busy machine slows both alike:

- ``compbank validate DIR``, as installed by ``pip install compbank`` (with jsonschema-rs,
  where it publishes wheels) and with the pure-Python fallback (``COMPBANK_NO_FAST=1``);
- ``compbank site --data DIR --out OUT``: loading (and so validating) the data, every
  page, the search and compare data, and every download (the CSV, SQLite and CASE exports,
  the JSON files, two zip files), each run into a new folder beside the data set, all
  removed at the end; with --replace, each run replaces the one before (``--force``).

then the site's pages, files and size, and the ratio of the build to each validate.
Times are medians of --repeat runs, in wall-clock time; the CPU time of the build (user
and system, of the process and the one it forks for the downloads) is given beside it,
since on a shared machine the wall-clock time also counts waiting for a core. The goal:
a build at most 10x validate at medium. With ``COMPBANK_NO_FAST`` set, the build runs
pure-Python too and only the pure columns are measured.

Why new folders by default: on an ext4 file system without a journal (as on the machines
this project is developed on), creating a file skips, one by one, the inodes of its block
group deleted in the last one to six minutes, so files created soon after thousands were
deleted cost many times the system time. A build replacing the site built just before
measures that more than itself (--replace shows it), and so does a run started within
minutes of the last one, which removed its sites at the end: leave a few minutes between.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import _common
import generate
from _common import conditions, data_set, fast_available, seconds, table

if TYPE_CHECKING:
    from pathlib import Path


def _cpu() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime, usage.ru_stime


def _timed(argv: list[str], *, fast: bool) -> tuple[float, float, float]:
    """The wall-clock, user CPU and system CPU seconds of running *argv* to its end."""
    user, system = _cpu()
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=_common.env(fast=fast))
    wall = time.perf_counter() - start
    user_after, system_after = _cpu()
    return wall, user_after - user, system_after - system


#: Where the sites are built, removed at the end.
SITES = generate.DEFAULT_OUT / "sites"


def _bench(name: str, root: Path, repeat: int, *, fast: bool, replace: bool) -> list[str]:
    compbank_cmd = [sys.executable, "-m", "compbank"]
    validate = [*compbank_cmd, "validate", str(root)]
    runs: dict[str, list[float]] = {"pure": [], "default": [], "site": [], "user": [], "sys": []}
    for n in range(repeat):  # taking turns
        runs["pure"].append(_timed(validate, fast=False)[0])
        if fast:
            runs["default"].append(_timed(validate, fast=True)[0])
        out = SITES / (name if replace else f"{name}-{n}")
        site = [*compbank_cmd, "site", "--data", str(root), "--out", str(out), "--force"]
        wall, user, system = _timed(site, fast=fast)
        runs["site"].append(wall)
        runs["user"].append(user)
        runs["sys"].append(system)
    median = {k: statistics.median(v) for k, v in runs.items() if v}
    files = [p for p in out.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    size = sum(p.stat().st_size for p in files) / 1e6
    data_files = sum(1 for _ in root.glob("*/*.json")) + 1
    return [
        name,
        f"{data_files:,}",
        seconds(median["default"]) if fast else "n/a",
        seconds(median["pure"]),
        seconds(median["site"]),
        f"{seconds(median['user'])} + {seconds(median['sys'])}",
        f"{pages:,} / {len(files):,} / {size:.1f} MB",
        f"{median['site'] / median['default']:.1f}x" if fast else "n/a",
        f"{median['site'] / median['pure']:.1f}x",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time compbank site; print a Markdown table.")
    parser.add_argument(
        "--scales",
        nargs="+",
        choices=_common.SCALES,
        default=_common.SCALES,
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per median (default 3)")
    parser.add_argument(
        "--replace", action="store_true", help="build each site over the one before (--force)"
    )
    args = parser.parse_args(argv)
    fast = fast_available()
    started = conditions()  # the machine may be shared: say how busy it was
    SITES.mkdir(parents=True, exist_ok=True)
    try:
        rows = [
            _bench(scale, data_set(scale), args.repeat, fast=fast, replace=args.replace)
            for scale in args.scales
        ]
    finally:
        shutil.rmtree(SITES)
    print(
        f"Started with {started}; ended with {conditions().rpartition(', ')[2]}. Medians of "
        f"{args.repeat} runs, each build "
        f"{'replacing the one before' if args.replace else 'into a new folder'}; the build "
        f"{'as installed' if fast else 'pure-Python'}.\n"
    )
    header = [
        "data set",
        "data files",
        "`validate`",
        "`validate`, pure",
        "`site`",
        "`site` CPU, user + system",
        "pages / files / size",
        "site ÷ validate",
        "site ÷ validate, pure",
    ]
    print(table(header, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
