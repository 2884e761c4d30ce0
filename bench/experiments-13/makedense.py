def make(kind, W):
    owners, V = res[W]
    idx = {p: i for i, p in enumerate(ids)}
    own = np.array([idx[o] for o in owners])
    if kind in ("mean", "mean+orig"):
        M = np.zeros_like(O)
        np.add.at(M, own, V)
        if kind == "mean+orig": M = M / np.linalg.norm(M, axis=1, keepdims=True) + O
        M /= np.linalg.norm(M, axis=1, keepdims=True)
        def dense(vector, k, filters=None):
            s = M @ vector.astype(np.float32)
            top = np.argsort(-s)[:k]
            return [(ids[i], float(s[i])) for i in top]
    else:
        def dense(vector, k, filters=None):
            s = V @ vector.astype(np.float32)
            best = np.full(len(ids), -9.0, dtype=np.float32)
            np.maximum.at(best, own, s)
            top = np.argsort(-best)[:k]
            return [(ids[i], float(best[i])) for i in top]
    return dense
