"""Time compbank against the parse floor, ajv-cli and check-jsonschema; print Markdown tables.

    python benchmarks/run.py              # every data set; generates .benchmarks/ on first use
    python benchmarks/run.py --scales real large --repeat 3

For each data set, on the same files:

- in-process: the floor (list the two folders, read every data file and ``json.loads`` it),
  ``compbank.load(path)`` as installed by default (jsonschema-rs where it has wheels) and
  its pure-Python fallback (``COMPBANK_NO_FAST=1``: jsonschema), each with its ratio to the
  floor, taking turns; and the peak memory of a fresh process that loads the data;
- whole processes, taking turns: ``compbank validate`` by default, in one process
  (``--jobs 1``) and pure-Python; ajv-cli (installed with npm into a temporary folder, when
  npm is there) and check-jsonschema, each run once per schema (bank files, class files,
  release.json) as a CI job would run them, their times added up; and the peak memory of
  ``compbank validate`` with its worker processes;
- where the time goes: the CPU time of each step of loading, one after the other in one
  process (read, parse, schema with either validator, structure, the checks of one record,
  the checks across records, the `Bank`);

then ``python -c "import compbank"`` against ``python -c "import attrs"``, and how the
measured figures stand against the goals. Times are medians of --repeat rounds; a ratio is
the median of the ratios within each round (steadier than a ratio of medians while the
machine is busy with other work).
"""

from __future__ import annotations

import argparse
import ast
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import _common
import compbank
from _common import NO_FAST, conditions, data_set, fast_available, ratio, seconds, table
from compbank import _checks, _read, _schema, _structure
from compbank._paths import schema_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from compbank._schema import Kind

HERE = Path(__file__).resolve().parent
KINDS: dict[str, Kind] = {"competency_bank": "competency", "classes": "job-class"}
#: The goals this table is read against (benchmarks/README.md, "Goals").
GOALS = {
    "validate ÷ ajv-cli at 11,000 files": 0.8,
    "validate ÷ ajv-cli on the real data": 0.5,
    "load ÷ floor at 11,000 files": 4.0,
    "peak memory (MB)": 150.0,
}


def _data_files(root: Path) -> dict[Kind, list[str]]:
    """The files each schema checks: bank files, class files, release.json."""
    files: dict[Kind, list[str]] = {}
    for folder, kind in KINDS.items():
        with os.scandir(root / folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".json"))
        files[kind] = [str(root / folder / name) for name in names]
    files["release"] = [str(root / "release.json")]
    return files


def _floor(root: Path) -> None:
    """What every loader must do at least: list, read and parse every data file."""
    for folder in KINDS:
        directory = root / folder
        with os.scandir(directory) as entries:
            names = sorted(e.name for e in entries)
        for name in names:
            with (directory / name).open("rb") as f:
                json.loads(f.read())
    with (root / "release.json").open("rb") as f:
        json.loads(f.read())


def _load(root: Path, *, fast: bool) -> Callable[[], object]:
    """`compbank.load` with the fast path, or turned off; the environment kept as it was."""

    def run() -> object:
        before = os.environ.get(NO_FAST)
        if not fast:
            os.environ[NO_FAST] = "1"
        try:
            return compbank.load(root)
        finally:
            if before is None:
                os.environ.pop(NO_FAST, None)
            else:
                os.environ[NO_FAST] = before

    return run


def _commands(argvs: list[list[str]], *, fast: bool = True) -> Callable[[], object]:
    """Run each command in turn, as whole processes; fail loudly if one fails."""

    def run() -> object:
        for argv in argvs:
            done = subprocess.run(
                argv, env=_common.env(fast=fast), capture_output=True, check=False
            )
            if done.returncode != 0:
                msg = f"{argv[:4]} exited {done.returncode}: {done.stderr[-500:]!r}"
                raise RuntimeError(msg)
        return None

    return run


class _Turns(dict[str, float]):
    """The median time of each run; `ratio` compares two runs round by round."""

    def __init__(self, rounds: dict[str, list[float]]) -> None:
        super().__init__({name: statistics.median(t) for name, t in rounds.items()})
        self.rounds = rounds

    def ratio(self, a: str, b: str) -> float | None:
        """The median of a's time over b's in the same round (steadier on a busy machine)."""
        if a not in self.rounds or b not in self.rounds:
            return None
        pairs = zip(self.rounds[a], self.rounds[b], strict=True)
        return statistics.median(x / y for x, y in pairs)


def _take_turns(runs: dict[str, Callable[[], object]], repeat: int) -> _Turns:
    """Time each run *repeat* times, the runs taking turns so that a busy spell hits all."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for i in range(repeat):
        names = list(runs)
        names = names[i % len(names) :] + names[: i % len(names)]  # no one always first
        for name in names:
            start = time.perf_counter()
            runs[name]()
            times[name].append(time.perf_counter() - start)
    return _Turns(times)


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


def _peak_load_mb(root: Path, *, fast: bool) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(root)],
        env=_common.env(fast=fast),
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout) / 1024


def _tree(pid: int) -> Iterator[int]:
    """*pid* and its descendants (Linux)."""
    yield pid
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                yield from _tree(int(child))
    except OSError:
        return


def _peak_kib(pid: int) -> int:
    """The peak resident size of process *pid* since it started its program (Linux)."""
    try:
        with open(f"/proc/{pid}/status") as f:  # noqa: PTH123
            return next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), 0)
    except OSError:
        return 0


def _peak_tree_mb(argv: list[str], *, fast: bool) -> float:
    """The peak memory of a command and the processes it starts: their peaks added.

    On Linux, each process's own peak (VmHWM) is sampled every 2 ms until it ends; their sum
    is an upper bound (the peaks need not coincide, and pages a forked worker shares with
    its parent count twice). Elsewhere, the largest single process's peak.
    """
    process = subprocess.Popen(
        argv, env=_common.env(fast=fast), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if not sys.platform.startswith("linux") or not hasattr(os, "wait4"):
        import resource  # noqa: PLC0415 (POSIX only)

        _succeeded(argv, process.wait())
        return float(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024 / 1024
    peaks: dict[int, int] = {}
    while True:
        ended, status, _ = os.wait4(process.pid, os.WNOHANG)
        if ended:
            break
        for pid in _tree(process.pid):
            peaks[pid] = max(peaks.get(pid, 0), _peak_kib(pid))
        time.sleep(0.002)
    process.returncode = os.waitstatus_to_exitcode(status)
    _succeeded(argv, process.returncode)
    return sum(peaks.values()) / 1024


def _succeeded(argv: list[str], code: int) -> None:
    """Raise unless the command measured exited 0 (a failed run measures nothing)."""
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {code}")


def _check_jsonschema() -> str | None:
    beside = Path(sys.executable).parent / "check-jsonschema"
    return str(beside) if beside.exists() else shutil.which("check-jsonschema")


def _npm_pins() -> dict[str, str]:
    """The npm packages the tests pin (``tests/tools.py``), read without importing the tests."""
    tree = ast.parse((HERE.parent / "tests" / "tools.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "NPM_PACKAGES" for t in targets):
                pins: dict[str, str] = ast.literal_eval(node.value)
                return pins
    raise LookupError("tests/tools.py pins no NPM_PACKAGES")


def _install_ajv(folder: Path) -> str | None:
    """Install ajv-cli and ajv-formats with npm into *folder*; the ``ajv`` command, or None."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        print("  note: npm or node is not installed; ajv-cli is left out", file=sys.stderr)
        return None
    pins = _npm_pins()
    packages = [f"{name}@{pins[name]}" for name in ("ajv", "ajv-cli", "ajv-formats")]
    done = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--prefix",
            str(folder),
            *packages,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    ajv = folder / "node_modules" / ".bin" / "ajv"
    if done.returncode != 0 or not ajv.exists():
        tail = done.stderr.strip()[-300:]
        print(f"  note: npm could not install ajv-cli ({tail}); it is left out", file=sys.stderr)
        return None
    return str(ajv)


def _peer_runs(root: Path, ajv: str | None, cj: str | None) -> dict[str, Callable[[], object]]:
    """ajv-cli and check-jsonschema over the same files, one run per schema."""
    files = _data_files(root)
    runs: dict[str, Callable[[], object]] = {}
    if ajv is not None:
        patterns = {
            "competency": [str(root / "competency_bank" / "*.json")],
            "job-class": [str(root / "classes" / "*.json")],
            "release": files["release"],
        }
        runs["ajv-cli"] = _commands(
            [
                [
                    *(ajv, "validate", "--spec=draft2020", "-c", "ajv-formats"),
                    *("-s", str(schema_dir() / f"{kind}.schema.json"), "-d", pattern),
                ]
                for kind, (pattern,) in patterns.items()
            ]
        )
    if cj is not None:
        runs["check-jsonschema"] = _commands(
            [
                [cj, "--schemafile", str(schema_dir() / f"{kind}.schema.json"), *paths]
                for kind, paths in files.items()
            ]
        )
    return runs


def _cpu(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = run()
    return time.process_time() - start, result


def _steps(root: Path) -> dict[str, float]:
    """The CPU seconds of each step of loading *root*, run one after the other, in one process."""
    from compbank._bank import Bank, resolve_class  # noqa: PLC0415

    files = [(n, kind) for kind, names in _data_files(root).items() for n in names]
    sources = frozenset(p.name for p in (root / "sources").iterdir())
    for kind in ("competency", "job-class", "release"):  # built before timing
        _schema.validator(kind)
        _schema.fast_validator(kind)
    enabled = gc.isenabled()
    gc.disable()  # as while loading
    try:
        cost: dict[str, float] = {}
        cost["read"], raws = _cpu(lambda: [_read.read_bytes(n, n)[0] for n, _ in files])
        cost["parse"], docs = _cpu(
            lambda: [_read.parse_bytes(raw, n)[0] for raw, (n, _) in zip(raws, files, strict=True)]
        )
        pairs = list(zip(files, raws, docs, strict=True))
        if fast_available():
            cost["schema, jsonschema-rs"], _ = _cpu(
                lambda: [_schema.check_schema(k, d, n, raw) for (n, k), raw, d in pairs]
            )
        cost["schema, jsonschema"], _ = _cpu(
            lambda: [_schema.check_schema(k, d, n) for (n, k), _, d in pairs]
        )
        cost["text rule (NFC, astral)"], _ = _cpu(
            lambda: [_checks.check_texts(k, d, n, raw) for (n, k), raw, d in pairs]
        )
        cost["structure"], records = _cpu(
            lambda: [_structure.structure(k, d, n)[0] for (n, k), _, d in pairs]
        )
        cost["checks of one record"], _ = _cpu(
            lambda: [
                (
                    _checks.check_file_name(n, d),
                    _checks.check_sources(n, d, sources),
                    _checks.check_note_paths({n: d}),
                )
                for (n, k), _, d in pairs
                if k != "release"
            ]
        )
        bank = [(n, d) for (n, k), _, d in pairs if k == "competency"]
        classes = [(n, d) for (n, k), _, d in pairs if k == "job-class"]

        def across() -> None:
            _checks.check_unique(
                [(n, d["number"], (d["name"], *d["aliases"])) for n, d in bank],
                [(n, d["code"]) for n, d in classes],
            )
            _checks.check_requirements(
                [(n, [r["competency"] for r in d["requirements"]]) for n, d in classes],
                {d["number"] for _, d in bank},
            )

        cost["checks across records"], _ = _cpu(across)
        by_kind = {
            k: [r for (_, kk), r in zip(files, records, strict=True) if kk == k]
            for k in KINDS.values()
        }

        def make_bank() -> Bank:
            competencies = {c.number: c for c in by_kind["competency"]}
            shared: dict[int, Any] = {}
            return Bank(
                competencies.values(),
                (resolve_class(jc, competencies, shared) for jc in by_kind["job-class"]),
                data_version="1",
                released="2026-01-01",
                path=root,
            )

        cost["`Bank`"], _ = _cpu(make_bank)
    finally:
        if enabled:
            gc.enable()
    return cost


class _Results:
    """Every figure of one data set."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.root = root
        self.files = sum(len(f) for f in _data_files(root).values())
        self.load = _Turns({})
        self.whole = _Turns({})
        self.memory: dict[str, float] = {}
        self.steps: dict[str, float] = {}


def _bench(name: str, repeat: int, ajv: str | None, cj: str | None) -> _Results:
    root = data_set(name)
    r = _Results(name, root)
    print(f"  {name}: {r.files} files in {root}", file=sys.stderr)
    fast = fast_available()
    _load(root, fast=False)()  # warm up: imports, validators, caches
    if fast:
        _load(root, fast=True)()
    in_process: dict[str, Callable[[], object]] = {"floor": lambda: _floor(root)}
    if fast:
        in_process["load"] = _load(root, fast=True)
    in_process["load, pure"] = _load(root, fast=False)
    r.load = _take_turns(in_process, max(repeat, 5))
    validate = [sys.executable, "-m", "compbank", "validate", str(root)]
    whole: dict[str, Callable[[], object]] = {}
    if fast:
        whole["validate"] = _commands([validate])
        whole["validate -j 1"] = _commands([[*validate, "--jobs", "1"]])
    whole["validate, pure"] = _commands([validate], fast=False)
    whole.update(_peer_runs(root, ajv, cj))
    r.whole = _take_turns(whole, repeat)
    if fast:
        r.memory["load"] = _peak_load_mb(root, fast=True)
        r.memory["validate"] = _peak_tree_mb(validate, fast=True)
    r.memory["load, pure"] = _peak_load_mb(root, fast=False)
    r.memory["validate, pure"] = _peak_tree_mb(validate, fast=False)
    r.steps = _steps(root)
    return r


def _bench_import(repeat: int) -> list[list[str]]:
    modules = ("attrs", "compbank")
    medians = _take_turns(
        {m: _commands([[sys.executable, "-c", f"import {m}"]]) for m in modules}, repeat
    )
    return [
        [f'`python -c "import {m}"`', seconds(medians[m]), ratio(medians.ratio(m, "attrs"))]
        for m in modules
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds < 0.01 else f"{seconds * 1000:.0f}"


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


def _of(turns: _Turns, name: str, base: str) -> str:
    """A median time and its ratio to *base*'s: ``"12 ms (2.1x)"``."""
    return f"{seconds(turns.get(name))} ({ratio(turns.ratio(name, base))})"


def _pair(turns: _Turns, peer: str) -> str:
    """``validate`` against *peer*, by default and pure-Python: ``"0.50x / 2.10x"``."""
    default, pure = turns.ratio("validate", peer), turns.ratio("validate, pure", peer)
    return f"{ratio(default)} / {ratio(pure)}"


def _print_tables(results: list[_Results]) -> None:
    print("In process (`compbank.load`), pure-Python fallback beside:\n")
    rows = [
        [
            r.name,
            f"{r.files:,}",
            seconds(r.load["floor"]),
            _of(r.load, "load", "floor"),
            _of(r.load, "load, pure", "floor"),
            f"{_mb(r.memory.get('load'))} / {_mb(r.memory['load, pure'])}",
        ]
        for r in results
    ]
    header = ["data set", "files", "floor", "load (x floor)", "pure (x floor)", "peak memory"]
    print(table(header, rows))
    print("\nWhole processes on the same files (ratios: default install, pure-Python):\n")
    rows = []
    for r in results:
        w = r.whole
        rows.append(
            [
                r.name,
                seconds(w.get("validate")),
                seconds(w.get("validate -j 1")),
                seconds(w["validate, pure"]),
                seconds(w.get("ajv-cli")),
                seconds(w.get("check-jsonschema")),
                _pair(w, "ajv-cli"),
                _pair(w, "check-jsonschema"),
                f"{_mb(r.memory.get('validate'))} / {_mb(r.memory['validate, pure'])}",
            ]
        )
    header = [
        "data set",
        "`compbank validate`",
        "`--jobs 1`",
        "pure",
        "ajv-cli",
        "check-jsonschema",
        "÷ ajv-cli",
        "÷ check-jsonschema",
        "peak memory",
    ]
    print(table(header, rows))
    steps = list(results[0].steps)
    print("\nWhere the time goes (CPU ms, each step over every file, in one process):\n")
    print(
        table(
            ["step", *(f"{r.name} ({r.files:,})" for r in results)],
            [[s, *(_ms(r.steps[s]) for r in results)] for s in steps],
        )
    )


def _print_goals(results: list[_Results]) -> None:
    by_name = {r.name: r for r in results}
    lines = []

    def goal(what: str, measured: float | None, pure: float | None) -> None:
        limit = GOALS[what]
        if measured is None:
            lines.append([what, f"≤ {limit:g}", "not measured", "", ""])
            return
        met = "yes" if measured <= limit else "no"
        lines.append([what, f"≤ {limit:g}", f"{measured:.2f}", met, f"{pure:.2f}" if pure else ""])

    def of(r: _Results | None, turns: str, a: str, b: str) -> float | None:
        return None if r is None else getattr(r, turns).ratio(a, b)

    large, real = by_name.get("large"), by_name.get("real")
    goal(
        "validate ÷ ajv-cli at 11,000 files",
        of(large, "whole", "validate", "ajv-cli"),
        of(large, "whole", "validate, pure", "ajv-cli"),
    )
    goal(
        "validate ÷ ajv-cli on the real data",
        of(real, "whole", "validate", "ajv-cli"),
        of(real, "whole", "validate, pure", "ajv-cli"),
    )
    goal(
        "load ÷ floor at 11,000 files",
        of(large, "load", "load", "floor"),
        of(large, "load", "load, pure", "floor"),
    )
    peaks = [m for r in results for k, m in r.memory.items() if "pure" not in k]
    pure_peaks = [m for r in results for k, m in r.memory.items() if "pure" in k]
    goal("peak memory (MB)", max(peaks, default=None), max(pure_peaks, default=None))
    print("\nGoals, for the default install (the pure-Python fallback beside):\n")
    print(table(["goal", "limit", "measured", "met", "pure"], lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark compbank; print Markdown tables.")
    parser.add_argument(
        "--scales",
        nargs="+",
        choices=_common.SCALES,
        default=_common.SCALES,
    )
    parser.add_argument("--repeat", type=int, default=5, help="rounds per median (default 5)")
    parser.add_argument(
        "--no-check-jsonschema",
        action="store_true",
        help="leave check-jsonschema out (the slowest peer: a quicker run)",
    )
    args = parser.parse_args(argv)
    started = conditions()
    print(f"  {started}", file=sys.stderr)
    cj = None if args.no_check_jsonschema else _check_jsonschema()
    with tempfile.TemporaryDirectory(prefix="compbank-bench-") as tmp:
        ajv = _install_ajv(Path(tmp))
        results = [_bench(scale, args.repeat, ajv, cj) for scale in args.scales]
    print(f"Started with {started}; ended with {conditions().rpartition(', ')[2]}.")
    print(f"Medians of {args.repeat} rounds, the commands taking turns.\n")
    _print_tables(results)
    print()
    print(table(["command", "time", "x import attrs"], _bench_import(max(args.repeat * 6, 30))))
    _print_goals(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
