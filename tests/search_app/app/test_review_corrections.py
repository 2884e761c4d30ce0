"""Correcting a review's details on the Review page: a reviewer picks a field, gives the value
(a choice when the values are closed), a note and their name, and saves; the details table
then shows the value in force, marked as corrected by hand with what the parser had read, and
the history lists the correction. Bad input, or a store another process is writing, is said
in the page."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.kuzu_store import KuzuStore
from search_app.coding import correct_field
from tests.search_app.app.conftest import RunPage
from tests.search_app.app.test_review_page import BABY_M, ELMBRIDGE_VALE, PAGE, review_id

WHEN = r"20\d\d-\d\d-\d\d \d\d:\d\d UTC"


def details(at: AppTest) -> str:
    return next(m.value for m in at.markdown if 'class="cg-details"' in m.value)


def correct(at: AppTest, field: str, value: str, who: str = "Analyst A", note: str = "") -> None:
    """Fill in the form and save, as a reviewer does."""
    at.selectbox(key="fix_field").set_value(field).run()
    value_key = f"fix_value_{field}"
    if any(box.key == value_key for box in at.selectbox):
        at.selectbox(key=value_key).set_value(value)
    else:
        at.text_input(key=value_key).input(value)
    at.text_input(key="fix_note").input(note)
    at.text_input(key="fix_who").input(who)
    at.button(key="fix_save").click().run()


def test_a_corrected_outcome_shows_in_the_details_and_the_history(
    run_page: RunPage, data_copy: Path
) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    assert ">Child died<" in details(at)  # the parser's value, before
    correct(at, "outcome", "serious_harm", note="the baby lived")
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Outcome corrected; saved by Analyst A."]

    # The details table shows the value in force, who corrected it and what the parser read.
    row = re.search(r'Outcome</td><td class="cg-value">(.*?)</td>', details(at))
    assert row, details(at)
    assert re.fullmatch(
        rf'Serious harm<span class="cg-corrected">Corrected by hand by Analyst A, {WHEN}; '
        r"the parser read “Child died” \(p\. \d+\)</span>",
        row.group(1),
    ), row.group(1)
    chips = next(m.value for m in at.markdown if 'class="cg-chip' in m.value)
    assert "Serious harm" in chips and "Child died" not in chips
    [panel] = [e for e in at.expander if e.label.startswith("Corrected by hand")]
    assert re.fullmatch(
        rf"Outcome: Serious harm \(machine: Child died\) · by Analyst A, {WHEN} · in force"
        r" · “the baby lived”",
        panel.markdown[0].value,
    )
    [saved] = KuzuStore(data_copy).field_corrections(baby_m)
    assert (saved["field"], saved["who"], saved["note"]) == (
        "outcome",
        "Analyst A",
        "the baby lived",
    )


def test_bad_input_is_said_in_the_page_and_nothing_is_saved(
    run_page: RunPage, data_copy: Path
) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    correct(at, "child_age_months", "seven weeks")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Not saved: Child's age in months needs a whole number, not 'seven weeks'."
    ]
    correct(at, "author", "Dr J. Example", who="  ")
    assert not at.exception
    assert [e.value for e in at.error] == ["Not saved: say who makes the correction."]
    correct(at, "title", " ")
    assert [e.value for e in at.error] == ["Not saved: Title needs a value."]
    assert KuzuStore(data_copy).field_corrections(baby_m) == []
    assert "Dr J. Example" not in details(at)


def test_a_number_and_a_review_type_show_as_corrected(run_page: RunPage, data_copy: Path) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    types = at.selectbox(key="fix_field").set_value("review_type").run()
    assert "Rapid review" in types.selectbox(key="fix_value_review_type").options
    correct(at, "review_type", "rapid_review")
    correct(at, "publication_year", "2013")
    correct(at, "child_age_months", "3")
    assert not at.exception and not at.error
    table = details(at)
    assert re.search(r'Type of review</td><td class="cg-value">Rapid review<span', table)
    # The year replaces the parser's date of publication, which cannot contradict it.
    assert re.search(r'Published</td><td class="cg-value">2013<span class="cg-corrected">', table)
    assert re.search(r"Child&#x27;s age in months</td><td class=\"cg-value\">3<span", table)
    assert "Year published" not in table  # said once, as the date
    chips = next(m.value for m in at.markdown if 'class="cg-chip' in m.value)
    assert ">2013<" in chips and "Serious case review" not in chips
    assert "Rapid review" in chips
    document = KuzuStore(data_copy).document(baby_m) or {}
    assert (document["review_type"], document["publication_year"]) == ("rapid_review", 2013)
    assert document["child_age_months"] == 3 and document["age_band"] == "under 1"


def test_a_locked_store_is_said_plainly(run_page: RunPage, data_copy: Path) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    with KuzuStore(data_copy).writer():  # another process is writing
        correct(at, "outcome", "other")
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("Another casegraph process is writing to this store")
    assert KuzuStore(data_copy).field_corrections(baby_m) == []


def test_the_name_given_once_fills_every_name_input_and_two_panels_open_at_once(
    run_page: RunPage, data_copy: Path
) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    correct(at, "outcome", "other", who="Analyst B")
    passages = [b.key.removeprefix("add_text_") for b in at.button if b.key.startswith("add_text_")]
    for passage in passages[:2]:  # two "Why these themes?" panels open together
        at.toggle(key=f"code_{passage}").set_value(True).run()
    assert not at.exception and not at.error
    assert [at.text_input(key=f"coder_name_{p}").value for p in passages[:2]] == ["Analyst B"] * 2
    assert "Corrected by hand (1)" in [e.label for e in at.expander]


def test_a_correction_made_elsewhere_shows_in_the_details(
    run_page: RunPage, data_copy: Path
) -> None:
    store = KuzuStore(data_copy)
    baby_m = review_id(data_copy, BABY_M)
    with store.writer():  # as `casegraph review correct` does
        correct_field(store, baby_m, "child_age", "9 weeks", "Analyst C")
    st.cache_data.clear()
    at = run_page(PAGE, data_copy, review=baby_m)
    assert not at.exception
    row = re.search(r'Child&#x27;s age</td><td class="cg-value">(.*?)</td>', details(at))
    assert row and row.group(1).startswith('9 weeks<span class="cg-corrected">Corrected by hand')
    assert "the parser read “7 weeks”" in row.group(1)
    # The age in months, and so the age band the filters read, follow the corrected age.
    document = store.document(baby_m) or {}
    assert (document["child_age_months"], document["age_band"]) == (2, "under 1")


def test_corrected_months_set_the_age_shown_and_its_band(
    run_page: RunPage, data_copy: Path
) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    correct(at, "child_age_months", "50")
    assert not at.exception and not at.error
    row = re.search(r'Child&#x27;s age</td><td class="cg-value">(.*?)</td>', details(at))
    assert row and row.group(1).startswith('4 years 2 months<span class="cg-corrected">')
    document = KuzuStore(data_copy).document(baby_m) or {}
    assert (document["child_age"], document["age_band"]) == ("4 years 2 months", "1-5")


def test_a_value_the_review_does_not_state_is_cleared(run_page: RunPage, data_copy: Path) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    outcomes = at.selectbox(key="fix_field").set_value("outcome").run()
    assert "not stated" in outcomes.selectbox(key="fix_value_outcome").options
    correct(at, "outcome", "not stated")
    assert not at.exception and not at.error
    row = re.search(r'Outcome</td><td class="cg-value">(.*?)</td>', details(at))
    assert row and row.group(1).startswith('not stated<span class="cg-corrected">Corrected by hand')
    document = KuzuStore(data_copy).document(baby_m) or {}
    assert document["outcome"] is None


def test_the_form_starts_afresh_on_another_review(run_page: RunPage, data_copy: Path) -> None:
    baby_m = review_id(data_copy, BABY_M)
    other = next(r["review_id"] for r in KuzuStore(data_copy).reviews() if r["review_id"] != baby_m)
    at = run_page(PAGE, data_copy, review=baby_m)
    at.selectbox(key="fix_field").set_value("outcome").run()
    at.selectbox(key="fix_value_outcome").set_value("other")
    at.text_input(key="fix_note").input("read on p. 3")
    at.text_input(key="fix_who").input("Analyst A").run()
    at.selectbox(key="review_choice").set_value(other).run()  # not saved: a half-filled form
    assert not at.exception
    assert at.selectbox(key="fix_field").value is None and at.text_input(key="fix_note").value == ""
    assert at.text_input(key="fix_who").value == "Analyst A"  # who corrects stays


def test_the_note_and_value_of_a_saved_correction_do_not_carry_over(
    run_page: RunPage, data_copy: Path
) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    correct(at, "outcome", "other", note="p. 4 says the baby lived")
    assert at.text_input(key="fix_note").value == ""
    at.selectbox(key="fix_field").set_value("author").run()
    at.text_input(key="fix_value_author").input("A. Reviewer")
    at.button(key="fix_save").click().run()
    assert not at.exception and not at.error
    history = KuzuStore(data_copy).field_correction_history(baby_m)
    assert {h["field"]: h["note"] for h in history} == {
        "author": None,
        "outcome": "p. 4 says the baby lived",
    }


def test_a_corrected_partnership_shows_in_the_details_chips_and_graph(
    run_page: RunPage, data_copy: Path
) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    correct(at, "partnership", "Ashcombe Children's Partnership", note="named on the cover")
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Partnership corrected; saved by Analyst A."]
    row = re.search(r'Partnership</td><td class="cg-value">(.*?)</td>', details(at))
    assert row, details(at)
    assert row.group(1).startswith(
        'Ashcombe Children&#x27;s Partnership<span class="cg-corrected">Corrected by hand by '
        "Analyst A"
    ), row.group(1)
    assert f"the parser read “{ELMBRIDGE_VALE}”" in row.group(1)
    chips = next(m.value for m in at.markdown if 'class="cg-chip' in m.value)
    assert "Ashcombe Children&#x27;s Partnership" in chips and ELMBRIDGE_VALE not in chips
    store = KuzuStore(data_copy)
    assert (store.document(baby_m) or {})["partnership"] == "Ashcombe Children's Partnership"
    by = store.query(
        "MATCH (:Review {id: $id})-[:BY]->(x:Partnership) RETURN x.name AS name", {"id": baby_m}
    )
    assert by == [{"name": "Ashcombe Children's Partnership"}]


def test_the_childrens_names_are_corrected_as_one_list_and_can_be_cleared(
    run_page: RunPage, data_copy: Path
) -> None:
    baby_m = review_id(data_copy, BABY_M)
    at = run_page(PAGE, data_copy, review=baby_m)
    at.selectbox(key="fix_field").set_value("child_pseudonyms").run()
    box = at.text_input(key="fix_value_child_pseudonyms")
    assert "Child D, Child E" in (box.placeholder or "")  # how to give more than one
    correct(at, "child_pseudonyms", "Baby M, Baby N")
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Children's pseudonyms corrected; saved by Analyst A."]
    row = re.search(r'Children&#x27;s pseudonyms</td><td class="cg-value">(.*?)</td>', details(at))
    assert row and row.group(1).startswith(
        'Baby M, Baby N<span class="cg-corrected">Corrected by hand'
    ), details(at)
    assert "the parser read “Baby M”" in row.group(1)
    chips = next(m.value for m in at.markdown if 'class="cg-chip' in m.value)
    assert ">Baby M, Baby N<" in chips
    [panel] = [e for e in at.expander if e.label.startswith("Corrected by hand")]
    assert panel.markdown[0].value.startswith(
        "Children's pseudonyms: Baby M, Baby N (machine: Baby M) · by Analyst A"
    )
    store = KuzuStore(data_copy)
    assert (store.document(baby_m) or {})["child_pseudonyms"] == ["Baby M", "Baby N"]

    correct(at, "child_pseudonyms", "not stated")
    assert not at.exception and not at.error
    row = re.search(r'Children&#x27;s pseudonyms</td><td class="cg-value">(.*?)</td>', details(at))
    assert row and row.group(1).startswith('not stated<span class="cg-corrected">')
    assert (store.document(baby_m) or {})["child_pseudonyms"] == []
    correct(at, "child_pseudonyms", " ; ")
    assert [e.value for e in at.error] == [
        "Not saved: Children's pseudonyms: at least one name is needed (names separated by commas)."
    ]
