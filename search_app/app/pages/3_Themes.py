"""Themes: which themes travel together across reviews (and the evidence for any pair), and
how often each theme appears year by year."""

from __future__ import annotations

import dataclasses

import streamlit as st

from casegraph.text import counted
from graph import statistics_csv
from graph.analytics import SMALL_NUMBER, Filters
from search_app.app import charts, shared

TOP_THEMES = 20  # the heatmap shows the most frequent themes unless the sidebar names some
TREND_THEMES = 5
NO_PASSAGE = (
    "A 0 under Passages: no single passage is tagged with both themes. The reviews carry them "
    "in different passages, or carry a theme they name (in the title, contents, summary or "
    "findings) without a passage tagged with it."
)

shared.page(
    "Themes",
    ":material/grid_view:",
    "Which themes recur across reviews, which travel together, and how they move over the "
    "years. Every number leads back to the reviews and passages behind it.",
)
filters = shared.filters_sidebar(key="themes")
all_kinds = st.sidebar.toggle(
    "Count briefings, guidance and other documents",
    key="themes_all_kinds",
    help="Off: the numbers count case reviews only, as the Panel's do. On: every document "
    "in the store.",
)

if not shared.reviews():
    shared.empty_store_message()
    st.stop()

path = str(shared.data_dir())
review_filters = Filters.of_search(filters, all_kinds)
with st.spinner("Counting themes across the reviews…"):
    counts = charts.cached_theme_counts(path, review_filters)
    pairs = charts.cached_cooccurrence(path, review_filters, 1)
    total = charts.cached_review_total(path, review_filters)

unapplied = [
    name for name, chosen in (("theme", filters.themes), ("agency", filters.agencies)) if chosen
]
if unapplied:
    st.caption(
        f":material/info: The {' and '.join(unapplied)} "
        f"{'filter narrows' if len(unapplied) == 1 else 'filters narrow'} Search only: this "
        "page counts every theme over whole reviews, so "
        f"{'it is' if len(unapplied) == 1 else 'they are'} not applied here."
    )
if not counts:
    st.warning(
        "No reviews with themes match these filters. Try widening the years or removing "
        "filters in the sidebar."
    )
    st.stop()

ranked = sorted(counts, key=lambda theme: (-counts[theme], shared.theme_label(theme)))
chosen_in_sidebar = [theme for theme in filters.themes if theme in counts]
significant = [pair for pair in pairs if pair["p_value"] < 0.05 and pair["reviews"] >= 2]
strongest = max(significant, key=lambda pair: pair["lift"], default=None)

columns = st.columns(4)
columns[0].metric(
    "Reviews",
    total,
    help="Reviews that pass the sidebar filters"
    + ("." if all_kinds else " (case reviews only: no briefings, guidance or other documents)."),
)
columns[1].metric("Themes found", len(counts))
columns[2].metric(
    "Pairs together more than chance",
    len(significant),
    help="Pairs of themes found together in at least two reviews, with p < 0.05 "
    "(one-sided Fisher exact test on the reviews).",
)
strongest_slot = columns[3].empty()  # filled once the heatmap's view is known: its note says
# whether the heatmap shows the pair
if shared.active_filters(filters):
    st.caption(f"Filtered in the sidebar: {total} reviews count.")
if total < SMALL_NUMBER:
    st.warning(
        f"Only {shared.plural(total, 'review')} pass these filters: every share below rests "
        "on very few reviews. Read the reviews themselves before drawing conclusions.",
        icon=":material/warning:",
    )


briefing = shared.briefing_picker()
in_briefing = {quote.get("passage_id") for quote in shared.quotes(briefing)}
if message := st.session_state.pop("added", None):
    st.toast(message, icon=":material/bookmark_added:")


def set_pair(a: str, b: str) -> None:
    st.session_state["pair_a"], st.session_state["pair_b"] = a, b


def passages_on(count: int, label: str) -> str:
    """How a review of a pair carries one of its themes, for the count's tooltip."""
    if count:
        return f"{shared.plural(count, 'passage')} on {label}"
    return f"{label} named in the review, with no passage tagged with it"


def on_heatmap() -> None:
    """A click on a cell chooses that pair below."""
    clicked = charts.selected_pair(st.session_state.get("heatmap"))
    if clicked:
        set_pair(*clicked)


heatmap_view: tuple[list[str] | None, int, bool] = (None, 1, False)  # no heatmap yet
together, over_time, periods_tab = st.tabs(
    [
        ":material/grid_view: Themes together",
        ":material/show_chart: Over the years",
        ":material/compare: Compare two periods",
    ]
)

# -- co-occurrence ------------------------------------------------------------------------------

with together:
    if len(ranked) < 2:
        st.info(
            "These reviews carry a single theme, so there is no pair to compare. Widen the "
            "filters in the sidebar."
        )
    else:
        if "pair_a" not in st.session_state or st.session_state["pair_a"] not in counts:
            # Start on the pair least likely to be chance, among those in several reviews.
            first = min(significant, key=lambda p: (p["p_value"], -p["reviews"]), default=None)
            first = first or (pairs[0] if pairs else {"a": ranked[0], "b": ranked[-1]})
            set_pair(first["a"], first["b"])
        if st.session_state.get("pair_b") not in counts:
            st.session_state["pair_b"] = next(t for t in ranked if t != st.session_state["pair_a"])
        controls = st.columns([4, 2, 2], vertical_alignment="bottom")
        metric = (
            controls[0].segmented_control(
                "Colour cells by",
                list(charts.METRICS),
                format_func=lambda name: charts.METRICS[name],
                default="lift",
                key="metric",
                help=" ".join(
                    f"**{charts.METRICS[m]}**: {text}" for m, text in charts.METRIC_HELP.items()
                ),
            )
            or "lift"
        )
        least = int(
            controls[1].number_input(
                "Only pairs in at least … reviews",
                min_value=1,
                max_value=max(1, total),
                value=1,
                step=1,
                key="min_reviews",
                help="Rare pairs make noisy Jaccard and lift; raise this to hide them.",
            )
        )
        if len(chosen_in_sidebar) >= 2:
            shown = [theme for theme in ranked if theme in chosen_in_sidebar]
            controls[2].caption(f"Showing the {len(shown)} themes chosen in the sidebar.")
        elif len(ranked) <= 2:  # a slider needs two different ends
            shown = ranked
        else:
            most = controls[2].slider(
                "Themes shown",
                min_value=min(2, len(ranked)),
                max_value=len(ranked),
                value=min(TOP_THEMES, len(ranked)),
                key="themes_shown",
                help="The most frequent themes, by number of reviews.",
            )
            shown = ranked[:most]
        heatmap_view = (shown, least, bool(chosen_in_sidebar))
        visible = [pair for pair in pairs if pair["reviews"] >= least]
        cells = charts.heatmap_cells(visible, shown, metric)
        if not cells:
            st.info("No pair of these themes occurs together often enough. Lower the minimum.")
        else:
            pair = (st.session_state["pair_a"], st.session_state["pair_b"])
            st.altair_chart(
                charts.heatmap(cells, shown, metric, selected=pair, counts=counts),
                on_select=on_heatmap,
                selection_mode="pair",
                key="heatmap",
                width="content",
            )
            st.caption(
                "Each cell is a pair of themes; hover for every measure and the counts. The grey "
                "diagonal is the number of reviews with each theme. **\\*** marks a pair found "
                "together more often than chance would give (one-sided Fisher exact test, "
                "p < 0.05); faded cells could well be chance. **Click a cell** to list the "
                "reviews and passages behind it. Lift above 1 means the two appear together more "
                "often than if they were unrelated; with few reviews, treat it as a lead to read, "
                "not a finding."
            )

        table_column, download_column = st.columns([4, 1], vertical_alignment="bottom")
        table_column.markdown(f"**Strongest pairs** by {charts.metric_in_a_sentence(metric)}")
        download_column.download_button(
            "Co-occurrence CSV",
            statistics_csv.cooccurrence_csv(
                pairs, least, review_filters, notes=statistics_csv.selection_note(total)
            ),
            file_name="theme-cooccurrence.csv",
            mime="text/csv",
            icon=":material/download:",
            key="download_pairs",
            help="Every pair of themes (in at least the number of reviews chosen) with "
            "reviews, passages, Jaccard, lift and p-value.",
            width="stretch",
        )
        top_pairs = sorted(visible, key=lambda p: (-p[metric], -p["reviews"]))[:15]
        st.dataframe(
            [
                {
                    "Theme A": shared.theme_label(p["a"]),
                    "Theme B": shared.theme_label(p["b"]),
                    "Reviews": p["reviews"],
                    "Passages": p["passages"],
                    "Jaccard": p["jaccard"],
                    "Lift": p["lift"],
                    "p-value": p["p_value"],
                }
                for p in top_pairs
            ],
            hide_index=True,
            width="stretch",
            column_config={
                "Passages": st.column_config.NumberColumn(help="Passages tagged with both themes"),
                "Jaccard": st.column_config.ProgressColumn(format="%.2f", min_value=0, max_value=1),
                "Lift": st.column_config.NumberColumn(format="%.2f×"),
                "p-value": st.column_config.NumberColumn(format="%.3g"),
            },
        )
        if any(not p["passages"] for p in top_pairs):
            st.caption(NO_PASSAGE)

        # -- the evidence for one pair ------------------------------------------------------------

        st.subheader("The evidence for a pair")
        options = sorted(counts, key=shared.theme_label)
        picks = st.columns([2, 2, 1], vertical_alignment="bottom")
        a = picks[0].selectbox("Theme A", options, format_func=shared.theme_label, key="pair_a")
        b = picks[1].selectbox("Theme B", options, format_func=shared.theme_label, key="pair_b")
        picks[2].button(
            "Swap",
            icon=":material/swap_horiz:",
            on_click=set_pair,
            args=(b, a),
            width="stretch",
        )
        if a == b:
            st.info("Choose two different themes, or click a cell of the heatmap.")
        else:
            found = next((p for p in pairs if {p["a"], p["b"]} == {a, b}), None)
            with st.spinner("Finding the reviews and passages…"):
                evidence = charts.cached_pair(path, a, b, review_filters)
            label_a, label_b = shared.theme_label(a), shared.theme_label(b)
            if found is None:
                st.warning(f"No review carries both “{label_a}” and “{label_b}”.")
            else:
                numbers = st.columns(5)
                numbers[0].metric(
                    "Reviews with both",
                    f"{found['reviews']} of {total}",
                    help=f"{found['reviews'] / total:.0%} of the reviews" if total else None,
                )
                numbers[1].metric("Passages with both", found["passages"])
                numbers[2].metric("Jaccard", f"{found['jaccard']:.2f}")
                numbers[3].metric("Lift", f"{found['lift']:.2f}×")
                numbers[4].metric("p-value", f"{found['p_value']:.3g}")
                # the pair is stored with its themes in id order: match the counts to A and B
                with_theme = {found["a"]: found["reviews_a"], found["b"]: found["reviews_b"]}
                expected = with_theme[a] * with_theme[b] / total if total else 0
                verdict = (
                    "more often than chance would give"
                    if found["p_value"] < 0.05
                    else "about as often as chance would give"
                )
                st.markdown(
                    f"**{label_a}** is in {shared.plural(with_theme[a], 'review')} and "
                    f"**{label_b}** in {with_theme[b]} (of {total}). If they were unrelated, "
                    f"about {expected:.1f} reviews would carry both; {found['reviews']} do — "
                    f"{verdict} (one-sided Fisher exact test, p = {found['p_value']:.3g})."
                )
                if found["reviews"] < SMALL_NUMBER:
                    st.caption(
                        f":orange[:material/warning: Small numbers: {found['reviews']} "
                        f"review{'' if found['reviews'] == 1 else 's'} carry both. One review "
                        "more or less changes these measures a lot.]"
                    )
            reviews_tab, passages_tab = st.tabs(
                [
                    f"Reviews ({len(evidence['reviews'])})",
                    f"Passages tagged with both ({len(evidence['passages'])})",
                ]
            )
            with reviews_tab:
                for row in shared.paginate(evidence["reviews"], "pair_reviews", noun="reviews"):
                    with st.container(border=True):
                        text, count, action = st.columns([6, 1.2, 1.3], vertical_alignment="center")
                        details = " · ".join(
                            str(part)
                            for part in (
                                shared.review_type_label(row["review_type"]),
                                row["partnership"],
                                row["year"],
                            )
                            if part
                        )
                        title = charts.short(row["title"] or row["file_name"], 110)
                        text.markdown(f"**{title}**  \n:gray[{details}]")
                        both = row["passages_both"]
                        count.markdown(
                            f"**{both}** passage{'' if both == 1 else 's'} with both",
                            help=f"{passages_on(row['passages_a'], label_a)}; "
                            f"{passages_on(row['passages_b'], label_b)}.",
                        )
                        with action:
                            shared.review_link(row["review_id"])
            with passages_tab:
                if not evidence["passages"]:
                    st.caption(
                        "No single passage is tagged with both themes; the reviews above carry "
                        "them in different passages, or name one (in the title, contents, "
                        "summary or findings) without a passage tagged with it."
                    )
                else:
                    st.download_button(
                        "These passages as CSV",
                        statistics_csv.with_provenance(
                            statistics_csv.to_csv(
                                evidence["passages"],
                                [
                                    "review_id",
                                    "title",
                                    "partnership",
                                    "year",
                                    "page_start",
                                    "page_end",
                                    "printed_page_start",
                                    "printed_page_end",
                                    "paragraph_numbers",
                                    "section",
                                    "text",
                                ],
                            ),
                            f"passages tagged with both {a} and {b}",
                            review_filters,
                        ),
                        file_name=f"passages-{a}-{b}.csv",
                        mime="text/csv",
                        icon=":material/download:",
                        key="download_pair_passages",
                    )
                for passage in shared.paginate(
                    evidence["passages"], "pair_passages", noun="passages"
                ):
                    st.markdown(
                        shared.quote_html(
                            passage["text"],
                            shared.citation(passage),
                            (a, b),
                            passage["section"],
                            passage["highlights"],
                        ),
                        unsafe_allow_html=True,
                    )
                    actions = st.columns([1.3, 1.3, 4], vertical_alignment="center")
                    with actions[0]:
                        key = f"pair_{passage['passage_id']}"
                        shared.briefing_button(passage, key, briefing, in_briefing)
                    with actions[1]:
                        shared.review_link(passage["review_id"])


strongest_slot.metric(
    "Strongest link",
    f"{strongest['lift']:.1f}×" if strongest else "–",
    help=charts.strongest_note(strongest, *heatmap_view),
)

# -- trends -------------------------------------------------------------------------------------

with over_time:
    controls = st.columns([1.4, 1, 3], vertical_alignment="bottom")
    by = controls[0].radio(
        "Count by year",
        ["publication", "incident"],
        format_func=lambda value: {"publication": "Published", "incident": "Incident"}[value],
        key="trend_by",
        horizontal=True,
        help="The year the review was published, or the year of the incident it examines.",
    )
    size = (
        controls[1].segmented_control(
            "Years per point",
            [1, 2, 3, 5],
            default=1,
            key="trend_years",
            help="Group years together: fewer, steadier points when each year has few reviews.",
        )
        or 1
    )
    with st.spinner("Counting themes by year…"):
        yearly = charts.cached_trends(path, review_filters, by)
    trends = charts.group_years(yearly, int(size))
    # the most frequent themes to start with: steadier than the ones whose share moves most
    default = [t for t in chosen_in_sidebar if t in ranked] or ranked[:TREND_THEMES]
    if not set(st.session_state.get("trend_themes") or [None]) <= set(ranked):
        st.session_state["trend_themes"] = default  # first visit, or the filters changed
    plotted = controls[2].multiselect(
        "Themes to plot",
        ranked,
        format_func=shared.theme_label,
        key="trend_themes",
        max_selections=10,
    )
    if not trends:
        st.info(f"No review in this selection states its {by} year.")
    elif not plotted:
        st.info("Choose at least one theme to plot.")
    else:
        st.altair_chart(charts.trend_chart(trends, plotted), width="stretch", key="trends")
        st.altair_chart(charts.year_bars(trends), width="stretch", key="year_bars")
        span = "year" if int(size) == 1 else "period"
        st.caption(
            f"Share = reviews carrying the theme ÷ all reviews that {span} (the bars); hover a "
            f"point for the counts. A line breaks at a {span} with no reviews in this selection. "
            "The chart starts with the themes found most often; choose any."
        )
        dated = sum({row["period"]: row["total_reviews"] for row in trends}.values())
        if total > dated:
            st.caption(
                f"{counted(total - dated, 'review')} in this selection "
                f"{'is' if total - dated == 1 else 'are'} not in the trend: "
                f"{'it states' if total - dated == 1 else 'they state'} no {by} year, or "
                f"{'carries' if total - dated == 1 else 'carry'} no theme."
            )
        few = statistics_csv.small_groups(
            {row["period"]: row["total_reviews"] for row in sorted(trends, key=lambda r: r["year"])}
        )
        if few:
            st.warning(
                f"Few reviews in {', '.join(few)}: a share there can jump by a large step "
                "with one review. "
                + (
                    "Group the years (above) for steadier points."
                    if int(size) == 1
                    else "Wider groups of years (above) give steadier points."
                ),
                icon=":material/warning:",
            )
        st.markdown(f"**The numbers behind the chart**: share of the {span}'s reviews (counts)")
        # a plain table: every number readable (and read out by a screen reader) as it is
        st.table(charts.trend_table(trends, plotted), hide_index=True, border="horizontal")
    if trends:
        st.download_button(
            "Trends CSV (all themes)",
            statistics_csv.trends_export(
                yearly,
                by,
                review_filters,
                notes=[
                    *statistics_csv.undated_note(
                        charts.cached_without_year(path, review_filters, by), by, {}
                    ),
                    *statistics_csv.few_years_note(yearly),
                ],
            ),
            file_name=f"theme-trends-by-{by}-year.csv",
            mime="text/csv",
            icon=":material/download:",
            key="download_trends",
        )


# -- two periods side by side -----------------------------------------------------------------

with periods_tab:
    years = sorted(
        {row["publication_year"] for row in shared.reviews() if row.get("publication_year")}
    )
    if len(years) < 2:
        st.info("The reviews here are from a single year: there are no two periods to compare.")
    else:
        middle = years[len(years) // 2]
        pick = st.columns(2)
        first = pick[0].slider(
            "First period (published)",
            years[0],
            years[-1],
            (years[0], max(years[0], middle - 1)),
            key="period_first",
        )
        second = pick[1].slider(
            "Second period (published)",
            years[0],
            years[-1],
            (middle, years[-1]),
            key="period_second",
        )
        names = (f"{first[0]}–{first[1]}", f"{second[0]}–{second[1]}")
        if names[0] == names[1]:
            st.info("Choose two different periods.")
            st.stop()  # the last thing on the page
        period_filters = dataclasses.replace(review_filters, year_from=None, year_to=None)
        with st.spinner("Counting themes in each period…"):
            compared = charts.cached_comparison(path, first, second, period_filters)
        counts_row = st.columns(2)
        counts_row[0].metric(f"Reviews {names[0]}", compared["first"]["reviews"])
        counts_row[1].metric(f"Reviews {names[1]}", compared["second"]["reviews"])
        if max(first[0], second[0]) <= min(first[1], second[1]):
            st.caption(
                ":orange[:material/warning: The periods overlap: reviews in both are counted "
                "twice, and the test assumes they are separate.]"
            )
        few = statistics_csv.small_groups(
            {names[0]: compared["first"]["reviews"], names[1]: compared["second"]["reviews"]},
            2 * SMALL_NUMBER,
        )
        if few:
            st.warning(
                f"Few reviews in {', '.join(few)}: only large differences can be told from "
                "chance, and “could be chance” is the honest reading of most rows.",
                icon=":material/warning:",
            )
        st.caption(
            "Share of each period's reviews carrying the theme, with the counts; the difference "
            "in percentage points; and Fisher's exact test (two-sided) of whether a difference "
            "that large could arise by chance. Least likely to be chance first."
        )
        st.markdown("**Themes**")
        st.table(
            charts.comparison_rows(compared["themes"], names),
            hide_index=True,
            border="horizontal",
        )
        st.markdown("**Pairs of themes found together**")
        st.table(
            charts.comparison_rows(compared["pairs"][:50], names),
            hide_index=True,
            border="horizontal",
        )
        if len(compared["pairs"]) > 50:
            st.caption(f"The 50 pairs least likely to be chance, of {len(compared['pairs'])}.")
        downloads = st.columns([1, 1, 2])
        for column, kind, label in (
            (downloads[0], "themes", "Themes CSV"),
            (downloads[1], "pairs", "Pairs CSV"),
        ):
            column.download_button(
                label,
                statistics_csv.comparison_export(compared, kind, period_filters),
                file_name=f"compare-{kind}-{names[0]}-vs-{names[1]}.csv",
                mime="text/csv",
                icon=":material/download:",
                key=f"download_compare_{kind}",
            )
