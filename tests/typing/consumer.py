"""How a downstream project uses compbank; `mypy --strict` must accept it as written."""

from __future__ import annotations

from collections.abc import Mapping

import compbank
from compbank import Competency, JobClass, LevelNumber, Requirement


def required(bank: compbank.Bank, code: str) -> list[tuple[str, LevelNumber | None]]:
    job_class: JobClass = bank.classes[code]
    rows: list[tuple[str, LevelNumber | None]] = []
    for requirement in job_class.requirements:
        r: Requirement = requirement
        c: Competency = r.competency
        rows.append((c.name, r.required_level))
    return rows


def texts(bank: compbank.Bank) -> dict[int, str]:
    competencies: Mapping[int, Competency] = bank.competencies
    return {n: c.level(2) for n, c in competencies.items()}


def problems(path: str) -> list[str]:
    try:
        compbank.load(path)
    except compbank.DataError as e:
        return [f"{p.file}::{p.path}: [{p.code}] {p.message}" for p in e.problems]
    return []


def frozen(c: Competency) -> None:
    c.name = "changed"  # type: ignore[misc]  # mypy knows models are frozen


bank = compbank.load()
print(required(bank, "1230"), len(texts(bank)), problems("data"), bank.data_version)
