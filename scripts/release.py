"""Make a compbank release: the steps the release workflow runs, and a dry run of them all.

    python scripts/release.py --dry-run                    # everything, publishing nothing
    python scripts/release.py build --tag v0.1.0           # the workflow's build job
    python scripts/release.py github --tag v0.1.0          # the workflow's GitHub release job

``build`` checks that the tag is ``v`` and the package version and that CHANGELOG.md has
that version's section; builds the sdist and the wheel twice, with ``SOURCE_DATE_EPOCH``
from the tagged commit, and fails unless both builds are the same bytes; runs ``twine
check``; and writes the release's assets: the wheel and the sdist, the CSV tables with
``datapackage.json`` as a zip, the SQLite database, the CASE package and the website as a
zip (each as ``compbank export`` and ``compbank site`` make them, from the checkout's data),
with the CHANGELOG section as the release notes. ``github`` creates the GitHub release from
them with ``gh``. PyPI is published by the workflow alone, by trusted publishing, so no
token exists anywhere to leak; ``--dry-run`` says what would be published and publishes
nothing.

The output folder (``--out``, default ``dist/``) holds ``python/`` (what PyPI gets),
``assets/`` (what the GitHub release gets) and ``notes.md``.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence

REPO = Path(__file__).resolve().parents[1]
VERSION_FILE = REPO / "src" / "compbank" / "_version.py"
CHANGELOG = REPO / "CHANGELOG.md"
DATA = REPO / "data"
TAG = re.compile(r"v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


class ReleaseError(Exception):
    """A step of the release failed; the message says which and why."""


class Release(NamedTuple):
    """What is being released: the tag, the two versions and the data's release date."""

    tag: str
    version: str
    data_version: str
    released: str


# -- what is released ---------------------------------------------------------------------


def package_version(text: str) -> str:
    r"""The version ``_version.py`` gives (hatch reads the same line).

    >>> package_version('__version__ = "1.2.3"\n')
    '1.2.3'
    """
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise ReleaseError(f'{VERSION_FILE}: no line __version__ = "X.Y.Z"')
    return found.group(1)


def changelog_section(changelog: str, version: str) -> tuple[str, str]:
    r"""The heading and the body of *version*'s section of a Keep a Changelog file.

    >>> changelog_section("## [1.0.0] - 2026-01-02\n\n- Added.\n\n## [0.9.0]\n", "1.0.0")
    ('## [1.0.0] - 2026-01-02', '- Added.')
    """
    lines = changelog.splitlines()
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if line == f"## [{version}]" or line.startswith(f"## [{version}] ")
        ),
        None,
    )
    if start is None:
        raise ReleaseError(f"CHANGELOG.md has no section '## [{version}]'")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), None)
    body = "\n".join(lines[start + 1 : end]).strip()
    if not body:
        raise ReleaseError(f"CHANGELOG.md: the section '## [{version}]' is empty")
    return lines[start], body


def check_release(tag: str | None) -> tuple[Release, str]:
    """Check *tag* against the package version and CHANGELOG.md; the release and its notes.

    Without a tag (a dry run), the tag is the one the package version asks for.
    """
    version = package_version(VERSION_FILE.read_text(encoding="utf-8"))
    tag = tag if tag is not None else f"v{version}"
    if TAG.fullmatch(tag) is None:
        raise ReleaseError(f"tag {tag!r} is not vX.Y.Z")
    if tag != f"v{version}":
        raise ReleaseError(f"tag {tag} is not the package version, {version} ({VERSION_FILE})")
    heading, notes = changelog_section(CHANGELOG.read_text(encoding="utf-8"), version)
    release = json.loads((DATA / "release.json").read_text(encoding="utf-8"))
    data_version, released = str(release["data_version"]), str(release["released"])
    said = re.search(r"\bdata (\d+\.\d+\.\d+)", heading)
    if said is not None and said.group(1) != data_version:
        raise ReleaseError(
            f"CHANGELOG.md: '{heading}' names data {said.group(1)}, but data/release.json "
            f"is {data_version}"
        )
    return Release(tag, version, data_version, released), notes


# -- building -------------------------------------------------------------------------------


def run(command: Sequence[str | Path], env: dict[str, str] | None = None) -> str:
    """Run *command*; its standard output, or a `ReleaseError` with what it printed."""
    result = subprocess.run(  # noqa: PLW1510 (checked below, to report the output)
        [str(c) for c in command], capture_output=True, text=True, env=env
    )
    if result.returncode != 0:
        shown = " ".join(str(c) for c in command)
        raise ReleaseError(f"{shown} failed:\n{result.stdout}{result.stderr}".rstrip())
    return result.stdout


def source_date_epoch(release: Release, *, dry_run: bool) -> str:
    """The time of the tagged commit, in seconds, for reproducible archives.

    The tag must point at the commit checked out; a dry run without the tag uses HEAD.
    """
    head = run(["git", "-C", REPO, "rev-parse", "HEAD"]).strip()
    tagged = subprocess.run(  # noqa: PLW1510 (a missing tag is an answer, not an error)
        ["git", "-C", str(REPO), "rev-parse", "-q", "--verify", f"refs/tags/{release.tag}^{{}}"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if tagged and tagged != head:
        raise ReleaseError(f"tag {release.tag} is {tagged}, but the checkout is {head}")
    if not tagged and not dry_run:
        raise ReleaseError(f"tag {release.tag} does not exist in this checkout")
    return run(["git", "-C", REPO, "log", "-1", "--format=%ct", "HEAD"]).strip()


def build_twice(work: Path, epoch: str, *, isolation: bool) -> list[Path]:
    """Build the sdist and the wheel twice; the first build's files, if both are the same."""
    builds = []
    for n in (1, 2):
        out = work / f"build-{n}"
        command: list[str | Path] = [sys.executable, "-m", "build", "--sdist", "--wheel"]
        command += ["--outdir", out]
        if not isolation:
            command.append("--no-isolation")
        run([*command, REPO], env={**os.environ, "SOURCE_DATE_EPOCH": epoch})
        builds.append(sorted(out.iterdir()))
    first, second = builds
    if [p.name for p in first] != [p.name for p in second]:
        raise ReleaseError(f"the two builds made different files: {first} and {second}")
    names = [p.name for p in first]
    if not any(n.endswith(".whl") for n in names) or not any(n.endswith(".tar.gz") for n in names):
        raise ReleaseError(f"the build made no wheel and sdist: {names}")
    for a, b in zip(first, second, strict=True):
        if not filecmp.cmp(a, b, shallow=False):
            raise ReleaseError(f"building twice gave different bytes: {a.name}")
    return first


def data_assets(release: Release, assets: Path, work: Path) -> None:
    """The data in the forms people download, made as the command makes them."""
    from compbank.site._zip import write_zip  # noqa: PLC0415 (compbank is installed to build)

    compbank = [sys.executable, "-m", "compbank"]
    name = f"compbank-{release.data_version}"
    run(
        [
            *compbank,
            "export",
            "--format",
            "sqlite",
            "--data",
            DATA,
            "--out",
            assets / f"{name}.sqlite",
        ]
    )
    run(
        [
            *compbank,
            "export",
            "--format",
            "case",
            "--data",
            DATA,
            "--out",
            assets / f"{name}-case.json",
        ]
    )
    tables = work / f"{name}-csv"
    run([*compbank, "export", "--format", "csv", "--data", DATA, "--out", tables])
    if not (tables / "datapackage.json").is_file():
        raise ReleaseError(f"{tables} has no datapackage.json")
    write_zip(tables, assets / f"{name}-csv.zip", release.released)
    site = work / f"{name}-site"
    run([*compbank, "site", "--data", DATA, "--out", site])
    write_zip(site, assets / f"{name}-site.zip", release.released)


def expected_assets(release: Release) -> list[str]:
    """The names of every file the GitHub release carries."""
    data = f"compbank-{release.data_version}"
    return sorted(
        [
            f"compbank-{release.version}-py3-none-any.whl",
            f"compbank-{release.version}.tar.gz",
            f"{data}-csv.zip",
            f"{data}.sqlite",
            f"{data}-case.json",
            f"{data}-site.zip",
        ]
    )


def build(tag: str | None, out: Path, *, dry_run: bool, isolation: bool) -> Release:
    """Every step before publishing; the release, its files written to *out*."""
    release, notes = check_release(tag)
    if out.exists() and any(out.iterdir()):
        raise ReleaseError(f"{out} is not empty; remove it or give another --out")
    epoch = source_date_epoch(release, dry_run=dry_run)
    python, assets = out / "python", out / "assets"
    python.mkdir(parents=True)
    assets.mkdir()
    with tempfile.TemporaryDirectory(prefix="compbank-release-") as scratch:
        work = Path(scratch)
        for built in build_twice(work, epoch, isolation=isolation):
            shutil.copy2(built, python / built.name)
            shutil.copy2(built, assets / built.name)
        run([sys.executable, "-m", "twine", "check", "--strict", *sorted(python.iterdir())])
        data_assets(release, assets, work)
    (out / "notes.md").write_text(notes + "\n", encoding="utf-8")
    made = sorted(p.name for p in assets.iterdir())
    if made != expected_assets(release):
        raise ReleaseError(f"the assets are {made}, not {expected_assets(release)}")
    return release


# -- publishing -----------------------------------------------------------------------------


def github_command(release: Release, out: Path) -> list[str]:
    """The ``gh`` command that creates the GitHub release from *out*."""
    missing = [n for n in expected_assets(release) if not (out / "assets" / n).is_file()]
    if missing or not (out / "notes.md").is_file():
        raise ReleaseError(f"{out} lacks {missing or 'notes.md'}: run the build step first")
    return [
        "gh",
        "release",
        "create",
        release.tag,
        "--verify-tag",
        "--title",
        f"compbank {release.version} (data {release.data_version})",
        "--notes-file",
        str(out / "notes.md"),
        *(str(out / "assets" / n) for n in expected_assets(release)),
    ]


def report(release: Release, out: Path) -> str:
    """What was built, and what publishing it would do."""
    lines = [f"compbank {release.version}, data {release.data_version}: built in {out}"]
    lines += [
        f"  {p.relative_to(out)}  ({p.stat().st_size:,} bytes)"
        for p in sorted([*(out / "python").iterdir(), *(out / "assets").iterdir()])
    ]
    lines.append("  notes.md  (the release notes: CHANGELOG.md's section)")
    lines.append("the two builds of the sdist and the wheel are the same bytes; twine check passed")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the step asked for; 0 done, 1 a step failed, 2 a usage mistake."""
    parser = argparse.ArgumentParser(
        prog="release.py", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("step", nargs="?", choices=("build", "github"), help="one step only")
    parser.add_argument("--tag", help="the tag released, vX.Y.Z (a dry run: the package's)")
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="default: dist/")
    parser.add_argument(
        "--dry-run", action="store_true", help="build and check everything; publish nothing"
    )
    parser.add_argument(
        "--no-isolation",
        action="store_true",
        help="build with the installed hatchling, not a fresh one (quicker, offline)",
    )
    args = parser.parse_args(argv)
    if args.step is None and not args.dry_run:
        parser.error("name a step (build, github), or --dry-run for all of them")
    if args.step != "build" and not args.dry_run and args.tag is None:
        parser.error("publishing needs --tag")
    try:
        if args.step == "github":
            release, _ = check_release(args.tag)
            command = github_command(release, args.out)
        else:
            release = build(
                args.tag, args.out, dry_run=args.dry_run, isolation=not args.no_isolation
            )
            print(report(release, args.out))
            if args.step == "build":
                return 0
            command = github_command(release, args.out)
        if args.dry_run:
            print("dry run; publishing would:")
            print(f"  upload to PyPI (trusted publishing, in the workflow): {args.out / 'python'}")
            print(f"  create the GitHub release: {shlex.join(command)}")
            return 0
        run(command)
        print(f"created the GitHub release {release.tag}")
    except ReleaseError as e:
        print(f"release: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
