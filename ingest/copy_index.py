"""Find the stored review a new document nearly copies (ingest.near_copies compares).

Each stored review's trigram sample (its signature) is kept in DATA_DIR/cache/
copy-signatures.sqlite, derived data like the embedding cache: reading every stored
passage at each batch would cost a minute at 300,000 passages. A review stored before
the cache existed is read from the store once and its signature kept. The reviews that
pass the first cut (a few at most) are then compared passage by passage.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from graph.derived_files import damage_warning, delete_with_journals, is_damaged, set_aside
from graph.store import Store
from ingest import near_copies
from ingest.types import ParsedDocument

MAX_CANDIDATES = 3
TABLE = "signatures_v1"  # a new name when near_copies.signature changes what it samples


@dataclass(frozen=True)
class NearCopy:
    review_id: str
    title: str
    file_name: str
    shared: int
    compared: int

    def warning(self, own_id: str) -> str:
        title = f"'{self.title}'" if self.title else self.file_name
        return (
            f"a near-copy of review {self.review_id} {title} ({self.file_name}): "
            f"{self.shared} of its {self.compared} passages repeat that review's "
            f"({round(100 * self.shared / self.compared)}%). Both are stored and counted; if "
            f"they are the same review, delete one: casegraph delete {own_id} (this file) or "
            f"casegraph delete {self.review_id}"
        )


class CopyIndex:
    """The stored reviews' signatures, read once per batch and added to as reviews are stored."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = signatures_file(store)
        self.signatures: dict[str, np.ndarray] | None = None
        self.reviews: dict[str, dict[str, Any]] = {}
        self.last_sample: tuple[str, np.ndarray] | None = None  # find's, for add to keep
        self.usable = True  # False once the file could not be read or written (see notes)
        self.notes: list[str] = []  # what went wrong with the file, for the batch to say

    def find(self, document: ParsedDocument, path: str) -> NearCopy | None:
        """The stored review (other than the document's own, or one met at the same path)
        that most of the document's passages repeat."""
        texts = [passage.text for passage in document.passages]
        sample = near_copies.signature(texts)
        self.last_sample = (document.review_id, sample)
        for review_id in self._candidates(sample, document.review_id, path):
            stored = self.store.document(review_id)
            if stored is None:
                continue
            found = near_copies.overlap(texts, _texts(stored))
            if found.is_near_copy:
                return NearCopy(
                    review_id,
                    stored.get("title") or "",
                    stored.get("file_name") or "",
                    found.shared,
                    found.compared,
                )
        return None

    def earlier_versions(self, path: str, own_id: str) -> list[dict[str, Any]]:
        """The other stored reviews last read from this file: its earlier versions, kept
        when the file changed (a new version is a new review; the old one is not deleted)."""
        self._loaded()
        here = Path(path).resolve()
        return [
            row
            for review_id, row in self.reviews.items()
            if review_id != own_id
            and any(Path(p).resolve() == here for p in row.get("paths") or [])
        ]

    def add(self, document: ParsedDocument, path: str) -> None:
        """Keep the signature of a review just stored (usually the one `find` looked at)."""
        if self.last_sample is not None and self.last_sample[0] == document.review_id:
            sample = self.last_sample[1]
        else:
            sample = near_copies.signature([passage.text for passage in document.passages])
        self._loaded()[document.review_id] = sample
        paths = self.reviews.setdefault(document.review_id, {}).get("paths") or []
        self.reviews[document.review_id]["paths"] = [*paths, path]
        self._save({document.review_id: sample})

    def _candidates(self, sample: np.ndarray, own_id: str, path: str) -> list[str]:
        shares = [
            (near_copies.share_of(sample, other), review_id)
            for review_id, other in self._loaded().items()
            if review_id != own_id and path not in (self.reviews[review_id].get("paths") or [])
        ]
        passing = [pair for pair in shares if pair[0] >= near_copies.CANDIDATE_SHARE]
        return [review_id for _, review_id in sorted(passing, reverse=True)[:MAX_CANDIDATES]]

    def _loaded(self) -> dict[str, np.ndarray]:
        if self.signatures is None:
            self.reviews = {str(row["review_id"]): row for row in self.store.reviews()}
            kept = self._read()
            missing = {
                review_id: near_copies.signature(_texts(self.store.document(review_id) or {}))
                for review_id in self.reviews
                if review_id not in kept
            }
            self._save(missing)
            self.signatures = {
                review_id: {**kept, **missing}[review_id] for review_id in self.reviews
            }
        return self.signatures

    def take_notes(self) -> list[str]:
        """What went wrong with the signature file since last asked (for the user)."""
        notes, self.notes = self.notes, []
        return notes

    def _read(self) -> dict[str, np.ndarray]:
        """The kept signatures; none when the file is damaged (set aside, then made again
        from the stored reviews) or cannot be read (then they are kept in memory only)."""
        if not self.path.exists():
            return {}
        try:
            with closing(self._connect()) as db:
                rows = db.execute(f"SELECT review_id, sample FROM {TABLE}").fetchall()
        except sqlite3.Error as error:
            self._cannot_use(error)
            return {}
        return {review_id: np.frombuffer(blob, dtype=np.int64) for review_id, blob in rows}

    def _save(self, samples: dict[str, np.ndarray]) -> None:
        if not samples or not self.usable:
            return
        try:
            with closing(self._connect()) as db, db:
                db.executemany(
                    f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)",
                    [(review_id, sample.tobytes()) for review_id, sample in samples.items()],
                )
        except (sqlite3.Error, OSError) as error:  # the next batch reads what is missing again
            self._cannot_use(error)

    def _cannot_use(self, error: sqlite3.Error | OSError) -> None:
        """Set a damaged file aside (made again from the stored reviews); otherwise (read-only,
        full) keep the signatures in memory for this batch. Either way, say so once."""
        if isinstance(error, sqlite3.Error) and is_damaged(error):
            try:
                moved = set_aside(self.path)
            except OSError as failure:
                error = failure
            else:
                self.notes.append(
                    damage_warning(
                        "the copy-signature cache", self.path, error, moved,
                        "made again from the stored reviews",
                    )
                )  # fmt: skip
                return
        if self.usable:
            self.usable = False
            self.notes.append(
                f"the copy-signature cache {self.path} cannot be used ({error}): the "
                "signatures are kept in memory for this batch only; the next one reads the "
                "stored reviews again"
            )

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path.touch(mode=0o600, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:
            db.execute(
                f"CREATE TABLE IF NOT EXISTS {TABLE} (review_id TEXT PRIMARY KEY, sample BLOB)"
            )
        except sqlite3.Error:
            db.close()
            raise
        return db


def signatures_file(store: Store) -> Path:
    return Path(store.embedding_cache).parent / "copy-signatures.sqlite"


def forget_signatures(path: Path, review_ids: list[str]) -> int:
    """Delete these reviews' signatures (an erasure) and rewrite the file without them; a
    damaged file, which cannot be cleaned row by row, is deleted (it is made again)."""
    if not review_ids or not path.exists():
        return 0
    try:
        return _delete_signatures(path, review_ids)
    except sqlite3.DatabaseError as error:
        if not is_damaged(error):
            raise
        delete_with_journals(path)
        return 0


def _delete_signatures(path: Path, review_ids: list[str]) -> int:
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (review_id TEXT PRIMARY KEY, sample BLOB)")
        marks = ",".join("?" * len(review_ids))
        removed = db.execute(f"DELETE FROM {TABLE} WHERE review_id IN ({marks})", review_ids)
        count = removed.rowcount
        db.commit()
        db.execute("VACUUM")  # the deleted rows' pages are rewritten, not left free
    return count


def _texts(stored: dict[str, Any]) -> list[str]:
    passages = sorted(stored.get("passages") or [], key=lambda p: p.get("ordinal") or 0)
    return [str(passage.get("text") or "") for passage in passages]
