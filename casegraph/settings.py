"""Settings read from the environment, with the defaults a new user gets."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ingest.limits import Limits
from ingest.pipeline import DEFAULT_MAX_CHARS

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_CORPUS = REPO_ROOT / "corpora" / "demo"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    max_pages: int
    workers: int
    embedder: str  # minilm, or fake (deterministic vectors for fast tests)
    limits: Limits = field(default_factory=Limits)  # per-file size, time and memory
    max_chars: int = DEFAULT_MAX_CHARS

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            data_dir=Path(os.environ.get("CASEGRAPH_DATA_DIR", "data")),
            max_pages=int(os.environ.get("CASEGRAPH_MAX_PAGES", "1000")),
            workers=int(os.environ.get("CASEGRAPH_WORKERS", str(min(2, os.cpu_count() or 1)))),
            embedder=os.environ.get("CASEGRAPH_EMBEDDER", "minilm"),
            limits=Limits.from_env(),
            max_chars=int(os.environ.get("CASEGRAPH_MAX_CHARS", str(DEFAULT_MAX_CHARS))),
        )
