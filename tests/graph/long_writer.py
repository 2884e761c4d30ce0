"""Run by test_reader_waits.py: hold the database for a long write (one large review)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from graph.kuzu_store import KuzuStore

store = KuzuStore(Path(sys.argv[1]))
with store.writer(), store._connection() as connection:
    connection.execute("BEGIN TRANSACTION")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    connection.execute("COMMIT")
print("done", flush=True)
