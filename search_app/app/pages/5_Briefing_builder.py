"""Briefing builder: the saved quotes in order, a 7-minute briefing to edit, and downloads."""

from __future__ import annotations

import io
import re

import streamlit as st

from search_app.app import shared
from search_app.briefing import (
    Section,
    briefing_sections,
    sections_docx,
    sections_markdown,
    to_csv,
    to_markdown,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

shared.page(
    "Briefing builder",
    ":material/edit_note:",
    "Your saved quotes, in the order you want them, as a 7-minute briefing to edit and download.",
)
collection = shared.briefing_picker(label="Briefing")


def move(quote_ids: list[str], index: int, step: int) -> None:
    order = list(quote_ids)
    order.insert(index + step, order.pop(index))
    try:
        with shared.writing() as writer:
            writer.reorder_quotes(collection, order)
    except Exception as error:  # shown plainly; the order is unchanged
        st.session_state["briefing_error"] = str(error)


def remove(quote_id: str) -> None:
    try:
        with shared.writing() as writer:
            writer.remove_quote(collection, quote_id)
        st.session_state["briefing_note"] = "Quote removed."
    except Exception as error:
        st.session_state["briefing_error"] = str(error)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "briefing"


if error := st.session_state.pop("briefing_error", None):
    st.error(f"The briefing could not be changed: {error}")
if note := st.session_state.pop("briefing_note", None):
    st.toast(note, icon=":material/delete:")

quotes = shared.quotes(collection)
if not quotes:
    st.info(
        f"**“{collection}” has no quotes yet.** Use **Add to briefing** under a passage on the "
        "Search or Similar cases pages; the quotes keep their citations and come here in "
        "the order you add them.",
        icon=":material/bookmark_add:",
    )
    shared.link("pages/1_Search.py", "Search the reviews", ":material/search:")
    st.stop()

title = st.text_input("Briefing title", value=collection, key=f"title_{collection}").strip()
reviews = {quote.get("review_id") for quote in quotes}
st.caption(
    f"{shared.plural(len(quotes), 'quote')} from {shared.plural(len(reviews), 'review')}, "
    f"in “{collection}”."
)

quotes_tab, sections_tab, download_tab = st.tabs(["Quotes", "Briefing sections", "Download"])

with quotes_tab:
    ids = [quote["id"] for quote in quotes]
    for quote in shared.paginate(quotes, "quotes", noun="quotes"):
        index = ids.index(quote["id"])
        card, buttons = st.columns([12, 1])
        with card:
            shared.quote_card(quote)
            if quote.get("note"):
                st.caption(f"Note: {quote['note']}")
        with buttons:
            st.button(
                "",
                key=f"up_{quote['id']}",
                icon=":material/arrow_upward:",
                help="Move up",
                disabled=index == 0,
                on_click=move,
                args=(ids, index, -1),
            )
            st.button(
                "",
                key=f"down_{quote['id']}",
                icon=":material/arrow_downward:",
                help="Move down",
                disabled=index == len(ids) - 1,
                on_click=move,
                args=(ids, index, 1),
            )
            st.button(
                "",
                key=f"remove_{quote['id']}",
                icon=":material/delete:",
                help="Remove from the briefing",
                on_click=remove,
                args=(quote["id"],),
            )

with sections_tab:
    st.caption(
        "The sections start from your quotes (placed by the part of the review they come "
        "from). Edit freely: one paragraph per bullet, a blank line between paragraphs."
    )
    drafted = briefing_sections(quotes)
    version = "|".join(ids)  # a new draft whenever the quotes or their order change
    sections: list[Section] = []
    for number, (heading, prompt, paragraphs) in enumerate(drafted):
        text = st.text_area(
            heading,
            value="\n\n".join(paragraphs),
            key=f"section_{collection}_{number}_{hash(version)}",
            help=prompt,
            height=160 if paragraphs else 90,
            placeholder="(to write)",
        )
        edited = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
        sections.append((heading, prompt, edited))

with download_tab:
    name = title or collection
    markdown = sections_markdown(name, sections)
    buffer = io.BytesIO()
    sections_docx(name, sections, buffer)
    st.markdown("**The 7-minute briefing**, with your edits")
    left, right, _ = st.columns([1, 1, 2])
    left.download_button(
        "Markdown",
        markdown,
        file_name=f"{slug(name)}.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
        key="download_md",
    )
    right.download_button(
        "Word (DOCX)",
        buffer.getvalue(),
        file_name=f"{slug(name)}.docx",
        mime=DOCX,
        icon=":material/download:",
        on_click="ignore",
        key="download_docx",
    )
    st.markdown("**The quotes only**, with their citations")
    left, right, _ = st.columns([1, 1, 2])
    left.download_button(
        "Markdown",
        to_markdown(name, quotes),
        file_name=f"{slug(name)}-quotes.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
        key="download_quotes_md",
    )
    right.download_button(
        "CSV",
        to_csv(quotes),
        file_name=f"{slug(name)}-quotes.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="download_quotes_csv",
    )
    with st.expander("Preview", expanded=True):
        st.markdown(markdown.replace("$", "\\$"))
