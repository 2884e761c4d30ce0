"""The one interface every storage backend implements."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from ingest.enrich import Enrichment
from ingest.types import ParsedDocument


class StoreLocked(Exception):
    """Another process is writing to the same data directory."""


class StoreUnavailable(Exception):
    """The store cannot be opened: not created yet, or held by another process too long."""


class Store(Protocol):
    """Where reviews live. Writes are per review and all-or-nothing; one writer at a time."""

    @property
    def embedding_cache(self) -> Path:
        """Local cache of passage vectors, keyed by text hash."""
        ...

    def writer(self) -> AbstractContextManager[Any]:
        """Be the single writer while the block runs; StoreLocked if another one is."""
        ...

    def known(self, content_sha256: str, version: str) -> str | None:
        """The review id stored whole for these bytes by this pipeline version, if any."""
        ...

    def put(
        self, document: ParsedDocument, version: str, enrichment: Enrichment | None = None
    ) -> str | None:
        """Store a review, replacing any earlier version; returns that version, if any."""
        ...

    def add_path(self, content_sha256: str, path: str) -> None:
        """Remember another path (a renamed or copied file) for stored content."""
        ...

    def link_citations(self) -> int:
        """Recompute which reviews cite which; returns the number of CITES edges."""
        ...

    def reviews(self) -> list[dict[str, Any]]:
        """One summary row per stored review."""
        ...

    def document(self, review_id: str) -> dict[str, Any] | None:
        """A stored review with its metadata, passages and themes, as plain data."""
        ...

    def query(self, cypher: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a Cypher query, as dicts."""
        ...
