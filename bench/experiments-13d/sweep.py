"""Every setting of the December ideas on the pooled dev queries (hybrid; keyword-only for
BM25 k1/b, dense-only for the dense length prior too), pickled to /tmp/h13d/sweep.pkl."""

import pickle
import sys
from pathlib import Path

sys.path.insert(0, "bench/experiments-13d")
from harness import grid, run, summary, wins_losses

families = {
    "document evidence (candidates)": list(
        grid({"DOCUMENT_WEIGHT": [0.1, 0.2, 0.3, 0.5, 0.8], "DOCUMENT_TOP": [1, 3, 5]})
    ),
    "document BM25 (whole reviews)": [{"DOC_BM25": w} for w in (0.25, 0.5, 1.0, 1.5)],
    "BM25 k1, b": [
        c
        for c in grid({"K1": [0.6, 0.9, 1.2, 1.5], "B": [0.2, 0.4, 0.6, 0.75]})
        if (c["K1"], c["B"]) != (0.9, 0.4)
    ],
    "score fusion": list(
        grid({"SCORE_FUSION": [0.25, 0.5, 1.0], "KEYWORD_SHARE": [0.3, 0.5, 0.7]})
    ),
    "neighbour smoothing": list(
        grid({"NEIGHBOUR_WEIGHT": [0.1, 0.25, 0.5, 1.0], "NEIGHBOUR_SAME_SECTION": [True, False]})
    ),
    "dense length prior": list(
        grid({"DENSE_LENGTH_WEIGHT": [0.02, 0.05, 0.1], "DENSE_LENGTH_PIVOT": [30, 60, 100]})
    ),
    "passage-kind prior": [
        {"KIND_FACTORS": f}
        for f in (
            {"narrative": 1.1},
            {"narrative": 1.2},
            {"analysis": 1.1},
            {"analysis": 1.2},
            {"recommendation": 0.8},
            {"recommendation": 0.9},
            {"recommendation": 1.1},
            {"narrative": 1.1, "analysis": 1.1},
            {"narrative": 1.2, "recommendation": 0.8},
        )
    ],
}
results = {"base": {m: run({}, m) for m in ("hybrid", "keyword", "dense")}}
base = results["base"]["hybrid"]
print("base", summary(base), flush=True)
for family, configs in families.items():
    for config in configs:
        name = f"{family}|{config}"
        r = {"hybrid": run(config)}
        if family == "BM25 k1, b":
            r["keyword"] = run(config, "keyword")
        if family == "dense length prior":
            r["dense"] = run(config, "dense")
        results[name] = r
        extra = {m: summary(v)["ndcg"] for m, v in r.items() if m != "hybrid"}
        print(name, summary(r["hybrid"]), "W/L", wins_losses(r["hybrid"], base), extra, flush=True)
Path("/tmp/h13d/sweep.pkl").write_bytes(pickle.dumps((families, results)))
