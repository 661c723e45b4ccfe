"""Time compbank against the parse floor and check-jsonschema; print a Markdown table.

    python benchmarks/run.py              # generates .benchmarks/ on first use
    python benchmarks/run.py --scales real small --repeat 3

For each data set, on the same files:

- floor: list the two folders, read every data file and ``json.loads`` it, in-process;
- ``compbank.load(path)`` in-process, with the default install (jsonschema only, as with
  ``COMPBANK_NO_FAST=1``) and with the fast extra (jsonschema-rs), each with its ratio to
  the floor, and the peak memory (peak RSS) of a process that does only that;
- ``compbank validate PATH`` as a whole process ("n/a" where this compbank has no such
  command), and ``check-jsonschema`` as whole processes, one per schema (bank files, class
  files, release.json), as a CI job would run it;

and ``python -c "import compbank"`` against ``python -c "import attrs"``.

Times are medians of --repeat runs (an in-process run follows one warm-up load).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compbank  # noqa: E402
import generate  # noqa: E402 (the generator beside this file)
from compbank._paths import packaged_data_dir, schema_dir  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

NO_FAST = "COMPBANK_NO_FAST"


def _data_files(root: Path) -> dict[str, list[str]]:
    """The files each schema checks: bank files, class files, release.json."""
    files: dict[str, list[str]] = {}
    for folder, kind in (("competency_bank", "competency"), ("classes", "job-class")):
        with os.scandir(root / folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".json"))
        files[kind] = [str(root / folder / name) for name in names]
    files["release"] = [str(root / "release.json")]
    return files


def _floor(root: Path) -> None:
    """What every loader must do at least: list, read and parse every data file."""
    for folder in ("competency_bank", "classes"):
        directory = root / folder
        with os.scandir(directory) as entries:
            names = sorted(e.name for e in entries)
        for name in names:
            with (directory / name).open("rb") as f:
                json.loads(f.read())
    with (root / "release.json").open("rb") as f:
        json.loads(f.read())


def _median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _load(root: Path, *, fast: bool) -> Callable[[], object]:
    def run() -> object:
        if fast:
            os.environ.pop(NO_FAST, None)
        else:
            os.environ[NO_FAST] = "1"
        try:
            return compbank.load(root)
        finally:
            os.environ.pop(NO_FAST, None)

    return run


def _process(argv: list[str], env: dict[str, str] | None = None) -> Callable[[], object]:
    def run() -> object:
        done = subprocess.run(
            argv, env={**os.environ, **(env or {})}, capture_output=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{argv[:4]} exited {done.returncode}: {done.stderr[-500:]!r}")
        return done

    return run


# The peak resident memory of the process that loads. On Linux, ru_maxrss would also count
# what the parent held when it forked (it survives exec); VmHWM belongs to the new program.
_PEAK = """
import resource, sys
import compbank
compbank.load(sys.argv[1])
try:
    with open("/proc/self/status") as f:
        kib = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
except OSError:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
print(kib)
"""


def _peak_mb(root: Path, *, fast: bool) -> float:
    env = {} if fast else {NO_FAST: "1"}
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(root)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout) / 1024


def _has_fast() -> bool:
    try:
        import jsonschema_rs  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def _has_validate() -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "compbank", "validate", "--help"],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _check_jsonschema() -> str | None:
    beside = Path(sys.executable).parent / "check-jsonschema"
    return str(beside) if beside.exists() else shutil.which("check-jsonschema")


def _check_jsonschema_runs(root: Path, tool: str) -> list[Callable[[], object]]:
    return [
        _process([tool, "--schemafile", str(schema_dir() / f"{kind}.schema.json"), *files])
        for kind, files in _data_files(root).items()
    ]


def _seconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _ratio(value: float | None, base: float | None) -> str:
    if value is None or not base:
        return "n/a"
    return f"{value / base:.2f}x" if value / base < 10 else f"{value / base:.1f}x"


def _bench_data_set(name: str, root: Path, repeat: int, tools: dict[str, object]) -> list[str]:
    files = sum(len(f) for f in _data_files(root).values())
    print(f"  {name}: {files} files in {root}", file=sys.stderr)
    _load(root, fast=False)()  # warm up: imports, validators, caches
    floor = _median_time(lambda: _floor(root), max(repeat, 5))
    default = _median_time(_load(root, fast=False), repeat)
    fast = _median_time(_load(root, fast=True), repeat) if tools["fast"] else None
    peak_default = _peak_mb(root, fast=False)
    peak_fast = _peak_mb(root, fast=True) if tools["fast"] else None
    validate = validate_default = None
    if tools["validate"]:
        command = [sys.executable, "-m", "compbank", "validate", str(root)]
        validate_default = _median_time(_process(command, {NO_FAST: "1"}), repeat)
        validate = _median_time(_process(command), repeat) if tools["fast"] else None
    cj = None
    if isinstance(tools["check-jsonschema"], str):
        runs = _check_jsonschema_runs(root, tools["check-jsonschema"])
        cj = sum(_median_time(run, repeat) for run in runs)
    peaks = f"{peak_default:.0f} / {peak_fast:.0f} MB" if peak_fast else f"{peak_default:.0f} MB"
    return [
        name,
        f"{files:,}",
        _seconds(floor),
        f"{_seconds(default)} ({_ratio(default, floor)})",
        f"{_seconds(fast)} ({_ratio(fast, floor)})" if fast else "n/a",
        peaks,
        f"{_seconds(validate_default)} / {_seconds(validate)}",
        _seconds(cj),
        f"{_ratio(validate_default, cj)} / {_ratio(validate, cj)}",
    ]


def _bench_import(repeat: int) -> list[list[str]]:
    # the two commands take turns, so that a busy moment of the machine slows both alike
    modules = ("attrs", "compbank")
    times: dict[str, list[float]] = {m: [] for m in modules}
    for _ in range(repeat):
        for module in modules:
            run = _process([sys.executable, "-c", f"import {module}"])
            start = time.perf_counter()
            run()
            times[module].append(time.perf_counter() - start)
    base = statistics.median(times["attrs"])
    return [
        [
            f'`python -c "import {m}"`',
            _seconds(statistics.median(times[m])),
            _ratio(statistics.median(times[m]), base),
        ]
        for m in modules
    ]


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _data_set(scale: str) -> Path:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark compbank; print a Markdown table.")
    parser.add_argument(
        "--scales",
        nargs="+",
        choices=["real", *generate.SCALES],
        default=["real", *generate.SCALES],
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per median (default 5)")
    args = parser.parse_args(argv)
    tools: dict[str, object] = {
        "fast": _has_fast(),
        "validate": _has_validate(),
        "check-jsonschema": _check_jsonschema(),
    }
    print(f"tools: {tools}", file=sys.stderr)
    rows = [_bench_data_set(scale, _data_set(scale), args.repeat, tools) for scale in args.scales]
    header = [
        "data set",
        "files",
        "floor",
        "load, default (x floor)",
        "load, fast (x floor)",
        "peak RSS default / fast",
        "`compbank validate` default / fast",
        "check-jsonschema",
        "validate ÷ check-jsonschema, default / fast",
    ]
    print(
        f"compbank {compbank.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs; medians of {args.repeat} runs\n"
    )
    print(_table(header, rows))
    print()
    print(_table(["command", "time", "x import attrs"], _bench_import(max(args.repeat * 6, 30))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
