"""While a writer adds reviews the keyword matrix lags behind them: a word only the new
reviews use is still known (search must not say no review uses it)."""

from __future__ import annotations

from pathlib import Path

from graph.bm25 import analyse
from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from tests.conftest import enricher


def test_a_word_of_a_review_stored_during_the_ingest_is_known(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "data"
    with KuzuStore(data).writer() as first:
        ingest_paths(sorted(review_folder.iterdir()), first, enricher=enricher())
    reader = KuzuStore(data)
    [term] = analyse("methadone")
    assert reader.document_frequencies([term])[1][term] == 0  # the matrix is read now
    new = tmp_path / "child-m.txt"  # written for this test
    new.write_text(
        "Serious Case Review: Child M\n\nBackground\n\nA tablet of methadone was left where "
        "the toddler could reach it.\n",
        encoding="utf-8",
    )
    writer = KuzuStore(data)
    with writer.writer():
        ingest_paths([new], writer, enricher=enricher())
        reader.index.writing = lambda: True  # as it is while the batch goes on
        assert reader.document_frequencies([term])[1][term] == 1
