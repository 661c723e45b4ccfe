"""The generated forms' deep run: 5,000 examples or more, every departure logged, per form.

    python benchmarks/forms_deep.py run --log .benchmarks/forms-deep.jsonl
    python benchmarks/forms_deep.py summary .benchmarks/forms-deep.jsonl

``run`` runs ``tests/forms/test_generated_forms.py`` in the ``deep`` Hypothesis profile
(derandomized: the same examples each time; ``--seed N``: 5,000 other examples, drawn from
seed N, from documents the producers render from set-ups drawn with N as well, the same for
the same seed), the web transcriptions first (they are cheap),
then the forms made from PDFs. No departure stops a test (``COMPBANK_FORMS_SURVEY=1``): each
example is logged as one JSON line (its form, ``pass`` or the open failure it is, ``new``
for one no failure explains), so a run stopped early still tells what it ran. ``summary``
prints the table ``benchmarks/README.md`` records: per form, examples, failures by id, wall
time (``--reclassify``: each departure named by the open failures as listed now, for a log
written before an entry was added).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TESTS = "tests/forms/test_generated_forms.py"


def run(log: Path, time_limit: float, seed: int | None = None) -> int:
    env = {
        **os.environ,
        "COMPBANK_HYPOTHESIS_PROFILE": "deep" if seed is None else "deep-seeded",
        "COMPBANK_FORMS_POOL_SEED": str(seed or 0),
        "COMPBANK_FORMS_SURVEY": "1",
        "COMPBANK_FORMS_TIME_LIMIT": str(time_limit),
        "COMPBANK_FORMS_LOG": str(log.resolve()),
    }
    log.parent.mkdir(parents=True, exist_ok=True)
    status = 0
    for selection in ("test_web_transcription", "not test_web_transcription"):
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", TESTS]
        command += [] if seed is None else [f"--hypothesis-seed={seed}"]
        done = subprocess.run([*command, "-k", selection], cwd=ROOT, env=env, check=False)
        status = status or done.returncode
    return status


def reclassify(entry: dict[str, Any]) -> str:
    """The open failure a logged departure is by today's `form_check.KNOWN_FAILURES`."""
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "forms")]
    from form_check import Copy, PropertyError, known_failure  # noqa: PLC0415
    from form_corpus import remake  # noqa: PLC0415
    from form_model import record_of  # noqa: PLC0415

    case = entry["case"]
    text = None
    if "transcription" in case:  # cheap to make again (PDFs are not)
        text = remake(case, Path()).text
    copy = Copy(record_of(case), entry["form"], b"", None, text, case["cut"], "", case)
    return known_failure(copy, PropertyError(entry["aspect"], "")) or "new"


def summary(logs: list[Path], *, again: bool = False) -> str:
    examples: collections.Counter[str] = collections.Counter()
    failures: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    times: dict[str, list[float]] = collections.defaultdict(list)
    for log in logs:
        for line in log.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            form = entry["form"]
            if form == "pdf":  # by producer, and cut short or not
                cut = ", cut" if entry["case"]["cut"] is not None else ""
                form = f"pdf ({entry['case']['producer']}{cut})"
            examples[form] += 1
            times[form].append(entry["t"])
            if entry["outcome"] != "pass":
                outcome = reclassify(entry) if again else entry["outcome"]
                failures[form][outcome] += 1
    rows = [
        "| form | examples | failures | by failure | wall time |",
        "| --- | --- | --- | --- | --- |",
    ]
    for form in sorted(examples):
        by = ", ".join(f"{k} {n}" for k, n in sorted(failures[form].items())) or "-"
        wall = max(times[form]) - min(times[form])
        total = sum(failures[form].values())
        rows.append(f"| {form} | {examples[form]} | {total} | {by} | {wall / 60:.1f} min |")
    total = sum(examples.values())
    failed = sum(sum(c.values()) for c in failures.values())
    rows.append(f"| all | {total} | {failed} | | |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run the deep profile, logging each example")
    run_parser.add_argument("--log", type=Path, default=Path(".benchmarks/forms-deep.jsonl"))
    run_parser.add_argument("--time-limit", type=float, default=5.0, help="seconds an import")
    run_parser.add_argument("--seed", type=int, help="other examples, drawn from this seed")
    summary_parser = commands.add_parser("summary", help="the table of a run's log(s)")
    summary_parser.add_argument("logs", type=Path, nargs="+")
    summary_parser.add_argument(
        "--reclassify",
        action="store_true",
        help="name each departure by the open failures as they are listed now",
    )
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args.log, args.time_limit, args.seed)
    print(summary(args.logs, again=args.reclassify))
    return 0


if __name__ == "__main__":
    sys.exit(main())
