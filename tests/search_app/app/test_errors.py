"""What the app says when something fails: an unusable setting in its own words; a failed
save, delete, reorder or removal as a plain sentence, never the error's own text (it may quote
a document)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from casegraph.settings import SettingError
from graph.kuzu_store import KuzuStore
from graph.store import StoreLocked
from search_app.app import errors
from tests.search_app.app.conftest import RunPage, texts

QUOTING = "Database is closed while writing 'Child Q was found by her father'"


def test_a_bad_setting_is_said_as_it_is() -> None:
    said = errors.plain_message(SettingError("CASEGRAPH_MAX_PAGES=lots: not a whole number"))
    assert said.startswith("A setting cannot be used: CASEGRAPH_MAX_PAGES=lots: not a whole")
    assert "restart `casegraph app`" in said


def test_a_store_failure_says_whether_it_was_a_read_or_a_write() -> None:
    assert "could not be read just now" in errors.plain_message(RuntimeError(QUOTING))
    written = errors.plain_message(RuntimeError(QUOTING), writing=True)
    assert "could not be written just now" in written and "Child Q" not in written


def test_an_erasure_left_part_way_says_how_to_finish_it(tmp_path: Path) -> None:
    from casegraph.erase import ErasureIncomplete

    error = ErasureIncomplete(["r1"], "the cached vectors", OSError(28, "No space"), tmp_path)
    said = errors.plain_message(error)
    assert said.startswith("Not finished: the erasure of 1 review (r1) stopped part-way")
    assert "casegraph delete --finish" in said and "could not be opened" not in said


def test_a_caught_error_is_logged_and_said_plainly(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="casegraph.app"):
        said = errors.caught(RuntimeError(QUOTING), writing=True)
    assert "Child Q" not in said and "could not be written" in said
    assert caplog.records and caplog.records[0].exc_info  # the traceback is in the log
    busy = errors.caught(StoreLocked("held by process 4242"))
    assert "Another casegraph process is writing" in busy and "4242" in busy


def test_a_page_with_a_bad_setting_names_it(
    run_page: RunPage, app_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEGRAPH_MAX_PAGES", "lots")
    at = run_page("Home.py", app_data)
    assert not at.exception
    assert "CASEGRAPH_MAX_PAGES=lots: not a whole number" in texts(at)


def refuse(*args: object, **kwargs: object) -> None:
    raise RuntimeError(QUOTING)


def test_a_search_not_saved_or_deleted_is_said_plainly(
    run_page: RunPage, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KuzuStore(data_copy)
    with store.writer():
        store.save_search("Fathers", {"q": "father"})
    monkeypatch.setattr(KuzuStore, "save_search", refuse)
    monkeypatch.setattr(KuzuStore, "delete_search", refuse)
    at = run_page("pages/1_Search.py", data_copy)
    at.text_input(key="query").set_value("father").run()
    at.text_input(key="saved_name").set_value("Mothers").run()
    at.button(key="save_search").click().run()
    assert not at.exception
    assert "The search was not saved. The store could not be written just now" in texts(at)
    at.button(key="delete_Fathers").click().run()
    assert not at.exception
    shown = texts(at)
    assert "The search was not deleted. The store could not be written just now" in shown
    assert "Child Q" not in shown


def test_a_briefing_not_changed_is_said_plainly(
    run_page: RunPage, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KuzuStore(data_copy)
    [(passage_id, passage)] = store.passages([store.keyword_search("father", 1)[0][0]]).items()
    with store.writer():
        store.save_quote("My briefing", {**passage, "passage_id": passage_id})
    [quote] = store.quotes("My briefing")
    monkeypatch.setattr(KuzuStore, "remove_quote", refuse)
    at = run_page("pages/5_Briefing_builder.py", data_copy)
    at.button(key=f"remove_{quote['id']}").click().run()
    assert not at.exception
    shown = texts(at)
    assert "The briefing could not be changed. The store could not be written just now" in shown
    assert "Child Q" not in shown
