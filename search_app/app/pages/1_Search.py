"""Search: passages by meaning and keyword, as quote cards with citations."""

from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from search_app.app import coding_ui, shared
from search_app.search import Mode

EXAMPLES = [
    "father not seen by the health visitor",
    "safer sleep advice after co-sleeping",
    "information was not shared between police and health",
    "professional curiosity about injuries to a non-mobile baby",
]
MODES: dict[Mode, str] = {
    "hybrid": "Meaning and keywords (best)",
    "keyword": "Keywords only",
    "dense": "Meaning only",
}
RESULTS = 50  # fetched once per query, shown ten to a page

shared.page(
    "Search",
    ":material/search:",
    "Find what reviews say, in their own words. Each passage comes with its citation.",
)
briefing = shared.briefing_picker()
filters = shared.filters_sidebar(key="search")

if not shared.reviews():
    shared.empty_store_message()
    st.stop()


def use_example(text: str) -> None:
    st.session_state["query"] = text


def add(result: dict[str, object], collection: str) -> None:
    if shared.add_to_briefing(result, collection):
        st.session_state["added"] = f"Added to “{collection}”."


if "query" not in st.session_state:  # a link may carry the query: /Search?q=...
    st.session_state["query"] = st.query_params.get("q", "")

left, right = st.columns([4, 1], vertical_alignment="bottom")
query = left.text_input(
    "What are you looking for?",
    key="query",
    placeholder="e.g. " + EXAMPLES[0],
    help="Words and phrases as you would say them; meaning counts as well as exact words.",
).strip()
mode: Mode = right.selectbox("Match by", list(MODES), format_func=MODES.__getitem__, key="mode")

if query:
    st.query_params["q"] = query
else:
    st.query_params.pop("q", None)
    st.markdown("**Try one of these:**")
    cols = st.columns(len(EXAMPLES))
    for col, example in zip(cols, EXAMPLES, strict=True):
        col.button(example, on_click=use_example, args=(example,), width="stretch")
    st.stop()

with st.spinner("Searching the reviews…"):
    results = shared.search(query, RESULTS, mode, filters)

if message := st.session_state.pop("added", None):
    st.toast(message, icon=":material/bookmark_added:")

if not results:
    st.warning(
        "No passages found."
        + (" Try removing some filters in the sidebar." if shared.active_filters(filters) else "")
        + " Different words for the same thing may help."
    )
    st.stop()

in_briefing = {quote.get("passage_id") for quote in shared.quotes(briefing)}
st.markdown(
    f"**{'Top ' if len(results) == RESULTS else ''}{len(results)} passages** from "
    f"**{len({r.review_id for r in results})} reviews**"
    + (" (filtered)" if shared.active_filters(filters) else "")
)
for result in shared.paginate(results, "results", noun="passages"):
    with st.container(border=False):
        shared.result_card(result)
        actions = st.columns([1.3, 1.3, 1.1, 1.1, 3], vertical_alignment="center")
        with actions[0]:
            if result.passage_id in in_briefing:
                st.button(
                    "In briefing",
                    key=f"in_{result.passage_id}",
                    disabled=True,
                    icon=":material/bookmark_added:",
                )
            else:
                st.button(
                    "Add to briefing",
                    key=f"add_{result.passage_id}",
                    icon=":material/bookmark_add:",
                    on_click=add,
                    args=(asdict(result), briefing),
                    help=f"Save this quote and its citation to “{briefing}”.",
                )
        with actions[1]:
            shared.review_link(result.review_id)
        shared.source_buttons(
            result.source_path, result.page_start, result.passage_id, (actions[2], actions[3])
        )
        coding_ui.coding_panel(result.passage_id, key=f"s_{result.passage_id}")
    st.divider()
