"""``compbank fmt``: rewrite data files in the one canonical layout (see `compbank.canonical`).

Files are written atomically. A file that is not strict JSON is reported and left untouched;
so is every file under ``--check``, which only lists the files that would change.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from compbank.cli import UsageError
from compbank.cli._output import echo, find_checkout_data, plural, shown

if TYPE_CHECKING:
    import argparse

DESCRIPTION = """\
Rewrite data files in the canonical layout: keys in schema order, two-space indentation,
UTF-8 without escapes, one final newline. PATHS are data files, data directories (or
checkouts holding data/), or their competency_bank/ and classes/ folders (default: the data
of the checkout you are in).
Exit status: 0 all canonical (or rewritten), 1 files differ under --check or a file does not
parse, 2 usage error."""


def configure(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``compbank fmt``."""
    parser.add_argument("paths", nargs="*", metavar="PATHS", help="data files or folders")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 listing files that differ"
    )


_FOLDERS = ("competency_bank", "classes")


def _folder_files(value: str, folder: Path) -> list[Path]:
    """The data files of *folder*: a data directory, a checkout, or one of the two folders.

    Only the data layout is searched, never the whole tree, so that a virtual environment or
    anything else beside the data is never rewritten.
    """
    if folder.name in _FOLDERS:
        return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))
    if not (folder / "release.json").exists() and (folder / "data").is_dir():
        folder = folder / "data"
    if not ((folder / "release.json").is_file() or any((folder / f).is_dir() for f in _FOLDERS)):
        raise UsageError(
            f"{value}: not a data directory (it has no release.json, competency_bank/ or classes/)"
        )
    files = [folder / "release.json"] if (folder / "release.json").is_file() else []
    for name in _FOLDERS:
        files += _folder_files(value, folder / name) if (folder / name).is_dir() else []
    return files


def _data_files(paths: list[str]) -> list[Path]:
    """The data files named by *paths*: files as given, folders searched for data files."""
    from compbank.canonical import kind_of  # noqa: PLC0415

    files: list[Path] = []
    for value in paths:
        path = Path(value)
        if path.is_dir():
            files += _folder_files(value, path)
        elif path.is_file():
            if kind_of(path) is None:
                raise UsageError(
                    f"{value}: not a data file (data files are competency_bank/*.json, "
                    "classes/*.json and release.json)"
                )
            files.append(path)
        else:
            raise UsageError(f"{value}: no such file or directory")
    return list(dict.fromkeys(files))


def run(args: argparse.Namespace) -> int:
    """Format (or, with ``--check``, compare) each data file."""
    from compbank._read import read_json  # noqa: PLC0415 (the library is loaded only to run)
    from compbank.canonical import dumps, kind_of, write_atomic  # noqa: PLC0415

    paths: list[str] = args.paths
    if not paths:
        found = find_checkout_data()
        if found is None:
            raise UsageError("no PATHS given and no checkout's data/ found here")
        paths = [str(shown(found))]
    files = _data_files(paths)
    differing, unreadable = [], 0
    for path in files:
        kind = kind_of(path)
        document, problems = read_json(path, str(path))
        if problems or kind is None:
            for p in problems:
                echo(p)
            unreadable += 1
            continue
        text = dumps(document, kind)
        if path.read_bytes() == text.encode("utf-8"):
            continue
        differing.append(path)
        if args.check:
            echo(f"would reformat {path}")
        else:
            write_atomic(path, text)
            echo(f"reformatted {path}")
    verb = "would be reformatted" if args.check else "reformatted"
    summary = f"{plural(len(differing), 'file')} {verb}, {len(files) - len(differing) - unreadable}"
    summary += " already canonical"
    if unreadable:
        summary += f", {plural(unreadable, 'file')} left untouched (does not parse)"
    echo(summary)
    return 1 if unreadable or (args.check and differing) else 0
