"""Numbers an analyst can defend, on the Themes page: the same counts as the CLI, the pair
explanation with each theme's own count, significance marked on the heatmap, counts beside
every share, small-number warnings, two periods compared, case reviews only by default,
and CSVs that record their filters and date."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from casegraph.cli import main
from graph.analytics import Filters, compare_periods
from graph.csv_cells import PROVENANCE_ROWS
from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from ingest.themes import load_taxonomy
from tests.conftest import enricher
from tests.search_app.app.conftest import RunPage, texts
from tests.search_app.app.test_themes_page import HEATMAP, datasets, metrics, spec

PAGE = "pages/3_Themes.py"
LABELS = {theme.id: theme.label for theme in load_taxonomy().themes}


def cli_pairs(data: Path, *options: str) -> dict[tuple[str, str], dict[str, object]]:
    result = CliRunner().invoke(main, ["cooccur", "--json", "--data-dir", str(data), *options])
    assert result.exit_code == 0, result.output
    return {(pair["a"], pair["b"]): pair for pair in json.loads(result.output)}


def test_the_heatmap_counts_match_casegraph_cooccur(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    assert not at.exception
    expected = cli_pairs(app_data)
    cells = [c for c in datasets(at, HEATMAP) if "lift" in c and c["a"] != c["b"]]
    assert cells
    for cell in cells:
        a, b = sorted((cell["a"], cell["b"]))
        pair = expected[(a, b)]
        assert (cell["reviews"], cell["passages"]) == (pair["reviews"], pair["passages"])
        assert cell["lift"] == pair["lift"] and cell["p_value"] == pair["p_value"]
        own = {pair["a"]: pair["reviews_a"], pair["b"]: pair["reviews_b"]}
        assert (cell["reviews_a"], cell["reviews_b"]) == (own[cell["a"]], own[cell["b"]])
    assert metrics(at)["Reviews"] == str(next(iter(expected.values()))["total_reviews"])


def test_the_pair_explanation_gives_each_theme_its_own_count(
    run_page: RunPage, app_data: Path
) -> None:
    at = run_page(PAGE, app_data)
    # a pair whose themes are in different numbers of reviews, else a swap could not be seen;
    # the theme that sorts later by id is chosen as A
    pair = next(
        p for (a, b), p in sorted(cli_pairs(app_data).items()) if p["reviews_a"] != p["reviews_b"]
    )
    first, second = sorted((str(pair["a"]), str(pair["b"])), reverse=True)
    own = {pair["a"]: pair["reviews_a"], pair["b"]: pair["reviews_b"]}
    at.selectbox(key="pair_a").set_value(first)
    at.selectbox(key="pair_b").set_value(second).run()
    explained = texts(at)
    assert (
        f"**{LABELS[first]}** is in {own[first]} reviews and "
        f"**{LABELS[second]}** in {own[second]} (of 4)"
    ) in explained
    assert "Small numbers" in explained


def test_lift_by_default_full_labels_and_significance_marked(
    run_page: RunPage, app_data: Path
) -> None:
    at = run_page(PAGE, app_data)
    chart = spec(at, HEATMAP)
    cells_layer, text_layer = chart["layer"][0], chart["layer"][1]
    assert cells_layer["encoding"]["color"]["title"] == "Lift"
    assert cells_layer["encoding"]["x"]["axis"]["labelLimit"] == 0
    assert "p_value < 0.05" in cells_layer["encoding"]["opacity"]["condition"]["test"]
    assert text_layer["encoding"]["text"]["field"] == "label"
    for cell in datasets(at, HEATMAP):
        if "label" in cell:
            assert cell["label"].endswith("*") == (cell["p_value"] < 0.05)


def test_trends_start_with_the_most_frequent_themes_and_warn_of_small_years(
    run_page: RunPage, app_data: Path
) -> None:
    at = run_page(PAGE, app_data)
    store = KuzuStore(app_data)
    rows = store.query(
        "MATCH (r:Review)-[:HAS_THEME]->(t:Theme) RETURN t.id AS theme, count(DISTINCT r) AS n"
    )
    counts = {row["theme"]: row["n"] for row in rows}
    chosen = at.multiselect(key="trend_themes").value
    assert len(chosen) == 5
    assert min(counts[t] for t in chosen) >= max(
        (n for t, n in counts.items() if t not in chosen), default=0
    )
    assert any("Few reviews in 2012 (1 review)" in w.value for w in at.warning)


def test_two_periods_side_by_side(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.slider(key="period_first").set_value((2012, 2016))
    at.slider(key="period_second").set_value((2020, 2022)).run()
    assert not at.exception
    shown = metrics(at)
    assert shown["Reviews 2012–2016"] == "2" and shown["Reviews 2020–2022"] == "2"
    expected = compare_periods(KuzuStore(app_data), (2012, 2016), (2020, 2022))
    table = next(frame.value for frame in at.table if "Difference" in frame.value.columns)
    first = expected["themes"][0]
    row = table[table["Theme"] == LABELS[first["theme"]]].iloc[0]
    assert row["2012–2016"].endswith(f"({first['reviews_first']} of 2)")
    assert row["2020–2022"].endswith(f"({first['reviews_second']} of 2)")
    assert float(row["p-value"]) == float(f"{first['p_value']:.2g}")
    assert row["Could be chance?"] == ("yes" if first["p_value"] >= 0.05 else "no (p < 0.05)")
    assert any("Few reviews in" in w.value for w in at.warning)


def test_case_reviews_only_unless_the_user_includes_other_kinds(
    run_page: RunPage, data_copy: Path, tmp_path: Path
) -> None:
    guide = tmp_path / "guidance" / "fathers-guide.txt"
    guide.parent.mkdir()
    guide.write_text(
        "Practice Guidance: Working with Fathers\n\nHartwell Safeguarding Children Partnership. "
        "Published 2021.\n\nGuidance\n\nPractitioners should ask about every man in the "
        "household, and the father's cannabis use should be discussed with the health visitor.\n"
    )
    store = KuzuStore(data_copy)
    with store.writer():
        ingest_paths([guide], store, enricher=enricher())
    at = run_page(PAGE, data_copy)
    assert metrics(at)["Reviews"] == "4"
    at.toggle(key="themes_all_kinds").set_value(True).run()
    assert not at.exception
    assert metrics(at)["Reviews"] == "5"
    assert next(iter(cli_pairs(data_copy, "--all-kinds").values()))["total_reviews"] == 5


def test_csv_exports_record_their_filters_and_date() -> None:
    from graph import statistics_csv

    pairs = [
        {"a": "cannabis", "b": "hidden_men", "reviews": 2, "passages": 1, "reviews_a": 2,
         "reviews_b": 3, "total_reviews": 4, "jaccard": 0.6667, "lift": 1.3333, "p_value": 0.5}
    ]  # fmt: skip
    when = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    filters = Filters(year_from=2015, exclude_types=("guidance",))
    text = statistics_csv.with_provenance(
        statistics_csv.pairs_csv(pairs), "theme co-occurrence", filters, when
    )
    header = text.splitlines()[:3]
    assert header == [
        "# casegraph: theme co-occurrence",
        "# filters: years 2015-any; excluding: guidance",
        "# exported: 2026-03-02 09:30 UTC",
    ]
    frame = pd.read_csv(io.StringIO(text), skiprows=PROVENANCE_ROWS)
    assert list(frame["lift"]) == [1.3333]
    rare = {**pairs[0], "b": "neglect", "reviews": 1}
    kept = statistics_csv.cooccurrence_csv([*pairs, rare], 2, filters, when)
    assert kept.splitlines()[0] == "# casegraph: theme co-occurrence (pairs in at least 2 reviews)"
    assert list(pd.read_csv(io.StringIO(kept), skiprows=PROVENANCE_ROWS)["b"]) == ["hidden_men"]


def test_a_pair_passage_can_be_added_to_the_briefing(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(PAGE, data_copy)
    at.selectbox(key="pair_a").set_value("hidden_men")
    at.selectbox(key="pair_b").set_value("information_sharing").run()
    add = next(b for b in at.button if b.key and b.key.startswith("add_pair_"))
    add.click().run()
    assert not at.exception
    [quote] = KuzuStore(data_copy).quotes("My briefing")
    assert quote["passage_id"] == add.key.removeprefix("add_pair_")
    assert quote["title"] == "Serious Case Review: Child B" and quote["page_start"] == 1
