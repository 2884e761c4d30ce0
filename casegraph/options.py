"""Options and helpers shared by every command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from casegraph.settings import SettingError, Settings
from graph.store import StoreUnavailable
from ingest.limits import Limits

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

# a year a review may be published or an incident happen in; anything else is a typing slip
YEAR = click.IntRange(1900, 2100)


class SettingDefault:
    """An option's default taken from the settings when the command runs, not when the CLI is
    imported: a bad environment value is then one line from the command that met it (see
    casegraph.cli.Commands), and --help still works, showing the value or what is wrong."""

    def __init__(self, pick: Callable[[Settings], Any]) -> None:
        self.pick = pick

    def __call__(self) -> Any:
        return self.pick(Settings.from_env())

    def __str__(self) -> str:  # the default as --help shows it
        try:
            return str(self())
        except SettingError as error:
            return f"unusable, {error}"


def data_dir_option(command: F) -> F:
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=SettingDefault(lambda settings: settings.data_dir),
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
    `limits` (a Limits) and `max_chars`. Their defaults come from the environment."""

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
            type=float,
            default=SettingDefault(lambda settings: settings.limits.max_file_mb),
            show_default=True,
            help="Refuse files larger than this, unopened (env CASEGRAPH_MAX_FILE_MB).",
        ),
        click.option(
            "--file-timeout",
            type=float,
            default=SettingDefault(lambda settings: settings.limits.file_seconds),
            show_default=True,
            help="Seconds to parse one file before it fails (env CASEGRAPH_FILE_TIMEOUT).",
        ),
        click.option(
            "--worker-memory-mb",
            type=int,
            default=SettingDefault(lambda settings: settings.limits.worker_memory_mb),
            show_default=True,
            help="Memory cap of each parser process (env CASEGRAPH_WORKER_MEMORY_MB).",
        ),
        click.option(
            "--max-chars",
            type=int,
            default=SettingDefault(lambda settings: settings.max_chars),
            show_default=True,
            help="Refuse documents with more characters of text (env CASEGRAPH_MAX_CHARS).",
        ),
    ]
    decorated: Any = wrapped
    for option in reversed(options):
        decorated = option(decorated)
    return decorated
