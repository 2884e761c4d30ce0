"""Options and helpers shared by every command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from casegraph.settings import Settings
from graph.store import StoreUnavailable
from ingest.limits import Limits

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def data_dir_option(command: F) -> F:
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Settings.from_env().data_dir,
        envvar="CASEGRAPH_DATA_DIR",
        show_default=True,
        help="Where the store lives (env CASEGRAPH_DATA_DIR).",
    )(command)


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(
        command
    )


def read(reader: Callable[[], T]) -> T:
    """Run a store read, turning 'no store yet' or 'busy' into a clear message."""
    try:
        return reader()
    except StoreUnavailable as error:
        raise click.ClickException(str(error)) from error


def limit_options(command: F) -> F:
    """--max-file-mb, --file-timeout, --worker-memory-mb and --max-chars; the command gets
    `limits` (a Limits) and `max_chars`."""
    defaults = Settings.from_env()

    def wrapped(
        *args: Any, max_file_mb: float, file_timeout: float, worker_memory_mb: int, **kw: Any
    ) -> Any:
        limits = Limits(max_file_mb, file_timeout, worker_memory_mb)
        return command(*args, limits=limits, **kw)

    wrapped.__name__ = command.__name__
    wrapped.__doc__ = command.__doc__
    options = [
        click.option(
            "--max-file-mb",
            envvar="CASEGRAPH_MAX_FILE_MB",
            type=float,
            default=defaults.limits.max_file_mb,
            show_default=True,
            help="Refuse files larger than this, unopened (env CASEGRAPH_MAX_FILE_MB).",
        ),
        click.option(
            "--file-timeout",
            envvar="CASEGRAPH_FILE_TIMEOUT",
            type=float,
            default=defaults.limits.file_seconds,
            show_default=True,
            help="Seconds to parse one file before it fails (env CASEGRAPH_FILE_TIMEOUT).",
        ),
        click.option(
            "--worker-memory-mb",
            envvar="CASEGRAPH_WORKER_MEMORY_MB",
            type=int,
            default=defaults.limits.worker_memory_mb,
            show_default=True,
            help="Memory cap of each parser process (env CASEGRAPH_WORKER_MEMORY_MB).",
        ),
        click.option(
            "--max-chars",
            envvar="CASEGRAPH_MAX_CHARS",
            type=int,
            default=defaults.max_chars,
            show_default=True,
            help="Refuse documents with more characters of text (env CASEGRAPH_MAX_CHARS).",
        ),
    ]
    decorated: Any = wrapped
    for option in reversed(options):
        decorated = option(decorated)
    return decorated
