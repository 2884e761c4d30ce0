from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from graph.analytics import (
    Filters,
    cooccurrence,
    entity_theme_links,
    fisher_greater,
    neighbourhood,
    theme_trends,
)
from graph.kuzu_store import KuzuStore


@pytest.fixture
def store(tmp_path: Path, reviews) -> KuzuStore:
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        for document, enrichment in reviews:
            store.put(document, "v1", enrichment)
        store.link_citations()
    return store


def expected_pairs(reviews) -> dict[tuple[str, str], int]:
    """Review counts per theme pair, straight from the enrichment, without the graph."""
    counts: dict[tuple[str, str], int] = {}
    for _, enrichment in reviews:
        themes = sorted(t.theme for t in enrichment.review_themes)
        for pair in itertools.combinations(themes, 2):
            counts[pair] = counts.get(pair, 0) + 1
    return counts


def test_cooccurrence_matches_an_independent_count(store: KuzuStore, reviews) -> None:
    pairs = cooccurrence(store)
    assert {(p["a"], p["b"]): p["reviews"] for p in pairs} == expected_pairs(reviews)
    for pair in pairs:
        assert pair["total_reviews"] == 3
        assert 0 < pair["jaccard"] <= 1
        assert pair["lift"] == pytest.approx(
            3 * pair["reviews"] / (pair["reviews_a"] * pair["reviews_b"]), abs=1e-3
        )


def test_cooccurrence_filters(store: KuzuStore, reviews) -> None:
    recent = cooccurrence(store, Filters(year_from=2019))
    assert all(p["total_reviews"] == 2 for p in recent)
    babies = cooccurrence(store, Filters(age_bands=("under 1",)))
    assert {p["total_reviews"] for p in babies} <= {1}
    assert cooccurrence(store, Filters(partnership="kelsham", review_types=("lcspr",))) == []


def test_filter_values_cannot_inject_cypher(store: KuzuStore) -> None:
    hostile = Filters(
        partnership="x') MATCH (n) DETACH DELETE n //",
        review_types=("lcspr' OR 1=1 //",),
    )
    assert cooccurrence(store, hostile) == []
    assert store.query("MATCH (r:Review) RETURN count(r) AS n") == [{"n": 3}]


def test_fisher_exact_tail() -> None:
    assert fisher_greater(2, 2, 2, 2) == 1.0
    # 4 reviews, A in 2, B in 2, both in 2: P = 1 / C(4,2)
    assert fisher_greater(2, 2, 2, 4) == pytest.approx(1 / 6, abs=1e-6)


def test_trends_share_per_year(store: KuzuStore) -> None:
    rows = theme_trends(store)
    assert {row["year"] for row in rows} == {2016, 2020, 2022}
    assert all(row["share"] == 1.0 for row in rows)  # one review a year
    by_incident = theme_trends(store, by="incident")
    assert {row["year"] for row in by_incident} <= {2015, 2019, 2021}


def test_trends_of_chosen_themes_show_the_years_they_are_absent_from(store: KuzuStore) -> None:
    carried = {(row["year"], row["theme"]) for row in theme_trends(store)}
    theme = next(
        t for _, t in sorted(carried) if {y for y, u in carried if u == t} != {2016, 2020, 2022}
    )
    rows = theme_trends(store, themes=[theme])
    assert {row["year"] for row in rows} == {2016, 2020, 2022}
    assert {row["theme"] for row in rows} == {theme}
    assert any(row["reviews"] == 0 and row["share"] == 0 for row in rows)


def test_entity_theme_links(store: KuzuStore) -> None:
    links = entity_theme_links(store, "agency", "cannabis")
    assert {link["entity"] for link in links} >= {"health_visiting", "police"}
    with pytest.raises(ValueError, match="kind must be one of"):
        entity_theme_links(store, "Review) DETACH DELETE (n")


def test_neighbourhood(store: KuzuStore, reviews) -> None:
    child_c = reviews[2][0].review_id
    found = neighbourhood(store, child_c)
    assert found is not None
    assert [row["title"] for row in found["cites"]] == ["Serious Case Review: Child B"]
    assert {e["id"] for e in found["entities"]["agency"]} >= {"education", "police"}
    child_b = neighbourhood(store, reviews[1][0].review_id)
    assert child_b is not None and [r["id"] for r in child_b["cited_by"]] == [child_c]
    assert neighbourhood(store, "no such review") is None
