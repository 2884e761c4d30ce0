"""The Briefing builder: saved quotes in order, reorder/remove, edited sections, downloads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.kuzu_store import KuzuStore
from search_app.app import url_state
from tests.search_app.app.conftest import RunPage, texts

PAGE = "pages/5_Briefing_builder.py"


@pytest.fixture
def briefing(data_copy: Path) -> list[str]:
    """Three quotes in "My briefing"; returns their texts' first words in order."""
    store = KuzuStore(data_copy)
    passages = store.passages([pid for pid, _ in store.keyword_search("father", 3)])
    with store.writer():
        for pid, passage in passages.items():
            store.save_quote("My briefing", {**passage, "passage_id": pid})
    return [quote["text"][:40] for quote in store.quotes("My briefing")]


def order(data: Path) -> list[str]:
    return [quote["text"][:40] for quote in KuzuStore(data).quotes("My briefing")]


def test_an_empty_briefing_says_how_to_add_quotes(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    assert not at.exception
    assert "“My briefing” has no quotes yet" in at.info[0].value
    assert "Add to briefing" in at.info[0].value


def test_quotes_are_shown_with_citations(
    run_page: RunPage, data_copy: Path, briefing: list[str]
) -> None:
    at = run_page(PAGE, data_copy)
    assert not at.exception
    cards = [m.value for m in at.markdown if 'class="cg-card"' in m.value]
    assert len(cards) == 3
    assert all('class="cg-cite">— ' in card for card in cards)
    # Pages only for the PDF; the text reviews are cited by section and paragraph.
    with_pages = [card for card in cards if ", p. " in card]
    assert len(with_pages) == sum("Baby M" in card for card in cards)
    assert all("section “" in card for card in cards if card not in with_pages)
    assert briefing[0].split()[0] in cards[0]
    assert "3 quotes from" in texts(at)


def test_reorder_and_remove(run_page: RunPage, data_copy: Path, briefing: list[str]) -> None:
    at = run_page(PAGE, data_copy)
    quotes = KuzuStore(data_copy).quotes("My briefing")
    assert at.button(key=f"up_{quotes[0]['id']}").disabled
    at.button(key=f"down_{quotes[0]['id']}").click().run()
    assert not at.exception
    assert order(data_copy) == [briefing[1], briefing[0], briefing[2]]
    at.button(key=f"remove_{quotes[2]['id']}").click().run()
    assert not at.exception
    assert order(data_copy) == [briefing[1], briefing[0]]
    assert len([m for m in at.markdown if 'class="cg-card"' in m.value]) == 2


def test_sections_can_be_edited_and_downloaded(
    run_page: RunPage, data_copy: Path, briefing: list[str]
) -> None:
    at = run_page(PAGE, data_copy)
    sections = [area.label for area in at.text_area]
    assert sections[0] == "1. Background" and sections[-1] == "5. Reflective questions"
    questions = at.text_area[4]
    assert "Who are the adults in this child's life" in questions.value
    questions.set_value("What did the father's GP know?\n\nWho asked about him?").run()
    assert not at.exception
    preview = at.markdown[-1].value
    assert "# 7-minute briefing: My briefing" in preview
    assert "What did the father's GP know?\n\nWho asked about him?" in preview
    assert "- What did the father's GP" not in preview  # the trainer's paragraphs, not bullets
    assert "Who are the adults" not in preview
    assert "to write" not in preview.lower()
    labels = [button.label for button in at.download_button]
    assert labels == ["Markdown", "Word (DOCX)", "Markdown", "CSV"]


def test_the_title_is_used_in_the_briefing(
    run_page: RunPage, data_copy: Path, briefing: list[str]
) -> None:
    at = run_page(PAGE, data_copy)
    at.text_input(key="title_My briefing__").set_value("Fathers: what we missed").run()
    assert not at.exception
    assert "# 7-minute briefing: Fathers: what we missed" in at.markdown[-1].value


def test_the_trainers_work_is_saved_and_restored(
    run_page: RunPage, data_copy: Path, briefing: list[str]
) -> None:
    at = run_page(PAGE, data_copy)
    quotes = KuzuStore(data_copy).quotes("My briefing")
    first = quotes[0]["id"]
    at.text_area(key="text_My briefing_1. Background").set_value("Why we meet today.").run()
    at.selectbox(key=f"place_My briefing_{first}").set_value("2. What happened").run()
    at.text_input(key=f"note_My briefing_{first}").set_value("Read this one aloud.").run()
    assert not at.exception
    # A new session (a reload) reads everything back from the store.
    again = run_page(PAGE, data_copy)
    assert again.text_area(key="text_My briefing_1. Background").value == "Why we meet today."
    assert again.selectbox(key=f"place_My briefing_{first}").value == "2. What happened"
    preview = again.markdown[-1].value
    happened = preview.split("## 2. What happened")[1].split("##")[0]
    assert briefing[0].split()[0] in happened and "*Note:* Read this one aloud." in happened
    assert "\nWhy we meet today.\n" in preview.split("## 1. Background")[1]


def test_the_trainer_s_bullets_and_notes_stand_apart_from_the_quotes(
    run_page: RunPage, data_copy: Path, briefing: list[str]
) -> None:
    at = run_page(PAGE, data_copy)
    first = KuzuStore(data_copy).quotes("My briefing")[0]["id"]
    at.text_area(key="text_My briefing_1. Background").set_value("- ask who lives there").run()
    at.selectbox(key=f"place_My briefing_{first}").set_value("1. Background").run()
    at.text_input(key=f"note_My briefing_{first}").set_value("Read this one aloud.").run()
    assert not at.exception
    background = at.markdown[-1].value.split("## 1. Background\n\n")[1].split("\n## ")[0]
    bullets = [line for line in background.splitlines() if line.startswith("- ")]
    assert bullets == ["- ask who lives there"]  # the trainer's only: no quote among them
    quoted = [line for line in background.splitlines() if line.startswith("> ")]
    assert quoted[0].startswith("> “" + briefing[0].split()[0]) and quoted[1].startswith("> — *")
    assert "\n\n*Note:* Read this one aloud." in background  # apart from the quote
    assert "*Note:* Read this one aloud." in [c.value for c in at.caption]  # Sections tab


def test_empty_sections_are_marked_in_the_app_only(
    run_page: RunPage, data_copy: Path, briefing: list[str]
) -> None:
    at = run_page(PAGE, data_copy)
    marked = [c.value for c in at.caption if "To write" in c.value]
    headings = [line for line in at.markdown[-1].value.splitlines() if line.startswith("## ")]
    assert marked and len(headings) + len(marked) == 6


@pytest.fixture
def second_briefing(data_copy: Path) -> str:
    """A second collection, "Bath time", holding one quote; returns its first words."""
    store = KuzuStore(data_copy)
    [(pid, _)] = store.keyword_search("father", 1)
    with store.writer():
        store.save_quote("Bath time", {**store.passages([pid])[pid], "passage_id": pid})
    return str(store.quotes("Bath time")[0]["text"][:40])


def cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="cg-card"' in m.value]


def test_a_link_or_a_reload_comes_back_to_the_chosen_briefing(
    run_page: RunPage, data_copy: Path, briefing: list[str], second_briefing: str
) -> None:
    at = run_page(PAGE, data_copy)
    at.selectbox(key="briefing_picker").set_value("Bath time").run()
    assert not at.exception
    assert at.query_params["briefing"] in ("Bath time", ["Bath time"])
    reloaded = run_page(PAGE, data_copy, briefing="Bath time")  # a new session, same address
    assert not reloaded.exception and not reloaded.warning
    assert reloaded.selectbox(key="briefing_picker").value == "Bath time"
    assert len(cards(reloaded)) == 1 and second_briefing.split()[0] in cards(reloaded)[0]


def test_a_briefing_chosen_after_following_a_link_stays_chosen(
    run_page: RunPage, data_copy: Path, briefing: list[str], second_briefing: str
) -> None:
    at = run_page(PAGE, data_copy, briefing="Bath time")
    at.selectbox(key="briefing_picker").set_value("My briefing").run()
    assert not at.exception and len(cards(at)) == 3
    assert "briefing" not in at.query_params  # the default needs no name in the address


def test_a_link_to_an_unknown_briefing_says_so(
    run_page: RunPage, data_copy: Path, briefing: list[str]
) -> None:
    at = run_page(PAGE, data_copy, briefing="Never saved")
    assert not at.exception
    assert "Part of this link could not be used" in at.warning[0].value
    assert "'Never saved'" in at.warning[0].value
    assert at.selectbox(key="briefing_picker").value == "My briefing" and len(cards(at)) == 3


def test_the_address_of_a_briefing_round_trips() -> None:
    params = url_state.briefing_params("Bath time", "My briefing")
    found = url_state.briefing_from(params, ["Bath time"], "My briefing")
    assert found.values == {"briefing": "Bath time"} and not found.problems
    assert url_state.briefing_params("My briefing", "My briefing") == {}
    assert url_state.briefing_from({}, [], "My briefing").values == {}


def test_a_briefing_named_in_another_case_is_the_stored_one(
    run_page: RunPage, data_copy: Path, briefing: list[str], second_briefing: str
) -> None:
    linked = run_page(PAGE, data_copy, briefing="BATH TIME")
    assert not linked.exception and not linked.warning
    assert linked.selectbox(key="briefing_picker").value == "Bath time"
    assert len(cards(linked)) == 1
    at = run_page(PAGE, data_copy)
    at.selectbox(key="briefing_picker").set_value("➕ New briefing…").run()
    at.text_input(key="briefing_new_name").set_value("bath time").run()
    assert not at.exception
    assert at.session_state["briefing_collection"] == "Bath time"
    assert len(cards(at)) == 1  # its quote, not an empty new briefing


def test_the_quotes_csv_lists_each_quote_s_themes_in_force(
    run_page: RunPage, data_copy: Path, briefing: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from casegraph.cli import main
    from search_app import briefing as exports

    store = KuzuStore(data_copy)
    first = store.quotes("My briefing")[0]["passage_id"]
    added = CliRunner().invoke(
        main,
        ["themes", "correct", first, "--add", "poverty_deprivation", "--by", "A. Trainer",
         "--data-dir", str(data_copy)],
        env={"CASEGRAPH_EMBEDDER": "fake"},
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    written: list[str] = []
    real = exports.quotes_csv
    monkeypatch.setattr(
        exports, "quotes_csv", lambda *args: written.append(real(*args)) or written[-1]
    )
    at = run_page(PAGE, data_copy)
    assert not at.exception
    rows = list(csv.DictReader(line for line in written[-1].splitlines() if line[:1] != "#"))
    in_force = KuzuStore(data_copy).passages([row["passage_id"] for row in rows])
    assert "poverty_deprivation" in rows[0]["themes"].split(";")
    assert [row["themes"].split(";") for row in rows] == [
        in_force[row["passage_id"]]["themes"] for row in rows
    ]
