"""SIGKILL in the middle of writing a review leaves the store consistent; the next run
finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graph.kuzu_store import KuzuStore
from ingest.batch import PARSE_VERSION, ingest_paths
from tests.conftest import enricher

REPO = Path(__file__).resolve().parents[2]


def run_and_die(folder: Path, data: Path, die_at: int, version: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.graph.crash_ingest",
            str(folder),
            str(data),
            str(die_at),
            version,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]


def assert_consistent(store: KuzuStore) -> dict[str, str]:
    """Every review is whole and no passage hangs loose; returns review id -> version."""
    reviews = store.query(
        "MATCH (r:Review) OPTIONAL MATCH (r)-[:HAS_PASSAGE]->(p:Passage) "
        "RETURN r.id AS id, r.version AS version, r.passage_count AS expected, count(p) AS stored"
    )
    for review in reviews:
        assert review["stored"] == review["expected"], review
    loose = store.query(
        "MATCH (p:Passage) WHERE NOT EXISTS { MATCH (:Review)-[:HAS_PASSAGE]->(p) } "
        "RETURN count(p) AS n"
    )
    assert loose == [{"n": 0}]
    return {row["id"]: row["version"] for row in reviews}


def test_killed_while_writing_a_new_review(tmp_path: Path, review_folder: Path) -> None:
    data = tmp_path / "data"
    run_and_die(review_folder, data, die_at=2, version="v1")
    store = KuzuStore(data)
    assert len(assert_consistent(store)) == 1  # the first review whole, the second not at all

    with store.writer():
        report = ingest_paths([review_folder], store, enricher=_enricher("v1"))
    assert (report.count("skipped"), report.count("ingested")) == (1, 2)
    assert len(assert_consistent(store)) == 3


def test_killed_while_replacing_keeps_the_previous_version(
    tmp_path: Path, review_folder: Path
) -> None:
    data = tmp_path / "data"
    store = KuzuStore(data)
    with store.writer():
        ingest_paths([review_folder], store, enricher=_enricher("v1"))
    run_and_die(review_folder, data, die_at=2, version="v2")
    versions = sorted(assert_consistent(store).values())
    # the review being replaced when the process died is still at v1
    assert len(versions) == 3 and versions.count(f"{PARSE_VERSION}+v1") == 2


@pytest.mark.integration
def test_killed_at_a_random_moment_during_a_real_ingest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    demo = REPO / "corpora" / "demo"
    command = [
        sys.executable,  # this checkout's casegraph (cwd=REPO), not an installed one
        "-c",
        "import sys; from casegraph.cli import main; sys.exit(main())",
        "ingest",
        str(demo),
        "--data-dir",
        str(data),
        "--no-enrich",
        "--workers",
        "1",
    ]
    for delay in (0.05, 0.2):  # the demo reviews are stored about 0.3 s apart
        process = subprocess.Popen(
            command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        progress = _Progress(process)
        assert progress.stored.wait(300), "the ingest stored no review: " + progress.text()
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        progress.reader.join(60)
        # a run that ended on its own before the kill has tested nothing
        assert process.returncode == -signal.SIGKILL, (
            f"the ingest ended on its own (exit status {process.returncode}) before it was "
            f"killed:\n{progress.text()}"
        )
        assert_consistent(KuzuStore(data))
    finished = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert len(assert_consistent(KuzuStore(data))) == 14


class _Progress:
    """Reads the ingest's progress lines (one per file on stderr when it is not a terminal):
    `stored` is set once this run has stored a review, so the kill comes after start-up (which
    can take seconds on a loaded machine) in the middle of the writes, not before any."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.stored = threading.Event()
        self.reader = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.reader.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        for line in process.stderr:  # read to the end, so the pipe never fills
            self.lines.append(line)
            if " ingested: " in line:
                self.stored.set()

    def text(self) -> str:
        return "".join(self.lines)[-2000:]


def _enricher(version: str):
    writer = enricher()
    writer.version = version
    return writer
