"""A stand-in parser for the worker tests, importing nothing heavy (the worker imports it)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from ingest.errors import IngestError


def work(path: Path, how: str) -> str:
    """Misbehave as told: die, hang, eat memory, raise, or return."""
    if how == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if how == "hang":
        time.sleep(60)
    if how == "eat":
        hog = bytearray(2 * 1024**3)  # over the 600 MB cap of the test
        return str(len(hog))
    if how == "sigint":  # what a Ctrl-C at the terminal does to this worker
        return signal.getsignal(signal.SIGINT).__repr__()
    if how == "raise":
        raise IngestError(path, "bad")
    return f"parsed {path.name}"
