"""The coding-review block under a passage: why it carries each theme (score and evidence),
and buttons to confirm, reject or add a theme (search_app/coding.py does the work); and for a
review, a form to correct a metadata field and its corrections, newest first."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import streamlit as st

from casegraph.components import build_theme_tagger
from graph.analytics import OUTCOMES, REVIEW_TYPES
from graph.corrections import CHOICES, CORRECTABLE_FIELDS, NOT_STATED
from graph.store import IndexBehind, StoreLocked, StoreUnavailable
from ingest.enrich import ThemeTagger
from search_app.app import errors, shared
from search_app.coding import code_theme, correct_field, explain, withdraw_theme

CODER = "coder"  # who is correcting: remembered for the session by every "Your name" input
FIELD_RESULT = "field_correction_result"  # what the last field correction came to
THEME_RESULT = "theme_correction_result_"  # + the panel's key: why a correction was refused
THEME_DONE = "theme_correction_done_"  # + the panel's key: what a withdrawal did
_PASSAGE_ID = re.compile(r"\bpassage [0-9a-f]{12,}\b")
_STAMP = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d):\d\d(?:\.\d+)?\+00:00")


def as_worded(message: str) -> str:
    """A refusal as the panel words things: theme labels for ids, 'confirm' for 'accept',
    'this passage' for its id, minutes for timestamps."""
    for theme in sorted(shared.theme_labels(), key=len, reverse=True):
        message = re.sub(rf"\b{re.escape(theme)}\b", shared.theme_label(theme), message)
    message = message.replace("nothing to accept", "nothing to confirm")
    message = message.replace("accept it instead", "confirm it instead")
    message = _STAMP.sub(r"\1 \2 UTC", _PASSAGE_ID.sub("this passage", message))
    return message


# a correction as the panel's buttons name it
PAST = {"accept": "confirmation", "reject": "rejection", "add": "addition"}

# Closed choices in the order people know them (CHOICES holds them as sets)
CHOICE_ORDER = [*REVIEW_TYPES, *OUTCOMES, "female", "male"]


@st.cache_resource(show_spinner="Loading the theme model…")
def _tagger(path: str, kind: str) -> ThemeTagger:
    return build_theme_tagger(shared.embedder())


def who_input(key: str) -> str:
    """A "Your name" input for whoever corrects; every one of them starts from the name last
    given on the page."""
    if key not in st.session_state and st.session_state.get(CODER):
        st.session_state[key] = st.session_state[CODER]
    who = str(st.text_input("Your name", key=key)).strip()
    if who:
        st.session_state[CODER] = who
    return who


def _theme_write(
    work: Callable[[Any], Any], key: str, verb: str
) -> tuple[Any, IndexBehind | None] | None:
    """Run a theme correction or withdrawal in the writer (a button's callback): its result,
    with the IndexBehind that says the search index lags when it does; None when nothing was
    written, a refusal kept for the panel to say beside the passage in one line, so the page
    stays where the coder was."""
    try:
        with shared.writing() as writer:
            return work(writer), None
    except (StoreLocked, StoreUnavailable) as error:
        shared.store_error(error)
    except KeyError:
        st.warning("This passage is no longer in the store.")
    except ValueError as error:
        st.session_state[THEME_RESULT + key] = f"Not {verb}: {one_line(as_worded(str(error)))}"
    except IndexBehind as error:  # written; the search index catches up at the next write
        shared.refresh()
        return None, error
    except RuntimeError as error:  # the database refused the write
        message = f"Not {verb}: the store refused it ({one_line(str(error))})."
        st.session_state[THEME_RESULT + key] = message
    return None


def _save(passage_id: str, theme: str, action: str, who: str, key: str = "") -> None:
    """Save a theme correction (a button's callback)."""
    done = _theme_write(lambda w: code_theme(w, passage_id, theme, action, who), key, "saved")
    if done is None:
        return
    saved, behind = done
    if behind is not None:
        st.toast(f"{action}: {shared.theme_label(theme)}: {behind}")
        return
    shared.refresh()
    implied = [shared.theme_label(row["theme"]) for row in saved[:-1]]
    also = f" (and {', '.join(implied)}, which it implies)" if implied else ""
    st.toast(f"{action}: {shared.theme_label(theme)}{also}")


def _withdraw(passage_id: str, theme: str, who: str, key: str) -> None:
    """Take back the correction in force of a passage's theme (a button's callback); what came
    of it is kept for the panel to say in one line."""
    label = shared.theme_label(theme)
    done = _theme_write(lambda w: withdraw_theme(w, passage_id, theme, who), key, "withdrawn")
    if done is None:
        return
    carried, behind = done
    if behind is not None:
        st.session_state[THEME_DONE + key] = f"Withdrew the correction of {label}: {behind}."
        return
    shared.refresh()
    now = "carries it" if carried else "does not carry it"
    st.session_state[THEME_DONE + key] = (
        f"Withdrew the correction of {label} (by {who}): the machine's label applies again, "
        f"so this passage {now}. The history keeps the correction and its withdrawal."
    )


def one_line(message: str) -> str:
    """A message said in one line, however many its source had."""
    return " ".join(message.split())


def _save_field(review_id: str, name: str, label: str) -> None:
    """Save the field correction the form holds (a button's callback, before the page is drawn
    again); what came of it is kept for the form to say."""
    value = st.session_state.get(f"fix_value_{name}")
    who = str(st.session_state.get("fix_who") or "")
    note = str(st.session_state.get("fix_note") or "").strip() or None
    try:
        with shared.writing() as writer:
            correct_field(writer, review_id, name, "" if value is None else str(value), who, note)
    except (StoreLocked, StoreUnavailable, OSError) as error:
        st.session_state[FIELD_RESULT] = ("error", errors.plain_message(error))
        return
    except KeyError:
        st.session_state[FIELD_RESULT] = ("error", "This review is no longer in the store.")
        return
    except ValueError as error:
        reason = str(error)
        if reason.startswith(name):  # the field as the page calls it
            reason = label + reason[len(name) :]
        st.session_state[FIELD_RESULT] = ("error", f"Not saved: {reason}.")
        return
    except IndexBehind as error:  # saved; the search index catches up at the next write
        shared.refresh()
        st.session_state[FIELD_RESULT] = ("warning", f"{label} corrected and {error}.")
        return
    except RuntimeError as error:  # the database refused the write
        st.session_state[FIELD_RESULT] = ("error", f"Not saved: the store refused it ({error}).")
        return
    shared.refresh()
    st.session_state[FIELD_RESULT] = ("success", f"{label} corrected; saved by {who.strip()}.")
    st.session_state.pop(f"fix_value_{name}", None)  # the next correction starts empty
    st.session_state["fix_note"] = ""


FIX_REVIEW = "fix_review"  # the review the correction form was last filled in for
FIX_INPUTS = ("fix_field", "fix_value_", "fix_note")  # its inputs (who corrects is kept)


def field_correction_form(
    review_id: str, label: Callable[[str], str], value_text: Callable[[str, Any], str]
) -> None:
    """Correct one of a review's metadata fields by hand: the field, its value (a choice when
    the values are closed), a note and who corrects; the correction overrides the parser's
    value everywhere."""
    if st.session_state.get(FIX_REVIEW) != review_id:  # another review: start the form afresh
        for key in [k for k in st.session_state if str(k).startswith(FIX_INPUTS)]:
            del st.session_state[key]
        st.session_state[FIX_REVIEW] = review_id
    with st.expander("Correct a detail", icon=":material/edit:", key="fix_form"):
        name = st.selectbox(
            "Field", list(CORRECTABLE_FIELDS), index=None, format_func=label, key="fix_field"
        )
        if name in CHOICES:
            options = [*sorted(CHOICES[name], key=CHOICE_ORDER.index), NOT_STATED]
            st.selectbox(
                "Value",
                options,
                index=None,
                format_func=lambda value: value_text(name, value),
                key=f"fix_value_{name}",
            )
        elif name is not None:
            st.text_input(
                "Value",
                key=f"fix_value_{name}",
                placeholder=_placeholder(name),
                help="Every child's name, separated by commas; they replace the names read."
                if CORRECTABLE_FIELDS[name] is list
                else None,
            )
        st.text_input("Note (optional)", key="fix_note", placeholder="why, or where it says so")
        who_input("fix_who")
        st.button(
            "Save correction",
            key="fix_save",
            disabled=name is None,
            on_click=_save_field,
            args=(review_id, name, label(name) if name else ""),
        )
        if result := st.session_state.pop(FIELD_RESULT, None):
            kind, message = result
            {"success": st.success, "warning": st.warning}.get(kind, st.error)(message)


def _placeholder(name: str) -> str | None:
    """What the value of a typed field looks like."""
    kind = CORRECTABLE_FIELDS[name]
    if kind is int:
        return f"a whole number, or {NOT_STATED}"
    if kind is list:
        return f"e.g. Child D, Child E; or {NOT_STATED}"
    return f"or {NOT_STATED}" if name != "title" else None


def by_when(correction: dict[str, Any]) -> str:
    """Who made a correction and when, e.g. 'by Analyst A, 2026-12-01 23:50 UTC'."""
    when = str(correction.get("made_at") or "")[:16].replace("T", " ")
    return f"by {correction['who']}" + (f", {when} UTC" if when else "")


def made_by(correction: dict[str, Any]) -> str:
    """A theme correction, e.g. 'reject by Analyst A, 2026-12-01 23:50 UTC', and its note
    ('add by Analyst A, … · implied by cannabis')."""
    note = f" · {correction['note']}" if correction.get("note") else ""
    return f"{correction['action']} {by_when(correction)}{note}"


@st.cache_data(ttl=shared.CACHE_SECONDS, show_spinner=False, max_entries=100)
def _field_history(path: str, review_id: str) -> list[dict[str, Any]]:
    del path  # the cache key: one store per data directory
    return shared.store().field_correction_history(review_id)


def field_history(review_id: str) -> list[dict[str, Any]]:
    """Every metadata correction of a review, newest first (cached like the page's reads)."""
    return _field_history(str(shared.data_dir()), review_id)


def field_history_panel(
    review_id: str, label: Callable[[str], str], value_text: Callable[[str, Any], str]
) -> None:
    """The review's metadata corrections, newest first, in a closed expander (nothing when
    no field was corrected); `label` and `value_text` word a field and its values."""
    history = field_history(review_id)
    if not history:
        return
    with st.expander(f"Corrected by hand ({len(history)})", icon=":material/edit_note:"):
        st.caption("The value in force overrides the parser's everywhere in casegraph.")
        for row in history:
            name = row["field"]
            machine = f" (machine: {value_text(name, row['machine'])})" if "machine" in row else ""
            state = "in force" if row["in_force"] else "replaced"
            note = f" · “{row['note']}”" if row.get("note") else ""
            st.markdown(
                shared.as_text(
                    f"{label(name)}: {value_text(name, row['value'])}{machine} · "
                    f"{by_when(row)} · {state}{note}"
                )
            )


def coding_panel(passage_id: str, key: str) -> None:
    """A 'Why these themes?' toggle; when on, the reasons and the correction buttons."""
    if not st.toggle("Why these themes? Correct them", key=f"code_{key}"):
        return
    tagger = _tagger(str(shared.data_dir()), "default")
    try:
        found = explain(shared.store(), tagger, passage_id)
    except KeyError:
        st.warning("This passage is no longer in the store.")
        return
    who = who_input(f"coder_name_{key}")
    if refused := st.session_state.pop(THEME_RESULT + key, None):
        st.error(refused)
    if done := st.session_state.pop(THEME_DONE + key, None):
        st.success(shared.as_text(done))
    for reason in found.themes:
        left, right = st.columns([4, 2])
        state = "carried" if reason.carried else "not carried"
        left.markdown(
            f"**{shared.theme_label(reason.theme)}**: {state}; machine {reason.score:.2f}"
            + (f"; {made_by(reason.correction)}" if reason.correction else "")
        )
        if len(reason.history) > 1:
            left.caption("History: " + "; ".join(made_by(h) for h in reason.history))
        for sentence in reason.evidence[:2]:
            left.caption(f"“{sentence}”")
        buttons = (
            [("Confirm", "ok", "accept"), ("Reject", "no", "reject")]
            if reason.carried
            else [("Add", "add", "add")]
        )
        if reason.carried and reason.implied_by:  # it comes back with the narrower theme
            buttons = buttons[:1]
            right.caption(
                "Implied by "
                + ", ".join(shared.theme_label(t) for t in reason.implied_by)
                + ": reject that first to reject this."
            )
        for label, prefix, action in buttons:
            right.button(
                label,
                key=f"{prefix}_{key}_{reason.theme}",
                disabled=not who,
                on_click=_save,  # before the page is drawn again, so it shows the correction
                args=(passage_id, reason.theme, action, who, key),
            )
        if reason.correction:  # a person's correction in force: it can be taken back
            right.button(
                "Withdraw",
                key=f"undo_{key}_{reason.theme}",
                disabled=not who,
                on_click=_withdraw,
                args=(passage_id, reason.theme, who, key),
                help=f"Take back the {PAST.get(reason.correction['action'], 'correction')} "
                f"{by_when(reason.correction)}: the machine's label applies again. The history "
                "keeps both.",
            )
    labels = shared.theme_labels()
    missing = [t for t in labels if t not in {r.theme for r in found.themes}]
    theme = st.selectbox(
        "Add a missing theme",
        missing,
        index=None,
        format_func=shared.theme_label,
        key=f"pick_{key}",
    )
    if theme:
        st.button(
            "Add theme",
            key=f"addpick_{key}",
            disabled=not who,
            on_click=_save,
            args=(passage_id, theme, "add", who, key),
        )
