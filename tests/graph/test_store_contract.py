"""One contract every store backend keeps. Kùzu always; Neo4j when NEO4J_URI is set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from graph.analytics import cooccurrence
from graph.corrections import field_correction, theme_correction
from graph.kuzu_store import KuzuStore
from graph.store import StoreLocked
from ingest.enrich import Enrichment
from ingest.themes import load_taxonomy
from ingest.types import ParsedDocument

Reviews = list[tuple[ParsedDocument, Enrichment]]
THEME_IDS = load_taxonomy().ids


class StoreContract:
    """Subclasses provide a `store` fixture: an empty store of their backend."""

    def test_put_then_read_back(self, store: Any, reviews: Reviews) -> None:
        document, enrichment = reviews[0]
        with store.writer():
            assert store.put(document, "v1", enrichment) is None
        stored = store.document(document.review_id)
        assert stored["title"] == document.metadata.value("title")
        assert [p["id"] for p in stored["passages"]] == [p.id for p in document.passages]
        assert [p["page_start"] for p in stored["passages"]] == [
            p.page_start for p in document.passages
        ]
        assert {t["theme"] for t in stored["review_themes"]} == {
            t.theme for t in enrichment.review_themes
        }
        assert stored["metadata"]["child_age"]["page"] == 1
        assert store.known(document.content_sha256, "v1") == document.review_id
        assert store.known(document.content_sha256, "v2") is None

    def test_replacing_a_review_leaves_no_duplicates(self, store: Any, reviews: Reviews) -> None:
        document, enrichment = reviews[0]
        with store.writer():
            store.put(document, "v1", enrichment)
            assert store.put(document, "v2", enrichment) == "v1"
        counts = store.query(
            "MATCH (r:Review)-[:HAS_PASSAGE]->(p:Passage) RETURN count(DISTINCT r) AS reviews, "
            "count(p) AS passages"
        )
        assert counts == [{"reviews": 1, "passages": len(document.passages)}]
        themes = store.query("MATCH (:Review)-[h:HAS_THEME]->(:Theme) RETURN count(h) AS n")
        assert themes[0]["n"] == len(enrichment.review_themes)

    def test_keyword_search_follows_what_is_stored(self, store: Any, reviews: Reviews) -> None:
        (child_a, enrich_a), (child_c, enrich_c) = reviews[0], reviews[2]
        with store.writer():
            store.put(child_a, "v1", enrich_a)
        found = store.keyword_search("sofa co-sleeping", 5)
        assert found and found[0][0] in {p.id for p in child_a.passages}
        assert store.keyword_search("county lines", 5) == []
        with store.writer():  # a later batch: the search sees it without a restart
            store.put(child_c, "v1", enrich_c)
        found = store.keyword_search("county lines", 5)
        assert found and found[0][0] in {p.id for p in child_c.passages}

    def test_second_writer_is_refused(self, store: Any, make_store: Any) -> None:
        with store.writer():
            other = make_store()
            with pytest.raises(StoreLocked, match="writing"), other.writer():
                pass

    def test_renamed_copy_adds_a_path(self, store: Any, reviews: Reviews) -> None:
        document, enrichment = reviews[1]
        with store.writer():
            store.put(document, "v1", enrichment)
            store.add_path(document.content_sha256, "/elsewhere/renamed.txt")
            store.add_path(document.content_sha256, "/elsewhere/renamed.txt")
        [row] = [r for r in store.reviews() if r["review_id"] == document.review_id]
        assert row["paths"] == [document.source_path, "/elsewhere/renamed.txt"]

    def test_citations_between_reviews(self, store: Any, reviews: Reviews) -> None:
        with store.writer():
            for document, enrichment in reviews:
                store.put(document, "v1", enrichment)
            assert store.link_citations() == 1
        rows = store.query(
            "MATCH (a:Review)-[:CITES]->(b:Review) RETURN a.title AS source, b.title AS target"
        )
        assert rows == [
            {"source": "Rapid Review: Child C", "target": "Serious Case Review: Child B"}
        ]

    def test_parameters_are_data_not_cypher(self, store: Any, reviews: Reviews) -> None:
        document, enrichment = reviews[0]
        with store.writer():
            store.put(document, "v1", enrichment)
        hostile = "x'}) MATCH (n) DETACH DELETE n //"
        assert store.query("MATCH (r:Review {id: $id}) RETURN r.id AS id", {"id": hostile}) == []
        assert store.query("MATCH (r:Review) RETURN count(r) AS n") == [{"n": 1}]

    def test_a_theme_correction_changes_cooccurrence_and_survives_reingest(
        self, store: Any, reviews: Reviews
    ) -> None:
        document, enrichment = reviews[0]
        with store.writer():
            store.put(document, "v1", enrichment)
        passage = next(p for p in store.document(document.review_id)["passages"] if p["themes"])
        machine = {t["theme"] for t in passage["themes"]}
        rejected = sorted(machine)[0]
        added = next(t for t in THEME_IDS if t not in machine and t != rejected)
        with store.writer():
            for theme, action in ((rejected, "reject"), (added, "add")):
                correction = theme_correction(
                    passage["id"], document.review_id, theme, action, "analyst", THEME_IDS
                )
                store.correct_theme(correction)

        def passage_themes() -> set[str]:
            stored = store.document(document.review_id)
            [again] = [p for p in stored["passages"] if p["id"] == passage["id"]]
            return {t["theme"] for t in again["themes"]}

        def pairs_with_added() -> set[tuple[str, str]]:
            return {(r["a"], r["b"]) for r in cooccurrence(store) if added in (r["a"], r["b"])}

        expected = (machine - {rejected}) | {added}
        assert passage_themes() == expected
        assert added in {t["theme"] for t in store.document(document.review_id)["review_themes"]}
        with_added = pairs_with_added()
        assert with_added  # the added theme now co-occurs with the review's other themes
        with store.writer():
            store.put(document, "v2", enrichment)  # re-ingest: the machine's edges again
        assert passage_themes() == expected
        assert pairs_with_added() == with_added
        assert [c["action"] for c in store.theme_corrections()] == ["reject", "add"]

    def test_a_field_correction_overrides_the_parser_and_survives_reingest(
        self, store: Any, reviews: Reviews
    ) -> None:
        document, enrichment = reviews[0]
        with store.writer():
            store.put(document, "v1", enrichment)
        with store.writer():
            store.correct_field(field_correction(document.review_id, "child_age_months", "30", "a"))
            store.correct_field(
                field_correction(document.review_id, "outcome", "serious_harm", "a")
            )

        def review() -> dict[str, Any]:
            return next(r for r in store.reviews() if r["review_id"] == document.review_id)

        stored = store.document(document.review_id)
        assert (stored["child_age_months"], stored["age_band"]) == (30, "1-5")
        assert stored["outcome"] == "serious_harm"
        with store.writer():
            store.put(document, "v2", enrichment)
        again = store.document(document.review_id)
        assert (again["child_age_months"], again["outcome"]) == (30, "serious_harm")
        assert review()["outcome"] == "serious_harm"


class TestKuzuStore(StoreContract):
    @pytest.fixture
    def make_store(self, tmp_path: Path) -> Any:
        return lambda: KuzuStore(tmp_path / "data")

    @pytest.fixture
    def store(self, make_store: Any) -> KuzuStore:
        return make_store()


NEO4J = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: no Neo4j server on this machine (set NEO4J_URI, NEO4J_USER "
    "and NEO4J_PASSWORD to run the contract against one)",
)
