"""The default store: an embedded Kùzu graph in the data directory (DATA_DIR/graph.kuzu).

Each review is written in one transaction, so a crash leaves the previous version or
nothing. One writer at a time holds DATA_DIR/.writer.lock; a second is refused. Kùzu
lets one process open the file for writing, or several for reading, so the writer
holds it only for short spells between reviews and readers wait for their turn.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

from graph import kuzu_queries as q
from graph import writes
from graph.citations import find_citations
from graph.corrections import (
    correction_event,
    field_history,
    one_review,
    quote_updates,
    theme_history,
)
from graph.filters import SearchFilters
from graph.passage_index import PassageIndex
from graph.schema import (
    AGENCY,
    BRIEFING_DRAFT,
    QUOTE_FIELDS,
    SAVED_SEARCH,
    ReviewRows,
    assemble_document,
    review_list,
    review_rows,
    taxonomy_rows,
    with_page_labels,
)
from graph.store import (
    Erased,
    IndexBehind,
    StoreFull,
    StoreLocked,
    StoreUnavailable,
    stored_spelling,
)
from ingest.enrich import Enrichment
from ingest.types import ParsedDocument

# The writer closes the file (a checkpoint) only when a reader has said it is waiting:
# closing after every review would make Kùzu's file grow tenfold (measured: 144 KB a
# passage at 300 reviews against 11 KB when held open) and each write ten times slower.
READERS_WAITING = ".readers-waiting"
LOCK_TIMEOUT = 60.0  # how long to wait for the other side to let go of the file
WRITER_WAIT = 3600.0  # then, while a live writer holds the store, readers wait this much more
WAIT_REPORT = 10.0  # seconds between two "still waiting" lines
FIRST_WAIT_REPORT = 3.0  # a reader kept waiting longer than this says so
READER_POLL = 0.2  # how often a writer between two writes looks for waiting readers
MIN_FREE_BYTES = 64 * 2**20  # never fill the disk past this: Kùzu needs room to checkpoint


class KuzuStore:
    """Reviews, passages, themes and entities in an embedded Kùzu database."""

    def __init__(
        self,
        data_dir: Path,
        themes: list[dict[str, Any]] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        self.root = Path(data_dir)
        self.path = self.root / "graph.kuzu"
        self.themes = themes if themes is not None else taxonomy_rows()
        self.lock_timeout = lock_timeout
        self.index = PassageIndex(
            self.root / "search.sqlite",
            writing=self._writer_active,
            rebuild=self._rebuild_index,
            upgrades=lambda: self._writing,
        )
        self._db: Any = None
        self._writing = False
        self._last_wait_report = 0.0
        # One store object is shared by every session and script thread of the app: a call
        # holds the database handle from open to close, so no thread closes it under another.
        self._lock = threading.RLock()

    # -- sessions ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def writer(self) -> Iterator[KuzuStore]:
        """Be the one writer of this data directory while the block runs."""
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            with contextlib.suppress(OSError):  # private even if it was made before, by others
                self.root.chmod(0o700)
            # "a", not "w": opening must not touch the time last_change reads
            lock_file = open(self.root / ".writer.lock", "a")  # noqa: SIM115 (closed below)
        except OSError as error:  # a read-only mount or a folder of someone else's
            raise StoreUnavailable(
                f"cannot write to {self.root} ({error.strerror or error}): it is read-only "
                "here; read commands still work, changes need a writable copy"
            ) from error
        with lock_file as lock:
            if not _try_lock(lock):
                raise StoreLocked(
                    f"another casegraph process is writing to {self.root}; wait for it to finish"
                )
            self._writing = True
            idle = threading.Event()
            watcher = threading.Thread(target=self._let_readers_in, args=(idle,), daemon=True)
            try:
                with self._connection() as conn:
                    self._ensure_schema(conn)
                    try:
                        self._reconcile_index(conn)
                    except sqlite3.OperationalError as error:  # the index file stayed locked
                        raise StoreUnavailable(
                            f"the search index in {self.root} is busy ({error}): another "
                            "process is upgrading or writing it; try again in a minute"
                        ) from error
                watcher.start()
                yield self
            finally:
                idle.set()
                if watcher.is_alive():
                    watcher.join()
                self._writing = False
                self._close()
                with contextlib.suppress(OSError):
                    os.utime(lock.fileno())  # last_change: a reader's cache is stale now
            # built here, once per batch, rather than by the next search (25 s at 300,000)
            self.index.current_keyword_matrix()

    def _let_readers_in(self, done: threading.Event) -> None:
        """While the writer parses and enriches a review (a large PDF takes a minute), it holds
        no connection: a reader waiting then gets the file at once, not at the next write."""
        while not done.wait(READER_POLL):
            if self._readers_waiting() and self._lock.acquire(blocking=False):
                try:
                    self._close()  # the next write opens the database again
                finally:
                    self._lock.release()

    def last_change(self) -> str | None:
        try:
            return str((self.root / ".writer.lock").stat().st_mtime_ns)
        except OSError:
            return None  # nobody has written here yet

    def _writer_active(self) -> bool:
        """Whether this process or another one is writing to the store right now."""
        if self._writing:
            return True
        try:
            with open(self.root / ".writer.lock", "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
                fcntl.flock(lock, fcntl.LOCK_UN)
        except BlockingIOError:
            return True
        except OSError:
            return False  # no data directory yet, or a read-only one: nobody is writing
        return False

    @contextlib.contextmanager
    def _connection(self) -> Iterator[Any]:
        with self._lock, self._connection_unlocked() as connection:
            yield connection

    def require_existing(self) -> None:
        """Stop with one line when nothing was ever ingested here (a mistyped --data-dir)."""
        if not self.path.exists():
            raise StoreUnavailable(f"no store at {self.root}: run `casegraph ingest` first")

    @contextlib.contextmanager
    def _connection_unlocked(self) -> Iterator[Any]:
        import kuzu

        if self._db is not None and self._writing and self._readers_waiting():
            self._close()  # give the waiting readers their turn
        if self._db is None:
            if not self._writing:
                self.require_existing()
            self._db = self._open(kuzu)
        connection = kuzu.Connection(self._db)
        try:
            yield connection
        finally:
            connection.close()
            if not self._writing:
                self._close()

    def _open(self, kuzu: Any) -> Any:
        deadline = time.monotonic() + self.lock_timeout
        self._last_wait_report = 0.0
        flag = self.root / READERS_WAITING
        try:
            while True:
                try:
                    return kuzu.Database(str(self.path), read_only=not self._writing)
                except RuntimeError as error:
                    # held by the writer, or caught between its close and checkpoint
                    busy = any(word in str(error).lower() for word in ("lock", "shadow pages"))
                    if not busy or time.monotonic() > deadline + self._writer_grace():
                        raise StoreUnavailable(f"cannot open {self.path}: {error}") from error
                    waited = time.monotonic() - deadline + self.lock_timeout
                    if waited > FIRST_WAIT_REPORT:
                        self._say_waiting(waited)
                    if not self._writing:
                        with contextlib.suppress(OSError):  # read-only: nobody writes
                            flag.touch()  # ask the writer to let go between two reviews
                        if "shadow pages" in str(error).lower() and self._no_writer():
                            kuzu.Database(str(self.path)).close()  # replay what a crash left
                    time.sleep(0.05)
        finally:
            if not self._writing:
                with contextlib.suppress(OSError):  # a read-only data directory
                    flag.unlink(missing_ok=True)

    def _writer_grace(self) -> float:
        """How much longer than `lock_timeout` a reader waits: as long as a live writer is
        storing one large review (a writer that is gone frees its lock at once)."""
        if self._writing or self._no_writer():
            return 0.0
        return WRITER_WAIT

    def _say_waiting(self, seconds: float) -> None:
        """Progress for a reader kept waiting by a long write: at once, then every WAIT_REPORT
        seconds."""
        if not self._last_wait_report or seconds - self._last_wait_report >= WAIT_REPORT:
            self._last_wait_report = seconds
            whom = (
                "readers to let go of the store"
                if self._writing
                else ("the writer to finish storing a review")
            )
            print(
                f"casegraph: waiting {seconds:.0f}s for {whom}…",
                file=sys.stderr,
                flush=True,
            )

    def _no_writer(self) -> bool:
        """True when no process holds the writer lock (so opening for writing is safe)."""
        lock_path = self.root / ".writer.lock"
        if not lock_path.exists():
            return True
        with open(lock_path) as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            fcntl.flock(lock, fcntl.LOCK_UN)
            return True

    def _readers_waiting(self) -> bool:
        return (self.root / READERS_WAITING).exists()

    def _close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _ensure_schema(self, conn: Any) -> None:
        """Ordered, idempotent steps: node and relationship tables, then the theme nodes."""
        for statement in [*q.SCHEMA, *q.CORRECTION_SCHEMA]:
            conn.execute(statement)
        if self.themes:
            conn.execute(q.UPSERT_THEMES, {"rows": self.themes})

    # -- writes -----------------------------------------------------------------------------

    @property
    def embedding_cache(self) -> Path:
        return self.root / "cache" / "embeddings.sqlite"

    def put(
        self, document: ParsedDocument, version: str, enrichment: Enrichment | None = None
    ) -> str | None:
        rows = review_rows(document, version, enrichment)
        self._check_space(document)
        self._note_pending(document.review_id)  # until its index rows are written
        with self._connection() as conn, _transaction(conn):
            replaced = writes.put_review(_reads(conn), conn.execute, q, rows)
        # The graph is the truth; a crash or failure here is mended by _reconcile_index.
        try:
            self.index.replace_review(rows)
        except Exception as error:
            raise IndexBehind(
                f"stored, but the search index could not be updated ({error}); search will "
                "find this review once the next ingest or correction brings the index up to date",
                previous=replaced,
            ) from error
        self._done_pending(document.review_id)
        return replaced

    def _check_space(self, document: ParsedDocument) -> None:
        """Refuse to start a review the disk may not hold: Kùzu aborts the whole process when
        a write fails for want of space, so the check comes before, never after."""
        free = shutil.disk_usage(self.root).free
        # text, passages, vectors and index rows, several times over while checkpointing
        needed = MIN_FREE_BYTES + 40 * len(document.text) + 20_000 * len(document.passages)
        if free < needed:
            raise StoreFull(
                f"the disk holding {self.root} is (nearly) full: {free / 2**20:,.0f} MB free, "
                f"{needed / 2**20:,.0f} MB needed to store {document.file_name} safely; "
                "free some space and run the ingest again"
            )

    def add_path(self, content_sha256: str, path: str) -> None:
        with self._connection() as conn:
            conn.execute(q.ADD_PATH, {"sha": content_sha256, "path": path})

    def link_citations(self) -> int:
        """Recompute every CITES edge from the stored reviews; returns how many there are."""
        with self._connection() as conn:
            reviews = _dicts(conn.execute(q.CITATION_SIGNATURES))
            texts = [(row[0], row[1]) for row in _rows(conn.execute(q.REVIEW_TEXTS))]
            citations = find_citations(reviews, texts)
            with _transaction(conn):
                conn.execute(q.DELETE_CITATIONS)
                if citations:
                    conn.execute(q.CREATE_CITATIONS, {"rows": citations})
        return len(citations)

    def delete_review(self, review_id: str, with_quotes: bool = True) -> Erased | None:
        """Remove a review whole in one transaction, then its search-index rows."""
        with self._connection() as conn, _transaction(conn):
            erased = writes.erase_review(_reads(conn), conn.execute, q, review_id, with_quotes)
        if erased is not None:
            self.index.drop_review(review_id)
        return erased

    def compact(self) -> None:
        """Rewrite the database file from its live data only, so that nothing deleted can be
        read back from its free pages: export, import into a fresh file, swap atomically."""
        import kuzu

        export = self.root / ".compact-export"
        fresh = self.root / "graph.kuzu.compact"
        shutil.rmtree(export, ignore_errors=True)
        for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
            leftover.unlink(missing_ok=True)
        try:
            with self._lock:
                with self._connection() as conn:
                    conn.execute(f"EXPORT DATABASE '{export}'")
                self._close()
                database = kuzu.Database(str(fresh))
                connection = kuzu.Connection(database)
                connection.execute(f"IMPORT DATABASE '{export}'")
                connection.close()
                database.close()
                os.replace(fresh, self.path)
                self.path.with_name(self.path.name + ".wal").unlink(missing_ok=True)
        finally:
            shutil.rmtree(export, ignore_errors=True)
            fresh.unlink(missing_ok=True)
        self.index.compact()
        # the keyword matrix holds the words of every passage: rebuilt without the dropped ones
        self.index.current_keyword_matrix()

    def _rebuild_index(self) -> None:
        """Fill a search index made afresh (its damaged file was set aside) from the graph."""
        if self.path.exists():
            with self._connection() as conn:
                self._reconcile_index(conn)

    def _reconcile_index(self, conn: Any) -> None:
        """Bring the search index in step with the graph after a crash between the two: a
        review stored, erased or corrected whose index rows were not written."""
        in_graph = {row["id"]: row["version"] for row in _dicts(conn.execute(q.INDEX_REVIEWS))}
        in_index = self.index.versions()
        corrected = self._pending_file.read_text().split() if self._pending_file.exists() else []
        for review_id in in_index.keys() - in_graph.keys():
            self.index.drop_review(review_id)
        for review_id, version in in_graph.items():
            if in_index.get(review_id) != version or review_id in corrected:
                self.index.replace_review(_index_rows(conn, review_id))
        if self._writing:  # a reader mending a damaged index leaves the writer's list alone
            self._pending_file.unlink(missing_ok=True)

    @property
    def _pending_file(self) -> Path:
        """The reviews corrected since their index rows were last written, one id a line."""
        return self.root / "index-pending"

    def _note_pending(self, review_id: str) -> None:
        """DATA_DIR/index-pending lists the reviews whose index rows may lag the graph."""
        with self._pending_file.open("a") as pending:
            pending.write(review_id + "\n")

    def _done_pending(self, review_id: str) -> None:
        with contextlib.suppress(OSError):
            kept = [rid for rid in self._pending_file.read_text().split() if rid != review_id]
            if kept:
                self._pending_file.write_text("".join(rid + "\n" for rid in kept))
            else:
                self._pending_file.unlink()

    @contextlib.contextmanager
    def _index_follows(self, conn: Any, review_id: str) -> Iterator[None]:
        """Around a correction: the review is noted as pending before the graph changes, and
        its index rows are rewritten after; if that fails the change stands (IndexBehind) and
        the next writer's reconcile rewrites them."""
        self._note_pending(review_id)
        yield
        try:
            self.index.replace_review(_index_rows(conn, review_id))
        except Exception as error:
            raise IndexBehind(
                f"saved, but the search index could not be updated ({error}); searches may "
                "show the earlier value until the next ingest or correction brings it up to date"
            ) from error
        self._done_pending(review_id)

    # -- search -----------------------------------------------------------------------------

    def keyword_search(
        self, text: str, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]:
        return self.index.keyword(text, k, filters)

    def dense_search(
        self, vector: np.ndarray, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]:
        return self.index.dense(vector, k, filters)

    def document_frequencies(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        return self.index.document_frequencies(terms)

    def passages(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        return self.index.passages(ids)

    def passage_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        return self.index.vectors_of(ids) if ids else {}

    def review_vectors(self) -> tuple[list[str], np.ndarray, dict[str, list[str]]]:
        return self.index.review_vectors()

    def review_profiles(self) -> dict[str, dict[str, Any]]:
        return self.index.review_profiles()

    # -- quote collections ------------------------------------------------------------------

    def save_quote(self, collection: str, quote: dict[str, Any]) -> str:
        """Add a copy of a passage to a named collection (created if new, else the one its
        name matches whatever the case); returns its id. KeyError when the passage is not
        stored (its review erased since the page that offered it was drawn)."""
        fields = {name: quote.get(name) for name in QUOTE_FIELDS}
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._connection() as conn:
            if not _rows(conn.execute(q.PASSAGE_REVIEW, {"id": fields["passage_id"]})):
                raise KeyError(fields["passage_id"])
            name = _collection(conn, collection)
            quote_id = hashlib.sha256(f"{name}\n{fields['passage_id']}".encode()).hexdigest()[:20]
            if _rows(conn.execute(q.QUOTE_EXISTS, {"id": quote_id})):
                return quote_id  # already in this collection
            with _transaction(conn):
                conn.execute(q.MERGE_COLLECTION, {"name": name, "now": now})
                conn.execute(q.ADD_QUOTE, {"name": name, "id": quote_id, "now": now, **fields})
        return quote_id

    def remove_quote(self, collection: str, quote_id: str) -> None:
        with self._connection() as conn:
            params = {"name": _collection(conn, collection), "id": quote_id}
            conn.execute(q.REMOVE_QUOTE, params)

    def reorder_quotes(self, collection: str, quote_ids: list[str]) -> None:
        rows = [{"id": quote_id, "position": n} for n, quote_id in enumerate(quote_ids, start=1)]
        with self._connection() as conn:
            conn.execute(q.SET_POSITION, {"name": _collection(conn, collection), "rows": rows})

    def delete_collection(self, collection: str) -> None:
        with self._connection() as conn:
            name = _collection(conn, collection)
            with _transaction(conn):
                for statement in q.DELETE_COLLECTION:
                    conn.execute(statement, {"name": name})

    def collection_name(self, collection: str) -> str | None:
        if not self.path.exists():
            return None
        with self._connection() as conn:
            return _stored_collection(conn, collection)

    def collections(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self._connection() as conn:
            return _dicts(conn.execute(q.COLLECTIONS))

    def quotes(self, collection: str) -> list[dict[str, Any]]:
        with self._connection() as conn:
            found = _dicts(conn.execute(q.QUOTES, {"name": _collection(conn, collection)}))
        return with_page_labels(found, self.page_labels({row["review_id"] for row in found}))

    def page_labels(self, review_ids: Iterable[str]) -> dict[str, str]:
        ids = list(review_ids)
        if not ids:
            return {}
        with self._connection() as conn:
            # a store made before labels were kept has no such column until a writer opens it,
            # and Kùzu refuses a query that names one
            if "page_labels" not in {row[0] for row in _rows(conn.execute(q.REVIEW_TABLE_COLUMNS))}:
                return {}
            rows = _dicts(conn.execute(q.PAGE_LABELS, {"ids": ids}))
        return {row["id"]: row["labels"] for row in rows}

    # -- briefing drafts and saved searches -------------------------------------------------

    def save_draft(self, collection: str, draft: dict[str, Any]) -> None:
        name = self.collection_name(collection) or collection
        self._save_document(BRIEFING_DRAFT, name, draft)

    def draft(self, collection: str) -> dict[str, Any] | None:
        name = self.collection_name(collection) or collection
        rows = self._documents(q.read_document(BRIEFING_DRAFT), {"name": name})
        return json.loads(rows[0]["body"]) if rows else None

    def save_search(self, name: str, search: dict[str, Any]) -> None:
        self._save_document(SAVED_SEARCH, name, search)

    def saved_searches(self) -> list[dict[str, Any]]:
        rows = self._documents(q.list_documents(SAVED_SEARCH), {})
        return [{**row, "search": json.loads(row.pop("body"))} for row in rows]

    def delete_search(self, name: str) -> None:
        with self._connection() as conn:
            conn.execute(q.delete_document(SAVED_SEARCH), {"name": name})

    def _save_document(self, label: str, name: str, body: dict[str, Any]) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        params = {"name": name, "body": json.dumps(body, ensure_ascii=False), "now": now}
        with self._connection() as conn:
            conn.execute(q.save_document(label), params)

    def _documents(self, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Rows of a read of drafts, saved searches or the correction history; none in a store
        made before their table was."""
        if not self.path.exists():
            return []
        try:
            with self._connection() as conn:
                return _dicts(conn.execute(cypher, params))
        except RuntimeError as error:
            if "does not exist" in str(error):
                return []  # the table is created by the next writer
            raise

    # -- corrections by people ----------------------------------------------------------------

    def correct_theme(self, *corrections: dict[str, Any]) -> None:
        """Store theme corrections of one review's passages and apply them to the graph and the
        index now, all in one transaction."""
        review_id = one_review(corrections)
        with (
            self._connection() as conn,
            self._index_follows(conn, review_id),
            _transaction(conn),
        ):
            for correction in corrections:
                conn.execute(q.SAVE_THEME_CORRECTION, correction)
                conn.execute(q.SAVE_THEME_CORRECTION_EVENT, correction_event(correction))
            writes.apply_theme_corrections(_reads(conn), conn.execute, q, review_id, corrections)

    def withdraw_theme_correction(
        self, withdrawal: dict[str, Any], ancestors: Mapping[str, list[str]] | None = None
    ) -> bool:
        """Take back the correction in force of a passage's theme and apply the machine's label
        again, in one transaction, then the search index (see graph.writes)."""
        with self._connection() as conn:
            found = _dicts(conn.execute(q.PASSAGE_REVIEW, {"id": withdrawal["passage_id"]}))
            if not found:
                raise KeyError(withdrawal["passage_id"])
            review_id = str(found[0]["review_id"])
            with self._index_follows(conn, review_id), _transaction(conn):
                read = lambda statement, params: _dicts(conn.execute(statement, params))  # noqa: E731
                return writes.withdraw_theme_correction(
                    read, conn.execute, q, withdrawal, ancestors or {}
                )

    def correct_field(self, *corrections: dict[str, Any]) -> None:
        """Store metadata corrections of one review (a correction and those it implies) and
        set the fields now, all in one transaction."""
        review_id = one_review(corrections)
        with self._connection() as conn, self._index_follows(conn, review_id):
            with _transaction(conn):
                updates = writes.correct_fields(
                    _reads(conn), conn.execute, q, review_id, corrections
                )
            # Kùzu 0.11.3 can leave a text column that was set in place unreadable once more
            # rows are added to the table later (a scan of every review's title then crashes
            # the process). Checkpointing, then writing the whole column again, leaves it
            # sound; at 1,500 reviews that is a few milliseconds.
            if rewrites := q.rewrite_strings(updates, quote_updates(updates)):
                conn.execute("CHECKPOINT")
                for statement in rewrites:
                    conn.execute(statement)

    def theme_corrections(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self._connection() as conn:
            return _dicts(conn.execute(q.THEME_CORRECTIONS))

    def theme_correction_history(self, passage_id: str | None = None) -> list[dict[str, Any]]:
        current = [c for c in self.theme_corrections() if passage_id in (None, c["passage_id"])]
        events = self._documents(q.THEME_CORRECTION_HISTORY, {"passage": passage_id})
        return theme_history(events, current)

    def field_corrections(self, review_id: str | None = None) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self._connection() as conn:
            return _dicts(conn.execute(q.FIELD_CORRECTIONS, {"id": review_id}))

    def field_correction_history(self, review_id: str | None = None) -> list[dict[str, Any]]:
        events = self._documents(q.FIELD_CORRECTION_HISTORY, {"id": review_id})
        return field_history(events, self.field_corrections(review_id))

    # -- reads ------------------------------------------------------------------------------

    def known(self, content_sha256: str, version: str) -> str | None:
        with self._connection() as conn:
            params = {"sha": content_sha256, "version": version, "enriched": f"{version}+"}
            for row in _dicts(conn.execute(q.KNOWN, params)):
                if row["expected"] == row["stored"]:
                    return str(row["id"])
        return None

    def same_text(self, text_sha256: str) -> list[dict[str, Any]]:
        with self._connection() as conn:
            return _dicts(conn.execute(q.SAME_TEXT, {"text": text_sha256}))

    def reviews(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self._connection() as conn:
            return review_list(_dicts(conn.execute(q.REVIEWS)))

    def document(self, review_id: str) -> dict[str, Any] | None:
        """A stored review as plain data: metadata with pages, passages with their themes."""
        with self._connection() as conn:
            found = _dicts(conn.execute(q.GET_REVIEW, {"id": review_id}))
            if not found:
                return None
            review = {key.removeprefix("r."): value for key, value in found[0].items()}
            passages = _dicts(conn.execute(q.PASSAGES, {"id": review_id}))
            passage_themes = _dicts(conn.execute(q.PASSAGE_THEMES, {"id": review_id}))
            review_themes = _dicts(conn.execute(q.REVIEW_THEMES, {"id": review_id}))
        return assemble_document(review, passages, passage_themes, review_themes)

    def query(
        self, cypher: str, parameters: dict[str, Any] | None = None, write: bool = False
    ) -> list[dict[str, Any]]:
        """Run Cypher and return rows as dicts (the caller decides what may be run); outside
        `writer()` the database is opened read-only whatever `write` says."""
        with self._connection() as conn:
            return _dicts(conn.execute(cypher, parameters or {}))


def _index_rows(conn: Any, review_id: str) -> ReviewRows:
    """The rows the search index needs for one review, read back from the graph."""
    [review] = _dicts(conn.execute(q.INDEX_REVIEW, {"id": review_id}))
    passages = _dicts(conn.execute(q.INDEX_PASSAGES, {"id": review_id}))
    evidences = _dicts(conn.execute(q.INDEX_EVIDENCES, {"id": review_id}))
    agencies = _dicts(conn.execute(q.INDEX_AGENCIES, {"id": review_id}))
    return ReviewRows(review, passages, evidences, [], {AGENCY: agencies}, None, [], [])


def _reads(conn: Any) -> writes.Read:
    """Rows of a statement as dicts, for graph.writes."""
    return lambda statement, params: _dicts(conn.execute(statement, params))


def _stored_collection(conn: Any, name: str) -> str | None:
    matches = [row[0] for row in _rows(conn.execute(q.COLLECTIONS_NAMED, {"name": name}))]
    return stored_spelling(name, matches)


def _collection(conn: Any, name: str) -> str:
    """The name to read or write a collection by: the stored one `name` matches whatever the
    case, or `name` itself for a new collection."""
    return _stored_collection(conn, name) or name


@contextlib.contextmanager
def _transaction(conn: Any) -> Iterator[None]:
    """One Kùzu transaction: committed when the block ends, rolled back when it raises (a
    failed rollback never hides the error that caused it)."""
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")
        raise


def _rows(result: Any) -> list[list[Any]]:
    found = []
    while result.has_next():
        found.append(result.get_next())
    return found


def _dicts(result: Any) -> list[dict[str, Any]]:
    names = result.get_column_names()
    return [dict(zip(names, map(_plain, row), strict=True)) for row in _rows(result)]


def _plain(value: Any) -> Any:
    """Kùzu returns sums as Decimal; callers (and JSON) want int or float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _try_lock(lock: Any) -> bool:
    """Take the writer lock if no one holds it. A reader asking whether a writer is active
    holds it shared for microseconds, so a few short retries tell that apart from a writer."""
    for attempt in range(5):
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            time.sleep(0.02 * (attempt + 1))
    return False
