"""A headless Chromium for the site's tests: Debian's chromium, driven by its chromedriver.

Both paths are given to Selenium, so it never looks for (or downloads) a browser or a
driver of its own. Where either is missing the test skips, or fails in CI (`tools`).
"""

from __future__ import annotations

import base64
import contextlib
import tempfile
from typing import TYPE_CHECKING, Any

from tools import npm_package, system_tool

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from selenium.webdriver.chrome.webdriver import WebDriver

#: Flags that let Chromium run headless here (as root, no GPU) and reach no network.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)
DESKTOP = (1280, 900)
PHONE = (375, 812)


@contextlib.contextmanager
def chromium() -> Iterator[WebDriver]:
    """A new headless Chromium with an empty profile, logging the console; quit on exit."""
    from selenium import webdriver  # noqa: PLC0415 (only where a browser test runs)
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    browser = system_tool("chromium")
    driver_path = system_tool("chromedriver")
    with tempfile.TemporaryDirectory(prefix="compbank-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        try:
            driver.set_window_size(*DESKTOP)
            driver.set_script_timeout(30)
            yield driver
        finally:
            driver.quit()


def console_errors(driver: WebDriver) -> list[str]:
    """The console's errors since the last call (uncaught exceptions, failed loads, ...)."""
    entries = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return [e["message"] for e in entries if e["level"] == "SEVERE"]


def axe_violations(driver: WebDriver) -> list[dict[str, Any]]:
    """What axe-core (the pinned npm package) finds wrong in the page loaded in *driver*."""
    source = (npm_package("axe-core") / "axe.min.js").read_text(encoding="utf-8")
    driver.execute_script(source)
    result: list[dict[str, Any]] | str = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ["violations"]})
          .then((r) => done(r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ")),
          }))))
          .catch((e) => done(String(e)));
        """
    )
    assert not isinstance(result, str), f"axe-core failed: {result}"
    return result


#: Resolves once the page is whole: loaded, every stylesheet applied, every font ready. Chromium
#: can report a navigation done while a stylesheet is still pending, and a page printed or
#: measured then has no styles at all; the result names the stylesheets that never loaded.
_SETTLED = """
const done = arguments[arguments.length - 1];
const pending = () => Array.from(document.querySelectorAll('link[rel="stylesheet"]'))
  .filter((link) => !link.sheet).map((link) => link.getAttribute("href"));
const wait = (tries) => {
  if (document.readyState === "complete" && pending().length === 0) {
    document.fonts.ready.then(() => requestAnimationFrame(() => done([])));
  } else if (tries === 0) {
    done(pending().concat(document.readyState === "complete" ? [] : [document.readyState]));
  } else {
    setTimeout(() => wait(tries - 1), 50);
  }
};
wait(200);
"""


def open_uri(driver: WebDriver, uri: str) -> None:
    """Load *uri* in *driver* and wait until its stylesheets and fonts are applied."""
    driver.get(uri)
    missing: list[str] = driver.execute_async_script(_SETTLED)
    if missing:  # once more, from the start: a file that is there loads then
        driver.refresh()
        missing = driver.execute_async_script(_SETTLED)
    assert not missing, f"{uri}: not loaded after two tries of 10 s: {missing}"


def printed_pdf(driver: WebDriver, page: Path) -> bytes:
    """The PDF Chromium prints of *page* (a file), with the page's own print stylesheet."""
    console_errors(driver)  # what earlier pages logged
    open_uri(driver, page.as_uri())
    errors = console_errors(driver)  # a stylesheet that failed to load, for one
    assert not errors, (page, errors)
    printed = driver.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False}
    )
    return base64.b64decode(printed["data"])
