"""Coding review in a real browser: a reviewer rejects a theme on a passage of the Review
page and corrects the review's outcome with the form on its Overview (the details table then
shows the outcome in force, who corrected it and when); the Themes page counts one passage
fewer for the pair, and after the same documents are ingested again (by `casegraph ingest`,
replacing every review) the app still shows both corrections, who made them and when, and the
same count.

Two demo PDFs are first ingested in this process with the fast fakes; the re-ingest with
the CLI tags with another enricher version, so no file is skipped as unchanged.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casegraph.components import build_embedder, build_theme_tagger
from graph.analytics import cooccurrence
from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from ingest.themes import load_taxonomy
from tests.conftest import DEMO, enricher
from tests.search_app.app.browser import (
    CASEGRAPH,
    By,
    Keys,
    chromium,
    click,
    page_text,
    running_app,
    select,
    shot,
    tab,
    wait_for,
    wait_for_element,
    wait_until,
)

pytestmark = pytest.mark.integration

PDFS = ["01-elmbridge-vale-baby-m-2012.pdf", "02-hartwell-child-k-2014.pdf"]
FAKE = {"CASEGRAPH_EMBEDDER": "fake"}
CODER = "Analyst A"
OUTCOMES = {"died": "Child died", "serious_harm": "Serious harm", "other": "Other"}
LABELS = {theme.id: theme.label for theme in load_taxonomy().themes}
PASSAGES_WITH_BOTH = (
    "//div[@data-testid='stMetric'][.//*[text()='Passages with both']]"
    "//div[@data-testid='stMetricValue']"
)


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sources, data): two demo reviews, ingested once; the test writes to this store."""
    root = tmp_path_factory.mktemp("coding")
    sources = root / "sources"
    sources.mkdir()
    for name in PDFS:
        shutil.copy(DEMO / name, sources / name)
    store = KuzuStore(root / "data")
    with store.writer():
        report = ingest_paths(sorted(sources.iterdir()), store, enricher=enricher())
    assert report.count("ingested") == len(PDFS), report.to_json()
    return sources, root / "data"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with chromium(tmp_path_factory.mktemp("chromium-coding")) as browser:
        yield browser


def test_a_rejected_theme_changes_the_matrix_and_survives_a_reingest(
    coded: tuple[Path, Path], driver: Any
) -> None:
    sources, data = coded
    store = KuzuStore(data)
    review_id, passage, kept, rejected = _a_passage_with_two_themes(store)
    before = _passages_with_both(store, kept, rejected)
    log = data.parent / "server.log"

    with running_app(data, log, FAKE) as server:
        # The Themes page counts the passages that carry both themes, as the store does.
        assert _shown_count(driver, server, kept, rejected) == before

        # The reviewer corrects the review's outcome on its Overview; the details show the
        # value in force.
        driver.get(f"{server}/Review?review={review_id}")
        wait_for(driver, "Full text")
        outcome = _correct_outcome(driver, store, review_id)
        assert (store.document(review_id) or {})["outcome"] == outcome

        # Then finds the passage in the review's full text and rejects a theme.
        tab(driver, "Full text")
        find = wait_for_element(driver, By.CSS_SELECTOR, ".st-key-review_find input")
        find.send_keys(_phrase(passage["text"]), Keys.ENTER)
        wait_for(driver, "passages contain")
        click(driver, f".st-key-code_{passage['id']} label")
        name = wait_for_element(
            driver, By.CSS_SELECTOR, f".st-key-coder_name_{passage['id']} input"
        )
        assert name.get_attribute("value") == CODER  # the name given in the form
        reject = f".st-key-no_{passage['id']}_{rejected} button"
        wait_until(lambda: driver.find_element(By.CSS_SELECTOR, reject).is_enabled())  # named
        click(driver, reject)
        wait_for(driver, f"reject by {CODER}")
        shot(driver, "coding-rejected")
        assert re.search(
            rf"not carried; machine [\d.]+; reject by {CODER}, 20\d\d-", page_text(driver)
        )

        # The matrix follows: one passage fewer carries both.
        assert _shown_count(driver, server, kept, rejected) == before - 1
    assert _passages_with_both(store, kept, rejected) == before - 1
    assert rejected not in _themes_of(store, review_id, passage["id"])

    # The same documents ingested again with the CLI, whose tagger still gives the passage the
    # rejected theme: every review is rewritten.
    tagger = build_theme_tagger(build_embedder("fake", None))
    assert rejected in tagger.classify([passage["text"]])[0].themes
    done = subprocess.run(
        [*CASEGRAPH, "ingest", str(sources), "--data-dir", str(data), "--json"],
        check=True,
        timeout=900,
        capture_output=True,
        text=True,
        env={**os.environ, **FAKE},
    )
    files = json.loads(done.stdout)["files"]
    assert [f["status"] for f in files] == ["ingested"] * len(PDFS), files
    assert all(str(f.get("reason", "")).startswith("replaced") for f in files), files

    # A fresh server reads the store anew: the correction holds, with who made it and when.
    assert rejected not in _themes_of(store, review_id, passage["id"])
    with running_app(data, log, FAKE) as server:
        assert _shown_count(driver, server, kept, rejected) == before - 1
        driver.get(f"{server}/Review?review={review_id}")
        wait_for(driver, "Full text")
        assert _detail(driver, "Outcome").startswith(
            f"{OUTCOMES[outcome]}\nCorrected by hand by {CODER}, 20"
        )
        tab(driver, "Full text")
        find = wait_for_element(driver, By.CSS_SELECTOR, ".st-key-review_find input")
        find.send_keys(_phrase(passage["text"]), Keys.ENTER)
        wait_for(driver, "passages contain")
        click(driver, f".st-key-code_{passage['id']} label")
        wait_for(driver, f"reject by {CODER}")
        shot(driver, "coding-after-reingest")


# -- helpers ----------------------------------------------------------------------------------


def _a_passage_with_two_themes(store: KuzuStore) -> tuple[str, dict[str, Any], str, str]:
    """(review id, passage, a theme to keep, a theme to reject) for a passage with two themes
    or more, the pair also in another passage so the matrix keeps it after the correction."""
    for row in store.reviews():
        document = store.document(row["review_id"]) or {}
        for passage in document.get("passages", []):
            themes = sorted(t["theme"] for t in passage["themes"])
            if len(themes) >= 2 and _passages_with_both(store, themes[0], themes[1]) >= 2:
                return row["review_id"], passage, themes[0], themes[1]
    raise AssertionError("no passage carries a pair of themes that another passage shares")


def _passages_with_both(store: KuzuStore, a: str, b: str) -> int:
    pair = next((p for p in cooccurrence(store) if {p["a"], p["b"]} == {a, b}), None)
    return int(pair["passages"]) if pair else 0


def _themes_of(store: KuzuStore, review_id: str, passage_id: str) -> set[str]:
    document = store.document(review_id) or {}
    [passage] = [p for p in document["passages"] if p["id"] == passage_id]
    return {t["theme"] for t in passage["themes"]}


def _shown_count(driver: Any, server: str, a: str, b: str) -> int:
    """The Themes page's 'Passages with both' for the pair chosen below the heatmap."""
    driver.get(f"{server}/Themes")
    wait_for(driver, "The evidence for a pair")
    select(driver, ".st-key-pair_a", LABELS[a])
    select(driver, ".st-key-pair_b", LABELS[b])
    wait_for(driver, f"{LABELS[a]} is in")
    return int(wait_for_element(driver, By.XPATH, PASSAGES_WITH_BOTH).text)


def _correct_outcome(driver: Any, store: KuzuStore, review_id: str) -> str:
    """Correct the open review's outcome with the form on its Overview; the new outcome."""
    machine = (store.document(review_id) or {}).get("outcome")
    outcome = "serious_harm" if machine != "serious_harm" else "other"
    click(driver, ".st-key-fix_form summary")
    select(driver, ".st-key-fix_field", "Outcome")
    select(driver, ".st-key-fix_value_outcome", OUTCOMES[outcome])
    name = wait_for_element(driver, By.CSS_SELECTOR, ".st-key-fix_who input")
    name.send_keys(CODER, Keys.TAB)
    click(driver, ".st-key-fix_save button")
    wait_for(driver, f"Outcome corrected; saved by {CODER}")
    shot(driver, "coding-field-corrected")
    shown = _detail(driver, "Outcome")
    assert shown.startswith(f"{OUTCOMES[outcome]}\nCorrected by hand by {CODER}, 20"), shown
    return outcome


def _detail(driver: Any, field: str) -> str:
    """The value cell of a row of the Review page's details table, as the reader sees it."""
    cell = f"//table[@class='cg-details']//tr[td[1][normalize-space(.)=\"{field}\"]]/td[2]"
    return str(wait_for_element(driver, By.XPATH, cell).text)


def _phrase(text: str) -> str:
    """What a reviewer types to find the passage: the start of its longest line."""
    return max(text.splitlines(), key=len).strip()[:60]
