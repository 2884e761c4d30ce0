"""The app in a real browser: `casegraph app` on a free port, driven by headless Chromium.

A quick tour of every page over the demo corpus, then each user's task end to end:
- the reviewer searches from Home, filters in the sidebar (the address follows), opens a
  review and its similar cases, and a stale link says so;
- the trainer collects five quotes, reorders them, places one, trims one, writes a section
  and a note, reloads (everything is still there) and downloads the DOCX, read back here;
- the analyst reads the heatmap, drills into a pair, reads trends with counts, compares two
  periods and downloads a CSV that records its filters.
Screenshots go to test-artifacts/browser/; with CASEGRAPH_UPDATE_DOCS=1 the search, themes,
review and briefing ones are copied to docs/screenshots/ for the README. The server must
listen on 127.0.0.1 only.

Needs Debian's `chromium` and `chromium-driver`, and selenium. The demo store is built once
in test-artifacts/browser-store with the embedder of CASEGRAPH_EMBEDDER (MiniLM by default);
re-running is quick since unchanged files are skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.search_app.app.browser import (
    ARTIFACTS,
    CASEGRAPH,
    REPO,
    By,
    Keys,
    chromium,
    click,
    page_text,
    running_app,
    select,
    settle,
    shot,
    tab,
    wait_for,
    wait_for_element,
    wait_until,
)

pytestmark = pytest.mark.integration

STORE = REPO / "test-artifacts" / "browser-store"
DOCS = REPO / "docs" / "screenshots"
DOC_SHOTS = ("search", "themes", "review", "briefing")
BABY_M = "Serious Case Review: Baby M"
BABY_M_CITATION = f"{BABY_M}, Elmbridge Vale Local Safeguarding Children Board, 2012, p. "
SEARCH_BOX = 'input[aria-label="What are you looking for?"]'
ADD = "//button[.//p[text()='Add to briefing']]"
IN_BRIEFING = "//button[.//p[text()='In briefing']]"


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
    with running_app(STORE, ARTIFACTS / "server.log") as address:
        yield address


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser saves what the user downloads."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    with chromium(tmp_path_factory.mktemp("chromium-profile"), downloads) as driver:
        yield driver


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
    wait_for(browser, "In the store")
    home = page_text(browser)  # the case reviews, and the guidance and briefings apart
    counts = re.search(r"Reviews\n(\d+)\nOther documents\n(\d+)", home)
    assert counts and int(counts[1]) + int(counts[2]) == 14 and int(counts[2]) >= 1, home[:1500]
    shot(browser, "tour-home")

    # Search: type a query, see quote cards with their citations and marked words.
    browser.get(f"{server}/Search")
    box = wait_for_element(browser, By.CSS_SELECTOR, SEARCH_BOX)
    box.send_keys("hidden men", Keys.ENTER)
    wait_for(browser, "passages")
    page = page_text(browser)
    assert BABY_M_CITATION in page, page[:2000]
    assert browser.find_elements(By.CSS_SELECTOR, ".cg-card mark")
    assert browser.find_elements(By.CSS_SELECTOR, ".cg-chip")
    shot(browser, "tour-search")

    # Add the first three results to the briefing.
    for added in range(1, 4):
        wait_for_element(browser, By.XPATH, ADD).click()
        wait_until(lambda n=added: len(browser.find_elements(By.XPATH, IN_BRIEFING)) == n)

    # Themes: the sidebar link, and the heatmap.
    wait_for_element(browser, By.CSS_SELECTOR, 'a[href$="/Themes"]').click()
    wait_for_element(
        browser,
        By.CSS_SELECTOR,
        '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg',
    )
    settle(browser)
    assert "Themes" in page_text(browser)
    shot(browser, "tour-themes")

    # One review, from a link with its id.
    browser.get(f"{server}/Review?review={baby_m}")
    wait_for(browser, "Elmbridge Vale")
    assert BABY_M in page_text(browser)
    shot(browser, "tour-review")

    # Similar cases to that review, with the reasons.
    browser.get(f"{server}/Similar_cases?review={baby_m}")
    wait_for(browser, "reviews most like")
    assert "Closest passages" in page_text(browser)
    shot(browser, "tour-similar")

    # The briefing holds the quote, with its citation; the sections are there to edit.
    browser.get(f"{server}/Briefing_builder")
    wait_for(browser, "3 quotes from")
    assert browser.find_elements(By.CSS_SELECTOR, ".cg-card .cg-cite")
    shot(browser, "tour-briefing")

    # The Library: the reviews, and a file that is not a PDF is refused with a message.
    browser.get(f"{server}/Library")
    # counted as Home counts them: the case reviews, and the other documents apart
    wait_for(browser, f"In the store ({counts[1]} reviews · {counts[2]} other document")
    fake = ARTIFACTS / "not-really.pdf"
    fake.write_bytes(b"GIF89a: an image renamed to .pdf")
    browser.find_element(By.CSS_SELECTOR, 'input[type="file"]').send_keys(str(fake))
    wait_for(browser, "will not be ingested")
    assert "not a PDF" in page_text(browser)
    shot(browser, "tour-library")


# -- the reviewer -----------------------------------------------------------------------------


def test_the_reviewer_searches_filters_opens_and_finds_similar_cases(
    server: str, browser: Any, demo_store: dict[str, str]
) -> None:
    # From the search box on Home to the Search page, the query in the address.
    browser.get(server)
    box = wait_for_element(browser, By.CSS_SELECTOR, 'input[aria-label="Search the reviews"]')
    box.send_keys("father not seen by the health visitor", Keys.ENTER)
    wait_until(lambda: "/Search" in browser.current_url and "q=father" in browser.current_url)
    wait_for_element(browser, By.CSS_SELECTOR, ".cg-card .cg-cite")

    # Filter to serious case reviews in the sidebar: the results and the address follow.
    _choose(browser, "Type of review", "Serious case review")
    wait_until(lambda: "type=serious_case_review" in browser.current_url)
    settle(browser)
    kinds = {e.text for e in browser.find_elements(By.CSS_SELECTOR, ".cg-card .cg-meta")}
    assert kinds and all(kind.startswith("Serious case review") for kind in kinds), kinds
    assert "(filtered)" in page_text(browser)
    assert re.search(r"Passages 1–\d+ of \d+", page_text(browser))  # the count, at the bottom
    shot(browser, "search")

    # The address is the search: opened afresh, it gives the same filtered results.
    shared_link = browser.current_url
    browser.get(server)
    browser.get(shared_link)
    wait_for(browser, "(filtered)")

    # Open the first result's review, then its similar cases.
    first = browser.find_element(By.CSS_SELECTOR, ".cg-card .cg-cite").text
    wait_for_element(browser, By.XPATH, "//a[.//p[text()='Open review']]").click()
    wait_until(lambda: "/Review?review=" in browser.current_url)
    wait_for(browser, "Themes at a glance")
    title = browser.find_element(By.CSS_SELECTOR, "h2").text
    assert title and first.lstrip("— ").startswith(title), (title, first)
    review = browser.current_url.split("review=")[1].split("&")[0]
    shot(browser, "review")
    browser.get(f"{server}/Similar_cases?review={review}")
    wait_for(browser, "reviews most like")
    assert "Closest passages" in page_text(browser) and "Shared themes" in page_text(browser)

    # A stale link says so, and shows no other review in its place.
    browser.get(f"{server}/Review?review=0000000000000000")
    wait_for(browser, "no review with the id")
    assert "Themes at a glance" not in page_text(browser)


# -- the trainer ------------------------------------------------------------------------------


def test_the_trainer_builds_a_briefing_and_downloads_it(
    server: str, browser: Any, downloads: Path
) -> None:
    from docx import Document
    from docx.shared import Mm

    from graph.kuzu_store import KuzuStore
    from search_app.briefing import sentences

    store = KuzuStore(STORE)
    with store.writer():
        store.delete_collection("My briefing")  # the trainer starts a new briefing

    # Five quotes from a search.
    browser.get(f"{server}/Search?q=information%20was%20not%20shared")
    wait_for(browser, "passages")
    for added in range(1, 6):
        wait_for_element(browser, By.XPATH, ADD).click()
        wait_until(lambda n=added: len(browser.find_elements(By.XPATH, IN_BRIEFING)) == n)
    browser.get(f"{server}/Briefing_builder")
    wait_for(browser, "5 quotes from")
    quotes = store.quotes("My briefing")
    ids = [quote["id"] for quote in quotes]
    assert len(ids) == 5

    # Reorder: the first quote down one place.
    click(browser, f".st-key-down_{ids[0]} button")
    wait_until(lambda: [q["id"] for q in store.quotes("My briefing")][:2] == [ids[1], ids[0]])
    order = [ids[1], ids[0], *ids[2:]]

    # Place the last quote under "4. Learning for practice", and give it a note; trim a
    # quote of several sentences to its first.
    last = ids[4]
    select(browser, f".st-key-place_My-briefing_{last}", "4. Learning for practice")
    long = next(q for q in quotes if len(sentences(q["text"])) > 1)
    _choose_in(browser, f".st-key-keep_My-briefing_{long['id']}", "1. ")
    wait_until(lambda: (store.draft("My briefing") or {}).get("excerpts", {}).get(long["id"]))
    note = browser.find_element(By.CSS_SELECTOR, f".st-key-note_My-briefing_{last} input")
    note.send_keys("Ask: who else lived in the home?", Keys.ENTER)
    wait_until(lambda: (store.draft("My briefing") or {}).get("notes", {}).get(last))

    # Write the background in the trainer's own words.
    tab(browser, "Briefing sections")
    background = wait_for_element(browser, By.CSS_SELECTOR, 'textarea[aria-label="1. Background"]')
    background.send_keys("Five reviews, one lesson: share what you know.")
    browser.find_element(By.TAG_NAME, "h1").click()  # a text area is saved when it loses focus
    wait_until(
        lambda: (
            "one lesson"
            in (store.draft("My briefing") or {}).get("texts", {}).get("1. Background", "")
        )
    )
    settle(browser)
    shot(browser, "briefing-sections")

    # Reload: everything is still there.
    browser.refresh()
    wait_for(browser, "5 quotes from")
    shot(browser, "briefing")
    tab(browser, "Briefing sections")
    restored = wait_for_element(browser, By.CSS_SELECTOR, 'textarea[aria-label="1. Background"]')
    assert restored.get_attribute("value") == "Five reviews, one lesson: share what you know."
    assert [q["id"] for q in store.quotes("My briefing")] == order

    # Download the Word document and read it back.
    tab(browser, "Download")
    before = set(downloads.iterdir())
    click(browser, ".st-key-download_docx button")
    saved = _downloaded(downloads, before, ".docx")
    document = Document(str(saved))
    assert all(abs(s.page_width - Mm(210)) < Mm(1) for s in document.sections)  # A4
    assert all(abs(s.page_height - Mm(297)) < Mm(1) for s in document.sections)
    quoted = [p.text for p in document.paragraphs if p.text.startswith("“")]
    assert len(quoted) == 5
    assert all(text.count("\n— ") == 1 for text in quoted)  # one citation per quote
    text = "\n".join(p.text for p in document.paragraphs)
    assert "to write" not in text.lower()
    assert "Five reviews, one lesson" in text
    trimmed = next(q for q in quoted if sentences(long["text"])[0][:30] in q)
    assert trimmed.startswith(f"“{sentences(long['text'])[0]} …”")  # the rest left out
    learning = re.split(r"\d\. Learning for practice", text)[1]
    assert "Note: Ask: who else lived in the home?" in learning
    first_quote = " ".join(quotes[1]["text"].split())[:40]  # moved up to first place
    assert first_quote in quoted[0] or any(first_quote in q for q in quoted[:2])


# -- the analyst ------------------------------------------------------------------------------


def test_the_analyst_reads_the_numbers_and_exports_them(
    server: str, browser: Any, downloads: Path
) -> None:
    browser.get(f"{server}/Themes")
    wait_for_element(
        browser,
        By.CSS_SELECTOR,
        '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg',
    )
    wait_for(browser, "Strongest pairs by lift")  # lift by default
    page = page_text(browser)
    assert "marks a pair found together more often than chance" in page
    shot(browser, "themes")

    # Drill down: choose a pair below the heatmap, and read its reviews and passages.
    wait_for(browser, "The evidence for a pair")
    select(browser, ".st-key-pair_a", "Hidden or unseen men")
    select(browser, ".st-key-pair_b", "Information sharing and seeking")
    wait_for(browser, "Hidden or unseen men is in")
    page = page_text(browser)
    assert re.search(r"Reviews with both\s+\d+ of \d+", page), page[:3000]
    assert re.search(r"is in \d+ reviews? and .+ in \d+ \(of \d+\)", page)
    tab(browser, "Passages tagged with both")
    assert browser.find_elements(By.CSS_SELECTOR, ".cg-card mark")

    # Trends: shares with their counts, and a warning where years are thin.
    tab(browser, "Over the years")
    wait_for(browser, "The numbers behind the chart")
    assert re.search(r"\d+% \(\d+ of \d+\)", page_text(browser))
    assert "Few reviews in" in page_text(browser)
    shot(browser, "trends")

    # Two periods side by side, with the test of chance.
    tab(browser, "Compare two periods")
    wait_for(browser, "Could be chance?")
    assert re.search(r"Reviews 2012–\d{4}", page_text(browser))
    shot(browser, "compare")

    # A CSV that records its filters: filter to LCSPRs, download the co-occurrence.
    tab(browser, "Themes together")
    _choose(browser, "Type of review", "Local child safeguarding practice review")
    wait_for(browser, "Filtered in the sidebar")
    before = set(downloads.iterdir())
    click(browser, ".st-key-download_pairs button")
    saved = _downloaded(downloads, before, ".csv")
    lines = saved.read_text(encoding="utf-8").splitlines()
    header = lines[:3]  # written as they are, commas and all: each starts with '#'
    assert header[0] == "# casegraph: theme co-occurrence"
    assert header[1] == "# filters: types: lcspr; excluding: briefing, guidance, other"
    assert header[2].startswith("# exported: 20")
    table = [line for line in lines if not line.startswith("#")]  # under any notes
    assert table[0].startswith("a,a_label,b")

    if os.environ.get("CASEGRAPH_UPDATE_DOCS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        for name in DOC_SHOTS:
            shutil.copy(ARTIFACTS / f"{name}.png", DOCS / f"{name}.png")


# -- helpers ----------------------------------------------------------------------------------
def _choose(browser: Any, label: str, option: str) -> None:
    """Pick an option in a sidebar multiselect."""
    field = wait_for_element(
        browser,
        By.XPATH,
        f"//div[@data-testid='stMultiSelect'][.//label//p[text()='{label}']]//input",
    )
    _type_option(browser, field, option)


def _choose_in(browser: Any, container: str, option: str) -> None:
    """Pick an option in the multiselect inside the element with this CSS selector."""
    _type_option(browser, wait_for_element(browser, By.CSS_SELECTOR, f"{container} input"), option)


def _type_option(browser: Any, field: Any, option: str) -> None:
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.click()
    field.send_keys(option)
    time.sleep(0.5)
    field.send_keys(Keys.ENTER)  # the first option that matches what was typed
    field.send_keys(Keys.ESCAPE)
    settle(browser)


def _downloaded(folder: Path, before: set[Path], suffix: str) -> Path:
    """The file the browser finished downloading into `folder` since `before`."""
    found: list[Path] = []

    def done() -> bool:
        found[:] = [p for p in set(folder.iterdir()) - before if p.suffix == suffix]
        return bool(found)

    wait_until(done)
    return found[0]


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
