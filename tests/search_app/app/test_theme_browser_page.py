from pathlib import Path

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from tests.casegraph.test_cli_browse import GUIDANCE
from tests.conftest import enricher
from tests.search_app.app.conftest import RunPage, texts

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


def test_case_reviews_only_until_the_switch_adds_guidance(
    run_page: RunPage, data_copy: Path, tmp_path: Path
) -> None:
    guide = tmp_path / "guidance" / "fathers-guide.txt"
    guide.parent.mkdir()
    guide.write_text(GUIDANCE)
    store = KuzuStore(data_copy)
    with store.writer():
        ingest_paths([guide], store, enricher=enricher())
    at = run_page(PAGE, data_copy)
    at.selectbox(key="browse_theme").set_value("cannabis").run()
    reviews_only = texts(at)
    assert "1 passage** from **1 review** (case reviews only" in reviews_only
    assert "Seeing the Men Around a Baby" not in reviews_only
    at.toggle(key="browse_all_kinds").set_value(True).run()
    assert not at.exception
    everything = texts(at)
    assert "2 passages** from **2 reviews**" in everything
    assert "Seeing the Men Around a Baby" in everything


def test_a_browsed_passage_can_be_added_to_the_briefing(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(PAGE, data_copy)
    add = next(b for b in at.button if b.key and b.key.startswith("add_browse_"))
    add.click().run()
    assert not at.exception
    [quote] = KuzuStore(data_copy).quotes("My briefing")
    assert quote["passage_id"] == add.key.removeprefix("add_browse_")
    assert any(b.key == f"in_browse_{quote['passage_id']}" for b in at.button)  # now marked
