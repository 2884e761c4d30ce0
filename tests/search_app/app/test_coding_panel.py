"""The coding-review block on the Review page: a reviewer sees why a passage carries its
themes, rejects one and adds another, and the graph (co-occurrence included) follows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import streamlit as st

from graph.analytics import cooccurrence
from graph.kuzu_store import KuzuStore
from search_app.coding import correct_field
from tests.search_app.app.conftest import RunPage, texts
from tests.search_app.app.test_review_page import BABY_M, PAGE, review_id


def test_a_reviewer_rejects_and_adds_a_theme(run_page: RunPage, data_copy: Path) -> None:
    store = KuzuStore(data_copy)
    baby_m = review_id(data_copy, BABY_M)
    passage = next(p for p in store.document(baby_m)["passages"] if p["themes"])
    carried = {t["theme"] for t in passage["themes"]}
    rejected = sorted(carried)[0]
    at = run_page(PAGE, data_copy, review=baby_m)
    at.toggle(key=f"code_{passage['id']}").set_value(True).run()
    assert not at.exception
    # Buttons stay disabled until the reviewer says who they are.
    assert at.button(key=f"no_{passage['id']}_{rejected}").disabled
    at.text_input(key=f"coder_name_{passage['id']}").input("Analyst A").run()
    at.button(key=f"no_{passage['id']}_{rejected}").click().run()
    assert not at.exception
    added = "covid_19" if "covid_19" not in carried else "care_leavers"
    at.selectbox(key=f"pick_{passage['id']}").set_value(added).run()
    at.button(key=f"addpick_{passage['id']}").click().run()
    assert not at.exception

    again = next(p for p in store.document(baby_m)["passages"] if p["id"] == passage["id"])
    assert {t["theme"] for t in again["themes"]} == (carried - {rejected}) | {added}
    assert any(added in (pair["a"], pair["b"]) for pair in cooccurrence(store))
    [first, second] = store.theme_corrections()
    assert (first["action"], first["who"], second["action"]) == ("reject", "Analyst A", "add")


def test_the_panel_shows_who_corrected_when_and_the_history(
    run_page: RunPage, data_copy: Path
) -> None:
    store = KuzuStore(data_copy)
    baby_m = review_id(data_copy, BABY_M)
    passage = next(p for p in store.document(baby_m)["passages"] if p["themes"])
    theme = sorted(t["theme"] for t in passage["themes"])[0]
    at = run_page(PAGE, data_copy, review=baby_m)
    at.toggle(key=f"code_{passage['id']}").set_value(True).run()
    at.text_input(key=f"coder_name_{passage['id']}").input("Analyst A").run()
    at.button(key=f"no_{passage['id']}_{theme}").click().run()
    at.text_input(key=f"coder_name_{passage['id']}").input("Analyst B").run()
    at.button(key=f"add_{passage['id']}_{theme}").click().run()  # B puts it back
    assert not at.exception

    shown = texts(at)
    assert re.search(r"add by Analyst B, 20\d\d-\d\d-\d\d \d\d:\d\d UTC", shown), shown
    assert re.search(r"History: reject by Analyst A, [^;]+; add by Analyst B", shown), shown
    again = next(p for p in store.document(baby_m)["passages"] if p["id"] == passage["id"])
    assert theme in {t["theme"] for t in again["themes"]}  # the latest correction wins


def test_the_review_page_shows_who_corrected_its_fields_newest_first(
    run_page: RunPage, data_copy: Path
) -> None:
    store = KuzuStore(data_copy)
    baby_m = review_id(data_copy, BABY_M)
    untouched = run_page(PAGE, data_copy, review=baby_m)
    assert not any(e.label.startswith("Corrected by hand") for e in untouched.expander)
    with store.writer():
        correct_field(store, baby_m, "outcome", "serious_harm", "Analyst A", "the baby lived")
        correct_field(store, baby_m, "outcome", "other", "Analyst B")
    st.cache_data.clear()  # as after the app's own writes (the CLI's show within minutes)
    at = run_page(PAGE, data_copy, review=baby_m)
    assert not at.exception
    [panel] = [e for e in at.expander if e.label.startswith("Corrected by hand")]
    assert panel.label == "Corrected by hand (2)"
    lines = [m.value for m in panel.markdown]
    when = r"20\d\d-\d\d-\d\d \d\d:\d\d UTC"
    machine = r"\(machine: Child died\)"
    assert re.fullmatch(rf"Outcome: Other {machine} · by Analyst B, {when} · in force", lines[0])
    assert re.fullmatch(
        rf"Outcome: Serious harm {machine} · by Analyst A, {when} · replaced · “the baby lived”",
        lines[1],
    ), lines


def test_a_refusal_is_worded_as_the_panel_words_things() -> None:
    from search_app.app.coding_ui import as_worded

    worded = as_worded(
        "cannabis implies substance_misuse, which Analyst B rejected for passage "
        "88c1db028e6907285c73 at 2026-12-03T05:56:54.118418+00:00: add substance_misuse first"
    )
    labels = shared_labels()
    assert labels["cannabis"] in worded and labels["substance_misuse"] in worded
    assert "substance_misuse" not in worded and "88c1db" not in worded
    assert "for this passage at 2026-12-03 05:56 UTC" in worded
    assert "nothing to confirm" in as_worded("passage abcdef0123456789 ... nothing to accept")


def shared_labels() -> dict[str, str]:
    from ingest.themes import load_taxonomy

    return {theme.id: theme.label for theme in load_taxonomy().themes}


def test_a_reviewer_withdraws_a_rejection(run_page: RunPage, data_copy: Path) -> None:
    store = KuzuStore(data_copy)
    baby_m = review_id(data_copy, BABY_M)
    passage = next(p for p in passages_of(store, baby_m) if p["themes"])
    pid = passage["id"]
    theme = sorted(t["theme"] for t in passage["themes"])[0]
    label = shared_labels()[theme]
    at = run_page(PAGE, data_copy, review=baby_m)
    at.toggle(key=f"code_{pid}").set_value(True).run()
    assert not [b for b in at.button if b.key == f"undo_{pid}_{theme}"]  # nothing to take back
    at.text_input(key=f"coder_name_{pid}").input("Analyst A").run()
    at.button(key=f"no_{pid}_{theme}").click().run()
    at.button(key=f"undo_{pid}_{theme}").click().run()
    assert not at.exception

    assert any(
        s.value.startswith(f"Withdrew the correction of {label} (by Analyst A): the machine's")
        and "so this passage carries it" in s.value
        for s in at.success
    ), [s.value for s in at.success]
    again = next(p for p in passages_of(store, baby_m) if p["id"] == pid)
    assert theme in {t["theme"] for t in again["themes"]}  # the machine's label stands again
    assert not store.theme_corrections()
    assert [h["action"] for h in store.theme_correction_history(pid)] == ["reject", "withdraw"]
    assert not [b for b in at.button if b.key == f"undo_{pid}_{theme}"]


def test_a_withdrawal_the_store_refuses_is_said_in_one_line(
    run_page: RunPage, data_copy: Path
) -> None:
    store = KuzuStore(data_copy)
    baby_m = review_id(data_copy, BABY_M)
    passage = next(
        p
        for p in passages_of(store, baby_m)
        if not {"cannabis", "substance_misuse"} & {t["theme"] for t in p["themes"]}
    )
    pid = passage["id"]
    labels = shared_labels()
    at = run_page(PAGE, data_copy, review=baby_m)
    at.toggle(key=f"code_{pid}").set_value(True).run()
    at.text_input(key=f"coder_name_{pid}").input("Analyst A").run()
    at.selectbox(key=f"pick_{pid}").set_value("cannabis").run()
    at.button(key=f"addpick_{pid}").click().run()  # brings substance misuse, which it implies
    at.button(key=f"undo_{pid}_substance_misuse").click().run()
    assert not at.exception

    [refused] = [e.value for e in at.error]
    assert refused.startswith("Not withdrawn: this passage carries ")
    assert labels["cannabis"] in refused and labels["substance_misuse"] in refused
    assert "\n" not in refused and "substance_misuse" not in refused
    again = next(p for p in passages_of(store, baby_m) if p["id"] == pid)
    assert {"cannabis", "substance_misuse"} <= {t["theme"] for t in again["themes"]}


def passages_of(store: KuzuStore, review: str) -> list[dict[str, Any]]:
    document = store.document(review)
    assert document is not None
    return list(document["passages"])
