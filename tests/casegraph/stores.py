"""A small store built through the CLI, for the commands' tests."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from casegraph.cli import main


def ingested(tmp_path_factory: pytest.TempPathFactory, sources: dict[str, str]) -> dict[str, str]:
    """The environment of a store holding `sources` (file name -> text), ingested with the
    fake embedder."""
    folder = tmp_path_factory.mktemp("sources")
    for name, text in sources.items():
        (folder / name).write_text(text)
    data = tmp_path_factory.mktemp("store") / "data"
    env = {"CASEGRAPH_DATA_DIR": str(data), "CASEGRAPH_EMBEDDER": "fake"}
    done = CliRunner().invoke(main, ["ingest", str(folder)], env=env)
    assert done.exit_code == 0, done.output
    return env
