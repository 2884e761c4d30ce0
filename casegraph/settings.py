"""Settings read from the environment, with the defaults a new user gets.

This is the one place the CASEGRAPH_* variables are read. A value that cannot be used is a
SettingError naming the variable, the value and what it should be, which the CLI and the app
show as it is."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from casegraph.text import printable
from ingest.limits import Limits
from ingest.pipeline import DEFAULT_MAX_CHARS

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_CORPUS = REPO_ROOT / "corpora" / "demo"
EMBEDDERS = ("minilm", "fake")  # fake: deterministic vectors for fast tests
# CASEGRAPH_RERANKER: auto follows the shipped model (on only if training found it helps)
RERANKER_SETTINGS = ("auto", "on", "off")
# CASEGRAPH_OCR: auto and on read scanned pages when tesseract is installed; off never does
OCR_SETTINGS = ("auto", "on", "off")
_SWITCH_WORDS = {"0": "off", "false": "off", "no": "off", "1": "on", "true": "on", "yes": "on"}


class SettingError(ValueError):
    """An environment setting that cannot be used: "CASEGRAPH_MAX_PAGES=lots: not a whole
    number (e.g. 1000)"."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    max_pages: int
    workers: int
    embedder: str  # one of EMBEDDERS
    limits: Limits = field(default_factory=Limits)  # per-file size, time and memory
    max_chars: int = DEFAULT_MAX_CHARS
    reranker: str = "auto"  # one of RERANKER_SETTINGS
    ocr: str = "auto"  # one of OCR_SETTINGS

    @classmethod
    def from_env(cls) -> Settings:
        """The settings of this process's environment; SettingError for an unusable value.
        A variable set to nothing counts as not set."""
        return cls(
            data_dir=Path(_raw("CASEGRAPH_DATA_DIR") or "data"),
            max_pages=_whole("CASEGRAPH_MAX_PAGES", 1000),
            workers=_whole("CASEGRAPH_WORKERS", min(2, os.cpu_count() or 1)),
            embedder=_choice("CASEGRAPH_EMBEDDER", "minilm", EMBEDDERS),
            limits=_limits(),
            max_chars=_whole("CASEGRAPH_MAX_CHARS", DEFAULT_MAX_CHARS),
            reranker=_switch("CASEGRAPH_RERANKER", RERANKER_SETTINGS),
            ocr=_switch("CASEGRAPH_OCR", OCR_SETTINGS),
        )


def _limits() -> Limits:
    default = Limits()
    return Limits(
        max_file_mb=_number("CASEGRAPH_MAX_FILE_MB", default.max_file_mb),
        file_seconds=_number("CASEGRAPH_FILE_TIMEOUT", default.file_seconds),
        worker_memory_mb=_whole("CASEGRAPH_WORKER_MEMORY_MB", default.worker_memory_mb),
    )


def _raw(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _problem(name: str, raw: str, what: str) -> SettingError:
    return SettingError(printable(f"{name}={raw}: {what}"))


def _whole(name: str, default: int) -> int:
    """A whole number of 1 or more."""
    raw = _raw(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _problem(name, raw, f"not a whole number (e.g. {default})") from None
    if value < 1:
        raise _problem(name, raw, f"must be 1 or more (e.g. {default})")
    return value


def _number(name: str, default: float) -> float:
    """A number above 0, fractions allowed."""
    raw = _raw(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise _problem(name, raw, f"not a number (e.g. {default:g})") from None
    if not math.isfinite(value) or value <= 0:
        raise _problem(name, raw, f"must be a number above 0 (e.g. {default:g})")
    return value


def _choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = _raw(name)
    if raw is None:
        return default
    if raw not in choices:
        raise _problem(name, raw, f"not a known value; use one of {', '.join(choices)}")
    return raw


def _switch(name: str, choices: tuple[str, ...]) -> str:
    """auto, on or off, in any case; 0/false/no and 1/true/yes say off and on."""
    raw = _raw(name)
    if raw is None:
        return "auto"
    value = _SWITCH_WORDS.get(raw.lower(), raw.lower())
    if value not in choices:
        raise _problem(name, raw, f"not a known value; use one of {', '.join(choices)}")
    return value
