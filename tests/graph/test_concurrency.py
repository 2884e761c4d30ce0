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


def test_keyword_search_during_a_write_uses_the_matrix_from_before_it(
    tmp_path: Path, reviews: list
) -> None:
    (child_a, enrich_a), (child_c, enrich_c) = reviews[0], reviews[2]
    writer = KuzuStore(tmp_path / "data")
    with writer.writer():
        writer.put(child_a, "v1", enrich_a)
    reader = KuzuStore(tmp_path / "data")  # another handle on the store, as the app has
    assert reader.keyword_search("sofa", 5)
    with writer.writer():
        writer.put(child_c, "v1", enrich_c)
        # no rebuild per review while the batch runs: what was there is still found...
        assert reader.keyword_search("sofa", 5)
        assert reader.keyword_search("county lines", 5) == []
        assert writer.keyword_search("county lines", 5) == []
    # ...and the writer's closing rebuild makes the new review searchable by keyword
    found = reader.keyword_search("county lines", 5)
    assert found and found[0][0] in {p.id for p in child_c.passages}
