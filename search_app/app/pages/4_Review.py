"""Review: everything about one review — its details (with the page each came from), its
themes and the strongest evidence for each, agencies and roles, recommendations, and the
reviews around it."""

from __future__ import annotations

import functools
import html
from typing import Any

import streamlit as st

from graph.corrections import NOT_STATED, fields_in_force
from search_app.app import charts, coding_ui, shared

FIELDS = {
    "title": "Title",
    "review_type": "Type of review",
    "partnership": "Partnership",
    "publication_date": "Published",
    "author": "Author",
    "child_pseudonyms": "Children's pseudonyms",
    "child_age": "Child's age",
    "child_sex": "Child's sex",
    "outcome": "Outcome",
    "incident_year": "Year of incident",
}
# A correctable field the table shows only once it is corrected (the parser reads it from the
# child's age in words); a corrected year of publication shows as the date "Published".
CORRECTED_ONLY = {"child_age_months": "Child's age in months"}
LABELS = {**FIELDS, **CORRECTED_ONLY, "publication_year": "Year published"}
CHOICE, SEEN = "review_choice", "review_param_seen"
NAMED_ONLY = (
    " A theme without a bar is one the review names as its subject (in its title, contents, "
    "findings or text) with no passage tagged with it."
)

shared.page(
    "Review",
    ":material/article:",
    "Everything about one review: its details with the page each came from, its themes and "
    "the strongest evidence for each, its recommendations, and the reviews around it.",
)

rows = shared.reviews()
if not rows:
    shared.empty_store_message()
    st.stop()

titles = {row["review_id"]: row for row in rows}
ids = sorted(titles, key=lambda rid: (str(titles[rid].get("title") or "").lower(), rid))


def describe(review_id: str) -> str:
    row = titles[review_id]
    parts = [charts.short(row.get("title") or row.get("file_name") or review_id, 80)]
    parts += [str(p) for p in (row.get("publication_year"), row.get("partnership")) if p]
    return " · ".join(parts)


def open_review(review_id: str) -> None:
    st.session_state[CHOICE] = review_id


def on_graph(key: str) -> None:
    """A click on a related review in the graph opens it."""
    node = charts.selected_node(st.session_state.get(key))
    if node is not None and node in titles:
        open_review(node)


# ?review=ID (a link from another page) wins when it is new; otherwise keep the choice. An
# id not in the store is said plainly, and no other review is shown in its place.
param = st.query_params.get(shared.REVIEW_PARAM)
unknown = param is not None and param not in titles
if param in titles and (param != st.session_state.get(SEEN) or CHOICE not in st.session_state):
    st.session_state[CHOICE] = param
elif unknown and param != st.session_state.get(SEEN):
    st.session_state[CHOICE] = None
elif st.session_state.get(CHOICE) not in titles and not unknown:
    recent = max(rows, key=lambda row: row.get("publication_year") or 0)
    st.session_state[CHOICE] = recent["review_id"]

briefing = shared.briefing_picker()
review_id = st.selectbox(
    "Review",
    ids,
    index=None,
    format_func=describe,
    key=CHOICE,
    placeholder="Choose a review…",
    help="Type to search by title, year or partnership. Other pages link here with "
    "?review=ID in the address.",
)
if review_id is None:
    st.session_state[SEEN] = param
    if unknown and param is not None:
        shared.no_such_review(param)
    st.stop()
st.query_params[shared.REVIEW_PARAM] = review_id
st.session_state[SEEN] = review_id
if message := st.session_state.pop("added", None):
    st.toast(message, icon=":material/bookmark_added:")
in_briefing = {quote.get("passage_id") for quote in shared.quotes(briefing)}


def briefing_button(passage: dict[str, Any], where: str, what: str = "passage") -> None:
    """Add a passage of this review, with the review's citation, to the briefing."""
    passage_id = passage.get("id")
    quote = {
        **passage,
        "passage_id": passage_id,
        "review_id": review_id,
        "title": title,
        "partnership": partnership,
        "year": year,
        "file_name": file_name,
    }
    shared.briefing_button(quote, f"{where}_{passage_id}", briefing, in_briefing, what)


path = str(shared.data_dir())
with st.spinner("Reading the review…"):
    document = shared.document(review_id)
    found = charts.cached_neighbourhood(path, review_id)
    recommendations = charts.cached_recommendations(path, review_id)
if document is None or found is None:
    st.warning("This review is no longer in the store. Pick another one.")
    st.stop()

# The parser's metadata with every correction in force in place of what it read.
metadata = fields_in_force(document.get("metadata") or {}, coding_ui.field_history(review_id))
partnership, year = document.get("partnership"), document.get("publication_year")
title = document.get("title") or document.get("file_name") or review_id
file_name = document.get("file_name")
page_labels = document.get("page_labels")  # the numbers printed on its pages, for citations
passages_by_id = {passage["id"]: passage for passage in document["passages"]}


def passage_theme_counts(passages: list[dict[str, Any]]) -> dict[str, int]:
    """How many passages carry each theme, most first."""
    counts: dict[str, int] = {}
    for passage in passages:
        for theme in {t["theme"] for t in passage.get("themes") or []}:
            counts[theme] = counts.get(theme, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def no_review_themes(document: dict[str, Any]) -> str:
    """Why the review carries no theme, in words that are true of it: it was stored without
    enrichment (no embeddings, no passage tagged), or it was enriched and no theme carries
    the review as a whole (its passages' themes are then listed)."""
    counts = passage_theme_counts(document["passages"])
    if not counts and not document.get("embedding_model"):
        return (
            "No themes were tagged: the review was ingested without enrichment "
            "(`casegraph ingest` tags themes unless given `--no-enrich`)."
        )
    if not counts:
        return "The review was enriched, but none of its passages carries a theme."
    listed = ", ".join(
        f"{shared.theme_label(theme)} ({shared.plural(count, 'passage')})"
        for theme, count in counts.items()
    )
    return (
        "The review was enriched, but no theme carries the review as a whole (too few of its "
        f"passages carry any one theme). Themes of its passages: {listed}."
    )


# -- heading ------------------------------------------------------------------------------------

st.header(shared.as_text(title), anchor=False)
chips = [
    shared.review_type_label(document.get("review_type")),
    document.get("partnership"),
    (metadata.get("publication_date") or {}).get("value") or document.get("publication_year"),
    ", ".join(document.get("child_pseudonyms") or []) or None,
    document.get("child_age") and f"aged {document['child_age']}",
    shared.OUTCOME_LABELS.get(document.get("outcome") or "", None),
]
st.markdown(
    "".join(
        f'<span class="cg-chip{" cg-warn" if chip == shared.OUTCOME_LABELS["died"] else ""}">'
        f"{html.escape(str(chip))}</span>"
        for chip in chips
        if chip
    ),
    unsafe_allow_html=True,
)
numbers = st.columns(5)
numbers[0].metric("Pages", document.get("page_count") or "–")
numbers[1].metric("Passages", len(document["passages"]))
numbers[2].metric("Themes", len(document["review_themes"]))
numbers[3].metric("Recommendations", len(recommendations))
numbers[4].metric(
    "Linked reviews",
    len(found["cites"]) + len(found["cited_by"]),
    help="Reviews this one names, or that name it.",
)
if document.get("unreadable_pages"):
    pages = ", ".join(map(str, document["unreadable_pages"]))
    st.warning(f"Some pages could not be read (no text layer): {pages}.", icon=":material/warning:")

overview, themes_tab, people_tab, recs_tab, connections_tab, text_tab = st.tabs(
    [
        ":material/info: Overview",
        f":material/label: Themes ({len(document['review_themes'])})",
        ":material/groups: Agencies and roles",
        f":material/checklist: Recommendations ({len(recommendations)})",
        ":material/hub: Connections",
        ":material/notes: Full text",
    ]
)

# -- overview: details with their pages, and the themes at a glance ------------------------------


def field_label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def value_text(name: str, value: Any) -> str:
    if value is None or value == NOT_STATED:  # cleared by hand
        return "not stated"
    if name == "review_type":
        return shared.review_type_label(value)
    if name == "outcome":
        return shared.OUTCOME_LABELS.get(value, str(value))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def detail_row(name: str) -> dict[str, Any]:
    """A row of the details table: the value in force, with the words and page the parser
    read it from, or who corrected it and what the parser had read."""
    found = metadata[name]
    row = {"field": field_label(name), "value": value_text(name, found["value"])}
    if not found.get("corrected"):
        return {
            **row,
            "page": found.get("page"),
            "printed": (page_labels or {}).get(found.get("page")),
            "evidence": charts.short(found.get("evidence") or "", 110),
        }
    machine = found.get("machine")
    read = "nothing" if machine in (None, "", []) else f"“{value_text(name, machine)}”"
    page = f" (p. {found['page']})" if found.get("page") and machine not in (None, "", []) else ""
    return {
        **row,
        "corrected": f"Corrected by hand {coding_ui.by_when(found['corrected'])}; the parser "
        f"read {read}{page}",
    }


with overview:
    left, right = st.columns([5, 4], gap="large")
    with left:
        st.subheader("Details", anchor=False)
        corrected = [n for n in CORRECTED_ONLY if (metadata.get(n) or {}).get("corrected")]
        details = [
            detail_row(name)
            for name in [*FIELDS, *corrected]
            if metadata.get(name)
            and (
                metadata[name].get("value") not in (None, "", []) or metadata[name].get("corrected")
            )
        ]
        if details:
            st.markdown(charts.details_html(details), unsafe_allow_html=True)
            st.caption(
                "Each detail with the words it was read from and the page they are on, or who "
                "corrected it by hand."
            )
        else:
            st.caption("No details could be read from this review.")
        missing = [label for name, label in FIELDS.items() if not metadata.get(name)]
        if missing:
            st.caption("Not stated in the review: " + ", ".join(missing).lower() + ".")
        coding_ui.field_correction_form(review_id, field_label, value_text)
        coding_ui.field_history_panel(review_id, field_label, value_text)
        source = (document.get("paths") or [None])[0]
        buttons = st.columns(2)
        shared.source_buttons(source, 1, f"review_{review_id}", (buttons[0], buttons[1]))
    with right:
        st.subheader("Themes at a glance", anchor=False)
        if document["review_themes"]:
            st.altair_chart(
                charts.theme_bars(document["review_themes"]), width="stretch", key="theme_bars"
            )
            st.caption(
                "Passages carrying each theme; the Themes tab has the evidence."
                + (NAMED_ONLY if charts.named_only(document["review_themes"]) else "")
            )
        else:
            st.caption(no_review_themes(document))

# -- themes with their strongest evidence -------------------------------------------------------


def quote_of(review_quote: dict[str, Any]) -> dict[str, Any]:
    """A review theme's quote with what its citation needs."""
    passage = passages_by_id.get(review_quote.get("passage_id") or "", {})
    return {
        "text": review_quote.get("quote") or passage.get("text") or "",
        "title": title,
        "partnership": partnership,
        "year": year,
        "page_start": review_quote.get("page_start"),
        "page_end": review_quote.get("page_end"),
        "paragraph_numbers": passage.get("paragraph_numbers") or [],
        "section": review_quote.get("section"),
        "file_name": file_name,
        "page_labels": page_labels,
    }


with themes_tab:
    if not document["review_themes"]:
        st.info(no_review_themes(document))
    ordered = sorted(document["review_themes"], key=lambda t: (-t["passages"], t["theme"]))
    for number, theme in enumerate(ordered):
        label = shared.theme_label(theme["theme"])
        with st.expander(f"**{label}** · {charts.theme_extent(theme)}", expanded=number < 3):
            parts = theme.get("parts") or {}
            if not theme["passages"]:
                quoted = "the quote is where it names it" if theme.get("quotes") else "no quote"
                st.caption(
                    "The review carries this theme because it names it in "
                    f"{charts.named_where(theme)}; no passage is tagged with it, so {quoted}."
                )
            if parts and theme["passages"]:
                st.markdown(
                    "Where in the review: "
                    + "".join(
                        f'<span class="cg-chip cg-agency">{html.escape(part)} · {count}</span>'
                        for part, count in sorted(parts.items(), key=lambda kv: -kv[1])
                    ),
                    unsafe_allow_html=True,
                )
            for review_quote in theme.get("quotes") or []:
                quote = quote_of(review_quote)
                st.markdown(
                    shared.quote_html(
                        quote["text"],
                        shared.citation(quote),
                        meta=f"Section: {quote['section']}" if quote["section"] else None,
                    ),
                    unsafe_allow_html=True,
                )
                passage = passages_by_id.get(review_quote.get("passage_id") or "")
                if passage:
                    briefing_button(
                        passage,
                        f"theme_{theme['theme']}",
                        "whole passage (keep only the sentences you want in the Briefing builder)",
                    )
            if not theme.get("quotes") and theme["passages"]:
                st.caption("No quote was kept for this theme.")

# -- agencies and roles -------------------------------------------------------------------------

with people_tab:
    entities = found["entities"]
    columns = st.columns(2, gap="large")
    for column, kind, heading in (
        (columns[0], "agency", "Agencies named"),
        (columns[1], "role", "Roles named"),
    ):
        with column:
            st.subheader(heading, anchor=False)
            if entities.get(kind):
                st.altair_chart(
                    charts.mention_bars(entities[kind], kind), width="stretch", key=f"bars_{kind}"
                )
                if len(entities[kind]) > 12:
                    st.caption(f"The 12 named most often, of {len(entities[kind])}.")
            else:
                st.caption(f"No {kind} is named in this review.")
    others = [
        ("Programmes and tools", "programme"),
        ("Legislation and guidance", "legislation"),
        ("Places", "place"),
    ]
    for heading, kind in others:
        if entities.get(kind):
            st.markdown(f"**{heading}**")
            st.markdown(
                "".join(
                    f'<span class="cg-chip">{html.escape(charts.entity_name(kind, row))}'
                    f" · {row['mentions']}</span>"
                    for row in entities[kind]
                ),
                unsafe_allow_html=True,
            )
    st.caption("Counts are mentions across the review's passages.")

# -- recommendations ----------------------------------------------------------------------------

with recs_tab:
    if not recommendations:
        st.info(
            "No recommendations were found. They are read from paragraphs under a heading that "
            "mentions “recommendation”; a review that puts them elsewhere shows none here.",
            icon=":material/info:",
        )
    for item in shared.paginate(recommendations, "recommendations", noun="recommendations"):
        st.markdown(charts.recommendation_html(item, title, page_labels), unsafe_allow_html=True)

# -- connections: the graph, similar reviews, citations -----------------------------------------

with connections_tab:
    similar: list[Any] = []
    with st.spinner("Finding similar reviews…"):
        try:
            similar = shared.similar(review_id=review_id, k=5)
        except KeyError:
            st.caption("This review has no embedded passages, so similar reviews are not shown.")
    nodes, edges = charts.neighbourhood_graph(found, similar)
    graph_key = f"graph_{review_id}"
    st.altair_chart(
        charts.graph_chart(nodes, edges),
        on_select=functools.partial(on_graph, graph_key),
        selection_mode="node",
        key=graph_key,
        width="stretch",
    )
    st.caption(
        "Themes on the left, agencies and roles on the right, related reviews above. Hover a "
        "node for details, scroll to zoom, drag to pan; **click a review** to open it."
    )
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Similar reviews", anchor=False)
        if not similar:
            st.caption("None found.")
        for case in similar:
            with st.container(border=True):
                st.markdown(
                    f"**{charts.short(case.title or case.review_id, 90)}**  \n"
                    f":gray[similarity {case.score:.0%}"  # as on the Similar cases page
                    + (" · same age band" if case.same_age_band else "")
                    + (" · same outcome" if case.same_outcome else "")
                    + "]"
                )
                if case.shared_themes:
                    shared.chips(case.shared_themes[:6])
                st.button(
                    "Open review",
                    key=f"similar_{case.review_id}",
                    icon=":material/article:",
                    on_click=open_review,
                    args=(case.review_id,),
                )
    with right:
        st.subheader("Cites and cited by", anchor=False)
        if not found["cites"] and not found["cited_by"]:
            st.caption("This review names no other stored review, and none names it.")
        for heading, related in (("Cites", found["cites"]), ("Cited by", found["cited_by"])):
            for row in related:
                with st.container(border=True):
                    st.markdown(f":gray[{heading}]  \n**{row['title'] or row['id']}**")
                    if row.get("evidence"):
                        st.caption(f"“{charts.short(row['evidence'], 220)}”")
                    if row["id"] in titles:
                        st.button(
                            "Open review",
                            key=f"{heading}_{row['id']}",
                            icon=":material/article:",
                            on_click=open_review,
                            args=(row["id"],),
                        )

# -- the full text, passage by passage ----------------------------------------------------------

with text_tab:
    needle = st.text_input(
        "Find in this review", key="review_find", placeholder="a word or phrase"
    ).strip()
    shown = [
        passage
        for passage in document["passages"]
        if not needle or needle.lower() in (passage["text"] or "").lower()
    ]
    if needle:
        st.caption(f"{len(shown)} of {len(document['passages'])} passages contain “{needle}”.")
    for passage in shared.paginate(shown, f"text_{review_id}", noun="passages"):
        quote = {
            **passage,
            "title": title,
            "partnership": partnership,
            "year": year,
            "file_name": file_name,
            "page_labels": page_labels,
        }
        st.markdown(
            shared.quote_html(
                passage["text"],
                shared.citation(quote),
                [theme["theme"] for theme in passage.get("themes") or []],
                passage.get("section"),
                charts.find_spans(passage["text"], needle),
            ),
            unsafe_allow_html=True,
        )
        briefing_button(passage, "text")
        coding_ui.coding_panel(passage["id"], key=passage["id"])
