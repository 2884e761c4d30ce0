"""What the real-browser tests share: `casegraph app` started on a free 127.0.0.1 port and
stopped whatever happens, headless Chromium, and the waits that follow a Streamlit page.

Import it from a browser test module only (never from a conftest): when Debian's `chromium`
and `chromium-driver` or selenium are missing, importing it skips the module that imports it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1440,1100",
]
WAIT = 90.0
# Streamlit settings for the server under test: no reruns when source files change meanwhile,
# and no "Deploy" button in the screenshots (as `casegraph app` should set for users too).
SERVER_ENV = {
    "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    "STREAMLIT_CLIENT_TOOLBAR_MODE": "minimal",
}
CASEGRAPH = [sys.executable, "-c", "from casegraph.cli import main; main()"]

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (dev extra)")
By = pytest.importorskip("selenium.webdriver.common.by").By
Keys = pytest.importorskip("selenium.webdriver.common.keys").Keys


# -- the server and the browser -------------------------------------------------------------


@contextlib.contextmanager
def running_app(
    data_dir: Path, log: Path, environment: dict[str, str] | None = None
) -> Iterator[str]:
    """`casegraph app` over `data_dir` on a free port, its output in `log`; yields its address
    and stops it (with its Streamlit child) whatever happens."""
    port = free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        process = subprocess.Popen(
            [*CASEGRAPH, "app", "--data-dir", str(data_dir), "--port", str(port)],
            env={**os.environ, **SERVER_ENV, **(environment or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopping it stops Streamlit too
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", process, log)
            yield f"http://127.0.0.1:{port}"
            assert process.poll() is None, f"the server died; see {log}"
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


@contextlib.contextmanager
def chromium(profile: Path, downloads: Path | None = None) -> Iterator[Any]:
    """Headless Chromium with a fresh profile; files the user downloads go to `downloads`."""
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {"download.default_directory": str(downloads), "download.prompt_for_download": False},
        )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        if downloads is not None:
            driver.execute_cdp_cmd(
                "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
            )
        driver.set_page_load_timeout(WAIT)
        yield driver
    finally:
        driver.quit()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path | None = None) -> None:
    deadline = time.monotonic() + WAIT
    where = f"; see {log}" if log else ""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"casegraph app exited with {process.returncode}{where}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.3)
    raise AssertionError(f"casegraph app did not answer on {url}{where}")


# -- following a Streamlit page ---------------------------------------------------------------


def page_text(browser: Any) -> str:
    return str(browser.find_element(By.TAG_NAME, "body").text)


def settle(browser: Any, quiet: float = 1.0) -> None:
    """Wait until Streamlit has finished running the script (no status widget, no spinner)."""
    deadline = time.monotonic() + WAIT
    calm_since = time.monotonic()
    while time.monotonic() < deadline:
        busy = browser.find_elements(
            By.CSS_SELECTOR, '[data-testid="stStatusWidget"], [data-testid="stSpinner"]'
        )
        if busy:
            calm_since = time.monotonic()
        elif time.monotonic() - calm_since >= quiet:
            return
        time.sleep(0.2)


def wait_for(browser: Any, words: str) -> None:
    """Wait until the page shows `words`, then until it settles."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if words in page_text(browser):
            settle(browser)
            return
        time.sleep(0.3)
    shot(browser, "failed")
    raise AssertionError(f"{words!r} never appeared; the page says: {page_text(browser)[:1500]}")


def wait_until(condition: Callable[..., Any]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not change as expected")
        time.sleep(0.3)


def wait_for_element(browser: Any, by: str, selector: str) -> Any:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        found = browser.find_elements(by, selector)
        if found:
            settle(browser)
            return browser.find_elements(by, selector)[0]
        time.sleep(0.3)
    shot(browser, "failed")
    raise AssertionError(f"no {selector!r}; the page says: {page_text(browser)[:1500]}")


def click(browser: Any, selector: str) -> None:
    """Click the element with this CSS selector, scrolled into view."""
    element = wait_for_element(browser, By.CSS_SELECTOR, selector)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    settle(browser)


def tab(browser: Any, name: str) -> None:
    """Open the tab whose label holds `name`."""
    found = wait_for_element(
        browser, By.XPATH, f"//*[@role='tab'][contains(normalize-space(.), '{name}')]"
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", found)
    found.click()
    settle(browser)


def select(browser: Any, container: str, option: str) -> None:
    """Pick an option in a selectbox inside the element with this CSS selector."""
    field = wait_for_element(browser, By.CSS_SELECTOR, f"{container} input[role='combobox']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.click()
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(option)
    time.sleep(0.5)
    field.send_keys(Keys.ENTER)  # the first option that matches what was typed
    settle(browser)


def shot(browser: Any, name: str) -> Path:
    """A screenshot in test-artifacts/browser/NAME.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    browser.execute_script("document.activeElement && document.activeElement.blur()")
    time.sleep(0.3)
    browser.save_screenshot(str(path))
    return path
