"""While a writer adds reviews the keyword matrix lags behind them: a word only the new
reviews use is still known (search must not say no review uses it)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from graph.bm25 import analyse
from graph.kuzu_store import KuzuStore
from graph.passage_index import PassageIndex
from graph.schema import EMBEDDING_DIM
from ingest.batch import ingest_paths
from tests.conftest import enricher
from tests.graph.test_passage_index_rowids import _rows


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


def test_review_vectors_read_while_another_process_stores_a_review(tmp_path: Path) -> None:
    """The vectors held for dense search lag behind the table while a writer works; the
    reviews' mean vectors are read from the table as it is, whole."""
    random = np.random.default_rng(7)
    vectors = {rid: random.random((n, EMBEDDING_DIM)).tolist() for rid, n in (("A", 3), ("B", 2))}
    writing = {"on": False}
    app = PassageIndex(tmp_path / "search.sqlite", writing=lambda: writing["on"])
    app.replace_review(_rows("A", ["one", "two", "three"], vectors["A"]))
    assert len(app.dense(np.ones(EMBEDDING_DIM, dtype=np.float32), 5)) == 3  # vectors held
    writing["on"] = True  # another process starts an ingest and stores a review
    PassageIndex(tmp_path / "search.sqlite").replace_review(
        _rows("B", ["four", "five"], vectors["B"])
    )
    ids, matrix, members = app.review_vectors()
    assert ids == ["A", "B"]
    assert members == {"A": ["A:0", "A:1", "A:2"], "B": ["B:0", "B:1"]}
    for i, review_id in enumerate(ids):
        mean = np.asarray(vectors[review_id], dtype=np.float32).mean(axis=0)
        assert np.allclose(matrix[i], mean / np.linalg.norm(mean), atol=1e-6)
