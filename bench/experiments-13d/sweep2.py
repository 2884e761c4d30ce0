"""Second round: a finer neighbour grid and the best of each idea together (hybrid),
pickled to /tmp/h13d/sweep2.pkl; analyse with analyse.py sweep.pkl sweep2.pkl."""

import pickle
import sys
from pathlib import Path

sys.path.insert(0, "bench/experiments-13d")
from harness import grid, run, summary, wins_losses

families = {
    "neighbour smoothing, finer": [
        {"NEIGHBOUR_WEIGHT": w, "NEIGHBOUR_SAME_SECTION": True} for w in (0.05, 0.15, 0.2, 0.35)
    ],
    "combined": [
        {k: v for k, v in c.items() if v is not None}
        for c in grid(
            {
                "NEIGHBOUR_WEIGHT": [None, 0.1, 0.25],
                "KIND_FACTORS": [None, {"analysis": 1.1}],
                "B": [None, 0.2],
                "DOCUMENT_WEIGHT": [None, 0.1],
            }
        )
        if sum(v is not None for v in c.values()) >= 2
    ],
}
for c in families["combined"]:
    if "DOCUMENT_WEIGHT" in c:
        c["DOCUMENT_TOP"] = 1
base = run({})
results = {"base": {"hybrid": base}}
for family, configs in families.items():
    for config in configs:
        name = f"{family}|{config}"
        results[name] = {"hybrid": run(config)}
        print(
            name,
            summary(results[name]["hybrid"]),
            "W/L",
            wins_losses(results[name]["hybrid"], base),
            flush=True,
        )
Path("/tmp/h13d/sweep2.pkl").write_bytes(pickle.dumps((families, results)))
