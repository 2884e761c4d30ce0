"""A Neo4j 5 (or Aura) store: the same graph as KuzuStore, on a server many processes share.

Each review is written in one explicit transaction, so a crash leaves the previous version
or nothing. One writer at a time holds a lease, a (:WriterLock {id: 'casegraph'}) node
naming its holder and expiry, renewed inside every write transaction; a second writer is
refused while the lease is live, and a writer whose lease was taken over can no longer
commit. Readers take no lock: they see committed reviews only.

Search runs on Neo4j's own full-text (Lucene BM25) and vector (HNSW) indexes. Quote
collections are written without the lease: they touch no review, and each change is one
transaction that locks its collection node (see save_quote).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from graph import neo4j_queries as q
from graph import writes
from graph.citations import find_citations
from graph.corrections import (
    correction_event,
    field_history,
    one_review,
    theme_history,
)
from graph.filters import SearchFilters
from graph.passage_index import query_terms
from graph.schema import (
    BRIEFING_DRAFT,
    EMBEDDING_DIM,
    QUOTE_FIELDS,
    SAVED_SEARCH,
    assemble_document,
    review_list,
    review_rows,
    taxonomy_rows,
    theme_scores,
    with_page_labels,
)
from graph.store import Erased, StoreLocked, StoreUnavailable, stored_spelling
from ingest.enrich import Enrichment
from ingest.types import ParsedDocument

LEASE_SECONDS = 600.0  # a writer that stops renewing loses the store after this long
# Not told about labels, types or property keys the database has never seen (a review
# without an author, no CITES yet): the driver would log each as a warning on stderr.
# Needs Neo4j 5.7 or later, as every supported 5.x release and Aura are.
QUIET = ["UNRECOGNIZED"]
# A filtered search asks the index for OVERFETCH times the results wanted, then WIDEN times
# more while the filters leave too few, up to MAX_CANDIDATES.
OVERFETCH = 5
WIDEN = 4
MAX_CANDIDATES = 10_000

T = TypeVar("T")
ReviewVectors = tuple[list[str], np.ndarray, dict[str, list[str]]]


class Neo4jStore:
    """Reviews, passages, themes and entities in a Neo4j database."""

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str | None = None,
        themes: list[dict[str, Any]] | None = None,
        driver: Any = None,
        cache_dir: Path | None = None,
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self.uri = uri
        self.user = user
        self._password = password
        self.database = database
        self.themes = themes if themes is not None else taxonomy_rows()
        self.cache_dir = Path(cache_dir) if cache_dir is not None else Path("data") / "cache"
        self.lease_seconds = lease_seconds
        self._driver = driver
        self._owns_driver = driver is None
        self._holder: str | None = None  # this writer's lease token, while it holds one
        self._review_vectors: tuple[tuple[Any, Any], ReviewVectors] | None = None
        self._cache_lock = threading.Lock()

    # -- connections ------------------------------------------------------------------------

    @property
    def driver(self) -> Any:
        """The Neo4j driver, created on first use unless one was passed in."""
        if self._driver is None:
            import neo4j

            self._driver = neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self._password))
        return self._driver

    def close(self) -> None:
        """Close the driver this store created (a driver passed in is the caller's)."""
        if self._owns_driver and self._driver is not None:
            self._driver.close()
            self._driver = None

    @contextlib.contextmanager
    def _session(self, read_only: bool = False) -> Iterator[Any]:
        # READ sessions go to readers in a cluster, and the server refuses writes in them
        mode = {"default_access_mode": "READ"} if read_only else {}
        try:
            with self.driver.session(
                database=self.database, notifications_disabled_classifications=QUIET, **mode
            ) as session:
                yield session
        except Exception as error:
            if _unreachable(error):
                raise StoreUnavailable(f"cannot reach Neo4j at {self._where}: {error}") from error
            raise

    def _read(self, work: Callable[[Any], T]) -> T:
        """Run `work(tx)` in a managed read transaction (retried on transient errors)."""
        with self._session(read_only=True) as session:
            result: T = session.execute_read(work)
            return result

    def _update(self, work: Callable[[Any], T]) -> T:
        """Run `work(tx)` in a managed write transaction, without the writer's lease."""
        with self._session() as session:
            result: T = session.execute_write(work)
            return result

    @property
    def _where(self) -> str:
        return f"{self.uri} (database {self.database or 'default'})"

    # -- the writer -------------------------------------------------------------------------

    @contextlib.contextmanager
    def writer(self) -> Iterator[Neo4jStore]:
        """Set up the schema, then be the one writer of this database while the block runs."""
        holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        params = {"lock": q.LOCK_ID, "holder": holder, "lease_ms": self._lease_ms}
        with self._session() as session:
            for statement in [*q.SCHEMA, *q.CORRECTION_SCHEMA]:
                session.run(statement).consume()
            lease = session.run(q.ACQUIRE_LEASE, params).data()
            if lease and not lease[0]["acquired"] and _dead_here(lease[0]["holder"]):
                # a writer on this machine that was killed: its lease would block for minutes
                stale = {**params, "stale": lease[0]["holder"]}
                lease = session.run(q.TAKE_OVER_LEASE, stale).data()
        if not lease or not lease[0]["acquired"]:
            other = lease[0] if lease else {}
            raise StoreLocked(
                f"another casegraph writer ({other.get('holder', 'unknown')}) is writing to "
                f"{self._where}{_until(other)}; wait for it to finish"
            )
        self._holder = holder
        try:
            if self.themes:
                self._write(lambda tx: tx.run(q.UPSERT_THEMES, {"rows": self.themes}).consume())
            yield self
        finally:
            self._holder = None
            self._release(params)

    def _release(self, params: dict[str, Any]) -> None:
        # Failing to release must not hide the block's own error: the lease expires anyway.
        with contextlib.suppress(Exception), self._session() as session:
            session.run(q.MARK_CHANGE, {"meta": q.META_ID}).consume()  # for readers' caches
        with contextlib.suppress(Exception), self._session() as session:
            session.run(q.RELEASE_LEASE, params).consume()

    def last_change(self) -> str | None:
        rows = self._read(lambda tx: tx.run(q.LAST_CHANGE, {"meta": q.META_ID}).data())
        return str(rows[0]["changed"]) if rows and rows[0]["changed"] else None

    @property
    def _lease_ms(self) -> int:
        return int(self.lease_seconds * 1000)

    def _write(self, work: Callable[[Any], T]) -> T:
        """Run `work(tx)` in one explicit transaction that first renews this writer's lease."""
        if self._holder is None:
            raise RuntimeError("Neo4jStore writes happen inside `with store.writer():`")
        lease = {"lock": q.LOCK_ID, "holder": self._holder, "lease_ms": self._lease_ms}
        with self._session() as session:
            tx = session.begin_transaction()
            try:
                if not tx.run(q.RENEW_LEASE, lease).data():
                    raise StoreLocked(
                        f"this writer's lease on {self._where} expired and another writer "
                        "took it over; nothing was written"
                    )
                result = work(tx)
                tx.commit()
            except BaseException:
                if not tx.closed():
                    with contextlib.suppress(Exception):  # the server rolls back on its own
                        tx.rollback()
                raise
            return result

    # -- writes -----------------------------------------------------------------------------

    @property
    def embedding_cache(self) -> Path:
        return self.cache_dir / "embeddings.sqlite"

    def put(
        self, document: ParsedDocument, version: str, enrichment: Enrichment | None = None
    ) -> str | None:
        rows = review_rows(document, version, enrichment)

        def work(tx: Any) -> str | None:
            replaced = writes.put_review(_reads(tx), _runs(tx), q, rows)
            tx.run(q.BUMP_GENERATION, {"meta": q.META_ID}).consume()
            return replaced

        return self._write(work)

    def add_path(self, content_sha256: str, path: str) -> None:
        self._write(lambda tx: tx.run(q.ADD_PATH, {"sha": content_sha256, "path": path}).consume())

    def link_citations(self) -> int:
        """Recompute every CITES edge from the stored reviews; returns how many there are."""

        def work(tx: Any) -> int:
            reviews = tx.run(q.CITATION_SIGNATURES).data()
            texts = [(row["review"], row["text"]) for row in tx.run(q.REVIEW_TEXTS).data()]
            citations = find_citations(reviews, texts)
            tx.run(q.DELETE_CITATIONS).consume()
            if citations:
                tx.run(q.CREATE_CITATIONS, {"rows": citations}).consume()
            return len(citations)

        return self._write(work)

    # -- corrections by people ----------------------------------------------------------------

    def correct_theme(self, *corrections: dict[str, Any]) -> None:
        """Store theme corrections of one review's passages and apply them to the graph now,
        all in one transaction."""
        review_id = one_review(corrections)

        def work(tx: Any) -> None:
            for correction in corrections:
                tx.run(q.SAVE_THEME_CORRECTION, correction).consume()
                tx.run(q.SAVE_THEME_CORRECTION_EVENT, correction_event(correction)).consume()
            writes.apply_theme_corrections(_reads(tx), _runs(tx), q, review_id, corrections)
            tx.run(q.BUMP_GENERATION, {"meta": q.META_ID}).consume()

        self._write(work)

    def withdraw_theme_correction(
        self, withdrawal: dict[str, Any], ancestors: Mapping[str, list[str]] | None = None
    ) -> bool:
        """Take back the correction in force of a passage's theme and apply the machine's label
        again, in one transaction (see graph.writes)."""

        def work(tx: Any) -> bool:
            read = lambda statement, params: tx.run(statement, params).data()  # noqa: E731
            run = lambda statement, params: tx.run(statement, params).consume()  # noqa: E731
            carried = writes.withdraw_theme_correction(read, run, q, withdrawal, ancestors or {})
            tx.run(q.BUMP_GENERATION, {"meta": q.META_ID}).consume()
            return carried

        return self._write(work)

    def correct_field(self, *corrections: dict[str, Any]) -> None:
        """Store metadata corrections of one review (a correction and those it implies) and
        set the fields now, all in one transaction."""
        review_id = one_review(corrections)

        def work(tx: Any) -> None:
            writes.correct_fields(_reads(tx), _runs(tx), q, review_id, corrections)
            tx.run(q.BUMP_GENERATION, {"meta": q.META_ID}).consume()

        self._write(work)

    def theme_corrections(self) -> list[dict[str, Any]]:
        return self._read(lambda tx: tx.run(q.THEME_CORRECTIONS).data())

    def theme_correction_history(self, passage_id: str | None = None) -> list[dict[str, Any]]:
        current = [c for c in self.theme_corrections() if passage_id in (None, c["passage_id"])]
        events = self._read(
            lambda tx: tx.run(q.THEME_CORRECTION_HISTORY, {"passage": passage_id}).data()
        )
        return theme_history(events, current)

    def field_corrections(self, review_id: str | None = None) -> list[dict[str, Any]]:
        return self._read(lambda tx: tx.run(q.FIELD_CORRECTIONS, {"id": review_id}).data())

    def field_correction_history(self, review_id: str | None = None) -> list[dict[str, Any]]:
        events = self._read(lambda tx: tx.run(q.FIELD_CORRECTION_HISTORY, {"id": review_id}).data())
        return field_history(events, self.field_corrections(review_id))

    # -- search -----------------------------------------------------------------------------

    def keyword_search(
        self, text: str, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]:
        """Lucene BM25 over passage text and section titles, best first: (passage id, score)."""
        terms = query_terms(text)
        if not terms or k <= 0:
            return []
        return self._search(q.keyword_search, {"query": q.lucene_query(terms)}, k, filters)

    def dense_search(
        self, vector: np.ndarray, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]:
        """Nearest passages in the vector index, best first: (passage id, cosine similarity)."""
        values = np.asarray(vector, dtype=np.float64).ravel()
        if k <= 0 or not values.any() or not np.isfinite(values).all():
            return []  # Neo4j refuses a zero or non-finite vector for cosine similarity
        found = self._search(q.dense_search, {"vector": values.tolist()}, k, filters)
        return [(passage_id, 2.0 * score - 1.0) for passage_id, score in found]

    def document_frequencies(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """The number of passages, and how many contain each stemmed term (Lucene counts)."""

        def work(tx: Any) -> tuple[int, dict[str, int]]:
            total = int(tx.run(q.PASSAGE_TOTAL).single()["total"])
            found = {
                term: int(tx.run(q.TERM_FREQUENCY, {"query": q.lucene_phrase(term)}).single()["df"])
                for term in terms
            }
            return total, found

        return self._read(work)

    def _search(
        self,
        statement: Callable[[list[str]], str],
        values: dict[str, Any],
        k: int,
        filters: SearchFilters | None,
    ) -> list[tuple[str, float]]:
        """The k best passing the filters. The index ranks before the filters apply, so a
        filtered search over-fetches and widens until it has k or reaches MAX_CANDIDATES."""
        conditions, parameters = q.search_conditions(filters or SearchFilters())
        cypher = statement(conditions)
        most = max(MAX_CANDIDATES, k)
        candidates = min(k * OVERFETCH, most) if conditions else k
        while True:
            params = {**values, **parameters, "candidates": candidates, "k": k}
            rows = self._search_rows(cypher, params)
            if len(rows) >= k or not conditions or candidates >= most:
                return [(str(row["id"]), float(row["score"])) for row in rows]
            candidates = min(candidates * WIDEN, most)

    def _search_rows(self, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            return self._read(lambda tx: tx.run(cypher, params).data())
        except Exception as error:
            if _missing_index(error):
                raise StoreUnavailable(
                    f"the search indexes of {self._where} are not set up: run `casegraph ingest`"
                ) from error
            raise

    def passages(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Passages by id, with their review's details and the passage's themes and agencies."""
        if not ids:
            return {}
        rows = self._read(lambda tx: tx.run(q.PASSAGES_BY_ID, {"ids": list(ids)}).data())
        found: dict[str, dict[str, Any]] = {}
        for row in rows:
            row["agencies"] = sorted(set(row["agencies"] or []))
            row["themes"] = list(row["themes"] or [])
            row["paragraph_numbers"] = list(row["paragraph_numbers"] or [])
            row["theme_scores"] = theme_scores(row.get("theme_scores"))
            found[row["id"]] = row
        return found

    def passage_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        rows = self._read(lambda tx: tx.run(q.PASSAGE_VECTORS, {"ids": list(ids)}).data())
        return {row["id"]: np.asarray(row["embedding"], dtype=np.float32) for row in rows}

    def review_vectors(self) -> ReviewVectors:
        """Each review's mean passage vector (normalised), and its passage ids in order.
        Cached until a review is written: the Meta node's generation tells."""
        meta = {"meta": q.META_ID}

        def generation(tx: Any) -> tuple[Any, Any]:
            rows = tx.run(q.GENERATION, meta).data()
            return (rows[0]["generation"], rows[0]["epoch"]) if rows else (None, None)

        stamp = self._read(generation)
        with self._cache_lock:
            if self._review_vectors is not None and self._review_vectors[0] == stamp:
                return self._review_vectors[1]

        def work(tx: Any) -> tuple[tuple[Any, Any], ReviewVectors]:
            # The stamp is read first: a review written meanwhile makes the next call
            # read again, never keeps older vectors under a newer stamp.
            stamp = generation(tx)
            return stamp, _mean_vectors(tx.run(q.REVIEW_EMBEDDINGS))

        stamp, result = self._read(work)
        with self._cache_lock:
            self._review_vectors = (stamp, result)
        return result

    def review_profiles(self) -> dict[str, dict[str, Any]]:
        """Per review: title, age band, outcome, type, year, and the sets of themes and
        agencies of its passages."""
        params = {"narrative": "narrative"}
        rows = self._read(lambda tx: tx.run(q.REVIEW_PROFILES, params).data())
        profiles: dict[str, dict[str, Any]] = {}
        for row in rows:
            row["themes"] = set(row["themes"] or [])
            row["agencies"] = set(row["agencies"] or [])
            row["theme_counts"] = _counts(row.get("theme_counts") or [])
            row["narrative_ids"] = list(row.get("narrative_ids") or [])
            profiles[row["review_id"]] = row
        return profiles

    # -- quote collections ------------------------------------------------------------------

    def save_quote(self, collection: str, quote: dict[str, Any]) -> str:
        """Add a copy of a passage to a named collection (created if new, else the one its
        name matches whatever the case); returns its id. Saving one already there changes
        nothing. KeyError when the passage is not stored (its review erased since the page
        that offered it was drawn)."""
        fields = _quote_fields(quote)
        now = datetime.now(UTC).isoformat(timespec="seconds")

        def work(tx: Any) -> str:
            if not tx.run(q.PASSAGE_REVIEW, {"id": fields["passage_id"]}).data():
                raise KeyError(fields["passage_id"])
            name = _collection(tx, collection)
            quote_id = hashlib.sha256(f"{name}\n{fields['passage_id']}".encode()).hexdigest()[:20]
            if tx.run(q.QUOTE_EXISTS, {"id": quote_id}).data():
                return quote_id  # already in this collection
            tx.run(q.MERGE_COLLECTION, {"name": name, "now": now}).consume()
            params = {"name": name, "id": quote_id, "quote": fields, "now": now}
            tx.run(q.ADD_QUOTE, params).consume()
            return quote_id

        return self._update(work)

    def remove_quote(self, collection: str, quote_id: str) -> None:
        def work(tx: Any) -> None:
            params = {"name": _collection(tx, collection), "id": quote_id}
            tx.run(q.REMOVE_QUOTE, params).consume()

        self._update(work)

    def reorder_quotes(self, collection: str, quote_ids: list[str]) -> None:
        rows = [{"id": quote_id, "position": n} for n, quote_id in enumerate(quote_ids, start=1)]

        def work(tx: Any) -> None:
            params = {"name": _collection(tx, collection), "rows": rows}
            tx.run(q.SET_POSITION, params).consume()

        self._update(work)

    def delete_collection(self, collection: str) -> None:
        def work(tx: Any) -> None:
            name = _collection(tx, collection)
            for statement in q.DELETE_COLLECTION:
                tx.run(statement, {"name": name}).consume()

        self._update(work)

    def collection_name(self, collection: str) -> str | None:
        return self._read(lambda tx: _stored_collection(tx, collection))

    def collections(self) -> list[dict[str, Any]]:
        """[{name, created, quotes}] in name order."""
        return self._read(lambda tx: tx.run(q.COLLECTIONS).data())

    def quotes(self, collection: str) -> list[dict[str, Any]]:
        """The collection's quotes in their order, each a copy made when it was saved."""

        def work(tx: Any) -> list[dict[str, Any]]:
            return tx.run(q.QUOTES, {"name": _collection(tx, collection)}).data()

        found = self._read(work)
        return with_page_labels(found, self.page_labels({row["review_id"] for row in found}))

    def page_labels(self, review_ids: Iterable[str]) -> dict[str, str]:
        ids = list(review_ids)
        rows = self._read(lambda tx: tx.run(q.PAGE_LABELS, {"ids": ids}).data()) if ids else []
        return {row["id"]: row["labels"] for row in rows}

    # -- briefing drafts and saved searches (written without the lease, as quotes are) ------

    def save_draft(self, collection: str, draft: dict[str, Any]) -> None:
        name = self.collection_name(collection) or collection
        self._save_document(BRIEFING_DRAFT, name, draft)

    def draft(self, collection: str) -> dict[str, Any] | None:
        params = {"name": self.collection_name(collection) or collection}
        rows = self._read(lambda tx: tx.run(q.read_document(BRIEFING_DRAFT), params).data())
        return json.loads(rows[0]["body"]) if rows else None

    def save_search(self, name: str, search: dict[str, Any]) -> None:
        self._save_document(SAVED_SEARCH, name, search)

    def saved_searches(self) -> list[dict[str, Any]]:
        rows = self._read(lambda tx: tx.run(q.list_documents(SAVED_SEARCH)).data())
        return [{**row, "search": json.loads(row.pop("body"))} for row in rows]

    def delete_search(self, name: str) -> None:
        params = {"name": name}
        self._update(lambda tx: tx.run(q.delete_document(SAVED_SEARCH), params).consume())

    def _save_document(self, label: str, name: str, body: dict[str, Any]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        params = {"name": name, "body": json.dumps(body, ensure_ascii=False), "now": now}
        self._update(lambda tx: tx.run(q.save_document(label), params).consume())

    # -- reads ------------------------------------------------------------------------------

    def known(self, content_sha256: str, version: str) -> str | None:
        params = {"sha": content_sha256, "version": version, "enriched": f"{version}+"}
        for row in self._read(lambda tx: tx.run(q.KNOWN, params).data()):
            if row["expected"] == row["stored"]:
                return str(row["id"])
        return None

    def same_text(self, text_sha256: str) -> list[dict[str, Any]]:
        return self._read(lambda tx: tx.run(q.SAME_TEXT, {"text": text_sha256}).data())

    def reviews(self) -> list[dict[str, Any]]:
        return review_list(self._read(lambda tx: tx.run(q.REVIEWS).data()))

    def document(self, review_id: str) -> dict[str, Any] | None:
        """A stored review as plain data: metadata with pages, passages with their themes."""
        params = {"id": review_id}

        def work(tx: Any) -> tuple[list[dict[str, Any]], ...]:
            found = tx.run(q.GET_REVIEW, params).data()
            if not found:
                return ([], [], [], [])
            return (
                found,
                tx.run(q.PASSAGES, params).data(),
                tx.run(q.PASSAGE_THEMES, params).data(),
                tx.run(q.REVIEW_THEMES, params).data(),
            )

        found, passages, passage_themes, review_themes = self._read(work)
        if not found:
            return None
        return assemble_document(found[0], passages, passage_themes, review_themes)

    def delete_review(self, review_id: str, with_quotes: bool = True) -> Erased | None:
        """Remove a review whole in one write transaction under the writer's lease."""

        def work(tx: Any) -> Erased | None:
            erased = writes.erase_review(_reads(tx), _runs(tx), q, review_id, with_quotes)
            if erased is not None:  # cached vectors go stale
                tx.run(q.BUMP_GENERATION, {"meta": q.META_ID}).consume()
            return erased

        return self._write(work)

    def query(
        self, cypher: str, parameters: dict[str, Any] | None = None, write: bool = False
    ) -> list[dict[str, Any]]:
        """Run Cypher and return rows as dicts: in a READ session (the server refuses any
        write) unless `write`; the caller decides what may be run."""
        if write:
            with self._session() as session:
                rows: list[dict[str, Any]] = session.run(cypher, parameters or {}).data()
                return rows
        with self._session(read_only=True) as session:
            found: list[dict[str, Any]] = session.execute_read(
                lambda tx: tx.run(cypher, parameters or {}).data()
            )
            return found


def _mean_vectors(records: Any) -> ReviewVectors:
    """Review ids (sorted), their mean passage vectors (normalised), and each review's
    passage ids by ordinal, from streamed (review_id, id, ordinal, embedding) records."""
    sums: dict[str, np.ndarray] = {}
    members: dict[str, list[tuple[int, str]]] = {}
    for record in records:
        review_id = record["review_id"]
        vector = np.asarray(record["embedding"], dtype=np.float64)
        if review_id in sums:
            sums[review_id] += vector
        else:
            sums[review_id] = vector.copy()
        members.setdefault(review_id, []).append((record["ordinal"], record["id"]))
    ids = sorted(sums)
    matrix = np.zeros((len(ids), EMBEDDING_DIM), dtype=np.float32)
    for i, review_id in enumerate(ids):
        mean = sums[review_id] / len(members[review_id])
        matrix[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    passage_ids = {
        review_id: [passage_id for _, passage_id in sorted(members[review_id])] for review_id in ids
    }
    return ids, matrix, passage_ids


def _reads(tx: Any) -> writes.Read:
    """Rows of a statement as dicts, for graph.writes."""
    return lambda statement, params: tx.run(statement, params).data()


def _runs(tx: Any) -> writes.Run:
    """A statement run to its end, for graph.writes."""
    return lambda statement, params: tx.run(statement, params).consume()


def _stored_collection(tx: Any, name: str) -> str | None:
    matches = [row["name"] for row in tx.run(q.COLLECTIONS_NAMED, {"name": name}).data()]
    return stored_spelling(name, matches)


def _collection(tx: Any, name: str) -> str:
    """The name to read or write a collection by: the stored one `name` matches whatever the
    case, or `name` itself for a new collection."""
    return _stored_collection(tx, name) or name


def _quote_fields(quote: dict[str, Any]) -> dict[str, Any]:
    """The copied fields of a quote, typed as the embedded store casts them."""
    fields: dict[str, Any] = {name: quote.get(name) for name in QUOTE_FIELDS}
    for name in ("year", "page_start", "page_end"):
        if fields[name] is not None:
            fields[name] = int(fields[name])
    if fields["paragraph_numbers"] is not None:
        fields["paragraph_numbers"] = [str(n) for n in fields["paragraph_numbers"]]
    return fields


def _missing_index(error: Exception) -> bool:
    """Whether a search failed because its index was never created (nothing ingested yet)."""
    text = str(error)
    return "no such" in text.lower() and (q.FULLTEXT_INDEX in text or q.VECTOR_INDEX in text)


def _dead_here(holder: Any) -> bool:
    """Whether a lease holder ('host:pid:token') is a process of this machine that is gone."""
    host, _, rest = str(holder).partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, another user's
    return False


def _until(lease: dict[str, Any]) -> str:
    """' (its lease runs 540 s more, to 2025-01-01 14:02:11 UTC)', by the server's clock."""
    expires, now = lease.get("expires"), lease.get("now")
    if not isinstance(expires, int) or not isinstance(now, int):
        return ""
    until = datetime.fromtimestamp(expires / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return f" (its lease runs {max(0, expires - now) // 1000} s more, to {until})"


def _unreachable(error: Exception) -> bool:
    """Whether the server could not be reached or refused these credentials."""
    try:
        from neo4j.exceptions import AuthError, ServiceUnavailable
    except ImportError:
        return False
    return isinstance(error, AuthError | ServiceUnavailable)


def _counts(themes: list[str] | dict[str, int]) -> dict[str, int]:
    """Theme id -> passages carrying it, from the theme of every EVIDENCES edge."""
    if isinstance(themes, dict):
        return dict(themes)
    counts: dict[str, int] = {}
    for theme in themes:
        counts[theme] = counts.get(theme, 0) + 1
    return counts
