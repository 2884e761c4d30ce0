"""compact() promises that the text of dropped passages cannot be read back from the index
file: while another connection is part-way through a read it cannot keep that promise, and
says so (the erasure stays pending) instead of reporting success."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graph import passage_index
from graph.passage_index import PassageIndex
from graph.store import StoreUnavailable
from tests.graph.test_passage_index_rowids import _rows

SECRET = b"zqxvname"  # made up for this test


def _holds_secret(folder: Path) -> bool:
    return any(SECRET in path.read_bytes() for path in folder.glob("search.sqlite*"))


def test_compact_with_a_reader_mid_read_fails_then_succeeds_once_it_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passage_index, "CHECKPOINT_WAIT", 0.5, raising=False)
    path = tmp_path / "search.sqlite"
    index = PassageIndex(path)
    index.replace_review(_rows("A", [f"ordinary passage {i}" for i in range(200)]))
    index.replace_review(_rows("X", [f"{SECRET.decode()} lived with her aunt"] * 50))
    index.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index.connection.execute("PRAGMA busy_timeout = 100")
    reader = sqlite3.connect(path)  # the app, part-way through reading passages
    cursor = reader.execute("SELECT text FROM passages")
    cursor.fetchone()
    index.drop_review("X")
    with pytest.raises(StoreUnavailable, match="being read by another process"):
        index.compact()
    cursor.close()
    reader.close()
    index.compact()  # the erasure finished later (casegraph delete --finish)
    assert not _holds_secret(tmp_path)
    assert [p for p, _ in index.keyword("ordinary", 3)]


def test_an_index_locked_by_a_writer_at_opening_is_read_with_its_write_ahead_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "search.sqlite"
    writer = PassageIndex(path)
    writer.replace_review(_rows("A", ["the first passage"]))
    writer.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    writer.connection.execute("PRAGMA wal_autocheckpoint = 0")
    writer.replace_review(_rows("B", ["a passage still in the write-ahead log"]))

    def locked(self: PassageIndex) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(PassageIndex, "_writable", locked)  # the set-up met the writer's lock
    reader = PassageIndex(path)
    assert reader.count() == 2
