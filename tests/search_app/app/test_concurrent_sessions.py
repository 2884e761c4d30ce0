"""Many sessions of the app at once, each changing filters, all on the one cached store
(as Streamlit runs them: script threads of one process); and any store error that a page
does not catch reaches the user as a plain sentence, never a traceback."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import script_cache
from streamlit.testing.v1 import AppTest

from graph.kuzu_store import KuzuStore
from tests.search_app.app.conftest import APP, TIMEOUT, RunPage, texts

THEMES = ["hidden_men", "information_sharing", "cannabis", "domestic_abuse", "neglect"]


def _session(seed: int, failures: list[str]) -> None:
    chooser = random.Random(seed)
    at = AppTest.from_file(str(APP / "pages/3_Themes.py"), default_timeout=TIMEOUT)
    try:
        at.run()
        for _ in range(4):
            at.multiselect(key="themes_themes").set_value(chooser.sample(THEMES, 2))
            slider = at.slider(key="themes_years")
            low, high = int(slider.min), int(slider.max)
            start = chooser.randint(low, high)
            slider.set_range(start, chooser.randint(start, high))
            at.run()
            if at.exception:
                failures.append(str(at.exception[0].value))
            if "could not be read" in texts(at) or "went wrong" in texts(at):
                failures.append(texts(at))
    except Exception as error:
        failures.append(f"{error!r}: {texts(at)[-300:]} {at.exception}")


def test_many_sessions_change_filters_at_once(
    app_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEGRAPH_DATA_DIR", str(app_data))
    monkeypatch.setenv("CASEGRAPH_EMBEDDER", "fake")
    # A server compiles each page once, under its script cache's lock; every AppTest has a cache
    # of its own, and Python 3.11's compiler is not safe in several threads at once.
    compiling = threading.Lock()
    compile_page = script_cache.ScriptCache.get_bytecode

    def compile_one_at_a_time(cache: script_cache.ScriptCache, path: str) -> object:
        with compiling:
            return compile_page(cache, path)

    monkeypatch.setattr(script_cache.ScriptCache, "get_bytecode", compile_one_at_a_time)
    # A server has one Runtime for all its sessions; each AppTest run installs its own mock as
    # the process-wide one and clears it when done, which would pull it from under a session
    # still running in another thread ('Runtime hasn't been created!'): keep the last one.
    installed: list[Runtime] = []

    def one_runtime(cls: type[Runtime]) -> Runtime:
        if cls._instance is not None:
            installed[:] = [cls._instance]
        if not installed:
            raise RuntimeError("Runtime hasn't been created!")
        return installed[0]

    def runtime_exists(cls: type[Runtime]) -> bool:
        return cls._instance is not None or bool(installed)

    monkeypatch.setattr(Runtime, "instance", classmethod(one_runtime))
    monkeypatch.setattr(Runtime, "exists", classmethod(runtime_exists))
    failures: list[str] = []
    threads = [threading.Thread(target=_session, args=(n, failures)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not failures, failures


def test_an_uncaught_store_error_is_a_plain_message(
    run_page: RunPage, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def closed(self: KuzuStore) -> list[dict[str, str]]:
        raise RuntimeError("Database is closed while reading 'Child Q was found by her father'")

    monkeypatch.setattr(KuzuStore, "reviews", closed)
    at = run_page("Home.py", data_copy)
    assert not at.exception
    shown = texts(at)
    assert "The store could not be read just now" in shown
    assert "Child Q" not in shown and "Traceback" not in shown
