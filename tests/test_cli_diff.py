"""``compbank diff`` on real git revisions and directories, and the `compbank.diff` library."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from compbank.diff import diff_dirs, to_dict, to_markdown, word_diff

if TYPE_CHECKING:
    from collections.abc import Callable

REPO = Path(__file__).resolve().parents[1]
_SCRIPT = Path(sys.executable).parent / "compbank"
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "compbank"]
BANK_002 = "data/competency_bank/002-mathematics.json"
BANK_034 = "data/competency_bank/034-customer-service.json"
CLASS_7521 = "data/classes/7521-senior-electric-service-representative.json"
CLASS_9375 = "data/classes/9375-director-of-systems.json"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def compbank(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args], cwd=cwd, capture_output=True, text=True, check=False, env=GIT_ENV
    )


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=GIT_ENV)


def checkout_copy(root: Path) -> Path:
    """A copy of the repository's data, schemas and changelog in *root*."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copy(REPO / "CHANGELOG.md", root / "CHANGELOG.md")
    return root


def edit(path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def bump(d: dict[str, Any]) -> None:
    version = d["record_version"]
    assert isinstance(version, int)
    d["record_version"] = version + 1


def edit_definition(d: dict[str, Any]) -> None:
    definition = d["definition"]
    assert isinstance(definition, str)
    d["definition"] = definition.replace("recipients of services", "users of services")
    bump(d)


def raise_stress_tolerance(d: dict[str, Any]) -> None:
    requirements = d["requirements"]
    assert isinstance(requirements, list)
    assert requirements[1]["competency"] == 13
    requirements[1]["required_level"] = 3
    requirements[0]["areas"].append("Knowledge of ladder safety.")
    bump(d)


def make_changes(root: Path) -> None:
    """A text edit, a level change, an added competency, a removed class, a forgotten bump."""
    edit(root / BANK_034, edit_definition)
    edit(root / CLASS_7521, raise_stress_tolerance)
    new = json.loads((root / BANK_034).read_text(encoding="utf-8"))
    new.update(number=99, name="Client Relations", notes=[], record_version=1)
    (root / "data/competency_bank/099-client-relations.json").write_text(
        json.dumps(new, indent=2) + "\n", encoding="utf-8"
    )
    (root / CLASS_9375).unlink()
    edit(root / BANK_002, lambda d: d.update(superior="Teaches mathematics to others."))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with two commits: the committed data, then `make_changes`."""
    root = checkout_copy(tmp_path / "repo")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "data 1.0.0")
    make_changes(root)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change the data")
    return root


@needs_git
def test_markdown_names_each_change_between_two_revisions(repo: Path) -> None:
    result = compbank("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    md = result.stdout
    assert md.startswith("<!-- compbank-diff -->\n### compbank diff `HEAD~1` → `HEAD`\n")
    # the text edit, word by word
    assert "- **Changed:** 34. Customer Service (record_version 1 → 2)" in md
    assert "  - Definition: Interacts with ~~recipients~~ **users** of services" in md
    # the level change and the added area
    assert "7521 SENIOR ELECTRIC SERVICE REPRESENTATIVE (record_version 1 → 2)" in md
    assert "  - Required level of 13. Stress Tolerance raised: 2 → 3" in md
    assert "  - Area added to 8. Safety Focus: **Knowledge of ladder safety.**" in md
    # the added competency and the removed class
    assert "- **Added:** 99. Client Relations (`competency_bank/099-client-relations.json`)" in md
    assert "- **Removed:** 9375 DIRECTOR OF SYSTEMS (`classes/9375-director-of-systems.json`)" in md
    # content changed without a new record_version, and no changelog entry
    assert (
        "**version-not-bumped** `data/competency_bank/002-mathematics.json`: content changed "
        "but record\\_version is still 1" in md
    )
    assert "**changelog-not-updated** `CHANGELOG.md`" in md
    assert md.count("version-not-bumped") == 1
    assert "\nCompetencies: 1 added, 2 changed; classes: 1 removed, 1 changed.\n" in md
    assert "compbank diff: 2 warnings" in result.stderr


@needs_git
def test_fail_on_warning_exits_1(repo: Path) -> None:
    assert compbank("diff", "HEAD~1", "HEAD", "--fail-on-warning", cwd=repo).returncode == 1
    # with the changelog and the version fixed, nothing is left to warn about
    edit(repo / BANK_002, bump)
    with (repo / "CHANGELOG.md").open("a", encoding="utf-8") as f:
        f.write("\n- Competency 99, Client Relations.\n")
    result = compbank("diff", "HEAD~1", "--fail-on-warning", cwd=repo)
    assert result.returncode == 0, result.stdout
    assert "Warnings" not in result.stdout
    assert "`HEAD~1` → `working tree`" in result.stdout


@needs_git
def test_json_format(repo: Path) -> None:
    result = compbank("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 0
    report = json.loads(result.stdout)
    records = {(r["kind"], r["key"]): r for r in report["records"]}
    assert records["competency", "99"]["status"] == "added"
    assert records["job-class", "9375"]["status"] == "removed"
    level = records["job-class", "7521"]["levels"][0]
    assert (level["competency"], level["old"], level["new"], level["direction"]) == (
        13,
        2,
        3,
        "raised",
    )
    field = records["competency", "34"]["fields"][0]
    assert field["path"] == "$.definition"
    assert ["-", "recipients"] in field["words"]
    assert ["+", "users"] in field["words"]
    assert {w["code"] for w in report["warnings"]} == {
        "version-not-bumped",
        "changelog-not-updated",
    }
    assert report["changelog_changed"] is False


@needs_git
def test_working_tree_is_the_default_head_and_no_change_says_so(repo: Path) -> None:
    result = compbank("diff", "HEAD", cwd=repo / "data" / "classes")
    assert result.returncode == 0
    assert "No change to the data." in result.stdout


@needs_git
def test_renumbered_competency_warns(repo: Path) -> None:
    edit(repo / BANK_034, lambda d: d.update(name="Public Relations", record_version=3))
    result = compbank("diff", "HEAD", cwd=repo)
    assert "**number-renamed**" in result.stdout
    assert "competency 34 was 'Customer Service' and is now 'Public Relations'" in result.stdout
    assert "  - Name: ~~Customer Service~~ **Public Relations**" in result.stdout


@needs_git
def test_a_revision_without_data_diffs_as_all_added(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "README.md").write_text("empty\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    checkout_copy(root)
    result = compbank("diff", "HEAD", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    statuses = {r["status"] for r in json.loads(result.stdout)["records"]}
    assert statuses == {"added"}


def test_directories_of_invalid_and_unparsable_data(tmp_path: Path) -> None:
    base = checkout_copy(tmp_path / "base")
    head = checkout_copy(tmp_path / "head")
    # invalid data: a class requiring a competency the bank lacks; still compared
    edit(
        head / CLASS_7521,
        lambda d: d.update(requirements="all of them", record_version=2),
    )
    # a file that does not parse: reported, not compared, not called removed
    (head / BANK_034).write_text('{"number": 34,', encoding="utf-8")
    result = compbank("diff", str(base), str(head / "data"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    md = result.stdout
    assert "**unreadable-file** `data/competency_bank/034-customer-service.json" in md
    assert "not compared: \\[json-syntax\\] $: " in md
    assert "34. Customer Service" not in md
    assert "- **Changed:** 7521 SENIOR ELECTRIC SERVICE REPRESENTATIVE" in md
    assert '  - Requirements: `[{"competency": 8, ' in md
    assert "]` → all of them\n" in md
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "no-such-revision"], "'no-such-revision' is neither a directory nor a git"),
        (["diff", "HEAD", "--format", "html"], "invalid choice"),
    ],
)
@needs_git
def test_usage_errors_exit_2(repo: Path, args: list[str], message: str) -> None:
    result = compbank(*args, cwd=repo)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_revision_outside_a_repository_exits_2(tmp_path: Path) -> None:
    result = compbank("diff", "HEAD", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "not inside a git repository" in result.stderr
    assert "Traceback" not in result.stderr


# --- the library ---------------------------------------------------------------------------


def test_word_diff_keeps_the_unchanged_words() -> None:
    ops = word_diff("Serves the customer well.", "Serves every customer well!")
    assert ops == (
        ("=", "Serves "),
        ("-", "the"),
        ("+", "every"),
        ("=", " customer well"),
        ("-", "."),
        ("+", "!"),
    )
    assert "".join(t for op, t in ops if op != "+") == "Serves the customer well."
    assert "".join(t for op, t in ops if op != "-") == "Serves every customer well!"


def test_identical_directories_have_no_diff(tmp_path: Path) -> None:
    base = checkout_copy(tmp_path / "base") / "data"
    result = diff_dirs(base, REPO / "data")
    assert not result.changed
    assert result.records == ()
    assert result.warnings == ()
    assert "No change to the data." in to_markdown(result)
    json.dumps(to_dict(result))


def test_list_items_are_aligned_so_an_insertion_is_one_change(tmp_path: Path) -> None:
    base = checkout_copy(tmp_path / "base") / "data"
    head = checkout_copy(tmp_path / "head") / "data"

    def insert(d: dict[str, Any]) -> None:
        indicators = d["behavioral_indicators"]
        assert isinstance(indicators, list)
        indicators.insert(1, "Smiles.")
        bump(d)

    edit(head / "competency_bank/034-customer-service.json", insert)
    (record,) = diff_dirs(base, head).records
    assert [(f.path, f.status, f.new) for f in record.fields] == [
        ("$.behavioral_indicators[1]", "added", "Smiles.")
    ]
    assert record.fields[0].label == "Behavioral indicator 2"


def test_a_removed_requirement_and_an_unknown_level(tmp_path: Path) -> None:
    base = checkout_copy(tmp_path / "base") / "data"
    head = checkout_copy(tmp_path / "head") / "data"

    def change(d: dict[str, Any]) -> None:
        requirements = d["requirements"]
        assert isinstance(requirements, list)
        requirements[1]["required_level"] = None
        del requirements[0]
        bump(d)

    edit(head / "classes/7521-senior-electric-service-representative.json", change)
    (record,) = diff_dirs(base, head).records
    assert [(e.competency, e.name) for e in record.requirements_removed] == [(8, "Safety Focus")]
    assert [(lc.competency, lc.direction) for lc in record.levels] == [(13, "now unknown")]
    assert record.fields == ()
    md = to_markdown(diff_dirs(base, head))
    assert "  - Requirement removed: 8. Safety Focus" in md
    assert "  - Required level of 13. Stress Tolerance now unknown: 2 → unknown" in md


def test_a_level_text_edit_names_the_level(tmp_path: Path) -> None:
    base = checkout_copy(tmp_path / "base") / "data"
    head = checkout_copy(tmp_path / "head") / "data"

    def change(d: dict[str, Any]) -> None:
        d["levels"]["2"] += " Always."
        bump(d)

    edit(head / "competency_bank/034-customer-service.json", change)
    (record,) = diff_dirs(base, head).records
    (field,) = record.fields
    assert (field.path, field.label, field.status) == ("$.levels['2']", "Level 2", "changed")
    assert field.words is not None
    assert field.words[-1] == ("+", " Always.")
    assert "  - Level 2: Promotes positive" in to_markdown(diff_dirs(base, head))
    assert "customer service. **Always.**\n" in to_markdown(diff_dirs(base, head))


def renamed(name: str) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        d["name"] = name
        bump(d)

    return change


@pytest.mark.parametrize(
    "name", ["customer service", "CUSTOMER SERVICE", "Customer-Service", "Customer Service."]
)
def test_a_name_changed_in_case_or_punctuation_alone_is_an_edit_not_a_renumbering(
    tmp_path: Path, name: str
) -> None:
    base = checkout_copy(tmp_path / "base") / "data"
    head = checkout_copy(tmp_path / "head") / "data"
    edit(head / "competency_bank/034-customer-service.json", renamed(name))
    result = diff_dirs(base, head)
    (record,) = result.records
    assert [(f.path, f.status, f.old, f.new) for f in record.fields] == [
        ("$.name", "changed", "Customer Service", name)
    ]
    # the same competency, written otherwise: the name's change is shown, and no warning
    # says the number now names another competency (nor any other warning: it is bumped)
    assert [w.code for w in result.warnings] == ["changelog-not-updated"]
    assert "**number-renamed**" not in to_markdown(result)


def test_a_name_changed_in_its_words_is_a_renumbering(tmp_path: Path) -> None:
    base = checkout_copy(tmp_path / "base") / "data"
    head = checkout_copy(tmp_path / "head") / "data"
    edit(head / "competency_bank/034-customer-service.json", renamed("Customer Services"))
    result = diff_dirs(base, head)
    assert [w.code for w in result.warnings] == ["number-renamed", "changelog-not-updated"]
