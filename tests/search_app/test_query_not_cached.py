"""The embedding cache keeps passages only: a search query or a typed case description is
embedded for the search and forgotten (issue 14)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from graph.kuzu_store import KuzuStore
from ingest.embed import CachedEmbedder, FakeEmbedder, text_key
from ingest.themes import ThemeClassifier, load_taxonomy
from search_app.search import Searcher
from search_app.similar import CaseTagger, SimilarCases


def test_queries_and_descriptions_leave_no_trace_in_the_cache(
    store: KuzuStore, tmp_path: Path
) -> None:
    cache = tmp_path / "cache" / "embeddings.sqlite"
    embedder = CachedEmbedder(FakeEmbedder(), cache)
    embedder.embed(["a passage text"])  # passages are cached as before
    query = "the stepfather of Child Q hid the injuries"
    description = "Baby of 8 weeks, rib fractures, father not seen"
    Searcher(store, embedder, ThemeClassifier(load_taxonomy(), embedder)).search(query, 5)
    SimilarCases(store, embedder, CaseTagger(embedder)).like_text(description, 3)
    keys = {row[0] for row in sqlite3.connect(cache).execute("SELECT key FROM vectors")}
    assert text_key("a passage text") in keys
    assert text_key(query) not in keys and text_key(description) not in keys
    assert text_key(query) not in embedder.memory
