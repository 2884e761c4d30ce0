"""A correction stands when the search index beside Kùzu cannot follow it at once: the next
writer brings the index up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.corrections import field_correction
from graph.filters import SearchFilters
from graph.kuzu_store import KuzuStore
from graph.store import IndexBehind
from ingest.batch import ingest_paths
from tests.conftest import enricher


def test_a_correction_the_index_missed_is_indexed_by_the_next_writer(
    tmp_path: Path, review_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KuzuStore(tmp_path / "data")
    with store.writer():
        ingest_paths(sorted(review_folder.iterdir()), store, enricher=enricher())
    first = store.reviews()[0]
    review_id = first["review_id"]
    other = "other" if first.get("outcome") == "serious_harm" else "serious_harm"
    harmed = SearchFilters(outcomes=(other,), review_ids=(review_id,))

    def fail(rows: object) -> None:
        raise OSError("disk full")

    with store.writer():
        monkeypatch.setattr(store.index, "replace_review", fail)
        with pytest.raises(IndexBehind, match="saved, but the search index"):
            store.correct_field(field_correction(review_id, "outcome", other, "Analyst A"))
        monkeypatch.undo()
    assert [c["value"] for c in store.field_corrections(review_id)] == [f'"{other}"']
    assert store.keyword_search("child", 50, harmed) == []  # the index is behind

    with store.writer():  # any later writer: an ingest, another correction
        pass
    assert store.keyword_search("child", 50, harmed)
    assert not (tmp_path / "data" / "index-pending").exists()


def test_a_review_stored_whose_index_rows_failed_is_ingested_and_indexed_next_time(
    tmp_path: Path, review_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    path = review_folder / "child-c.txt"

    def fail(rows: object) -> None:
        raise OSError("database or disk is full")

    store = KuzuStore(data)
    with store.writer():
        monkeypatch.setattr(store.index, "replace_review", fail)
        report = ingest_paths([path], store, enricher=enricher())
        monkeypatch.undo()
    [result] = report.files
    assert (result.status, result.reason) == ("ingested", "new")
    assert any("search will find this review" in warning for warning in result.warnings)
    assert [row["review_id"] for row in KuzuStore(data).reviews()] == [result.review_id]
    assert KuzuStore(data).keyword_search("county lines", 5) == []  # the index is behind

    again = KuzuStore(data)
    with again.writer():  # the next writer (here the same ingest run again) catches up
        [rerun] = ingest_paths([path], again, enricher=enricher()).files
    assert rerun.status == "skipped"
    found = KuzuStore(data).keyword_search("county lines", 5)
    assert found and KuzuStore(data).passages([found[0][0]])[found[0][0]]["review_id"] == (
        result.review_id
    )
    assert not (data / "index-pending").exists()
