"""The app in a real browser under quick, repeated use: the year slider and the theme
filter of the Themes page changed many times without waiting for the page, then the
server must still answer and no page may show a traceback or an error.

(The campaign of issue 14 killed the server this way in 3 of 5 tries: several script
threads closing the one shared Kùzu handle under each other.)"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.search_app.app.test_browser import (
    CASEGRAPH,
    CHROMEDRIVER,
    CHROMIUM,
    CHROMIUM_FLAGS,
    WAIT,
    By,
    Keys,
    _free_port,
    _settle,
    _text,
    _wait_until_up,
    webdriver,
)

pytestmark = pytest.mark.integration

DEMO = Path(__file__).resolve().parents[3] / "corpora" / "demo"
PDFS = [
    "01-elmbridge-vale-baby-m-2012.pdf",
    "02-hartwell-child-k-2014.pdf",
    "03-brackenfold-child-l-2016.pdf",
]
THEME_NAMES = ["Domestic abuse", "Neglect", "Information sharing", "Hidden men"]
YEARS = '[data-testid="stSidebar"] [aria-label^="Published between"]'  # the slider's thumbs
BAD_SIGNS = ("Traceback", "RuntimeError", "Database is closed", "Ask Google", "Ask ChatGPT",
             "could not be read", "went wrong", "connected to the internet")  # fmt: skip


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`casegraph app` over a few demo reviews (fake embedder), on a free port."""
    root = tmp_path_factory.mktemp("stress")
    sources = root / "sources"
    sources.mkdir()
    for name in PDFS:
        if (DEMO / name).exists():
            shutil.copy(DEMO / name, sources / name)
    environment = {**os.environ, "CASEGRAPH_EMBEDDER": "fake"}
    subprocess.run(
        [*CASEGRAPH, "ingest", str(sources), "--data-dir", str(root / "data")],
        check=True,
        timeout=900,
        capture_output=True,
        env=environment,
    )
    port = _free_port()
    log = (root / "server.log").open("w")
    process = subprocess.Popen(
        [*CASEGRAPH, "app", "--data-dir", str(root / "data"), "--port", str(port)],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", process)
        yield f"http://127.0.0.1:{port}"
        assert process.poll() is None, "the server died"
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
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-stress')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def _healthy(server: str) -> bool:
    with urllib.request.urlopen(f"{server}/_stcore/health", timeout=10) as response:
        return bool(response.status == 200)


def _sidebar_input(browser: Any) -> Any:
    return browser.find_element(By.CSS_SELECTOR, '[data-testid="stSidebar"] input')


def test_filters_changed_quickly_many_times(app_server: str, chromium: Any) -> None:
    chooser = random.Random(14)
    moves = 0
    sessions = [chromium]
    chromium.get(f"{app_server}/Themes")
    deadline = time.monotonic() + WAIT
    while not chromium.find_elements(By.CSS_SELECTOR, YEARS):
        assert time.monotonic() < deadline, _text(chromium)[:1000]
        time.sleep(0.3)
    _settle(chromium)
    for round_ in range(40):
        for browser in sessions:
            thumbs = browser.find_elements(By.CSS_SELECTOR, YEARS)
            if thumbs:
                key = chooser.choice([Keys.ARROW_LEFT, Keys.ARROW_RIGHT])
                with contextlib.suppress(Exception):  # the thumb may be re-drawing
                    thumbs[chooser.randrange(len(thumbs))].send_keys(key)
                    moves += 1
            if round_ % 4 == 0:
                with contextlib.suppress(Exception):  # the widget may be re-drawing
                    box = _sidebar_input(browser)
                    box.send_keys(chooser.choice(THEME_NAMES), Keys.ENTER)
            time.sleep(chooser.choice([0.05, 0.1, 0.3]))
    _settle(chromium, quiet=2.0)
    assert moves >= 20, "the year slider was not moved"
    assert _healthy(app_server)
    shown = _text(chromium)
    assert not [sign for sign in BAD_SIGNS if sign in shown], shown[:2000]
    chromium.refresh()
    _settle(chromium, quiet=2.0)
    assert "Themes" in _text(chromium) and _healthy(app_server)
