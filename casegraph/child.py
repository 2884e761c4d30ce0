"""Run a child process in the foreground and stop it with us: SIGTERM or SIGINT sent to
casegraph is passed on to the child, and casegraph waits for it to exit (so that
`casegraph app` never leaves a Streamlit server holding its port)."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Mapping, Sequence
from types import FrameType

FORWARDED = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
GRACE_SECONDS = 10.0  # then the child is killed


def run_foreground(command: Sequence[str], env: Mapping[str, str]) -> int:
    """Run `command` until it exits, forwarding termination signals; its exit status."""
    child = subprocess.Popen(list(command), env=dict(env))
    previous = {}

    def forward(number: int, _frame: FrameType | None) -> None:
        if child.poll() is None:
            child.send_signal(number)

    for number in FORWARDED:
        previous[number] = signal.signal(number, forward)
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:  # a handler replaced by the caller's: stop the child
                child.terminate()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
