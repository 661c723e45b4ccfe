"""Web transcriptions and title blocks found by what they say, over the kept corpus.

``tests/fixtures/import/transcriptions/`` keeps each copy that once failed (written by
``make_transcriptions.py`` there); each must give its header and exact list, every level
unknown, and a problem naming each competency it could not read. The five sources are
also made into transcriptions here, whole and cut after their list, with and without the
site's chrome.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from compbank import load
from compbank.importer import IncompleteImportError, import_document
from compbank.importer.read_pages import is_pages
from pdf_documents import fpdf_pdf, require_fonts
from tools import system_tool
from transcriptions import transcription

ROOT = Path(__file__).resolve().parents[1]
BANK = load(ROOT / "data")
SOURCES = ROOT / "data" / "sources"
CORPUS = ROOT / "tests" / "fixtures" / "import" / "transcriptions"
L7521 = [8, 13, 20, 28, 34, 45, 50, 53]
L1230 = [2, 3, 4, 6, 13, 20, 22, 34, 40]
TITLE = "SENIOR ELECTRIC SERVICE REPRESENTATIVE"
L1230_TITLE = "CUSTOMER SERVICE REPRESENTATIVE"
_ENTRY = re.compile(r"^- \*?(\d+)\. (.*?)\*?$", re.MULTILINE)

#: file -> (code, year, listed numbers, problem codes in order (None: read in full))
EXPECTED: dict[str, tuple[str, int | None, list[int], list[str] | None]] = {
    "7521-chrome-cut-1500.txt": ("7521", None, L7521, ["import-bad-section", "import-incomplete"]),
    "7521-chrome.txt": ("7521", None, L7521, ["import-bad-section"] * 8),
    "7521-no-chrome-cut-3000.txt": ("7521", None, L7521, None),
    "7521-twice-dash-cut-4000.txt": (
        "7521",
        None,
        L7521,
        ["import-bad-section", "import-bad-section", "import-incomplete"],
    ),
    "7521-bunched-cut-3000.txt": ("7521", None, L7521, ["import-bad-section", "import-incomplete"]),
    "7521-mixed-case-headings.txt": ("7521", None, L7521, ["import-bad-section"] * 8),
    "7521-entry-level-cut-2500.txt": (
        "7521",
        None,
        [8, 13, 20, 28, 34, 50, 53],
        ["import-bad-section", "import-unknown-competency", "import-incomplete"],
    ),
    "7521-year-no-code-cut-1500.txt": ("", 2016, L7521, None),
    "1230-title-three-paragraphs.txt": ("1230", None, L1230, []),
    "1230-title-year-and-code.txt": ("1230", 2016, L1230, []),
}


def test_the_corpus_is_what_the_script_makes() -> None:
    import sys  # noqa: PLC0415

    sys.path.insert(0, str(CORPUS.parent))
    from make_transcriptions import cases  # noqa: PLC0415

    assert {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")} == cases()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kept_copies_give_header_list_and_what_was_not_read(name: str) -> None:
    code, year, listed, problems = EXPECTED[name]
    path = CORPUS / name
    if problems == []:
        result = import_document(path, BANK)
    else:
        with pytest.raises(IncompleteImportError) as e:
            import_document(path, BANK)
        result = e.value.result
        if problems is not None:
            assert [p.code for p in e.value.problems] == problems
    assert (result.code, result.year) == (code, year)
    assert [e.number for e in result.listed] == listed
    assert 1 not in [e.number for e in result.listed] or 1 in listed
    if name.startswith("7521"):
        assert result.title == TITLE
        assert result.form == "pages"
        assert result.levels_known == 0
        assert not any(f.kind == "duplicate-listing" for f in result.findings)


def test_each_competency_not_read_is_named() -> None:
    with pytest.raises(IncompleteImportError) as e:
        import_document(CORPUS / "7521-chrome-cut-1500.txt", BANK)
    messages = " ".join(p.message for p in e.value.problems)
    assert "competency 8, SAFETY FOCUS" in messages
    assert "name and the start of its definition" in messages
    assert "13, 20, 28, 34, 45, 50, 53" in messages
    assert all(p.path.startswith("page ") for p in e.value.problems)


def test_a_title_without_its_code_takes_the_code_given() -> None:
    with pytest.raises(IncompleteImportError) as e:
        import_document(CORPUS / "7521-year-no-code-cut-1500.txt", BANK, code="7521")
    assert (e.value.result.code, e.value.result.year) == ("7521", 2016)
    assert "import-no-code" not in [p.code for p in e.value.problems]


def _listed(source: str) -> list[tuple[int, str]]:
    return [
        (int(n), name)
        for n, name in _ENTRY.findall(source.split("On the following", maxsplit=1)[0])
    ]


@pytest.mark.parametrize("source", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.name[:4])
@pytest.mark.parametrize("chrome", [True, False], ids=["chrome", "no-chrome"])
@pytest.mark.parametrize("twice", [False, True], ids=["once", "twice"])
def test_transcriptions_whole_and_cut_after_the_list(
    source: Path, *, chrome: bool, twice: bool
) -> None:
    text = source.read_text(encoding="utf-8")
    whole = transcription(text, chrome=chrome, twice=twice)
    after_list = whole.index("On the following pages")
    for cut in (None, after_list + 5, after_list + 1500, len(whole) // 2):
        copy = whole if cut is None else whole[:cut]
        assert is_pages(copy)
        with pytest.raises(IncompleteImportError) as e:
            import_document(copy, BANK)
        result = e.value.result
        assert result.code == source.name[:4], cut
        assert [(x.number, x.name) for x in result.listed] == _listed(text), cut
        assert result.levels_known == 0
        assert e.value.problems


def test_a_transcription_whose_last_page_is_cut_short_is_one() -> None:
    text = (SOURCES / "7521-senior-electric-service-representative.txt").read_text("utf-8")
    whole = transcription(text, chrome=False)
    pages = whole.split("\n\n")
    short = "\n\n".join([*pages[:2], pages[2][:40]])
    assert is_pages(short)
    assert is_pages(pages[0][:300])
    assert not is_pages(text)
    # cut just after the next page's number, a page before it short (a competency's end
    # run on): every line starts with its page's number, the last is that number alone
    numbered = "\n\n".join([*pages[:2], pages[2][:150], "4 "])
    assert is_pages(numbered)
    assert not is_pages(numbered.replace("\n\n2 ", "\n\nx ", 1))


@pytest.mark.parametrize(
    "name", ["1230-title-three-paragraphs.txt", "1230-title-year-and-code.txt"]
)
def test_title_blocks_as_separate_paragraphs_in_a_pdf_and_its_text(
    name: str, tmp_path: Path
) -> None:
    require_fonts()
    pdf = fpdf_pdf(CORPUS / name, tmp_path / "model.pdf")
    code, year, listed, _ = EXPECTED[name]
    texts = [
        subprocess.run(
            [system_tool("pdftotext"), *options, str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for options in ((), ("-layout",))
    ]
    copies: list[Path | str] = [pdf, *texts]
    for copy in copies:
        result = import_document(copy, BANK)
        assert (result.code, result.title, result.year) == (code, L1230_TITLE, year)
        assert [e.number for e in result.listed] == listed


def _entry_level(cut: str | None = None) -> str:
    """The 7521 transcription as an entry-level model's: its list's names alone, run
    together; cut short just before *cut* (its first place) where given."""
    text = (SOURCES / "7521-senior-electric-service-representative.txt").read_text("utf-8")
    first, rest = transcription(text, chrome=False).split("\n\n", 1)
    first = first.replace(" in the class of ", " at entry level in the class of ", 1)
    whole = re.sub(r"(?<= )\d{1,3}\. (?=[A-Z][a-z])", "", first) + "\n\n" + rest
    return whole if cut is None else whole[: whole.index(cut)]


def test_an_entry_level_lists_names_a_star_marks_each_as_its_own() -> None:
    # a star before a name among names run together: that competency is needed prior to
    # job entry (it read no list at all: a star is no word of a name)
    text = _entry_level().replace(" Stress Tolerance ", " *Stress Tolerance ", 1)
    text = text.replace(
        " On the following", " *Competencies necessary prior to job entry On the following", 1
    )
    with pytest.raises(IncompleteImportError) as e:
        import_document(text, BANK)
    listed = e.value.result.listed
    assert [x.number for x in listed] == L7521
    assert [x.number for x in listed if x.prior_to_entry] == [13]


@pytest.mark.parametrize(
    ("at", "end"),
    [("On the following", "On the followi"), ("8. SAFETY", "8. SAFETY FOC")],
    ids=["in-the-sentence-after", "in-the-first-heading"],
)
def test_an_entry_level_transcription_cut_after_its_names_gives_them_all(at: str, end: str) -> None:
    # cut inside the sentence after the list (no list was read: "On the followi" is no
    # name), or inside the first heading (read as the list's one entry)
    text = _entry_level(at) + end
    with pytest.raises(IncompleteImportError) as e:
        import_document(text, BANK)
    assert [x.number for x in e.value.result.listed] == L7521
    assert e.value.result.code == "7521"


def test_an_entry_level_competency_whose_definition_lost_its_start_is_named() -> None:
    # a word dropped at the definition's start: the heading of a competency the list names
    # without its number is still its heading, and the problem names it (it was read as
    # no heading at all, the competency left out without a word)
    text = _entry_level().replace("SUPERVISION Ability to", "SUPERVISION 13. to", 1)
    with pytest.raises(IncompleteImportError) as e:
        import_document(text, BANK)
    messages = [p.message for p in e.value.problems]
    assert any(m.startswith("competency 28, SUPERVISION: its heading is read") for m in messages)
