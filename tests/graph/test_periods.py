"""Two periods side by side, Fisher's two-sided test, case reviews only, filters in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analytics import (
    OTHER_KINDS,
    Filters,
    compare_periods,
    cooccurrence,
    describe,
    fisher_two_sided,
)
from graph.kuzu_store import KuzuStore


@pytest.fixture
def store(tmp_path: Path, reviews) -> KuzuStore:
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        for document, enrichment in reviews:
            store.put(document, "v1", enrichment)
    return store


def test_fisher_two_sided_on_known_tables() -> None:
    assert fisher_two_sided(3, 1, 1, 3) == pytest.approx(0.485714, abs=1e-6)  # the tea test
    assert fisher_two_sided(0, 5, 5, 0) == pytest.approx(2 / 252, abs=1e-6)
    assert fisher_two_sided(2, 8, 2, 8) == 1.0
    assert fisher_two_sided(0, 0, 0, 0) == 1.0


def test_periods_count_each_theme_in_each_period(store: KuzuStore, reviews) -> None:
    found = compare_periods(store, (2015, 2017), (2018, 2023))
    assert found["first"]["reviews"] == 1 and found["second"]["reviews"] == 2
    by_year = {
        document.metadata.value("publication_year"): {t.theme for t in e.review_themes}
        for document, e in reviews
    }
    for row in found["themes"]:
        early = int(row["theme"] in by_year[2016])
        late = sum(row["theme"] in by_year[year] for year in (2020, 2022))
        assert (row["reviews_first"], row["reviews_second"]) == (early, late)
        assert row["difference"] == pytest.approx(late / 2 - early / 1, abs=1e-4)
        assert row["p_value"] == fisher_two_sided(early, 1 - early, late, 2 - late)
    assert all(row["reviews_first"] + row["reviews_second"] for row in found["pairs"])


def test_an_inverted_period_is_refused(store: KuzuStore) -> None:
    with pytest.raises(ValueError, match="2020-2015"):
        compare_periods(store, (2020, 2015), (2016, 2022))


def test_other_kinds_can_be_left_out(store: KuzuStore) -> None:
    everything = Filters()
    without_rapid = Filters(exclude_types=("rapid_review",))
    assert {p["total_reviews"] for p in cooccurrence(store, everything)} == {3}
    assert {p["total_reviews"] for p in cooccurrence(store, without_rapid)} == {2}
    assert {
        p["total_reviews"] for p in cooccurrence(store, Filters(exclude_types=OTHER_KINDS))
    } == {3}


def test_filters_in_words() -> None:
    assert describe(Filters()) == "none"
    text = describe(Filters(year_from=2015, review_types=("lcspr",), exclude_types=OTHER_KINDS))
    assert text == "years 2015-any; types: lcspr; excluding: briefing, guidance, other"
