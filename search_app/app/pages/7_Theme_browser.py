"""Theme browser: every passage that carries a theme (or two themes, or a theme and an
agency), strongest first, without typing a query; exported with citations."""

from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from casegraph.text import counted
from search_app.app import shared
from search_app.browse import (
    LIMIT,
    Format,
    export,
    export_name,
    export_title,
    recorded_filters,
    strongest,
    theme_passages_counted,
)

shared.page(
    "Theme browser",
    ":material/category:",
    "Every passage that carries a theme, strongest first. Pick a second theme or an agency "
    "to see where they meet.",
)
filters = shared.filters_sidebar(key="browse")
all_kinds = st.sidebar.toggle(
    "Count briefings, guidance and other documents",
    key="browse_all_kinds",
    help="Off: case reviews only, as the Themes page counts them. On: every document in the store.",
)

if not shared.reviews():
    shared.empty_store_message()
    st.stop()

labels = shared.theme_labels()
first, second, agency_column = st.columns(3)
theme = first.selectbox("Theme", list(labels), format_func=shared.theme_label, key="browse_theme")
pair = second.selectbox(
    "And theme (optional)",
    [""] + [t for t in labels if t != theme],
    format_func=lambda t: shared.theme_label(t) if t else "—",
    key="browse_pair",
)
agency = agency_column.selectbox(
    "And agency (optional)",
    ["", *shared.agency_ids()],
    format_func=lambda a: shared.agency_label(a) if a else "—",
    key="browse_agency",
)
themes = [theme, pair] if pair else [theme]

try:
    with st.spinner("Collecting passages…"):
        found, total = theme_passages_counted(
            shared.store(), themes, agency or None, filters, LIMIT, all_kinds
        )
except Exception as error:  # the store's own message, never a traceback
    shared.store_error(error)
    st.stop()

if not found:
    st.info(
        "No passage carries that combination"
        + (" with these filters" if shared.active_filters(filters) else "")
        + ("." if all_kinds else " in case reviews (the sidebar switch adds other documents).")
    )
    st.stop()

title = export_title(themes, agency, shared.theme_label, shared.agency_label)
reviews = len({r.review_id for r in found})
shown = f"the {len(found)} strongest of **{total}** passages" if total > len(found) else ""
st.markdown(
    (shown or f"**{counted(len(found), 'passage')}**")
    + f" from **{counted(reviews, 'review')}**"
    + ("" if all_kinds else " (case reviews only: no briefings, guidance or other documents)")
)
recorded = recorded_filters(filters, agency)
downloads: list[tuple[Format, str]] = [
    ("csv", "text/csv"),
    ("md", "text/markdown"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
]
for column, (fmt, mime) in zip(st.columns(3), downloads, strict=True):
    column.download_button(
        f"Download {fmt.upper()}",
        data=export(
            found,
            fmt,
            title,
            recorded,
            f"passages: {title}{strongest(len(found), total)}",
            all_kinds=all_kinds,
        ),
        file_name=export_name(themes, agency, fmt),
        mime=mime,
        key=f"browse_{fmt}",
    )
briefing = shared.briefing_picker()
in_briefing = {quote.get("passage_id") for quote in shared.quotes(briefing)}
if message := st.session_state.pop("added", None):
    st.toast(message, icon=":material/bookmark_added:")


for result in shared.paginate(found, "browse", noun="passages"):
    shared.result_card(result)
    actions = st.columns([1.3, 1.3, 4], vertical_alignment="center")
    with actions[0]:
        shared.briefing_button(asdict(result), f"browse_{result.passage_id}", briefing, in_briefing)
    with actions[1]:
        shared.review_link(result.review_id)
    st.divider()
