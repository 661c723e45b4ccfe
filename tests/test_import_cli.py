"""``compbank import`` as a command: exit codes, output forms, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from compbank import check
from conftest import compbank_cli, snapshot
from pdf_documents import SOURCES, fpdf_pdf, require_fonts

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
SOURCE_1230 = DATA / "sources" / "1230-customer-service-representative.txt"
NEW = FIXTURES / "new" / "9901-import-fixture-officer.txt"


def run(
    *args: str | Path, stdin: str | Path | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """The command; *stdin* is its input's text, or a file whose bytes are piped in."""
    if isinstance(stdin, Path):
        with stdin.open("rb") as piped:
            result = compbank_cli("import", *args, stdin=piped, cwd=cwd)
    else:
        result = compbank_cli("import", *args, input=stdin, cwd=cwd)
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def test_drift_is_information_exit_0() -> None:
    result = run(SOURCE_1230, "--data", DATA)
    assert result.returncode == 0
    assert result.stderr == ""
    assert "22 Computer Proficiency (line 189): DIFFERS from the bank" in result.stdout
    assert "[-word processing,-] {+wordprocessing,+}" in result.stdout
    assert "nothing written" in result.stdout


def test_json_report() -> None:
    result = run(SOURCE_1230, "--data", DATA, "--format", "json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["code"] == "1230"
    assert [(f["kind"], f["competency"]) for f in report["findings"]] == [
        ("text-differs", 22),
        ("emphasis-lost", None),
    ]
    c22 = next(c for c in report["competencies"] if c["number"] == 22)
    assert c22["status"] == "differs"
    assert c22["differences"][0]["path"] == "$.behavioral_indicators[1]"
    assert report["files"][0] == {
        "file": "classes/1230-customer-service-representative.json",
        "action": "unchanged",
    }
    assert report["written"] == []


def test_document_from_stdin() -> None:
    result = run("-", "--data", DATA, stdin=SOURCE_1230.read_text(encoding="utf-8"))
    assert result.returncode == 0
    assert "class 1230 CUSTOMER SERVICE REPRESENTATIVE" in result.stdout


def test_a_pdf_from_stdin_is_read_as_a_pdf(tmp_path: Path) -> None:
    require_fonts()
    pdf = fpdf_pdf(next(SOURCES.glob("7521-*.txt")), tmp_path / "7521.pdf")
    result = run("-", "--data", DATA, "--format", "json", stdin=pdf)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["code"], report["form"], report["status"]) == ("7521", "pdf", "read")


def test_invalid_utf8_from_stdin_exit_1(tmp_path: Path) -> None:
    piped = tmp_path / "latin1.txt"
    piped.write_bytes("\nCOMPETENCY MODEL FOR CAF\u00c9 (1234)\n".encode("latin-1"))
    result = run("-", "--data", DATA, stdin=piped)
    assert result.returncode == 1
    assert "<text>::line 2: [not-utf8] not valid UTF-8" in result.stderr


def test_unreadable_document_exit_1_naming_lines() -> None:
    text = SOURCE_1230.read_text(encoding="utf-8").replace(
        "Level 2: Use algebra", "Level 5: Use algebra"
    )
    result = run("-", "--data", DATA, stdin=text)
    assert result.returncode == 1
    assert "<text>::line 21: [import-bad-section] competency 2 has no level 2" in result.stderr
    # what was read is still reported: the header, the list, the competencies read in full
    assert "class 1230 CUSTOMER SERVICE REPRESENTATIVE" in result.stdout
    assert "NOT READ IN FULL" in result.stdout
    assert "2. Mathematics (line 9; bank: Mathematics)" in result.stdout


def test_unreadable_document_as_json(tmp_path: Path) -> None:
    document = tmp_path / "doc.txt"
    document.write_text("nothing to read here\n", encoding="utf-8")
    result = run(document, "--data", DATA, "--format", "json")
    assert result.returncode == 1
    codes = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert codes == ["import-no-header", "import-no-competencies"]


def test_missing_code_exit_1_unless_given() -> None:
    document = FIXTURES / "variants" / "no-code.txt"
    result = run(document, "--data", DATA)
    assert result.returncode == 1
    assert "::line 2: [import-no-code]" in result.stderr
    assert run(document, "--data", DATA, "--code", "4243").returncode == 0


def test_not_utf8_exit_1(tmp_path: Path) -> None:
    document = tmp_path / "latin1.txt"
    document.write_bytes("COMPETENCY MODEL FOR CAF\u00c9 (1234)\n".encode("latin-1"))
    result = run(document, "--data", DATA)
    assert result.returncode == 1
    assert "[not-utf8]" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "missing.txt is not a file"),
        ([SOURCE_1230, "--force"], "--force only makes sense with --write"),
        ([SOURCE_1230, "--code", "12a4"], "--code must be a four-digit class code"),
        ([SOURCE_1230, "--data", "no/such/dir"], "no/such/dir is not a data directory"),
        ([SOURCE_1230, "--format", "xml"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(args: list[str | Path], message: str) -> None:
    if "--data" not in args:
        args = [*args, "--data", DATA]
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_write_new_competency(data: Path) -> None:
    result = run(NEW, "--data", data, "--write")
    assert result.returncode == 0, result.stderr
    assert "competency_bank/061-fixture-handling.json: written (new)" in result.stdout
    assert (data / "competency_bank" / "061-fixture-handling.json").is_file()
    assert check(data) == ()


def test_a_write_that_would_break_the_data_is_read_in_full_and_not_written(
    data: Path, tmp_path: Path
) -> None:
    # a new competency named like an existing one would make two competencies share a name
    document = tmp_path / "9901.txt"
    document.write_text(
        NEW.read_text(encoding="utf-8")
        .replace("61. Fixture Handling", "61. Stress Tolerance")
        .replace("61. FIXTURE HANDLING", "61. STRESS TOLERANCE"),
        encoding="utf-8",
    )
    before = snapshot(data)
    result = run(document, "--data", data, "--write")
    assert result.returncode == 1
    assert "NOT READ IN FULL" not in result.stdout
    assert "NOT WRITTEN: the data as written would not pass its checks" in result.stdout
    assert "[duplicate-name]" in result.stdout
    assert "not written: the data would not pass its checks" in result.stderr
    # the check problems name the data directory, never the trial copy checked
    problem = next(line for line in result.stderr.splitlines() if "[duplicate-name]" in line)
    assert problem.startswith(str(data / "competency_bank"))
    assert "013-stress-tolerance.json" in problem
    assert problem.count(str(data)) == 2
    as_json = run(document, "--data", data, "--write", "--format", "json")
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert (report["status"], report["complete"], report["problems"]) == (
        "read, not written",
        True,
        [],
    )
    assert [p["code"] for p in report["check_problems"]] == ["duplicate-name"]
    assert report["written"] == []
    assert snapshot(data) == before


def test_existing_class_file_needs_force_exit_2(data: Path) -> None:
    plain = FIXTURES / "plaintext" / "1230-customer-service-representative.txt"
    target = data / "classes" / "1230-customer-service-representative.json"
    before = target.read_bytes()
    result = run(plain, "--data", data, "--write")
    assert result.returncode == 2
    assert "use force (--force) to replace it" in result.stderr
    assert target.read_bytes() == before
    result = run(plain, "--data", data, "--write", "--force")
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() != before
    assert check(data) == ()


def test_without_data_it_compares_with_the_checkouts_data_or_else_the_packaged(
    tmp_path: Path,
) -> None:
    in_checkout = run(SOURCE_1230)
    assert in_checkout.returncode == 0
    assert "comparing with the checkout's data" in in_checkout.stderr
    elsewhere = run(SOURCE_1230, "--format", "json", cwd=tmp_path)
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert "comparing with the packaged data" in elsewhere.stderr
    assert json.loads(elsewhere.stdout)["code"] == "1230"
