"""Similar cases: past reviews most like a stored review, or like a case you describe."""

from __future__ import annotations

import streamlit as st

from search_app.app import charts, shared
from search_app.briefing import printed_pages
from search_app.similar import HARM_THEMES, NOTHING_READ

FROM_REVIEW, FROM_TEXT = "A review in the store", "A case I describe"
EXAMPLE = (
    "Baby of 8 weeks admitted with fractured ribs. Mother 19, a care leaver; father not "
    "registered with the GP and never seen by the health visitor. Police had attended "
    "domestic abuse incidents but did not tell health."
)

shared.page(
    "Similar cases",
    ":material/compare_arrows:",
    "Past reviews ranked by what they say and what they are about, with the reasons.",
)
briefing = shared.briefing_picker()
rows = shared.reviews()
if not rows:
    shared.empty_store_message()
    st.stop()

by_id = {row["review_id"]: row for row in rows}
in_briefing = {quote.get("passage_id") for quote in shared.quotes(briefing)}


def review_name(review_id: str) -> str:
    """The review's title, with its partnership and year unless the title says the year."""
    row = by_id.get(review_id, {})
    title = str(row.get("title") or row.get("file_name") or review_id)
    year = row.get("publication_year")
    parts = [row.get("partnership"), year if year and str(year) not in title else None]
    detail = ", ".join(str(part) for part in parts if part)
    return f"{title} ({detail})" if detail else title


wanted = st.query_params.get(shared.REVIEW_PARAM)
source = st.radio("Compare with", [FROM_REVIEW, FROM_TEXT], horizontal=True, key="similar_source")
review_id: str | None = None
description: str | None = None
if source == FROM_REVIEW:
    ids = sorted(by_id, key=lambda review_id: (review_name(review_id).casefold(), review_id))
    review_id = st.selectbox(
        "Review",
        ids,
        index=ids.index(wanted) if wanted in ids else None,
        format_func=review_name,
        placeholder="Choose a review…",
        key="similar_review",
    )
else:
    with st.form("describe"):
        typed = st.text_area(
            "Describe the case in a paragraph",
            key="similar_text",
            height=130,
            placeholder=EXAMPLE,
            help="Age, harm, family circumstances and which agencies were involved help most.",
        )
        st.form_submit_button("Find similar cases", type="primary", icon=":material/search:")
    description = typed.strip() or None

count = st.sidebar.slider("How many reviews", 3, 20, 8, key="similar_k")

if source == FROM_REVIEW and not review_id and wanted and wanted not in by_id:
    shared.no_such_review(wanted)
    st.stop()
if not review_id and not description:
    st.info(
        "Choose a review, or describe a case, to see the reviews most like it. Each match "
        "says why: the themes and agencies both share, and the closest pair of passages.",
        icon=":material/info:",
    )
    st.stop()

with st.spinner("Comparing cases…"):
    try:
        cases = shared.similar(review_id, description, count)
    except KeyError:
        st.error("That review is no longer in the store; choose another.")
        st.stop()

if message := st.session_state.pop("added", None):
    st.toast(message, icon=":material/bookmark_added:")

if not cases:
    st.warning("No other reviews to compare with yet: ingest more on the Library page.")
    st.stop()

subject = review_name(review_id) if review_id else "the case you described"
if description:  # how the description was read, so the user can reword it
    reading = shared.similar_cases().read(description)
    harms = sorted(reading.themes & HARM_THEMES)
    st.caption(
        f"Read as: harm {', '.join(map(shared.theme_label, harms)) or 'not stated'} · "
        f"child's age {reading.age_band or 'not stated'} · "
        f"outcome {shared.OUTCOME_LABELS.get(reading.outcome or '', 'not stated')} · themes "
        + (", ".join(shared.theme_label(t) for t in sorted(reading.themes - HARM_THEMES)) or "none")
        + " · agencies "
        + (", ".join(shared.agency_label(a) for a in sorted(reading.agencies)) or "none")
        + ". Reword the description if this is wrong."
    )
    if reading.empty:
        st.warning(NOTHING_READ, icon=":material/help:")
st.markdown(f"**{len(cases)} reviews most like {subject}**")

for rank, case in enumerate(cases, start=1):
    with st.container(border=True):
        head, score = st.columns([5, 1])
        head.markdown(f"#### {rank}. {review_name(case.review_id)}")
        score.metric(
            "Similarity",
            f"{case.score:.0%}",
            help=(
                f"Text {case.text_similarity:.2f} (what the reviews say), "
                f"profile {case.profile_similarity:.2f} (themes, agencies, age, outcome)."
            ),
        )
        if case.likely_copy:
            st.warning(
                "The same text: probably this review stored twice (a scan or another copy). "
                "If so, erase one on the Library page.",
                icon=":material/content_copy:",
            )
        reasons = []
        if case.same_age_band:
            reasons.append("same age band")
        if case.same_outcome:
            reasons.append("same outcome")
        st.caption(
            f"Text similarity {case.text_similarity:.2f} · profile similarity "
            f"{case.profile_similarity:.2f}" + (f" · {', '.join(reasons)}" if reasons else "")
        )
        if case.shared_features:
            st.caption(
                "Most telling in common: "
                + " · ".join(map(charts.feature_label, case.shared_features))
            )
        if case.shared_themes:
            st.markdown(
                "**Shared themes** " + shared.chips_html(case.shared_themes),
                unsafe_allow_html=True,
            )
        if case.shared_agencies:
            st.markdown(
                "**Agencies in both** " + shared.chips_html(case.shared_agencies, "agency"),
                unsafe_allow_html=True,
            )
        pair = case.passage_pair or {}
        theirs, ours = pair.get("theirs"), pair.get("ours")
        if theirs:
            theirs = shared.complete_quote(theirs)
            st.markdown(f"**Closest passages** (similarity {pair.get('similarity', 0):.2f})")
            left, right = st.columns(2)
            with left:
                st.caption("In this review")
                shared.quote_card(theirs)
            with right:
                if ours and ours.get("review_id"):
                    st.caption("In the review you chose")
                    shared.quote_card(shared.complete_quote(ours))
                elif ours:
                    st.caption("In your description")
                    st.text(ours.get("text") or "")  # as typed: never Markdown, links or maths
            actions = st.columns([1.3, 1.3, 1.1, 1.1, 3], vertical_alignment="center")
            with actions[0]:
                key = f"{case.review_id}_{theirs.get('id')}"
                shared.briefing_button(theirs, key, briefing, in_briefing, what="closest passage")
            with actions[1]:
                shared.review_link(case.review_id)
            shared.source_buttons(
                theirs.get("source_path"),
                theirs.get("page_start") or 1,
                f"{case.review_id}_{theirs.get('id')}",
                (actions[2], actions[3]),
                printed_pages(theirs)[0],
            )
        else:
            shared.review_link(case.review_id)
