"""Erasing a review for good (a partnership withdraws it; the right to erasure): the review
in the store, the caches and files around it, and the free pages that could still hold it.

Before a review leaves the store, what its clean-up needs (the keys of its cached vectors,
its file paths; never its text) is written to DATA_DIR/erasures-pending.json, and crossed
off once every clean-up step is done. The steps can be run again and again, so an erasure
stopped part-way (a full disk, a damaged cache file) is finished by the next one, or by
`casegraph delete --finish`.

One function, used by `casegraph delete` and by the app's Library page.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casegraph.text import counted
from graph.derived_files import damaged_copies, delete_with_journals, is_damaged
from graph.store import Store, StoreUnavailable
from ingest.copy_index import forget_signatures, signatures_file
from ingest.embed import text_key
from ingest.pipeline import content_hash, review_id_for

PENDING_FILE = "erasures-pending.json"


@dataclass
class ErasureReport:
    removed: list[str] = field(default_factory=list)  # review ids
    unknown: list[str] = field(default_factory=list)
    passages: int = 0
    quotes: int = 0
    cached_vectors: int = 0
    files: list[str] = field(default_factory=list)  # uploaded copies removed
    finished: list[str] = field(default_factory=list)  # erasures left part-way, finished now


class ErasureIncomplete(StoreUnavailable):
    """Reviews are out of the store, but a clean-up step failed: run the erasure again.
    (A StoreUnavailable, so that every command and page says it in one line.)"""

    def __init__(self, review_ids: list[str], step: str, error: Exception, data_dir: Path):
        self.review_ids = review_ids
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
        super().__init__(
            f"the erasure of {counted(len(review_ids), 'review')} ({', '.join(review_ids)}) "
            f"stopped part-way: out of the store, but removing {step} failed "
            f"({reason or type(error).__name__}), so traces may remain in {data_dir}; "
            f"finish it with `casegraph delete --finish --data-dir {data_dir}`"
        )


def quotes_taken_from(store: Store, review_ids: list[str]) -> list[dict[str, str]]:
    """The quotes of every collection copied from these reviews (to ask before removing)."""
    wanted = set(review_ids)
    return [
        {**quote, "collection": collection["name"]}
        for collection in store.collections()
        for quote in store.quotes(collection["name"])
        if quote.get("review_id") in wanted
    ]


def pending_erasures(data_dir: Path) -> list[str]:
    """The reviews whose erasure stopped part-way (out of the store, not yet cleaned up)."""
    return sorted(PendingErasures(data_dir).reviews)


def erase_reviews(store: Store, data_dir: Path, review_ids: list[str]) -> ErasureReport:
    """Remove the reviews, their quotes, cached vectors, copy signatures and uploaded files,
    then compact the store's files; erasures left part-way before are finished with them.
    The caller holds `store.writer()`. Raises ErasureIncomplete when a clean-up step fails
    (the reviews are out of the store by then; running it again finishes the job)."""
    report = ErasureReport()
    pending = PendingErasures(data_dir)
    report.finished = sorted(set(pending.reviews) - set(review_ids))
    for review_id in review_ids:
        _erase_one(store, review_id, pending, report, data_dir)
    _clean_up(store, data_dir, pending, report)
    return report


def _erase_one(
    store: Store, review_id: str, pending: PendingErasures, report: ErasureReport, data_dir: Path
) -> None:
    """Take one review out of the store, its clean-up written down first."""
    stored = store.document(review_id)
    if stored is None:
        report.unknown.append(review_id)
        return
    texts = [str(p.get("text") or "") for p in stored.get("passages") or []]
    pending.add(review_id, sorted({text_key(t) for t in texts if t}), stored.get("paths") or [])
    try:
        erased = store.delete_review(review_id, with_quotes=True)
    except BaseException as error:
        if _still_stored(store, review_id):  # rolled back: nothing to clean up
            with contextlib.suppress(OSError):
                pending.drop(review_id)
            raise
        if not isinstance(error, Exception):  # Ctrl-C: the record stays for --finish
            raise
        # out of the graph, but a step after it failed (its search-index rows): on record
        raise ErasureIncomplete([review_id], "its search-index rows", error, data_dir) from error
    if erased is None:
        report.unknown.append(review_id)
        return
    report.removed.append(review_id)
    report.passages += len(erased.passage_texts)
    report.quotes += erased.quotes


def _still_stored(store: Store, review_id: str) -> bool:
    """Whether the review is still in the store; when that cannot be told, it may not be, so
    its clean-up stays on record."""
    try:
        return store.document(review_id) is not None
    except Exception:
        return False


def _clean_up(
    store: Store, data_dir: Path, pending: PendingErasures, report: ErasureReport
) -> None:
    """Every step, each safe to run again, for every review written down; then cross them off."""
    if not pending.reviews:
        return
    ids = sorted(pending.reviews)
    keys = sorted({key for entry in pending.reviews.values() for key in entry["keys"]})
    uploads = {review_id: entry["paths"] for review_id, entry in pending.reviews.items()}
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("their cached vectors", lambda: forget_vector_keys(store.embedding_cache, keys)),
        ("their copy signatures", lambda: forget_signatures(signatures_file(store), ids)),
        ("their uploaded files", lambda: _remove_all_uploads(data_dir, uploads)),
        ("the damaged cache files set aside", lambda: _remove_damaged_copies(store, data_dir)),
        ("their text from the store's free pages", lambda: _compact(store)),
    ]
    done: dict[str, Any] = {}
    for step, run in steps:
        try:
            done[step] = run()
        except Exception as error:
            raise ErasureIncomplete(ids, step, error, data_dir) from error
    report.cached_vectors += done["their cached vectors"]
    report.files += done["their uploaded files"]
    pending.clear()


def _compact(store: Store) -> None:
    compact = getattr(store, "compact", None)
    if compact is not None:  # the embedded store; a Neo4j server manages its own files
        compact()


def _remove_damaged_copies(store: Store, data_dir: Path) -> None:
    """Damaged cache files set aside (graph.derived_files) may hold erased reviews' text and
    cannot be cleaned row by row: they go whole."""
    for derived in (data_dir / "search.sqlite", signatures_file(store), store.embedding_cache):
        for copy in damaged_copies(derived):
            copy.unlink(missing_ok=True)


def _remove_all_uploads(data_dir: Path, uploads: dict[str, list[str]]) -> list[str]:
    return [
        removed
        for review_id, paths in uploads.items()
        for removed in _remove_uploads(data_dir, review_id, paths)
    ]


class PendingErasures:
    """DATA_DIR/erasures-pending.json: per review whose erasure has begun, the keys of its
    cached vectors and its file paths, until its clean-up is done."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / PENDING_FILE
        self.reviews: dict[str, dict[str, list[str]]] = self._read()

    def add(self, review_id: str, keys: list[str], paths: list[str]) -> None:
        self.reviews[review_id] = {"keys": keys, "paths": [str(p) for p in paths]}
        self._write()

    def drop(self, review_id: str) -> None:
        self.reviews.pop(review_id, None)
        self._write()

    def clear(self) -> None:
        self.reviews = {}
        self.path.unlink(missing_ok=True)

    def _read(self) -> dict[str, dict[str, list[str]]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            reviews = {
                str(review_id): {"keys": list(entry["keys"]), "paths": list(entry["paths"])}
                for review_id, entry in data["reviews"].items()
            }
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise StoreUnavailable(
                f"{self.path} cannot be read ({error}): it lists erasures stopped part-way. "
                "Move it aside, delete the caches in the data directory's cache folder (they "
                "are made again) and erase any review again to compact the store"
            ) from error
        return reviews

    def _write(self) -> None:
        if not self.reviews:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_name(self.path.name + ".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8") as file:
            json.dump({"reviews": self.reviews}, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)


def forget_vector_keys(cache: Path, keys: list[str]) -> int:
    """Delete the cached vectors under these keys and rewrite the cache file without them; a
    damaged cache file, which cannot be cleaned row by row, is deleted (it is only a cache)."""
    if not keys or not cache.exists():
        return 0
    try:
        return _delete_vectors(cache, keys)
    except sqlite3.DatabaseError as error:
        if not is_damaged(error):
            raise
        delete_with_journals(cache)
        return 0


def _delete_vectors(cache: Path, keys: list[str]) -> int:
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
