"""Reading a side from git: a revision's data directory, materialised for `diff_dirs`.

>>> with git_revision("HEAD") as data:
...     sorted(p.name for p in data.iterdir() if p.suffix == ".json")
...     (data.parent / "CHANGELOG.md").is_file()
['release.json']
True
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator


class RevisionError(Exception):
    """A git revision could not be read (no git, no repository, or no such revision)."""


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(  # noqa: S603 (fixed git arguments; the revision is verified)
            ["git", "-C", str(repo), *args],  # noqa: S607 (git from PATH, as a user runs it)
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise RevisionError("git is not installed (needed to read revisions)") from None


@contextlib.contextmanager
def git_revision(revision: str, repo: Path | None = None, data: str = "data") -> Iterator[Path]:
    """Materialise *revision*'s data directory and CHANGELOG.md in a temporary directory.

    *repo* is any folder inside the repository (default: the current directory); *data* is
    the data directory's path from the repository's top. Yields the temporary data
    directory (empty if the revision has none), removed again on exit.

    Raises:
        RevisionError: git is missing, *repo* is no repository, or *revision* names no commit.
    """
    where = repo or Path.cwd()
    found_top = _git(where, "rev-parse", "--show-toplevel")
    if found_top.returncode != 0:
        raise RevisionError(f"{where} is not inside a git repository")
    # from here on paths are relative to the top, wherever in the repository we started
    repo = Path(found_top.stdout.decode().strip())
    if revision.startswith("-"):
        raise RevisionError(f"{revision!r} is not a git revision")
    found = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise RevisionError(f"{revision!r} is neither a directory nor a git revision")
    commit = found.stdout.decode().strip()
    # the changelog beside the data directory, where `diff_dirs` looks for it
    changelog = (PurePosixPath(data).parent / "CHANGELOG.md").as_posix()
    wanted = [
        p
        for p in (data, changelog)
        if _git(repo, "cat-file", "-e", f"{commit}:{p}").returncode == 0
    ]
    with tempfile.TemporaryDirectory(prefix="compbank-diff-") as tmp:
        root = Path(tmp)
        if wanted:
            archive = _git(repo, "archive", "--format=tar", commit, "--", *wanted)
            if archive.returncode != 0:
                raise RevisionError(archive.stderr.decode(errors="replace").strip())
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                if hasattr(tarfile, "data_filter"):  # refuse links and paths leaving the folder
                    tar.extractall(root, filter="data")
                else:  # pragma: no cover (Python before 3.10.12 / 3.11.4)
                    tar.extractall(root)  # noqa: S202 (git archive of our own repository)
        (root / data).mkdir(parents=True, exist_ok=True)
        yield root / data
