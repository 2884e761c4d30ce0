import sys; sys.path.insert(0, "bench/experiments-13")
from harness import *
import graph.bm25 as B
index = engine.store.index
m0 = index.keyword_matrix()
gen = index._derived["keywords"][0]
rowsq = index.connection.execute("SELECT p.rowid, p.text, p.section FROM passages p ORDER BY p.rowid").fetchall()
for sw in (0.0, 0.3, 0.6, 1.0):
    B.SECTION_WEIGHT = sw
    index._derived["keywords"] = (gen, B.build(gen, ((r[0], r[1], r[2]) for r in rowsq)))
    r = run_full({}); k = run_full({}, "keyword")
    print(sw, "hybrid", summ(r), "keyword", summ(k), flush=True)
