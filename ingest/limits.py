"""Limits on what one input file may cost, and the worker processes that enforce them.

Each file is parsed in a process of its own (forked from a small server that has the parser
already imported), with an address-space cap (RLIMIT_AS) and a wall-clock limit. A file
that takes too long is stopped, a worker that dies (killed, out of memory, a crash in a
native library) fails its own file only, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import signal
import stat
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import forkserver, spawn
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ingest.errors import IngestError, TooLarge, UnreadableFile

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one file may cost. Settable with the environment (casegraph.settings) and CLI
    options."""

    max_file_mb: float = 200.0  # bytes on disk; the largest public review we hold is ~30 MB
    file_seconds: float = 300.0  # wall-clock time to parse one file
    worker_memory_mb: int = 4096  # address space of a parser process


def check_file(path: Path, limits: Limits) -> None:
    """Refuse, without opening it, a path that is not a regular file or is over the size
    limit (a FIFO would block the batch for ever; a device or a sparse file never ends)."""
    try:
        info = path.stat()
    except FileNotFoundError as error:
        raise UnreadableFile(
            path, "it no longer exists (moved or deleted during the batch)"
        ) from error
    except OSError as error:
        raise UnreadableFile(path, error.strerror or str(error)) from error
    if stat.S_ISDIR(info.st_mode):
        return  # read_bytes says "it is a directory"
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket"
            if stat.S_ISSOCK(info.st_mode)
            else "not a regular file"
        )
        raise UnreadableFile(path, f"{kind}, not a regular file; it was not opened")
    if info.st_size > limits.max_file_mb * MB:
        raise TooLarge(
            path,
            f"{info.st_size / MB:,.0f} MB, over the limit of {limits.max_file_mb:g} MB "
            "(--max-file-mb, CASEGRAPH_MAX_FILE_MB)",
        )


_context: Any = None
_starting = threading.local()


def _without_main(original: Any) -> Any:
    """multiprocessing re-runs the parent's __main__ in a new worker; under Streamlit (or its
    AppTest) __main__ is a page script, which must not run there. Our workers need only the
    parser's module, so the main module is left out of what they are prepared with."""

    def prepare(name: str) -> dict[str, Any]:
        data: dict[str, Any] = original(name)
        if getattr(_starting, "ours", False):
            data.pop("init_main_from_path", None)
            data.pop("init_main_from_name", None)
        return data

    return prepare


spawn.get_preparation_data = _without_main(spawn.get_preparation_data)


def _process_context(module: str) -> Any:
    """A forkserver with the parser's module imported: workers start in milliseconds, and
    without the models (or threads) of the parent process in their address space."""
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["ingest.pipeline", module])
    return _context


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """SIGINT ignored while the forkserver (and multiprocessing's resource tracker) are started,
    the first time: they inherit it, and so do the workers the forkserver forks. A Ctrl-C at
    the terminal reaches every process of the group, and would otherwise print the traceback
    of a forkserver still importing the parser; this process stops the batch on Ctrl-C, and
    the workers with it (IsolatedRunner.close). Only the main thread can set signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def _child(connection: Connection, work: Any, args: tuple[Any, ...], memory_mb: int) -> None:
    limit = memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        outcome = work(*args)
    except MemoryError:
        outcome = MemoryError(f"over the memory limit of {memory_mb} MB")
    except IngestError as error:
        outcome = error
    except BaseException as error:  # reported to the parent, which fails the file
        outcome = RuntimeError(f"{type(error).__name__}: {error}")
    _reply(connection, outcome, memory_mb)


def _reply(connection: Connection, outcome: Any, memory_mb: int) -> None:
    """Send a worker's outcome to the batch, which may have stopped (Ctrl-C) and gone."""
    try:
        try:
            connection.send(outcome)
        except MemoryError:
            connection.send(MemoryError(f"over the memory limit of {memory_mb} MB"))
    except OSError:  # a broken pipe: nobody waits for this file any more
        pass
    connection.close()


@dataclass
class _Running:
    key: Any
    path: Path
    process: Any
    connection: Connection
    deadline: float


class IsolatedRunner:
    """Runs `work(path, *args)` for each file in its own limited process, `workers` at once;
    results come back in submission order, a failure as an IngestError naming the file."""

    def __init__(self, work: Any, workers: int, limits: Limits) -> None:
        self.work = work
        self.workers = max(1, workers)
        self.limits = limits
        self.running: list[_Running] = []
        self.done: dict[int, Any] = {}
        self.order: list[tuple[int, Path]] = []
        self.count = 0

    def submit(self, path: Path, *args: Any) -> Iterator[tuple[Path, Any]]:
        """Start a file (waiting for a free worker first); yields files finished meanwhile."""
        while len(self.running) >= self.workers:
            self._wait_one()
            yield from self._ready()
        context = _process_context(self.work.__module__)
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_child,
            args=(sender, self.work, (path, *args), self.limits.worker_memory_mb),
            daemon=True,
        )
        _starting.ours = True
        try:
            with _interrupts_ignored():  # a moment: the forkserver is started, not waited for
                forkserver.ensure_running()
            process.start()
        finally:
            _starting.ours = False
        sender.close()
        key = self.count
        self.count += 1
        self.order.append((key, path))
        deadline = time.monotonic() + self.limits.file_seconds
        self.running.append(_Running(key, path, process, receiver, deadline))
        yield from self._ready()

    def drain(self) -> Iterator[tuple[Path, Any]]:
        while self.running:
            self._wait_one()
            yield from self._ready()
        yield from self._ready()

    def close(self) -> None:
        for job in self.running:
            _stop(job.process)
            job.connection.close()
        self.running.clear()

    def _ready(self) -> Iterator[tuple[Path, Any]]:
        while self.order and self.order[0][0] in self.done:
            key, path = self.order.pop(0)
            yield path, self.done.pop(key)

    def _wait_one(self) -> None:
        """Block until at least one running file has finished, failed or run out of time."""
        from multiprocessing.connection import wait

        while True:
            now = time.monotonic()
            timeout = max(0.0, min(job.deadline for job in self.running) - now)
            ready = wait([job.connection for job in self.running], timeout=min(timeout, 1.0))
            finished = False
            for job in list(self.running):
                if job.connection in ready:
                    self._collect(job)
                    finished = True
                elif time.monotonic() > job.deadline:
                    _stop(job.process)
                    self._finish(
                        job,
                        IngestError(
                            job.path,
                            f"parsing took longer than {self.limits.file_seconds:g} s and was "
                            "stopped (--file-timeout, CASEGRAPH_FILE_TIMEOUT)",
                        ),
                    )
                    finished = True
            if finished:
                return

    def _collect(self, job: _Running) -> None:
        try:
            outcome = job.connection.recv()
        except (EOFError, OSError):
            job.process.join(5)
            outcome = IngestError(job.path, _death(job.process.exitcode, self.limits))
        else:
            job.process.join(5)
            if isinstance(outcome, MemoryError):
                outcome = IngestError(job.path, f"parsing ran out of memory: {outcome}")
            elif isinstance(outcome, RuntimeError) and not isinstance(outcome, IngestError):
                outcome = IngestError(job.path, f"the parser failed: {outcome}")
        self._finish(job, outcome)

    def _finish(self, job: _Running, outcome: Any) -> None:
        job.connection.close()
        self.running.remove(job)
        self.done[job.key] = outcome


def _death(exitcode: int | None, limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"the parser process died ({name}{hint}); the other files go on"
    return f"the parser process ended without a result (exit status {exitcode})"


def _stop(process: Any) -> None:
    if process.is_alive():
        process.kill()
    process.join(5)
