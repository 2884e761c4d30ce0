"""The one way the metadata tests read a fixture: parse it as a whole document."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_document
from ingest.types import ReviewMetadata


def meta(text: str, name: str = "review.txt") -> ReviewMetadata:
    return parse_document(Path(name), text.encode()).metadata
