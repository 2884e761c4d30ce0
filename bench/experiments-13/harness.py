import itertools, json, sys, time, pickle
from pathlib import Path
import search_app.search as S
import search_app.understand as U
from casegraph.cli_search import searcher
from search_app.evaluate import load_gold, score_query

queries, texts = load_gold(Path("../shared/eval/dev/queries.jsonl"))
engine = searcher(Path("/tmp/evalstore-13"))

def run(config, mode="hybrid"):
    mods = {k: (S if hasattr(S, k) else U) for k in config}
    saved = {k: getattr(mods[k], k) for k in config}
    for k, v in config.items(): setattr(mods[k], k, v)
    try:
        out = {}
        for q in queries:
            res = engine.search(q["query"], 10, mode)
            rel = {p: int(g) for p, g in q["relevant"].items()}
            out[q["qid"]] = score_query([r.text for r in res], rel, texts)[0]
        return out
    finally:
        for k, v in saved.items(): setattr(mods[k], k, v)

def grid(space):
    keys = list(space)
    for values in itertools.product(*space.values()):
        yield dict(zip(keys, values))

def cv(results, folds="loo"):
    """results: list of (config, perquery). leave-one-out: for each q pick best config on others."""
    qids = [q["qid"] for q in queries]
    oof = {}
    picks = []
    for q in qids:
        best = max(results, key=lambda cr: sum(v for k, v in cr[1].items() if k != q))
        oof[q] = best[1][q]; picks.append(json.dumps(best[0], sort_keys=True))
    from collections import Counter
    return sum(oof.values()) / len(oof), Counter(picks).most_common(3)

def mean(d): return sum(d.values()) / len(d)

from search_app.evaluate import unmatched, judged_results
POOL = json.load(open("/tmp/h13/pool-round1.json")) if Path("/tmp/h13/pool-round1.json").exists() else None

def run_full(config, mode="hybrid"):
    """per query: (ndcg, unjudged count in top 10, judged-only ndcg from 30 deep)"""
    mods = {k: (S if hasattr(S, k) else U) for k in config}
    saved = {k: getattr(mods[k], k) for k in config}
    for k, v in config.items(): setattr(mods[k], k, v)
    try:
        out = {}
        for q in queries:
            res = [r.text for r in engine.search(q["query"], 30, mode)]
            rel = {p: int(g) for p, g in q["relevant"].items()}
            golds = [texts[p] for p in rel]
            nd = score_query(res[:10], rel, texts)[0]
            missed = unmatched(res[:10], golds)
            judged = POOL[q["qid"]]
            unj = len(unmatched([t for _, t in missed], judged))
            kept = judged_results(res, golds + judged)
            out[q["qid"]] = (nd, unj, score_query(kept, rel, texts)[0])
        return out
    finally:
        for k, v in saved.items(): setattr(mods[k], k, v)

def summ(r):
    n = len(r)
    return round(sum(v[0] for v in r.values())/n, 4), round(sum(v[1] for v in r.values())/(10*n), 3), round(sum(v[2] for v in r.values())/n, 4)
