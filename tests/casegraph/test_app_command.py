"""`casegraph app` stops its Streamlit child when it is stopped, and starts Streamlit with
no error details and no file watcher."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.search_app.app.browser import CASEGRAPH, free_port, wait_until_up

pytestmark = pytest.mark.integration


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(n) for n in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "zombie" not in status.read_text()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_casegraph_app_stops_streamlit_and_frees_the_port(
    stop: signal.Signals, tmp_path: Path
) -> None:
    port = free_port()
    process = subprocess.Popen(
        [*CASEGRAPH, "app", "--data-dir", str(tmp_path / "data"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", process)  # type: ignore[arg-type]
        [child] = _children(process.pid)
        command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        assert b"--client.showErrorDetails" in command and b"none" in command
        assert b"--server.fileWatcherType" in command
        process.send_signal(stop)  # to casegraph only, not its process group
        assert process.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child), "the Streamlit child outlived casegraph app"
        with socket.socket() as probe:  # nothing listens there any more (TIME_WAIT aside)
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", port))
            probe.listen()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_run_foreground_passes_the_exit_status_on(tmp_path: Path) -> None:
    from casegraph.child import run_foreground

    assert run_foreground([sys.executable, "-c", "raise SystemExit(3)"], os.environ) == 3
