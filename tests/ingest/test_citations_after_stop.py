"""Reviews stored by a batch that stopped (a full disk, Ctrl-C) get their CITES edges: at
once when the disk still has room, else from the next ingest, even one that finds every file
unchanged."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths

LAST = (
    "Rapid Review: Child D\n\nThe nursery saw a burn on the toddler's arm and rang the duty "
    "social worker the same morning.\n"
)


def _cites(store: KuzuStore) -> int:
    rows = store.query("MATCH (:Review)-[c:CITES]->(:Review) RETURN count(c) AS n")
    return int(rows[0]["n"])


def _failing_on_last(store: KuzuStore, error: BaseException, then: Callable[[], None]) -> Any:
    """store.put, failing with `error` for child-d.txt (stored last) after calling `then`."""
    real = store.put

    def put(document: Any, *args: Any, **kwargs: Any) -> Any:
        if document.file_name == "child-d.txt":
            then()
            raise error
        return real(document, *args, **kwargs)

    return put


@pytest.fixture
def folder(review_folder: Path) -> Path:
    (review_folder / "child-d.txt").write_text(LAST)  # child C cites child B
    return review_folder


def test_a_batch_stopped_with_room_left_links_what_it_stored(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KuzuStore(tmp_path / "D")
    no_space = OSError(errno.ENOSPC, "No space left on device")
    with store.writer():
        monkeypatch.setattr(store, "put", _failing_on_last(store, no_space, lambda: None))
        report = ingest_paths([folder], store)
    assert report.stopped and report.count("ingested") == 3
    assert report.citations == 1
    assert _cites(store) == 1


def test_a_batch_stopped_on_a_full_disk_leaves_the_links_to_the_next_ingest(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KuzuStore(tmp_path / "D")
    real_usage = shutil.disk_usage

    def fill_disk() -> None:
        def full(path: Any) -> Any:
            usage = real_usage(path)
            return type(usage)(usage.total, usage.total - 2**20, 2**20)

        monkeypatch.setattr(shutil, "disk_usage", full)

    no_space = OSError(errno.ENOSPC, "No space left on device")
    with store.writer():
        monkeypatch.setattr(store, "put", _failing_on_last(store, no_space, fill_disk))
        report = ingest_paths([folder], store)
    monkeypatch.undo()  # space freed
    assert report.stopped and "linked by the next ingest" in report.stopped
    assert report.count("ingested") == 3 and report.citations is None
    assert _cites(store) == 0

    (folder / "child-d.txt").unlink()
    with store.writer():
        again = ingest_paths([folder], store)
    assert [f.reason for f in again.files] == ["unchanged"] * 3
    assert again.citations == 1 and _cites(store) == 1

    with store.writer():
        third = ingest_paths([folder], store)
    assert third.citations is None  # up to date: not linked again for nothing


def test_reviews_stored_before_ctrl_c_are_linked_by_the_next_ingest(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KuzuStore(tmp_path / "D")
    with store.writer():
        monkeypatch.setattr(store, "put", _failing_on_last(store, KeyboardInterrupt(), print))
        stopped = ingest_paths([folder], store)  # the summary comes all the same
    monkeypatch.undo()
    assert stopped.stopped and stopped.stopped.startswith("interrupted after 3 files")
    assert stopped.count("ingested") == 3 and stopped.citations is None
    assert len(store.reviews()) == 3 and _cites(store) == 0

    (folder / "child-d.txt").unlink()
    with store.writer():
        again = ingest_paths([folder], store)
    assert again.count("ingested") == 0
    assert again.citations == 1 and _cites(store) == 1
