"""A reader keeps its keyword and vector matrices (by passage rowid) while a writer works and
looks their rowids up in the passage table as it is now: a rowid must never name another
passage later, or a search would show another review's passages with the old scores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from graph.kuzu_store import KuzuStore
from graph.passage_index import PassageIndex
from graph.schema import EMBEDDING_DIM, ReviewRows
from ingest.batch import ingest_paths
from tests.conftest import enricher

# the passage table as it was before its rowids were AUTOINCREMENT
_OLD_PASSAGES = """CREATE TABLE passages (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, review_id TEXT NOT NULL,
    ordinal INTEGER, text TEXT NOT NULL, section TEXT, paragraph_numbers TEXT,
    page_start INTEGER, page_end INTEGER, review_type TEXT, year INTEGER,
    partnership TEXT, age_band TEXT, outcome TEXT, themes TEXT, theme_bits INTEGER,
    agencies TEXT, agency_bits INTEGER, vector BLOB)"""


def _rows(review_id: str, texts: list[str], vectors: list[list[float]] | None = None) -> ReviewRows:
    review = {
        "id": review_id,
        "version": "v",
        "title": review_id,
        "file_name": f"{review_id}.txt",
        "paths": [f"{review_id}.txt"],
        "review_type": None,
        "publication_year": None,
        "partnership": None,
        "age_band": None,
        "outcome": None,
    }
    passages = [
        {
            "id": f"{review_id}:{i}",
            "ordinal": i,
            "text": text,
            "section": None,
            "paragraph_numbers": [],
            "page_start": 1,
            "page_end": 1,
            "embedding": vectors[i] if vectors else [1.0] + [0.0] * (EMBEDDING_DIM - 1),
            "kind": "narrative",
        }
        for i, text in enumerate(texts)
    ]
    return ReviewRows(review, passages, [], [], {}, None, [], [])


def test_a_review_erased_before_an_ingest_is_not_found_as_the_new_one(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "data"
    with KuzuStore(data).writer() as first:
        for path in sorted(review_folder.iterdir()):  # child C last: the top rowids
            ingest_paths([path], first, enricher=enricher())
    reader = KuzuStore(data)  # the app
    found = reader.keyword_search("county lines", 5)
    assert found
    child_c = reader.passages([found[0][0]])[found[0][0]]["review_id"]
    query = reader.passage_vectors([found[0][0]])[found[0][0]]
    assert reader.dense_search(query, 20)  # both matrices are read now
    with KuzuStore(data).writer() as eraser:  # `casegraph delete`
        eraser.delete_review(child_c)
    new = tmp_path / "child-h.txt"  # written for this test
    new.write_text(
        "Serious Case Review: Child H\n\nBackground\n\nThe family moved to a new flat and "
        "housing officers visited twice.\n\nFindings\n\nThe housing officers did not refer.\n",
        encoding="utf-8",
    )
    writer = KuzuStore(data)
    with writer.writer():
        ingest_paths([new], writer, enricher=enricher())
        reader.index.writing = lambda: True  # as it is while the batch goes on
        stored = {row["review_id"] for row in reader.reviews()}
        for passage_id, _ in reader.keyword_search("county lines", 5) + reader.dense_search(
            query, 20
        ):
            assert reader.passages([passage_id])[passage_id]["review_id"] in stored - {child_c}
        assert reader.keyword_search("county lines", 5) == []


def test_an_index_written_before_keeps_its_rowids_and_never_reuses_a_saved_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "search.sqlite"
    first = PassageIndex(path)
    first.replace_review(_rows("A", ["the nursery saw bruising"]))
    first.replace_review(_rows("X", ["methadone was left within reach"]))
    first.current_keyword_matrix()  # saved beside the index, X's passage the top rowid
    rowids = dict(first.connection.execute("SELECT id, rowid FROM passages").fetchall())
    first.connection.close()
    db = sqlite3.connect(path)  # as an earlier casegraph made it, and X erased by that one
    kept = db.execute("SELECT * FROM passages WHERE review_id = 'A'").fetchall()
    db.execute("DROP TABLE passages")
    db.execute(_OLD_PASSAGES)
    db.executemany(f"INSERT INTO passages VALUES ({','.join('?' * 19)})", [r[:19] for r in kept])
    db.execute("DELETE FROM reviews WHERE review_id = 'X'")
    db.commit()
    db.close()
    writing = {"on": True}  # a writer is at work: the app uses the saved matrix
    app = PassageIndex(path, writing=lambda: writing["on"])
    cli = PassageIndex(path)
    cli.replace_review(_rows("Y", ["the family moved to a new flat"]))
    assert app.keyword("methadone", 5) == []  # X's rowid does not name Y's passage
    after = dict(cli.connection.execute("SELECT id, rowid FROM passages").fetchall())
    assert after["A:0"] == rowids["A:0"]
    assert after["Y:0"] > rowids["X:0"]
    writing["on"] = False
    assert [p for p, _ in app.keyword("nursery", 5)] == ["A:0"]


def _index_written_before(path: Path) -> sqlite3.Connection:
    """An index holding review A's passage in the passages table an earlier casegraph made
    (rowids not AUTOINCREMENT, with the columns added to it by then); its connection open."""
    PassageIndex(path).replace_review(_rows("A", ["the nursery saw bruising"]))
    db = sqlite3.connect(path, isolation_level=None)
    kept = db.execute("SELECT * FROM passages").fetchall()
    db.execute("DROP TABLE passages")
    db.execute(_OLD_PASSAGES)
    for column in ("kind", "document_kind", "theme_scores"):
        db.execute(f"ALTER TABLE passages ADD COLUMN {column} TEXT")
    db.executemany(f"INSERT INTO passages VALUES ({','.join('?' * 22)})", kept)
    return db


def test_an_index_written_before_opened_while_another_process_writes_is_remade_later(
    tmp_path: Path,
) -> None:
    path = tmp_path / "search.sqlite"
    db = _index_written_before(path)
    db.execute("CREATE INDEX passages_review ON passages(review_id)")
    db.execute("BEGIN IMMEDIATE")  # another process is part-way through a write
    opened = PassageIndex(path)
    assert [p for p, _ in opened.keyword("nursery", 5)] == ["A:0"]  # read, not read-only
    db.execute("ROLLBACK")
    db.close()
    opened.replace_review(_rows("B", ["a school nurse visit"]))
    schema = "SELECT sql FROM sqlite_master WHERE name = 'passages'"
    assert "AUTOINCREMENT" not in opened.connection.execute(schema).fetchone()[0]
    later = PassageIndex(path)
    assert "AUTOINCREMENT" in later.connection.execute(schema).fetchone()[0]
    assert {p for p, _ in later.keyword("nursery nurse", 5)} == {"A:0", "B:0"}


def test_only_an_index_s_writer_upgrades_an_index_written_before(tmp_path: Path) -> None:
    # The upgrade holds the file's write lock while it copies every passage: a reader (the
    # app loading a page) leaves it to the writer, who would otherwise wait on the reader.
    path = tmp_path / "search.sqlite"
    _index_written_before(path).close()
    schema = "SELECT sql FROM sqlite_master WHERE name = 'passages'"
    reader = PassageIndex(path, upgrades=lambda: False)
    assert [p for p, _ in reader.keyword("nursery", 5)] == ["A:0"]
    assert "AUTOINCREMENT" not in reader.connection.execute(schema).fetchone()[0]
    writer = PassageIndex(path, upgrades=lambda: True)
    assert "AUTOINCREMENT" in writer.connection.execute(schema).fetchone()[0]
