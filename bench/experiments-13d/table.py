"""The table of docs/search-quality.md (December, ranking evidence): per idea, the setting
best on all 21 queries, and the choice among that idea's settings and 'as shipped' made
out of fold (leave-one-query-out; 3-fold x 5 shuffles); then the same over every setting."""

import pickle
import sys
from pathlib import Path

sys.path.insert(0, "bench/experiments-13d")
from harness import out_of_fold, summary, wins_losses

results: dict = {}
for f in ("/tmp/h13d/sweep.pkl", "/tmp/h13d/sweep2.pkl", "/tmp/h13d/sweep3.pkl"):
    loaded = pickle.loads(Path(f).read_bytes())[1]
    results.update({n: r for n, r in loaded.items() if n not in results})
base = {m: results["base"][m] for m in ("hybrid", "keyword", "dense")}
ideas = {
    "document evidence, best candidates of the review": ["document evidence (candidates)"],
    "document evidence, BM25 over whole reviews": ["document BM25 (whole reviews)"],
    "BM25 k1, b": ["BM25 k1, b"],
    "score fusion (normalised BM25 and cosine)": ["score fusion"],
    "neighbour smoothing": ["neighbour smoothing|", "neighbour smoothing, finer"],
    "neighbour smoothing, candidate lists 200 / 400 deep": [
        "neighbour smoothing, deeper candidates"
    ],
    "dense length prior": ["dense length prior"],
    "passage-kind prior": ["passage-kind prior"],
    "combinations": ["combined"],
}


def row(label, named, mode="hybrid"):
    b = base[mode]
    best_name, best = max(named, key=lambda nr: summary(nr[1])["ndcg"])
    s = summary(best)
    oof = out_of_fold([("base", b), *named])
    won, lost = wins_losses(best, b)
    ow, ol = wins_losses(oof["loo_per_query"], b)
    cfg = best_name.split("|", 1)[1] if "|" in best_name else best_name
    print(
        f"| {label} ({len(named)}) | {cfg} | {s['ndcg']:.3f} | {s['recall']:.3f} | {s['mrr']:.3f} "
        f"| {100 * s['unjudged']:.1f}% | {s['judged_only']:.3f} | {won} / {lost} "
        f"| {oof['loo']:.3f} ({ow} / {ol}) | {oof['threefold_mean']:.3f} |"
    )


print(
    "| idea (settings) | best on all 21 | nDCG@10 | Recall@10 | MRR | unjudged | judged only "
    "| W / L | LOO (W / L) | 3-fold x5 |"
)
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for mode in ("hybrid", "keyword", "dense"):
    s = summary(base[mode])
    print(
        f"| as shipped, {mode} | | {s['ndcg']:.3f} | {s['recall']:.3f} | {s['mrr']:.3f} "
        f"| {100 * s['unjudged']:.1f}% | {s['judged_only']:.3f} | | | |"
    )
everything = []
for label, prefixes in ideas.items():
    named = [
        (n, r["hybrid"])
        for n, r in results.items()
        if any(n.startswith(p if p.endswith("|") else p + "|") for p in prefixes)
    ]
    everything += named
    row(label, named)
row("everything above", everything)
row(
    "BM25 k1, b, keyword-only",
    [(n, r["keyword"]) for n, r in results.items() if "keyword" in r and n != "base"],
    "keyword",
)
row(
    "dense length prior, dense-only",
    [(n, r["dense"]) for n, r in results.items() if "dense" in r and n != "base"],
    "dense",
)
