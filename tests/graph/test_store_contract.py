"""One contract every store backend keeps: the same tests, the same data and the same
answers on the embedded Kùzu store and on a real Neo4j server (tests/neo4j_server,
started once per session; `make test-neo4j`)."""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from graph.analytics import cooccurrence, entity_theme_links, neighbourhood, theme_trends
from graph.corrections import (
    FIELD_CORRECTION_EVENT,
    field_correction,
    implied_by,
    paired_age,
    theme_correction,
    theme_withdrawal,
)
from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from graph.neo4j_store import Neo4jStore
from graph.store import Store, StoreLocked
from ingest.batch import ingest_paths
from ingest.enrich import Enrichment
from ingest.page_labels import from_json as labels_from_json
from ingest.pipeline import parse_document
from ingest.themes import load_taxonomy
from ingest.types import ParsedDocument
from tests.conftest import enricher

REPO = Path(__file__).resolve().parents[2]
Reviews = list[tuple[ParsedDocument, Enrichment]]
MakeStore = Callable[..., Any]
THEME_IDS = load_taxonomy().ids


@pytest.fixture(params=["kuzu", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> MakeStore:
    """A factory of handles on one empty store of the backend (a second handle is another
    writer or reader of the same store)."""
    if backend == "kuzu":
        return lambda **options: KuzuStore(tmp_path / "data", **options)
    uri = request.getfixturevalue("neo4j_uri")
    opened: list[Neo4jStore] = []

    def make(**options: Any) -> Neo4jStore:
        store = Neo4jStore(uri, "neo4j", "", cache_dir=tmp_path / "data" / "cache", **options)
        opened.append(store)
        return store

    request.addfinalizer(lambda: [store.close() for store in opened])
    return make


@pytest.fixture
def store(make_store: MakeStore) -> Any:
    return make_store()


@pytest.fixture
def loaded(store: Any, reviews: Reviews) -> Any:
    """The three test reviews, stored, with their citations linked."""
    with store.writer():
        for document, enrichment in reviews:
            store.put(document, "v1", enrichment)
        store.link_citations()
    return store


def passage_themes(reviews: Reviews) -> dict[str, set[str]]:
    return {p.passage_id: set(p.themes) for _, e in reviews for p in e.passages}


# -- the interface ---------------------------------------------------------------------------


@pytest.mark.parametrize("backend_class", [KuzuStore, Neo4jStore])
def test_every_backend_has_every_store_method(backend_class: type) -> None:
    methods = {name for name, _ in inspect.getmembers(Store) if not name.startswith("_")}
    assert methods <= set(dir(backend_class))


# -- writing and reading back -----------------------------------------------------------------


def test_put_then_read_back(store: Any, reviews: Reviews) -> None:
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
    assert store.document("no-such-review") is None


def test_counts_of_reviews_passages_and_themes(loaded: Any, reviews: Reviews) -> None:
    counts = loaded.query(
        "MATCH (r:Review)-[:HAS_PASSAGE]->(p:Passage) "
        "RETURN count(DISTINCT r) AS reviews, count(p) AS passages"
    )
    assert counts == [{"reviews": 3, "passages": sum(len(d.passages) for d, _ in reviews)}]
    review_themes = loaded.query("MATCH (:Review)-[h:HAS_THEME]->(:Theme) RETURN count(h) AS n")
    assert review_themes == [{"n": sum(len(e.review_themes) for _, e in reviews)}]
    evidences = loaded.query("MATCH (:Passage)-[x:EVIDENCES]->(:Theme) RETURN count(x) AS n")
    assert evidences == [{"n": sum(len(p) for p in passage_themes(reviews).values())}]
    listed = {row["review_id"]: row for row in loaded.reviews()}
    for document, enrichment in reviews:
        row = listed[document.review_id]
        assert row["passages"] == len(document.passages)
        by_count = sorted(((t.passages, t.theme) for t in enrichment.review_themes), reverse=True)
        assert row["themes"] == [theme for _, theme in by_count]


def test_replacing_a_review_leaves_no_duplicates(store: Any, reviews: Reviews) -> None:
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
    assert store.known(document.content_sha256, "v2") == document.review_id
    assert store.keyword_search("sofa", 5)  # the index holds the new version once, not zero


def test_renamed_copy_adds_a_path(store: Any, reviews: Reviews) -> None:
    document, enrichment = reviews[1]
    with store.writer():
        store.put(document, "v1", enrichment)
        store.add_path(document.content_sha256, "/elsewhere/renamed.txt")
        store.add_path(document.content_sha256, "/elsewhere/renamed.txt")
    [row] = [r for r in store.reviews() if r["review_id"] == document.review_id]
    assert row["paths"] == [document.source_path, "/elsewhere/renamed.txt"]


def test_a_re_ingest_keeps_the_paths_of_renamed_copies(store: Any, reviews: Reviews) -> None:
    # erasure removes uploads by these paths: a forgotten one would outlive a delete
    document, enrichment = reviews[1]
    with store.writer():
        store.put(document, "v1", enrichment)
        store.add_path(document.content_sha256, "/elsewhere/renamed.txt")
    with store.writer():
        store.put(document, "v2", enrichment)
    [row] = [r for r in store.reviews() if r["review_id"] == document.review_id]
    assert row["paths"] == [document.source_path, "/elsewhere/renamed.txt"]


def test_reviews_are_found_by_their_words_whatever_their_bytes(
    store: Any, reviews: Reviews, tmp_path: Path
) -> None:
    stored = reviews[1][0]
    original = tmp_path / stored.file_name
    original.write_text(Path(stored.source_path).read_text())
    copy = tmp_path / "saved-again.txt"
    copy.write_text(original.read_text() + "\n\n")  # other bytes, the same words
    documents = [parse_document(path, path.read_bytes()) for path in (original, copy)]
    for document in documents:
        document.text_sha256 = "f" * 64  # as ingest.pipeline.text_fingerprint gives both
    with store.writer():
        for document in documents:
            store.put(document, "v1")
    found = store.same_text("f" * 64)
    assert sorted(row["id"] for row in found) == sorted(d.review_id for d in documents)
    assert {row["file_name"] for row in found} == {stored.file_name, "saved-again.txt"}
    assert store.same_text("0" * 64) == []


def test_citations_between_reviews(loaded: Any) -> None:
    rows = loaded.query(
        "MATCH (a:Review)-[:CITES]->(b:Review) RETURN a.title AS source, b.title AS target"
    )
    assert rows == [{"source": "Rapid Review: Child C", "target": "Serious Case Review: Child B"}]


def test_parameters_are_data_not_cypher(loaded: Any) -> None:
    hostile = "x'}) MATCH (n) DETACH DELETE n //"
    assert loaded.query("MATCH (r:Review {id: $id}) RETURN r.id AS id", {"id": hostile}) == []
    assert loaded.query("MATCH (r:Review) RETURN count(r) AS n") == [{"n": 3}]


# -- the questions analysts ask ---------------------------------------------------------------


def test_cooccurrence_pairs_and_counts(loaded: Any, reviews: Reviews) -> None:
    review_pairs: Counter[tuple[str, str]] = Counter()
    for _, enrichment in reviews:
        review_pairs.update(
            itertools.combinations(sorted(t.theme for t in enrichment.review_themes), 2)
        )
    passage_pairs: Counter[tuple[str, str]] = Counter()
    for themes in passage_themes(reviews).values():
        passage_pairs.update(itertools.combinations(sorted(themes), 2))
    pairs = cooccurrence(loaded)
    assert {(p["a"], p["b"]): p["reviews"] for p in pairs} == dict(review_pairs)
    assert {(p["a"], p["b"]): p["passages"] for p in pairs} == {
        pair: passage_pairs.get(pair, 0) for pair in review_pairs
    }
    assert {p["total_reviews"] for p in pairs} == {3}


def test_trends(loaded: Any, reviews: Reviews) -> None:
    expected: Counter[tuple[int, str]] = Counter()
    for document, enrichment in reviews:
        for theme in enrichment.review_themes:
            expected[(document.metadata.value("publication_year"), theme.theme)] += 1
    trends = theme_trends(loaded)
    assert {(row["year"], row["theme"]): row["reviews"] for row in trends} == dict(expected)
    assert [(row["year"], row["theme"]) for row in trends] == sorted(expected)


def test_entity_theme_links(loaded: Any, reviews: Reviews) -> None:
    themes = passage_themes(reviews)
    expected: Counter[tuple[str, str]] = Counter()
    for _, enrichment in reviews:
        for passage in enrichment.passages:
            agencies = {m.id for m in passage.mentions if m.kind == "agency"}
            expected.update(
                (agency, theme) for agency in agencies for theme in themes[passage.passage_id]
            )
    links = entity_theme_links(loaded, "agency")
    assert expected and {(x["entity"], x["theme"]): x["passages"] for x in links} == dict(expected)
    police = entity_theme_links(loaded, "agency", theme="cannabis")
    assert {x["theme"] for x in police} <= {"cannabis"}


def test_neighbourhood(loaded: Any, reviews: Reviews) -> None:
    child_b, child_c = reviews[1][0], reviews[2][0]
    around = neighbourhood(loaded, child_c.review_id)
    assert around is not None and around["title"] == "Rapid Review: Child C"
    assert [x["id"] for x in around["cites"]] == [child_b.review_id]
    assert {t["theme"] for t in around["themes"]} == {t.theme for t in reviews[2][1].review_themes}
    mentioned = {m.id for p in reviews[2][1].passages for m in p.mentions if m.kind == "agency"}
    assert {e["id"] for e in around["entities"]["agency"]} == mentioned
    cited = neighbourhood(loaded, child_b.review_id)
    assert cited is not None and [x["id"] for x in cited["cited_by"]] == [child_c.review_id]
    assert neighbourhood(loaded, "no-such-review") is None


# -- search -----------------------------------------------------------------------------------


QUERIES = {
    "sofa co-sleeping": 0,
    "county lines exploitation": 2,
    "GP information not shared with the social worker": 1,
    "cannabis": 0,
}


def test_keyword_search_finds_the_same_passages(loaded: Any, reviews: Reviews) -> None:
    for text, review in QUERIES.items():
        found = loaded.keyword_search(text, 5)
        assert found and found[0][0] in {p.id for p in reviews[review][0].passages}, text
        assert all(score > 0 for _, score in found)
        assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    assert loaded.keyword_search("zebra quantum", 5) == []
    assert loaded.keyword_search("", 5) == []


def test_keyword_search_follows_what_is_stored(store: Any, reviews: Reviews) -> None:
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


def test_dense_search_is_exact_cosine_order(loaded: Any, reviews: Reviews) -> None:
    ids = [p.id for d, _ in reviews for p in d.passages]
    matrix = np.vstack([e.embeddings for _, e in reviews]).astype(np.float64)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    for row in range(len(ids)):
        query = matrix[row]
        found = loaded.dense_search(query, 3)
        order = np.argsort(-(matrix @ query))[:3]
        assert [pid for pid, _ in found] == [ids[i] for i in order]
        assert [s for _, s in found] == pytest.approx(
            [float(matrix[i] @ query) for i in order], abs=1e-4
        )
    assert loaded.dense_search(np.zeros(matrix.shape[1]), 3) == []


def test_a_theme_correction_changes_cooccurrence_and_survives_reingest(
    store: Any, reviews: Reviews
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
    [machine_scores] = [
        p.theme_scores for p in enrichment.passages if p.passage_id == passage["id"]
    ]
    assert store.passages([passage["id"]])[passage["id"]]["theme_scores"] == machine_scores
    assert added in {t["theme"] for t in store.document(document.review_id)["review_themes"]}
    with_added = pairs_with_added()
    assert with_added  # the added theme now co-occurs with the review's other themes
    with store.writer():
        store.put(document, "v2", enrichment)  # re-ingest: the machine's edges again
    assert passage_themes() == expected
    assert pairs_with_added() == with_added
    assert [c["action"] for c in store.theme_corrections()] == ["reject", "add"]


def test_corrections_are_refused_outside_the_writer(store: Any, reviews: Reviews) -> None:
    # Only the writer writes: a correction made beside another process's ingest, without the
    # lease, could be overwritten by that ingest's rewrite of the review.
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)
    passage = next(p for p in store.document(document.review_id)["passages"] if p["themes"])
    theme = passage["themes"][0]["theme"]
    other = next(t for t in THEME_IDS if t not in {x["theme"] for x in passage["themes"]})
    with store.writer():
        store.correct_theme(
            theme_correction(passage["id"], document.review_id, theme, "reject", "a", THEME_IDS)
        )
    refused = "writer|read.only|read-only"
    addition = theme_correction(passage["id"], document.review_id, other, "add", "b", THEME_IDS)
    with pytest.raises(Exception, match=refused):
        store.correct_theme(addition)
    with pytest.raises(Exception, match=refused):
        store.correct_field(field_correction(document.review_id, "author", "A. Reviewer", "b"))
    with pytest.raises(Exception, match=refused):
        store.withdraw_theme_correction(
            theme_withdrawal(passage["id"], document.review_id, theme, "b")
        )
    assert [(c["theme"], c["action"]) for c in store.theme_corrections()] == [(theme, "reject")]
    assert store.field_corrections() == []


def test_theme_corrections_saved_together_are_all_or_none(
    store: Any, reviews: Reviews, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)
    passage = next(p for p in store.document(document.review_id)["passages"] if p["themes"])
    machine = {t["theme"] for t in passage["themes"]}
    first, second = [t for t in THEME_IDS if t not in machine][:2]
    made = [
        theme_correction(passage["id"], document.review_id, theme, "add", "analyst", THEME_IDS)
        for theme in (first, second)
    ]
    backend = sys.modules[type(store).__module__]
    history_row = backend.correction_event

    def fails_on_the_second(correction: dict[str, Any]) -> dict[str, Any]:
        if correction["theme"] == second:
            raise RuntimeError("the disk is full")
        return history_row(correction)

    monkeypatch.setattr(backend, "correction_event", fails_on_the_second)
    with pytest.raises(RuntimeError, match="disk"), store.writer():
        store.correct_theme(*made)
    [again] = [
        p for p in store.document(document.review_id)["passages"] if p["id"] == passage["id"]
    ]
    assert {t["theme"] for t in again["themes"]} == machine  # the first was not applied either
    assert store.theme_corrections() == []
    monkeypatch.undo()
    with store.writer():
        store.correct_theme(*made)
    assert {c["theme"] for c in store.theme_corrections()} == {first, second}
    with pytest.raises(ValueError, match="one review"), store.writer():
        store.correct_theme(made[0], {**made[1], "review_id": "another"})


def test_corrections_keep_who_and_when_the_latest_wins_and_the_history_stays(
    store: Any, reviews: Reviews
) -> None:
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)
    passages = store.document(document.review_id)["passages"]
    passage = next(p for p in passages if p["themes"])
    other = next(p for p in passages if p["id"] != passage["id"])
    theme = sorted(t["theme"] for t in passage["themes"])[0]
    started = dt.datetime.now(dt.UTC)

    def correct(action: str, who: str) -> None:
        with store.writer():
            store.correct_theme(
                theme_correction(passage["id"], document.review_id, theme, action, who, THEME_IDS)
            )

    def carried() -> bool:
        [again] = [
            p for p in store.document(document.review_id)["passages"] if p["id"] == passage["id"]
        ]
        return theme in {t["theme"] for t in again["themes"]}

    correct("reject", "Analyst A")
    assert not carried()
    correct("add", "Analyst B")
    assert carried()  # the later correction wins
    correct("reject", "Analyst C")
    assert not carried()
    [current] = store.theme_corrections()
    assert (current["action"], current["who"]) == ("reject", "Analyst C")

    history = store.theme_correction_history(passage["id"])
    steps = [("reject", "Analyst A"), ("add", "Analyst B"), ("reject", "Analyst C")]
    assert [(h["action"], h["who"]) for h in history] == steps
    assert {(h["passage_id"], h["theme"], h["review_id"]) for h in history} == {
        (passage["id"], theme, document.review_id)
    }
    times = [dt.datetime.fromisoformat(h["made_at"]) for h in history]
    assert times == sorted(times)
    assert all(
        t.utcoffset() == dt.timedelta(0) and started <= t <= dt.datetime.now(dt.UTC) for t in times
    )
    assert history[-1]["made_at"] == current["made_at"]
    assert store.theme_correction_history(other["id"]) == []
    assert store.theme_correction_history() == history

    with store.writer():
        store.put(document, "v2", enrichment)  # re-ingest: the history and the latest stand
    assert store.theme_correction_history(passage["id"]) == history
    assert not carried()


ANCESTORS = {t: load_taxonomy().ancestors(t) for t in THEME_IDS}


def test_a_withdrawn_theme_correction_gives_the_machine_its_label_again(
    store: Any, reviews: Reviews
) -> None:
    """Withdrawing a rejection brings back the machine's edge (its score and evidence), and
    withdrawing an addition takes the theme away again: the passage, the review's themes and
    the search index read as before anyone corrected them; the history keeps every step."""
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)

    def passage_now(pid: str) -> dict[str, Any]:
        [found] = [p for p in store.document(document.review_id)["passages"] if p["id"] == pid]
        return found

    def edges(pid: str) -> list[tuple[str, float, str]]:
        return sorted(
            (t["theme"], t["score"], repr(t["spans"])) for t in passage_now(pid)["themes"]
        )

    def review_themes() -> set[str]:
        return {t["theme"] for t in store.document(document.review_id)["review_themes"]}

    passage = next(
        p
        for p in store.document(document.review_id)["passages"]
        if any(t["spans"] for t in p["themes"])
    )
    pid, machine = passage["id"], edges(passage["id"])
    carried = {theme for theme, _, _ in machine}
    rejected = next(t for t in sorted(carried) if not implied_by(t, carried, ANCESTORS))
    added = next(
        t
        for t in THEME_IDS
        if t not in carried and not ANCESTORS[t] and not implied_by(t, carried, ANCESTORS)
    )
    themes_before = review_themes()
    with store.writer():
        for theme, action in ((rejected, "reject"), (added, "add")):
            store.correct_theme(
                theme_correction(pid, document.review_id, theme, action, "Analyst A", THEME_IDS)
            )
    assert {theme for theme, _, _ in edges(pid)} == (carried - {rejected}) | {added}

    with store.writer():
        back = theme_withdrawal(pid, document.review_id, rejected, "Analyst B", "too hasty")
        assert store.withdraw_theme_correction(back, ANCESTORS) is True
        gone = theme_withdrawal(pid, document.review_id, added, "Analyst B")
        assert store.withdraw_theme_correction(gone, ANCESTORS) is False
    assert edges(pid) == machine  # the machine's own edges, score and evidence spans
    assert review_themes() == themes_before
    assert sorted(store.passages([pid])[pid]["themes"]) == sorted(carried)  # the search index
    assert store.theme_corrections() == []
    history = store.theme_correction_history(pid)
    assert [(h["theme"], h["action"], h["who"]) for h in history] == [
        (rejected, "reject", "Analyst A"),
        (added, "add", "Analyst A"),
        (rejected, "withdraw", "Analyst B"),
        (added, "withdraw", "Analyst B"),
    ]
    assert history[2]["note"] == "too hasty" and history[2]["review_id"] == document.review_id

    with store.writer():
        with pytest.raises(ValueError, match=f"no correction of {rejected} to withdraw"):
            store.withdraw_theme_correction(back, ANCESTORS)
        with pytest.raises(KeyError):
            store.withdraw_theme_correction({**back, "passage_id": "no-such-passage"}, ANCESTORS)
        store.put(document, "v2", enrichment)  # re-ingest: nothing in force, the history stays
    assert edges(pid) == machine
    assert store.theme_correction_history(pid) == history


def test_withdrawing_an_addition_leaves_a_theme_the_review_names_where_it_was(
    store: Any, reviews: Reviews
) -> None:
    """A theme the review carries from its title, contents or summary, with no passage: a
    person adds it to a passage and takes that back; the review carries it as before."""
    with store.writer():
        for document, enrichment in reviews:
            store.put(document, "v1", enrichment)

    def named_only(review_id: str) -> list[str]:
        rows = store.document(review_id)["review_themes"]
        return [t["theme"] for t in rows if t["passages"] == 0 and not ANCESTORS[t["theme"]]]

    review_id, theme = next(
        (document.review_id, named_only(document.review_id)[0])
        for document, _ in reviews
        if named_only(document.review_id)
    )
    passage = next(
        p
        for p in store.document(review_id)["passages"]
        if theme not in {t["theme"] for t in p["themes"]}
    )

    def carried() -> list[tuple[str, int]]:
        rows = store.document(review_id)["review_themes"]
        return [(t["theme"], t["passages"]) for t in rows if t["theme"] == theme]

    with store.writer():
        store.correct_theme(
            theme_correction(passage["id"], review_id, theme, "add", "A", THEME_IDS)
        )
    assert carried() == [(theme, 1)]
    with store.writer():
        withdrawal = theme_withdrawal(passage["id"], review_id, theme, "B")
        store.withdraw_theme_correction(withdrawal, ANCESTORS)
    assert carried() == [(theme, 0)]


def review_theme_rows(store: Any, review_id: str) -> list[tuple[Any, ...]]:
    """The review's HAS_THEME edges, every property: what a withdrawal must give back."""
    return sorted(
        (t["theme"], t["passages"], t["weight"], repr(t["parts"]), repr(t["quotes"]))
        for t in store.document(review_id)["review_themes"]
    )


def passages_by_theme(store: Any, review_id: str) -> dict[str, list[str]]:
    carrying: dict[str, list[str]] = {}
    for passage in store.document(review_id)["passages"]:
        for theme in passage["themes"]:
            carrying.setdefault(theme["theme"], []).append(passage["id"])
    return carrying


def rejectable(store: Any, review_id: str, theme: str) -> bool:
    """No passage carrying `theme` carries a narrower theme that implies it."""
    return not any(
        implied_by(theme, [t["theme"] for t in p["themes"]], ANCESTORS)
        for p in store.document(review_id)["passages"]
        if theme in {t["theme"] for t in p["themes"]}
    )


def reject_everywhere(store: Any, review_id: str, theme: str, passage_ids: list[str]) -> None:
    """Person A rejects the theme on each of the passages, in one correction."""
    with store.writer():
        store.correct_theme(
            *(
                theme_correction(pid, review_id, theme, "reject", "A", THEME_IDS)
                for pid in passage_ids
            )
        )


def test_rejecting_a_review_theme_everywhere_and_withdrawing_gives_back_its_edge_whole(
    store: Any, reviews: Reviews
) -> None:
    """A theme the review carries, rejected on every passage that gives it: the review no
    longer carries it. Withdrawn, the review carries it again as ingest wrote it: the same
    passage count, weight, parts of the review and quotes."""
    document, enrichment = reviews[0]
    review_id = document.review_id
    with store.writer():
        store.put(document, "v1", enrichment)
    before = review_theme_rows(store, review_id)
    carrying = passages_by_theme(store, review_id)
    theme = min(
        (t for t, _, _, _, _ in before if t in carrying and rejectable(store, review_id, t)),
        key=lambda t: (len(carrying[t]), t),
    )
    reject_everywhere(store, review_id, theme, carrying[theme])
    assert theme not in {row[0] for row in review_theme_rows(store, review_id)}
    with store.writer():
        for pid in carrying[theme]:
            store.withdraw_theme_correction(theme_withdrawal(pid, review_id, theme, "B"), ANCESTORS)
    assert review_theme_rows(store, review_id) == before


def test_withdrawing_a_correction_of_a_theme_only_passages_carry_leaves_the_review_as_it_was(
    store: Any, reviews: Reviews
) -> None:
    """A theme the machine gives a passage but not the whole review: rejected and withdrawn,
    or confirmed and withdrawn, the review's themes are the machine's again (a confirmed
    theme carries the review while the confirmation is in force)."""
    document, enrichment = reviews[0]
    review_id, theme = document.review_id, "neglect"
    first = enrichment.passages[0]
    assert theme not in first.themes and theme not in {t.theme for t in enrichment.review_themes}
    tagged = replace(  # one passage more the machine gives the theme: too few for the review
        first,
        themes=[*first.themes, theme],
        scores={**first.scores, theme: 0.6},
        evidence={**first.evidence, theme: []},
    )
    with store.writer():
        store.put(document, "v1", replace(enrichment, passages=[tagged, *enrichment.passages[1:]]))
    before = review_theme_rows(store, review_id)
    assert theme not in {row[0] for row in before}
    pid = first.passage_id
    for action in ("reject", "accept"):
        with store.writer():
            store.correct_theme(theme_correction(pid, review_id, theme, action, "A", THEME_IDS))
        with store.writer():
            store.withdraw_theme_correction(theme_withdrawal(pid, review_id, theme, "B"), ANCESTORS)
        assert review_theme_rows(store, review_id) == before, action


def test_review_themes_after_corrections_are_those_a_re_ingest_writes(
    store: Any, reviews: Reviews
) -> None:
    """A review theme rejected on every passage, then confirmed on one of them: the review's
    themes read as the same review ingested again with that confirmation in force."""
    document, enrichment = reviews[0]
    review_id = document.review_id
    with store.writer():
        store.put(document, "v1", enrichment)
    before = review_theme_rows(store, review_id)
    carrying = passages_by_theme(store, review_id)
    theme = next(t for t, _, _, _, _ in before if t in carrying and rejectable(store, review_id, t))
    reject_everywhere(store, review_id, theme, carrying[theme])
    with store.writer():
        first = carrying[theme][0]
        store.correct_theme(theme_correction(first, review_id, theme, "accept", "A", THEME_IDS))
    corrected = review_theme_rows(store, review_id)
    with store.writer():
        store.put(document, "v2", enrichment)
    assert review_theme_rows(store, review_id) == corrected


def test_a_withdrawal_that_would_break_an_implication_is_refused(
    store: Any, reviews: Reviews
) -> None:
    """A theme added by hand with the broader theme it implies: the broader one's addition
    cannot be withdrawn while the narrower stays, and nothing changes when it is refused."""
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)
    passage = next(
        p
        for p in store.document(document.review_id)["passages"]
        if not {"cannabis", "substance_misuse"} & {t["theme"] for t in p["themes"]}
    )
    with store.writer():
        store.correct_theme(
            *(
                theme_correction(passage["id"], document.review_id, theme, "add", "A", THEME_IDS)
                for theme in ("substance_misuse", "cannabis")
            )
        )
        broad = theme_withdrawal(passage["id"], document.review_id, "substance_misuse", "B")
        with pytest.raises(ValueError, match="carries cannabis, which implies substance_misuse"):
            store.withdraw_theme_correction(broad, ANCESTORS)
    assert {c["theme"] for c in store.theme_corrections()} == {"cannabis", "substance_misuse"}
    assert len(store.theme_correction_history(passage["id"])) == 2
    with store.writer():
        narrow = theme_withdrawal(passage["id"], document.review_id, "cannabis", "B")
        assert store.withdraw_theme_correction(narrow, ANCESTORS) is False
        assert store.withdraw_theme_correction(broad, ANCESTORS) is False
    [again] = [
        p for p in store.document(document.review_id)["passages"] if p["id"] == passage["id"]
    ]
    assert store.theme_corrections() == []
    assert not {"cannabis", "substance_misuse"} & {t["theme"] for t in again["themes"]}


def test_a_correction_and_the_one_it_implies_leave_each_review_theme_once(loaded: Any) -> None:
    review_id = loaded.reviews()[0]["review_id"]
    passage = next(
        p
        for p in loaded.document(review_id)["passages"]
        if not {"cannabis", "substance_misuse"} & {t["theme"] for t in p["themes"]}
    )
    with loaded.writer():  # as `themes correct --add cannabis` saves them: implied one first
        loaded.correct_theme(
            *(
                theme_correction(passage["id"], review_id, theme, "add", "analyst", THEME_IDS)
                for theme in ("substance_misuse", "cannabis")
            )
        )
    twice = loaded.query(
        "MATCH (r:Review)-[:HAS_THEME]->(t:Theme) WITH r.id AS review, t.id AS theme, "
        "count(*) AS n WHERE n > 1 RETURN review, theme, n"
    )
    assert twice == []
    carried = {t["theme"] for t in loaded.document(review_id)["review_themes"]}
    assert {"cannabis", "substance_misuse"} <= carried


def test_a_theme_correction_follows_its_passage_when_a_new_parse_rewords_it(
    store: Any, reviews: Reviews
) -> None:
    first = reviews[0][0]
    passage = max(first.passages, key=lambda p: p.word_count)
    added = next(t for t in THEME_IDS if t not in passage_themes(reviews[:1])[passage.id])
    with store.writer():
        store.put(first, "v1", enricher()(first))
        store.correct_theme(
            theme_correction(passage.id, first.review_id, added, "add", "analyst", THEME_IDS)
        )
    # a later parser cuts or words the passage a little differently: it gets a new id
    reworded = replace(passage, id="f" * 20, text=passage.text.replace(" the ", " the very ", 1))
    second = replace(first, passages=[reworded if p is passage else p for p in first.passages])
    with store.writer():
        store.put(second, "v2", enricher()(second))
    [moved] = store.theme_corrections()
    assert (moved["passage_id"], moved["theme"]) == (reworded.id, added)
    [event] = store.theme_correction_history(reworded.id)  # its history goes with it
    assert (event["theme"], event["who"]) == (added, "analyst")
    stored = store.document(first.review_id)["passages"]
    [carrier] = [p for p in stored if p["id"] == reworded.id]
    assert added in {t["theme"] for t in carrier["themes"]}


def test_a_field_correction_overrides_the_parser_and_survives_reingest(
    store: Any, reviews: Reviews
) -> None:
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)
    with store.writer():
        store.correct_field(field_correction(document.review_id, "child_age_months", "30", "a"))
        store.correct_field(field_correction(document.review_id, "outcome", "serious_harm", "a"))

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


def test_a_corrected_review_type_changes_the_kind_search_and_similar_cases_read(
    store: Any, reviews: Reviews
) -> None:
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)
        store.correct_field(field_correction(document.review_id, "review_type", "guidance", "a"))
    assert store.review_profiles()[document.review_id]["document_kind"] == "guidance"
    passage = document.passages[0].id
    assert store.passages([passage])[passage]["document_kind"] == "guidance"
    with store.writer():
        store.put(document, "v2", enrichment)
    assert store.review_profiles()[document.review_id]["document_kind"] == "guidance"


def test_a_correction_and_what_it_implies_are_saved_together(store: Any, reviews: Reviews) -> None:
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)
        own = field_correction(document.review_id, "child_age", "4 years", "a")
        store.correct_field(own, paired_age(own))
    stored = store.document(document.review_id)
    assert (stored["child_age"], stored["child_age_months"], stored["age_band"]) == (
        "4 years",
        48,
        "1-5",
    )
    history = store.field_correction_history(document.review_id)
    assert [h["field"] for h in history] == ["child_age", "child_age_months"]


def test_a_field_cleared_by_hand_stays_empty_after_reingest(store: Any, reviews: Reviews) -> None:
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)
        store.correct_field(field_correction(document.review_id, "child_age_months", "30", "a"))
    with store.writer():  # the review states no age after all
        store.correct_field(
            field_correction(document.review_id, "child_age_months", "not stated", "b")
        )
        store.correct_field(field_correction(document.review_id, "outcome", "not stated", "b"))
    for version in ("v1", "v2"):
        if version == "v2":
            with store.writer():
                store.put(document, "v2", enrichment)
        stored = store.document(document.review_id)
        assert (stored["child_age_months"], stored["age_band"], stored["outcome"]) == (
            None,
            None,
            None,
        )
        assert document.review_id not in {
            r["review_id"] for r in store.reviews() if r.get("outcome") or r.get("age_band")
        }
    history = store.field_correction_history(document.review_id)
    [months] = [h for h in history if h["field"] == "child_age_months" and h["in_force"]]
    assert (months["value"], months["who"]) == (None, "b")


def test_a_corrected_title_or_year_is_what_saved_quotes_cite(store: Any, reviews: Reviews) -> None:
    (document, enrichment), (other, other_enrichment) = reviews[0], reviews[1]
    with store.writer():
        store.put(document, "v1", enrichment)
        store.put(other, "v1", other_enrichment)
    for review in (document, other):
        passage = review.passages[0]
        quote = {
            "passage_id": passage.id,
            "review_id": review.review_id,
            "text": passage.text,
            "title": review.metadata.value("title"),
            "year": review.metadata.value("publication_year"),
        }
        with store.writer():
            store.save_quote("Briefing", quote)
    with store.writer():
        store.correct_field(field_correction(document.review_id, "title", "A Title Fixed", "a"))
        store.correct_field(field_correction(document.review_id, "publication_year", "2001", "a"))
        store.correct_field(field_correction(document.review_id, "outcome", "other", "a"))
    cited = {q["review_id"]: (q["title"], q["year"]) for q in store.quotes("Briefing")}
    assert cited == {
        document.review_id: ("A Title Fixed", 2001),
        other.review_id: (other.metadata.value("title"), other.metadata.value("publication_year")),
    }


def test_printed_page_labels_are_kept_and_read_with_passages_and_saved_quotes(
    store: Any, reviews: Reviews
) -> None:
    document, enrichment = reviews[0]
    passage = document.passages[0]
    labels = {passage.page_start: "iv"}
    with store.writer():
        store.put(replace(document, page_labels=labels), "v1", enrichment)
        store.save_quote("Printed", {"passage_id": passage.id, "review_id": document.review_id})
    assert store.document(document.review_id)["page_labels"] == labels
    assert labels_from_json(store.passages([passage.id])[passage.id]["page_labels"]) == labels
    [quote] = store.quotes("Printed")
    assert labels_from_json(quote["page_labels"]) == labels
    other = reviews[1][0].review_id
    assert (
        labels_from_json(store.page_labels([document.review_id, other])[document.review_id])
        == labels
    )
    assert other not in store.page_labels([other]) and store.page_labels([]) == {}


def test_field_corrections_keep_who_when_and_what_they_replaced_newest_first(
    store: Any, reviews: Reviews
) -> None:
    (document, enrichment), (other, other_enrichment) = reviews[0], reviews[1]
    with store.writer():
        store.put(document, "v1", enrichment)
        store.put(other, "v1", other_enrichment)
    started = dt.datetime.now(dt.UTC)

    def correct(review: ParsedDocument, field: str, value: str, who: str, note: str = "") -> None:
        with store.writer():
            store.correct_field(field_correction(review.review_id, field, value, who, note or None))

    correct(document, "outcome", "serious_harm", "Analyst A", "the child lived")
    correct(document, "outcome", "other", "Analyst B")
    correct(document, "author", "A. Writer", "Analyst A")  # the parser found no author
    correct(other, "child_age_months", "30", "Analyst C")
    assert store.document(document.review_id)["outcome"] == "other"  # the latest still wins
    [outcome] = [c for c in store.field_corrections(document.review_id) if c["field"] == "outcome"]
    assert (outcome["value"], outcome["who"]) == ('"other"', "Analyst B")

    history = store.field_correction_history(document.review_id)
    assert [(h["field"], h["value"], h["who"], h["in_force"]) for h in history] == [
        ("author", "A. Writer", "Analyst A", True),
        ("outcome", "other", "Analyst B", True),
        ("outcome", "serious_harm", "Analyst A", False),
    ]
    assert "machine" not in history[0]  # nothing recorded, nothing invented
    assert [h["machine"] for h in history[1:]] == [document.metadata.value("outcome")] * 2
    assert [h["note"] for h in history] == [None, None, "the child lived"]
    assert {h["review_id"] for h in history} == {document.review_id}
    assert len({h["id"] for h in history}) == 3
    times = [dt.datetime.fromisoformat(h["made_at"]) for h in history]
    assert times == sorted(times, reverse=True)
    assert all(
        t.utcoffset() == dt.timedelta(0) and started <= t <= dt.datetime.now(dt.UTC) for t in times
    )
    assert history[1]["made_at"] == outcome["made_at"]

    [age] = store.field_correction_history(other.review_id)
    assert (age["value"], age["machine"], age["in_force"]) == (
        30,
        other.metadata.value("child_age_months"),
        True,
    )
    assert store.field_correction_history() == [age, *history]  # newest first, every review
    assert store.field_correction_history("no-such-review") == []

    with store.writer():
        store.put(document, "v2", enrichment)  # re-ingest: the history and the latest stand
    assert store.field_correction_history(document.review_id) == history
    assert store.document(document.review_id)["outcome"] == "other"

    with store.writer():  # corrections saved before events were kept: the ones in force show
        store.query(f"MATCH (c:{FIELD_CORRECTION_EVENT}) DELETE c", write=True)
    older = store.field_correction_history(document.review_id)
    assert [(h["field"], h["value"], h["who"], h["in_force"]) for h in older] == [
        ("author", "A. Writer", "Analyst A", True),
        ("outcome", "other", "Analyst B", True),
    ]
    assert not any("machine" in h for h in older)


def by_partnership(store: Any) -> dict[str, set[str]]:
    """Each Partnership node's name, with the reviews BY it (none for a node left alone)."""
    rows = store.query(
        "MATCH (x:Partnership) OPTIONAL MATCH (r:Review)-[:BY]->(x) "
        "RETURN x.name AS name, collect(r.id) AS reviews"
    )
    return {row["name"]: set(row["reviews"]) for row in rows}


def test_a_corrected_partnership_is_what_filters_lists_quotes_and_the_graph_read(
    loaded: Any, reviews: Reviews
) -> None:
    (document, enrichment), (other, _), (third, _) = reviews
    review_id, machine = document.review_id, document.metadata.value("partnership")
    first = document.passages[0]
    quote = {"passage_id": first.id, "review_id": review_id, "text": first.text, "title": "T"}
    with loaded.writer():
        loaded.save_quote("Briefing", {**quote, "partnership": machine})
        loaded.correct_field(
            field_correction(review_id, "partnership", "Eastwick Safeguarding Partnership", "a")
        )
    child_a = {p.id for p in document.passages}
    query = np.asarray(enrichment.embeddings[0], dtype=np.float64)

    def read_as(name: str | None) -> None:
        assert loaded.document(review_id)["partnership"] == name
        [row] = [r for r in loaded.reviews() if r["review_id"] == review_id]
        assert row["partnership"] == name
        assert loaded.passages([first.id])[first.id]["partnership"] == name
        assert neighbourhood(loaded, review_id)["partnership"] == name
        assert loaded.quotes("Briefing")[0]["partnership"] == name
        eastwick, northmoor = (
            SearchFilters(partnership="eastwick"),
            SearchFilters(partnership="northmoor"),
        )
        found = {pid for pid, _ in loaded.keyword_search("police", 10, eastwick)}
        assert found <= child_a and bool(found) == (name is not None)
        assert {pid for pid, _ in loaded.dense_search(query, 10, eastwick)} == (
            child_a if name else set()
        )
        assert loaded.keyword_search("police", 10, northmoor) == []
        assert loaded.dense_search(query, 10, northmoor) == []

    read_as("Eastwick Safeguarding Partnership")
    # The review is BY the corrected partnership; the one it left, by no review now, is gone.
    assert by_partnership(loaded) == {
        "Eastwick Safeguarding Partnership": {review_id},
        other.metadata.value("partnership"): {other.review_id},
        third.metadata.value("partnership"): {third.review_id},
    }
    with loaded.writer():
        loaded.put(document, "v2", enrichment)  # re-ingest: the correction stands
    read_as("Eastwick Safeguarding Partnership")
    assert by_partnership(loaded)["Eastwick Safeguarding Partnership"] == {review_id}
    assert machine not in by_partnership(loaded)
    [history] = loaded.field_correction_history(review_id)
    assert (history["field"], history["value"], history["machine"]) == (
        "partnership",
        "Eastwick Safeguarding Partnership",
        machine,
    )

    with loaded.writer():  # the review names no partnership after all
        loaded.correct_field(field_correction(review_id, "partnership", "not stated", "b"))
    read_as(None)
    assert "Eastwick Safeguarding Partnership" not in by_partnership(loaded)
    assert review_id not in set().union(*by_partnership(loaded).values())
    with loaded.writer():
        loaded.put(document, "v3", enrichment)
    read_as(None)
    assert machine not in by_partnership(loaded)


def test_a_partnership_another_review_is_by_stays_when_one_review_leaves_it(
    loaded: Any, reviews: Reviews
) -> None:
    (_, _), (other, _), (third, _) = reviews
    kelsham, elmbridge = (r.metadata.value("partnership") for r in (third, other))
    with loaded.writer():  # the second review was by the third's partnership all along
        loaded.correct_field(field_correction(other.review_id, "partnership", kelsham, "a"))
    found = by_partnership(loaded)
    assert found[kelsham] == {other.review_id, third.review_id} and elmbridge not in found
    with loaded.writer():  # and then it was not
        loaded.correct_field(field_correction(other.review_id, "partnership", elmbridge, "a"))
    found = by_partnership(loaded)
    assert (found[kelsham], found[elmbridge]) == ({third.review_id}, {other.review_id})


def test_a_respelt_partnership_another_review_is_by_takes_the_corrected_name(
    loaded: Any, reviews: Reviews
) -> None:
    (_, _), (other, _), (third, third_enrichment) = reviews
    kelsham = third.metadata.value("partnership")
    shouted = "  ".join(kelsham.upper().split())  # the same node: case and spacing are folded
    with loaded.writer():  # the second review is by the third's partnership, spelt loudly
        loaded.correct_field(field_correction(other.review_id, "partnership", shouted, "a"))
    found = by_partnership(loaded)
    assert found[shouted] == {other.review_id, third.review_id} and kelsham not in found
    assert loaded.document(other.review_id)["partnership"] == shouted
    with loaded.writer():  # re-ingesting the third review leaves the name a person typed
        loaded.put(third, "v2", third_enrichment)
    assert by_partnership(loaded)[shouted] == {other.review_id, third.review_id}
    with loaded.writer():  # then spelt as the third review spells it: the node follows
        loaded.correct_field(field_correction(other.review_id, "partnership", kelsham, "b"))
    found = by_partnership(loaded)
    assert found[kelsham] == {other.review_id, third.review_id} and shouted not in found
    assert loaded.document(other.review_id)["partnership"] == kelsham


def about(store: Any, review_id: str) -> list[str]:
    rows = store.query(
        "MATCH (r:Review {id: $id})-[:ABOUT]->(x:Person) RETURN x.pseudonym AS name",
        {"id": review_id},
    )
    return sorted(row["name"] for row in rows)


def test_corrected_child_pseudonyms_are_what_the_review_is_about_and_survive_reingest(
    store: Any, reviews: Reviews
) -> None:
    (document, enrichment), *others = reviews
    review_id = document.review_id
    with store.writer():
        store.put(document, "v1", enrichment)
        store.correct_field(
            field_correction(review_id, "child_pseudonyms", "Child D, Child E", "a")
        )
        store.correct_field(field_correction(review_id, "partnership", "Eastwick Partnership", "a"))
    with store.writer():  # more reviews after a correction in place (see KuzuStore.correct_field)
        for review, review_enrichment in others:
            store.put(review, "v1", review_enrichment)

    def names() -> tuple[list[str], list[str], list[str]]:
        [row] = [r for r in store.reviews() if r["review_id"] == review_id]
        return (
            store.document(review_id)["child_pseudonyms"],
            row["child_pseudonyms"],
            about(store, review_id),
        )

    assert names() == (["Child D", "Child E"], ["Child D", "Child E"], ["Child D", "Child E"])
    listed = {r["review_id"]: (r["child_pseudonyms"], r["partnership"]) for r in store.reviews()}
    assert listed == {
        review_id: (["Child D", "Child E"], "Eastwick Partnership"),
        **{
            r.review_id: (r.metadata.value("child_pseudonyms"), r.metadata.value("partnership"))
            for r, _ in others
        },
    }
    [history] = [
        h for h in store.field_correction_history(review_id) if h["field"] == "child_pseudonyms"
    ]
    assert (history["value"], history["machine"], history["who"]) == (
        ["Child D", "Child E"],
        ["Child A"],
        "a",
    )
    with store.writer():
        store.put(document, "v2", enrichment)
    assert names() == (["Child D", "Child E"], ["Child D", "Child E"], ["Child D", "Child E"])

    with store.writer():  # the review names no child after all
        store.correct_field(field_correction(review_id, "child_pseudonyms", "not stated", "b"))
    assert names() == ([], [], [])
    with store.writer():
        store.put(document, "v3", enrichment)
    assert names() == ([], [], [])
    people = store.query("MATCH (x:Person) RETURN x.pseudonym AS name")
    assert sorted(row["name"] for row in people) == ["Child B", "Child C"]
    [cleared, *_] = store.field_correction_history(review_id)
    assert (cleared["field"], cleared["value"], cleared["in_force"]) == (
        "child_pseudonyms",
        None,
        True,
    )


def test_passage_kinds_rarity_and_case_profiles(store: Any, reviews: Reviews) -> None:
    document, enrichment = reviews[0]
    with store.writer():
        store.put(document, "v1", enrichment)
    [(found, _)] = store.keyword_search("sofa", 1)
    row = store.passages([found])[found]
    kind = next(p.kind for p in document.passages if p.id == found)
    assert (row["kind"], row["document_kind"]) == (kind, document.document_kind)
    only = SearchFilters(passage_kinds=(kind,))
    assert store.keyword_search("sofa", 5, only)[0][0] == found
    other = "method" if kind != "method" else "contents"
    assert store.keyword_search("sofa", 5, SearchFilters(passage_kinds=(other,))) == []
    total, frequencies = store.document_frequencies(["sofa", "zzzunseen"])
    assert total == len(document.passages) and frequencies == {"sofa": 1, "zzzunseen": 0}
    profile = store.review_profiles()[document.review_id]
    assert profile["document_kind"] == document.document_kind
    assert sum(profile["theme_counts"].values()) == len(enrichment_themes(enrichment))
    narrative = [p.id for p in document.passages if p.kind == "narrative"]
    assert profile["narrative_ids"] == narrative


def enrichment_themes(enrichment: Enrichment) -> list[tuple[str, str]]:
    return [(p.passage_id, theme) for p in enrichment.passages for theme in p.themes]


def test_search_filters(loaded: Any, reviews: Reviews) -> None:
    child_a = {p.id for p in reviews[0][0].passages}
    query = np.asarray(reviews[0][1].embeddings[0], dtype=np.float64)
    recent = SearchFilters(year_from=2019, review_types=("rapid_review",))
    assert {pid for pid, _ in loaded.dense_search(query, 5, recent)} == {
        p.id for p in reviews[2][0].passages
    }
    babies = SearchFilters(age_bands=("under 1",))
    assert {pid for pid, _ in loaded.dense_search(query, 5, babies)} == child_a
    assert (
        loaded.keyword_search("police", 5, SearchFilters(partnership="northmoor"))[0][0] in child_a
    )
    assert loaded.keyword_search("sofa", 5, SearchFilters(themes=("county_lines_cce",))) == []


def test_passages_vectors_and_profiles(loaded: Any, reviews: Reviews) -> None:
    document, enrichment = reviews[0]
    ids = [p.id for p in document.passages]
    found = loaded.passages([*ids, "missing"])
    assert set(found) == set(ids)
    first = found[ids[0]]
    assert (first["review_id"], first["title"], first["year"]) == (
        document.review_id,
        "Local Child Safeguarding Practice Review: Child A",
        2020,
    )
    assert set(first["themes"]) == passage_themes(reviews)[ids[0]]
    confidences = {p.passage_id: p.theme_scores for p in enrichment.passages}
    assert any(confidences.values())  # the test tagger is sure of something
    assert {pid: row["theme_scores"] for pid, row in found.items()} == confidences
    vectors = loaded.passage_vectors(ids)
    assert np.allclose(vectors[ids[0]], enrichment.embeddings[0], atol=1e-5)
    review_ids, matrix, members = loaded.review_vectors()
    assert review_ids == sorted(d.review_id for d, _ in reviews)
    assert members[document.review_id] == ids
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)
    profiles = loaded.review_profiles()
    assert profiles[document.review_id]["themes"] == {
        t for p in enrichment.passages for t in p.themes
    }
    assert profiles[document.review_id]["age_band"] == "under 1"


# -- quote collections ------------------------------------------------------------------------


def test_quote_collections(loaded: Any, reviews: Reviews) -> None:
    """Quote changes run inside writer() on both backends, as the app and CLI do."""
    assert loaded.collections() == []
    passages = [p for d, _ in reviews for p in d.passages][:3]
    quote = lambda p: {  # noqa: E731
        "passage_id": p.id,
        "review_id": p.review_id,
        "text": p.text,
        "title": "T",
        "partnership": None,
        "year": 2020,
        "page_start": p.page_start,
        "page_end": p.page_end,
        "paragraph_numbers": p.paragraph_numbers,
        "section": p.section,
        "note": "n",
    }
    with loaded.writer():
        ids = [loaded.save_quote("Hidden men", quote(p)) for p in passages]
        assert loaded.save_quote("Hidden men", quote(passages[0])) == ids[0]  # no duplicate
        loaded.save_quote("Other", quote(passages[0]))
    assert [(c["name"], c["quotes"]) for c in loaded.collections()] == [
        ("Hidden men", len(ids)),
        ("Other", 1),
    ]
    stored = loaded.quotes("Hidden men")
    assert [q["id"] for q in stored] == ids
    assert [q["position"] for q in stored] == list(range(1, len(ids) + 1))
    assert stored[0]["text"] == passages[0].text and stored[0]["year"] == 2020
    with loaded.writer():
        loaded.reorder_quotes("Hidden men", list(reversed(ids)))
    assert [q["id"] for q in loaded.quotes("Hidden men")] == list(reversed(ids))
    with loaded.writer():
        loaded.remove_quote("Hidden men", ids[0])
        loaded.delete_collection("Other")
    assert ids[0] not in [q["id"] for q in loaded.quotes("Hidden men")]
    assert [c["name"] for c in loaded.collections()] == ["Hidden men"]
    document, enrichment = reviews[0]
    with loaded.writer():  # re-ingesting the review keeps the copies
        loaded.put(document, "v2", enrichment)
    assert len(loaded.quotes("Hidden men")) == len(ids) - 1


def a_quote(passage: Any) -> dict[str, Any]:
    return {"passage_id": passage.id, "review_id": passage.review_id, "text": passage.text}


def test_collection_names_match_whatever_their_case(loaded: Any, reviews: Reviews) -> None:
    first, second = [p for d, _ in reviews for p in d.passages][:2]
    with loaded.writer():
        kept = loaded.save_quote("Training", a_quote(first))
        assert loaded.save_quote("training", a_quote(first)) == kept  # no duplicate
        loaded.save_quote("TRAINING", a_quote(second))
        loaded.save_draft("training", {"title": "Fathers"})
    assert [(c["name"], c["quotes"]) for c in loaded.collections()] == [("Training", 2)]
    assert loaded.collection_name("tRaInInG") == "Training"
    assert loaded.collection_name("Nothing") is None
    assert [q["passage_id"] for q in loaded.quotes("training")] == [first.id, second.id]
    assert loaded.draft("TRAINING") == {"title": "Fathers"}
    with loaded.writer():
        loaded.delete_collection("training")
    assert loaded.collections() == [] and loaded.draft("Training") is None


def test_collections_stored_apart_by_case_stay_apart(
    loaded: Any, reviews: Reviews, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a store made before names matched whatever their case may hold them."""
    first, second = [p for d, _ in reviews for p in d.passages][:2]
    with loaded.writer():
        loaded.save_quote("Neglect", a_quote(first))
    with monkeypatch.context() as old_rule, loaded.writer():
        exact = lambda name, matches: name if name in matches else None  # noqa: E731
        old_rule.setattr(sys.modules[type(loaded).__module__], "stored_spelling", exact)
        loaded.save_quote("neglect", a_quote(second))
    assert [c["name"] for c in loaded.collections()] == ["Neglect", "neglect"]
    assert [q["passage_id"] for q in loaded.quotes("neglect")] == [second.id]
    assert [q["passage_id"] for q in loaded.quotes("NEGLECT")] == [first.id]  # the oldest
    with loaded.writer():
        loaded.delete_collection("neglect")
    assert [c["name"] for c in loaded.collections()] == ["Neglect"]


# -- briefing drafts and saved searches (named JSON documents) --------------------------------

DRAFT = {"title": "Fathers", "texts": {"1. Background": "Why we meet."}, "placement": {}}
SEARCH = {"q": "hidden men", "themes": ["hidden_men"], "year_from": 2015}


def test_drafts_and_saved_searches_are_kept_by_name(store: Any) -> None:
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


def test_delete_review_removes_it_whole(loaded: Any, reviews: Reviews) -> None:
    (document, _), (other, _) = reviews[0], reviews[1]
    first = document.passages[0]
    with loaded.writer():  # what people said about both reviews: only the erased one's goes
        for review, passage in ((document, first), (other, other.passages[0])):
            loaded.correct_theme(
                theme_correction(passage.id, review.review_id, THEME_IDS[0], "add", "a", THEME_IDS)
            )
            loaded.correct_field(field_correction(review.review_id, "outcome", "died", "a"))
    assert document.review_id in loaded.review_vectors()[0]  # cached until a review goes
    with loaded.writer():
        loaded.save_quote(
            "Briefing",
            {
                "passage_id": first.id,
                "review_id": document.review_id,
                "text": first.text,
                "title": "T",
            },
        )
        erased = loaded.delete_review(document.review_id)
        assert loaded.delete_review("no-such-review") is None
    assert erased is not None and erased.review_id == document.review_id
    assert set(erased.passage_texts) == {p.text for p in document.passages}
    assert erased.quotes == 1 and loaded.quotes("Briefing") == []
    assert loaded.document(document.review_id) is None
    assert loaded.document(other.review_id) is not None
    for said in (
        loaded.theme_corrections(),
        loaded.theme_correction_history(),
        loaded.field_corrections(),
        loaded.field_correction_history(),
    ):
        assert {c["review_id"] for c in said} == {other.review_id}
    left = loaded.query("MATCH (p:Passage) RETURN p.id AS id")
    assert {row["id"] for row in left}.isdisjoint({p.id for p in document.passages})
    assert all(
        pid not in {p.id for p in document.passages}
        for pid, _ in loaded.keyword_search(first.text, 10)
    )
    assert document.review_id not in loaded.review_vectors()[0]
    with loaded.writer(), pytest.raises(KeyError):  # an "add" button drawn before the erasure
        loaded.save_quote("Briefing", {"passage_id": first.id, "text": first.text})
    assert loaded.quotes("Briefing") == []


# -- one writer, whole reviews, the database's own read-only mode -----------------------------


def test_second_writer_is_refused(store: Any, make_store: MakeStore) -> None:
    with store.writer():
        other = make_store()
        with pytest.raises(StoreLocked, match="writing"), other.writer():
            pass
    with make_store().writer():  # once the first let go, the next one gets in
        pass


def test_a_finished_writer_moves_the_last_change_on(store: Any, make_store: MakeStore) -> None:
    with store.writer():
        pass
    first = store.last_change()
    assert first is not None
    time.sleep(0.01)  # a file's modification time counts in ticks of the clock
    with make_store().writer():  # another process's writer, as the CLI's while the app reads
        pass
    assert store.last_change() not in (None, first)


def test_read_only_cypher_is_refused_by_the_database(loaded: Any) -> None:
    """Outside a writer the database itself refuses a write: Kùzu is opened read-only,
    Neo4j runs the statement in a READ access-mode session. No pattern is consulted."""
    with pytest.raises(Exception, match=r"(?i)read.only|read access mode"):
        loaded.query("MATCH (r:Review) SET r.title = 'changed'")
    with pytest.raises(Exception, match=r"(?i)read.only|read access mode"):
        loaded.query("CREATE (:Theme {id: 'sneaky'})")
    assert loaded.query("MATCH (r:Review) WHERE r.title = 'changed' RETURN count(r) AS n") == [
        {"n": 0}
    ]


def crash(folder: Path, data: Path, die_at: int, version: str, uri: str | None) -> None:
    """Ingest in another process that SIGKILLs itself half-way through a review's write."""
    command = [sys.executable, "-m", "tests.graph.crash_ingest", str(folder), str(data)]
    command += [str(die_at), version, *([uri] if uri else [])]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]


def consistent(store: Any) -> dict[str, str]:
    """Every review is whole and no passage hangs loose; returns review id -> version."""
    rows = store.query(
        "MATCH (r:Review) OPTIONAL MATCH (r)-[:HAS_PASSAGE]->(p:Passage) "
        "RETURN r.id AS id, r.version AS version, r.passage_count AS expected, count(p) AS stored"
    )
    for row in rows:
        assert row["stored"] == row["expected"], row
    loose = store.query(
        "MATCH (p:Passage) WHERE NOT EXISTS { MATCH (:Review)-[:HAS_PASSAGE]->(p) } "
        "RETURN count(p) AS n"
    )
    assert loose == [{"n": 0}]
    return {row["id"]: row["version"] for row in rows}


def test_killed_mid_write_leaves_the_previous_version_or_nothing(
    backend: str, make_store: MakeStore, tmp_path: Path, review_folder: Path, request: Any
) -> None:
    uri = request.getfixturevalue("neo4j_uri") if backend == "neo4j" else None
    data = tmp_path / "data"
    crash(review_folder, data, 2, "v1", uri)  # dies writing the second review
    assert len(consistent(make_store())) == 1

    store = make_store()  # on Neo4j: takes over the lease of the killed writer at once
    with store.writer():
        ingest_paths([review_folder], store, enricher=_enricher("v1"))
    assert len(consistent(store)) == 3
    crash(review_folder, data, 2, "v2", uri)  # dies replacing the second review
    versions = sorted(consistent(make_store()).values())
    # the review being replaced when the process died is still at v1
    assert len(versions) == 3 and [v.endswith("+v1") for v in versions].count(True) == 2
    found = [pid for pid, _ in store.keyword_search("county lines", 10)]
    assert found and set(store.passages(found)) == set(found)  # no half-written passage


def _enricher(version: str) -> Any:
    writer = enricher()
    writer.version = version
    return writer
