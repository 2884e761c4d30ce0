"""Settings from the environment: a value that cannot be used is an error naming the variable,
the value and what it should be; a variable set to nothing counts as not set."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.settings import SettingError, Settings
from ingest.limits import Limits
from ingest.pipeline import DEFAULT_MAX_CHARS

VARIABLES = (
    "CASEGRAPH_DATA_DIR",
    "CASEGRAPH_MAX_PAGES",
    "CASEGRAPH_WORKERS",
    "CASEGRAPH_EMBEDDER",
    "CASEGRAPH_MAX_FILE_MB",
    "CASEGRAPH_FILE_TIMEOUT",
    "CASEGRAPH_WORKER_MEMORY_MB",
    "CASEGRAPH_MAX_CHARS",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_unset_or_blank_variables_give_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    unset = Settings.from_env()
    for name in VARIABLES:
        monkeypatch.setenv(name, " ")
    assert Settings.from_env() == unset
    assert unset.data_dir == Path("data") and unset.max_pages == 1000
    assert unset.embedder == "minilm" and unset.limits == Limits()
    assert unset.max_chars == DEFAULT_MAX_CHARS


def test_good_values_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "CASEGRAPH_DATA_DIR": "/srv/store",
        "CASEGRAPH_MAX_PAGES": "50",
        "CASEGRAPH_WORKERS": "3",
        "CASEGRAPH_EMBEDDER": "fake",
        "CASEGRAPH_MAX_FILE_MB": "0.5",
        "CASEGRAPH_FILE_TIMEOUT": "20",
        "CASEGRAPH_WORKER_MEMORY_MB": "512",
        "CASEGRAPH_MAX_CHARS": "9000",
    }.items():
        monkeypatch.setenv(name, value)
    settings = Settings.from_env()
    assert settings == Settings(Path("/srv/store"), 50, 3, "fake", Limits(0.5, 20.0, 512), 9000)


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("CASEGRAPH_MAX_PAGES", "lots", "CASEGRAPH_MAX_PAGES=lots: not a whole number"),
        ("CASEGRAPH_MAX_PAGES", "12.5", "CASEGRAPH_MAX_PAGES=12.5: not a whole number"),
        ("CASEGRAPH_WORKERS", "0", "CASEGRAPH_WORKERS=0: must be 1 or more"),
        ("CASEGRAPH_MAX_CHARS", "-4", "CASEGRAPH_MAX_CHARS=-4: must be 1 or more"),
        ("CASEGRAPH_MAX_FILE_MB", "big", "CASEGRAPH_MAX_FILE_MB=big: not a number"),
        ("CASEGRAPH_FILE_TIMEOUT", "nan", "CASEGRAPH_FILE_TIMEOUT=nan: must be a number above 0"),
        ("CASEGRAPH_FILE_TIMEOUT", "0", "CASEGRAPH_FILE_TIMEOUT=0: must be a number above 0"),
        ("CASEGRAPH_WORKER_MEMORY_MB", "4G", "CASEGRAPH_WORKER_MEMORY_MB=4G: not a whole number"),
        ("CASEGRAPH_EMBEDDER", "bogus", "CASEGRAPH_EMBEDDER=bogus: not a known value"),
    ],
)
def test_a_bad_value_is_named_with_what_it_should_be(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, said: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingError) as raised:
        Settings.from_env()
    message = str(raised.value)
    assert message.startswith(said) and "\n" not in message
    assert "e.g." in message or "use one of minilm, fake" in message


def test_control_characters_in_a_value_are_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEGRAPH_MAX_PAGES", "9\x1b[2J")
    with pytest.raises(SettingError, match=r"CASEGRAPH_MAX_PAGES=9\[2J: not a whole number"):
        Settings.from_env()
