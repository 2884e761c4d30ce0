"""A reader waits, saying so, while a long review is written, instead of failing after its
lock timeout (the campaign's readers gave up after 60 s)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.kuzu_store import KuzuStore

REPO = Path(__file__).resolve().parents[2]


def test_a_reader_outwaits_a_write_longer_than_its_timeout(
    tmp_path: Path, reviews, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    store = KuzuStore(data)
    with store.writer():
        store.put(*reviews[0][:1], "v1", reviews[0][1])
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.graph.long_writer", str(data), "14"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "holding"
        started = time.monotonic()
        rows = KuzuStore(data, lock_timeout=1).reviews()  # waits for the write to end
        waited = time.monotonic() - started
    finally:
        writer.communicate(timeout=60)
    assert len(rows) == 1 and waited > 1
    assert "waiting" in capsys.readouterr().err


def test_a_reader_is_let_in_while_the_writer_is_between_two_writes(tmp_path: Path, reviews) -> None:
    data = tmp_path / "data"
    store = KuzuStore(data)
    with store.writer():
        store.put(*reviews[0][:1], "v1", reviews[0][1])
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.graph.idle_writer", str(data), "30"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "holding"
        started = time.monotonic()
        rows = KuzuStore(data).reviews()
        waited = time.monotonic() - started
    finally:
        writer.kill()
        writer.communicate(timeout=60)
    assert len(rows) == 1 and waited < 10  # not the writer's 30 s
