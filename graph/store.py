"""The one interface every storage backend implements."""

from __future__ import annotations

from typing import Any, Protocol

from ingest.enrich import Enrichment
from ingest.types import ParsedDocument


class StoreLocked(Exception):
    """Another process is writing to the same data directory."""


class Store(Protocol):
    """Where parsed reviews live. Writes are per review and all-or-nothing."""

    def known(self, content_sha256: str, parser_version: str) -> str | None:
        """The review id already stored for these bytes by this parser version, if any."""
        ...

    def put(
        self, document: ParsedDocument, parser_version: str, enrichment: Enrichment | None = None
    ) -> None:
        """Store a review (and its enrichment), replacing any earlier version of it."""
        ...

    def add_path(self, content_sha256: str, path: str) -> None:
        """Remember another path (a renamed or copied file) for stored content."""
        ...

    def reviews(self) -> list[dict[str, Any]]:
        """One summary row per stored review."""
        ...

    def document(self, review_id: str) -> dict[str, Any] | None:
        """A stored review with its metadata, passages and blocks, as plain data."""
        ...
