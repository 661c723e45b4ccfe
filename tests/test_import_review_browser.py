"""The import review in a browser: the site's checks on its pages (tests/browser.py).

A review of a PDF (made by fpdf2), a document read in part, one not read and a text
document whose title, file name and texts hold markup, opened from disk in headless
Chromium: no console errors, no serious or critical axe-core violation, nothing wider than
a 375 px screen, every link to a file of the review, and the markup shown as text, run
never.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest

from browser import DESKTOP, PHONE, axe_violations, chromium, console_errors, open_uri
from conftest import compbank_cli
from pdf_documents import SOURCES, fpdf_pdf, require_fonts
from site_data import HOSTILE

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from selenium.webdriver.chrome.webdriver import WebDriver

pytest.importorskip("pypdfium2")
pytest.importorskip("PIL")

_LINKS = (
    "return Array.from(document.querySelectorAll('a[href], img[src], link[href]'))"
    ".map(e => e.getAttribute('href') || e.getAttribute('src'))"
)


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_fonts()
    folder = tmp_path_factory.mktemp("review-browser")
    pdf = fpdf_pdf(SOURCES / "7625-director-of-communications-services.txt", folder / "7625.pdf")
    source = (SOURCES / "7521-senior-electric-service-representative.txt").read_text(
        encoding="utf-8"
    )
    cut = folder / "7521-cut.txt"
    cut.write_text(source[: len(source) // 2].rsplit(" ", 3)[0] + "\n", encoding="utf-8")
    nothing = folder / "not-a-model.txt"
    nothing.write_text(f"{HOSTILE['definition']}\n", encoding="utf-8")
    hostile = folder / f"7521 {HOSTILE['alias'].replace('/', '')}.txt"
    text = source.replace("SENIOR ELECTRIC SERVICE REPRESENTATIVE", HOSTILE["title"], 1)
    text = text.replace("- Wears seat belt.", f"- {HOSTILE['indicator']} Wears seat belt.", 1)
    hostile.write_text(text, encoding="utf-8")
    out = folder / "review"
    result = compbank_cli("import", pdf, cut, nothing, hostile, "--review", out, timeout=300)
    assert result.returncode == 1, result.stderr  # read in part, and not read
    assert "Traceback" not in result.stderr
    return out


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    with chromium() as browser:
        yield browser


def _pages(review: Path) -> list[str]:
    data = json.loads((review / "review.json").read_text(encoding="utf-8"))
    return ["index.html", *(d["html"] for d in data["documents"])]


def test_review_pages_load_cleanly_and_link_only_to_their_files(
    driver: WebDriver, review: Path
) -> None:
    driver.set_window_size(*DESKTOP)
    console_errors(driver)
    pages = _pages(review)
    assert len(pages) == 5
    for page in pages:
        open_uri(driver, (review / page).as_uri())
        assert console_errors(driver) == [], page
        for link in driver.execute_script(_LINKS):
            parts = urlsplit(link)
            assert not parts.scheme, (page, link)
            target = (review / unquote(parts.path)).resolve()
            assert target.is_file(), (page, link)
            assert review.resolve() in target.parents, (page, link)


def test_axe_finds_no_serious_or_critical_violation(driver: WebDriver, review: Path) -> None:
    driver.set_window_size(*DESKTOP)
    for page in _pages(review):
        open_uri(driver, (review / page).as_uri())
        serious = [v for v in axe_violations(driver) if v["impact"] in ("serious", "critical")]
        assert serious == [], (page, json.dumps(serious, indent=1))


def test_review_pages_fit_a_375_pixel_screen(driver: WebDriver, review: Path) -> None:
    driver.set_window_size(*PHONE)
    try:
        for page in _pages(review):
            open_uri(driver, (review / page).as_uri())
            width = driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= PHONE[0], (page, width)
            # the images shrink to the screen: none wider than the page's text
            widest = driver.execute_script(
                "return Math.max(0, ...Array.from(document.images).map(i => i.clientWidth))"
            )
            assert widest <= PHONE[0], (page, widest)
    finally:
        driver.set_window_size(*DESKTOP)


def test_markup_in_a_document_shows_as_text_and_runs_nothing(
    driver: WebDriver, review: Path
) -> None:
    from selenium.webdriver.common.by import By  # noqa: PLC0415

    driver.set_window_size(*DESKTOP)
    texts = {}
    for page in _pages(review):
        open_uri(driver, (review / page).as_uri())
        assert driver.execute_script("return window.compbankHostile") is None, page
        texts[page] = driver.find_element(By.TAG_NAME, "body").text
    everything = "\n".join(texts.values())
    assert HOSTILE["title"] in everything
    assert HOSTILE["indicator"] in everything
