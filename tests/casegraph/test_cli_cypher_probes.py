"""The issue's probes against `casegraph cypher` without --write, on a real Kùzu store:
each refused with a clear message and a non-zero exit, nothing read or written."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from casegraph.cli import main

RUN = "import sys; from casegraph.cli import main; sys.argv[0] = 'casegraph'; main()"

PROBES = [
    "UNWIND ['/*'] AS a LOAD FROM '/etc/passwd' (file_format='csv', header=false, delim=':') "
    "RETURN *, '*/' AS b",
    "RETURN '//' AS a; COPY (MATCH (p:Passage) RETURN p.text) TO 'victim.csv' (header=false)",
    "RETURN '//' AS a; EXPORT DATABASE 'dumpdir'",
    "RETURN '//' AS a; LOAD EXTENSION 'evil.so'",
    "RETURN '//' AS a; INSTALL httpfs",
    "RETURN '//' AS a; UNINSTALL httpfs",
    "RETURN '//' AS a\nCOPY (MATCH (p:Passage) RETURN p.text) TO 'victim.csv' (header=false)",
    "RETURN '//' AS a\nEXPORT DATABASE 'dumpdir'",
    "RETURN '//' AS a\nLOAD EXTENSION 'evil.so'",
    "RETURN '//' AS a\nINSTALL httpfs",
    "RETURN 1 AS a; RETURN 2 AS b",
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("probes")
    source = root / "review.txt"
    source.write_text(
        "Serious Case Review: Child D\n\n1.1 The health visitor saw the baby at home.\n"
    )
    env = {"CASEGRAPH_EMBEDDER": "fake"}
    result = CliRunner().invoke(
        main, ["ingest", str(source), "--data-dir", str(root / "D")], env=env
    )
    assert result.exit_code == 0, result.output
    return root / "D"


@pytest.mark.parametrize("probe", PROBES)
def test_probe_is_refused_without_traceback(
    probe: str, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["cypher", probe, "--data-dir", str(data_dir)])
    assert result.exit_code == 1
    assert "refused:" in result.output and "Traceback" not in result.output
    assert "root:" not in result.output  # /etc/passwd was not read
    assert not (tmp_path / "victim.csv").exists() and not (tmp_path / "dumpdir").exists()
    assert not (data_dir / "victim.csv").exists()


def test_probe_in_a_real_process_exits_cleanly(data_dir: Path, tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", RUN, "cypher", PROBES[1], "--data-dir", str(data_dir)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "refused:" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_read_query_still_runs(data_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["cypher", "MATCH (r:Review) RETURN count(r) AS n", "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 0 and "1" in result.output
