"""The one interface every storage backend implements."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from graph.filters import SearchFilters
from ingest.enrich import Enrichment
from ingest.types import ParsedDocument


def stored_spelling(name: str, matches: list[str]) -> str | None:
    """Of the stored collection names equal to `name` but for case (oldest first), the one
    spelt exactly so, else the oldest. Names that differ only in case stored before they
    matched so stay apart, each reached by its own spelling."""
    return name if name in matches else next(iter(matches), None)


class StoreLocked(Exception):
    """Another process is writing to the same data directory."""


class StoreFull(Exception):
    """Too little disk space left to store a review safely; the batch stops."""


class StoreUnavailable(Exception):
    """The store cannot be opened: not created yet, or held by another process too long."""


class IndexBehind(Exception):
    """A change was stored, but the search index could not follow it yet: searches may show
    the earlier value until the next writer of the store brings the index up to date."""

    def __init__(self, message: str, previous: str | None = None) -> None:
        super().__init__(message)
        self.previous = previous  # from `put`: the version the stored review replaced


DATABASE_LIBRARIES = ("kuzu",)  # the Neo4j driver raises errors of its own types


def from_database(error: BaseException) -> bool:
    """Whether `error` is a RuntimeError the database library raised itself (Kùzu says a full
    disk, a damaged file or a refused write so), not one of our own code's faults: the frame
    it was raised in belongs to the library."""
    if not isinstance(error, RuntimeError):
        return False
    frames = list(traceback.walk_tb(error.__traceback__))
    if not frames:
        return False
    module = str(frames[-1][0].f_globals.get("__name__", ""))
    return module.split(".")[0] in DATABASE_LIBRARIES


@dataclass
class Erased:
    """What delete_review removed, for the caches and files kept beside the store."""

    review_id: str
    passage_texts: list[str]
    paths: list[str]
    quotes: int


class Store(Protocol):
    """Where reviews live. Writes are per review and all-or-nothing; one writer at a time."""

    @property
    def embedding_cache(self) -> Path:
        """Local cache of passage vectors, keyed by text hash."""
        ...

    def writer(self) -> AbstractContextManager[Any]:
        """Be the single writer while the block runs; StoreLocked if another one is."""
        ...

    def last_change(self) -> str | None:
        """A stamp that moves on whenever a writer (of this process or another) finishes, so
        that a reader can tell its cached results are stale; None before any writer."""
        ...

    def known(self, content_sha256: str, version: str) -> str | None:
        """The review id stored whole for these bytes by this pipeline version, if any."""
        ...

    def put(
        self, document: ParsedDocument, version: str, enrichment: Enrichment | None = None
    ) -> str | None:
        """Store a review, replacing any earlier version; returns that version, if any.
        IndexBehind (with that version) when the review is stored but its search rows not."""
        ...

    def same_text(self, text_sha256: str) -> list[dict[str, Any]]:
        """The stored reviews ({id, file_name}) whose words are these (ingest.pipeline's
        text_fingerprint): a copy of a review saved again with other bytes finds the review."""
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

    def delete_review(self, review_id: str, with_quotes: bool = True) -> Erased | None:
        """Remove a review whole (passages, vectors, recommendations, persons, entities no other
        review mentions, its search-index rows and, if `with_quotes`, the quotes taken from
        it), in one transaction; None when there is no such review. See casegraph.erase for
        the caches and files around the store, and for compaction."""
        ...

    def query(
        self, cypher: str, parameters: dict[str, Any] | None = None, write: bool = False
    ) -> list[dict[str, Any]]:
        """Rows of a Cypher query, as dicts; in a read-only session unless `write`."""
        ...

    # -- search (issue: hybrid search, similar cases) ------------------------------------------

    def keyword_search(
        self, text: str, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]:
        """BM25 over passage text, best first: (passage id, score)."""
        ...

    def dense_search(
        self, vector: np.ndarray, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]:
        """Nearest passages by cosine similarity of their embeddings: (passage id, score)."""
        ...

    def document_frequencies(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """The number of passages, and how many contain each term (analysed as graph.bm25
        analyses text): how rare a query word is."""
        ...

    def passages(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Passages by id, with their review's title, type, year, partnership, file and path,
        and the passage's themes and agencies."""
        ...

    def passage_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Embeddings of the given passages."""
        ...

    def review_vectors(self) -> tuple[list[str], np.ndarray, dict[str, list[str]]]:
        """Review ids, their mean passage vectors (normalised), and each review's passage ids."""
        ...

    def review_profiles(self) -> dict[str, dict[str, Any]]:
        """Per review: title, review_type, year, age_band, outcome, document_kind, the sets
        of themes and agencies of its passages, theme_counts (passages carrying each theme)
        and narrative_ids (its case-narrative passages, in order)."""
        ...

    # -- quote collections --------------------------------------------------------------------

    def save_quote(self, collection: str, quote: dict[str, Any]) -> str:
        """Copy a passage into a named collection (created if new); returns the quote id.
        KeyError when the passage is not stored."""
        ...

    def remove_quote(self, collection: str, quote_id: str) -> None: ...

    def reorder_quotes(self, collection: str, quote_ids: list[str]) -> None: ...

    def delete_collection(self, collection: str) -> None: ...

    def collection_name(self, collection: str) -> str | None:
        """The stored collection that `collection` names whatever its case, as it is spelt
        there (see stored_spelling), or None. Every method taking a collection name reads it
        so: "training" adds to, lists, exports and deletes "Training"."""
        ...

    def collections(self) -> list[dict[str, Any]]:
        """[{name, created, quotes}] in name order."""
        ...

    def quotes(self, collection: str) -> list[dict[str, Any]]:
        """The collection's quotes in their order, each a copy made when it was saved, with
        its review's `page_labels` (what cites its printed pages)."""
        ...

    def page_labels(self, review_ids: Iterable[str]) -> dict[str, str]:
        """{review id: its printed page labels as stored (JSON, ingest.page_labels)} for the
        reviews that have them; none from a store made before they were kept."""
        ...

    # -- briefing drafts and saved searches (plain JSON documents, by name) ------------------

    def save_draft(self, collection: str, draft: dict[str, Any]) -> None:
        """Keep the trainer's briefing draft for a collection (replacing the last one)."""
        ...

    def draft(self, collection: str) -> dict[str, Any] | None:
        """The briefing draft saved for a collection, if any."""
        ...

    def save_search(self, name: str, search: dict[str, Any]) -> None:
        """Keep a named search (its query and filters), replacing one of the same name."""
        ...

    def saved_searches(self) -> list[dict[str, Any]]:
        """[{name, search, saved}] in name order."""
        ...

    def delete_search(self, name: str) -> None: ...

    # -- corrections by people (graph/corrections.py), saved inside `with store.writer():` ----

    def correct_theme(self, *corrections: dict[str, Any]) -> None:
        """Store passage-theme corrections of one review (accept, reject, add: a correction and
        those it implies, in one transaction) and apply them at once; every later write of the
        review applies them again."""
        ...

    def withdraw_theme_correction(
        self, withdrawal: dict[str, Any], ancestors: Mapping[str, list[str]] | None = None
    ) -> bool:
        """Take back a person's correction of a passage's theme (graph.corrections.
        theme_withdrawal) in one transaction: it is no longer in force, the withdrawal joins
        the history, and the machine's label applies again everywhere (the passage's themes,
        the review's, the search index). ValueError, with nothing changed, when no correction
        of the theme is in force or the passage would be left at odds with the implications
        between themes (`ancestors`: theme -> the themes it implies); KeyError for an unknown
        passage. Returns whether the passage carries the theme now."""
        ...

    def correct_field(self, *corrections: dict[str, Any]) -> None:
        """Store metadata corrections of one review (a correction and those it implies, in
        one transaction) and set the fields at once (and on re-ingest)."""
        ...

    def theme_corrections(self) -> list[dict[str, Any]]:
        """The theme corrections in force (the latest of each passage and theme), oldest first."""
        ...

    def theme_correction_history(self, passage_id: str | None = None) -> list[dict[str, Any]]:
        """Every theme correction ever saved, of one passage or all, oldest first: who made
        each and when (the latest of a passage and theme is the one in force)."""
        ...

    def field_corrections(self, review_id: str | None = None) -> list[dict[str, Any]]:
        """Metadata corrections in force (the latest of each review and field), of one review
        or all, oldest first."""
        ...

    def field_correction_history(self, review_id: str | None = None) -> list[dict[str, Any]]:
        """Every metadata correction ever saved, of one review or all, newest first: field,
        value, the machine's value it overrode (only when the parser recorded one), who, when,
        note and whether it is the one in force."""
        ...
