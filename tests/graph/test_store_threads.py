"""One KuzuStore object shared by many threads (as the app shares it across sessions): no
thread may close the database handle under another one."""

from __future__ import annotations

import threading
from pathlib import Path

from graph.kuzu_store import KuzuStore


def test_many_threads_reading_one_store_object(tmp_path: Path, reviews) -> None:
    writer = KuzuStore(tmp_path / "data")
    with writer.writer():
        for document, enrichment in reviews:
            writer.put(document, "v1", enrichment)
    shared = KuzuStore(tmp_path / "data")
    review_id = reviews[0][0].review_id
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(6):
                assert len(shared.reviews()) == len(reviews)
                assert shared.document(review_id) is not None
                assert shared.query("MATCH (p:Passage) RETURN count(p) AS n")[0]["n"] > 0
                shared.collections()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not failures, failures[0]
