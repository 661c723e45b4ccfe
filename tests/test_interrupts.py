"""Ctrl-C stops every long command with one line, exit 130, and nothing half-written.

Each command runs as a child process on a data set large enough to take a few seconds,
in a process group of its own; once it shows that it has started its work (its worker
processes exist, its temporary output or trial copy has appeared), the whole group gets
SIGINT, as a terminal's Ctrl-C sends it. The command must then print one line, exit with
130, show no traceback (nor may any worker), and leave the data and output folders as
they were before it ran.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from compbank import cli
from compbank._atomic import interrupts_held
from compbank._schema import NO_FAST_ENV
from conftest import DATA, class_file, snapshot, write_json

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc to see that a command started"
)

#: Class files added to the real data: enough for a run of a few seconds, and for
#: `compbank validate` to share the files with worker processes.
COPIES = 3_000
NEW = Path(__file__).parent / "fixtures" / "import" / "new" / "9901-import-fixture-officer.txt"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data, with class 1336 copied under 3,000 other codes (all valid)."""
    root = tmp_path_factory.mktemp("large") / "data"
    shutil.copytree(DATA, root)
    document = class_file("1336", root)
    for code in range(2000, 2000 + COPIES):
        document["code"] = str(code)
        write_json(root / "classes" / f"{code}-utility-executive-secretary.json", document)
    return root


def interrupted(
    args: list[str | Path],
    started: Callable[[int], bool],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> tuple[int, str]:
    """Run ``compbank ARGS``, SIGINT its process group once *started*(pid); (code, stderr)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "compbank", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not started(process.pid):
            assert process.poll() is None, "the command ended before it could be interrupted"
            assert time.monotonic() < deadline, "the command never showed that it started"
            time.sleep(0.002)
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode, err


def children(pid: int) -> list[int]:
    """The processes *pid* has started (from any of its threads)."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        return [int(c) for t in tasks for c in (t / "children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError):
        return []


def temporary(folder: Path) -> Callable[[int], bool]:
    """Whether a hidden temporary file or folder has appeared in *folder* (an atomic write)."""
    return lambda _pid: any(p.name.endswith(".tmp") for p in folder.iterdir())


def assert_one_line(code: int, err: str, command: str) -> None:
    # the whole of stderr where it is not the one line: a traceback, in full
    assert (code, err) == (130, f"compbank {command}: interrupted\n"), f"exit {code}:\n{err}"


def test_validate_with_workers(large: Path) -> None:
    before = snapshot(large)
    # jsonschema alone (slower), so that the check lasts long enough to be interrupted
    code, err = interrupted(
        ["validate", large, "--jobs", "2"], lambda pid: bool(children(pid)), env={NO_FAST_ENV: "1"}
    )
    assert_one_line(code, err, "validate")
    assert snapshot(large) == before


@pytest.mark.parametrize("export_format", ["csv", "sqlite", "case"])
def test_export(large: Path, tmp_path: Path, export_format: str) -> None:
    before = snapshot(large)
    out = tmp_path / "out"
    out.mkdir()
    code, err = interrupted(
        ["export", "--format", export_format, "--data", large, "--out", out / "export"],
        temporary(out),
    )
    assert_one_line(code, err, "export")
    assert list(out.iterdir()) == []
    assert snapshot(large) == before


def test_site(large: Path, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    before = snapshot(large)
    out = tmp_path / "out"
    out.mkdir()

    def writing_pages(_pid: int) -> bool:
        # the downloads are under way beside the pages once the first class page is written
        return any(
            (tmp / "classes").is_dir() and any((tmp / "classes").iterdir())
            for tmp in out.glob(".*.tmp")
        )

    code, err = interrupted(["site", "--data", large, "--out", out / "site"], writing_pages)
    assert_one_line(code, err, "site")
    assert list(out.iterdir()) == []
    assert snapshot(large) == before


def test_import_write(large: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(large, data)
    before = snapshot(data)
    trials = tmp_path / "tmp"
    trials.mkdir()

    def checking_trial(_pid: int) -> bool:
        # a write is tried on a copy of the data directory, checked before anything is written
        return any((t / "data" / "classes").is_dir() for t in trials.iterdir())

    code, err = interrupted(
        ["import", NEW, "--data", data, "--write"],
        checking_trial,
        env={"TMPDIR": str(trials), NO_FAST_ENV: "1"},
    )
    assert_one_line(code, err, "import")
    assert snapshot(data) == before
    assert list(trials.iterdir()) == []


def test_held_interrupt_comes_after_the_steps_that_belong_together() -> None:
    steps = []

    def steps_held() -> None:
        with interrupts_held():
            os.kill(os.getpid(), signal.SIGINT)
            steps.append("after the signal")
        steps.append("after the block")  # not reached: the interrupt comes first

    with pytest.raises(KeyboardInterrupt):
        steps_held()
    assert steps == ["after the signal"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_while_the_command_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted_parser() -> NoReturn:
        raise KeyboardInterrupt  # as a Ctrl-C while the subcommands' modules are imported

    monkeypatch.setattr(cli, "build_parser", interrupted_parser)
    assert cli.main(["validate"]) == 130
    assert capsys.readouterr().err == "compbank: interrupted\n"


#: ``python -m compbank`` whose work is done (exit code 2) when a Ctrl-C comes as the
#: interpreter shuts down (from an exit handler, which runs then).
_LATE_CTRL_C = """
import atexit, os, runpy, signal
import compbank.cli

def late() -> None:
    os.kill(os.getpid(), signal.SIGINT)
    atexit.unregister(late)  # any line after the signal: where a handler would raise

def done(argv=None) -> int:
    atexit.register(late)
    return 2

compbank.cli.main = done
runpy.run_module("compbank", run_name="__main__")
"""


def test_ctrl_c_after_the_work_is_done_keeps_the_exit_code() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _LATE_CTRL_C],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (2, "")


#: ``python -m compbank validate`` whose work calls into a C library through ctypes, as the
#: PDF reader calls PDFium, and gets a Ctrl-C while ctypes converts the call's argument:
#: the `KeyboardInterrupt` comes out of the call as a `ctypes.ArgumentError`.
_CTRL_C_IN_CTYPES = """
import ctypes, runpy, signal
import compbank.cli.validate

class Handle:
    @property
    def _as_parameter_(self) -> int:
        signal.raise_signal(signal.SIGINT)
        return 0

def run(args) -> int:
    ctypes.pythonapi.Py_IncRef(Handle())
    return 0

compbank.cli.validate.run = run
runpy.run_module("compbank", run_name="__main__")
"""


def _validate_with(script: str) -> subprocess.CompletedProcess[str]:
    """``compbank validate`` as *script* (see `_CTRL_C_IN_CTYPES`) runs it."""
    return subprocess.run(
        [sys.executable, "-c", script, "validate"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_ctrl_c_inside_a_ctypes_call_is_one_line() -> None:
    result = _validate_with(_CTRL_C_IN_CTYPES)
    assert_one_line(result.returncode, result.stderr, "validate")


def test_an_error_with_no_ctrl_c_is_shown_whole() -> None:
    # the same error without a signal is a defect, not an interruption: its traceback shows
    script = _CTRL_C_IN_CTYPES.replace("signal.raise_signal(signal.SIGINT)", "raise ValueError")
    result = _validate_with(script)
    assert result.returncode == 1
    assert "ctypes.ArgumentError: argument 1: ValueError" in result.stderr
    assert "interrupted" not in result.stderr
