"""Erasing a review for good (a partnership withdraws it; the right to erasure): the review
in the store, the caches and files around it, and the free pages that could still hold it.

One function, used by `casegraph delete` and by the app's Library page.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from graph.store import Store
from ingest.copy_index import forget_signatures, signatures_file
from ingest.embed import text_key
from ingest.pipeline import content_hash, review_id_for


@dataclass
class ErasureReport:
    removed: list[str] = field(default_factory=list)  # review ids
    unknown: list[str] = field(default_factory=list)
    passages: int = 0
    quotes: int = 0
    cached_vectors: int = 0
    files: list[str] = field(default_factory=list)  # uploaded copies removed


def quotes_taken_from(store: Store, review_ids: list[str]) -> list[dict[str, str]]:
    """The quotes of every collection copied from these reviews (to ask before removing)."""
    wanted = set(review_ids)
    return [
        {**quote, "collection": collection["name"]}
        for collection in store.collections()
        for quote in store.quotes(collection["name"])
        if quote.get("review_id") in wanted
    ]


def erase_reviews(store: Store, data_dir: Path, review_ids: list[str]) -> ErasureReport:
    """Remove the reviews, their quotes, cached vectors, copy signatures and uploaded files,
    then compact the store's files; the caller holds `store.writer()`."""
    report = ErasureReport()
    texts: list[str] = []
    for review_id in review_ids:
        erased = store.delete_review(review_id, with_quotes=True)
        if erased is None:
            report.unknown.append(review_id)
            continue
        report.removed.append(review_id)
        report.passages += len(erased.passage_texts)
        report.quotes += erased.quotes
        texts += erased.passage_texts
        report.files += _remove_uploads(data_dir, review_id, erased.paths)
    if report.removed:
        report.cached_vectors = forget_vectors(store.embedding_cache, texts)
        forget_signatures(signatures_file(store), report.removed)  # ingest/copy_index.py
        compact = getattr(store, "compact", None)
        if compact is not None:  # the embedded store; a Neo4j server manages its own files
            compact()
    return report


def forget_vectors(cache: Path, texts: list[str]) -> int:
    """Delete the cached vectors of these texts and rewrite the cache file without them."""
    if not texts or not cache.exists():
        return 0
    keys = sorted({text_key(text) for text in texts})
    connection = sqlite3.connect(cache)
    try:
        removed = 0
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cursor = connection.execute(f"DELETE FROM vectors WHERE key IN ({marks})", chunk)
            removed += cursor.rowcount
        connection.commit()
        connection.execute("VACUUM")  # the deleted rows' pages are rewritten, not left free
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return removed


def _remove_uploads(data_dir: Path, review_id: str, paths: list[str]) -> list[str]:
    """Delete the review's files that the app keeps in DATA_DIR/uploads (never files
    elsewhere: those are the user's own), and only while a file still holds this review: an
    upload's name is reused once the file is gone, so the path may now hold another review."""
    uploads = (data_dir / "uploads").resolve()
    removed = []
    for path in paths:
        candidate = Path(path).resolve()
        if (
            candidate.is_relative_to(uploads)
            and candidate.is_file()
            and review_id_for(content_hash(candidate.read_bytes())) == review_id
        ):
            candidate.unlink()
            removed.append(str(candidate))
    return removed
