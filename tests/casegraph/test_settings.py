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
    "CASEGRAPH_RERANKER",
    "CASEGRAPH_OCR",
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
    assert unset.reranker == "auto" and unset.ocr == "auto"


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


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("CASEGRAPH_RERANKER", "on", "on"),
        ("CASEGRAPH_RERANKER", "OFF", "off"),
        ("CASEGRAPH_RERANKER", "auto", "auto"),
        ("CASEGRAPH_OCR", "off", "off"),
        ("CASEGRAPH_OCR", "No", "off"),
        ("CASEGRAPH_OCR", "0", "off"),
        ("CASEGRAPH_OCR", "false", "off"),
        ("CASEGRAPH_OCR", "on", "on"),
    ],
)
def test_the_reranker_and_ocr_switches_are_read(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    settings = Settings.from_env()
    assert getattr(settings, name.removeprefix("CASEGRAPH_").lower()) == expected


@pytest.mark.parametrize("name", ["CASEGRAPH_RERANKER", "CASEGRAPH_OCR"])
def test_a_bad_switch_is_named_with_the_values_allowed(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv(name, "sometimes")
    with pytest.raises(SettingError) as raised:
        Settings.from_env()
    assert str(raised.value) == f"{name}=sometimes: not a known value; use one of auto, on, off"


def test_a_bad_switch_stops_a_command_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from casegraph.cli import main

    monkeypatch.setenv("CASEGRAPH_OCR", "maybe")
    (tmp_path / "a.txt").write_text("The health visitor saw the baby at home.\n")
    args = ["ingest", str(tmp_path / "a.txt"), "--data-dir", str(tmp_path / "d"), "--no-enrich"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "CASEGRAPH_OCR=maybe: not a known value; use one of auto, on, off" in result.output


def test_the_switches_are_passed_down_not_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The reranker and OCR take their setting as a parameter: the environment is read by
    Settings only."""
    import json

    from ingest import ocr
    from search_app import rerank

    model = tmp_path / "reranker.json"
    model.write_text(json.dumps({"default_on": True, "version": -1}))
    monkeypatch.setenv("CASEGRAPH_RERANKER", "off")
    monkeypatch.setenv("CASEGRAPH_OCR", "off")
    monkeypatch.setattr(rerank.Reranker, "load", classmethod(lambda cls, path: "loaded"))
    assert rerank.default_reranker("auto", model) == "loaded"
    assert rerank.default_reranker("off", model) is None
    monkeypatch.setattr(ocr, "_installed", lambda: True)
    assert ocr.available("auto") and ocr.available("on") and not ocr.available("off")
