"""casegraph: the landing page. What is in the store, and where to go next."""

from __future__ import annotations

import html
from collections import Counter

import streamlit as st

from search_app.app import shared

shared.page(
    "casegraph",
    ":material/hub:",
    "Search, compare and quote child safeguarding case reviews. Everything stays on this machine.",
)
shared.briefing_picker()

rows = shared.reviews()
if not rows:
    shared.empty_store_message()
    st.stop()

with st.form("home_search", border=False):
    box, go = st.columns([5, 1], vertical_alignment="bottom")
    asked = box.text_input(
        "Search the reviews",
        key="home_query",
        placeholder="e.g. father not seen by the health visitor",
    ).strip()
    searched = go.form_submit_button("Search", icon=":material/search:", type="primary")
if searched and asked:
    st.switch_page("pages/1_Search.py", query_params={"q": asked})

passages = sum(row.get("passages") or 0 for row in rows)
pages = sum(row.get("page_count") or 0 for row in rows)
years = sorted(row["publication_year"] for row in rows if row.get("publication_year"))
case_reviews = shared.case_reviews(rows)
themes = Counter(theme for row in case_reviews for theme in row.get("themes") or [])

st.subheader("In the store")
columns = st.columns(5)
columns[0].metric("Reviews", len(case_reviews))
columns[1].metric(
    "Other documents",
    len(rows) - len(case_reviews),
    help="Briefings, guidance and other documents: searchable, not counted as reviews.",
)
columns[2].metric("Pages", f"{pages:,}")
columns[3].metric("Passages", f"{passages:,}")
columns[4].metric("Published", f"{years[0]}–{years[-1]}" if years else "–")

st.subheader("Where to start")
links = [
    ("pages/1_Search.py", "Search", ":material/search:", "Find passages by meaning and keyword."),
    (
        "pages/2_Similar_cases.py",
        "Similar cases",
        ":material/compare_arrows:",
        "Past reviews like a review, or like a case you describe.",
    ),
    (
        "pages/3_Themes.py",
        "Themes",
        ":material/grid_view:",
        "Which themes recur, together and over the years.",
    ),
    (
        "pages/4_Review.py",
        "Review",
        ":material/article:",
        "One review, its findings and its pages.",
    ),
    (
        "pages/5_Briefing_builder.py",
        "Briefing builder",
        ":material/edit_note:",
        "Your saved quotes, as a 7-minute briefing to download.",
    ),
    (
        "pages/7_Theme_browser.py",
        "Theme browser",
        ":material/category:",
        "Every passage on a theme, or where two themes meet, without a query.",
    ),
    (
        "pages/6_Library.py",
        "Library",
        ":material/library_books:",
        "The reviews in the store; upload and ingest more.",
    ),
]
grid = st.columns(3)
for number, (target, label, icon, blurb) in enumerate(links):
    with grid[number % 3].container(border=True, height=112):
        shared.link(target, label, icon)
        st.caption(blurb)

left, right = st.columns([3, 2])
with left:
    st.subheader("Most recent reviews")
    newest = sorted(
        case_reviews or rows, key=lambda row: row.get("publication_year") or 0, reverse=True
    )
    recent = newest[:6]
    for row in recent:
        shared.review_link(row["review_id"], row.get("title") or row["file_name"])
        st.caption(
            f"{shared.review_type_label(row.get('review_type'))} · "
            f"{row.get('partnership') or 'partnership not stated'} · "
            f"{row.get('publication_year') or 'year not stated'}"
        )
with right:
    st.subheader("Themes found most often")
    st.caption("Number of case reviews in which each theme was found.")
    st.markdown(
        "".join(
            f'<span class="cg-chip">{html.escape(shared.theme_label(theme))} · {count}</span>'
            for theme, count in themes.most_common(12)
        ),
        unsafe_allow_html=True,
    )
