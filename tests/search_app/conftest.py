from __future__ import annotations

from pathlib import Path

import pytest

from graph.kuzu_store import KuzuStore
from ingest.embed import CachedEmbedder, FakeEmbedder
from ingest.themes import ThemeClassifier, load_taxonomy
from search_app.search import Searcher


@pytest.fixture
def store(tmp_path: Path, reviews) -> KuzuStore:
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        for document, enrichment in reviews:
            store.put(document, "v1", enrichment)
    return store


@pytest.fixture
def searcher(store: KuzuStore) -> Searcher:
    embedder = CachedEmbedder(FakeEmbedder())
    return Searcher(store, embedder, ThemeClassifier(load_taxonomy(), embedder))
