"""Builds the heavy parts (models, classifier, extractor) from settings, in one place."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from casegraph.settings import EMBEDDERS
from graph.kuzu_store import KuzuStore
from graph.store import Store
from ingest.embed import CachedEmbedder, Embedder, FakeEmbedder, SentenceTransformerEmbedder
from ingest.enrich import Enricher, ThemeTagger
from ingest.entities import Catalogue, EntityExtractor
from ingest.themes import ThemeClassifier, load_taxonomy
from ingest.themes.learned import DEFAULT_MODEL, default_learned_classifier
from ingest.themes.review_level import REVIEW_RULES

if TYPE_CHECKING:
    from search_app.search import Searcher


def build_embedder(kind: str, cache: Path | None) -> Embedder:
    """The embedder named by `kind` ('minilm', or 'fake' for tests), cached on disk at `cache`."""
    if kind not in EMBEDDERS:  # from the environment, Settings.from_env has said so already
        raise ValueError(f"unknown embedder {kind!r}; expected one of {', '.join(EMBEDDERS)}")
    inner: Embedder = SentenceTransformerEmbedder() if kind == "minilm" else FakeEmbedder()
    return CachedEmbedder(inner, cache)


def build_theme_tagger(embedder: Embedder) -> ThemeTagger:
    """The trained theme model shipped in models/ (read once per process); the cue rules
    only when no model has been trained yet, or for fake embeddings in fast tests."""
    if DEFAULT_MODEL.exists() and not embedder.name.startswith("fake"):
        return default_learned_classifier(embedder)
    return ThemeClassifier(load_taxonomy(), embedder)


def tagger_version(tagger: ThemeTagger) -> str:
    version = getattr(tagger, "version", None)
    if version:
        return f"themes-model-{version}"
    taxonomy = load_taxonomy()
    return f"themes-{taxonomy.version}.{taxonomy.revision}"


def build_enricher(embedder_kind: str, cache: Path | None) -> Enricher:
    """Themes, entities and embeddings; models load on first use."""
    embedder = build_embedder(embedder_kind, cache)
    catalogue = Catalogue.load()
    tagger = build_theme_tagger(embedder)
    # scores-1: passages keep the tagger's confidence per theme (search ranks by it);
    # review-N: the rules that read a whole review's themes (ingest/themes/review_level.py)
    version = f"{tagger_version(tagger)}|entities-1|{embedder.name}|scores-1|review-{REVIEW_RULES}"
    return Enricher(tagger, EntityExtractor(catalogue), embedder, version)


def open_store(data_dir: Path, create: bool = False) -> Store:
    """Neo4j when NEO4J_URI is set (a shared server, Aura or a cluster); otherwise the
    embedded Kùzu store in `data_dir`. Local caches live in `data_dir` either way.

    Only a command that adds reviews (ingest, demo, the app) passes `create`: every other
    one stops at a missing Kùzu store with one line, rather than leave an empty store (a
    mistyped --data-dir) behind and answer "no passages found"."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        store = KuzuStore(data_dir)
        if not create:
            store.require_existing()
        return store
    from graph.neo4j_store import Neo4jStore

    return Neo4jStore(
        uri,
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),  # secrets only from the environment
        database=os.environ.get("NEO4J_DATABASE") or None,
        cache_dir=Path(data_dir) / "cache",
    )


def build_searcher(store: Store, embedder: Embedder, reranker: str = "auto") -> Searcher:
    """Search as the CLI and the app run it: the theme classifier and entity catalogue read
    the query; the reranker joins when it is switched on (`reranker`, Settings.reranker: see
    search_app.rerank.default_reranker)."""
    from search_app.rerank import default_reranker
    from search_app.search import Searcher

    themes = ThemeClassifier(load_taxonomy(), embedder)
    model = default_reranker(reranker)
    return Searcher(store, embedder, themes, EntityExtractor(use_ner=False), model)
