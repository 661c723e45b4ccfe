"""CITATION.cff is valid Citation File Format and cites the data release there is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ruamel.yaml import YAML

from conftest import DATA, REPO, read_json
from test_workflows import check_jsonschema

if TYPE_CHECKING:
    from pathlib import Path

CITATION = REPO / "CITATION.cff"


def load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return loaded


def test_citation_is_valid_against_the_citation_file_format_schema() -> None:
    result = check_jsonschema("--builtin-schema", "vendor.citation-file-format", str(CITATION))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_citation_without_authors(tmp_path: Path) -> None:
    broken = tmp_path / "CITATION.cff"
    text = CITATION.read_text(encoding="utf-8")
    broken.write_text(text.replace("authors:\n  - name: compbank maintainers\n", ""))
    assert "authors" not in load(broken)
    result = check_jsonschema("--builtin-schema", "vendor.citation-file-format", str(broken))
    assert result.returncode == 1
    assert "authors" in result.stdout


def test_it_cites_the_current_data_release() -> None:
    """The version cited is the data's (what changes the data changes the citation)."""
    citation = load(CITATION)
    release = read_json(DATA / "release.json")
    assert citation["version"] == release["data_version"]
    assert str(citation["date-released"]) == release["released"]
    assert citation["type"] == "dataset"


def test_it_names_the_city_as_the_texts_source_and_claims_no_licence() -> None:
    citation = load(CITATION)
    assert "license" not in citation
    (source,) = citation["references"]
    assert source["authors"] == [{"name": "City of Los Angeles Personnel Department"}]
