import sys; sys.path.insert(0, "bench/experiments-13")
from harness import *
base = run({})
print("base", round(mean(base), 4))
results = [({}, base)]
for cfg in grid({"THEME_PRF_WEIGHT": [0.5, 1.0, 2.0], "THEME_PRF_DOCS": [3, 5, 10, 20], "THEME_PRF_POWER": [0.5, 1.0]}):
    r = run(cfg); results.append((cfg, r)); print(cfg, round(mean(r), 4), flush=True)
pickle.dump(results, open("/tmp/h13/exp2.pkl", "wb"))
print("LOO", cv(results))
