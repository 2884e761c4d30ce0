"""A full disk fails the current file cleanly and stops the batch with a clear message;
nothing is half-written (issue 14: Kùzu aborted the process, exit 134)."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from graph.kuzu_store import KuzuStore
from ingest.batch import ingest_paths
from tests.conftest import REVIEWS

ENV = {"CASEGRAPH_EMBEDDER": "fake"}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REVIEWS.items():
        (folder / name).write_text(text)
    return folder


def test_too_little_space_fails_the_file_and_stops_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    data = tmp_path / "D"
    first = sorted(folder.iterdir())[0]
    done = CliRunner().invoke(main, ["ingest", str(first), "--data-dir", str(data)], env=ENV)
    assert done.exit_code == 0, done.output
    before = KuzuStore(data).reviews()

    real = shutil.disk_usage

    def nearly_full(path: Any) -> Any:
        usage = real(path)
        return type(usage)(usage.total, usage.total - 10 * 2**20, 10 * 2**20)

    monkeypatch.setattr(shutil, "disk_usage", nearly_full)
    result = CliRunner().invoke(
        main, ["ingest", "--json", str(folder), "--data-dir", str(data)], env=ENV
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert "disk" in report["stopped"] and "full" in report["stopped"]
    failed = [f for f in report["files"] if f["status"] == "failed"]
    assert len(failed) == 1 and "free some space" in failed[0]["error"]
    assert len(report["files"]) < len(REVIEWS)  # the batch stopped there
    assert KuzuStore(data).reviews() == before  # nothing half-written, nothing else touched


def test_an_enospc_from_the_store_stops_the_batch_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    store = KuzuStore(tmp_path / "D")

    def no_space(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with store.writer():
        monkeypatch.setattr(store, "put", no_space)
        report = ingest_paths([folder], store)
    assert report.stopped and "No space left" in report.stopped
    assert [f.status for f in report.files] == ["failed"]


def test_sqlite_s_disk_full_stops_the_batch_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    folder = _folder(tmp_path)
    store = KuzuStore(tmp_path / "D")

    def full(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")  # a cache or the index

    with store.writer():
        monkeypatch.setattr(store, "put", full)
        report = ingest_paths([folder], store)
    assert report.stopped and "disk is full" in report.stopped
    assert [f.status for f in report.files] == ["failed"]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=90m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs (needs root): {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_small_disk_filled_up_stops_cleanly(tiny_disk: Path, tmp_path: Path) -> None:
    (tiny_disk / "filler").write_bytes(b"\0" * 40 * 2**20)  # 50 MB left: under the reserve
    folder = _folder(tmp_path)
    result = CliRunner().invoke(
        main, ["ingest", "--json", str(folder), "--data-dir", str(tiny_disk / "D")], env=ENV
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["stopped"] and report["ingested"] == 0
