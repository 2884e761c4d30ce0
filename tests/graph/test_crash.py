"""SIGKILL in the middle of writing a review leaves the store consistent; the next run
finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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
        "casegraph",
        "ingest",
        str(demo),
        "--data-dir",
        str(data),
        "--no-enrich",
        "--workers",
        "1",
    ]
    for delay in (0.5, 2.0):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for_the_store(KuzuStore(data).path, process)
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert_consistent(KuzuStore(data))
    finished = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert len(assert_consistent(KuzuStore(data))) == 14


def _wait_for_the_store(path: Path, process: subprocess.Popen[bytes]) -> None:
    """The kill is timed from the moment the store exists: on a loaded machine starting the
    command alone can take longer than a fixed delay, and a kill before any write tests nothing."""
    deadline = time.monotonic() + 120
    while not path.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.exists(), "the ingest never created its store"


def _enricher(version: str):
    writer = enricher()
    writer.version = version
    return writer
