"""The keyword (BM25) matrix holds only the passages' words (texts and section titles) by
rowid: a correction, which changes neither, must not rebuild it over every passage, while
what corrections do change (titles, filters) is seen at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph import bm25
from graph.corrections import field_correction
from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from tests.conftest import enricher


def test_a_correction_does_not_rebuild_the_keyword_matrix(
    tmp_path: Path, review_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    with KuzuStore(data).writer() as first:
        ingest_paths(sorted(review_folder.iterdir()), first, enricher=enricher())
    reader = KuzuStore(data)  # the app
    [(passage_id, score)] = reader.keyword_search("county lines", 1)
    review_id = reader.passages([passage_id])[passage_id]["review_id"]
    other = (
        "serious_harm"
        if reader.passages([passage_id])[passage_id]["outcome"] != ("serious_harm")
        else "other"
    )
    built: list[str] = []
    real = bm25.build

    def counted(generation: str, rows: Any) -> bm25.Bm25Matrix:
        built.append(generation)
        return real(generation, rows)

    monkeypatch.setattr(bm25, "build", counted)
    writer = KuzuStore(data)  # as the app opens one to save a correction
    with writer.writer():
        writer.correct_field(field_correction(review_id, "title", "A corrected title", "Analyst"))
        writer.correct_field(field_correction(review_id, "outcome", other, "Analyst"))
    assert built == []  # neither the writer's close nor the reader rebuilt it
    assert reader.keyword_search("county lines", 1) == [(passage_id, score)]
    assert reader.passages([passage_id])[passage_id]["title"] == "A corrected title"
    assert reader.keyword_search("county lines", 1, SearchFilters(outcomes=(other,)))

    changed = tmp_path / "child-c.txt"  # the same file with other words: a new matrix
    changed.write_text(
        (review_folder / "child-c.txt").read_text() + "\nA neighbour reported the trafficking.\n"
    )
    with writer.writer():
        ingest_paths([changed], writer, enricher=enricher())
    assert len(built) == 1
    assert reader.keyword_search("trafficking", 1)
