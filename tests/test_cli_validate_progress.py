"""``compbank validate`` shows its progress on a terminal, only when a check runs long.

The bar goes to standard error when it is a terminal, after about a second of work
(`compbank.cli._progress.DELAY`), and never with ``--format json`` or when piped.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

import pytest

from compbank.cli import _progress, main
from conftest import DATA

if TYPE_CHECKING:
    from pathlib import Path

pty = pytest.importorskip("pty", reason="needs a POSIX terminal")
fcntl = pytest.importorskip("fcntl", reason="needs a POSIX terminal")
termios = pytest.importorskip("termios", reason="needs a POSIX terminal")


def on_a_terminal(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Run the command in this process, its standard error a terminal: (exit, out, terminal)."""
    leader, follower = pty.openpty()
    # 24 rows of 80 columns, as a terminal window has (a new pseudo-terminal has none)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    shown = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    with os.fdopen(follower, "w", encoding="utf-8") as terminal:
        monkeypatch.setattr(sys, "stderr", terminal)
        code = main(args)
        terminal.flush()
        monkeypatch.undo()
    reader.join(10)
    os.close(leader)
    return code, capsys.readouterr().out, shown.decode("utf-8", "replace")


def test_a_long_check_shows_a_bar(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_progress, "DELAY", 0)  # every check is long enough
    threads = threading.active_count()
    code, out, shown = on_a_terminal(["validate", str(DATA)], monkeypatch, capsys)
    assert code == 0
    assert out.endswith(" files, 0 problems\n")
    assert "checking" in shown
    assert "file" in shown
    # no thread left behind (tqdm's monitor), which would stop later forks of workers
    assert threading.active_count() == threads


def test_a_short_check_shows_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _progress.DELAY >= 1
    code, out, shown = on_a_terminal(["validate", str(DATA)], monkeypatch, capsys)
    assert code == 0
    assert out.endswith(" files, 0 problems\n")
    assert shown == ""


def test_json_output_shows_no_bar(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_progress, "DELAY", 0)
    code, out, shown = on_a_terminal(
        ["validate", str(DATA), "--format", "json"], monkeypatch, capsys
    )
    assert code == 0
    assert out.startswith("{")
    assert shown == ""


def many_classes(root: Path, n: int) -> Path:
    """A copy of the data with *n* more classes (2,000 at most): 1230 under new codes."""
    shutil.copytree(DATA, root)
    document = json.loads(
        (DATA / "classes" / "1230-customer-service-representative.json").read_text("utf-8")
    )
    for i in range(2000, 2000 + n):  # codes no real class has
        document["code"] = f"{i:04d}"
        document["title"] = f"CLASS NUMBER {i}"
        name = f"{i:04d}-class-number-{i}.json"
        (root / "classes" / name).write_text(json.dumps(document), encoding="utf-8")
    return root


def test_piped_output_shows_no_bar(tmp_path: Path) -> None:
    # enough files to be checked by worker processes; piped, standard error stays empty
    root = many_classes(tmp_path / "data", 2_000)
    done = subprocess.run(
        [sys.executable, "-m", "compbank", "validate", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "2032 files, 0 problems\n"
    assert done.stderr == ""


def test_jobs_must_be_a_number_of_processes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "compbank", "validate", "--jobs", "0", str(DATA)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "--jobs" in done.stderr
    assert "Traceback" not in done.stderr
