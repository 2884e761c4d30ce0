"""What the Themes and Review pages draw, and the reads behind it: the theme co-occurrence
heatmap, theme trends, the evidence for a pair of themes, a review's recommendations, and
its neighbourhood as a small node-link chart.

Charts are Altair (Vega-Lite), which Streamlit renders with the scripts it ships: nothing is
fetched from the internet. The reads are plain functions of a store (the Cypher built from
fixed fragments, every value a parameter), each with an `st.cache_data` twin for the pages.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from graph import analytics
from graph.analytics import Filters
from graph.store import Store
from ingest.page_labels import cite_pages, printed
from search_app.app import shared
from search_app.briefing import printed_columns
from search_app.search import merge_spans

METRICS = {
    "reviews": "Reviews with both",
    "passages": "Passages with both",
    "jaccard": "Jaccard",
    "lift": "Lift",
}


def metric_in_a_sentence(metric: str) -> str:
    """'lift', 'reviews with both', but 'Jaccard' (a name)."""
    name = METRICS[metric]
    return name if metric == "jaccard" else name.lower()


METRIC_HELP = {
    "reviews": "How many reviews carry both themes.",
    "passages": "How many passages are tagged with both themes.",
    "jaccard": "Reviews with both ÷ reviews with either (0 to 1): how much the two overlap.",
    "lift": "How much more often the two appear together than if they were unrelated "
    "(1 = as expected by chance, 2 = twice as often).",
}
KIND_COLOURS = {
    "review": "#1d3557",
    "theme": "#2c6e8f",
    "agency": "#7a8b2a",
    "role": "#8e5ea2",
    "partnership": "#b07d2b",
    "related": "#d1495b",
    "similar": "#8d99ae",
}
KIND_NAMES = {
    "review": "This review",
    "theme": "Theme",
    "agency": "Agency",
    "role": "Role",
    "partnership": "Partnership",
    "related": "Cites / cited by",
    "similar": "Similar review",
}
_FONT = "Source Sans Pro, sans-serif"
SIGNIFICANT = 0.05  # a pair with a one-sided Fisher p below this is starred, others faded


# -- filters -----------------------------------------------------------------------------------


# -- reads -------------------------------------------------------------------------------------


def theme_counts(store: Store, filters: Filters | None = None) -> dict[str, int]:
    """Theme id -> reviews carrying it, among the reviews the filters let through."""
    where, values = (filters or Filters()).where()
    rows = store.query(
        f"MATCH (r:Review)-[:HAS_THEME]->(t:Theme) WHERE {where} "
        "RETURN t.id AS theme, count(DISTINCT r) AS reviews",
        values,
    )
    return {row["theme"]: int(row["reviews"]) for row in rows}


def review_total(store: Store, filters: Filters | None = None) -> int:
    """How many reviews the filters let through."""
    where, values = (filters or Filters()).where()
    rows = store.query(f"MATCH (r:Review) WHERE {where} RETURN count(r) AS n", values)
    return int(rows[0]["n"]) if rows else 0


def pair_reviews(
    store: Store, a: str, b: str, filters: Filters | None = None
) -> list[dict[str, Any]]:
    """The reviews carrying both themes, with how many of their passages carry both."""
    where, values = (filters or Filters()).where()
    values = {**values, "a": a, "b": b}
    reviews = store.query(
        "MATCH (r:Review)-[ha:HAS_THEME]->(:Theme {id: $a}), (r)-[hb:HAS_THEME]->(:Theme {id: $b}) "
        f"WHERE {where} RETURN r.id AS review_id, r.title AS title, r.file_name AS file_name, "
        "r.review_type AS review_type, r.publication_year AS year, r.partnership AS partnership, "
        "ha.passages AS passages_a, hb.passages AS passages_b",
        values,
    )
    both = {
        row["review_id"]: int(row["passages"])
        for row in store.query(
            "MATCH (r:Review)-[:HAS_PASSAGE]->(p:Passage)-[:EVIDENCES]->(:Theme {id: $a}), "
            f"(p)-[:EVIDENCES]->(:Theme {{id: $b}}) WHERE {where} "
            "RETURN r.id AS review_id, count(DISTINCT p) AS passages",
            values,
        )
    }
    for row in reviews:
        row["passages_both"] = both.get(row["review_id"], 0)
    return sorted(
        reviews,
        key=lambda row: (-row["passages_both"], -(row["year"] or 0), row["title"] or ""),
    )


def pair_passages(
    store: Store, a: str, b: str, filters: Filters | None = None
) -> list[dict[str, Any]]:
    """The passages tagged with both themes, strongest first, each with the spans that
    evidence either theme (character offsets into its text) and what a citation needs."""
    where, values = (filters or Filters()).where()
    rows = store.query(
        "MATCH (r:Review)-[:HAS_PASSAGE]->(p:Passage)-[ea:EVIDENCES]->(:Theme {id: $a}), "
        f"(p)-[eb:EVIDENCES]->(:Theme {{id: $b}}) WHERE {where} "
        "RETURN r.id AS review_id, r.title AS title, r.partnership AS partnership, "
        "r.file_name AS file_name, "
        "r.publication_year AS year, r.review_type AS review_type, p.id AS passage_id, "
        "p.text AS text, p.section AS section, p.page_start AS page_start, "
        "p.page_end AS page_end, p.paragraph_numbers AS paragraph_numbers, "
        "ea.score AS score_a, eb.score AS score_b, ea.spans AS spans_a, eb.spans AS spans_b",
        {**values, "a": a, "b": b},
    )
    labels = store.page_labels({row["review_id"] for row in rows})
    for row in rows:
        row["page_labels"] = labels.get(row["review_id"])
        spans = [*_spans(row.pop("spans_a")), *_spans(row.pop("spans_b"))]
        row["highlights"] = merge_spans(spans, len(row["text"] or ""))
        row["score"] = round(float(row["score_a"] or 0) + float(row["score_b"] or 0), 4)
        row["id"] = row["passage_id"]
        row.update(printed_columns(row))  # the CSV's printed pages (page_labels cites them)
    return sorted(rows, key=lambda row: (-row["score"], row["title"] or "", row["page_start"]))


def recommendations(store: Store, review_id: str) -> list[dict[str, Any]]:
    """A review's recommendations in page order."""
    rows = store.query(
        "MATCH (r:Review {id: $id})-[:HAS_RECOMMENDATION]->(x:Recommendation) "
        "RETURN x.number AS number, x.text AS text, x.page AS page ORDER BY page",
        {"id": review_id},
    )
    return sorted(rows, key=lambda row: row["page"] or 0)  # stable: the document's order


def _spans(raw: Any) -> list[tuple[int, int]]:
    found = json.loads(raw) if isinstance(raw, str) else raw or []
    return [(int(span["start"]), int(span["end"])) for span in found if "start" in span]


# -- cached reads for the pages ----------------------------------------------------------------


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False)
def cached_cooccurrence(path: str, filters: Filters, min_reviews: int) -> list[dict[str, Any]]:
    """Theme pairs with their measures (see analytics.cooccurrence), cached."""
    del path  # only part of the cache key: the store is the app's own
    return analytics.cooccurrence(shared.store(), filters, min_reviews)


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False)
def cached_theme_counts(path: str, filters: Filters) -> dict[str, int]:
    """Reviews per theme, cached."""
    del path
    return theme_counts(shared.store(), filters)


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False)
def cached_review_total(path: str, filters: Filters) -> int:
    """How many reviews the filters let through, cached."""
    del path
    return review_total(shared.store(), filters)


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False)
def cached_trends(path: str, filters: Filters, by: str) -> list[dict[str, Any]]:
    """Reviews per theme and year (see analytics.theme_trends), cached."""
    del path
    return analytics.theme_trends(shared.store(), filters, by)


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False)
def cached_without_year(path: str, filters: Filters, by: str) -> int:
    """How many reviews the trends leave out for want of a `by` year, cached."""
    del path
    return analytics.reviews_without_year(shared.store(), filters, by)


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False, max_entries=50)
def cached_comparison(
    path: str, first: tuple[int, int], second: tuple[int, int], filters: Filters
) -> dict[str, Any]:
    """Two periods side by side (see analytics.compare_periods), cached."""
    del path
    return analytics.compare_periods(shared.store(), first, second, filters)


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False, max_entries=100)
def cached_pair(path: str, a: str, b: str, filters: Filters) -> dict[str, list[dict[str, Any]]]:
    """The reviews and passages behind a pair of themes, cached."""
    del path
    store = shared.store()
    return {
        "reviews": pair_reviews(store, a, b, filters),
        "passages": pair_passages(store, a, b, filters),
    }


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False, max_entries=100)
def cached_neighbourhood(path: str, review_id: str) -> dict[str, Any] | None:
    """A review's themes, entities and citations (see analytics.neighbourhood), cached."""
    del path
    return analytics.neighbourhood(shared.store(), review_id)


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False, max_entries=100)
def cached_recommendations(path: str, review_id: str) -> list[dict[str, Any]]:
    """A review's recommendations, cached."""
    del path
    return recommendations(shared.store(), review_id)


# -- tables beside the charts (the CSV files are graph.statistics_csv's) ----------------------


def trend_table(rows: list[dict[str, Any]], themes: list[str]) -> list[dict[str, str]]:
    """Per theme, 'share (reviews of all reviews)' for every year or period."""
    points = trend_points(rows, themes)
    table: dict[str, dict[str, str]] = {}
    for point in points:
        line = table.setdefault(point["theme"], {"Theme": point["label"]})
        line[point["period"]] = (
            f"{point['share']:.0%} ({point['reviews']} of {point['total_reviews']})"
        )
    return list(table.values())


def share_text(count: int, total: int) -> str:
    """'30% (3 of 10)': a share never without its counts."""
    return f"{count / total:.0%} ({count} of {total})" if total else f"– (0 of {total})"


def comparison_rows(rows: list[dict[str, Any]], names: tuple[str, str]) -> list[dict[str, Any]]:
    """A comparison (themes or pairs) as table rows: each period's share with its counts,
    the difference in percentage points, Fisher's p and whether chance could explain it."""
    table = []
    for row in rows:
        what = (
            {"Theme": shared.theme_label(row["theme"])}
            if "theme" in row
            else {
                "Theme A": shared.theme_label(row["a"]),
                "Theme B": shared.theme_label(row["b"]),
            }
        )
        table.append(
            {
                **what,
                names[0]: share_text(row["reviews_first"], row["total_first"]),
                names[1]: share_text(row["reviews_second"], row["total_second"]),
                "Difference": f"{row['difference'] * 100:+.0f} pts",
                "p-value": f"{row['p_value']:.2g}",
                "Could be chance?": "no (p < 0.05)" if row["p_value"] < SIGNIFICANT else "yes",
            }
        )
    return table


# -- the heatmap -------------------------------------------------------------------------------


def strongest_note(
    pair: dict[str, Any] | None, shown: Sequence[str] | None, least: int, chosen: bool
) -> str:
    """The note on the Themes page's strongest link: the pair and how often it is found
    together, and whether the heatmap, which shows only the `shown` themes (those `chosen` in
    the sidebar, or the most frequent) and pairs in at least `least` reviews, shows it too."""
    if pair is None:
        return "No pair is found together more often than chance."
    said = (
        f"{shared.theme_label(pair['a'])} with {shared.theme_label(pair['b'])}: together in "
        f"{pair['reviews']} reviews, {pair['lift']:.1f} times as often as if they were unrelated."
    )
    if shown is None:
        return said
    left_out = []
    if pair["a"] not in shown or pair["b"] not in shown:
        left_out.append(
            "the themes chosen in the sidebar"
            if chosen
            else f"the {len(shown)} most frequent themes"
        )
    if pair["reviews"] < least:
        left_out.append(f"pairs in at least {least} reviews")
    if not left_out:
        return said + " It is in the heatmap below."
    return said + " It is outside the heatmap below, which shows " + " and ".join(left_out) + "."


def heatmap_cells(
    pairs: list[dict[str, Any]], themes: list[str], metric: str
) -> list[dict[str, Any]]:
    """One cell per ordered pair of the given themes (both halves of the matrix)."""
    chosen = set(themes)
    cells = []
    for pair in pairs:
        if pair["a"] not in chosen or pair["b"] not in chosen:
            continue
        for a, b, with_a, with_b in (
            (pair["a"], pair["b"], pair["reviews_a"], pair["reviews_b"]),
            (pair["b"], pair["a"], pair["reviews_b"], pair["reviews_a"]),
        ):
            cells.append(
                {
                    "a": a,
                    "b": b,
                    "a_label": shared.theme_label(a),
                    "b_label": shared.theme_label(b),
                    "value": pair[metric],
                    "reviews": pair["reviews"],
                    "passages": pair["passages"],
                    "reviews_a": with_a,
                    "reviews_b": with_b,
                    "jaccard": pair["jaccard"],
                    "lift": pair["lift"],
                    "p_value": pair["p_value"],
                    "significant": "yes (p < 0.05)" if pair["p_value"] < 0.05 else "no",
                    "label": cell_label(pair[metric], metric, pair["p_value"]),
                }
            )
    return cells


def cell_label(value: float, metric: str, p_value: float) -> str:
    """A cell's number, starred when the pair is together more often than chance."""
    number = f"{int(value)}" if metric in {"reviews", "passages"} else f"{value:.2f}"
    return number + ("*" if p_value < SIGNIFICANT else "")


def heatmap(
    cells: list[dict[str, Any]],
    order: list[str],
    metric: str,
    selected: tuple[str, str] | None = None,
    name: str = "pair",
    counts: dict[str, int] | None = None,
) -> alt.LayerChart:
    """Themes against themes, coloured by the metric; a click selects a pair. The diagonal,
    in grey, says how many reviews carry each theme."""
    labels = [shared.theme_label(theme) for theme in order]
    frame = pd.DataFrame(cells)
    if selected:
        frame["chosen"] = [
            {a, b} == set(selected) for a, b in zip(frame["a"], frame["b"], strict=True)
        ]
    else:
        frame["chosen"] = False
    if metric == "lift":
        top = max(2.0, float(frame["value"].max() or 2.0))
        scale = alt.Scale(scheme="redblue", reverse=True, domainMid=1.0, domain=[0, top])
    elif metric == "jaccard":
        scale = alt.Scale(scheme="blues", domain=[0, 1])
    else:
        scale = alt.Scale(scheme="blues", domainMin=0)
    pick = alt.selection_point(name=name, fields=["a", "b"], on="click", clear="dblclick")
    size = 28 if len(order) <= 20 else 24
    # labelLimit 0: the full theme labels, never cut
    axis: dict[str, Any] = {"labelLimit": 0, "labelFontSize": 12, "ticks": False, "domain": False}
    base = alt.Chart(frame).encode(
        x=alt.X(
            "b_label:N",
            sort=labels,
            scale=alt.Scale(domain=labels),
            title=None,
            axis=alt.Axis(orient="top", labelAngle=-40, labelOverlap=False, **axis),
        ),
        y=alt.Y(
            "a_label:N",
            sort=labels,
            scale=alt.Scale(domain=labels),
            title=None,
            axis=alt.Axis(labelOverlap=False, **axis),
        ),
    )
    tooltip = [
        alt.Tooltip("a_label:N", title="Theme A"),
        alt.Tooltip("b_label:N", title="Theme B"),
        alt.Tooltip("reviews:Q", title="Reviews with both"),
        alt.Tooltip("passages:Q", title="Passages with both"),
        alt.Tooltip("reviews_a:Q", title="Reviews with A"),
        alt.Tooltip("reviews_b:Q", title="Reviews with B"),
        alt.Tooltip("jaccard:Q", title="Jaccard", format=".2f"),
        alt.Tooltip("lift:Q", title="Lift", format=".2f"),
        alt.Tooltip("p_value:Q", title="p (Fisher, one-sided)", format=".3g"),
    ]
    cells_layer = (
        base.mark_rect(cornerRadius=2)
        .encode(
            color=alt.Color(
                "value:Q",
                scale=scale,
                title=METRICS[metric],
                legend=alt.Legend(orient="right", gradientLength=220, titleLimit=200),
            ),
            stroke=alt.condition("datum.chosen", alt.value("#111"), alt.value("white")),
            strokeWidth=alt.condition("datum.chosen", alt.value(2.5), alt.value(1)),
            # pairs that could well be chance are faded, so they do not read as strong links
            opacity=alt.condition(f"datum.p_value < {SIGNIFICANT}", alt.value(1.0), alt.value(0.4)),
            tooltip=tooltip,
        )
        .add_params(pick)
    )
    text = base.mark_text(fontSize=9 if size < 26 else 10, font=_FONT).encode(
        text=alt.Text("label:N"),
        color=alt.condition(_dark_cell(metric, frame), alt.value("white"), alt.value("#1f2a37")),
        tooltip=tooltip,
    )
    layers: list[Any] = [cells_layer, text]
    if counts:
        diagonal = pd.DataFrame(
            [
                {"a_label": label, "b_label": label, "reviews": counts.get(theme, 0)}
                for theme, label in zip(order, labels, strict=True)
            ]
        )
        own = alt.Chart(diagonal).encode(
            x=alt.X("b_label:N", sort=labels, scale=alt.Scale(domain=labels)),
            y=alt.Y("a_label:N", sort=labels, scale=alt.Scale(domain=labels)),
            tooltip=[
                alt.Tooltip("a_label:N", title="Theme"),
                alt.Tooltip("reviews:Q", title="Reviews with this theme"),
            ],
        )
        layers += [
            own.mark_rect(color="#e9ecef", cornerRadius=2),
            own.mark_text(fontSize=9, font=_FONT, color="#6b7080", fontStyle="italic").encode(
                text="reviews:Q"
            ),
        ]
    return (
        alt.layer(*layers)
        .properties(
            width=alt.Step(size),
            height=alt.Step(size),
            description="Theme co-occurrence heatmap",
        )
        .configure_view(strokeWidth=0)
        .configure_axis(labelFont=_FONT, labelColor="#31333f")
        .configure_legend(labelFont=_FONT, titleFont=_FONT, titleFontWeight="normal")
    )


def _dark_cell(metric: str, frame: pd.DataFrame) -> str:
    """A Vega expression true where a cell is dark enough to need white text."""
    if metric == "lift":
        top = max(2.0, float(frame["value"].max() or 2.0))
        return f"datum.value > {1 + 0.6 * (top - 1):.4f} || datum.value < 0.35"
    if metric == "jaccard":
        return "datum.value > 0.6"
    top = float(frame["value"].max() or 1)
    return f"datum.value > {0.6 * top:.4f}"


def selected_pair(event: Any, name: str = "pair") -> tuple[str, str] | None:
    """The (theme A, theme B) a click on the heatmap chose, if any."""
    try:
        points = event["selection"][name]
    except (KeyError, TypeError):
        return None
    if isinstance(points, list) and points and {"a", "b"} <= set(points[0]):
        return str(points[0]["a"]), str(points[0]["b"])
    return None


# -- trends ------------------------------------------------------------------------------------


def group_years(rows: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """Trend rows summed over periods of `size` years (each review is in one year, so the
    counts add up); `year` becomes the middle of the period and `period` names it."""
    if size <= 1 or not rows:
        return [
            {**row, "period": str(row["year"]), "first": row["year"], "last": row["year"]}
            for row in rows
        ]
    first = min((row["year"] for row in rows), default=0)
    totals: dict[int, int] = {}
    for year, total in {(row["year"], row["total_reviews"]) for row in rows}:
        start = first + (year - first) // size * size
        totals[start] = totals.get(start, 0) + total
    reviews: dict[tuple[int, str], int] = {}
    for row in rows:
        key = (first + (row["year"] - first) // size * size, row["theme"])
        reviews[key] = reviews.get(key, 0) + row["reviews"]
    last = max(row["year"] for row in rows)
    return [
        {
            "year": (start + min(start + size - 1, last)) / 2,  # drawn mid-period
            "period": f"{start}–{min(start + size - 1, last)}",
            "first": start,
            "last": min(start + size - 1, last),
            "theme": theme,
            "reviews": count,
            "total_reviews": totals[start],
            "share": round(count / totals[start], 4),
        }
        for (start, theme), count in sorted(reviews.items())
    ]


def year_runs(rows: list[dict[str, Any]]) -> dict[float, int]:
    """Each point's run of periods with reviews and no year without between them: a trend
    line joins the points of a run, and breaks where a year had no reviews at all."""
    spans = sorted(
        {(row["year"], row.get("first", row["year"]), row.get("last", row["year"])) for row in rows}
    )
    runs: dict[float, int] = {}
    run, previous = 0, None
    for year, first, last in spans:
        if previous is not None and first > previous + 1:
            run += 1
        runs[year] = run
        previous = last
    return runs


def trend_points(rows: list[dict[str, Any]], themes: list[str]) -> list[dict[str, Any]]:
    """Per chosen theme and year with reviews: the share, 0 where no review carried it."""
    totals = dict(sorted({(row["year"], row["total_reviews"]) for row in rows}))
    found = {(row["theme"], row["year"]): row["reviews"] for row in rows}
    periods = {row["year"]: row.get("period", str(row["year"])) for row in rows}
    runs = year_runs(rows)
    return [
        {
            "year": year,
            "period": periods[year],
            "run": runs[year],
            "theme": theme,
            "label": shared.theme_label(theme),
            "reviews": found.get((theme, year), 0),
            "total_reviews": total,
            "share": round(found.get((theme, year), 0) / total, 4) if total else 0.0,
            "counts": f"{found.get((theme, year), 0)} of {total}",
        }
        for theme in themes
        for year, total in totals.items()
    ]


def _year_axis(years: list[int]) -> alt.X:
    return alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[min(years), max(years)] if years else [0, 1], nice=False),
        axis=alt.Axis(format="d", tickMinStep=1, labelFont=_FONT, grid=False),
    )


def trend_chart(rows: list[dict[str, Any]], themes: list[str]) -> alt.LayerChart:
    """Share of each year's reviews carrying each chosen theme; hover for the counts."""
    frame = pd.DataFrame(trend_points(rows, themes))
    years = sorted({row["year"] for row in rows})
    hover = alt.selection_point(name="theme_hover", fields=["label"], on="pointerover")
    colour = alt.Color(
        "label:N",
        title=None,
        sort=[shared.theme_label(theme) for theme in themes],
        scale=alt.Scale(scheme="tableau10"),
        legend=alt.Legend(orient="bottom", columns=3, labelLimit=320, symbolType="stroke"),
    )
    tooltip = [
        alt.Tooltip("label:N", title="Theme"),
        alt.Tooltip("period:N", title="Years"),
        alt.Tooltip("share:Q", title="Share of reviews", format=".0%"),
        alt.Tooltip("counts:N", title="Reviews"),
    ]
    base = alt.Chart(frame).encode(
        x=_year_axis(years),
        y=alt.Y(
            "share:Q",
            title="Share of the year's reviews",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%", minExtent=44, titleFontWeight="normal"),
        ),
        color=colour,
    )
    lines = base.mark_line(strokeWidth=2.2).encode(
        detail="run:N",  # one line per run of years: no line across a year without reviews
        opacity=alt.condition(hover, alt.value(1), alt.value(0.3)),
        strokeWidth=alt.condition(hover, alt.value(3), alt.value(2)),
    )
    points = (
        base.mark_circle(size=60)
        .encode(opacity=alt.condition(hover, alt.value(1), alt.value(0.35)), tooltip=tooltip)
        .add_params(hover)
    )
    return (
        alt.layer(lines, points)
        .properties(height=340, description="Theme trends: share of reviews per year")
        .configure_view(strokeWidth=0)
        .configure_axis(labelFont=_FONT, titleFont=_FONT, labelColor="#31333f")
        .configure_legend(labelFont=_FONT, labelFontSize=12)
    )


def year_bars(rows: list[dict[str, Any]]) -> alt.Chart:
    """How many reviews each year has: what every share in the trend chart is out of."""
    totals = pd.DataFrame(
        sorted(
            {
                (row["year"], row.get("period", str(row["year"])), row["total_reviews"])
                for row in rows
            }
        ),
        columns=["year", "period", "total_reviews"],
    )
    return (
        alt.Chart(totals)
        .mark_bar(color="#b8c4cf", size=14, cornerRadiusTopLeft=2, cornerRadiusTopRight=2)
        .encode(
            x=_year_axis(sorted(totals["year"])),
            y=alt.Y(
                "total_reviews:Q",
                title="Reviews",
                axis=alt.Axis(tickMinStep=1, format="d", minExtent=44, titleFontWeight="normal"),
            ),
            tooltip=[
                alt.Tooltip("period:N", title="Years"),
                alt.Tooltip("total_reviews:Q", title="Reviews"),
            ],
        )
        .properties(height=110, description="Reviews per year")
        .configure_view(strokeWidth=0)
        .configure_axis(labelFont=_FONT, titleFont=_FONT, labelColor="#31333f")
    )


# -- a review's neighbourhood ------------------------------------------------------------------


def neighbourhood_graph(
    found: dict[str, Any],
    similar: Sequence[Any] = (),
    themes: int = 10,
    agencies: int = 7,
    roles: int = 5,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes (with x, y) and edges of a review's neighbourhood: themes on the left, agencies
    and roles on the right, related reviews along the top, the review in the middle."""
    centre = {
        "id": found["id"],
        "kind": "review",
        "label": short(found.get("title") or found["id"], 36),
        "name": found.get("title") or found["id"],
        "detail": " · ".join(
            str(part)
            for part in (
                shared.review_type_label(found.get("review_type")),
                found.get("year"),
                found.get("partnership"),
            )
            if part
        ),
        "weight": 1.0,
        "x": 0.0,
        "y": 0.0,
    }
    nodes = [centre]
    left = [
        {
            "id": f"theme:{row['theme']}",
            "kind": "theme",
            "label": short(shared.theme_label(row["theme"]), 34),
            "name": shared.theme_label(row["theme"]),
            "detail": theme_extent(row),
            "weight": float(row["passages"] or 0),
        }
        for row in found["themes"][:themes]
    ]
    right = [
        {
            "id": f"{kind}:{row['id']}",
            "kind": kind,
            "label": short(
                shared.agency_label(row["id"]) if kind == "agency" else _words(row["name"]), 30
            ),
            "name": shared.agency_label(row["id"]) if kind == "agency" else _words(row["name"]),
            "detail": f"{row['mentions']} mentions",
            "weight": float(row["mentions"] or 0),
        }
        for kind, limit in (("agency", agencies), ("role", roles))
        for row in found["entities"].get(kind, [])[:limit]
    ]
    related: dict[str, dict[str, Any]] = {}
    for kind, rows, verb in (
        ("related", found.get("cites", []), "This review cites it"),
        ("related", found.get("cited_by", []), "Cites this review"),
    ):
        for row in rows:
            related.setdefault(
                row["id"],
                {
                    "id": row["id"],
                    "kind": kind,
                    "label": short(row.get("title") or row["id"], 28),
                    "name": row.get("title") or row["id"],
                    "detail": verb
                    + (f": “{short(row['evidence'], 80)}”" if row.get("evidence") else ""),
                    "weight": 3.0,
                },
            )
    for case in similar:
        if case.review_id in related or case.review_id == found["id"]:
            continue
        related[case.review_id] = {
            "id": case.review_id,
            "kind": "similar",
            "label": short(case.title or case.review_id, 28),
            "name": case.title or case.review_id,
            "detail": f"Similar (similarity {case.score:.0%})",  # as the pages say it
            "weight": 2.0,
        }
    top = list(related.values())[:6]
    _column(left, -1.0)
    _column(right, 1.0)
    for i, node in enumerate(top):
        node["x"] = (i - (len(top) - 1) / 2) * 0.42
        node["y"] = 1.45
    nodes += left + right + top
    edges = [
        {"source": centre["id"], "target": node["id"], "kind": node["kind"]}
        for node in left + right + top
    ]
    return nodes, edges


def feature_label(feature: str) -> str:
    """A 'group:value' feature two similar cases share, in words: 'harm:neglect' is
    'harm: Neglect', 'age:under 1' 'a child under 1', 'agency:police' 'Police'."""
    group, _, value = feature.partition(":")
    if group == "harm":
        return f"harm: {shared.theme_label(value)}"
    if group == "age":
        return f"a child {value}" if value.startswith("under") else f"a child aged {value}"
    if group == "outcome":
        return f"outcome: {shared.OUTCOME_LABELS.get(value, value).lower()}"
    if group == "agency":
        return shared.agency_label(value)
    return shared.theme_label(value)  # a family risk or a practice theme


def _column(nodes: list[dict[str, Any]], x: float) -> None:
    count = len(nodes)
    for i, node in enumerate(nodes):
        node["x"] = x
        node["y"] = 1.0 - 2.0 * i / (count - 1) if count > 1 else 0.0


def short(text: str, limit: int) -> str:
    """The text on one line, cut at `limit` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entity_name(kind: str, row: dict[str, Any]) -> str:
    """How an agency, role, programme... is shown: its label, not its id."""
    if kind == "agency":
        return shared.agency_label(row["id"])
    if kind in {"role", "programme", "legislation"}:
        name = _words(row.get("name") or row["id"])
        return name.upper() if kind == "programme" and len(name) <= 5 else name
    return str(row.get("name") or row["id"])


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where a phrase occurs in a text, case ignored, for highlighting."""
    if not needle:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


def _words(value: str) -> str:
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]


def graph_chart(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], name: str = "node"
) -> alt.LayerChart:
    """The neighbourhood as curved links and labelled nodes; hover for details, scroll to
    zoom, drag to pan, click a related review to open it."""
    where = {node["id"]: node for node in nodes}
    points = []
    for number, edge in enumerate(edges):
        a, b = where[edge["source"]], where[edge["target"]]
        for order, (x, y) in enumerate(_s_curve(a, b)):
            points.append({"edge": number, "order": order, "x": x, "y": y, "kind": b["kind"]})
    frame = pd.DataFrame(nodes)
    frame["kind_name"] = frame["kind"].map(KIND_NAMES)
    frame["side"] = [
        {"theme": "left", "agency": "right", "role": "right", "review": "centre"}.get(kind, "top")
        for kind in frame["kind"]
    ]
    scale_x = alt.Scale(domain=[-2.35, 2.35], nice=False)
    scale_y = alt.Scale(domain=[-1.2, 2.3], nice=False)
    kinds = [kind for kind in KIND_COLOURS if kind in set(frame["kind"])]
    colour = alt.Color(
        "kind_name:N",
        title=None,
        scale=alt.Scale(
            domain=[KIND_NAMES[k] for k in kinds], range=[KIND_COLOURS[k] for k in kinds]
        ),
        legend=alt.Legend(orient="bottom", direction="horizontal", symbolSize=120),
    )
    zoom = alt.selection_interval(bind="scales", name="zoom")
    pick = alt.selection_point(name=name, fields=["id"], on="click", clear="dblclick")
    links = (
        alt.Chart(pd.DataFrame(points))
        .mark_line(interpolate="basis", strokeWidth=1.4, opacity=0.45)
        .encode(
            x=alt.X("x:Q", scale=scale_x, axis=None),
            y=alt.Y("y:Q", scale=scale_y, axis=None),
            detail="edge:N",
            order="order:Q",
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values())),
                legend=None,
            ),
            strokeDash=alt.condition(
                "datum.kind == 'similar'", alt.value([4, 3]), alt.value([1, 0])
            ),
        )
        .add_params(zoom)
    )
    tooltip = [
        alt.Tooltip("name:N", title="Name"),
        alt.Tooltip("kind_name:N", title="Kind"),
        alt.Tooltip("detail:N", title="Detail"),
    ]
    base = alt.Chart(frame).encode(
        x=alt.X("x:Q", scale=scale_x, axis=None), y=alt.Y("y:Q", scale=scale_y, axis=None)
    )
    circles = (
        base.mark_circle(opacity=1, stroke="white", strokeWidth=1.5)
        .encode(
            size=alt.Size("weight:Q", scale=alt.Scale(range=[90, 520], zero=False), legend=None),
            color=colour,
            tooltip=tooltip,
        )
        .add_params(pick)
    )
    centre = (
        base.transform_filter("datum.kind == 'review'")
        .mark_circle(
            size=1300, color=KIND_COLOURS["review"], opacity=1, stroke="white", strokeWidth=3
        )
        .encode(tooltip=tooltip)
    )
    text: dict[str, Any] = {"font": _FONT, "fontSize": 12, "color": "#31333f"}
    left = (
        base.transform_filter("datum.side == 'left'")
        .mark_text(align="right", dx=-14, **text)
        .encode(text="label:N", tooltip=tooltip)
    )
    right = (
        base.transform_filter("datum.side == 'right' ")
        .mark_text(align="left", dx=14, **text)
        .encode(text="label:N", tooltip=tooltip)
    )
    top = (
        base.transform_filter("datum.side == 'top' && datum.kind != 'review'")
        .mark_text(align="left", angle=330, dx=8, dy=-10, **text)
        .encode(text="label:N", tooltip=tooltip)
    )
    title = (
        base.transform_filter("datum.kind == 'review'")
        .mark_text(align="center", dy=36, fontWeight="bold", **{**text, "fontSize": 13})
        .encode(text="label:N")
    )
    return (
        alt.layer(links, circles, centre, left, right, top, title)
        .resolve_scale(color="independent")
        .properties(height=560, description="Neighbourhood graph of the review")
        .configure_view(strokeWidth=0)
        .configure_legend(labelFont=_FONT, labelFontSize=12)
    )


def _s_curve(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[float, float]]:
    """Control points of a smooth S-shaped link (as in a Sankey chart): sideways to the
    columns, upwards to the related reviews."""
    if abs(b["x"] - a["x"]) >= abs(b["y"] - a["y"]) or b["y"] <= 1.0:
        middle = (a["x"] + b["x"]) / 2
        return [(a["x"], a["y"]), (middle, a["y"]), (middle, b["y"]), (b["x"], b["y"])]
    middle = (a["y"] + b["y"]) / 2
    return [(a["x"], a["y"]), (a["x"], middle), (b["x"], middle), (b["x"], b["y"])]


def selected_node(event: Any, name: str = "node") -> str | None:
    """The id of the node a click on the graph chose, if any."""
    try:
        points = event["selection"][name]
    except (KeyError, TypeError):
        return None
    if isinstance(points, list) and points and "id" in points[0]:
        return str(points[0]["id"])
    return None


_DETAILS_CSS = """<style>
.cg-details {width: 100%; border-collapse: collapse; font-size: 0.92rem;}
.cg-details td {padding: 0.45rem 0.5rem; border-bottom: 1px solid rgba(49,51,63,0.1);
  vertical-align: top;}
.cg-details td.cg-field {color: #6b7080; width: 9.5rem; white-space: nowrap;}
.cg-details td.cg-value {font-weight: 600;}
.cg-details td.cg-page {width: 3.5rem; text-align: right;}
.cg-details .cg-evidence {display: block; font-weight: 400; font-style: italic;
  color: #6b7080; font-size: 0.8rem; margin-top: 0.15rem;}
.cg-details .cg-corrected {display: block; font-weight: 400; color: #7a4b00;
  font-size: 0.8rem; margin-top: 0.15rem;}
.cg-page-chip {font-size: 0.75rem; padding: 0.1rem 0.45rem; border-radius: 999px;
  background: #eef1f4; color: #4a4f5c; white-space: nowrap;}
</style>"""


def details_html(rows: list[dict[str, Any]]) -> str:
    """A review's details as a table: the field, the value with the text it was read from
    (or, for a value corrected by hand, who corrected it), and the page it is on."""
    body = "".join(
        "<tr>"
        f'<td class="cg-field">{html.escape(row["field"])}</td>'
        f'<td class="cg-value">{html.escape(row["value"])}'
        + (
            f'<span class="cg-evidence">“{html.escape(short(row["evidence"], 140))}”</span>'
            if row.get("evidence") and row["evidence"].strip() != row["value"].strip()
            else ""
        )
        + (
            f'<span class="cg-corrected">{html.escape(row["corrected"])}</span>'
            if row.get("corrected")
            else ""
        )
        + "</td>"
        + (
            f'<td class="cg-page"><span class="cg-page-chip">'
            f"{cite_pages(row['page'], row['page'], row.get('printed'), row.get('printed'))}"
            "</span></td>"
            if row.get("page")
            else '<td class="cg-page"></td>'
        )
        + "</tr>"
        for row in rows
    )
    return f'{_DETAILS_CSS}<table class="cg-details">{body}</table>'


def recommendation_html(
    item: dict[str, Any], title: str, labels: dict[int, str] | None = None
) -> str:
    """One recommendation as a card: its number, its words, and the page (and the number
    printed on it, from the review's `labels`, when that differs)."""
    number = f"<strong>{html.escape(str(item['number']))}</strong> " if item.get("number") else ""
    text = html.escape(" ".join(str(item.get("text") or "").split())).replace("$", "&#36;")
    page = item.get("page")
    cite = html.escape(
        f"{title}, {cite_pages(page, page, *printed(labels, page, page))}" if page else title
    )
    return (
        f'<div class="cg-card"><p class="cg-quote">{number}{text}</p>'
        f'<p class="cg-cite">— {cite}</p></div>'
    )


def theme_extent(row: dict[str, Any]) -> str:
    """How a review carries one of its themes: '3 passages', or, for a theme the review names
    as its subject with no passage tagged with it, where it names it (as stored)."""
    if row.get("passages"):
        return shared.plural(row["passages"], "passage")
    return f"named in {named_where(row)}"


def named_where(row: dict[str, Any]) -> str:
    """Where the review names a theme: 'the review's title or contents', as stored."""
    places = " and ".join(row.get("parts") or {})
    return f"the review's {places}" if places else "the review"


def named_only(review_themes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The themes a review carries by naming them, with no passage tagged with them."""
    return [row for row in review_themes if not row.get("passages")]


def theme_bars(review_themes: list[dict[str, Any]], limit: int = 12) -> alt.Chart:
    """Horizontal bars: how many of a review's passages carry each theme."""
    frame = pd.DataFrame(
        [
            {
                "theme": shared.theme_label(row["theme"]),
                "passages": row["passages"],
                "where": ", ".join(f"{k} {v}" for k, v in (row.get("parts") or {}).items())
                if row["passages"]
                else theme_extent(row),
            }
            for row in sorted(review_themes, key=lambda row: -row["passages"])[:limit]
        ]
    )
    return (
        alt.Chart(frame)
        .mark_bar(color=KIND_COLOURS["theme"], cornerRadiusEnd=3, height=16)
        .encode(
            x=alt.X("passages:Q", title="Passages", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("theme:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            tooltip=[
                alt.Tooltip("theme:N", title="Theme"),
                alt.Tooltip("passages:Q", title="Passages"),
                alt.Tooltip("where:N", title="Where in the review"),
            ],
        )
        .properties(height=alt.Step(24), description="Passages per theme")
        .configure_view(strokeWidth=0)
        .configure_axis(labelFont=_FONT, titleFont=_FONT, titleFontWeight="normal", grid=False)
    )


def mention_bars(rows: list[dict[str, Any]], kind: str, limit: int = 12) -> alt.Chart:
    """Horizontal bars: how often the review names each agency (or role)."""
    label = shared.agency_label if kind == "agency" else _words
    frame = pd.DataFrame(
        [
            {
                "name": label(row["id"] if kind == "agency" else row["name"]),
                "mentions": row["mentions"],
            }
            for row in rows[:limit]
        ]
    )
    return (
        alt.Chart(frame)
        .mark_bar(color=KIND_COLOURS.get(kind, "#2c6e8f"), cornerRadiusEnd=3, height=16)
        .encode(
            x=alt.X("mentions:Q", title="Mentions", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            tooltip=[alt.Tooltip("name:N", title=kind.capitalize()), "mentions:Q"],
        )
        .properties(height=alt.Step(24), description=f"Mentions per {kind}")
        .configure_view(strokeWidth=0)
        .configure_axis(labelFont=_FONT, titleFont=_FONT, titleFontWeight="normal", grid=False)
    )
