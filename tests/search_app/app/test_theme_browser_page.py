from pathlib import Path

from tests.search_app.app.conftest import RunPage

PAGE = "pages/7_Theme_browser.py"


def test_the_theme_browser_lists_passages_with_downloads(run_page: RunPage, app_data: Path) -> None:
    at = run_page(PAGE, app_data)
    at.selectbox(key="browse_theme").set_value("hidden_men").run()
    assert not at.exception
    cards = [m.value for m in at.markdown if 'class="cg-card"' in m.value]
    assert cards and "Serious Case Review: Baby M" in " ".join(cards)
    assert len(at.get("download_button")) == 3


def test_the_theme_browser_on_an_empty_store(run_page: RunPage, tmp_path: Path) -> None:
    at = run_page(PAGE, tmp_path / "empty")
    assert not at.exception
