"""Third round: neighbour smoothing with deeper candidate lists (a neighbour outside the
lists scores 0, so deeper lists give more neighbours a score), pickled to /tmp/h13d/sweep3.pkl."""

import pickle
import sys
from pathlib import Path

sys.path.insert(0, "bench/experiments-13d")
from harness import grid, run, summary, wins_losses

families = {
    "neighbour smoothing, deeper candidates": [
        c
        for c in grid({"CANDIDATES": [100, 200, 400], "NEIGHBOUR_WEIGHT": [0.0, 0.1, 0.25, 0.5]})
        if c != {"CANDIDATES": 100, "NEIGHBOUR_WEIGHT": 0.0} and c["CANDIDATES"] != 100
    ],
}
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
Path("/tmp/h13d/sweep3.pkl").write_bytes(pickle.dumps((families, results)))
