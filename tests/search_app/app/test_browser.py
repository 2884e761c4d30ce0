"""The app in a real browser: `casegraph app` on a free port, driven by headless Chromium.

A user's journey over the demo corpus: the landing page, a search with its citations,
adding a quote, the Themes heatmap, a review, similar cases, the briefing and the Library
(refusing a file that is not a PDF). Screenshots of every page go to test-artifacts/browser/;
with CASEGRAPH_UPDATE_DOCS=1 the search, themes, review and briefing ones are copied to
docs/screenshots/ for the README. The server must listen on 127.0.0.1 only.

Needs Debian's `chromium` and `chromium-driver`, and selenium. The demo store is built once
in test-artifacts/browser-store with the embedder of CASEGRAPH_EMBEDDER (MiniLM by default);
re-running is quick since unchanged files are skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = REPO / "test-artifacts" / "browser"
STORE = REPO / "test-artifacts" / "browser-store"
DOCS = REPO / "docs" / "screenshots"
DOC_SHOTS = ("search", "themes", "review", "briefing")
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
BABY_M = "Serious Case Review: Baby M"
BABY_M_CITATION = f"{BABY_M}, Elmbridge Vale Local Safeguarding Children Board, 2012, p. "
WAIT = 90.0
# Streamlit settings for the server under test: no reruns when source files change meanwhile,
# and no "Deploy" button in the screenshots (as `casegraph app` should set for users too).
SERVER_ENV = {
    "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    "STREAMLIT_CLIENT_TOOLBAR_MODE": "minimal",
}
CASEGRAPH = [sys.executable, "-c", "from casegraph.cli import main; main()"]
SEARCH_BOX = 'input[aria-label="What are you looking for?"]'
ADD = "//button[.//p[text()='Add to briefing']]"
IN_BRIEFING = "//button[.//p[text()='In briefing']]"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (dev extra)")
By = pytest.importorskip("selenium.webdriver.common.by").By
Keys = pytest.importorskip("selenium.webdriver.common.keys").Keys


@pytest.fixture(scope="module")
def demo_store() -> dict[str, str]:
    """The demo corpus, ingested once (skipped when unchanged); returns review ids by title."""
    subprocess.run(
        [*CASEGRAPH, "demo", "--no-app", "--data-dir", str(STORE)],
        check=True,
        timeout=1200,
        capture_output=True,
    )
    from graph.kuzu_store import KuzuStore

    store = KuzuStore(STORE)
    with store.writer():
        store.delete_collection("My briefing")  # each run starts with an empty briefing
    return {row["title"]: row["review_id"] for row in store.reviews()}


@pytest.fixture(scope="module")
def server(demo_store: dict[str, str]) -> Iterator[str]:
    """`casegraph app` on a free port, stopped (with its Streamlit child) whatever happens."""
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = (ARTIFACTS / "server.log").open("w")
    process = subprocess.Popen(
        [*CASEGRAPH, "app", "--data-dir", str(STORE), "--port", str(port)],
        env={**os.environ, **SERVER_ENV},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopping it stops Streamlit too
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def test_server_listens_on_loopback_only(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    others = _non_loopback_addresses()
    if not others:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    for address in others:
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=3):
            pass  # pragma: no cover - reached only if the app listens on every address
    listening = _listening(port)
    if listening is not None:
        assert listening and all(local.startswith("127.0.0.1:") for local in listening)


def test_a_users_journey_through_the_app(
    server: str, browser: Any, demo_store: dict[str, str]
) -> None:
    baby_m = demo_store[BABY_M]

    # The landing page: what is in the store.
    browser.get(server)
    _wait_for(browser, "In the store")
    assert "14" in _text(browser)
    _shot(browser, "home")

    # Search: type a query, see quote cards with their citations and marked words.
    browser.get(f"{server}/Search")
    box = _wait_for_element(browser, By.CSS_SELECTOR, SEARCH_BOX)
    box.send_keys("hidden men", Keys.ENTER)
    _wait_for(browser, "passages")
    page = _text(browser)
    assert BABY_M_CITATION in page, page[:2000]
    assert browser.find_elements(By.CSS_SELECTOR, ".cg-card mark")
    assert browser.find_elements(By.CSS_SELECTOR, ".cg-chip")
    _shot(browser, "search")

    # Add the first three results to the briefing.
    for added in range(1, 4):
        _wait_for_element(browser, By.XPATH, ADD).click()
        _wait_until(lambda n=added: len(browser.find_elements(By.XPATH, IN_BRIEFING)) == n)

    # Themes: the sidebar link, and the heatmap.
    _wait_for_element(browser, By.CSS_SELECTOR, 'a[href$="/Themes"]').click()
    _wait_for_element(
        browser,
        By.CSS_SELECTOR,
        '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg',
    )
    _settle(browser)
    assert "Themes" in _text(browser)
    _shot(browser, "themes")

    # One review, from a link with its id.
    browser.get(f"{server}/Review?review={baby_m}")
    _wait_for(browser, "Elmbridge Vale")
    assert BABY_M in _text(browser)
    _shot(browser, "review")

    # Similar cases to that review, with the reasons.
    browser.get(f"{server}/Similar_cases?review={baby_m}")
    _wait_for(browser, "reviews most like")
    assert "Closest passages" in _text(browser)
    _shot(browser, "similar")

    # The briefing holds the quote, with its citation; the sections are there to edit.
    browser.get(f"{server}/Briefing_builder")
    _wait_for(browser, "3 quotes from")
    assert browser.find_elements(By.CSS_SELECTOR, ".cg-card .cg-cite")
    _shot(browser, "briefing")

    # The Library: the reviews, and a file that is not a PDF is refused with a message.
    browser.get(f"{server}/Library")
    _wait_for(browser, "In the store (14 reviews)")
    fake = ARTIFACTS / "not-really.pdf"
    fake.write_bytes(b"GIF89a: an image renamed to .pdf")
    browser.find_element(By.CSS_SELECTOR, 'input[type="file"]').send_keys(str(fake))
    _wait_for(browser, "will not be ingested")
    assert "not a PDF" in _text(browser)
    _shot(browser, "library")

    if os.environ.get("CASEGRAPH_UPDATE_DOCS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        for name in DOC_SHOTS:
            shutil.copy(ARTIFACTS / f"{name}.png", DOCS / f"{name}.png")


# -- helpers ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"casegraph app exited with {process.returncode}; see server.log")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.3)
    raise AssertionError(f"casegraph app did not answer on {url}")


def _text(browser: Any) -> str:
    return str(browser.find_element(By.TAG_NAME, "body").text)


def _settle(browser: Any, quiet: float = 1.0) -> None:
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


def _wait_for(browser: Any, text: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if text in _text(browser):
            _settle(browser)
            return
        time.sleep(0.3)
    _shot(browser, "failed")
    raise AssertionError(f"{text!r} never appeared; the page says: {_text(browser)[:1500]}")


def _wait_until(condition: Any) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not change as expected")
        time.sleep(0.3)


def _wait_for_element(browser: Any, by: str, selector: str) -> Any:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        found = browser.find_elements(by, selector)
        if found:
            _settle(browser)
            return browser.find_elements(by, selector)[0]
        time.sleep(0.3)
    _shot(browser, "failed")
    raise AssertionError(f"no {selector!r}; the page says: {_text(browser)[:1500]}")


def _shot(browser: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    browser.execute_script("document.activeElement && document.activeElement.blur()")
    time.sleep(0.3)
    browser.save_screenshot(str(path))
    return path


def _non_loopback_addresses() -> list[str]:
    """This machine's IPv4 addresses other than 127.x, from `ip` or the host name."""
    found: set[str] = set()
    if shutil.which("ip"):
        done = subprocess.run(["ip", "-o", "-4", "addr", "show"], capture_output=True, text=True)
        for line in done.stdout.splitlines():
            fields = line.split()
            if "inet" in fields:
                found.add(fields[fields.index("inet") + 1].split("/")[0])
    with contextlib.suppress(OSError):
        found.update(socket.gethostbyname_ex(socket.gethostname())[2])
    return sorted(address for address in found if not address.startswith("127."))


def _listening(port: int) -> list[str] | None:
    """Local addresses listening on the port, from `ss` (None when `ss` is missing)."""
    if not shutil.which("ss"):
        return None
    done = subprocess.run(
        ["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, check=False
    )
    return [line.split()[3] for line in done.stdout.splitlines() if line.strip()]
