"""What only the Neo4j backend has, on a real Neo4j 5.26 server (tests/neo4j_server): the
writer's lease and its expiry, the server's own indexes, errors a user can act on."""

from __future__ import annotations

import contextlib
import socket
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from graph.neo4j_store import Neo4jStore
from graph.store import StoreLocked, StoreUnavailable
from ingest.enrich import Enrichment
from ingest.types import ParsedDocument

pytestmark = pytest.mark.neo4j
Reviews = list[tuple[ParsedDocument, Enrichment]]


@pytest.fixture
def make_store(neo4j_uri: str, tmp_path: Path) -> Any:
    opened: list[Neo4jStore] = []

    def make(**options: Any) -> Neo4jStore:
        store = Neo4jStore(neo4j_uri, "neo4j", "", cache_dir=tmp_path / "cache", **options)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def test_the_server_is_neo4j_5_26_community(neo4j_uri: str, make_store: Any) -> None:
    [row] = make_store().query(
        "CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, "
        "edition"
    )
    assert row["version"].startswith("5.26.") and row["edition"] == "community"


def test_writer_creates_constraints_and_both_search_indexes(make_store: Any) -> None:
    store = make_store()
    with store.writer():
        pass
    indexes = {row["name"]: row for row in store.query("SHOW INDEXES YIELD name, type, state")}
    assert indexes["passage_text"]["type"] == "FULLTEXT"
    assert indexes["passage_embedding"]["type"] == "VECTOR"
    assert all(row["state"] == "ONLINE" for row in indexes.values())
    constraints = store.query("SHOW CONSTRAINTS YIELD name, type RETURN name, type")
    assert {"review_id", "passage_id", "quote_id"} <= {row["name"] for row in constraints}
    assert {row["type"] for row in constraints} == {"UNIQUENESS"}  # all Community has
    with store.writer():  # a second time: IF NOT EXISTS makes every step a no-op
        pass


def test_a_stalled_writer_loses_its_lease_and_can_no_longer_commit(
    make_store: Any, reviews: Reviews
) -> None:
    document, enrichment = reviews[0]
    first, second = make_store(lease_seconds=1), make_store()
    with contextlib.ExitStack() as stack:
        stack.enter_context(first.writer())
        with pytest.raises(StoreLocked, match="another casegraph writer"), second.writer():
            pass
        time.sleep(1.5)  # the first writer stalls past its lease
        with second.writer():
            with pytest.raises(StoreLocked, match="expired"):
                first.put(document, "v1", enrichment)
            stack.close()  # the first writer leaves: it must not release the new lease
            with pytest.raises(StoreLocked), make_store().writer():
                pass
            second.put(document, "v1", enrichment)
    assert second.known(document.content_sha256, "v1") == document.review_id
    with make_store().writer():  # released at the end of the block
        pass


def test_a_live_writer_renews_its_lease_with_every_write(make_store: Any, reviews: Reviews) -> None:
    first, second = make_store(lease_seconds=2), make_store()
    with first.writer():
        for document, enrichment in reviews * 2:
            first.put(document, "v1", enrichment)
            time.sleep(0.6)  # 3.6 s in all: longer than the lease, which each write renews
        with pytest.raises(StoreLocked), second.writer():
            pass


def test_writes_outside_writer_are_refused(make_store: Any, reviews: Reviews) -> None:
    store = make_store()
    document, enrichment = reviews[0]
    with pytest.raises(RuntimeError, match="writer"):
        store.put(document, "v1", enrichment)
    with pytest.raises(RuntimeError, match="writer"):
        store.link_citations()
    assert store.reviews() == []


def test_an_unreachable_server_is_store_unavailable(tmp_path: Path) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    store = Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "", cache_dir=tmp_path)
    with pytest.raises(StoreUnavailable, match="cannot reach Neo4j"):
        store.reviews()
    store.close()


def test_keyword_search_reads_user_text_as_words_only(make_store: Any, reviews: Reviews) -> None:
    store = make_store()
    with store.writer():
        for document, enrichment in reviews:
            store.put(document, "v1", enrichment)
    for hostile in ['sofa" OR text:*', "sofa AND NOT (", "text:[a TO z]", "\\", "sofa~2^9"]:
        found = store.keyword_search(hostile, 5)  # no Lucene syntax error, no injection
        assert all(pid for pid, _ in found)
    assert store.keyword_search("sofa AND NOT (", 5)[0][0] in {p.id for p in reviews[0][0].passages}


def test_review_vectors_follow_new_reviews(make_store: Any, reviews: Reviews) -> None:
    store = make_store()
    with store.writer():
        store.put(reviews[0][0], "v1", reviews[0][1])
    assert store.review_vectors()[0] == [reviews[0][0].review_id]
    with store.writer():
        store.put(reviews[1][0], "v1", reviews[1][1])
    ids, matrix, _ = store.review_vectors()
    assert ids == sorted([reviews[0][0].review_id, reviews[1][0].review_id])
    assert matrix.shape == (2, len(reviews[0][1].embeddings[0]))
    assert np.isfinite(matrix).all()
