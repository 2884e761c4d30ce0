"""Run by test_crash.py in a subprocess: ingest a folder and SIGKILL itself half-way
through writing the N-th review, inside its transaction."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from graph import kuzu_queries as q
from graph import kuzu_store
from graph.schema import ReviewRows
from ingest.batch import ingest_paths
from tests.conftest import enricher

folder, data_dir, die_at, version = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
write_whole = kuzu_store._write_review
written = 0


def write_then_die(conn: Any, rows: ReviewRows) -> None:
    global written
    written += 1
    if written < die_at:
        write_whole(conn, rows)
        return
    for statement in q.DELETE_REVIEW:  # the old version is gone inside the transaction...
        conn.execute(statement, {"id": rows.review["id"]})
    conn.execute(q.CREATE_REVIEW, {"rows": [rows.review]})  # ...and half the new one is in
    os.kill(os.getpid(), signal.SIGKILL)


kuzu_store._write_review = write_then_die
writer = enricher()
writer.version = version
store = kuzu_store.KuzuStore(Path(data_dir))
with store.writer():
    ingest_paths([Path(folder)], store, enricher=writer)
