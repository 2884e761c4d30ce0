"""Junk written over the files derived from the store (the search index, the copy
signatures) makes neither `casegraph ingest` nor `casegraph search` fail: each file is set
aside, made again, and the command says so on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from casegraph.cli import main

ENV = {"CASEGRAPH_EMBEDDER": "fake"}
JUNK = b"\x00\xffjunk bytes where a database was\n" * 200
NEW = (
    "Rapid Review: Child D\n\nThe nursery saw a burn on the toddler's arm and rang the duty "
    "social worker the same morning.\n"
)


def _junk(path: Path) -> None:
    for companion in ("-wal", "-shm"):
        path.with_name(path.name + companion).unlink(missing_ok=True)
    path.write_bytes(JUNK)


def test_ingest_and_search_mend_damaged_caches_and_say_so(
    review_folder: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    data = tmp_path / "D"
    done = runner.invoke(main, ["ingest", str(review_folder), "--data-dir", str(data)], env=ENV)
    assert done.exit_code == 0, done.output

    _junk(data / "search.sqlite")
    searched = runner.invoke(
        main, ["search", "county lines", "--json", "--data-dir", str(data)], env=ENV
    )
    assert searched.exit_code == 0, searched.output
    assert any("Child C" in (hit["title"] or "") for hit in json.loads(searched.stdout))
    assert "search index" in searched.stderr and "set aside" in searched.stderr

    _junk(data / "search.sqlite")
    _junk(data / "cache" / "copy-signatures.sqlite")
    (review_folder / "child-d.txt").write_text(NEW)
    ingested = runner.invoke(main, ["ingest", str(review_folder), "--data-dir", str(data)], env=ENV)
    assert ingested.exit_code == 0, ingested.output
    assert "Ingested 1" in ingested.stdout
    assert "search index" in ingested.stderr and "copy-signature cache" in ingested.stderr
    assert "Traceback" not in ingested.output

    searched = runner.invoke(
        main, ["search", "burn on the toddler", "--json", "--data-dir", str(data)], env=ENV
    )
    assert searched.exit_code == 0, searched.output
    assert any("Child D" in (hit["title"] or "") for hit in json.loads(searched.stdout))
    assert searched.stderr == ""  # mended once: nothing more to say
