"""Builds the heavy parts (models, classifier, extractor) from settings, in one place."""

from __future__ import annotations

from pathlib import Path

from graph.kuzu_store import KuzuStore
from graph.store import Store
from ingest.embed import CachedEmbedder, Embedder, FakeEmbedder, SentenceTransformerEmbedder
from ingest.enrich import Enricher
from ingest.entities import Catalogue, EntityExtractor
from ingest.themes import ThemeClassifier, load_taxonomy

EMBEDDERS = ("minilm", "fake")


def build_embedder(kind: str, cache: Path | None) -> Embedder:
    """The embedder named by `kind` ('minilm', or 'fake' for tests), cached on disk at `cache`."""
    if kind not in EMBEDDERS:
        raise ValueError(f"unknown embedder {kind!r}; expected one of {', '.join(EMBEDDERS)}")
    inner: Embedder = SentenceTransformerEmbedder() if kind == "minilm" else FakeEmbedder()
    return CachedEmbedder(inner, cache)


def build_enricher(embedder_kind: str, cache: Path | None) -> Enricher:
    """Themes, entities and embeddings; models load on first use."""
    embedder = build_embedder(embedder_kind, cache)
    taxonomy = load_taxonomy()
    catalogue = Catalogue.load()
    version = f"themes-{taxonomy.version}.{taxonomy.revision}|entities-1|{embedder.name}"
    return Enricher(
        ThemeClassifier(taxonomy, embedder), EntityExtractor(catalogue), embedder, version
    )


def open_store(data_dir: Path) -> Store:
    """The embedded Kùzu store in `data_dir` (the Neo4j backend arrives with its own settings)."""
    return KuzuStore(data_dir)
