"""A store written by an earlier version opens and works: columns added since are added."""

from pathlib import Path

import kuzu

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from tests.ingest.test_batch import VISITS, _saved_again


def test_a_store_made_before_text_fingerprints_finds_copies_of_reviews_stored_after(
    make_pdf, tmp_path: Path
) -> None:
    older = make_pdf("older.pdf", [["# Summary", "An older review of a baby's injuries."]])
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        ingest_paths([older], store)
    database = kuzu.Database(str(store.path))
    kuzu.Connection(database).execute("ALTER TABLE Review DROP text_sha256")
    database.close()

    original = make_pdf("child-d.pdf", VISITS)
    with store.writer():
        report = ingest_paths([original, _saved_again(original, tmp_path / "again.pdf")], store)
    assert [r.status for r in report.files] == ["ingested", "skipped"]
    assert len(store.reviews()) == 2
