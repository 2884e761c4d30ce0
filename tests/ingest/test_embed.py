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
