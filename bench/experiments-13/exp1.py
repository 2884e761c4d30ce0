import sys; sys.path.insert(0, "bench/experiments-13")
from harness import *
base = run({})
print("base", round(mean(base), 4))
results = [({}, base)]
t = time.time()
for cfg in grid({"PRF_WEIGHT": [0.5, 1.0], "PRF_DOCS": [3, 5, 10], "PRF_TERMS": [5, 10, 20]}):
    r = run(cfg); results.append((cfg, r)); print(cfg, round(mean(r), 4), flush=True)
for cfg in grid({"DENSE_PRF_WEIGHT": [0.5, 1.0], "PRF_DOCS": [3, 5, 10], "DENSE_PRF_BETA": [0.5, 1.0, 2.0]}):
    r = run(cfg); results.append((cfg, r)); print(cfg, round(mean(r), 4), flush=True)
print(time.time() - t)
pickle.dump(results, open("/tmp/h13/exp1.pkl", "wb"))
print("LOO", cv(results))
