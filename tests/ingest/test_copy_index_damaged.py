"""A damaged copy-signature cache (DATA_DIR/cache/copy-signatures.sqlite) does not stop a
batch: it is set aside, made again from the stored reviews, and the batch says so."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from graph.derived_files import damaged_copies
from graph.kuzu_store import KuzuStore
from ingest import copy_index
from ingest.batch import ingest_paths
from ingest.copy_index import TABLE, signatures_file

JUNK = b"not signatures at all " * 300
NEW = (
    "Rapid Review: Child D\n\nThe nursery saw a burn on the toddler's arm and rang the duty "
    "social worker the same morning. Nobody asked who else lived at the flat.\n"
)


def _store_with_reviews(review_folder: Path, data: Path) -> KuzuStore:
    store = KuzuStore(data)
    with store.writer():
        assert ingest_paths([review_folder], store).count("ingested") == 3
    return store


def _kept_ids(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as db:
        return {row[0] for row in db.execute(f"SELECT review_id FROM {TABLE}")}


def test_a_damaged_signature_cache_is_made_again_and_the_batch_goes_on(
    review_folder: Path, tmp_path: Path
) -> None:
    store = _store_with_reviews(review_folder, tmp_path / "D")
    cache = signatures_file(store)
    cache.write_bytes(JUNK)
    (review_folder / "child-d.txt").write_text(NEW)

    with store.writer():
        report = ingest_paths([review_folder], store)

    assert [(Path(f.path).name, f.status) for f in report.files if f.status != "skipped"] == [
        ("child-d.txt", "ingested")
    ]
    said = [w for f in report.files for w in f.warnings if "copy-signature cache" in w]
    assert len(said) == 1 and "damaged" in said[0] and "made again" in said[0]
    assert [p.read_bytes() for p in damaged_copies(cache)] == [JUNK]
    assert _kept_ids(cache) == {str(row["review_id"]) for row in store.reviews()}


def test_a_signature_cache_that_cannot_be_written_leaves_the_review_stored(
    review_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store_with_reviews(review_folder, tmp_path / "D")
    (review_folder / "child-d.txt").write_text(NEW)

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(copy_index.CopyIndex, "_connect", full)
    with store.writer():
        report = ingest_paths([review_folder], store)

    [new] = [f for f in report.files if f.status == "ingested"]
    assert Path(new.path).name == "child-d.txt"
    assert any("cannot be used" in w and "disk is full" in w for w in new.warnings)
    assert len(store.reviews()) == 4
    assert damaged_copies(signatures_file(store)) == []  # full is not damaged: nothing moved


def test_a_failing_near_copy_check_does_not_stop_the_batch(
    review_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KuzuStore(tmp_path / "D")

    def broken(*args: object) -> None:
        raise RuntimeError("comparison went wrong")

    monkeypatch.setattr(copy_index.CopyIndex, "find", broken)
    with store.writer():
        report = ingest_paths([review_folder], store)
    assert report.count("ingested") == 3
    assert all(any("comparison went wrong" in w for w in f.warnings) for f in report.files)
