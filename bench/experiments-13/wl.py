import pickle
e4 = dict(pickle.load(open("/tmp/h13/exp4.pkl", "rb")))
base = {k: v[0] for k, v in e4["base"].items()}
def wl(name, r):
    d = {q: r[q] - base[q] for q in base}
    w = [q for q in d if d[q] > 0.005]; l = [q for q in d if d[q] < -0.005]
    print(f"{name:28s} mean {sum(r.values())/len(r):.4f} wins {len(w)} losses {len(l)} | " + " ".join(f"{q}{d[q]:+.2f}" for q in sorted(w + l)))
for name, r in e4.items():
    if name != "base": wl(name, {k: v[0] for k, v in r.items()})
e5 = pickle.load(open("/tmp/h13/exp5.pkl", "rb"))
for c, r, _ in e5:
    if c["THEME_WEIGHT"] == 1.5 and c["SOFT_THEME_WEIGHT"] in (0.25, 0.5): wl(f"soft{c['SOFT_THEME_WEIGHT']}@{c['SOFT_THEME_SCORE']}", r)
e1 = pickle.load(open("/tmp/h13/exp1.pkl", "rb"))
e2 = pickle.load(open("/tmp/h13/exp2.pkl", "rb"))
allr = [("base", base)]
allr += [(n, {k: v[0] for k, v in r.items()}) for n, r in e4.items() if n != "base"]
allr += [(str(c), r) for c, r in e1 + e2 if c]
allr += [(str(c), r) for c, r, _ in e5]
qs = sorted(base)
from collections import Counter
def pick(excl):
    return max(allr, key=lambda cr: sum(v for k, v in cr[1].items() if k not in excl))
oof = {q: pick({q})[1][q] for q in qs}; picks = Counter(pick({q})[0] for q in qs)
print("configs", len(allr), "LOO", round(sum(oof.values())/len(qs), 4), picks.most_common(3))
import random
res = []
for seed in range(5):
    random.seed(seed); sh = qs[:]; random.shuffle(sh)
    folds = [sh[i::3] for i in range(3)]
    o = {}
    for f in folds:
        best = pick(set(f))
        for q in f: o[q] = best[1][q]
    res.append(sum(o.values())/len(qs))
print("3-fold x5", [round(x, 4) for x in res], round(sum(res)/5, 4))
print("best full-set", max((sum(r.values())/len(r), n) for n, r in allr))
