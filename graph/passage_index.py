"""The search index of the embedded store: BM25 keyword search (graph.bm25) and vector
search (NumPy over the passage embeddings), with the filters search offers.

It is derived from the graph and kept beside it (DATA_DIR/search.sqlite, with the BM25
matrix in DATA_DIR/keywords.npz); the graph is the truth. Kùzu's own FTS and vector
indexes cannot be used: in kuzu 0.11.3 they crash or lose rows when a review is replaced
(see graph/kuzu_queries.py).
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from graph import bm25
from graph.bm25 import STOPWORDS
from graph.derived_files import damage_warning, is_damaged, set_aside, warn
from graph.filters import FilterColumns, SearchFilters
from graph.schema import EMBEDDING_DIM, ReviewRows, theme_scores
from graph.store import StoreUnavailable

# AUTOINCREMENT: a rowid is never given again once its passage is gone. A reader keeps its
# matrices (keyword and vector, by rowid) while a writer works, and looks the rowids up in
# the table as it is now: a reused rowid would be another passage, shown with old scores.
_PASSAGES = """CREATE TABLE IF NOT EXISTS passages (
        rowid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, review_id TEXT NOT NULL,
        ordinal INTEGER, text TEXT NOT NULL, section TEXT, paragraph_numbers TEXT,
        page_start INTEGER, page_end INTEGER, review_type TEXT, year INTEGER,
        partnership TEXT, age_band TEXT, outcome TEXT, themes TEXT, theme_bits INTEGER,
        agencies TEXT, agency_bits INTEGER, vector BLOB)"""
_PASSAGES_INDEX = "CREATE INDEX IF NOT EXISTS passages_review ON passages(review_id)"
_SCHEMA = [
    _PASSAGES,
    _PASSAGES_INDEX,
    """CREATE TABLE IF NOT EXISTS reviews (
        review_id TEXT PRIMARY KEY, version TEXT, title TEXT, file_name TEXT, source_path TEXT,
        review_type TEXT, year INTEGER, partnership TEXT, age_band TEXT, outcome TEXT)""",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    # stores written before graph.bm25 kept an FTS5 table in step by triggers
    "DROP TRIGGER IF EXISTS passages_ai",
    "DROP TRIGGER IF EXISTS passages_ad",
    "DROP TABLE IF EXISTS passage_fts",
]
CHECKPOINT_WAIT = 10.0  # seconds compact() keeps trying to empty the log while a reader reads
# columns added since the first schema: (table, column), added to an older index in place
_ADDED = [
    ("passages", "kind"),
    ("passages", "document_kind"),
    ("reviews", "document_kind"),
    ("passages", "theme_scores"),
    ("reviews", "page_labels"),  # JSON {PDF page: printed label}, as the graph keeps it
]


@dataclass
class _Vectors:
    rowids: np.ndarray
    matrix: np.ndarray


def query_terms(text: str) -> list[str]:
    """Lower-cased words of a query, without stopwords and duplicates."""
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
    return list(dict.fromkeys(w.split("'")[0] for w in words if w not in STOPWORDS and len(w) > 1))


class PassageIndex:
    """BM25 and vector matrices in memory over a SQLite table of passages, kept in step
    with the graph; the matrices are rebuilt when the table's generation moves on."""

    def __init__(
        self,
        path: Path,
        writing: Callable[[], bool] = lambda: False,
        rebuild: Callable[[], None] | None = None,
        upgrades: Callable[[], bool] = lambda: True,
    ) -> None:
        self.path = path
        self.writing = writing  # is a writer adding reviews right now (any process)?
        # may this process upgrade an old index (the store's writer), or only read it as it is?
        # The upgrade holds the file's write lock for seconds: no reader should make a writer wait
        self.upgrades = upgrades
        # fills an index made afresh from the graph (its damaged file was set aside)
        self.rebuild = rebuild
        self._open_lock = threading.Lock()
        self._derived: dict[str, tuple[str, Any]] = {}  # name -> (generation, value)
        self._columns_read: dict[tuple[str, str], str] = {}  # see _column_or_null
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None

    @property
    def connection(self) -> sqlite3.Connection:
        """The index's database, opened on first use. A damaged file is set aside and the
        index made again from the graph. Never first opened under `_lock`: the rebuild
        takes the store's lock, which is held around this one, never inside it."""
        if self._connection is None:
            damaged = None
            with self._open_lock:
                if self._connection is None:
                    damaged = self._open()
            if damaged is not None:
                if self.rebuild is not None:
                    self.rebuild()
                warn(damaged)
        assert self._connection is not None
        return self._connection

    def _open(self) -> str | None:
        """Open the index, made afresh if damaged: then a warning saying so."""
        try:
            self._connection = self._writable()
        except sqlite3.OperationalError as error:
            if not self.path.exists():
                raise
            # another process writing holds the lock the set-up needed: read as it stands,
            # write-ahead log included (an immutable reader would not see the log)
            busy = "locked" in str(error) or "busy" in str(error)
            self._connection = self._plain() if busy else self._read_only()
        except OSError:
            if not self.path.exists():
                raise
            self._connection = self._read_only()  # a read-only data directory: reads work
        except sqlite3.DatabaseError as error:
            if not is_damaged(error):
                raise
            return self._replace_damaged(error)
        return None

    def _writable(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, check_same_thread=False)
        try:
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA journal_mode=WAL")
            for statement in _SCHEMA:
                connection.execute(statement)
            for table, column in _ADDED:
                present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
                if column not in present:
                    connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")
            connection.commit()
            if self.upgrades() and not _autoincrement(connection):
                try:
                    self._never_reuse_rowids(connection)
                except sqlite3.OperationalError as error:
                    # another process is writing: left as it is, remade by a later opening
                    if error.sqlite_errorname not in ("SQLITE_BUSY", "SQLITE_LOCKED"):
                        raise
        except BaseException:
            connection.close()
            raise
        return connection

    def _never_reuse_rowids(self, db: sqlite3.Connection) -> None:
        """Remake the passage table of an index written before rowids were AUTOINCREMENT,
        keeping every rowid (the saved keyword matrix stays good), in one transaction."""
        db.execute("BEGIN IMMEDIATE")  # two processes opening the old index: one remakes it
        try:
            if not _autoincrement(db):
                columns = ", ".join(
                    row[1] for row in db.execute("PRAGMA table_info(passages)").fetchall()
                )
                db.execute("ALTER TABLE passages RENAME TO passages_before_autoincrement")
                db.execute(_PASSAGES)
                for table, column in _ADDED:
                    if table == "passages":
                        db.execute(f"ALTER TABLE passages ADD COLUMN {column} TEXT")
                db.execute(
                    f"INSERT INTO passages ({columns}) SELECT {columns}"
                    " FROM passages_before_autoincrement ORDER BY rowid"
                )
                db.execute("DROP TABLE passages_before_autoincrement")  # and its index
                db.execute(_PASSAGES_INDEX)
                # the top rowid may have been dropped already and still be in a matrix
                # saved (or held by a reader) before: never give that one again either
                floor = self._saved_top_rowid()
                db.execute("INSERT OR IGNORE INTO sqlite_sequence VALUES ('passages', 0)")
                db.execute(
                    "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'passages'",
                    (floor,),
                )
            db.commit()
        except BaseException:
            db.rollback()
            raise

    def _saved_top_rowid(self) -> int:
        try:
            with np.load(self._keywords_path, allow_pickle=False) as saved:
                rowids = saved["rowids"]
                return int(rowids.max()) if len(rowids) else 0
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            return 0

    def _replace_damaged(self, error: sqlite3.DatabaseError) -> str:
        """Set the damaged index aside and start an empty one in its place."""
        try:
            moved = set_aside(self.path)
            self._keywords_path.unlink(missing_ok=True)  # its generations were the old file's
        except OSError as failure:
            raise StoreUnavailable(
                f"the search index {self.path} is damaged ({error}) and cannot be set aside "
                f"({failure.strerror or failure}): move it away by hand and run the command "
                "again; it is made again from the graph"
            ) from error
        self._derived.clear()
        self._connection = self._writable()
        return damage_warning(
            "the search index", self.path, error, moved, "made again from the stored reviews"
        )

    def _plain(self) -> sqlite3.Connection:
        """The index as it is, without the set-up a writer does (a later opening does it)."""
        connection = sqlite3.connect(self.path, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        return connection

    def _read_only(self) -> sqlite3.Connection:
        """The index of a data directory nobody can write to (a read-only mount or copy):
        opened immutable, so SQLite creates no journal or shared-memory file beside it."""
        uri = f"{self.path.resolve().as_uri()}?immutable=1"
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise StoreUnavailable(
                f"the search index {self.path} cannot be read ({error}) and this data "
                "directory is read-only, so it cannot be made again here: run any "
                "casegraph command on a writable copy"
            ) from error
        return connection

    # -- writes -----------------------------------------------------------------------------

    def replace_review(self, rows: ReviewRows) -> None:
        """Index one review's passages in one SQLite transaction, replacing what was there."""
        review = rows.review
        themes: dict[str, list[str]] = {}
        for evidence in rows.evidences:
            themes.setdefault(evidence["passage"], []).append(evidence["theme"])
        agencies: dict[str, list[str]] = {}
        for mention in rows.mentions.get("Agency", []):
            agencies.setdefault(mention["passage"], []).append(mention["id"])
        db = self.connection  # opened (perhaps made again) before taking the lock
        with self._lock, db:
            theme_bits, agency_bits = self._bits(db, "themes"), self._bits(db, "agencies")
            db.execute(
                "INSERT OR REPLACE INTO reviews (review_id, version, title, file_name,"
                " source_path, review_type, year, partnership, age_band, outcome, document_kind,"
                " page_labels) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    review["id"],
                    review["version"],
                    review["title"],
                    review["file_name"],
                    review["paths"][0],
                    review["review_type"],
                    review["publication_year"],
                    review["partnership"],
                    review["age_band"],
                    review["outcome"],
                    review.get("document_kind"),
                    review.get("page_labels"),
                ),
            )
            values = [
                (
                    review["id"],
                    p["ordinal"],
                    p["text"],
                    p["section"],
                    json.dumps(p["paragraph_numbers"]),
                    p["page_start"],
                    p["page_end"],
                    review["review_type"],
                    review["publication_year"],
                    review["partnership"],
                    review["age_band"],
                    review["outcome"],
                    json.dumps(themes.get(p["id"], [])),
                    _mask(theme_bits, themes.get(p["id"], []), db, "themes"),
                    json.dumps(sorted(set(agencies.get(p["id"], [])))),
                    _mask(agency_bits, agencies.get(p["id"], []), db, "agencies"),
                    _blob(p["embedding"]),
                    p.get("kind"),
                    review.get("document_kind"),
                    p.get("theme_scores"),
                    p["id"],
                )
                for p in rows.passages
            ]
            held = {
                row[0]: (row[1], row[2])
                for row in db.execute(
                    "SELECT id, text, section FROM passages WHERE review_id = ?", (review["id"],)
                )
            }
            if held and held == {p["id"]: (p["text"], p["section"]) for p in rows.passages}:
                # the same passages (a correction): rewritten in place, keeping their rowids,
                # so the keyword matrix, which holds only their words, stays as it is
                db.executemany(
                    "UPDATE passages SET review_id = ?, ordinal = ?, text = ?, section = ?,"
                    " paragraph_numbers = ?, page_start = ?, page_end = ?, review_type = ?,"
                    " year = ?, partnership = ?, age_band = ?, outcome = ?, themes = ?,"
                    " theme_bits = ?, agencies = ?, agency_bits = ?, vector = ?, kind = ?,"
                    " document_kind = ?, theme_scores = ? WHERE id = ?",
                    values,
                )
                self._bump(db, texts=False)
                return
            db.execute("DELETE FROM passages WHERE review_id = ?", (review["id"],))
            db.executemany(
                "INSERT INTO passages (review_id, ordinal, text, section, paragraph_numbers,"
                " page_start, page_end, review_type, year, partnership, age_band, outcome,"
                " themes, theme_bits, agencies, agency_bits, vector, kind, document_kind,"
                " theme_scores, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                values,
            )
            self._bump(db)

    def versions(self) -> dict[str, str]:
        """Review id -> pipeline version of what the index holds (for reconciling)."""
        return {
            row["review_id"]: row["version"]
            for row in self.connection.execute("SELECT review_id, version FROM reviews")
        }

    def drop_review(self, review_id: str) -> None:
        db = self.connection  # opened (perhaps made again) before taking the lock
        with self._lock, db:
            db.execute("DELETE FROM passages WHERE review_id = ?", (review_id,))
            db.execute("DELETE FROM reviews WHERE review_id = ?", (review_id,))
            self._bump(db)

    def compact(self) -> None:
        """Rewrite the index file without free pages and empty its write-ahead log, so that
        the text of dropped passages cannot be read back from it."""
        db = self.connection
        with self._lock:
            db.commit()
            db.execute("VACUUM")  # into the write-ahead log, copied into the file below
            self._derived.clear()
            deadline = time.monotonic() + CHECKPOINT_WAIT
            # refused (busy) while another connection, the app's, is part-way through a read
            # of the file as it was: each try waits the connection's busy timeout first
            while db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
                if time.monotonic() >= deadline:
                    raise StoreUnavailable(
                        f"the search index {self.path} is being read by another process (the "
                        "app?), so the text of dropped passages could not be cleared from it "
                        "yet; try again in a moment"
                    )
                time.sleep(0.2)

    def _bump(self, db: sqlite3.Connection, texts: bool = True) -> None:
        """Move the generation on (every change); and the text generation, which keys the
        keyword matrix, when passages came or went (their texts, sections or rowids)."""
        for key in ("generation", "text_generation") if texts else ("generation",):
            db.execute(
                "INSERT INTO meta VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET "
                "value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
                (key,),
            )

    def _bits(self, db: sqlite3.Connection, kind: str) -> dict[str, int]:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (f"{kind}_bits",)).fetchone()
        return dict(json.loads(row["value"])) if row else {}

    # -- reads ------------------------------------------------------------------------------

    def keyword(
        self, text: str, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]:
        """BM25 over passage text (and section titles), best first: (passage id, score)."""
        matrix = self.keyword_matrix()
        found = matrix.search(text, k, self._allowed(matrix.rowids, filters))
        ids = self._ids([rowid for rowid, _ in found]) if found else {}
        return [(ids[rowid], score) for rowid, score in found if rowid in ids]

    def document_frequencies(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """The number of passages, and how many contain each analysed term (for rarity).
        While a writer adds reviews the matrix lags behind: a term it lacks is looked for in
        the passages stored since, so that a word the new reviews use is never called one no
        review uses."""
        matrix = self.keyword_matrix()
        counts = matrix.document_frequencies(terms)
        lacking = {term for term in terms if not counts.get(term)}
        if lacking and self.writing():
            since = int(matrix.rowids.max()) if len(matrix.rowids) else 0
            rows = self.connection.execute(
                "SELECT text, section FROM passages WHERE rowid > ?", (since,)
            )
            for text, section in rows:
                for term in lacking & set(bm25.analyse(f"{text} {section or ''}")):
                    counts[term] = counts.get(term, 0) + 1
        return len(matrix.rowids), counts

    def keyword_matrix(self) -> bm25.Bm25Matrix:
        """The BM25 matrix for keyword search. While a writer is adding reviews this is the
        one from before, from memory or disk (a build takes 25 s at 300,000 passages); the
        writer brings it up to date when it finishes."""
        with self._lock:
            if self.writing() and "keywords" not in self._derived:
                saved = bm25.load(self._keywords_path)
                if saved is not None:
                    self._derived["keywords"] = (saved.generation, saved)
        matrix: bm25.Bm25Matrix = self._per_generation(
            "keywords", self._load_or_build_keywords, key=self._text_generation
        )
        return matrix

    def current_keyword_matrix(self) -> bm25.Bm25Matrix:
        """The BM25 matrix of this generation, even while writing: for the writer, once its
        reviews are in."""
        matrix: bm25.Bm25Matrix = self._per_generation(
            "keywords", self._load_or_build_keywords, lag=False, key=self._text_generation
        )
        return matrix

    def _load_or_build_keywords(self, generation: str) -> bm25.Bm25Matrix:
        saved = bm25.load(self._keywords_path)
        if saved is None or saved.generation != generation:
            rows = self.connection.execute(
                "SELECT rowid, text, section FROM passages ORDER BY rowid"
            )
            saved = bm25.build(generation, ((r[0], r[1], r[2]) for r in rows))
            with contextlib.suppress(OSError):  # a read-only data directory: kept in memory
                bm25.save(saved, self._keywords_path)
        return saved

    @property
    def _keywords_path(self) -> Path:
        return self.path.with_name("keywords.npz")

    def dense(
        self, vector: np.ndarray, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[str, float]]:
        """Cosine similarity over every embedded passage that passes the filters."""
        vectors = self._load_vectors()
        if vectors.matrix.shape[0] == 0 or k <= 0 or not np.isfinite(vector).all():
            return []
        if not np.asarray(vector).any():
            return []  # a zero vector has no direction: nothing is near it (as in Neo4j)
        rowids = vectors.rowids
        scores = vectors.matrix @ vector.astype(np.float32)
        allowed = self._allowed(rowids, filters)
        if allowed is not None:
            rowids, scores = rowids[allowed], scores[allowed]
            if len(rowids) == 0:
                return []
        top = min(k, len(scores))
        best = np.argpartition(-scores, top - 1)[:top]
        best = best[np.argsort(-scores[best])]
        ids = self._ids([int(r) for r in rowids[best]])  # a passage replaced since is gone
        return [
            (ids[int(r)], float(scores[i]))
            for r, i in zip(rowids[best], best, strict=True)
            if int(r) in ids
        ]

    def passages(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Passages with their review's title, type, year and partnership, by id."""
        found: dict[str, dict[str, Any]] = {}
        scores = self._column_or_null("p", "passages", "theme_scores")
        labels = self._column_or_null("r", "reviews", "page_labels")
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.connection.execute(
                "SELECT p.id, p.review_id, p.ordinal, p.text, p.section, p.paragraph_numbers,"
                " p.page_start, p.page_end, p.themes, p.agencies, r.title, r.review_type, r.year,"
                " r.partnership, r.file_name, r.source_path, r.age_band, r.outcome,"
                f" p.kind, r.document_kind, {scores}, {labels}"
                " FROM passages p JOIN reviews r ON r.review_id = p.review_id"
                f" WHERE p.id IN ({marks})",
                chunk,
            ):
                item = dict(row)
                for key in ("paragraph_numbers", "themes", "agencies"):
                    item[key] = json.loads(item[key])
                item["theme_scores"] = theme_scores(item["theme_scores"])
                found[item["id"]] = item
        return found

    def _column_or_null(self, alias: str, table: str, column: str) -> str:
        """`alias.column`, or NULL under its name when the table lacks it: an index written
        before the column was kept and opened read-only (so not given it). Read once."""
        if (table, column) not in self._columns_read:
            present = {row[1] for row in self.connection.execute(f"PRAGMA table_info({table})")}
            self._columns_read[(table, column)] = (
                f"{alias}.{column}" if column in present else f"NULL AS {column}"
            )
        return self._columns_read[(table, column)]

    def vectors_of(self, ids: list[str]) -> dict[str, np.ndarray]:
        marks = ",".join("?" * len(ids))
        return {
            row["id"]: np.frombuffer(row["vector"], dtype=np.float32)
            for row in self.connection.execute(
                f"SELECT id, vector FROM passages WHERE id IN ({marks}) AND vector IS NOT NULL", ids
            )
        }

    def review_vectors(self) -> tuple[list[str], np.ndarray, dict[str, list[str]]]:
        """Each review's mean passage vector (normalised), and its passage ids in order."""
        result: tuple[list[str], np.ndarray, dict[str, list[str]]] = self._per_generation(
            "review_vectors", lambda _: self._mean_vectors()
        )
        return result

    def _mean_vectors(self) -> tuple[list[str], np.ndarray, dict[str, list[str]]]:
        """Read in one statement, so one snapshot: the vectors held for dense search may be
        older (they lag while a writer works) and their rowids not those of the table now."""
        sums: dict[str, np.ndarray] = {}
        passage_ids: dict[str, list[str]] = {}
        for passage_id, review_id, vector in self.connection.execute(
            "SELECT id, review_id, vector FROM passages WHERE vector IS NOT NULL "
            "ORDER BY review_id, ordinal"
        ):
            row = np.frombuffer(vector, dtype=np.float32)
            if review_id in sums:
                sums[review_id] += row
            else:
                sums[review_id] = row.astype(np.float64)
            passage_ids.setdefault(review_id, []).append(passage_id)
        ids = sorted(sums)
        matrix = np.zeros((len(ids), EMBEDDING_DIM), dtype=np.float32)
        for i, review_id in enumerate(ids):
            mean = sums[review_id] / len(passage_ids[review_id])
            matrix[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        return ids, matrix, passage_ids

    def review_profiles(self) -> dict[str, dict[str, Any]]:
        """Per review: title, the themes and agencies of its passages, age band and outcome.
        Read once per index generation: it scans every passage."""
        profiles: dict[str, dict[str, Any]] = self._per_generation(
            "profiles", lambda _: self._read_profiles()
        )
        return profiles

    def _read_profiles(self) -> dict[str, dict[str, Any]]:
        profiles: dict[str, dict[str, Any]] = {
            row["review_id"]: {
                **dict(row),
                "themes": set(),
                "agencies": set(),
                "theme_counts": {},
                "narrative_ids": [],
            }
            for row in self.connection.execute(
                "SELECT review_id, title, age_band, outcome, review_type, year, document_kind"
                " FROM reviews"
            )
        }
        for row in self.connection.execute(
            "SELECT id, review_id, themes, agencies, kind FROM passages ORDER BY review_id, ordinal"
        ):
            profile = profiles.get(row["review_id"])
            if profile is not None:
                themes = json.loads(row["themes"])
                profile["themes"].update(themes)
                profile["agencies"].update(json.loads(row["agencies"]))
                counts = profile["theme_counts"]
                for theme in themes:
                    counts[theme] = counts.get(theme, 0) + 1
                if row["kind"] == "narrative":
                    profile["narrative_ids"].append(row["id"])
        return profiles

    def count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM passages").fetchone()[0])

    def _generation(self) -> str:
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return row["value"] if row else "0"

    def _text_generation(self) -> str:
        """Moves on only when passages come or go (see _bump); 't' keeps it apart from the
        generations a keyword matrix saved before was made for, which it could equal."""
        row = self.connection.execute(
            "SELECT value FROM meta WHERE key = 'text_generation'"
        ).fetchone()
        return f"t{row['value'] if row else '0'}"

    def _per_generation(
        self,
        name: str,
        derive: Callable[[str], Any],
        lag: bool = True,
        key: Callable[[], str] | None = None,
    ) -> Any:
        """What `derive(generation)` returns, derived again only when the index has changed
        (its generation, or the one `key` gives), and not while a writer is changing it
        (each review moves the generation on)."""
        generation = (key or self._generation)()
        with self._lock:
            held = self._derived.get(name)
            if held is None or (held[0] != generation and not (lag and self.writing())):
                held = (generation, derive(generation))
                self._derived[name] = held
            return held[1]

    def _load_vectors(self) -> _Vectors:
        def read(_: str) -> _Vectors:
            rows = self.connection.execute(
                "SELECT rowid, vector FROM passages WHERE vector IS NOT NULL ORDER BY rowid"
            ).fetchall()
            rowids = np.array([row[0] for row in rows], dtype=np.int64)
            matrix = (
                np.frombuffer(b"".join(row[1] for row in rows), dtype=np.float32).reshape(
                    len(rows), EMBEDDING_DIM
                )
                if rows
                else np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
            )
            return _Vectors(rowids, matrix)

        vectors: _Vectors = self._per_generation("vectors", read)
        return vectors

    def _allowed(self, rowids: np.ndarray, filters: SearchFilters | None) -> np.ndarray | None:
        """The filters as a mask over `rowids`, or None when nothing is filtered."""
        if filters is None or filters == SearchFilters():
            return None
        columns = self._filter_columns()
        db = self.connection
        theme_bit, agency_bit = self._bits(db, "themes"), self._bits(db, "agencies")
        return columns.allowed(rowids, filters, theme_bit, agency_bit)

    def _filter_columns(self) -> FilterColumns:
        def read(_: str) -> FilterColumns:
            rows = self.connection.execute(
                "SELECT rowid, review_type, year, partnership, age_band, outcome, review_id,"
                " theme_bits, agency_bits, kind, document_kind FROM passages ORDER BY rowid"
            )
            return FilterColumns.from_rows(tuple(row) for row in rows)

        columns: FilterColumns = self._per_generation("filter_columns", read)
        return columns

    def _ids(self, rowids: list[int]) -> dict[int, str]:
        marks = ",".join("?" * len(rowids))
        return {
            row[0]: row[1]
            for row in self.connection.execute(
                f"SELECT rowid, id FROM passages WHERE rowid IN ({marks})", rowids
            )
        }


def _autoincrement(db: sqlite3.Connection) -> bool:
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'passages'"
    ).fetchone()
    return row is not None and "AUTOINCREMENT" in str(row[0]).upper()


def _mask(bits: dict[str, int], items: list[str], db: sqlite3.Connection, kind: str) -> int:
    """A bit per theme (or agency); new ids get the next free bit, remembered in meta."""
    mask = 0
    for item in sorted(set(items)):
        if item not in bits:
            bits[item] = len(bits)
            db.execute(
                "INSERT INTO meta VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f"{kind}_bits", json.dumps(sorted(bits.items(), key=lambda kv: kv[1]))),
            )
        if bits[item] < 63:
            mask |= 1 << bits[item]
    return mask


def _blob(vector: list[float] | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()
