"""Search you can come back to: the search in the address (bookmark, share), saved searches
in the store, counts and paging at the bottom, and a search box on Home."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from search_app.app import url_state
from tests.search_app.app.conftest import APP, TIMEOUT, RunPage, texts

SEARCH = "pages/1_Search.py"
VOCABULARIES = {
    "theme": ["hidden_men", "cannabis"],
    "type": ["lcspr", "rapid_review"],
    "agency": ["police"],
    "age": ["under 1"],
    "outcome": ["died"],
}


def params_of(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key] for key in at.query_params}


def test_a_search_survives_the_round_trip_through_an_address() -> None:
    filters = SearchFilters(
        themes=("hidden_men", "cannabis"),
        review_types=("lcspr",),
        year_from=2015,
        year_to=2020,
        partnership="Hartwell",
        agencies=("police",),
    )
    params = url_state.to_params("father not seen", "keyword", filters)
    assert params["theme"] == "hidden_men,cannabis" and params["from"] == "2015"
    found = url_state.to_widgets(params, "search", VOCABULARIES, [2012, 2025])
    assert not found.problems
    assert found.values == {
        "query": "father not seen",
        "mode": "keyword",
        "search_themes": ["hidden_men", "cannabis"],
        "search_types": ["lcspr"],
        "search_agencies": ["police"],
        "search_ages": [],
        "search_outcomes": [],
        "search_area": "Hartwell",
        "search_years": (2015, 2020),
    }
    assert url_state.to_params("", "hybrid", SearchFilters()) == {}


def test_what_an_address_gets_wrong_is_named() -> None:
    found = url_state.to_widgets(
        {"q": "x", "theme": "hidden_men,nope", "from": "2020", "to": "2015", "mode": "fast"},
        "search",
        VOCABULARIES,
        [2012, 2025],
    )
    assert found.values["search_themes"] == ["hidden_men"]
    assert "search_years" not in found.values
    assert found.problems == [
        "match mode 'fast' (valid: hybrid, keyword, dense)",
        "theme 'nope'",
        "from 2020 and to 2015 (from is after to)",
    ]


def test_the_address_sets_the_filters_and_follows_them(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data, q="father", type="rapid_review", theme="nope")
    assert not at.exception
    assert at.sidebar.multiselect(key="search_types").value == ["rapid_review"]
    citations = [m.value for m in at.markdown if 'class="cg-cite"' in m.value]
    assert citations and all("Rapid Review: Child C" in c for c in citations)
    assert "theme 'nope'" in at.warning[0].value
    assert params_of(at) == {"q": "father", "type": "rapid_review"}
    at.sidebar.multiselect(key="search_types").set_value(["serious_case_review"]).run()
    assert params_of(at)["type"] == "serious_case_review"


@pytest.mark.parametrize(
    ("years", "named"),
    [({"from": "abc"}, "from 'abc'"), ({"from": "2000", "to": "2010"}, "to 2010")],
)
def test_a_link_with_a_bad_year_searches_without_it_and_says_so(
    run_page: RunPage, app_data: Path, years: dict[str, str], named: str
) -> None:
    at = run_page(SEARCH, app_data, q="father", **years)
    assert not at.exception and not at.error
    assert named in at.warning[0].value
    assert at.sidebar.slider(key="search_years").value == (2012, 2022)  # every year
    assert any('class="cg-cite"' in m.value for m in at.markdown)  # the search ran
    assert params_of(at) == {"q": "father"}


def test_a_chosen_range_the_store_no_longer_holds_is_dropped(
    app_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEGRAPH_DATA_DIR", str(app_data))
    monkeypatch.setenv("CASEGRAPH_EMBEDDER", "fake")
    at = AppTest.from_file(str(APP / SEARCH), default_timeout=TIMEOUT)
    at.session_state["search_years"] = (2000, 2010)  # as if those reviews were deleted since
    at.run()
    assert not at.exception and not at.error
    assert at.sidebar.slider(key="search_years").value == (2012, 2022)


def test_searches_are_saved_opened_and_deleted(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(SEARCH, data_copy)
    at.text_input(key="query").set_value("father").run()
    at.sidebar.multiselect(key="search_types").set_value(["rapid_review"]).run()
    at.text_input(key="saved_name").set_value("Fathers, rapid reviews").run()
    at.button(key="save_search").click().run()
    assert not at.exception
    [saved] = KuzuStore(data_copy).saved_searches()
    assert saved["name"] == "Fathers, rapid reviews"
    assert saved["search"] == {"q": "father", "type": "rapid_review"}

    again = run_page(SEARCH, data_copy)  # another session, with an empty address
    again.button(key="open_Fathers, rapid reviews").click().run()
    assert not again.exception
    assert again.text_input(key="query").value == "father"
    assert again.sidebar.multiselect(key="search_types").value == ["rapid_review"]
    again.button(key="delete_Fathers, rapid reviews").click().run()
    assert KuzuStore(data_copy).saved_searches() == []


def test_counts_and_paging_at_the_bottom(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data)
    at.text_input(key="query").set_value("child").run()
    first = [m.value for m in at.markdown if 'class="cg-card"' in m.value]
    bottom = next(c.value for c in at.caption if c.value.startswith("Passages 1–10 of "))
    total = int(bottom.split(" of ")[1].split()[0])
    assert total > 10 and f"page 1 of {-(-total // 10)}" in bottom
    assert at.button(key="previous_page").disabled
    at.button(key="next_page").click().run()
    assert not at.exception
    assert at.number_input(key="results_page").value == 2
    assert [m.value for m in at.markdown if 'class="cg-card"' in m.value] != first
    assert "Passages 11–" in texts(at)


def test_home_has_a_search_box(run_page: RunPage, app_data: Path) -> None:
    at = run_page("Home.py", app_data)
    at.text_input(key="home_query").set_value("county lines")
    at.button[0].click().run()
    assert not at.exception
    assert at.text_input(key="query").value == "county lines"  # now on the Search page
    assert "Rapid Review: Child C" in texts(at)


def test_a_link_with_only_a_first_year_keeps_the_range_open(
    run_page: RunPage, app_data: Path
) -> None:
    at = run_page(SEARCH, app_data, q="father", **{"from": "2016"})  # the store: 2012-2022
    assert not at.exception
    kept = params_of(at)
    assert kept["from"] == "2016" and "to" not in kept  # reviews added later still match


@pytest.fixture
def widget_warnings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What Streamlit logs about widgets given a value and session state at once (it says so
    once a process, so the once is forgotten here)."""
    from streamlit.elements.lib import policies

    said: list[str] = []

    class Kept(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    handler = Kept(logging.WARNING)
    logger = logging.getLogger(policies.__name__)
    logger.addHandler(handler)
    yield said
    logger.removeHandler(handler)


def test_years_from_a_link_or_a_saved_search_set_the_slider_without_a_warning(
    run_page: RunPage, data_copy: Path, widget_warnings: list[str]
) -> None:
    at = run_page(SEARCH, data_copy, q="father", **{"from": "2015", "to": "2020"})
    assert not at.exception
    assert at.sidebar.slider(key="search_years").value == (2015, 2020)
    store = KuzuStore(data_copy)
    with store.writer():
        store.save_search("Later", {"q": "father", "from": "2016"})
    again = run_page(SEARCH, data_copy)
    again.button(key="open_Later").click().run()
    assert not again.exception
    assert again.sidebar.slider(key="search_years").value == (2016, 2022)
    assert not [said for said in widget_warnings if "search_years" in said], widget_warnings
