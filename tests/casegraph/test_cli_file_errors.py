"""A file the CLI cannot write is said in one line that names it, whichever command met it."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main
from tests.conftest import REVIEWS


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "reviews"
    folder.mkdir()
    name, text = next(iter(REVIEWS.items()))
    (folder / name).write_text(text)
    settings = {"CASEGRAPH_DATA_DIR": str(tmp_path / "store"), "CASEGRAPH_EMBEDDER": "fake"}
    assert CliRunner().invoke(main, ["ingest", str(folder)], env=settings).exit_code == 0
    return settings


@pytest.mark.parametrize(
    "command",
    [
        ["search", "father", "--format", "csv", "--output"],
        ["passages", "--theme", "cannabis", "--format", "md", "--output"],
        ["export", "--format", "graphml", "--output"],
    ],
)
def test_an_export_into_a_folder_that_does_not_exist_is_one_line_naming_it(
    env: dict[str, str], tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "no such folder" / "out.file"
    result = CliRunner().invoke(main, [*command, str(target)], env=env)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert str(target) in result.output and "No such file or directory" in result.output
