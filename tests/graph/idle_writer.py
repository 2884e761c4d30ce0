"""Run by test_reader_waits.py: a writer between two writes (parsing and enriching a large
review), its database opened by the write before."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from graph.kuzu_store import KuzuStore

store = KuzuStore(Path(sys.argv[1]))
with store.writer():
    store.reviews()  # as a write would, leaves the database open for the next one
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
print("done", flush=True)
