"""Search latency on a built store: p50/p95 (warm) for hybrid, keyword and dense queries.

BENCH_DATA_DIR=/path/to/store python bench/search_bench.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from casegraph.components import build_embedder, open_store  # noqa: E402
from graph import bm25  # noqa: E402
from graph.filters import SearchFilters  # noqa: E402
from graph.passage_index import PassageIndex  # noqa: E402
from ingest.entities import EntityExtractor  # noqa: E402
from ingest.themes import ThemeClassifier, load_taxonomy  # noqa: E402
from search_app.rerank import default_reranker  # noqa: E402
from search_app.search import Searcher  # noqa: E402

SHARED = Path(os.environ.get("CASEGRAPH_SHARED", REPO.parent / "shared"))
FALLBACK_QUERIES = [
    "father smoked cannabis and police did not tell health",
    "baby bruising not mobile",
    "information sharing between health visitor and GP",
    "children going missing and criminal exploitation",
    "neglect home conditions school attendance",
    "safer sleep advice co-sleeping on a sofa",
]


def queries() -> list[str]:
    path = SHARED / "eval" / "dev" / "queries.jsonl"
    if path.exists():
        return [json.loads(line)["query"] for line in path.read_text().splitlines() if line.strip()]
    return FALLBACK_QUERIES


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def forget_queries(embedder: object) -> None:
    memory = getattr(embedder, "memory", None)
    if isinstance(memory, dict):
        memory.clear()


def _keyword_matrix_costs(index: PassageIndex) -> None:
    """Building the BM25 matrix (after each ingest) and loading it (when a reader opens)."""
    started = time.perf_counter()
    rows = index.connection.execute("SELECT rowid, text, section FROM passages ORDER BY rowid")
    matrix = bm25.build("bench", (tuple(row) for row in rows))
    built = time.perf_counter() - started
    path = index.path.with_name("keywords-bench.npz")
    bm25.save(matrix, path)
    started = time.perf_counter()
    bm25.load(path)
    loaded = time.perf_counter() - started
    path.unlink()
    size = sum(a.nbytes for a in (matrix.rowids, matrix.starts, matrix.positions, matrix.scores))
    print(
        f"BM25 matrix: {len(matrix.vocabulary)} terms, {len(matrix.scores)} postings, "
        f"{size / 1e6:.0f} MB; built in {built:.1f} s, loaded from disk in {loaded:.2f} s"
    )


def main() -> None:
    data_dir = Path(os.environ["BENCH_DATA_DIR"])
    store = open_store(data_dir)
    started = time.perf_counter()
    with store.writer():  # builds the search index for reviews it lacks (e.g. after COPY FROM)
        pass
    print(f"search index in step with the graph in {time.perf_counter() - started:.1f} s")
    if hasattr(store, "index"):
        _keyword_matrix_costs(store.index)
    embedder = build_embedder(os.environ.get("BENCH_EMBEDDER", "minilm"), None)
    # as `casegraph search` runs, with the reranker on unless BENCH_RERANKER=off
    reranker = default_reranker(os.environ.get("BENCH_RERANKER", "on"))
    themes, entities = ThemeClassifier(load_taxonomy(), embedder), EntityExtractor(use_ner=False)
    searcher = Searcher(store, embedder, themes, entities, reranker)
    print(f"reranker: {'on' if reranker else 'off'}")
    texts = queries()
    passages = (
        store.index.count()
        if hasattr(store, "index")
        else store.query("MATCH (p:Passage) RETURN count(p) AS n")[0]["n"]
    )
    backend = "Neo4j" if os.environ.get("NEO4J_URI") else "Kùzu"
    searcher.search(texts[0])  # warm: loads the vectors into memory and the model
    print(f"search latency ({backend}) on {passages} passages ({len(texts)} queries, warm, ms):")
    for label, mode, filters in (
        ("hybrid", "hybrid", None),
        ("keyword", "keyword", None),
        ("dense", "dense", None),
        ("hybrid + filters", "hybrid", SearchFilters(year_from=2015, themes=("hidden_men",))),
    ):
        times = []
        for text in texts:
            forget_queries(embedder)  # each query embedded afresh, as a new query would be
            started = time.perf_counter()
            searcher.search(text, 10, mode, filters)  # type: ignore[arg-type]
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"  {label:18} p50 {statistics.median(times):7.1f}  p95 {percentile(times, 0.95):7.1f}"
        )


if __name__ == "__main__":
    main()
