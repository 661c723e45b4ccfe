"""The site in a real browser: Debian's headless Chromium, driven by Selenium.

One browser serves the whole module; the sites are built once per module. Pages are opened
from disk (``file://``), the hardest case for a static site: no server, unique origins.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

import pytest

import compbank
from browser import (
    DESKTOP,
    PHONE,
    axe_violations,
    chromium,
    console_errors,
    open_uri,
    printed_pdf,
)
from compbank.importer import import_document
from compbank.site import build_site
from compbank.site._build import class_page, competency_page
from conftest import DATA, REPO, class_file
from site_data import HOSTILE, hostile_data, levels_changed_data
from tools import system_tool

if TYPE_CHECKING:
    from collections.abc import Iterator

    from selenium.webdriver.chrome.webdriver import WebDriver

#: Where the documentation's screenshots are; regenerate them with
#: ``COMPBANK_SCREENSHOTS=1 pytest tests/test_site_browser.py -k screenshots``.
SCREENSHOTS = REPO / "docs" / "screenshots"

# What the page shows of itself after its scripts ran: its links (as written) and its ids.
_PAGE_FACTS = """
return {
  links: Array.from(document.querySelectorAll("[href], [src]"))
    .map((e) => e.getAttribute("href") || e.getAttribute("src")),
  ids: Array.from(document.querySelectorAll("[id]")).map((e) => e.id),
};
"""


@pytest.fixture(scope="module")
def bank() -> compbank.Bank:
    return compbank.load(DATA)


@pytest.fixture(scope="module")
def site(bank: compbank.Bank, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(bank, out)
    return out


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def browser(driver: WebDriver) -> WebDriver:
    """The module's browser at desktop size, its console read empty."""
    driver.set_window_size(*DESKTOP)
    console_errors(driver)
    return driver


def open_page(driver: WebDriver, site: Path, path: str) -> dict[str, list[str]]:
    """Load *path* of *site*; its links and ids, after checking the console stayed clean."""
    page, mark, query = path.partition("?")
    open_uri(driver, (site / page).as_uri() + mark + query)
    facts: dict[str, list[str]] = driver.execute_script(_PAGE_FACTS)
    errors = console_errors(driver)
    assert not errors, (path, errors)
    return facts


def crawl(driver: WebDriver, site: Path, *starts: str) -> dict[str, list[str]]:
    """Visit every page linked from *starts*, checking each link; the ids of each page.

    Every link must be relative and name a file of the site; an anchor must name an
    element of its page (checked once every page is seen).
    """
    seen: dict[str, list[str]] = {}
    anchors: list[tuple[str, str, str]] = []
    queue = deque(starts)
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        facts = open_page(driver, site, path)
        seen[path] = facts["ids"]
        page = path.split("?")[0]
        for link in facts["links"]:
            parts = urlsplit(link)
            assert not parts.scheme, (path, link)  # no other host, no absolute address
            assert not parts.path.startswith("/"), (path, link)
            target = (site / page).parent / unquote(parts.path) if parts.path else site / page
            target = target.resolve()
            assert target.is_file(), (path, link)
            assert site.resolve() in target.parents, (path, link)  # inside the site
            relative = target.relative_to(site.resolve()).as_posix()
            if parts.fragment:
                anchors.append((path, relative, parts.fragment))
            if target.suffix == ".html":
                queue.append(relative + (f"?{parts.query}" if parts.query else ""))
    for path, linked, fragment in anchors:
        ids = seen.get(linked)
        if ids is None:
            ids = seen[linked] = open_page(driver, site, linked)["ids"]
        assert fragment in ids, (path, f"{linked}#{fragment}")
    return seen


def test_every_page_loads_cleanly_and_every_link_and_anchor_resolves(
    browser: WebDriver, site: Path
) -> None:
    seen = crawl(
        browser,
        site,
        "index.html",
        "search.html?q=customer",
        "compare.html?from=1230&to=7521",
    )
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert pages <= {p.split("?")[0] for p in seen}  # every page is reachable


def test_search_finds_a_competency_by_a_phrase_of_its_indicator(
    browser: WebDriver, site: Path, bank: compbank.Bank
) -> None:
    from selenium.webdriver.common.by import By  # noqa: PLC0415
    from selenium.webdriver.common.keys import Keys  # noqa: PLC0415
    from selenium.webdriver.support.ui import WebDriverWait  # noqa: PLC0415

    c = bank.competencies[34]
    phrase = " ".join(c.behavioral_indicators[3].split()[:7])  # "Maintains a positive ..."
    open_page(browser, site, "search.html")
    box = browser.find_element(By.ID, "q")
    box.send_keys(phrase, Keys.ENTER)  # the form, by keyboard: it loads search.html?q=...
    results = WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results > li")
    )
    first = results[0].find_element(By.CSS_SELECTOR, "h2 a")
    assert first.get_attribute("href") == (site / competency_page(c)).as_uri()
    place = results[0].find_element(By.CSS_SELECTOR, "ul a")
    assert place.get_attribute("href") == (site / competency_page(c)).as_uri() + "#indicator-4"
    assert c.behavioral_indicators[3] in results[0].text
    assert "1 page matches" in browser.find_element(By.ID, "search-status").text
    assert console_errors(browser) == []
    place.click()
    assert browser.execute_script("return location.hash") == "#indicator-4"


def test_search_finds_a_class_by_code_and_the_page_says_when_nothing_matches(
    browser: WebDriver, site: Path, bank: compbank.Bank
) -> None:
    from selenium.webdriver.common.by import By  # noqa: PLC0415

    open_page(browser, site, "search.html?q=7521")
    links = browser.find_elements(By.CSS_SELECTOR, "#search-results h2 a")
    assert [a.get_attribute("href") for a in links] == [
        (site / class_page(bank.classes["7521"])).as_uri()
    ]
    open_page(browser, site, "search.html?q=" + quote("zzz nothing"))
    assert browser.find_elements(By.CSS_SELECTOR, "#search-results > li") == []
    assert "0 pages match" in browser.find_element(By.ID, "search-status").text


def _shown_comparison(driver: WebDriver) -> dict[str, list[tuple[int, str, str]]]:
    return {
        key: [
            (int(li["number"]), li["from"], li["to"])
            for li in driver.execute_script(
                "return Array.from(document.querySelectorAll(arguments[0])).map("
                "(li) => ({number: li.dataset.number, from: li.dataset.from, to: li.dataset.to}))",
                f"#{key} li[data-number]",
            )
        ]
        for key in ("added", "dropped", "raised", "lowered", "same", "unknown")
    }


def _expected_comparison(
    bank: compbank.Bank, a: str, b: str
) -> dict[str, list[tuple[int, str, str]]]:
    def level(n: int | None) -> str:
        return "" if n is None else str(n)

    change = bank.compare(a, b)
    from_levels = {r.number: r.required_level for r in change.from_class.requirements}
    to_levels = {r.number: r.required_level for r in change.to_class.requirements}
    return {
        "added": [(r.number, "", level(r.required_level)) for r in change.added],
        "dropped": [(r.number, level(r.required_level), "") for r in change.dropped],
        "raised": [
            (x.competency.number, str(x.from_level), str(x.to_level)) for x in change.raised
        ],
        "lowered": [
            (x.competency.number, str(x.from_level), str(x.to_level)) for x in change.lowered
        ],
        "same": [
            (c.number, level(from_levels[c.number]), level(to_levels[c.number]))
            for c in change.same
        ],
        "unknown": [
            (c.number, level(from_levels[c.number]), level(to_levels[c.number]))
            for c in change.unknown
        ],
    }


def test_compare_1230_to_7521_shows_what_bank_compare_returns(
    browser: WebDriver, site: Path, bank: compbank.Bank
) -> None:
    open_page(browser, site, "compare.html?from=1230&to=7521")
    shown = _shown_comparison(browser)
    assert shown == _expected_comparison(bank, "1230", "7521")
    assert [n for n, _, _ in shown["added"]] == [8, 28, 45, 50, 53]
    assert [n for n, _, _ in shown["unknown"]] + [n for n, _, _ in shown["same"]] != []


def test_compare_every_pair_picked_in_the_form(browser: WebDriver, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By  # noqa: PLC0415
    from selenium.webdriver.support.ui import Select  # noqa: PLC0415

    bank = compbank.load(levels_changed_data(tmp_path / "data"))
    change = bank.compare("1230", "7521")
    assert change.raised
    assert change.lowered
    site = tmp_path / "site"
    build_site(bank, site)
    open_page(browser, site, "compare.html")
    codes = list(bank.classes)
    for a in codes:
        Select(browser.find_element(By.ID, "from")).select_by_value(a)
        for b in codes:
            Select(browser.find_element(By.ID, "to")).select_by_value(b)
            assert _shown_comparison(browser) == _expected_comparison(bank, a, b), (a, b)
    assert console_errors(browser) == []


def test_keyboard_skip_link_moves_to_the_main_content(browser: WebDriver, site: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains  # noqa: PLC0415
    from selenium.webdriver.common.keys import Keys  # noqa: PLC0415

    open_page(browser, site, class_page(compbank.load(DATA).classes["1230"]))
    ActionChains(browser).send_keys(Keys.TAB).perform()
    active = browser.switch_to.active_element
    assert active.text == "Skip to main content"
    assert active.is_displayed()  # shown when focused
    active.send_keys(Keys.ENTER)
    assert browser.execute_script("return document.activeElement.id") == "main"


@pytest.mark.parametrize("page", ["home", "class", "competency", "compare", "search"])
def test_axe_finds_no_serious_or_critical_violation(
    browser: WebDriver, site: Path, bank: compbank.Bank, page: str
) -> None:
    path = {
        "home": "index.html",
        "class": class_page(bank.classes["7521"]),
        "competency": competency_page(bank.competencies[34]),
        "compare": "compare.html?from=1230&to=7521",
        "search": "search.html?q=customer",
    }[page]
    open_page(browser, site, path)
    violations = axe_violations(browser)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)


def test_pages_fit_a_375_pixel_screen(browser: WebDriver, site: Path, bank: compbank.Bank) -> None:
    browser.set_window_size(*PHONE)
    assert browser.execute_script("return window.innerWidth") == PHONE[0]
    paths = [
        "index.html",
        "classes.html",
        "competencies.html",
        "compare.html?from=7625&to=9375",
        "search.html?q=knowledge",
        *(class_page(jc) for jc in bank.classes.values()),
        competency_page(bank.competencies[28]),
    ]
    for path in paths:
        open_page(browser, site, path)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= PHONE[0], (path, width)


def test_markup_in_the_data_shows_as_text_and_runs_nothing(
    browser: WebDriver, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By  # noqa: PLC0415

    data = hostile_data(tmp_path / "data")
    hostile_bank = compbank.load(data)
    site = tmp_path / "site"
    build_site(hostile_bank, site)
    seen = crawl(
        browser, site, "index.html", "search.html?q=window", "compare.html?from=1230&to=7521"
    )
    assert len(seen) > 30
    texts: dict[str, str] = {}
    for path in (
        class_page(hostile_bank.classes["7521"]),
        competency_page(hostile_bank.competencies[34]),
        "search.html?q=window",
        "compare.html?from=1230&to=7521",
        "classes.html",
    ):
        open_page(browser, site, path)
        assert browser.execute_script("return window.compbankHostile") is None, path
        texts[path] = browser.find_element(By.TAG_NAME, "body").text
    class_text = texts[class_page(hostile_bank.classes["7521"])]
    assert HOSTILE["title"] in class_text
    assert HOSTILE["area"] in class_text
    assert HOSTILE["found"] in class_text
    competency_text = texts[competency_page(hostile_bank.competencies[34])]
    for key in ("definition", "indicator", "level", "alias"):
        assert HOSTILE[key] in competency_text, key
    for key in ("definition", "indicator", "level"):
        assert HOSTILE[key] in texts["search.html?q=window"], key
    assert HOSTILE["title"] in texts["compare.html?from=1230&to=7521"]
    assert HOSTILE["title"] in texts["classes.html"]


# -- printing ------------------------------------------------------------------------------


def class_pdf(driver: WebDriver, site: Path, bank: compbank.Bank, code: str) -> bytes:
    """The PDF the browser prints of class *code*'s page (to import back, or to look at)."""
    return printed_pdf(driver, site / class_page(bank.classes[code]))


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text poppler's pdftotext reads from *pdf*."""
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [system_tool("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_print_styles_mark_the_required_level_and_hide_the_site(
    browser: WebDriver, site: Path, bank: compbank.Bank
) -> None:
    open_uri(browser, (site / class_page(bank.classes["7521"])).as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        styles: dict[str, Any] = browser.execute_script(
            """
            const s = (q) => getComputedStyle(document.querySelector(q));
            const required = s("#c13-level-2 .required-text");
            return {
              required: [required.fontStyle, required.fontWeight, required.textDecorationLine],
              plain: [s("#c13-level-1").fontStyle, s("#c13-level-1").fontWeight],
              hidden: ["header", "footer", ".crumbs", "#c13-level-2 .badge", "#record",
                       "#c8-level-unknown"].map((q) => s(q).display),
              breaks: Array.from(document.querySelectorAll("section.competency"))
                .map((e) => getComputedStyle(e).breakBefore),
            };
            """
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert styles["required"] == ["italic", "700", "underline"]
    assert styles["plain"] == ["normal", "400"]
    assert set(styles["hidden"]) == {"none"}
    assert styles["breaks"] == ["page"] * len(bank.classes["7521"].requirements)


@pytest.mark.parametrize("code", ["1230", "1336", "7521", "7625", "9375"])
def test_a_printed_class_page_imports_back_to_its_class_file(
    driver: WebDriver, site: Path, bank: compbank.Bank, code: str, tmp_path: Path
) -> None:
    # The PDF the browser prints, read by `compbank import` as any published PDF: the levels
    # come back from the fonts (italic, bold and underlined, as the page announces), every
    # text comes back as the bank has it, and the class file is the committed one but for
    # what says how it was read: its source (the PDF) and its notes on the emphasis.
    jc = bank.classes[code]
    pdf = tmp_path / f"{Path(jc.source).stem}.pdf"
    pdf.write_bytes(class_pdf(driver, site, bank, code))
    result = import_document(pdf, bank)
    document = result.class_document()
    committed = class_file(jc.code)
    for key in ("code", "title", "year"):
        assert document[key] == committed[key], key
    assert document["source"] == pdf.name
    # the page each competency was read from is what the PDF adds: the printed page's order
    pages = [r.pop("page") for r in document["requirements"]]
    assert all(isinstance(p, int) and p >= 1 for p in pages), pages
    assert pages == sorted(pages)
    assert document["requirements"] == committed["requirements"]
    assert [c.status for c in result.comparisons] == ["identical"] * len(jc.requirements)
    kinds = {n["kind"] for n in document["notes"]}
    assert ("emphasis-from-font" in kinds) == any(r.required_level for r in jc.requirements)
    assert ("emphasis-lost" in kinds) == any(r.required_level is None for r in jc.requirements)
    assert not {f.kind for f in result.findings} - {"emphasis-from-font", "emphasis-lost"}


def test_a_printed_class_page_as_extracted_text_imports_with_levels_unknown(
    driver: WebDriver, site: Path, bank: compbank.Bank, tmp_path: Path
) -> None:
    # Text extracted from the PDF has lost its emphasis: the same requirements and areas,
    # every level unknown, as the importer must say.
    jc = bank.classes["7521"]
    result = import_document(pdf_text(class_pdf(driver, site, bank, "7521"), tmp_path), bank)
    document = result.class_document()
    committed = class_file(jc.code)
    assert [
        {k: v for k, v in r.items() if k != "required_level"} for r in document["requirements"]
    ] == [{k: v for k, v in r.items() if k != "required_level"} for r in committed["requirements"]]
    assert [r["required_level"] for r in document["requirements"]] == [None] * len(jc.requirements)
    emphasis = [n for n in document["notes"] if n["kind"] == "emphasis-lost"]
    assert " ".join(emphasis[0]["found"].split()) == "(italicized, bolded, and underlined)"


def test_the_printed_required_level_is_in_bold_italic(
    driver: WebDriver, site: Path, bank: compbank.Bank, tmp_path: Path
) -> None:
    path = tmp_path / "7521.pdf"
    path.write_bytes(class_pdf(driver, site, bank, "7521"))
    fonts = subprocess.run(
        [system_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "BoldItalic" in fonts  # the face of the two known levels' texts (and the notice)


# -- screenshots for the documentation -----------------------------------------------------


def test_screenshots(browser: WebDriver, site: Path, bank: compbank.Bank, tmp_path: Path) -> None:
    out = SCREENSHOTS if os.environ.get("COMPBANK_SCREENSHOTS") else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    shots = {
        "home-desktop.png": ("index.html", DESKTOP),
        "class-desktop.png": (class_page(bank.classes["7521"]) + "#c13", DESKTOP),
        "class-phone.png": (class_page(bank.classes["7521"]) + "#c13", PHONE),
        "compare-phone.png": ("compare.html?from=1230&to=7521", PHONE),
    }
    for name, (path, size) in shots.items():
        browser.set_window_size(*size)
        page, _, fragment = path.partition("#")
        open_page(browser, site, page)
        if fragment:
            browser.execute_script(
                "document.getElementById(arguments[0]).scrollIntoView()", fragment
            )
        assert browser.get_screenshot_as_file(str(out / name))
        png = (out / name).read_bytes()
        assert png.startswith(b"\x89PNG")
        assert int.from_bytes(png[16:20], "big") == size[0]  # the width, from the IHDR chunk
