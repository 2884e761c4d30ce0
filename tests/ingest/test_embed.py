"""Embedders: the fake one, the cache, and the lazily loaded MiniLM wrapper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ingest.embed import (
    CachedEmbedder,
    FakeEmbedder,
    SentenceTransformerEmbedder,
    query_vector,
    text_key,
    transient,
)


def test_fake_embedder_is_deterministic_unit_vectors() -> None:
    fake = FakeEmbedder(dim=16)
    first = fake.embed(["a", "b", "a"])
    assert first.shape == (3, 16) and first.dtype == np.float32
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first[0], first[2])
    assert not np.allclose(first[0], first[1])
    assert np.array_equal(FakeEmbedder(dim=16).embed(["a"])[0], first[0])
    assert fake.embed([]).shape == (0, 16)


class CountingEmbedder:
    def __init__(self) -> None:
        self.inner = FakeEmbedder(dim=8)
        self.name = "counting"
        self.dim = 8
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.embed(texts)


def test_cache_embeds_each_text_once() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner)
    out = cached.embed(["x", "y", "x"])
    again = cached.embed(["y", "z"])
    assert inner.calls == [["x", "y"], ["z"]]
    assert cached.misses == 3
    assert np.array_equal(out[1], again[0])
    assert cached.embed([]).shape == (0, 8)


def test_a_query_is_embedded_once_per_search_and_never_remembered(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, tmp_path / "vectors.sqlite")
    cached.embed(["a passage"])
    with transient(cached):  # as one search: the query read for its themes, then searched
        first = cached.embed(["the query", "a passage"])
        second = query_vector(cached, "the query")
        assert cached.embed([]).shape == (0, 8)
    assert np.array_equal(first[0], second)
    assert inner.calls == [["a passage"], ["the query"]]
    with transient(cached):  # the next search embeds it afresh: nothing was kept
        query_vector(cached, "the query")
    assert inner.calls[-1] == ["the query"]
    assert text_key("the query") not in cached.memory
    assert (
        CachedEmbedder(inner, tmp_path / "vectors.sqlite").store.get(  # type: ignore[union-attr]
            inner.name, [text_key("the query")]
        )
        == {}
    )


def test_disk_cache_survives_a_new_process(tmp_path: Path) -> None:
    path = tmp_path / "vectors.sqlite"
    first = CachedEmbedder(CountingEmbedder(), path).embed(["one", "two"])
    inner = CountingEmbedder()
    second = CachedEmbedder(inner, path).embed(["two", "one", "three"])
    assert inner.calls == [["three"]]
    assert np.array_equal(second[0], first[1]) and np.array_equal(second[1], first[0])


def test_text_key_is_sha256() -> None:
    assert text_key("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


class FakeModel:
    def __init__(self) -> None:
        self.max_seq_length = 256
        self.kwargs: dict[str, Any] = {}

    def encode(self, texts: list[str], **kwargs: Any) -> np.ndarray:
        self.kwargs = kwargs
        return FakeEmbedder(dim=384).embed(texts)


def test_sentence_transformer_loads_lazily_and_batches() -> None:
    loads: list[str] = []
    model = FakeModel()

    def loader(device: str) -> FakeModel:
        loads.append(device)
        return model

    embedder = SentenceTransformerEmbedder(batch_size=8, max_seq_length=128, loader=loader)
    assert loads == []
    assert embedder.embed([]).shape == (0, 384)
    vectors = embedder.embed(["a", "b"])
    assert loads == ["cpu"] and vectors.shape == (2, 384)
    assert model.max_seq_length == 128
    assert model.kwargs["batch_size"] == 8 and model.kwargs["normalize_embeddings"]
    embedder.embed(["c"])
    assert loads == ["cpu"]


class FakeQueryModel:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.texts += texts
        return FakeEmbedder(dim=384).embed(texts)


def test_queries_skip_the_torch_model_until_it_is_loaded(tmp_path: Path) -> None:
    """A query is embedded by the numpy twin (no torch import) while the embedder has not
    loaded its model; passages always by the model, and queries too once it is loaded."""
    loads: list[str] = []
    lengths: list[int] = []
    query_model = FakeQueryModel()

    def loader(device: str) -> FakeModel:
        loads.append(device)
        return FakeModel()

    def query_loader(max_seq_length: int) -> FakeQueryModel:
        lengths.append(max_seq_length)
        return query_model

    inner = SentenceTransformerEmbedder(loader=loader, query_loader=query_loader)
    cached = CachedEmbedder(inner, tmp_path / "vectors.sqlite")
    query_vector(cached, "a query")
    with transient(cached):  # as the theme tagger reads a query
        cached.embed(["its first sentence"])
    assert loads == [] and query_model.texts == ["a query", "its first sentence"]
    assert lengths == [128, 128]
    cached.embed(["a passage"])
    assert loads == ["cpu"]
    query_vector(cached, "another query")
    assert query_model.texts == ["a query", "its first sentence"]


@pytest.mark.integration
def test_real_minilm_gives_384_dim_unit_vectors() -> None:
    embedder = SentenceTransformerEmbedder()
    vectors = embedder.embed(["The baby was not brought to appointments.", "Neglect."])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert float(vectors[0] @ vectors[1]) > 0.2


def test_disk_cache_can_be_shared_between_threads(tmp_path: Path) -> None:
    """The app shares one cached embedder between sessions, each on its own thread."""
    import threading

    cached = CachedEmbedder(FakeEmbedder(), tmp_path / "cache.sqlite")
    cached.embed(["made here"])
    errors: list[BaseException] = []

    def use() -> None:
        try:
            cached.memory.clear()  # force a read of the disk cache from this thread
            cached.embed(["made here", "made there"])
        except BaseException as error:
            errors.append(error)

    worker = threading.Thread(target=use)
    worker.start()
    worker.join()
    assert not errors


def _damage(path: Path) -> None:
    """Overwrite the data pages of a cache file, keeping page 1 (the schema): SQLite still
    opens it, and the first read of a vector says the image is malformed."""
    import os

    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(8192)
        handle.write(os.urandom(size - 8192 - 4096))


def _filled_cache(path: Path) -> list[str]:
    texts = [f"passage number {i} of a review " * 5 for i in range(3000)]
    filler = CachedEmbedder(FakeEmbedder(dim=8), path)
    filler.embed(texts)
    assert filler.store is not None
    filler.store.close()
    return texts


def test_a_damaged_disk_cache_is_set_aside_with_a_warning_and_the_vectors_made_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "embeddings.sqlite"
    texts = _filled_cache(path)
    _damage(path)
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, path)
    vectors = cached.embed([texts[0], "a new passage"])
    assert np.array_equal(vectors, FakeEmbedder(dim=8).embed([texts[0], "a new passage"]))
    assert inner.calls == [[texts[0], "a new passage"]]  # computed again, not failed
    warning = capsys.readouterr().err
    (moved,) = tmp_path.glob("embeddings.sqlite.damaged-*")
    assert str(path) in warning and moved.name in warning and "damaged" in warning
    # a new cache took its place and keeps what is embedded from now on
    again = CountingEmbedder()
    CachedEmbedder(again, path).embed([texts[0], "a new passage"])
    assert again.calls == []


def test_a_batch_carries_on_past_a_damaged_embedding_cache(
    tmp_path: Path, review_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.kuzu_store import KuzuStore
    from ingest.batch import ingest_paths
    from ingest.enrich import Enricher
    from ingest.entities import EntityExtractor
    from ingest.themes import ThemeClassifier, load_taxonomy

    path = tmp_path / "embeddings.sqlite"
    _filled_cache(path)
    _damage(path)
    embedder = CachedEmbedder(FakeEmbedder(), path)
    themes = ThemeClassifier(load_taxonomy(), embedder)
    enrich = Enricher(themes, EntityExtractor(use_ner=False), embedder, "test")
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        report = ingest_paths(sorted(review_folder.iterdir()), store, enricher=enrich)
    assert [(r.status, r.error) for r in report.files] == [("ingested", None)] * 3
    assert "the embedding cache" in capsys.readouterr().err


def test_memory_holds_only_the_latest_vectors_and_the_rest_come_from_disk(
    tmp_path: Path,
) -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, tmp_path / "vectors.sqlite", memory_size=10)
    texts = [f"passage {i}" for i in range(50)]
    for start in range(0, 50, 5):  # review by review, as a batch embeds them
        cached.embed(texts[start : start + 5])
    assert len(cached.memory) == 10
    assert set(cached.memory) == {text_key(t) for t in texts[-10:]}
    calls = len(inner.calls)
    again = cached.embed(texts[:30])  # more than memory holds, all evicted long ago
    assert len(inner.calls) == calls and cached.misses == 50  # read from disk, not embedded
    assert np.array_equal(again, FakeEmbedder(dim=8).embed(texts[:30]))
    assert len(cached.memory) == 10


def test_the_latest_used_vector_stays_in_memory() -> None:
    cached = CachedEmbedder(CountingEmbedder(), memory_size=2)
    cached.embed(["a", "b"])
    cached.embed(["a"])  # used again: now the latest
    cached.embed(["c"])
    assert set(cached.memory) == {text_key("a"), text_key("c")}
