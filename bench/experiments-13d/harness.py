"""Sweep harness for the issue-13 ranking settings of December (document evidence, BM25 k1/b,
score fusion, neighbour smoothing, dense length and kind priors). Run from the repository
root with PYTHONPATH=$PWD; expects a store in /tmp/h13d/store and the round-1 pool in
/tmp/h13d/pool-round1.json (bench/round1_pool.py). Query vectors and readings are cached, so
a setting costs only the ranking."""

from __future__ import annotations

import itertools
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

import search_app.search as S
from casegraph.cli_search import searcher
from graph import bm25
from search_app.evaluate import judged_results, load_gold, score_query, unmatched

STORE = Path("/tmp/h13d/store")
queries, texts = load_gold(Path("../shared/eval/dev/queries.jsonl"))
engine = searcher(STORE)
POOL = json.loads(Path("/tmp/h13d/pool-round1.json").read_text())
index = engine.store.index  # type: ignore[attr-defined]

_vectors: dict[str, np.ndarray] = {}
_original_vector = S.query_vector


def _cached_vector(embedder: Any, text: str) -> np.ndarray:
    if text not in _vectors:
        _vectors[text] = _original_vector(embedder, text)
    return _vectors[text]


S.query_vector = _cached_vector
_readings: dict[str, Any] = {}
_original_understand = S.Searcher.understand


def _cached_understand(self: Any, query: str) -> Any:
    if query not in _readings:
        _readings[query] = _original_understand(self, query)
    return _readings[query]


S.Searcher.understand = _cached_understand  # type: ignore[method-assign]

# -- BM25 with other k1 / b: the matrix rebuilt in memory ------------------------------------
_rows = index.connection.execute(
    "SELECT rowid, text, section FROM passages ORDER BY rowid"
).fetchall()
_generation = index._generation()
_matrices: dict[tuple[float, float], bm25.Bm25Matrix] = {}


def use_bm25(k1: float, b: float) -> None:
    if (k1, b) not in _matrices:
        saved = bm25.K1, bm25.B
        bm25.K1, bm25.B = k1, b
        _matrices[(k1, b)] = bm25.build(_generation, ((r[0], r[1], r[2]) for r in _rows))
        bm25.K1, bm25.B = saved
    index._derived["keywords"] = (_generation, _matrices[(k1, b)])


# -- document-level BM25 (whole reviews), experiment only -----------------------------------
_docs = index.connection.execute(
    "SELECT review_id, group_concat(text, ' ') FROM passages GROUP BY review_id ORDER BY review_id"
).fetchall()
_doc_ids = [r[0] for r in _docs]
_doc_matrix = bm25.build("docs", ((i, r[1], None) for i, r in enumerate(_docs)))
DOC_BM25 = {"weight": 0.0}
_original_add = S.add_evidence


def _add_with_document_bm25(fused, details):  # type: ignore[no-untyped-def]
    fused = _original_add(fused, details)
    if not DOC_BM25["weight"] or not CURRENT_QUERY:
        return fused
    found = _doc_matrix.search(CURRENT_QUERY[0], len(_doc_ids))
    top = found[0][1] if found else 1.0
    score = {_doc_ids[i]: s / top for i, s in found}
    unit = DOC_BM25["weight"] / (S.RRF_K + 1)
    out = [
        (pid, s + unit * score.get(details[pid]["review_id"], 0.0))
        for pid, s in fused
        if pid in details
    ]
    return sorted(out, key=lambda item: -item[1])


S.add_evidence = _add_with_document_bm25
CURRENT_QUERY: list[str] = []


def apply(config: dict[str, Any]) -> dict[str, Any]:
    """Set a config; return what to restore."""
    saved: dict[str, Any] = {}
    for key, value in config.items():
        if key in ("K1", "B"):
            continue
        if key == "DOC_BM25":
            saved[key] = DOC_BM25["weight"]
            DOC_BM25["weight"] = value
            continue
        saved[key] = getattr(S, key)
        setattr(S, key, value)
    use_bm25(config.get("K1", bm25.K1), config.get("B", bm25.B))
    return saved


def restore(saved: dict[str, Any]) -> None:
    for key, value in saved.items():
        if key == "DOC_BM25":
            DOC_BM25["weight"] = value
        else:
            setattr(S, key, value)
    use_bm25(bm25.K1, bm25.B)


def run(config: dict[str, Any], mode: str = "hybrid", deep: int = 30) -> dict[str, tuple]:
    """qid -> (nDCG@10, Recall@10, RR, unjudged in top 10, judged-only nDCG@10)."""
    saved = apply(config)
    try:
        out = {}
        for q in queries:
            CURRENT_QUERY[:] = [q["query"]]
            res = [r.text for r in engine.search(q["query"], deep, mode)]  # type: ignore[arg-type]
            rel = {p: int(g) for p, g in q["relevant"].items()}
            golds = [texts[p] for p in rel]
            nd, rec, rr, _ = score_query(res[:10], rel, texts)
            missed = unmatched(res[:10], golds)
            unj = len(unmatched([t for _, t in missed], POOL[q["qid"]]))
            kept = judged_results(res, golds + POOL[q["qid"]])
            out[q["qid"]] = (nd, rec, rr, unj, score_query(kept, rel, texts)[0])
        return out
    finally:
        restore(saved)


def grid(space: dict[str, list[Any]]):  # type: ignore[no-untyped-def]
    keys = list(space)
    for values in itertools.product(*space.values()):
        yield dict(zip(keys, values, strict=True))


def summary(r: dict[str, tuple]) -> dict[str, float]:
    n = len(r)
    cols = list(zip(*r.values(), strict=True))
    return {
        "ndcg": round(sum(cols[0]) / n, 4),
        "recall": round(sum(cols[1]) / n, 4),
        "mrr": round(sum(cols[2]) / n, 4),
        "unjudged": round(sum(cols[3]) / (10 * n), 3),
        "judged_only": round(sum(cols[4]) / n, 4),
    }


def wins_losses(r: dict[str, tuple], base: dict[str, tuple]) -> tuple[int, int]:
    d = [r[q][0] - base[q][0] for q in base]
    return sum(x > 0.005 for x in d), sum(x < -0.005 for x in d)


def out_of_fold(results: list[tuple[str, dict[str, tuple]]]) -> dict[str, Any]:
    """Leave-one-query-out and 3-fold x 5 shuffles: pick the setting best on the other queries."""
    qids = sorted(results[0][1])

    def pick(excluded: set[str]) -> tuple[str, dict[str, tuple]]:
        return max(results, key=lambda nr: sum(v[0] for k, v in nr[1].items() if k not in excluded))

    loo = {q: pick({q})[1][q] for q in qids}
    picks = Counter(pick({q})[0] for q in qids)
    folds_means = []
    for seed in range(5):
        rng = random.Random(seed)
        shuffled = qids[:]
        rng.shuffle(shuffled)
        oof: dict[str, tuple] = {}
        for fold in (shuffled[i::3] for i in range(3)):
            best = pick(set(fold))[1]
            for q in fold:
                oof[q] = best[q]
        folds_means.append(sum(v[0] for v in oof.values()) / len(qids))
    return {
        "loo": round(sum(v[0] for v in loo.values()) / len(qids), 4),
        "loo_per_query": loo,
        "loo_picks": picks.most_common(3),
        "threefold": [round(x, 4) for x in folds_means],
        "threefold_mean": round(sum(folds_means) / 5, 4),
    }
