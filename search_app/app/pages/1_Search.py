"""Search: passages by meaning and keyword, as quote cards with citations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import streamlit as st

from casegraph.text import counted
from graph.analytics import AGE_BAND_NAMES, OUTCOMES, REVIEW_TYPES
from graph.store import StoreUnavailable
from search_app.app import coding_ui, errors, shared, url_state
from search_app.search import NOTHING_TO_LOOK_FOR, Mode, Searcher, meaning_only_note

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
ADDRESS = "search_address"  # session state: the address this page last wrote
PAGE_KEY = "results_page"  # the page chooser of shared.paginate("results")

shared.page(
    "Search",
    ":material/search:",
    "Find what reviews say, in their own words. Each passage comes with its citation.",
)
briefing = shared.briefing_picker()


def apply(params: dict[str, str]) -> None:
    """Put a search (an address, or a saved search) into the search box and the filters."""
    vocabularies = {
        "theme": list(shared.theme_labels()),
        "type": list(REVIEW_TYPES),
        "agency": shared.agency_ids(),
        "age": list(AGE_BAND_NAMES),
        "outcome": list(OUTCOMES),
    }
    years = sorted({r["publication_year"] for r in shared.reviews() if r.get("publication_year")})
    found = url_state.to_widgets(params, "search", vocabularies, years)
    st.session_state.update(found.values)
    st.session_state.pop(PAGE_KEY, None)
    st.session_state["address_problems"] = found.problems


# A new address (a bookmark, a shared link) sets the search; an empty one (back from another
# page) keeps the search this session had, and puts it back in the address below.
address = st.query_params.to_dict()
if address and address != st.session_state.get(ADDRESS):
    apply(address)
filters = shared.filters_sidebar(key="search")

if not shared.reviews():
    shared.empty_store_message()
    st.stop()


def use_example(text: str) -> None:
    st.session_state["query"] = text


def saved_searches() -> list[dict[str, Any]]:
    try:
        return shared.store().saved_searches()
    except StoreUnavailable:
        return []


def save_search(params: dict[str, str]) -> None:
    name = str(st.session_state.get("saved_name") or "").strip()
    if not name:
        st.session_state["saved_message"] = ("error", "Give the search a name to save it.")
        return
    try:
        with shared.writing() as writer:
            writer.save_search(name, params)
        st.session_state["saved_message"] = ("success", f"Saved “{name}”.")
    except Exception as error:  # said plainly; nothing was saved
        st.session_state["saved_message"] = (
            "error",
            f"The search was not saved. {errors.caught(error, writing=True)}",
        )


def delete_search(name: str) -> None:
    try:
        with shared.writing() as writer:
            writer.delete_search(name)
    except Exception as error:
        st.session_state["saved_message"] = (
            "error",
            f"The search was not deleted. {errors.caught(error, writing=True)}",
        )


def step(pages: int, by: int) -> None:
    current = int(st.session_state.get(PAGE_KEY) or 1)
    st.session_state[PAGE_KEY] = min(max(1, current + by), pages)


if problems := st.session_state.pop("address_problems", None):
    st.warning(
        "Part of this link could not be used and was left out: " + "; ".join(problems) + ".",
        icon=":material/link_off:",
    )

left, right = st.columns([4, 1], vertical_alignment="bottom")
query = left.text_input(
    "What are you looking for?",
    key="query",
    placeholder="e.g. " + EXAMPLES[0],
    help=(
        "Words and phrases as you would say them; meaning counts as well as exact words. "
        'Put words in "quotes" to require them exactly as written; AND, OR, NOT and -word '
        "narrow the results."
    ),
).strip()
mode: Mode = right.selectbox("Match by", list(MODES), format_func=MODES.__getitem__, key="mode")

params = url_state.to_params(query, mode, filters)
st.query_params.from_dict(params)  # the address says what is searched: bookmark or share it
st.session_state[ADDRESS] = params

saved = saved_searches()
# Said above the expander, where it is seen: inside, a closed expander hid it (and its label,
# which counts the saved searches, changes with every save and delete).
if message := st.session_state.pop("saved_message", None):
    getattr(st, message[0])(message[1])
with st.expander(f"Saved searches ({len(saved)})", icon=":material/bookmarks:"):
    name_column, save_column = st.columns([3, 1], vertical_alignment="bottom")
    name_column.text_input("Name this search", key="saved_name", placeholder="e.g. " + EXAMPLES[0])
    save_column.button(
        "Save this search",
        icon=":material/bookmark_add:",
        on_click=save_search,
        args=(params,),
        disabled=not query,
        key="save_search",
    )
    for row in saved:
        search = {str(k): str(v) for k, v in row["search"].items()}
        line = st.columns([4, 1, 1], vertical_alignment="center")
        line[0].markdown(f"**{row['name']}**  \n:gray[{search.get('q', '')}]")
        line[1].button("Open", key=f"open_{row['name']}", on_click=apply, args=(search,))
        line[2].button(
            "",
            key=f"delete_{row['name']}",
            icon=":material/delete:",
            help="Delete this saved search",
            on_click=delete_search,
            args=(row["name"],),
        )

if not query:
    st.markdown("**Try one of these:**")
    cols = st.columns(len(EXAMPLES))
    for col, example in zip(cols, EXAMPLES, strict=True):
        col.button(example, on_click=use_example, args=(example,), width="stretch")
    st.stop()

searched_words = Searcher.searched_words(query)
if Searcher.nothing_to_look_for(query):
    st.info(f"{NOTHING_TO_LOOK_FOR}.")
    st.stop()

with st.spinner("Searching the reviews…"):
    results = shared.search(query, RESULTS, mode, filters)


# how the query was read, as chips: a click turns one into a sidebar filter
CHIP_KEYS = {
    "themes": "themes",
    "agencies": "agencies",
    "age_bands": "ages",
    "outcomes": "outcomes",
}
CHIP_LABELS: dict[str, Callable[[str], str]] = {
    "themes": shared.theme_label,
    "agencies": shared.agency_label,
    "outcomes": lambda o: shared.OUTCOME_LABELS.get(o) or o,
}


def use_chip(facet: str, value: str) -> None:
    key = f"search_{CHIP_KEYS[facet]}"
    st.session_state[key] = list(dict.fromkeys([*st.session_state.get(key, []), value]))


# read as search reads it: excluded words and operators make no chip
chips = shared.searcher().understand(query).chips()
if chips:
    cols = st.columns([1.2] + [1] * min(len(chips), 6), vertical_alignment="center")
    cols[0].caption("Read as (click to filter):")
    for col, (facet, value) in zip(cols[1:], chips[:6], strict=False):
        label = CHIP_LABELS.get(facet, str)(value)
        if facet in CHIP_KEYS:
            applied = value in st.session_state.get(f"search_{CHIP_KEYS[facet]}", [])
            col.button(
                label,
                key=f"chip_{facet}_{value}",
                on_click=use_chip,
                args=(facet, value),
                disabled=applied,
                help="Already a filter in the sidebar." if applied else "Filter by this.",
            )
        else:
            col.caption(label)

if message := st.session_state.pop("added", None):
    st.toast(message, icon=":material/bookmark_added:")

# a word no review uses (a misspelling, or nonsense): say so rather than show the nearest
# passages in meaning as if they answered it
unknown = shared.searcher().unknown_words(query)
named = ", ".join(map(shared.quoted_word, unknown))
if unknown and len(unknown) == len(searched_words):
    st.warning(
        f"No review uses {named}: check the spelling."
        + (" What follows is only closest in meaning and may be unrelated." if results else "")
    )
elif unknown and results:
    st.caption(f"No review uses {named}; the other words were searched.")
elif unknown:  # a phrase or AND holding the word cannot match
    st.warning(f"No review uses {named}, so nothing holds every word asked for.")

if not results:
    st.warning(
        "No passages found."
        + (" Try removing some filters in the sidebar." if shared.active_filters(filters) else "")
        + " Different words for the same thing may help."
    )
    st.stop()

in_briefing = {quote.get("passage_id") for quote in shared.quotes(briefing)}
st.markdown(
    f"**{'Top ' if len(results) == RESULTS else ''}{counted(len(results), 'passage')}** from "
    f"**{counted(len({r.review_id for r in results}), 'review')}**"
    + (" (filtered)" if shared.active_filters(filters) else "")
)
if note := meaning_only_note(results, mode):
    st.caption(note)
for result in shared.paginate(results, "results", noun="passages"):
    with st.container(border=False):
        shared.result_card(result)
        actions = st.columns([1.3, 1.3, 1.1, 1.1, 3], vertical_alignment="center")
        with actions[0]:
            shared.briefing_button(
                asdict(result), result.passage_id, briefing, in_briefing, what="quote"
            )
        with actions[1]:
            shared.review_link(result.review_id)
        shared.source_buttons(
            result.source_path,
            result.page_start,
            result.passage_id,
            (actions[2], actions[3]),
            result.printed_start,
        )
        coding_ui.coding_panel(result.passage_id, key=f"s_{result.passage_id}")
    st.divider()

# At the bottom too: how many there are, and the way to the next page.
pages = -(-len(results) // shared.PAGE_SIZE)
number = min(int(st.session_state.get(PAGE_KEY) or 1), pages)
first = (number - 1) * shared.PAGE_SIZE + 1
bottom = st.columns([3, 1, 1], vertical_alignment="center")
bottom[0].caption(
    f"Passages {first}–{min(first + shared.PAGE_SIZE - 1, len(results))} of {len(results)}"
    + (" (the best matches; more words or filters narrow them)" if len(results) == RESULTS else "")
    + (f" · page {number} of {pages}" if pages > 1 else "")
)
if pages > 1:
    bottom[1].button(
        "Previous",
        icon=":material/chevron_left:",
        disabled=number == 1,
        on_click=step,
        args=(pages, -1),
        key="previous_page",
    )
    bottom[2].button(
        "Next",
        icon=":material/chevron_right:",
        disabled=number == pages,
        on_click=step,
        args=(pages, 1),
        key="next_page",
    )
