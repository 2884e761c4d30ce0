import sys; sys.path.insert(0, "bench/experiments-13")
from harness import *
results = []
for cfg in grid({"SOFT_THEME_WEIGHT": [0.0, 0.25, 0.5, 0.75, 1.0], "SOFT_THEME_SCORE": [0.15, 0.35], "THEME_WEIGHT": [1.0, 1.5, 2.0]}):
    if cfg["SOFT_THEME_WEIGHT"] == 0 and cfg["SOFT_THEME_SCORE"] == 0.15: continue
    r = run_full(cfg); results.append((cfg, {k: v[0] for k, v in r.items()}, r))
    print(cfg, summ(r), flush=True)
pickle.dump(results, open("/tmp/h13/exp5.pkl", "wb"))
print("LOO", cv([(c, r) for c, r, _ in results]))
