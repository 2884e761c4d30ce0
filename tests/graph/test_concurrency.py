"""One writer at a time; readers in other processes keep working while it writes."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from tests.conftest import enricher

REPO = Path(__file__).resolve().parents[2]


def test_readers_keep_working_while_a_writer_writes(tmp_path: Path, review_folder: Path) -> None:
    data = tmp_path / "data"
    store = KuzuStore(data)
    with store.writer():
        ingest_paths([review_folder], store, enricher=enricher())
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.graph.slow_writer", str(review_folder), str(data)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reads = 0
    try:
        while writer.poll() is None and reads < 200:
            assert len(KuzuStore(data, lock_timeout=30).reviews()) == 3
            reads += 1
            time.sleep(0.05)
    finally:
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err[-2000:]
    assert "writer done" in out
    assert reads >= 3  # reads went through while the writer was at work
    assert {row["review_id"] for row in KuzuStore(data).reviews()} and not (
        data / ".readers-waiting"
    ).exists()
