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
