import pickle
e4 = dict(pickle.load(open("/tmp/h13/exp4.pkl", "rb")))
base = e4["base"]
e8 = pickle.load(open("/tmp/h13/exp8.pkl", "rb"))
for name in ("3way w.5", "3way w1", "3way w1.5", "e5 replaces"):
    r = e8[name]
    d = {q: r[q][0] - base[q][0] for q in base}
    w = [q for q in d if d[q] > 0.005]; l = [q for q in d if d[q] < -0.005]
    dj = {q: r[q][2] - base[q][2] for q in base}
    wj = sum(1 for q in dj if dj[q] > 0.005); lj = sum(1 for q in dj if dj[q] < -0.005)
    print(f"{name:12s} wins {len(w)} losses {len(l)} (judged-only wins {wj} losses {lj}) | " + " ".join(f"{q}{d[q]:+.2f}" for q in sorted(w + l)))
cands = [("base", {q: v[0] for q, v in base.items()})] + [(n, {q: v[0] for q, v in e8[n].items()}) for n in ("3way w.5", "3way w1", "3way w1.5")]
qs = sorted(base)
pick = lambda ex: max(cands, key=lambda cr: sum(v for k, v in cr[1].items() if k not in ex))
from collections import Counter
print("LOO", round(sum(pick({q})[1][q] for q in qs) / len(qs), 4), Counter(pick({q})[0] for q in qs))
import random
res = []
for seed in range(5):
    random.seed(seed); sh = qs[:]; random.shuffle(sh); o = {}
    for f in [sh[i::3] for i in range(3)]:
        b = pick(set(f))
        for q in f: o[q] = b[1][q]
    res.append(round(sum(o.values()) / len(qs), 4))
print("3-fold", res, sum(res) / 5)
