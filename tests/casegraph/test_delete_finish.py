"""An erasure that stops part-way (a clean-up step fails after the review left the store) is
said in one line with status 1 and how to finish it; `casegraph delete --finish`, naming the
review again, or the next erasure finishes it, until no file of the data directory holds the
review's text."""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from casegraph import erase
from casegraph.cli import main
from casegraph.erase import PENDING_FILE, erase_reviews
from graph import passage_index
from graph.kuzu_store import KuzuStore
from tests.casegraph.test_delete import GONE, KEEP, SECRET, _files_holding

ENV = {"CASEGRAPH_EMBEDDER": "fake"}
NEEDLES = [SECRET.encode(), b"Quillon Harrowgate", b"Wexcombe"]


def _stored(tmp_path: Path) -> tuple[Path, str, str]:
    """A data directory with two reviews: (its path, the one to erase, the one to keep)."""
    data = tmp_path / "D"
    (tmp_path / "keep.txt").write_text(KEEP)
    (tmp_path / "gone.txt").write_text(GONE)
    files = [str(tmp_path / "keep.txt"), str(tmp_path / "gone.txt")]
    done = CliRunner().invoke(main, ["ingest", *files, "--data-dir", str(data)], env=ENV)
    assert done.exit_code == 0, done.output
    rows = _reviews(data)
    gone = next(r["review_id"] for r in rows if "Child W" in (r["title"] or ""))
    kept = next(r["review_id"] for r in rows if r["review_id"] != gone)
    return data, gone, kept


def _reviews(data: Path) -> list[dict[str, Any]]:
    listed = CliRunner().invoke(main, ["reviews", "--json", "--data-dir", str(data)])
    return list(json.loads(listed.stdout))


def _delete(data: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["delete", *args, "--yes", "--data-dir", str(data)], env=ENV)


def _failing(*args: Any) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def test_a_failed_clean_up_is_said_in_one_line_and_finished_by_delete_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, gone, kept = _stored(tmp_path)
    monkeypatch.setattr(erase, "forget_signatures", _failing)
    stopped = _delete(data, gone)
    monkeypatch.undo()

    assert stopped.exit_code == 1
    message = stopped.stderr.strip().splitlines()
    assert len(message) == 1 and "Traceback" not in stopped.output
    assert "stopped part-way" in message[0] and "copy signatures" in message[0]
    assert "disk is full" in message[0] and "casegraph delete --finish" in message[0]
    assert [r["review_id"] for r in _reviews(data)] == [kept]  # out of the store already
    assert (data / PENDING_FILE).exists()
    assert SECRET.encode() not in (data / PENDING_FILE).read_bytes()  # keys, never text

    finished = _delete(data, "--finish")
    assert finished.exit_code == 0, finished.output
    assert f"Finished the erasure of 1 review ({gone})" in finished.stdout
    assert not (data / PENDING_FILE).exists()
    assert _files_holding(data, NEEDLES) == []
    with sqlite3.connect(data / "cache" / "copy-signatures.sqlite") as signatures:
        assert {row[0] for row in signatures.execute("SELECT review_id FROM signatures_v1")} == {
            kept
        }
    assert "Nothing to finish" in _delete(data, "--finish").stdout


def test_naming_the_review_again_finishes_a_failed_compaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, gone, kept = _stored(tmp_path)

    def no_space(self: KuzuStore) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(KuzuStore, "compact", no_space)
    stopped = _delete(data, gone)
    monkeypatch.undo()
    assert stopped.exit_code == 1
    assert "free pages" in stopped.stderr and "No space left" in stopped.stderr

    again = _delete(data, gone)  # before: "no review"
    assert again.exit_code == 0, again.output
    assert "Finished the erasure" in again.stdout and "the store was compacted" in again.stdout
    assert _files_holding(data, NEEDLES) == []
    assert [r["review_id"] for r in _reviews(data)] == [kept]


def test_the_next_erasure_finishes_one_left_part_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, gone, kept = _stored(tmp_path)
    store = KuzuStore(data)
    monkeypatch.setattr(erase, "forget_vector_keys", _failing)
    with store.writer(), pytest.raises(erase.ErasureIncomplete):
        erase_reviews(store, data, [gone])
    monkeypatch.undo()

    with store.writer():
        report = erase_reviews(store, data, [kept])  # as the app's Library page does
    assert report.removed == [kept] and report.finished == [gone]
    assert report.cached_vectors > 0
    assert _files_holding(data, NEEDLES) == []
    assert store.reviews() == []


def test_a_damaged_cache_does_not_stop_an_erasure(tmp_path: Path) -> None:
    data, gone, _ = _stored(tmp_path)
    (data / "cache" / "embeddings.sqlite").write_bytes(b"junk" * 1000)
    (data / "cache" / "copy-signatures.sqlite").write_bytes(b"junk" * 1000)
    (data / "search.sqlite.damaged-20260101T000000Z").write_bytes(SECRET.encode())
    # a set-aside embedding cache holds the vectors of erased passages, keyed by their text
    vectors = data / "cache" / "embeddings.sqlite.damaged-20260101T000000Z"
    vectors.write_bytes(b"vectors" * 100)

    erased = _delete(data, gone)
    assert erased.exit_code == 0, erased.output
    assert _files_holding(data, NEEDLES) == []  # the set-aside copy held its text: gone
    assert not vectors.exists()
    assert not (data / PENDING_FILE).exists()


def test_delete_without_review_ids_or_finish_says_what_it_needs(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["delete", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "--finish" in result.output


def test_a_search_index_that_fails_after_the_graph_let_go_leaves_the_erasure_on_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.passage_index import PassageIndex

    data, gone, kept = _stored(tmp_path)
    monkeypatch.setattr(PassageIndex, "drop_review", _failing)  # after the graph's commit
    stopped = _delete(data, gone)
    monkeypatch.undo()
    assert stopped.exit_code == 1 and "Traceback" not in stopped.output
    assert "stopped part-way" in stopped.stderr and "search-index rows" in stopped.stderr
    assert [r["review_id"] for r in _reviews(data)] == [kept]
    assert (data / PENDING_FILE).exists()  # not lost: --finish knows what is left

    finished = _delete(data, "--finish")
    assert finished.exit_code == 0, finished.output
    assert _files_holding(data, NEEDLES) == []  # the index rows too, by the writer's reconcile


def test_an_erasure_while_the_app_reads_the_search_index_stays_pending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, gone, kept = _stored(tmp_path)
    monkeypatch.setattr(passage_index, "CHECKPOINT_WAIT", 0.5, raising=False)
    reader = sqlite3.connect(data / "search.sqlite")  # the app, part-way through a read
    cursor = reader.execute("SELECT text FROM passages")
    cursor.fetchone()
    try:
        stopped = _delete(data, gone)
    finally:
        cursor.close()
        reader.close()
    assert stopped.exit_code == 1, stopped.output
    assert "being read by another process" in stopped.stderr
    assert "casegraph delete --finish" in stopped.stderr
    assert [r["review_id"] for r in _reviews(data)] == [kept]  # out of the store already
    assert (data / PENDING_FILE).exists()

    finished = _delete(data, "--finish")
    assert finished.exit_code == 0, finished.output
    assert not (data / PENDING_FILE).exists()
    assert _files_holding(data, NEEDLES) == []
