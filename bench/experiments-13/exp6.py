import sys; sys.path.insert(0, "bench/experiments-13")
from harness import *
import numpy as np
rows, res = pickle.load(open("/tmp/h13/chunks.pkl", "rb"))
store = engine.store
ids = [r[0] for r in rows]
orig = store.passage_vectors(ids)
O = np.stack([orig[i] for i in ids])
exec(open("bench/experiments-13/makedense.py").read())
store.dense_search = make("max", (90, 60))
results = []
for cfg in grid({"FUSION_WEIGHTS": [{"keyword": 1.0, "dense": 1.0}, {"keyword": 1.25, "dense": 1.0}, {"keyword": 1.5, "dense": 1.0}], "THEME_WEIGHT": [1.0, 1.5, 2.0], "RRF_K": [10, 20]}):
    r = run_full(cfg); results.append((cfg, r)); print(cfg, summ(r), flush=True)
