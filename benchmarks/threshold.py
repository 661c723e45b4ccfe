"""Where checking in more than one process starts to pay: one process against two, by size.

    python benchmarks/threshold.py                    # fork (where there is fork) and spawn
    python benchmarks/threshold.py --methods fork --repeat 15

For data sets of 32 to 11,000 files (the real data and sets from ``generate.py``), times
``compbank.check``'s work in this process alone and shared with one worker process started
each way, the runs taking turns; prints the least and the median time of each, and the CPU
time per file. The thresholds in ``compbank._parallel.MIN_FILES_PER_WORKER`` come from this.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from typing import TYPE_CHECKING

import generate
from _common import conditions, table
from compbank import _load, _parallel
from compbank._gc import collector_paused
from compbank._paths import packaged_data_dir

if TYPE_CHECKING:
    from pathlib import Path

#: (competencies, classes) of the data sets between the generator's scales.
SIZES = [(60, 100), (100, 400), (200, 1_000), (300, 2_000), (500, 4_000), (999, 10_000)]


def _data_sets() -> list[Path]:
    roots = [packaged_data_dir()]
    scales = {size: name for name, size in generate.SCALES.items()}
    for competencies, classes in SIZES:
        name = scales.get((competencies, classes), f"n{competencies + classes + 1}")
        root = generate.DEFAULT_OUT / name
        if not (root / "release.json").exists():
            print(f"  generating {root}", file=sys.stderr)
            generate.generate(root, competencies, classes)
        roots.append(root)
    return roots


def _check(root: Path, method: str | None) -> float:
    start = time.perf_counter()
    with collector_paused():  # the same work `check` does
        _load._run(root, keep=False, jobs=2, method=method)  # noqa: SLF001
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="One process against two, by data size.")
    available = [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()]
    parser.add_argument("--methods", nargs="+", choices=available, default=available)
    parser.add_argument("--repeat", type=int, default=9, help="rounds (default 9)")
    args = parser.parse_args(argv)
    # any size gets a worker here, so that each size is measured both ways
    _parallel.MIN_FILES_PER_WORKER.update(dict.fromkeys(_parallel.MIN_FILES_PER_WORKER, 1))
    ways: list[str | None] = [None, *args.methods]
    started = conditions()  # COMPBANK_NO_FAST, if set, holds for the checks timed here too
    rows = []
    for root in _data_sets():
        files = 1 + sum(1 for _ in root.glob("*/*.json"))
        times: dict[str | None, list[float]] = {way: [] for way in ways}
        _check(root, None)  # warm up: validators, caches
        start = time.process_time()
        _check(root, None)
        per_file = (time.process_time() - start) / files
        for i in range(args.repeat):
            for way in ways[i % len(ways) :] + ways[: i % len(ways)]:
                times[way].append(_check(root, way))
        rows.append(
            [
                f"{files:,}",
                f"{per_file * 1e6:.0f} µs",
                *(
                    f"{min(t) * 1000:.0f} / {statistics.median(t) * 1000:.0f} ms"
                    for t in times.values()
                ),
            ]
        )
    header = ["files", "CPU per file", *(f"{w or 'one process'} (least / median)" for w in ways)]
    print(f"{started}; ended with {conditions().rpartition(', ')[2]}.\n")
    print(table(header, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
