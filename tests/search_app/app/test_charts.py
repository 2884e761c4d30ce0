"""The plain functions behind the Themes and Review pages: filters, evidence for a pair,
grouping years, highlighting, and the layout of a review's neighbourhood."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph import analytics
from graph.analytics import Filters
from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from search_app.app import charts
from search_app.similar import SimilarCase


def test_search_filters_become_review_filters() -> None:
    chosen = SearchFilters(
        themes=("cannabis",),
        agencies=("police",),
        review_types=("lcspr",),
        year_from=2018,
        year_to=2022,
        partnership="Northmoor",
        age_bands=("under 1",),
        outcomes=("died",),
    )
    assert Filters.of_search(chosen) == Filters(
        2018, 2022, ("lcspr",), "Northmoor", ("under 1",), ("died",)
    )


def test_evidence_for_a_pair(app_data: Path) -> None:
    store = KuzuStore(app_data)
    reviews = charts.pair_reviews(store, "hidden_men", "information_sharing")
    titles = [r["title"] for r in reviews]
    assert titles[0] == "Serious Case Review: Child B"  # one passage carries both themes
    assert set(titles[1:]) == {  # both themes, but in different passages
        "Local Child Safeguarding Practice Review: Child A",
        "Serious Case Review: Baby M",
    }
    assert [r["passages_both"] for r in reviews] == [1, 0, 0]
    [passage] = charts.pair_passages(store, "hidden_men", "information_sharing")
    assert passage["title"] == "Serious Case Review: Child B" and passage["page_start"] == 1
    marked = [passage["text"][start:end] for start, end in passage["highlights"]]
    assert any("not shared" in text for text in marked)
    only_2016 = Filters(year_from=2016, year_to=2016)
    assert len(charts.pair_reviews(store, "hidden_men", "information_sharing", only_2016)) == 1
    assert charts.review_total(store, only_2016) == 1
    counts = charts.theme_counts(store)
    assert counts["hidden_men"] == 3 and counts["extra_familial_harm"] == 1


def test_recommendations_in_page_order(app_data: Path) -> None:
    store = KuzuStore(app_data)
    baby_m = next(r["review_id"] for r in store.reviews() if r["title"].endswith("Baby M"))
    found = charts.recommendations(store, baby_m)
    assert [r["number"] for r in found] == ["7.1", "7.2", "7.3", "7.4", "7.5", "7.6"]
    assert {r["page"] for r in found} == {8}


def test_spans_are_found_whatever_the_case() -> None:
    assert charts.find_spans("Ambulance, then an ambulance", "ambulance") == [(0, 9), (19, 28)]


def test_years_grouped_into_periods() -> None:
    rows = [
        {"year": 2019, "theme": "a", "reviews": 1, "total_reviews": 2, "share": 0.5},
        {"year": 2020, "theme": "a", "reviews": 2, "total_reviews": 2, "share": 1.0},
        {"year": 2021, "theme": "b", "reviews": 1, "total_reviews": 4, "share": 0.25},
    ]
    grouped = charts.group_years(rows, 2)
    assert [(r["period"], r["theme"], r["reviews"], r["total_reviews"]) for r in grouped] == [
        ("2019–2020", "a", 3, 4),
        ("2021–2021", "b", 1, 4),
    ]
    assert charts.group_years(rows, 1)[0]["period"] == "2019"
    points = charts.trend_points(rows, ["b"])  # zero where the theme is absent
    assert [(p["year"], p["reviews"], p["share"]) for p in points] == [
        (2019, 0, 0.0),
        (2020, 0, 0.0),
        (2021, 1, 0.25),
    ]
    assert charts.trend_table(rows, ["a"]) == [
        {
            "Theme": "a".capitalize(),
            "2019": "50% (1 of 2)",
            "2020": "100% (2 of 2)",
            "2021": "0% (0 of 4)",
        }
    ]


def trend_row(year: int, theme: str = "neglect") -> dict[str, Any]:
    return {"year": year, "theme": theme, "reviews": 1, "total_reviews": 2, "share": 0.5}


def lines_drawn(chart: dict[str, Any], points: list[dict[str, Any]]) -> set[tuple[int, ...]]:
    """The years each drawn line joins, as Vega-Lite groups a line mark's points: by every
    field the line layer encodes as a group (colour and detail)."""
    line = next(layer for layer in chart["layer"] if layer["mark"]["type"] == "line")
    encoding = line["encoding"]
    keys = [encoding[c]["field"] for c in ("color", "detail") if c in encoding]
    groups: dict[tuple[object, ...], list[int]] = {}
    for point in points:
        groups.setdefault(tuple(point[k] for k in keys), []).append(int(point["year"]))
    return {tuple(sorted(years)) for years in groups.values()}


def test_trend_lines_break_at_years_without_reviews() -> None:
    rows = [trend_row(2012), trend_row(2014), trend_row(2015), trend_row(2016)]
    chart = charts.trend_chart(rows, ["neglect"]).to_dict()
    points = charts.trend_points(rows, ["neglect"])
    # 2013 had no reviews: no line from 2012 to 2014, one on through 2014-2016
    assert lines_drawn(chart, points) == {(2012,), (2014, 2015, 2016)}


def test_grouped_trend_lines_break_only_at_periods_without_reviews() -> None:
    joined = charts.group_years([trend_row(2010), trend_row(2012)], 2)  # 2010-11, 2012-13
    parted = charts.group_years([trend_row(2010), trend_row(2014)], 2)  # 2012-13 empty
    assert len(set(charts.year_runs(joined).values())) == 1
    assert len(set(charts.year_runs(parted).values())) == 2


def test_heatmap_cells_fill_both_halves() -> None:
    pair = {
        "a": "cannabis",
        "b": "hidden_men",
        "reviews": 2,
        "passages": 1,
        "reviews_a": 2,
        "reviews_b": 3,
        "jaccard": 0.6667,
        "lift": 1.3333,
        "p_value": 0.5,
    }
    cells = charts.heatmap_cells([pair], ["cannabis", "hidden_men"], "lift")
    assert {(c["a"], c["b"], c["value"]) for c in cells} == {
        ("cannabis", "hidden_men", 1.3333),
        ("hidden_men", "cannabis", 1.3333),
    }
    assert charts.heatmap_cells([pair], ["cannabis", "neglect"], "lift") == []
    event = {"selection": {"pair": [{"a": "hidden_men", "b": "cannabis"}]}}
    assert charts.selected_pair(event) == ("hidden_men", "cannabis")
    assert charts.selected_pair({"selection": {"pair": []}}) is None


def test_neighbourhood_layout(app_data: Path) -> None:
    store = KuzuStore(app_data)
    child_c = next(r["review_id"] for r in store.reviews() if r["title"].endswith("Child C"))
    found = analytics.neighbourhood(store, child_c)
    assert found is not None
    similar = [SimilarCase("x1", "Another review", 0.5, 0.5, 0.5, [], [], False, False, None)]
    nodes, edges = charts.neighbourhood_graph(found, similar)
    by_kind = {node["kind"]: node for node in nodes}
    assert by_kind["review"]["x"] == 0 and by_kind["review"]["y"] == 0
    assert by_kind["theme"]["x"] < 0 < by_kind["agency"]["x"]  # themes left, agencies right
    assert by_kind["related"]["name"] == "Serious Case Review: Child B"  # Child C cites it
    assert by_kind["similar"]["y"] > 1  # related reviews along the top
    assert len(edges) == len(nodes) - 1 and {e["source"] for e in edges} == {child_c}
    assert charts.graph_chart(nodes, edges).to_dict()["description"].startswith("Neighbourhood")
    click = {"selection": {"node": [{"id": "x1"}]}}
    assert charts.selected_node(click) == "x1"


def test_shared_features_in_words() -> None:
    assert charts.feature_label("harm:nai_physical_abuse") == (
        "harm: Non-accidental injury and physical abuse"
    )
    assert charts.feature_label("risk:infant_crying") == "Infant crying as a trigger"
    assert charts.feature_label("practice:hidden_men") == "Hidden or unseen men"
    assert charts.feature_label("age:under 1") == "a child under 1"
    assert charts.feature_label("age:11-15") == "a child aged 11-15"
    assert charts.feature_label("outcome:died") == "outcome: child died"
    assert charts.feature_label("agency:health_visiting") == "Health visiting"


def test_the_strongest_link_note_says_whether_the_heatmap_shows_the_pair() -> None:
    pair = {"a": "cannabis", "b": "hidden_men", "reviews": 2, "lift": 1.5}
    said = "Cannabis use with Hidden or unseen men: together in 2 reviews, 1.5 times as often"
    assert charts.strongest_note(pair, None, 1, False).startswith(said)
    assert charts.strongest_note(pair, ["cannabis", "hidden_men"], 2, False).endswith(
        "It is in the heatmap below."
    )
    assert charts.strongest_note(pair, ["cannabis", "neglect"], 1, True).endswith(
        "It is outside the heatmap below, which shows the themes chosen in the sidebar."
    )
    assert charts.strongest_note(pair, ["cannabis", "neglect"], 3, False).endswith(
        "which shows the 2 most frequent themes and pairs in at least 3 reviews."
    )
    assert charts.strongest_note(None, [], 1, False) == (
        "No pair is found together more often than chance."
    )
