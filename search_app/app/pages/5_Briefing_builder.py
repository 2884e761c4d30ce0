"""Briefing builder: the saved quotes in the trainer's order, each placed in the section they
choose, trimmed to the sentences they keep, with a note; the sections in their own words;
and the 7-minute briefing to download. Everything the trainer does is saved in the store."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from typing import Any

import streamlit as st

from graph.store import StoreUnavailable
from search_app.app import errors, shared, url_state
from search_app.briefing import (
    HEADINGS,
    PROMPTS,
    RESOURCES,
    Draft,
    compose,
    excerpt,
    quotes_csv,
    sections_docx,
    sections_markdown,
    sentences,
    to_markdown,
    with_files,
    with_notes,
    with_themes,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PLACES = [heading for heading in HEADINGS if heading != RESOURCES]
ADDRESS = "briefing_address"  # session state: the briefing this page last put in the address

shared.page(
    "Briefing builder",
    ":material/edit_note:",
    "Your saved quotes, in the order you want them, as a 7-minute briefing to edit and download.",
)


def follow_address() -> None:
    """A new address (a bookmark, a reload) chooses the briefing; one this page wrote itself
    does not, or a choice made in the picker would be undone by the address it replaces."""
    address = st.query_params.to_dict()
    if address.get(url_state.BRIEFING) in (None, st.session_state.get(ADDRESS)):
        return
    names = shared.collection_names_oldest_first()
    found = url_state.briefing_from(address, names, shared.DEFAULT_BRIEFING)
    if url_state.BRIEFING in found.values:
        shared.choose_briefing(found.values[url_state.BRIEFING])
    if found.problems:
        st.warning(
            "Part of this link could not be used and was left out: "
            + "; ".join(found.problems)
            + ".",
            icon=":material/link_off:",
        )


def write_address(collection: str) -> None:
    """Put the briefing in the address, so a reload or a bookmark comes back to it."""
    params = url_state.briefing_params(collection, shared.DEFAULT_BRIEFING)
    st.query_params.from_dict(params)
    st.session_state[ADDRESS] = params.get(url_state.BRIEFING)


follow_address()
collection = shared.briefing_picker(label="Briefing")
write_address(collection)


def load_draft() -> Draft:
    try:
        return Draft.from_json(shared.store().draft(collection))
    except StoreUnavailable:
        return Draft()


def save(change: Callable[[Draft], None]) -> None:
    """Apply a change to the saved draft (read afresh, so two tabs do not undo each other)."""
    draft = load_draft()
    change(draft)
    try:
        with shared.writing() as writer:
            writer.save_draft(collection, draft.to_json())
    except Exception as error:  # shown plainly; the saved draft is unchanged
        st.session_state["briefing_error"] = errors.caught(error, writing=True)


def key(kind: str, name: str) -> str:
    return f"{kind}_{collection}_{name}"


def save_widget(kind: str, name: str, quote_text: str = "") -> None:
    """Save what a widget holds into the draft: the title, a section's words, or a quote's
    section, sentences (of `quote_text`) or note."""
    value = st.session_state[key(kind, name)]

    def change(draft: Draft) -> None:
        if kind == "title":
            draft.title = str(value).strip()
        elif kind == "text":
            draft.texts[name] = str(value)
        elif kind == "place":
            draft.placement[name] = str(value)
        elif kind == "keep":
            draft.keep(name, quote_text, [int(i) for i in value])
        elif kind == "note":
            draft.notes[name] = str(value).strip()

    save(change)


def move(quote_ids: list[str], index: int, step: int) -> None:
    order = list(quote_ids)
    order.insert(index + step, order.pop(index))
    try:
        with shared.writing() as writer:
            writer.reorder_quotes(collection, order)
    except Exception as error:  # shown plainly; the order is unchanged
        st.session_state["briefing_error"] = errors.caught(error, writing=True)


def remove(quote_id: str) -> None:
    try:
        with shared.writing() as writer:
            writer.remove_quote(collection, quote_id)
        st.session_state["briefing_note"] = "Quote removed."
    except Exception as error:
        st.session_state["briefing_error"] = errors.caught(error, writing=True)


def passages_of(quotes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The quoted passages as the store holds them now, for their themes in force (none when
    the store cannot be read: the quotes keep everything else)."""
    try:
        return shared.store().passages([str(quote.get("passage_id")) for quote in quotes])
    except StoreUnavailable:
        return {}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "briefing"


def sentence_label(found: list[str], index: int) -> str:
    return f"{index + 1}. {found[index][:70]}"


def start(widget_key: str, value: object) -> None:
    """A widget's first value in this session: what the store holds."""
    if widget_key not in st.session_state:
        st.session_state[widget_key] = value


if error := st.session_state.pop("briefing_error", None):
    st.error(f"The briefing could not be changed. {error}")
if note := st.session_state.pop("briefing_note", None):
    st.toast(note, icon=":material/delete:")

quotes = with_files(shared.quotes(collection), shared.reviews())
if not quotes:
    st.info(
        f"**“{collection}” has no quotes yet.** Use **Add to briefing** under a passage on the "
        "Search, Review, Themes or Similar cases pages; the quotes keep their citations and "
        "come here in the order you add them.",
        icon=":material/bookmark_add:",
    )
    shared.link("pages/1_Search.py", "Search the reviews", ":material/search:")
    st.stop()

draft = load_draft()
start(key("title", "_"), draft.title or collection)
title = st.text_input(
    "Briefing title", key=key("title", "_"), on_change=save_widget, args=("title", "_")
).strip()
reviews = {quote.get("review_id") for quote in quotes}
st.caption(
    f"{shared.plural(len(quotes), 'quote')} from {shared.plural(len(reviews), 'review')}, "
    f"in “{collection}”. Every change is saved as you make it."
)

quotes_tab, sections_tab, download_tab = st.tabs(["Quotes", "Briefing sections", "Download"])

with quotes_tab:
    st.caption(
        "The order here is the order in the briefing. Choose the section each quote goes in, "
        "the sentences to keep (the rest become “…”), and a note for the trainer's script."
    )
    ids = [quote["id"] for quote in quotes]
    for quote in shared.paginate(quotes, "quotes", noun="quotes"):
        index, qid = ids.index(quote["id"]), quote["id"]
        card, buttons = st.columns([12, 1])
        with card:
            whole = quote.get("text") or ""
            found, chosen = sentences(whole), draft.kept_sentences(qid, whole)
            shown = {**quote, "text": excerpt(whole, chosen)}
            shared.quote_card(shown)
            place, keep, note_column = st.columns([2, 3, 3])
            start(key("place", qid), draft.section_of(quote))
            place.selectbox(
                "Section",
                PLACES,
                key=key("place", qid),
                on_change=save_widget,
                args=("place", qid),
            )
            start(key("keep", qid), chosen)
            keep.multiselect(
                "Sentences to keep",
                list(range(len(found))),
                format_func=functools.partial(sentence_label, found),
                key=key("keep", qid),
                on_change=save_widget,
                args=("keep", qid, whole),
                placeholder="The whole quote",
                help="Choose the sentences to keep to shorten the quote; the gaps are marked "
                "“…”. None chosen keeps the whole quote.",
                disabled=len(found) < 2,
            )
            start(key("note", qid), draft.notes.get(qid, quote.get("note") or ""))
            note_column.text_input(
                "Note",
                key=key("note", qid),
                on_change=save_widget,
                args=("note", qid),
                placeholder="Why this quote, what to ask the group…",
            )
        with buttons:
            st.button(
                "",
                key=f"up_{qid}",
                icon=":material/arrow_upward:",
                help="Move up",
                disabled=index == 0,
                on_click=move,
                args=(ids, index, -1),
            )
            st.button(
                "",
                key=f"down_{qid}",
                icon=":material/arrow_downward:",
                help="Move down",
                disabled=index == len(ids) - 1,
                on_click=move,
                args=(ids, index, 1),
            )
            st.button(
                "",
                key=f"remove_{qid}",
                icon=":material/delete:",
                help="Remove from the briefing",
                on_click=remove,
                args=(qid,),
            )
        st.divider()

sections = compose(quotes, draft)

with sections_tab:
    st.caption(
        "Write each section in your own words (a blank line between paragraphs, “- ” at the "
        "start of a line for a bullet); the quotes you placed in it follow. An empty section is "
        "left out of the download."
    )
    for section in sections:
        heading = section.heading
        if heading == RESOURCES:
            st.markdown(f"**{heading}**")
            st.caption("Filled in for you: the reviews quoted, with partnership and year.")
        else:
            start(key("text", heading), draft.text_of(heading))
            st.text_area(
                heading,
                key=key("text", heading),
                on_change=save_widget,
                args=("text", heading),
                help=PROMPTS[heading],
                height=120,
                placeholder=PROMPTS[heading],
            )
        placed = [block for block in section.blocks if block.is_quote]
        for block in placed:  # a block quote with its citation, the trainer's note apart
            st.markdown(f"> “{block.text}”  \n> — *{block.cite}*".replace("$", "\\$"))
            if block.note:
                st.caption(f"*Note:* {block.note}".replace("$", "\\$"))
        if not section.blocks:
            st.caption(
                ":orange[:material/edit: To write: this section is empty, so it is left out "
                "of the download.]"
            )

with download_tab:
    name = title or collection
    markdown = sections_markdown(name, sections)
    buffer = io.BytesIO()
    sections_docx(name, sections, buffer)
    st.markdown("**The 7-minute briefing** (A4), with your sections, quotes and notes")
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
        to_markdown(name, with_notes(quotes, draft)),
        file_name=f"{slug(name)}-quotes.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
        key="download_quotes_md",
    )
    right.download_button(
        "CSV",
        quotes_csv(name, with_themes(with_notes(quotes, draft), passages_of(quotes))),
        file_name=f"{slug(name)}-quotes.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="download_quotes_csv",
    )
    with st.expander("Preview", expanded=True):
        st.markdown(markdown.replace("$", "\\$"))
