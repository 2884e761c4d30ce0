import sys; sys.path.insert(0, "bench/experiments-13")
from harness import *
import numpy as np
rows, res = pickle.load(open("/tmp/h13/chunks.pkl", "rb"))
store = engine.store
orig_dense = store.dense_search
ids = [r[0] for r in rows]
orig = store.passage_vectors(ids)
O = np.stack([orig[i] for i in ids])
exec(open("bench/experiments-13/makedense.py").read())
results = []
def go(name, cfg, dense=None):
    store.dense_search = dense or orig_dense
    r = run_full(cfg); d = run_full(cfg, "dense") if dense else None
    results.append((name, r))
    print(name, summ(r), "dense", summ(d) if d else "", flush=True)
go("base", {})
go("chunkmax90", {}, make("max", (90, 60)))
go("chunkmean+orig90", {}, make("mean+orig", (90, 60)))
go("prf 1.0/5/20", {"PRF_WEIGHT": 1.0, "PRF_DOCS": 5, "PRF_TERMS": 20})
go("prf .5/3/10", {"PRF_WEIGHT": .5, "PRF_DOCS": 3, "PRF_TERMS": 10})
go("dprf .5/3/.5", {"DENSE_PRF_WEIGHT": .5, "PRF_DOCS": 3, "DENSE_PRF_BETA": .5})
go("tprf .5/10", {"THEME_PRF_WEIGHT": .5, "THEME_PRF_DOCS": 10})
for kw in (0.7, 0.85, 1.2, 1.5):
    go(f"kw{kw}", {"FUSION_WEIGHTS": {"keyword": kw, "dense": 1.0}})
for k in (10, 40, 60):
    go(f"rrfk{k}", {"RRF_K": k})
pickle.dump(results, open("/tmp/h13/exp4.pkl", "wb"))
