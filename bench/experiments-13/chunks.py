import sys; sys.path.insert(0, "bench/experiments-13")
from harness import *
import numpy as np, sqlite3, re
from ingest.embed import transient
c = sqlite3.connect('/tmp/evalstore-13/search.sqlite')
rows = c.execute('select id, text, section, title from passages p').fetchall() if False else c.execute('select id, text, section from passages').fetchall()
emb = engine.embedder
def windows(text, W, S):
    words = text.split()
    if len(words) <= W: return [text]
    out = []
    for start in range(0, len(words), S):
        out.append(" ".join(words[start:start+W]))
        if start + W >= len(words): break
    return out
res = {}
for W, S in [(90, 60), (60, 45)]:
    owners, pieces = [], []
    for pid, text, sec in rows:
        for w in windows(text, W, S):
            owners.append(pid); pieces.append(w)
    t = time.time()
    V = emb.embed(pieces)
    print(W, S, len(pieces), time.time() - t, flush=True)
    res[(W, S)] = (owners, V)
pickle.dump((rows, res), open("/tmp/h13/chunks.pkl", "wb"))
