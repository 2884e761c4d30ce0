"""A damaged search index (DATA_DIR/search.sqlite) is set aside and made again from the
graph, with a warning, whether a search or a writer meets it first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graph.derived_files import damaged_copies, is_damaged
from graph.kuzu_store import KuzuStore
from graph.passage_index import PassageIndex
from ingest.batch import ingest_paths

JUNK = b"this was never a database " * 400


def _stored(review_folder: Path, data: Path) -> KuzuStore:
    store = KuzuStore(data)
    with store.writer():
        report = ingest_paths([review_folder], store)
    assert report.count("ingested") == 3
    return store


def _damage(path: Path) -> None:
    for companion in ("-wal", "-shm"):
        path.with_name(path.name + companion).unlink(missing_ok=True)
    path.write_bytes(JUNK)


def test_a_search_meeting_a_damaged_index_makes_it_again_from_the_graph(
    review_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "D"
    before = _stored(review_folder, data).keyword_search("county lines", 5)
    assert before
    _damage(data / "search.sqlite")

    reader = KuzuStore(data)  # a new process: `casegraph search`
    assert reader.keyword_search("county lines", 5) == before
    warning = capsys.readouterr().err
    assert "search index" in warning and "damaged" in warning and "made again" in warning
    [aside] = damaged_copies(data / "search.sqlite")
    assert aside.read_bytes() == JUNK  # kept to look at, not deleted
    assert aside.name in warning


def test_a_writer_meeting_a_damaged_index_makes_it_again_and_goes_on(
    review_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "D"
    _stored(review_folder, data)
    _damage(data / "search.sqlite")
    (review_folder / "child-d.txt").write_text(
        "Rapid Review: Child D\n\nThe nursery saw a burn on the toddler's arm and rang the "
        "duty social worker the same morning.\n"
    )
    store = KuzuStore(data)
    with store.writer():
        report = ingest_paths([review_folder], store)
    assert [f.status for f in report.files].count("ingested") == 1
    assert "damaged" in capsys.readouterr().err
    assert set(store.index.versions()) == {str(row["review_id"]) for row in store.reviews()}
    assert len(store.index.versions()) == 4
    assert store.keyword_search("burn toddler nursery", 3)


def test_an_index_alone_is_made_empty_and_the_damaged_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite"
    path.write_bytes(JUNK)
    (tmp_path / "keywords.npz").write_bytes(b"matrix of the damaged file")
    rebuilt: list[bool] = []
    index = PassageIndex(path, rebuild=lambda: rebuilt.append(True))
    assert index.count() == 0
    assert rebuilt == [True]
    assert not (tmp_path / "keywords.npz").exists()  # its generations were the old file's
    assert [p.read_bytes() for p in damaged_copies(path)] == [JUNK]


def test_a_busy_database_is_not_taken_for_a_damaged_one(tmp_path: Path) -> None:
    path = tmp_path / "held.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError) as busy:
            sqlite3.connect(path, timeout=0).execute("SELECT * FROM t")
    finally:
        holder.close()
    assert not is_damaged(busy.value)
    path.write_bytes(JUNK)
    with pytest.raises(sqlite3.DatabaseError) as junk:
        sqlite3.connect(path).execute("SELECT * FROM t")
    assert is_damaged(junk.value)
