"""Theme confidences in the search index, and indexes written before they were kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from graph.kuzu_store import KuzuStore
from graph.passage_index import PassageIndex
from ingest.enrich import Enrichment
from ingest.types import ParsedDocument


def test_an_older_index_opened_read_only_serves_passages_without_scores(
    tmp_path: Path, reviews: list[tuple[ParsedDocument, Enrichment]]
) -> None:
    document, enrichment = reviews[0]
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        store.put(document, "v1", enrichment)
    ids = [p.id for p in document.passages]
    assert any(row["theme_scores"] for row in store.passages(ids).values())
    del store
    path = tmp_path / "data" / "search.sqlite"
    with sqlite3.connect(path) as db:  # as an index written before confidences were kept
        db.execute("ALTER TABLE passages DROP COLUMN theme_scores")
    with sqlite3.connect(path) as db:  # all in the main file, as a copy on a mount would be
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index = PassageIndex(path)
    index._connection = index._read_only()  # a read-only mount: no column can be added
    found = index.passages(ids)
    assert set(found) == set(ids)
    assert all(row["theme_scores"] == {} and "themes" in row for row in found.values())
