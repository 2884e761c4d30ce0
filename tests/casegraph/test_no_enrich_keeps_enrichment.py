"""`casegraph ingest --no-enrich` on a store enriched from the same folder keeps every
review's themes and vectors (the campaign saw 371 themed passages drop to 0)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from casegraph.cli import main
from tests.conftest import REVIEWS

ENV = {"CASEGRAPH_EMBEDDER": "fake"}


def _themed(runner: CliRunner, data: Path) -> int:
    result = runner.invoke(
        main,
        ["cypher", "MATCH (p:Passage)-[:EVIDENCES]->(:Theme) RETURN count(p) AS n", "--json",
         "--data-dir", str(data)],
    )  # fmt: skip
    return int(json.loads(result.stdout)[0]["n"])


def test_no_enrich_on_an_enriched_store_keeps_themes_and_vectors(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for name, text in REVIEWS.items():
        (folder / name).write_text(text)
    data = tmp_path / "D"
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", str(folder), "--data-dir", str(data)], env=ENV)
    assert done.exit_code == 0, done.output
    themed = _themed(runner, data)
    assert themed > 0
    again = runner.invoke(
        main, ["ingest", "--no-enrich", "--json", str(folder), "--data-dir", str(data)], env=ENV
    )
    report = json.loads(again.stdout)
    assert report["ingested"] == 0 and report["skipped"] == len(REVIEWS)
    assert _themed(runner, data) == themed
    found = runner.invoke(main, ["search", "health visitor", "--json", "--data-dir", str(data)],
                          env=ENV)  # fmt: skip
    assert json.loads(found.stdout)  # the vectors are still there for dense search
