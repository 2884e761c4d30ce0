"""Run by the crash tests in a subprocess: ingest a folder and SIGKILL itself half-way
through writing the N-th review, inside its transaction. With a Bolt URI as fifth
argument it writes to that Neo4j server; otherwise to the Kùzu store in the data
directory."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from graph import writes
from graph.kuzu_store import KuzuStore
from graph.schema import ReviewRows
from ingest.batch import ingest_paths
from tests.conftest import enricher

folder, data_dir, die_at, version = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
write_whole = writes.write_review
written = 0


def write_then_die(run: writes.Run, q: ModuleType, rows: ReviewRows) -> None:
    global written
    written += 1
    if written < die_at:
        write_whole(run, q, rows)
        return
    for statement in q.DELETE_REVIEW:  # the old version is gone inside the transaction...
        run(statement, {"id": rows.review["id"]})
    run(q.CREATE_REVIEW, {"rows": [rows.review]})  # ...and half the new one is in
    os.kill(os.getpid(), signal.SIGKILL)


writes.write_review = write_then_die
writer = enricher()
writer.version = version
store: Any
if len(sys.argv) > 5:
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(sys.argv[5], "neo4j", "", cache_dir=Path(data_dir))
else:
    store = KuzuStore(Path(data_dir))
with store.writer():
    ingest_paths([Path(folder)], store, enricher=writer)
