"""``compbank site``: the bank and the class models as a static website.

Exit 0 when written, 1 when the data is invalid or the site cannot be written (Jinja2
missing, a full disk), 2 for a usage error (an existing destination without ``--force``, a
missing folder). Nothing is written unless all of it is.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compbank.cli import UsageError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

DESCRIPTION = """\
Write a static website of the bank and the class models: a page per class, laid out
and printable like the published model; a page per competency with the classes that
require it; search and compare pages that run in the browser, also opened from disk;
and the downloads (CSV, SQLite, CASE and the JSON files). Every link is relative, so
the folder can be published under any path or opened as it is.
Without --out, writes compbank-VERSION-site/ in the current directory, VERSION being
the data version. The same data gives the same bytes (the SQLite download: with the
same SQLite version). An existing folder is replaced only with --force, and only if
it is a site this command wrote.
Needs Jinja2: pip install 'compbank[site]'.
Exit status: 0 written, 1 the data is invalid or the site could not be written,
2 usage error."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``site`` arguments."""
    parser.add_argument("--out", metavar="DIR", help="the folder to write (default: see above)")
    parser.add_argument("--force", action="store_true", help="replace DIR if it is an earlier site")
    parser.add_argument(
        "--data", metavar="DIR", help="the data directory to publish (default: the packaged data)"
    )


def _progress(items: Iterable[Any], total: int) -> Iterable[Any]:
    from compbank.cli._progress import progress  # noqa: PLC0415

    return progress(items, total=total, unit="page", label="compbank site")


def run(args: argparse.Namespace) -> int:
    """Load the data, then write the site."""
    from compbank.cli._output import load_bank  # noqa: PLC0415
    from compbank.site import build_site, default_name  # noqa: PLC0415

    if args.out is not None and not args.out:
        raise UsageError("--out needs a path")
    bank = load_bank(args.data)
    out = Path(args.out) if args.out is not None else Path(default_name(bank.data_version))
    try:
        pages = build_site(bank, out, force=args.force, progress=_progress)
    except ModuleNotFoundError as e:  # Jinja2, an extra; the message says how to install it
        sys.stderr.write(f"compbank site: {e}; nothing written\n")
        return 1
    except (FileExistsError, FileNotFoundError) as e:
        raise UsageError(str(e)) from None
    except OSError as e:
        sys.stderr.write(f"compbank site: could not write {out}: {e.strerror or e}\n")
        return 1
    sys.stdout.write(
        f"compbank site: wrote {out} ({pages} pages: {len(bank.competencies)} competencies, "
        f"{len(bank.classes)} classes, data {bank.data_version}); open {out / 'index.html'}\n"
    )
    return 0
