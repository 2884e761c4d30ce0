"""Options and helpers shared by every command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from casegraph.settings import Settings
from graph.store import StoreUnavailable

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
