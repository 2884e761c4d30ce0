"""A read-only data directory (a read-only mount, as for an archive copy) serves every read
command: nothing tries to create a lock, flag, journal or cache file in it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main

ENV = {"CASEGRAPH_EMBEDDER": "fake"}


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    source = tmp_path / "review.txt"
    source.write_text(
        "Serious Case Review: Child D\n\n1.1 The health visitor saw the baby at home and the "
        "father was not there.\n\n1.2 The GP was not told about the bruise by the police.\n"
    )
    data, mount = tmp_path / "data", tmp_path / "ro"
    done = CliRunner().invoke(main, ["ingest", str(source), "--data-dir", str(data)], env=ENV)
    assert done.exit_code == 0, done.output
    mount.mkdir()
    bind = subprocess.run(["mount", "--bind", str(data), str(mount)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"cannot bind-mount (needs root): {bind.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True)
        with pytest.raises(OSError):
            (mount / "probe").touch()
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)  # lazy: files may be open


def test_every_read_command_works_on_a_read_only_data_directory(
    read_only: Path, tmp_path: Path
) -> None:
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, [*args, "--data-dir", str(read_only)], env=ENV)
        assert result.exit_code == 0, (args, result.output)
        assert "Traceback" not in result.output
        return str(result.stdout)

    review_id = json.loads(run("reviews", "--json"))[0]["review_id"]
    assert "bruise" in run("show", review_id)
    assert "bruise" in run("search", "bruise")
    run("similar", review_id)
    run("similar", "--text", "a baby with a bruise")
    run("cooccur")
    run("trends")
    run("links")
    assert "agency" in run("neighbourhood", review_id)
    assert "1" in run("cypher", "MATCH (r:Review) RETURN count(r) AS n")
    run("export", "--output", str(tmp_path / "g.graphml"))
    run("quotes", "list")


@pytest.mark.parametrize(
    "args",
    [
        ["review", "correct", "REVIEW", "outcome", "died"],
        ["quotes", "add", "Briefing", "PASSAGE"],
        ["ingest", "SOURCE"],
        ["delete", "REVIEW", "--yes"],
    ],
)
def test_a_change_to_a_read_only_data_directory_is_refused_plainly(
    read_only: Path, tmp_path: Path, args: list[str]
) -> None:
    runner = CliRunner()
    shown = runner.invoke(main, ["reviews", "--json", "--data-dir", str(read_only)], env=ENV)
    review_id = json.loads(shown.stdout)[0]["review_id"]
    document = runner.invoke(
        main, ["show", review_id, "--json", "--data-dir", str(read_only)], env=ENV
    )
    passage_id = json.loads(document.stdout)["passages"][0]["id"]
    source = tmp_path / "another.txt"
    source.write_text("Serious Case Review: Child E\n\n1.1 The school saw the child every day.\n")
    named = {"REVIEW": review_id, "PASSAGE": passage_id, "SOURCE": str(source)}
    result = runner.invoke(
        main, [*(named.get(a, a) for a in args), "--data-dir", str(read_only)], env=ENV
    )
    assert result.exit_code != 0
    assert "read-only" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, OSError)
