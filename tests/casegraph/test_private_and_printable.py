"""The data directory is private (0700, files 0600) and names from files never put a
terminal escape code on the screen (issue 14)."""

from __future__ import annotations

import stat
from pathlib import Path

from click.testing import CliRunner

from casegraph.cli import main
from casegraph.text import printable

TEXT = (
    "Serious Case Review: Child D\n\n1.1 The health visitor saw the baby at home and the "
    "father was not there.\n"
)


def test_data_directory_and_files_are_private(tmp_path: Path) -> None:
    (tmp_path / "review.txt").write_text(TEXT)
    data = tmp_path / "D"
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "review.txt"), "--data-dir", str(data)],
        env={"CASEGRAPH_EMBEDDER": "fake"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path.name} is {oct(mode)}"


def test_escape_codes_in_file_names_do_not_reach_the_terminal(tmp_path: Path) -> None:
    name = "evil\x1b]0;pwned\x07\x1b[2J\u202e.txt"
    (tmp_path / name).write_bytes(b"")  # empty: fails, and the failure names the file
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / name), "--data-dir", str(tmp_path / "D")],
        env={"CASEGRAPH_EMBEDDER": "fake"},
    )  # fmt: skip
    assert result.exit_code == 1 and "evil]0;pwned[2J.txt" in result.output
    assert not any(ch in result.output for ch in "\x1b\x07\u202e")


def test_printable_keeps_text_and_drops_controls() -> None:
    assert printable("Child D’s café\tp. 3\n") == "Child D’s café\tp. 3\n"
    assert printable("a\x1b[31mb\x9bc\x00") == "a[31mbc"
