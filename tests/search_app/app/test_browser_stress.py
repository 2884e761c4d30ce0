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
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.search_app.app.browser import (
    CASEGRAPH,
    WAIT,
    By,
    Keys,
    chromium,
    page_text,
    running_app,
    settle,
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
FAKE = {"CASEGRAPH_EMBEDDER": "fake"}


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`casegraph app` over a few demo reviews (fake embedder), on a free port."""
    root = tmp_path_factory.mktemp("stress")
    sources = root / "sources"
    sources.mkdir()
    for name in PDFS:
        if (DEMO / name).exists():
            shutil.copy(DEMO / name, sources / name)
    subprocess.run(
        [*CASEGRAPH, "ingest", str(sources), "--data-dir", str(root / "data")],
        check=True,
        timeout=900,
        capture_output=True,
        env={**os.environ, **FAKE},
    )
    with running_app(root / "data", root / "server.log", FAKE) as address:
        yield address


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with chromium(tmp_path_factory.mktemp("chromium-stress")) as driver:
        yield driver


def _healthy(server: str) -> bool:
    with urllib.request.urlopen(f"{server}/_stcore/health", timeout=10) as response:
        return bool(response.status == 200)


def _sidebar_input(browser: Any) -> Any:
    return browser.find_element(By.CSS_SELECTOR, '[data-testid="stSidebar"] input')


def test_filters_changed_quickly_many_times(app_server: str, driver: Any) -> None:
    chooser = random.Random(14)
    moves = 0
    sessions = [driver]
    driver.get(f"{app_server}/Themes")
    deadline = time.monotonic() + WAIT
    while not driver.find_elements(By.CSS_SELECTOR, YEARS):
        assert time.monotonic() < deadline, page_text(driver)[:1000]
        time.sleep(0.3)
    settle(driver)
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
    settle(driver, quiet=2.0)
    assert moves >= 20, "the year slider was not moved"
    assert _healthy(app_server)
    shown = page_text(driver)
    assert not [sign for sign in BAD_SIGNS if sign in shown], shown[:2000]
    driver.refresh()
    settle(driver, quiet=2.0)
    assert "Themes" in page_text(driver) and _healthy(app_server)
