"""The Themes page: the co-occurrence heatmap, the evidence for a pair, trends and the CSVs.

The shared store holds four reviews: Baby M (2012, PDF), Child A (2020), Child B (2016) and
Child C (2022). Hidden men and information sharing are together in Child A, Child B and
Baby M (Child A's police did not share what they knew), and one passage of Child B is tagged
with both.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from graph.analytics import Filters
from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from tests.search_app.app.conftest import RunPage, texts

PAGE = "pages/3_Themes.py"


HEATMAP, TRENDS, PER_YEAR = "Theme co-occurrence heatmap", "Theme trends", "Reviews per year"


def chart(at: AppTest, description: str) -> Any:
    """The chart whose description starts with these words."""
    for node in at.get("vega_lite_chart"):
        if json.loads(node.proto.spec).get("description", "").startswith(description):
            return node.proto
    raise AssertionError(f"no chart {description!r}")


def spec(at: AppTest, description: str) -> dict[str, Any]:
    return dict(json.loads(chart(at, description).spec))


def datasets(at: AppTest, description: str) -> list[dict[str, Any]]:
    """Every row of every dataset of the chart (Streamlit sends them as Arrow)."""
    return [
        row
        for dataset in chart(at, description).datasets
        for row in convert_arrow_bytes_to_pandas_df(dataset.data.data).to_dict("records")
    ]


def downloads(at: AppTest) -> set[str]:
    """The labels of the download buttons."""
    return {node.proto.label for node in at.get("download_button")}


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_heatmap_with_summary_and_strongest_pairs(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    assert not at.exception
    shown = metrics(at)
    assert shown["Reviews"] == "4"
    assert int(shown["Themes found"]) >= 10
    params = spec(at, HEATMAP)["params"]
    assert [param["name"] for param in params] == ["pair"]  # a click selects a pair
    cells = datasets(at, HEATMAP)
    pair = {
        (cell["a"], cell["b"]): cell for cell in cells if "a" in cell and cell["a"] != cell["b"]
    }
    both = pair[("hidden_men", "information_sharing")]
    assert both == {**both, "reviews": 3, "passages": 1, "reviews_a": 3, "reviews_b": 3}
    assert ("information_sharing", "hidden_men") in pair  # both halves of the matrix
    table = at.dataframe[0].value
    assert list(table.columns) == [
        "Theme A", "Theme B", "Reviews", "Passages", "Jaccard", "Lift", "p-value"
    ]  # fmt: skip
    assert list(table["Lift"]) == sorted(table["Lift"], reverse=True)  # lift, the default


def test_colour_by_lift_recolours_the_cells(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.button_group(key="metric").set_value("lift").run()
    assert not at.exception
    colour = spec(at, HEATMAP)["layer"][0]["encoding"]["color"]
    assert colour["title"] == "Lift" and colour["scale"]["domainMid"] == 1.0
    assert "**Strongest pairs** by lift" in texts(at)


def test_choosing_a_pair_lists_its_reviews_and_passages(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.selectbox(key="pair_a").set_value("hidden_men")
    at.selectbox(key="pair_b").set_value("information_sharing").run()
    assert not at.exception
    shown = metrics(at)
    assert shown["Reviews with both"] == "3 of 4"
    assert shown["Passages with both"] == "1"
    page = texts(at)
    assert "**Serious Case Review: Child B**" in page
    assert "**Serious Case Review: Baby M**" in page
    assert "**Local Child Safeguarding Practice Review: Child A**" in page
    assert "Child C" not in page.split("The evidence for a pair")[-1]  # neither theme
    cards = [m.value for m in at.markdown if 'class="cg-card"' in m.value]
    assert len(cards) == 1
    assert (
        "— Serious Case Review: Child B, Elmbridge Safeguarding Children Board, 2016, "
        "section “Background”" in (cards[0])  # a text file: no pages to cite
    )
    assert "<mark>" in cards[0]  # the words that evidence the themes
    assert "These passages as CSV" in downloads(at)


def test_swap_and_same_theme(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    a, b = at.selectbox(key="pair_a").value, at.selectbox(key="pair_b").value
    next(button for button in at.button if button.label == "Swap").click().run()
    assert (at.selectbox(key="pair_a").value, at.selectbox(key="pair_b").value) == (b, a)
    at.selectbox(key="pair_b").set_value(b).run()
    assert not at.exception
    assert "Choose two different themes" in texts(at)


def test_trends_show_shares_with_counts(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.multiselect(key="trend_themes").set_value(["hidden_men", "extra_familial_harm"]).run()
    assert not at.exception
    points = datasets(at, TRENDS)
    hidden = {
        p["year"]: (p["reviews"], p["total_reviews"]) for p in points if p["theme"] == "hidden_men"
    }
    assert hidden == {2012: (1, 1), 2016: (1, 1), 2020: (1, 1), 2022: (0, 1)}
    assert chart(at, PER_YEAR)
    table = at.table[0].value  # the trends table, under the chart
    assert set(table["Theme"]) == {"Hidden or unseen men", "Harm outside the family"}
    hidden_row = table[table["Theme"] == "Hidden or unseen men"].iloc[0]
    assert hidden_row["2022"] == "0% (0 of 1)" and hidden_row["2016"] == "100% (1 of 1)"
    assert "Trends CSV (all themes)" in downloads(at)


def test_trends_grouped_into_periods(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.multiselect(key="trend_themes").set_value(["hidden_men"])
    at.button_group(key="trend_years").set_value(5).run()
    assert not at.exception
    points = datasets(at, TRENDS)
    assert {p["period"]: p["counts"] for p in points} == {
        "2012–2016": "2 of 2",
        "2017–2021": "1 of 1",
        "2022–2022": "0 of 1",
    }


def test_csv_downloads_are_offered(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    assert {"Co-occurrence CSV", "Trends CSV (all themes)"} <= set(downloads(at))


def test_sidebar_filters_narrow_the_reviews(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.multiselect(key="themes_types").set_value(["serious_case_review"]).run()
    assert not at.exception
    assert metrics(at)["Reviews"] == "2"  # Baby M and Child B
    at.multiselect(key="themes_types").set_value(["rapid_review"]).run()
    assert not at.exception  # Child C alone: one theme, so no pair at all
    assert "single theme, so there is no pair to compare" in texts(at)
    assert chart(at, TRENDS)  # the trend of that one theme still shows


def test_agency_filter_is_explained(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.multiselect(key="themes_agencies").set_value(["police"]).run()
    assert not at.exception
    assert "agency filter narrows Search only" in texts(at)
    at.multiselect(key="themes_themes").set_value(["cannabis"]).run()
    assert "theme and agency filters narrow Search only" in texts(at)


def test_empty_store_says_how_to_ingest(run_page: RunPage, tmp_path: Path) -> None:
    at = run_page(PAGE, tmp_path / "empty")
    assert not at.exception
    assert "casegraph ingest" in texts(at)
    assert not at.get("vega_lite_chart")


def test_pairs_csv_has_every_measure() -> None:
    from graph import statistics_csv

    pairs = [
        {"a": "cannabis", "b": "hidden_men", "reviews": 2, "passages": 1, "reviews_a": 2,
         "reviews_b": 3, "total_reviews": 4, "jaccard": 0.6667, "lift": 1.3333, "p_value": 0.5}
    ]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(statistics_csv.pairs_csv(pairs))))
    assert rows[0]["b_label"] == "Hidden or unseen men"
    assert {"reviews", "passages", "jaccard", "lift", "p_value"} <= set(rows[0])


def test_reviews_left_out_of_the_trend_for_want_of_a_year_are_counted(
    run_page: RunPage, data_copy: Path, tmp_path: Path
) -> None:
    from graph.kuzu_store import KuzuStore
    from ingest.batch import ingest_paths
    from tests.conftest import enricher

    undated = tmp_path / "child-u.txt"  # written for this test: no year anywhere in it
    undated.write_text(
        "Serious Case Review: Child U\n\nBackground\n\nChild U lived with his mother and her "
        "partner. Nobody asked who the partner was, and the health visitor never met him.\n",
        encoding="utf-8",
    )
    store = KuzuStore(data_copy)
    with store.writer():
        assert ingest_paths([undated], store, enricher=enricher()).count("ingested") == 1
    at = run_page(PAGE, data_copy)
    assert not at.exception
    assert "1 review in this selection is not in the trend: it states no publication year" in texts(
        at
    )
    at.button_group(key="trend_years").set_value(5).run()
    assert "share of the period's reviews" in texts(at)


def strongest_help(at: AppTest) -> str:
    [metric] = [m for m in at.metric if m.label == "Strongest link"]
    return str(metric.proto.help)


def test_the_strongest_link_says_whether_the_heatmap_shows_it(
    run_page: RunPage, app_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search_app.app import charts

    real = charts.cached_cooccurrence
    counts = charts.theme_counts(KuzuStore(app_data), Filters.of_search(SearchFilters(), False))
    rare = sorted(counts, key=lambda theme: (counts[theme], theme))[:2]  # never among the top 2
    # four reviews cannot make a pair significant: one is made up, between two rare themes
    made_up = {
        "a": min(rare), "b": max(rare), "reviews": 2, "passages": 0, "reviews_a": 2,
        "reviews_b": 2, "total_reviews": 4, "jaccard": 1.0, "lift": 2.0, "p_value": 0.01,
    }  # fmt: skip

    def with_made_up(*args: Any) -> list[dict[str, Any]]:
        found = [p for p in real(*args) if {p["a"], p["b"]} != set(rare)]
        return [*found, made_up]

    monkeypatch.setattr(charts, "cached_cooccurrence", with_made_up)
    at = run_page(PAGE, app_data)
    assert not at.exception
    assert strongest_help(at).endswith(
        "2.0 times as often as if they were unrelated. It is in the heatmap below."
    )
    at.slider(key="themes_shown").set_value(2).run()
    assert not at.exception
    note = strongest_help(at)
    assert note.endswith("It is outside the heatmap below, which shows the 2 most frequent themes.")
    assert not {c["a"] for c in datasets(at, HEATMAP) if "a" in c} & set(rare)  # not shown indeed
    at.slider(key="themes_shown").set_value(len(counts)).run()
    at.number_input(key="min_reviews").set_value(3).run()
    assert strongest_help(at).endswith("which shows pairs in at least 3 reviews.")
