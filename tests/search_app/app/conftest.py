"""A small store for the app's tests, built once: the three short text reviews of
tests/conftest.py and one demo PDF, enriched with the fast fakes. Pages read it through
CASEGRAPH_DATA_DIR, as under `casegraph app`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from tests.conftest import DEMO, REVIEWS, enricher

APP = Path(__file__).resolve().parents[3] / "search_app" / "app"
PDF = "01-elmbridge-vale-baby-m-2012.pdf"  # "Serious Case Review: Baby M", Elmbridge Vale, 2012
TIMEOUT = 90  # seconds per run: the first one loads the taxonomy and the fakes

RunPage = Callable[..., AppTest]


@pytest.fixture(scope="session")
def app_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding four reviews (three text, one PDF); treat it as read-only."""
    sources = tmp_path_factory.mktemp("sources")
    for name, text in REVIEWS.items():
        (sources / name).write_text(text, encoding="utf-8")
    shutil.copy(DEMO / PDF, sources / PDF)
    data = tmp_path_factory.mktemp("app") / "data"
    store = KuzuStore(data)
    with store.writer():
        report = ingest_paths(sorted(sources.iterdir()), store, enricher=enricher())
    assert report.count("ingested") == 4, report.to_json()
    return data


@pytest.fixture
def data_copy(app_data: Path, tmp_path: Path) -> Path:
    """A copy of the store that a test may write to."""
    target = tmp_path / "data"
    shutil.copytree(app_data, target, ignore=shutil.ignore_patterns(".writer.lock"))
    return target


@pytest.fixture
def run_page(monkeypatch: pytest.MonkeyPatch) -> RunPage:
    """Run a page of the app (a path relative to search_app/app) against a data folder."""

    def run(page: str, data: Path, **query: str) -> AppTest:
        monkeypatch.setenv("CASEGRAPH_DATA_DIR", str(data))
        monkeypatch.setenv("CASEGRAPH_EMBEDDER", "fake")
        at = AppTest.from_file(str(APP / page), default_timeout=TIMEOUT)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    return run


def texts(at: AppTest) -> str:
    """Everything the page wrote as Markdown, captions, alerts and headings, in one string."""
    parts = [element.value for element in at.markdown]
    parts += [element.value for element in at.caption]
    for kind in ("info", "warning", "error", "success", "title", "subheader", "header"):
        parts += [str(element.value) for element in getattr(at, kind)]
    return "\n".join(parts)
