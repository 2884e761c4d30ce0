"""A progress bar for long batches: counts, rate and the file at hand, on stderr."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Redraws one line on a terminal; prints a line per step when stderr is not a terminal."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, width: int = 28):
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self.interactive = self.stream.isatty()
        self.closed = False

    def step(self, note: str = "") -> None:
        self.done += 1
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.done / elapsed
        remaining = (self.total - self.done) / rate if rate else 0.0
        filled = int(self.width * self.done / self.total)
        bar = "█" * filled + "·" * (self.width - filled)
        line = (
            f"{self.label} [{bar}] {self.done}/{self.total} "
            f"{rate:.1f}/s eta {remaining:.0f}s {note}"
        )
        if self.interactive:
            self.stream.write("\r\033[K" + line[:160])
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line; once, however often it is called."""
        if self.interactive and not self.closed:
            self.stream.write("\n")
            self.stream.flush()
        self.closed = True
