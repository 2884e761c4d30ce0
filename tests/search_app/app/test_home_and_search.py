"""The Home and Search pages, run with streamlit.testing against a small store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from search_app.app.shared import page_image, source_file
from tests.conftest import DEMO, REVIEWS, enricher
from tests.search_app.app.conftest import PDF, RunPage, texts

SEARCH = "pages/1_Search.py"
BABY_M = "Serious Case Review: Baby M, Elmbridge Vale Local Safeguarding Children Board, 2012"


def test_home_shows_what_is_in_the_store(run_page: RunPage, app_data: Path) -> None:
    at = run_page("Home.py", app_data)
    assert not at.exception
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Reviews"] == "4" and metrics["Other documents"] == "0"
    assert metrics["Published"] == "2012–2022"
    links = [link.label for link in at.get("page_link")]
    pages = {"Search", "Similar cases", "Themes", "Review", "Briefing builder", "Library"}
    assert pages <= set(links)
    assert "Serious Case Review: Baby M" in links  # the most recent reviews open their page
    assert "Hidden or unseen men" in texts(at)  # the themes found most often


def test_home_on_an_empty_store_says_how_to_ingest(run_page: RunPage, tmp_path: Path) -> None:
    at = run_page("Home.py", tmp_path / "empty")
    assert not at.exception
    [info] = at.info
    assert "The store is empty" in info.value
    assert "casegraph ingest" in info.value and "casegraph demo" in info.value
    assert not at.metric


def test_search_on_an_empty_store_says_how_to_ingest(run_page: RunPage, tmp_path: Path) -> None:
    at = run_page(SEARCH, tmp_path / "empty")
    assert not at.exception
    assert "The store is empty" in at.info[0].value


def test_search_without_a_query_offers_examples(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data)
    assert not at.exception
    assert "Try one of these" in texts(at)
    example = next(b for b in at.button if b.label.startswith("father not seen"))
    example.click().run()
    assert at.text_input(key="query").value == example.label
    assert "<mark>" in texts(at)


def test_search_shows_quote_cards_with_citations(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data)
    at.text_input(key="query").set_value("hidden men").run()
    assert not at.exception
    shown = texts(at)
    assert "passages</strong>" in shown or "passages**" in shown
    cards = [m.value for m in at.markdown if 'class="cg-card"' in m.value]
    assert cards, "no quote cards"
    baby_m = next(card for card in cards if BABY_M in card)
    assert "<mark>hidden men</mark>" in baby_m  # the query's words are marked
    assert f"— {BABY_M}, p. 6, para. 5.1" in baby_m  # the citation under the quote
    assert '<span class="cg-chip cg-theme">Hidden or unseen men</span>' in baby_m  # a chip
    assert [b.label for b in at.button].count("Add to briefing") == len(cards)
    assert "PDF, p. 6" in [b.label for b in at.download_button]  # the PDF is on this machine
    assert at.query_params["q"] == "hidden men"  # the link to share


def test_search_reads_the_query_from_the_link(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data, q="county lines")
    assert not at.exception
    assert at.text_input(key="query").value == "county lines"
    assert "Rapid Review: Child C" in texts(at)


def test_search_filters_in_the_sidebar(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data)
    at.text_input(key="query").set_value("father").run()
    at.sidebar.multiselect(key="search_types").set_value(["rapid_review"]).run()
    assert not at.exception
    citations = [m.value for m in at.markdown if 'class="cg-cite"' in m.value]
    assert citations and all("Rapid Review: Child C" in c for c in citations)
    assert "(filtered)" in texts(at)

    at.sidebar.multiselect(key="search_types").set_value([])
    at.sidebar.slider(key="search_years").set_value((2016, 2020)).run()
    citations = [m.value for m in at.markdown if 'class="cg-cite"' in m.value]
    assert citations and all(("2016" in c or "2020" in c) for c in citations)


def test_search_with_nothing_found(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data)
    at.selectbox(key="mode").set_value("keyword")
    at.text_input(key="query").set_value("xylophone").run()
    assert not at.exception
    warnings = [warning.value for warning in at.warning]
    assert "No review uses “xylophone”: check the spelling." in warnings
    assert any("No passages found" in warning for warning in warnings)


def test_a_long_unknown_word_is_shortened_in_the_message(run_page: RunPage, app_data: Path) -> None:
    word = "qz" * 1500  # 3,000 characters
    at = run_page(SEARCH, app_data)
    at.text_input(key="query").set_value(word).run()
    assert not at.exception
    [said] = [w.value for w in at.warning if w.value.startswith("No review uses")]
    assert f"“{word[:40]}…”" in said and word[:41] not in said


def test_an_unclosed_quote_is_named_as_the_word(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data)
    at.selectbox(key="mode").set_value("keyword")
    at.text_input(key="query").set_value('"zzqqxx').run()
    assert not at.exception
    assert "No review uses “zzqqxx”: check the spelling." in [w.value for w in at.warning]


def test_a_word_no_review_uses_is_named_above_results_by_meaning(
    run_page: RunPage, app_data: Path
) -> None:
    at = run_page(SEARCH, app_data)
    at.text_input(key="query").set_value("zzqqxx").run()
    assert not at.exception
    [warning] = at.warning
    assert "“zzqqxx”" in warning.value and "may be unrelated" in warning.value
    at.text_input(key="query").set_value("zzqqxx health visitor").run()
    assert not at.warning and any("“zzqqxx”" in caption.value for caption in at.caption)
    at.text_input(key="query").set_value('"zzqqxx visitor"').run()  # a phrase cannot match
    assert any("nothing holds every word" in warning.value for warning in at.warning)


def test_operators_alone_are_not_searched(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data)
    at.text_input(key="query").set_value('AND "').run()
    assert not at.exception
    assert "Type the words to search for" in at.info[0].value


def test_add_to_briefing_saves_the_quote(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(SEARCH, data_copy)
    at.text_input(key="query").set_value("hidden men").run()
    first = next(b for b in at.button if b.label == "Add to briefing")
    first.click().run()
    assert not at.exception
    [quote] = KuzuStore(data_copy).quotes("My briefing")
    assert first.key == f"add_{quote['passage_id']}"
    assert at.button(key=f"in_{quote['passage_id']}").disabled  # shown as already added


def test_saving_a_search_is_said_where_it_is_seen(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(SEARCH, data_copy)
    at.text_input(key="query").set_value("hidden men").run()
    at.button(key="save_search").click().run()  # no name yet
    [expander] = [e for e in at.expander if e.label.startswith("Saved searches")]
    assert [e.value for e in at.error] == ["Give the search a name to save it."]
    assert not expander.error
    at.text_input(key="saved_name").set_value("Men").run()
    at.button(key="save_search").click().run()
    assert not at.exception
    [expander] = [e for e in at.expander if e.label.startswith("Saved searches")]
    assert expander.label == "Saved searches (1)"
    # outside the expander, which is drawn closed: the message would be hidden in it
    assert [s.value for s in at.success] == ["Saved “Men”."]
    assert not expander.success and not expander.error
    assert [s["name"] for s in KuzuStore(data_copy).saved_searches()] == ["Men"]


def test_add_to_a_briefing_of_another_name(run_page: RunPage, data_copy: Path) -> None:
    at = run_page(SEARCH, data_copy)
    at.sidebar.selectbox(key="briefing_picker").set_value("➕ New briefing…").run()
    at.sidebar.text_input(key="briefing_new_name").set_value("Hidden men training").run()
    at.text_input(key="query").set_value("hidden men").run()
    next(b for b in at.button if b.label == "Add to briefing").click().run()
    assert not at.exception
    assert [c["name"] for c in KuzuStore(data_copy).collections()] == ["Hidden men training"]


def test_long_result_lists_paginate(run_page: RunPage, app_data: Path) -> None:
    at = run_page(SEARCH, app_data)
    at.text_input(key="query").set_value("child").run()
    cards = [m.value for m in at.markdown if 'class="cg-card"' in m.value]
    assert len(cards) == 10
    pager = at.number_input(key="results_page")
    pager.set_value(2).run()
    assert not at.exception
    assert [m.value for m in at.markdown if 'class="cg-card"' in m.value] != cards


def test_the_source_page_is_drawn_offline(tmp_path: Path) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("needs poppler-utils (pdftoppm)")
    source = source_file(str(DEMO / PDF), 6)
    assert source is not None and source.is_pdf and source.page == 6
    image = page_image(str(source.path), source.page, source.path.stat().st_mtime)
    assert image is not None and image.startswith(b"\x89PNG")
    assert source_file(str(tmp_path / "moved.pdf"), 1) is None
    assert source_file(None, 1) is None


def test_a_store_that_cannot_be_read_is_said_plainly(
    run_page: RunPage, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.store import StoreUnavailable

    def busy(self: KuzuStore) -> list[dict[str, object]]:
        raise StoreUnavailable("cannot open graph.kuzu: held by another process")

    monkeypatch.setattr(KuzuStore, "reviews", busy)
    at = run_page("Home.py", data_copy)
    assert not at.exception
    assert "could not be opened" in at.error[0].value
    assert not at.info  # not mistaken for an empty store


def test_a_page_shows_what_another_process_stored_since_it_last_ran(
    run_page: RunPage, data_copy: Path, tmp_path: Path
) -> None:
    before = run_page("Home.py", data_copy)
    assert {metric.label: metric.value for metric in before.metric}["Reviews"] == "4"
    source = tmp_path / "child-q.txt"  # as the CLI would, through a store object of its own
    source.write_text(REVIEWS["child-a.txt"].replace("Child A", "Child Q"), encoding="utf-8")
    store = KuzuStore(data_copy)
    with store.writer():
        assert ingest_paths([source], store, enricher=enricher()).count("ingested") == 1
    after = run_page("Home.py", data_copy)  # well within the cache's five minutes
    assert {metric.label: metric.value for metric in after.metric}["Reviews"] == "5"
