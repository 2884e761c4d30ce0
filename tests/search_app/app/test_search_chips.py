from pathlib import Path

from tests.search_app.app.conftest import RunPage

SEARCH = "pages/1_Search.py"


def test_the_query_s_facets_are_chips_that_become_filters(
    run_page: RunPage, app_data: Path
) -> None:
    at = run_page(SEARCH, app_data)
    at.text_input(key="query").set_value("a baby harmed after the police visit").run()
    assert not at.exception
    chip = next(b for b in at.button if b.key == "chip_age_bands_under 1")
    chip.click().run()
    assert not at.exception
    assert at.session_state["search_ages"] == ["under 1"]
    assert next(b for b in at.button if b.key == "chip_age_bands_under 1").disabled  # applied


def test_words_the_query_leaves_out_make_no_chip(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data)
    at.text_input(key="query").set_value('the police visit -"a baby"').run()
    assert not at.exception
    keys = {b.key for b in at.button}
    assert "chip_agencies_police" in keys
    assert "chip_age_bands_under 1" not in keys
