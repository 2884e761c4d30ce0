"""Briefing drafts and saved searches: named JSON documents kept by every backend."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

from graph.kuzu_store import KuzuStore
from graph.neo4j_store import Neo4jStore
from graph.store import Store

DRAFT = {"title": "Fathers", "texts": {"1. Background": "Why we meet."}, "placement": {}}
SEARCH = {"q": "hidden men", "themes": ["hidden_men"], "year_from": 2015}


def protocol_methods() -> set[str]:
    return {name for name, _ in inspect.getmembers(Store) if not name.startswith("_")}


@pytest.mark.parametrize("backend", [KuzuStore, Neo4jStore])
def test_every_backend_has_every_store_method(backend: type) -> None:
    assert protocol_methods() <= set(dir(backend))


def exercise(store: Any) -> None:
    assert store.draft("My briefing") is None
    assert store.saved_searches() == []
    with store.writer():
        store.save_draft("My briefing", DRAFT)
        store.save_draft("My briefing", {**DRAFT, "title": "Fathers, again"})
        store.save_search("hidden men since 2015", SEARCH)
        store.save_search("cannabis", {"q": "cannabis"})
    assert store.draft("My briefing") == {**DRAFT, "title": "Fathers, again"}
    assert store.draft("Other") is None
    searches = store.saved_searches()
    assert [row["name"] for row in searches] == ["cannabis", "hidden men since 2015"]
    assert searches[1]["search"] == SEARCH and searches[1]["saved"]
    with store.writer():
        store.delete_search("cannabis")
        with pytest.raises(KeyError):  # no passage p1 here: a quote needs a stored passage
            store.save_quote("My briefing", {"passage_id": "p1", "text": "A quote."})
        store.delete_collection("My briefing")  # the draft goes with its collection
    assert [row["name"] for row in store.saved_searches()] == ["hidden men since 2015"]
    assert store.draft("My briefing") is None


def test_kuzu_keeps_drafts_and_searches(tmp_path: Path) -> None:
    exercise(KuzuStore(tmp_path / "data"))


def test_a_store_made_before_drafts_existed_reads_none(tmp_path: Path) -> None:
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        pass
    import kuzu

    db = kuzu.Database(str(store.path))
    kuzu.Connection(db).execute("DROP TABLE BriefingDraft")
    db.close()
    assert store.draft("My briefing") is None


@pytest.mark.neo4j
def test_neo4j_keeps_drafts_and_searches(neo4j_uri: str, tmp_path: Path) -> None:
    store = Neo4jStore(neo4j_uri, "neo4j", "", cache_dir=tmp_path / "cache")
    try:
        exercise(store)
    finally:
        store.close()
