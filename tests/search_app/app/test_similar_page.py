"""The Similar cases page: from a stored review and from a described case."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from graph.kuzu_store import KuzuStore
from search_app.coding import correct_field
from tests.search_app.app.conftest import RunPage, texts

PAGE = "pages/2_Similar_cases.py"


def review_id(data: Path, title: str) -> str:
    return next(r["review_id"] for r in KuzuStore(data).reviews() if r["title"] == title)


def test_asks_for_a_review_or_a_description(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    assert not at.exception
    assert "Choose a review, or describe a case" in at.info[0].value
    assert at.selectbox(key="similar_review").value is None


def test_reviews_like_a_stored_review_with_reasons(run_page: RunPage, app_data: Path) -> None:
    child_a = review_id(app_data, "Local Child Safeguarding Practice Review: Child A")
    at = run_page(PAGE, app_data)
    at.selectbox(key="similar_review").set_value(child_a).run()
    assert not at.exception
    shown = texts(at)
    assert "3 reviews most like Local Child Safeguarding Practice Review: Child A" in shown
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert len(headings) == 3 and not any("Child A" in h for h in headings)
    assert "Closest passages" in shown
    assert "Shared themes" in shown or "Agencies in both" in shown  # why they match
    cards = [m.value for m in at.markdown if 'class="cg-card"' in m.value]
    assert any("Local Child Safeguarding Practice Review: Child A, Northmoor" in c for c in cards)
    assert [metric.label for metric in at.metric] == ["Similarity"] * 3


def test_the_review_can_come_from_the_link(run_page: RunPage, app_data: Path) -> None:
    baby_m = review_id(app_data, "Serious Case Review: Baby M")
    at = run_page(PAGE, app_data, review=baby_m)
    assert not at.exception
    assert at.selectbox(key="similar_review").value == baby_m
    assert "reviews most like Serious Case Review: Baby M" in texts(at)


def test_what_two_cases_share_is_said_in_words(run_page: RunPage, app_data: Path) -> None:
    child_a = review_id(app_data, "Local Child Safeguarding Practice Review: Child A")
    at = run_page(PAGE, app_data, review=child_a)
    telling = [c.value for c in at.caption if c.value.startswith("Most telling in common")]
    assert telling
    for caption in telling:  # no internal ids: no 'group:value', no snake_case
        assert not re.search(r"\b(harm|age|outcome|risk|practice|agency):\S", caption)
        assert "_" not in caption
    assert any("a child under 1" in caption for caption in telling)


def test_a_link_to_an_unknown_review_says_so(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data, review="nosuchid")
    assert not at.exception
    assert "no review with the id “nosuchid”" in at.error[0].value
    assert not at.metric  # no similar cases of some other review in its place
    baby_m = review_id(app_data, "Serious Case Review: Baby M")
    at.selectbox(key="similar_review").set_value(baby_m).run()
    assert not at.error
    assert "reviews most like Serious Case Review: Baby M" in texts(at)


def test_reviews_like_a_described_case(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.radio(key="similar_source").set_value("A case I describe").run()
    at.text_area(key="similar_text").set_value(
        "A baby of three months died after co-sleeping with his father on a sofa; "
        "both parents used cannabis and the health visitor never met the father."
    )
    at.button[0].click().run()  # the form's "Find similar cases"
    assert not at.exception
    shown = texts(at)
    assert "reviews most like the case you described" in shown
    assert "In your description" in shown
    first = next(m.value for m in at.markdown if m.value.startswith("#### 1. "))
    assert "Child A" in first  # the co-sleeping death is the closest case
    assert "Sudden unexpected death in infancy and unsafe sleep" in shown  # a shared theme


def test_add_the_closest_passage_to_the_briefing(run_page: RunPage, data_copy: Path) -> None:
    baby_m = review_id(data_copy, "Serious Case Review: Baby M")
    at = run_page(PAGE, data_copy)
    at.selectbox(key="similar_review").set_value(baby_m).run()
    next(b for b in at.button if b.label == "Add to briefing").click().run()
    assert not at.exception
    [quote] = KuzuStore(data_copy).quotes("My briefing")
    assert quote["partnership"] and quote["year"]  # a full citation, not just the title


def test_empty_store(run_page: RunPage, tmp_path: Path) -> None:
    at = run_page(PAGE, tmp_path / "empty")
    assert not at.exception
    assert "The store is empty" in at.info[0].value


def test_the_description_is_shown_as_the_text_typed(run_page: RunPage, app_data: Path) -> None:
    typed = (
        "A baby of three months died after co-sleeping with his father on a sofa, see "
        "[the notes](http://evil.example) and **cannabis** use, $x^2$ times."
    )
    at = run_page(PAGE, app_data)
    at.radio(key="similar_source").set_value("A case I describe").run()
    at.text_area(key="similar_text").set_value(typed)
    at.button[0].click().run()
    assert not at.exception
    assert "In your description" in texts(at)
    assert any("[the notes](http://evil.example)" in t.value for t in at.text)
    assert any("**cannabis**" in t.value and "$x^2$" in t.value for t in at.text)
    assert not any("evil.example" in m.value for m in at.markdown)  # no live link anywhere


def test_the_review_picker_sorts_by_letters_and_says_a_year_once(
    run_page: RunPage, data_copy: Path
) -> None:
    store = KuzuStore(data_copy)
    child_c = review_id(data_copy, "Rapid Review: Child C")
    baby_m = review_id(data_copy, "Serious Case Review: Baby M")
    with store.writer():
        correct_field(store, child_c, "title", "Rapid Review: Child C 2022", "Analyst A")
        correct_field(store, baby_m, "title", "a review of Baby M", "Analyst A")
    st.cache_data.clear()
    at = run_page(PAGE, data_copy)
    options = at.selectbox(key="similar_review").options
    assert options == sorted(options, key=str.casefold)
    assert options[0].startswith("a review of Baby M (")  # not after every capital letter
    assert "Rapid Review: Child C 2022 (Kelsham Safeguarding Children Partnership)" in options
