from pathlib import Path

from tests.search_app.app.conftest import RunPage

PAGE = "pages/2_Similar_cases.py"


def test_a_described_case_is_shown_as_it_was_read(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.radio(key="similar_source").set_value("A case I describe").run()
    at.text_area(key="similar_text").set_value(
        "A girl aged 15 was sexually exploited by older men after going missing from care."
    )
    at.button[0].click().run()
    assert not at.exception
    [reading] = [c.value for c in at.caption if c.value.startswith("Read as:")]
    assert "child's age 11-15" in reading
