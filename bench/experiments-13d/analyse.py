"""Out-of-fold selection over the sweep pickles: per idea (its settings and 'as shipped') and
over everything; W/L against as shipped of the setting best on all queries and out of fold."""

import pickle
import sys
from pathlib import Path

sys.path.insert(0, "bench/experiments-13d")
from harness import out_of_fold, summary, wins_losses

files = sys.argv[1:] or ["/tmp/h13d/sweep.pkl"]
families: dict = {}
results: dict = {}
for f in files:
    fam, res = pickle.loads(Path(f).read_bytes())
    families.update(fam)
    results.update(res)
base = results["base"]["hybrid"]
everything = [("base", base)]
for family in families:
    named = [(n, r["hybrid"]) for n, r in results.items() if n.startswith(family + "|")]
    everything += named
    best = max(named, key=lambda nr: summary(nr[1])["ndcg"])
    oof = out_of_fold([("base", base), *named])
    wl = wins_losses(oof["loo_per_query"], base)
    print(
        f"{family}: {len(named)} settings; best {best[0].split('|')[1]} {summary(best[1])} "
        f"W/L {wins_losses(best[1], base)}; LOO {oof['loo']} W/L {wl} picks {oof['loo_picks']}; "
        f"3-fold x5 {oof['threefold_mean']} {oof['threefold']}"
    )
oof = out_of_fold(everything)
overall = wins_losses(oof["loo_per_query"], base)
print(
    f"ALL {len(everything)} settings: LOO {oof['loo']} W/L {overall} "
    f"picks {oof['loo_picks']}; 3-fold x5 {oof['threefold_mean']} {oof['threefold']}"
)
print("base", summary(base))
